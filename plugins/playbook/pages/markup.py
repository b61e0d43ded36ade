"""The user's text in generated HTML: plain text escaped, Markdown fields rendered safely.

Page templates autoescape, so a name like `<script>` or `*stars*` shows as typed. Markdown fields
(research, notes, summary, description) are converted on their own, with the site's Markdown
extensions (so they look like any page of the site), with raw HTML escaped, only http, https,
mailto and tel links kept, and no attribute that could run script. With `allow_html: true` the
raw HTML stays, but only after nh3 (the Ammonia sanitiser) has kept an allow-list of tags and
attributes: no script, no `on*` handler, no picture from another host, only those four kinds of
link. Each converted text is cached by its text: a prep sheet rendered again after an edit
elsewhere converts nothing.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from playbook.core.text import SAFE_SCHEMES
from playbook.pages.checklist_labels import name_checkboxes

# Extensions a user's field never runs: `toc` numbers the page's own headings (a field's headings
# are demoted and stay out of the table of contents); `snippets` would read files from the disk.
FIELD_EXCLUDED = ("toc", "markdown.extensions.toc", "pymdownx.snippets")
# Attributes an element from a field may keep (attr_list could add `onclick` to anything).
KEPT_ATTRIBUTES = frozenset(
    [
        "id",
        "class",
        "title",
        "href",
        "alt",
        "colspan",
        "rowspan",
        "align",
        "lang",
        "dir",
        "start",
        "type",
        "checked",
        "disabled",
        "datetime",
        "open",
        "width",
        "height",
        "name",
        "value",
        "for",
    ]
)
CACHE_LIMIT = 50_000
# What raw HTML in a field may keep (allow_html: true): Ammonia's tags without pictures, plus
# the task-list markup the tasklist extension writes. No form element (form, button, select,
# textarea: Ammonia allows none): an `<input>` is made a disabled checkbox whatever it was, so
# none can fake a login form.
HTML_TAGS = (nh3.ALLOWED_TAGS - {"img", "area", "map"}) | {"input", "label"}
HTML_FORCED = {"input": {"type": "checkbox", "disabled": ""}}
HTML_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start", "type"},
    "input": {"checked"},
    "time": {"datetime"},
    "details": {"open"},
}
HTML_SCHEMES = set(SAFE_SCHEMES)
_PROBE = "PlaybookProbe"
_TRICKY = "Hi Ana & Bo, <b> \"q\" 'a'\n\n  indented\ttab  \nlast"
_PLAIN_SAFE = re.compile(r"[^\x00-\x08\x0b-\x1f\x7f\u2028\u2029\r]*")


def _escape_code(text: str) -> str:
    """Text as the highlighter writes it into a plain-text block."""
    text = "\n".join(line.expandtabs(4) for line in text.split("\n"))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def url(value: str) -> str:
    """A link target with brackets, quotes and spaces percent-encoded."""
    return quote(value, safe=":/?#@!$&*+,;=%~'")


def fence(body: str, lang: str = "text") -> str:
    """A fenced code block whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{body}\n{ticks}"


def is_safe_url(value: str) -> bool:
    """An absolute http(s), mailto or tel link, or one within the site. Read as a browser reads
    it (tabs and line breaks dropped, `\\` as `/`), so `/\\evil.example` is seen as the link to
    another host it is, like `//evil.example`."""
    lowered = re.sub(r"[\t\n\r]", "", value).strip(_C0_AND_SPACE).lower().replace("\\", "/")
    if lowered.startswith(("#", "/", "./", "../")) and not lowered.startswith("//"):
        return True
    return lowered.startswith(tuple(f"{scheme}:" for scheme in SAFE_SCHEMES))


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


class _SafeTree(Treeprocessor):
    """Drops pictures, unsafe links and attributes, and demotes headings below h3."""

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
            for name in list(element.attrib):
                if name not in KEPT_ATTRIBUTES:
                    del element.attrib[name]
            if "href" in element.attrib and not is_safe_url(element.attrib["href"]):
                del element.attrib["href"]
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


