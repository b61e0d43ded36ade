"""Running the pure core (load → link → render) on a data folder, without MkDocs."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from benchmarks.generate import TODAY

from playbook.core.sources import load_documents
from playbook.logic.playbook import Playbook, make_playbook
from playbook.pages.catalogue import render_bodies


def playbook_of(data: Path, today: date = TODAY, now: datetime | None = None) -> Playbook:
    """The linked playbook; `now`: the moment of the build (the start of `today` by default)."""
    return make_playbook(load_documents(data, data.parent), today, now)


def pages_of(data: Path, today: date = TODAY, *, public: bool = False) -> dict[str, str]:
    """Each generated page's HTML body, by source path (`contacts/dana-ruiz.md`)."""
    return render_bodies(playbook_of(data, today), public=public)
