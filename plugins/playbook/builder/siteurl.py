"""The site's address in a page: kept out of the cache, filled in as the page is written.

The theme writes `site_url` into every page, in its canonical link (Material's base.html:
`<link rel="canonical" href="{{ page.canonical_url }}">`, only when site_url is set). `mkdocs
serve` sets site_url to its own address (http://127.0.0.1:PORT/), `mkdocs build` leaves it as
mkdocs.yml has it, often unset. Measured at 1,000 contacts, that one value had every page rendered
again in a `serve` after a `build`, and in a `serve` on another port.

So a page is rendered once with a placeholder origin (`PLACEHOLDER` and the real site_url's path)
and stored that way; writing it puts the real origin in place of the placeholder. Without a
site_url the theme writes no canonical link: the build learns, from one page rendered both ways,
which lines the link takes (`Removal`), checks that the rule turns that page into the other, and
removes those lines from each page, with that page's own address. A page where the rule does not
find exactly one link is rendered with the real value instead. Every page so written is the page a
cold build of that variant writes, byte for byte (tests/builds/test_incremental_variants.py).

Left to the page's digest instead (rendered per value, still cached side by side): a site_url
whose origin HTML would escape (anything but letters, digits and `.:-[]`), and the encrypted
profile, whose stored pages are packed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

PLACEHOLDER = "https://site-url.playbook.invalid"
_PLAIN_ORIGIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.:\[\]-]+\Z")


@dataclass(frozen=True)
class SiteUrl:
    """This build's site_url as the cache sees it."""

    url: str | None  # as the build has it (None or "": unset)
    shared: bool  # stored with the placeholder, filled in on writing

    @classmethod
    def of(cls, url: str | None, *, fillable: bool) -> SiteUrl:
        if not url:
            return cls(None, fillable)
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        plain = bool(_PLAIN_ORIGIN.match(origin)) and url == origin + parts.path
        return cls(url, fillable and plain)

    @property
    def path(self) -> str:
        return urlsplit(self.url or "/").path

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url or "")
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def stored(self) -> str | None:
        """The site_url pages are rendered with for the cache."""
        return PLACEHOLDER + self.path if self.shared else self.url

    @property
    def key(self) -> str:
        """What the stored page depends on: part of its digest."""
        return f"shared:{self.path}" if self.shared else f"as-is:{self.url}"

    @property
    def variant(self) -> str:
        """What the written page depends on beyond its stored form."""
        return repr(self.url)

    def canonical(self, page_url: str) -> str:
        """The placeholder canonical address of a page, as MkDocs makes it."""
        base = self.stored or ""
        return urljoin(base if base.endswith("/") else base + "/", page_url)


@dataclass(frozen=True)
class Removal:
    """What a page without a site_url has in place of the lines holding its canonical address:
    `before` + address + `after` becomes `instead`."""

    before: bytes
    after: bytes
    instead: bytes

    @classmethod
    def learn(cls, placeholder: str, without: str, canonical: str) -> Removal | None:
        """The rule from one page rendered with the placeholder and without a site_url; None
        when the two differ in more than the lines around one canonical address."""
        if placeholder == without and PLACEHOLDER not in placeholder:
            return cls(b"", b"", b"")  # the theme writes no site address: nothing to remove
        a, b = placeholder.splitlines(keepends=True), without.splitlines(keepends=True)
        start = 0
        while start < min(len(a), len(b)) and a[start] == b[start]:
            start += 1
        end = 0
        while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
            end += 1
        old = "".join(a[start : len(a) - end])
        new = "".join(b[start : len(b) - end])
        if old.count(canonical) != 1 or placeholder.count(PLACEHOLDER) != 1:
            return None
        before, after = old.split(canonical)
        rule = cls(before.encode(), after.encode(), new.encode())
        if rule.apply(placeholder.encode(), canonical) != without.encode():
            return None
        return rule

    def apply(self, stored: bytes, canonical: str) -> bytes | None:
        if not (self.before or self.after or self.instead):
            return None if PLACEHOLDER.encode() in stored else stored
        if stored.count(PLACEHOLDER.encode()) != 1:
            return None
        old = self.before + canonical.encode() + self.after
        if stored.count(old) != 1:
            return None
        return stored.replace(old, self.instead)


@dataclass
class Filler:
    """Turns a stored page into the page this build writes."""

    site: SiteUrl
    removal: Removal | None = None  # learned once per build, when there is no site_url
    learned: bool = False

    @property
    def needs_rule(self) -> bool:
        return self.site.shared and self.site.url is None and not self.learned

    def fill(self, stored: bytes, page_url: str) -> bytes | None:
        """The page as written; None when it must be rendered with the real value instead."""
        if not self.site.shared:
            return stored
        if self.site.url is not None:
            return stored.replace(PLACEHOLDER.encode(), self.site.origin.encode())
        if self.removal is None:
            return None
        return self.removal.apply(stored, self.site.canonical(page_url))
