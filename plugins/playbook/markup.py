"""Putting the user's text into generated Markdown without it ever becoming markup or code.

Plain-text fields (names, titles, question text) are escaped for both HTML and Markdown, so
`<script>` or `*stars*` show as typed. Markdown fields (research, notes, summary) are rendered here
with raw HTML escaped and only http, https, mailto and tel links kept, then placed in the page as
finished HTML, so nothing in them reaches MkDocs' own Markdown pass.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as etree
from urllib.parse import quote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
# Characters Python-Markdown honours a backslash escape for (plus | for table cells).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def text(value: object) -> str:
    """Plain text, safe anywhere in a Markdown line, table cell or heading."""
    flat = " ".join(str(value if value is not None else "").split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def front_matter(value: object) -> str:
    """A front-matter string (page title, tag name), HTML-escaped.

    Material writes `page.meta.title` and tag names into the page (`<title>`, header, tag chips,
    tags index) without escaping them, so they are escaped here; JSON strings are YAML strings.
    """
    return json.dumps(html.escape(str(value)), ensure_ascii=False)


def url(value: str) -> str:
    """A link target for `[text](url)`: brackets, quotes and spaces percent-encoded."""
    return quote(value, safe=":/?#@!$&*+,;=%~'")


def fence(body: str, lang: str = "text") -> str:
    """A fenced code block whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{body}\n{ticks}"


def is_safe_url(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered.startswith(("#", "/", "./", "../")) and not lowered.startswith("//"):
        return True
    return lowered.startswith(SAFE_SCHEMES)


class _SafeTree(Treeprocessor):
    """Drops links with unsafe schemes, images from anywhere, and demotes headings below h3."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    # A picture from another host is a request to that host; keep the words only.
                    span = etree.Element("span")
                    span.text = child.get("alt", "")
                    span.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, span)
        for element in root.iter():
            if element.tag == "a" and not is_safe_url(element.get("href", "")):
                element.attrib.pop("href", None)
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                element.tag = f"h{min(6, int(element.tag[1]) + 2)}"


class _SafeExtension(Extension):
    def __init__(self, allow_html: bool) -> None:
        super().__init__()
        self.allow_html = allow_html

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if not self.allow_html:
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeTree(md), "playbook_safe", 0)


class MarkdownField:
    """Renders a Markdown field to HTML; one instance per build, reset between fields."""

    def __init__(self, *, allow_html: bool = False) -> None:
        self._md = markdown.Markdown(
            extensions=["tables", "sane_lists", _SafeExtension(allow_html)],
            output_format="html",
        )

    def __call__(self, source: str | None) -> str:
        if not source or not source.strip():
            return ""
        rendered = self._md.reset().convert(source)
        return f'<div class="pb-prose" markdown="0">\n{rendered}\n</div>'
