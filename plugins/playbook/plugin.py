"""The MkDocs plugin: a thin adapter that feeds the core's pages to MkDocs and watches data/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from playbook import clock
from playbook.checklist_labels import name_checkboxes
from playbook.config import PlaybookConfig
from playbook.link import link
from playbook.load import DocumentCache, load_documents
from playbook.problems import DataError
from playbook.render import Renderer, nav_pages

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
STYLESHEETS = ("playbook.css", "print.css")
SCRIPTS = ("tables.js",)


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (on_startup is defined): parsed files are reused
        # while unchanged, so an edit to one contact re-reads one file.
        self.cache = DocumentCache()
        self.renderer: Renderer | None = None
        self.root = Path.cwd()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        overrides = self.config.templates_dir
        self.renderer = Renderer(
            self.root / overrides if overrides else None, allow_html=self.config.allow_html
        )
        for sheet in STYLESHEETS:
            uri = f"assets/playbook/{sheet}"
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        for script in SCRIPTS:
            uri = f"assets/playbook/{script}"
            if uri not in map(str, config.extra_javascript):
                config.extra_javascript.append(uri)
        return config

    @property
    def data_dir(self) -> Path:
        return self.root / self.config.data_dir

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        try:
            documents = list(load_documents(self.data_dir, self.root, self.cache))
            # "Today" is the day in the profile's time zone, from the environment (clock.py).
            playbook = link(documents, lambda tz: clock.today(tz=tz))
            pages = self.renderer.render(playbook)
        except DataError as error:
            raise PluginError(error.report()) from None
        except clock.ClockError as error:
            raise PluginError(str(error)) from None
        in_nav = nav_pages(pages)
        for uri, markdown in pages.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                # A hand-written page in content/ wins over a generated one of the same path.
                log.info("content/%s replaces the generated page of the same name", uri)
                continue
            # Explicit levels: MkDocs' default exclude_docs would otherwise drop /templates/.
            inclusion = InclusionLevel.INCLUDED if uri in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, content=markdown, inclusion=inclusion))
        for asset in (*STYLESHEETS, *SCRIPTS):
            files.append(
                File.generated(config, f"assets/playbook/{asset}", abs_src_path=str(ASSETS / asset))
            )
        return files

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        return name_checkboxes(html)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.data_dir))
        if self.config.templates_dir:
            server.watch(str(self.root / self.config.templates_dir))
        return server
