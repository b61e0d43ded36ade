"""Pages kept between builds, under the digest of everything they are made from.

A page's digest covers its own inputs (the files it is made from, today: pages/catalogue.py)
and what is around its body (builder/keys.py): the plugin's own code and templates, the user's
page templates, the profile, MkDocs' configuration (theme, palette, Markdown extensions, plugins
and their options), the navigation and the versions of MkDocs and the theme. A page whose digest
is in the cache is copied from it instead of being rendered again.

One cache serves every way the playbook is built: `mkdocs build`, `serve` on any port, the
build `playbook pdf` prints from, and the three profiles. Each keeps its pages under their own
digests, side by side, so none evicts another's. What differs between `build` and `serve` (and
between two ports) is only the site's address the theme writes into each page (its canonical
link): the cache keeps the page once, with a placeholder address, and the address is filled in
as the page is written (siteurl.py).

The cache lives outside data/, content/ and site/ (`.cache/playbook/` by default), because MkDocs
empties site/ before every build, `serve` rebuilds included. It is bounded: once its pages and
bodies weigh more than the `cache_size` option (MB), the least recently used go first (used:
written, copied to a site, or left in place by a build); the pages of the build that just ran
are never evicted.

    <folder>/pages/<digest>.html     a whole page: a line of its search entries (JSON), then the
                                     page as stored (the encrypted profile: gzipped, not sealed)
    <folder>/bodies/<digest>.json    a page body MkDocs wraps itself (the navigation pages)
    <folder>/sites/<digest>.json     for one site folder (site/, serve's, pdf's): its path on a
                                     line, then the pages the last build wrote there, so that
                                     unchanged ones stay in place (deleted with the folder)
    <folder>/encrypted/path.key      the key of the encrypted profile's page addresses
                                     (lock.py; kept even with `cache: false`)
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playbook.core.digests import digest

SITES_VERSION = 3
MB = 1_000_000
# The folders of the cache before one cache served every profile: emptied when met.
OLD_LAYOUT = ("private", "public", "encrypted")


@dataclass
class Cached:
    """What the build needs to know of a cached page without reading it."""

    digest: str  # the page as stored (its address left to fill in)
    search: list[dict[str, Any]]
    # The page as written: its digest with the address filled in, where the last build wrote it
    # under site/, and its size and modification time there: a page still there as written need
    # not be written again (sitedir.py).
    written: str = ""
    dest: str = ""
    size: int = 0
    mtime: int = 0


class PageCache:
    """The on-disk cache; `None` folder: no cache, every page is rendered."""

    def __init__(self, folder: Path | None, limit_mb: int = 0) -> None:
        self.folder = folder
        self.limit = limit_mb * MB
        self.manifest: dict[str, Cached] = {}  # uri → page, as the last build wrote site_dir
        self.site_dir = ""  # the site folder whose manifest is loaded
        self.wrote = False  # whether this build added pages or bodies (then eviction runs)
        # Kept by `serve` from one rebuild to the next, so that a rebuild after one save does
        # not stat every file of the cache again: the pages this process has marked as used
        # (once is enough: nothing it did since is older), and the cache's size as last
        # counted plus what this process wrote since (None: not counted yet).
        self._used: set[str] = set()
        self._size: int | None = None

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def page_path(self, page_digest: str) -> Path:
        assert self.folder is not None
        return self.folder / "pages" / f"{page_digest}.html"

    def body_path(self, body_digest: str) -> Path:
        assert self.folder is not None
        return self.folder / "bodies" / f"{body_digest}.json"

    def _site_path(self, site_dir: str) -> Path:
        assert self.folder is not None
        return self.folder / "sites" / f"{digest(site_dir)}.json"

    def load(self, site_dir: str) -> None:
        """What the last build wrote into `site_dir` (kept in memory by `serve`)."""
        if self.folder is None or self.site_dir == site_dir:
            return
        self.site_dir, self.manifest = site_dir, {}
        try:
            text = self._site_path(site_dir).read_text(encoding="utf-8")
            data = json.loads(text.partition("\n")[2])
            if data.get("version") != SITES_VERSION or data.get("site_dir") != site_dir:
                return
            self.manifest = {uri: Cached(**entry) for uri, entry in data["pages"].items()}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return  # unreadable, or from another version: as if nothing were in place

    def hit(self, uri: str, page_digest: str) -> Cached | None:
        found = self.manifest.get(uri)
        if found is None or found.digest != page_digest:
            return None
        return found

    def read_page(self, page_digest: str) -> tuple[list[dict[str, Any]], bytes] | None:
        """A cached page's search entries and the page as stored; None when it is not there
        (never stored, or evicted): then it is rendered again."""
        if self.folder is None:
            return None
        path = self.page_path(page_digest)
        try:
            data = path.read_bytes()
            head, _, stored = data.partition(b"\n")
            search: list[dict[str, Any]] = json.loads(head)
        except (OSError, ValueError):
            return None
        _touch(path)  # used: last to be evicted
        self._used.add(page_digest)
        return search, stored

    def write_page(self, page_digest: str, search: list[dict[str, Any]], stored: bytes) -> None:
        if self.folder is not None:
            head = json.dumps(search, separators=(",", ":"), ensure_ascii=True).encode()
            write_atomically(self.page_path(page_digest), head + b"\n" + stored)
            self._wrote(len(head) + 1 + len(stored))
            self._used.add(page_digest)

    def read_body(self, body_digest: str) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        try:
            body: dict[str, Any] = json.loads(self.body_path(body_digest).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        _touch(self.body_path(body_digest))
        return body

    def write_body(self, body_digest: str, body: dict[str, Any]) -> None:
        if self.folder is not None:
            data = json.dumps(body).encode("utf-8")
            write_atomically(self.body_path(body_digest), data)
            self._wrote(len(data))

    def written_elsewhere(self) -> None:
        """Pages were written by other processes (the build's workers): count the size again."""
        self.wrote, self._size = True, None

    def _wrote(self, size: int) -> None:
        self.wrote = True
        if self._size is not None:
            self._size += size

    def save(
        self, pages: dict[str, Cached], bodies: Iterable[str], site_dir: str, *, in_place: set[str]
    ) -> None:
        """Record what this build wrote into site_dir; evict the least recently used files
        when the cache is over its size. `in_place`: pages this build left where they were."""
        self.manifest, self.site_dir = pages, site_dir
        if self.folder is None:
            return
        data = {
            "version": SITES_VERSION,
            "site_dir": site_dir,
            "pages": {uri: vars(c) for uri, c in pages.items()},  # asdict copies: slow
        }
        # The first line says which folder: records of folders gone are deleted without reading
        # the rest.
        record = json.dumps(site_dir) + "\n" + json.dumps(data, separators=(",", ":"))
        write_atomically(self._site_path(site_dir), record.encode("utf-8"))
        # Pages left in place were used as much as those copied: they go last too.
        for cached in pages.values():
            if cached.dest in in_place and cached.digest not in self._used:
                _touch(self.page_path(cached.digest))
                self._used.add(cached.digest)
        self._forget_gone_sites(site_dir)
        if self.wrote and (self._size is None or self._size > self.limit):
            keep = {f"pages/{c.digest}.html" for c in pages.values()}
            keep |= {f"bodies/{b}.json" for b in bodies}
            self._size = self._evict(keep)
            self._drop_old_layout()
        self.wrote = False

    def _forget_gone_sites(self, site_dir: str) -> None:
        """The records of site folders that are gone (`serve`'s and pdf's temporary ones)."""
        assert self.folder is not None
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.folder / "sites"):
                try:
                    with open(entry.path, encoding="utf-8") as record:
                        where = str(json.loads(record.readline()))
                except (OSError, ValueError):
                    where = ""
                if where != site_dir and not (where and Path(where).is_dir()):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)

    def _evict(self, keep: set[str]) -> int:
        """Least recently used first, until the pages and bodies fit in the limit; the size
        they have then."""
        assert self.folder is not None
        files: list[tuple[int, int, str]] = []  # (last used in ns, size, path)
        total = 0
        for kind in ("pages", "bodies"):
            with contextlib.suppress(FileNotFoundError):
                for entry in os.scandir(self.folder / kind):
                    with contextlib.suppress(FileNotFoundError):
                        stat = entry.stat()
                        total += stat.st_size
                        if f"{kind}/{entry.name}" not in keep:
                            files.append((stat.st_mtime_ns, stat.st_size, entry.path))
        if total <= self.limit:
            return total
        for _, size, path in sorted(files):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            total -= size
            if total <= self.limit:
                break
        return total

    def _drop_old_layout(self) -> None:
        assert self.folder is not None
        for profile in OLD_LAYOUT:
            old = self.folder / profile
            shutil.rmtree(old / "pages", ignore_errors=True)
            shutil.rmtree(old / "bodies", ignore_errors=True)
            with contextlib.suppress(FileNotFoundError):
                (old / "manifest.json").unlink()
            with contextlib.suppress(OSError):
                old.rmdir()  # only when empty (the encrypted profile's path.key stays)


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(path)


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
