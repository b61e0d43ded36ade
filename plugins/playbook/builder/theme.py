"""Generated pages wrapped in the theme's own page template, the way MkDocs wraps any page.

MkDocs never builds the pages the plugin renders itself (their Files are excluded, so MkDocs still
computes their URLs and resolves links to them). For each, this module does what MkDocs' own
`_build_page` does: the theme's page context (`get_context`), the tags plugin's context (the tag
chips at the top of a prep sheet), the theme's `main.html`, and the plugin's own `noindex`. The
search index gets the page's entries from here too, since the search plugin never sees the page.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any, cast

import jinja2
from material.utilities.filter import Filter
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from playbook.builder.siteurl import Removal, SiteUrl
from playbook.pages import public
from playbook.pages.catalogue import PageSpec
from playbook.pages.render import Body


def make_page(spec: PageSpec, file: File, config: MkDocsConfig) -> Page:
    """The Page MkDocs would have made from the generated file's front matter."""
    page = Page(escape(spec.title), file, config)
    page.meta = spec.meta()
    page.markdown = ""  # "read": MkDocs' title logic and the theme treat it as a page with text
    return page


def sidebar_is_empty(nav: Navigation, uri: str, features: list[str]) -> bool:
    """Whether Material's left sidebar shows nothing beside the page made from `uri`, on a wide
    screen. With navigation tabs, it shows the open tab's section: nothing for a page that is a
    tab of its own or in no tab at all; a table of contents moved into it (toc.integrate) is
    something. (On a phone the sidebar is the menu drawer, which hiding leaves alone.)"""
    if "navigation.tabs" not in features or "toc.integrate" in features:
        return False
    for item in nav.items:
        if isinstance(item, Page):
            if item.file.src_uri == uri:
                return True
        elif any(page.file.src_uri == uri for page in _pages_under(item)):
            return False
    return True


def _pages_under(item: Any) -> list[Page]:
    found = []
    for child in getattr(item, "children", None) or []:
        found += [child] if isinstance(child, Page) else _pages_under(child)
    return found


def hide_navigation(spec: PageSpec) -> PageSpec:
    return spec if "navigation" in spec.hide else replace(spec, hide=(*spec.hide, "navigation"))


def search_plugin(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, whose index the generated pages join (None without search)."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and isinstance(getattr(index, "entries", None), list):
            return plugin
    return None


def tags_plugins(config: MkDocsConfig) -> list[Any]:
    """Material's tags plugins: they put the tag chips (with links to the tags index) on a page."""
    return [
        plugin
        for plugin in config.plugins.values()
        if type(plugin).__module__.startswith("material.plugins.tags") and plugin.config.enabled
    ]


def tag_page(plugins: list[Any], page: Page) -> None:
    """List a page under its tags, as the tags plugin does for pages MkDocs builds. (Its file
    filter refuses excluded files, so only its own path patterns are asked here.)"""
    for plugin in plugins:
        if Filter.__call__(plugin.filter, page.file.src_uri):
            plugin.mappings.add(page, "")


def _tag_chips(plugins: list[Any], context: dict[str, Any], page: Page) -> None:
    """The tags plugin's `on_page_context`, for a page MkDocs does not build."""
    for plugin in plugins:
        mapping = plugin.mappings.get(page)
        name = plugin.config.tags_name_variable
        if plugin.config.tags and mapping and name not in context:
            context[name] = list(plugin.listings & mapping)


class ThemePages:
    """Renders generated page bodies into whole pages with the site's theme."""

    def __init__(
        self,
        config: MkDocsConfig,
        nav: Navigation,
        env: jinja2.Environment,
        files: Files,
        *,
        noindex: bool,
    ) -> None:
        self.config = config
        self.nav = nav
        self.env = env
        self.doc_files = files.documentation_pages()  # the context's `pages`, as MkDocs passes
        self.noindex = noindex
        self.tags = tags_plugins(config)
        self.search = search_plugin(config)

    def html(self, page: Page, body: Body, site_url: str | None) -> str:
        """The whole page, as MkDocs would write it were `site_url` the site's address (the
        cache's placeholder, or the real one: siteurl.py)."""
        page.content, page.toc = body.html, get_toc(body.toc)
        real = self.config.site_url
        self.config.site_url = site_url
        page._set_canonical_url(site_url)
        try:
            context = get_context(self.nav, self.doc_files, self.config, page)
            # A TypedDict to mypy; the tags plugin adds its own key, as in its on_page_context.
            _tag_chips(self.tags, cast(dict[str, Any], context), page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            output = template.render(context)
        finally:
            page.content, page.toc = None, get_toc([])  # pages are not kept in memory
            self.config.site_url = real
            page._set_canonical_url(real)
        return public.noindex(output) if self.noindex else output

    def removal(self, page: Page, site: SiteUrl) -> Removal | None:
        """How the theme's page without a site address differs from the one with the cache's
        placeholder, learned from `page` (siteurl.py)."""
        empty = Body("", [])
        placeholder = self.html(page, empty, site.stored)
        return Removal.learn(placeholder, self.html(page, empty, None), site.canonical(page.url))

    def add_to_search(self, entries: list[dict[str, Any]]) -> None:
        if self.search is not None:
            self.search.search_index.entries.extend(entries)
