"""Pages left where they are across MkDocs' emptying of site/.

MkDocs empties site/ at the start of every build (`serve` rebuilds too) and the plugin would then
write thousands of unchanged pages again: at 5,000 contacts, deleting and recreating their folders
alone takes longer than the rest of a rebuild. MkDocs leaves hidden entries alone, so just before
it cleans, the folders holding the plugin's pages are moved into a hidden folder of site/; once the
build knows its pages, they are moved back, and every file in them that is not an unchanged page of
this build (same digest, same size and modification time as written) is deleted. What remains is
exactly what a build from nothing would write there; the rest is written as usual. A failed
build deletes the hidden folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

HIDDEN = ".playbook-pages"


def set_aside(site_dir: Path, folders: Iterable[str]) -> None:
    """Move these top-level folders of site/ out of MkDocs' way (before it cleans)."""
    hidden = site_dir / HIDDEN
    discard(site_dir)
    for name in sorted(set(folders)):
        source = site_dir / name
        if name and not name.startswith(".") and source.is_dir() and not source.is_symlink():
            hidden.mkdir(exist_ok=True)
            os.rename(source, hidden / name)


def bring_back(site_dir: Path, keep: Mapping[str, tuple[int, int]]) -> set[str]:
    """Move the set-aside folders back and delete every file in them except `keep`'s.

    `keep`: path under site/ → (size, modification time in ns) as written by the last build, for
    each page that is unchanged in this one. Returns the paths that are still there, as written.
    """
    hidden = site_dir / HIDDEN
    kept: set[str] = set()
    prefix = len(str(site_dir)) + 1  # os.walk's paths start with it: no Path per file
    if not hidden.is_dir():
        return kept
    for entry in sorted(os.listdir(hidden)):
        target = site_dir / entry
        if target.exists():  # something wrote there already: give up on this folder
            continue
        os.rename(hidden / entry, target)
        for folder, subfolders, files in os.walk(target, topdown=False):
            for name in files:
                path = os.path.join(folder, name)
                rel = path[prefix:].replace(os.sep, "/")
                stat = os.stat(path)
                if keep.get(rel) == (stat.st_size, stat.st_mtime_ns):
                    kept.add(rel)
                else:
                    os.unlink(path)
            for name in subfolders:
                with contextlib.suppress(OSError):  # only when empty
                    os.rmdir(os.path.join(folder, name))
        with contextlib.suppress(OSError):
            target.rmdir()
    discard(site_dir)
    return kept


def discard(site_dir: Path) -> None:
    """Delete what is still set aside (a build that failed before putting it back)."""
    shutil.rmtree(site_dir / HIDDEN, ignore_errors=True)


def empty(site_dir: Path) -> None:
    """Delete everything in site/, hidden entries too: a build that must not be published."""
    for entry in site_dir.iterdir() if site_dir.is_dir() else ():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
