"""The MkDocs plugin: a thin adapter that feeds the core's pages to MkDocs and watches data/."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from playbook import checks, clock, ics, public
from playbook.checklist_labels import name_checkboxes
from playbook.config import PlaybookConfig
from playbook.link import Playbook, link
from playbook.load import DocumentCache, load_documents
from playbook.problems import DataError
from playbook.render import Renderer, nav_pages

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
STYLESHEETS = ("playbook.css", "print.css")
SCRIPTS = ("tables.js",)
WORKER_SHIM = "iframe-worker.js"  # MIT, from the npm package iframe-worker 1.0.4


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (on_startup is defined): parsed files are reused
        # while unchanged, so an edit to one contact re-reads one file.
        self.cache = DocumentCache()
        self.renderer: Renderer | None = None
        self.root = Path.cwd()
        self.command = ""
        self.public = False
        self.private_names: re.Pattern[str] | None = None
        # Pages of the last good build: during `serve`, each shows the problems instead of going
        # stale when an edit breaks the data, so the open page tells what to fix.
        self.last_pages: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        try:
            self.public = public.choose_profile(self.config.profile, os.environ) == "public"
        except public.ProfileError as error:
            raise PluginError(str(error)) from None
        if self.command == "gh-deploy" and not self.public:
            raise PluginError(public.deploy_refusal(self.command))
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
        playbook: Playbook | None = None  # stays None while `serve` shows the problems
        try:
            documents = list(load_documents(self.data_dir, self.root, self.cache))
            # "Today" is the day in the profile's time zone, from the environment (clock.py).
            playbook = link(documents, lambda tz: clock.today(tz=tz))
            if self.public:
                pages = public.render(self.renderer, public.public_view(playbook))
                warnings = []
            else:
                pages = self.renderer.render(playbook)
                warnings = checks.template_warnings(playbook)
        except DataError as error:
            if self.command != "serve":
                raise PluginError(error.report()) from None
            # The server keeps running; the terminal and every open page show the problems.
            log.error(error.report())
            pages = dict.fromkeys(self.last_pages or {"index.md"}, error.page())
        except (clock.ClockError, public.ProfileError) as error:
            raise PluginError(str(error)) from None
        else:
            self.last_pages = set(pages)
            # A template that breaks a rule for every contact is a mistake in it: --strict fails.
            for warning in warnings:
                log.warning(warning)
            self.private_names = public.name_finder(
                c.name for c in playbook.contacts.values() if not c.public
            )
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
        for asset in (*STYLESHEETS, *SCRIPTS, WORKER_SHIM):
            files.append(
                File.generated(config, f"assets/playbook/{asset}", abs_src_path=str(ASSETS / asset))
            )
        if playbook is not None and not self.public:
            files.append(self.calendar_file(config, playbook))
        return files

    @staticmethod
    def calendar_file(config: MkDocsConfig, playbook: Playbook) -> File:
        """site/calendar.ics: conversations and due actions (private: names and places)."""
        content = ics.calendar_ics(
            playbook, config.site_url or "/", directory_urls=config.use_directory_urls
        )
        return File.generated(config, "calendar.ics", content=content)

    @event_priority(-100)  # after Material's offline plugin has added its polyfill
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The site requests no other host, offline copy included (public.own_scripts).
        shim = f"assets/playbook/{WORKER_SHIM}"
        config.extra["polyfills"] = public.own_scripts(config.extra.get("polyfills") or [], shim)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.public and page.file.generated_by is None:
            # Hand-written pages are published as written: say so when one names a contact.
            for name in public.named_contacts(markdown, self.private_names):
                log.warning(
                    "%s names %s, a contact without `public: true`; the public build publishes "
                    "hand-written pages as they are",
                    page.file.src_uri,
                    name,
                )
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return name_checkboxes(html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return public.noindex(output) if self.config.noindex else output

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The 404 page is rendered from the theme's template, not as a page.
        if self.config.noindex and template_name.endswith(".html"):
            return public.noindex(output)
        return output

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.data_dir))
        if self.config.templates_dir:
            server.watch(str(self.root / self.config.templates_dir))
        return server
