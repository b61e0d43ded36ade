"""Pages kept between builds, under the digest of everything they are made from.

A page's digest covers its own inputs (the files it is made from, today: pages/catalogue.py)
and what is around its body (builder/keys.py): the plugin's own code and templates, the user's
page templates, MkDocs' configuration (theme, palette, Markdown extensions, plugins and their
options), the navigation and the versions of MkDocs and the theme. A page whose digest is in
the cache is copied from it instead of being rendered again.

The cache lives outside data/, content/ and site/ (`.cache/playbook/` by default), because MkDocs
empties site/ before every build, `serve` rebuilds included. Each profile has a folder of its own,
so a public build does not evict the private pages. After a build, files no page uses any more are
deleted: the folder holds one site's worth of pages.

    <folder>/<profile>/pages/<digest>.html   a whole page, as written to site/ (the encrypted
                                             profile: the page gzipped, not sealed; lock.py)
    <folder>/<profile>/bodies/<digest>.json  a page body MkDocs wraps itself (the navigation pages)
    <folder>/<profile>/manifest.json         uri → digest and search entries, for cached pages
    <folder>/encrypted/path.key              the key of the encrypted profile's page addresses
                                             (lock.py; kept even with `cache: false`)
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST_VERSION = 2


@dataclass
class Cached:
    """What the build needs to know of a cached page without reading it."""

    digest: str
    search: list[dict[str, Any]]
    # Where the last build wrote it under site/, and its size and modification time there: a
    # page still there as written need not be written again (sitedir.py).
    dest: str = ""
    size: int = 0
    mtime: int = 0


class PageCache:
    """The on-disk cache of one profile; `None` folder: no cache, every page is rendered."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.manifest: dict[str, Cached] = {}
        self.site_dir = ""  # where the pages of the manifest were written
        self._loaded = False

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def page_path(self, page_digest: str) -> Path:
        assert self.folder is not None
        return self.folder / "pages" / f"{page_digest}.html"

    def body_path(self, body_digest: str) -> Path:
        assert self.folder is not None
        return self.folder / "bodies" / f"{body_digest}.json"

    def load(self) -> None:
        """Read the manifest once per process (`serve` keeps it in memory between builds)."""
        if self._loaded or self.folder is None:
            return
        self._loaded = True
        try:
            data = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                return
            pages = {uri: Cached(**entry) for uri, entry in data["pages"].items()}
            site_dir = str(data["site_dir"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return  # unreadable, or from another version: as if there were no cache
        self.manifest, self.site_dir = pages, site_dir

    def hit(self, uri: str, page_digest: str) -> Cached | None:
        found = self.manifest.get(uri)
        if found is None or found.digest != page_digest:
            return None
        return found

    def read_page(self, page_digest: str) -> bytes | None:
        """A cached page as stored; None when it is gone (another build pruned it, or someone
        cleaned the folder): then it is rendered again."""
        if self.folder is None:
            return None
        try:
            return self.page_path(page_digest).read_bytes()
        except FileNotFoundError:
            return None

    def read_body(self, body_digest: str) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        try:
            body: dict[str, Any] = json.loads(self.body_path(body_digest).read_text("utf-8"))
            return body
        except (OSError, ValueError):
            return None

    def write_body(self, body_digest: str, body: dict[str, Any]) -> None:
        if self.folder is not None:
            write_atomically(self.body_path(body_digest), json.dumps(body).encode("utf-8"))

    def save(self, pages: dict[str, Cached], bodies: Iterable[str], site_dir: str) -> None:
        """Record this build's pages and delete every cached file no page uses any more."""
        self.manifest, self.site_dir = pages, site_dir
        if self.folder is None:
            return
        data = {
            "version": MANIFEST_VERSION,
            "site_dir": site_dir,
            "pages": {uri: vars(c) for uri, c in pages.items()},  # asdict copies: slow
        }
        write_atomically(
            self.folder / "manifest.json",
            json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8"),
        )
        _prune(self.folder / "pages", {f"{c.digest}.html" for c in pages.values()})
        _prune(self.folder / "bodies", {f"{b}.json" for b in bodies})


def _prune(folder: Path, keep: set[str]) -> None:
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            if entry.name not in keep:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: another build reading it never sees half a page."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
    try:
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
