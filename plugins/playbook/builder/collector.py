"""Python's cyclic garbage collector, kept out of `serve`'s rebuilds.

A rebuild makes a new playbook, new pages and a new theme environment, millions of objects:
the collector, triggered by so many allocations, walks them again and again while the user
waits for the page (30-110 ms of a 0.7 s rebuild after one save, at 1,000 contacts). Paused
while a rebuild runs, it runs once, half a second after it, when the page has been served; a
rebuild that starts first pauses it again, and the one after collects. What the collector
frees is the cycles among the last rebuild's objects: at most one rebuild's worth waits.
"""

from __future__ import annotations

import gc
import threading

AFTER = 0.5  # seconds after a rebuild: the reloaded page is served by then


class Collector:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._building = False

    def pause(self) -> None:
        """A rebuild starts."""
        with self._lock:
            self._building = True
            gc.disable()

    def resume_later(self) -> None:
        """A rebuild ended (or failed)."""
        with self._lock:
            self._building = False
        timer = threading.Timer(AFTER, self._collect)
        timer.daemon = True
        timer.start()

    def _collect(self) -> None:
        with self._lock:
            if not self._building:
                gc.collect()
                gc.enable()
