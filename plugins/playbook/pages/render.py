"""Page bodies as HTML, from autoescaping Jinja templates (`templates/*.html.j2`).

A body is the part of a page inside the theme's article: headings with their permalinks, lists,
tables, code blocks, exactly as the site's Markdown would have made them, so the page looks and
behaves like any other (copy buttons, checklist boxes, the table of contents). The theme's own
page template wraps it afterwards (builder/theme.py).

A user's folder of template overrides (plugin option `templates_dir`) comes first, so any page
can be reshaped without forking the plugin.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape as escape_html
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markdown.extensions.toc import nest_toc_tokens, unique
from markdown.extensions.toc import slugify as markdown_slugify
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from playbook.core import dates, numbers
from playbook.core.model import CATEGORIES, FINDING_KINDS, STATUSES
from playbook.logic import checks, commands
from playbook.logic.connections import found_through
from playbook.logic.plan import stopwatch
from playbook.pages import mailto, markup
from playbook.pages.addresses import page_uri
from playbook.pages.template_words import WordsEnvironment

# Material's icon for each way of meeting.
MEDIUM_ICONS = {
    "video": "material/video",
    "phone": "material/phone",
    "coffee": "material/coffee",
    "office": "material/office-building",
}


# The theme's icons, found as package data (the theme is a dependency of the plugin).
ICONS = Path(str(resources.files("material"))) / "templates" / ".icons"


@functools.cache
def icon(name: str) -> Markup:
    """One of the Material theme's icons (`material/phone`), inline and hidden from screen
    readers: the words next to it say the same. Nothing when the theme does not ship it."""
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        return Markup("")
    svg = path.read_text(encoding="utf-8").strip()
    return Markup('<span class="twemoji pb-icon" aria-hidden="true">{}</span>').format(Markup(svg))


def percent(share: float | None) -> str:
    """`40%` (`40 %` in German), "–" when there is no share to give."""
    return "–" if share is None else numbers.percent(share)


@dataclass(frozen=True)
class Headings:
    """How the site's `toc` extension writes headings: ids, permalinks, slugs."""

    permalink: str | None = "&para;"  # None: no permalink
    permalink_title: str = "Permanent link"
    permalink_class: str = "headerlink"
    slugify: Callable[[str, str], str] = markdown_slugify
    separator: str = "-"

    @classmethod
    def from_config(cls, toc: Mapping[str, Any]) -> Headings:
        link = toc.get("permalink", False)
        return cls(
            permalink=("&para;" if link is True else str(link)) if link else None,
            permalink_title=toc.get("permalink_title", "Permanent link"),
            permalink_class=toc.get("permalink_class", "headerlink"),
            slugify=toc.get("slugify", markdown_slugify),
            separator=toc.get("separator", "-"),
        )


@dataclass
class Body:
    """A rendered page body and its table of contents (MkDocs' toc tokens)."""

    html: str
    toc: list[Any]  # Markdown's toc tokens (TypedDicts in its stubs), as JSON in the cache


@dataclass
class PageWriter:
    """What a template knows of the page it writes: where it is (for relative links) and the
    headings so far (for unique ids and the table of contents)."""

    uri: str  # this page's source path under docs_dir, e.g. contacts/dana-ruiz.md
    urls: Mapping[str, str]  # every page's source path → its URL, as MkDocs computed it
    style: Headings
    prefix: str = ""  # before every heading id: sheets sharing one print pack stay apart
    _ids: set[str] = field(default_factory=set)
    _tokens: list[Any] = field(default_factory=list)

    def href(self, uri: str, anchor: str = "") -> str:
        """A link from this page to the page made from `uri` (addresses.page_uri)."""
        target = self.urls[uri]
        here = self.urls.get(self.uri, "")
        return get_relative_url(target, here) + (f"#{anchor}" if anchor else "")

    def anchor(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def sheet(self, prefix: str) -> PageWriter:
        """A writer for a part of this page (a print pack's sheet): its own heading ids start
        with `prefix`, and stay unique across the whole page."""
        return PageWriter(self.uri, self.urls, self.style, prefix, self._ids)

    def h(self, level: int, text: str, id: str | None = None, classes: str = "") -> Markup:
        """A heading as the toc extension writes it, recorded for the table of contents. (A
        translated heading comes as Markup, its variables escaped: its plain text is unescaped.)"""
        plain = text.unescape() if isinstance(text, Markup) and "&" in text else str(text)
        wanted = self.anchor(id or self.style.slugify(plain, self.style.separator))
        ident = unique(wanted, self._ids)
        name = escape_html(plain, quote=False)
        self._tokens.append({"level": level, "id": ident, "name": name, "children": []})
        link = ""
        if self.style.permalink is not None:
            link = (
                f'<a class="{escape(self.style.permalink_class)}" href="#{escape(ident)}" '
                f'title="{escape(self.style.permalink_title)}">{self.style.permalink}</a>'
            )
        cls = f' class="{escape(classes)}"' if classes else ""
        return Markup(f'<h{level}{cls} id="{escape(ident)}">{escape(plain)}{link}</h{level}>')

    def toc(self) -> list[Any]:
        return nest_toc_tokens(self._tokens)


class Renderer:
    """The Jinja environment, made once and reused by every build of a `serve` session."""

    def __init__(
        self,
        fields: markup.SiteMarkdown,
        overrides_dir: Path | None = None,
        bytecode_cache: jinja2.BytecodeCache | None = None,
    ) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if overrides_dir is not None:
            loaders.append(jinja2.FileSystemLoader(overrides_dir))
        loaders.append(jinja2.PackageLoader("playbook.pages", "templates"))
        self.fields = fields
        # Words in the build's language (template_words.py).
        self.env = WordsEnvironment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=bytecode_cache,
        )
        self.env.filters.update(
            md=fields.field,
            url=markup.url,
            date=dates.written,
            minutes_after=dates.minutes_after,
        )
        self.env.globals.update(
            CATEGORIES=CATEGORIES,
            FINDING_KINDS=FINDING_KINDS,
            STATUSES=STATUSES,
            code=fields.code,
            page_uri=page_uri,
            message_checks=checks.check_message,
            percent=percent,
            icon=icon,
            email_link=mailto.message_link,
            found_through=found_through,
            done_command=commands.done,
            MEDIUM_ICONS=MEDIUM_ICONS,
            stopwatch=stopwatch,
        )

    def body(self, name: str, page: PageWriter, /, **context: Any) -> Body:
        html = self.env.get_template(name).render(page=page, **context)
        return Body(html, page.toc())
