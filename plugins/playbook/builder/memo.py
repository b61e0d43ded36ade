"""What one build remembers for the next: parsed and validated files, template reviews and
calendar events, each under what it was made from.

`mkdocs serve` keeps it in memory between rebuilds. A new process (`mkdocs build`) reads it from
the cache folder, so that a build with nothing changed parses no file and fills in no template:
at 5,000 contacts that is most of what is left of a build once the pages come from the cache.
It is Python's pickle of our own objects, written by this very version of the plugin (the file
name carries a digest of the plugin's code) into the project's own cache folder; anything wrong
with it (an older version, a truncated file) and it is ignored and made anew.
"""

from __future__ import annotations

import contextlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from playbook.builder.cache import write_atomically
from playbook.core.digests import package_digest
from playbook.core.sources import DocumentCache
from playbook.logic.checks import Reviewer
from playbook.pages.ics import EventFields


@dataclass
class Memo:
    documents: DocumentCache = field(default_factory=DocumentCache)
    reviewer: Reviewer = field(default_factory=Reviewer)
    events: dict[EventFields, bytes] = field(default_factory=dict)
    saved: tuple[object, ...] = ()  # the state last read or written: is there anything new?

    def _state(self) -> tuple[object, ...]:
        return (self.documents.version, self.reviewer.version, hash(frozenset(self.events)))

    @classmethod
    def read(cls, folder: Path | None) -> Memo:
        """The memo a previous build left in `folder` (None: no cache), else a new one."""
        memo = cls()
        path = _path(folder)
        if path is not None:
            with contextlib.suppress(Exception):  # whatever is wrong with it, start afresh
                loaded = pickle.loads(path.read_bytes())
                if isinstance(loaded, cls):
                    memo = loaded
        memo.saved = memo._state()
        return memo

    def write(self, folder: Path | None) -> None:
        """Leave the memo for the next build, when this one added to it."""
        path = _path(folder)
        if path is None or self.saved == self._state():
            return
        write_atomically(path, pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))
        for old in path.parent.glob("memo-*.pickle"):  # other versions of the plugin
            if old != path:
                old.unlink(missing_ok=True)
        self.saved = self._state()


def _path(folder: Path | None) -> Path | None:
    return None if folder is None else folder / f"memo-{package_digest()[:16]}.pickle"