class SiteMarkdown:
    """The site's Markdown extensions, for the user's fields and the pages' code blocks.

    One instance per configuration: `serve` rebuilds keep it, and with it the cache.
    """

    def __init__(
        self,
        extensions: list[Any],
        configs: Mapping[str, Any],
        *,
        allow_html: bool = False,
    ) -> None:
        kept = [e for e in extensions if not (isinstance(e, str) and e in FIELD_EXCLUDED)]
        self._md = markdown.Markdown(
            extensions=[*kept, _SafeExtension(allow_html)],
            extension_configs={k: v for k, v in configs.items() if k not in FIELD_EXCLUDED},
            output_format="html",
        )
        self._allow_html = allow_html
        self._cache: dict[tuple[str, str], Markup] = {}
        self.added: dict[tuple[str, str], Markup] = {}  # converted since `take_added`

    def _convert(self, kind: str, source: str) -> Markup:
        key = (kind, source)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            html = self._md.reset().convert(source)
            if self._allow_html and kind == "field":
                html = sanitised(html)
            found = self._cache[key] = self.added[key] = Markup(name_checkboxes(html))
        return found

    def field(self, source: str | None) -> Markup:
        """A Markdown field as HTML, in a box of its own (empty when there is nothing)."""
        if not source or not source.strip():
            return Markup("")
        return Markup('<div class="pb-prose">\n{}\n</div>').format(self._convert("field", source))

    def code(self, body: str, lang: str = "text") -> Markup:
        """A code block highlighted as the site highlights code (copy button included)."""
        plain = lang == "text" and body == body.strip("\n") and _PLAIN_SAFE.fullmatch(body)
        if plain and self._plain_wrap:
            before, after = self._plain_wrap
            return Markup(before + _escape_code(body) + after)
        html = self._convert("code", fence(body, lang))
        if "<pre" not in html:  # a site without fenced code: a plain block, still copyable
            return Markup("<pre><code>{}</code></pre>").format(body)
        return html

    @functools.cached_property
    def _plain_wrap(self) -> tuple[str, str] | None:
        """How the site writes a plain-text block, learnt from the site's own highlighter: the
        HTML around the text, when the text comes out merely escaped (no line numbers, no line
        spans). A filled-in message is then wrapped without running the highlighter, with the
        very bytes the highlighter would write; any other setup takes the slow, exact path."""
        probe = str(self._md.reset().convert(fence(_PROBE)))
        before, found, after = probe.partition(_PROBE)
        if not found:
            return None
        tricky = str(self._md.reset().convert(fence(_TRICKY)))
        return (before, after) if tricky == before + _escape_code(_TRICKY) + after else None

    def take_added(self) -> dict[tuple[str, str], Markup]:
        """What was converted since the last call: a worker hands it back to the main process."""
        added, self.added = self.added, {}
        return added

    def remember(self, converted: Mapping[tuple[str, str], str]) -> None:
        self._cache.update((key, Markup(html)) for key, html in converted.items())


def sanitised(html: str) -> str:
    """A field's HTML with nothing that could run, track or mislead left in it."""
    return nh3.clean(
        html,
        tags=HTML_TAGS,
        attributes=HTML_ATTRIBUTES,
        set_tag_attribute_values=HTML_FORCED,
        url_schemes=HTML_SCHEMES,
        attribute_filter=_safe_link,
        link_rel=None,
        strip_comments=True,
    )


def _safe_link(tag: str, attribute: str, value: str) -> str | None:
    """nh3 keeps relative links, `//evil.example` among them: only safe ones stay."""
    return value if attribute != "href" or is_safe_url(value) else None


def text_of(html: str) -> str:
    """The words of an HTML fragment, for search entries and the table of contents."""
    from html import unescape

    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


__all__ = ["SiteMarkdown", "escape", "fence", "is_safe_url", "text_of", "url"]
