"""The MkDocs plugin: MkDocs' events, each handed to the build session (builder/session.py).

The session keeps what lasts between `mkdocs serve` rebuilds and does the work of each build:
the data read and linked, a File for every page, the pages rendered (cached, in parallel) and
wrapped in the theme, the encrypted profile's sealing. Each hook here only says when.
"""

from __future__ import annotations

import os
from typing import Any

import click
import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from playbook.builder.session import BuildSession
from playbook.config import PlaybookConfig

log = get_plugin_logger(__name__)


def _without_livereload() -> bool:
    """Whether this `mkdocs serve` was started without live reload (--no-livereload, or
    Click 8.2.2 and later, where serve needs --livereload to turn it on)."""
    context = click.get_current_context(silent=True)
    return context is not None and context.params.get("livereload") is False


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self.command = ""
        self.dirty = False
        # Made on the first build and kept across `serve` rebuilds (on_startup is defined).
        self.session: BuildSession | None = None

    @property
    def _session(self) -> BuildSession:
        assert self.session is not None, "on_config starts the session"
        return self.session

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve" and _without_livereload():
            log.info(
                "The Record controls are off: MkDocs hands plugins its server only with live "
                "reload; run mkdocs serve --livereload (as make serve does) to have them"
            )

    def on_shutdown(self) -> None:
        if self.session is not None:
            self.session.shutdown()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        if self.session is None:
            self.session = BuildSession(self.command, self.dirty, log)
        self.session.configure(self.config, config, os.environ)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        return self._session.add_pages(files, config)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.config.enabled:
            self._session.make_page_objects(nav, config)
        return nav

    @event_priority(-100)  # after Material's offline plugin has added its polyfill
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            self._session.before_build(config)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self.config.enabled:
            return markdown
        return self._session.page_markdown(markdown, page)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        return self._session.page_content(html, page)

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if self.config.enabled:
            self._session.write_pages(env, config, files)
        return env

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        if self.config.enabled and template_name == "sitemap.xml":
            context["pages"] = self._session.sitemap_pages(context["pages"])
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            self._session.after_build(config)

    def on_build_error(self, *, error: Exception) -> None:
        if self.config.enabled and self.session is not None:
            self.session.failed()

    @event_priority(-100)  # last: what is sealed is the page as every plugin left it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        return self._session.finish_page(output, page)

    @event_priority(-100)
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        return self._session.finish_template(output, template_name, config)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled:
            self._session.serve(server, config)
        return server
