"""Noticing a saved data file at once under `mkdocs serve`.

MkDocs' server polls the folders it watches every half second, so a save waits 0.25 s on
average, and up to 0.5 s, before the rebuild even starts, and polling data/ means a stat of
every file twice a second. The operating system can say instead (inotify, FSEvents, kqueue,
through watchdog, which MkDocs already uses): the rebuild starts as soon as the file is written.

The server has no public way to ask for a rebuild other than its own polling watch, so this uses
the condition its watch handler sets (MkDocs 1.6 and ProperDocs). Where that is not there, or
the system cannot watch, the plugin falls back to `server.watch`, MkDocs' own polling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from watchdog.events import (
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

# A file opened, or closed unchanged: the build itself reading data/. Rebuilding for these would
# rebuild once more after every change (a second live reload of every open page).
_READS = (EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE)
SETTLED = 0.04  # seconds without a change before a rebuild starts


class _Rebuild(FileSystemEventHandler):
    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in _READS:
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def watch(server: Any, folders: list[Path]) -> Any | None:
    """Watch `folders` for the server; the observer to stop at shutdown (None: polling)."""
    if hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild"):
        observer = Observer()
        try:
            for folder in folders:
                observer.schedule(_Rebuild(server), str(folder), recursive=True)
            observer.daemon = True
            observer.start()
        except OSError:  # no more inotify watches, a file system that cannot say
            observer.stop()
        else:
            # The server waits for a pause of `build_delay` (0.1 s) in the changes before it
            # rebuilds, a pause sized for its polling. Told by the system, the events of one
            # save (an editor's or the write API's: a temporary file, written, renamed) come
            # within a few milliseconds of each other.
            if isinstance(getattr(server, "build_delay", None), float):
                server.build_delay = min(server.build_delay, SETTLED)
            return observer
    for folder in folders:
        server.watch(str(folder))
    return None
