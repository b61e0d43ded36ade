"""A generated page's body: the one way every page is rendered, and the navigation pages' bodies
kept between builds.

Every page, whether MkDocs builds it (the navigation pages: the dashboard, the tables) or the
plugin does (prep sheets and the rest, workers.py), gets its body from `render_body`, so a
template that fails says so the same way for all of them: the page's source path, then what
failed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2

from playbook.builder.cache import PageCache
from playbook.pages import catalogue
from playbook.pages.catalogue import PageSpec, Sources
from playbook.pages.public import leak_refusal
from playbook.pages.render import Body, Headings, PageWriter, Renderer
from playbook.pages.search import sections

SearchEntries = list[dict[str, Any]]


class RenderError(Exception):
    """A page could not be rendered; the message says which and why (no traceback)."""


def render_body(
    renderer: Renderer,
    sources: Sources,
    spec: PageSpec,
    urls: Mapping[str, str],
    headings: Headings,
) -> Body:
    """The page's body, or a RenderError naming the page and what failed in its template."""
    writer = PageWriter(spec.uri, urls, headings)
    try:
        return catalogue.render(renderer, writer, sources, spec)
    except jinja2.UndefinedError as error:
        if sources.public:
            raise RenderError(f"{spec.uri}: {leak_refusal(error)}") from None
        raise RenderError(f"{spec.uri}: a page template failed: {error.message}") from None
    except jinja2.TemplateError as error:
        raise RenderError(f"{spec.uri}: a page template failed: {error}") from None


@dataclass
class NavBodies:
    """The bodies and search entries of the pages MkDocs builds itself (in the navigation), by
    digest: from memory, else the cache, else rendered. (The plugin indexes its own pages:
    parsing a page's HTML again for the search index costs as much as making it.)"""

    kept: dict[str, tuple[Body, SearchEntries]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # this build's digests
    search: dict[str, SearchEntries] = field(default_factory=dict)  # uri → this build's entries

    def body(
        self,
        key: str,
        spec: PageSpec,
        url: str,
        cache: PageCache,
        render: Callable[[], Body],
    ) -> Body:
        """The page's body under `key` (its digest with the site's); its search entries wait
        in `search` for the index."""
        self.used.add(key)
        found = self.kept.get(key)
        if found is None:
            stored = cache.read_body(key)
            if stored is not None:
                found = (Body(stored["html"], stored["toc"]), stored["search"])
            else:
                body = render()
                entries = sections(url, spec.title, body.html) if spec.search == "page" else []
                found = (body, entries)
                cache.write_body(key, {"html": body.html, "toc": body.toc, "search": entries})
            self.kept[key] = found
        self.search[spec.uri] = found[1]
        return found[0]

    def forget_unused(self) -> set[str]:
        """After a build: drop what it did not use; the digests it used (for the cache)."""
        used, self.used = self.used, set()
        self.kept = {k: v for k, v in self.kept.items() if k in used}
        return used
