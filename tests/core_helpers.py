"""Running the pure core (load → link → render) on a data folder, without MkDocs."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from playbook.link import Playbook, link
from playbook.load import load_documents
from playbook.pages import render_bodies

TODAY_DATE = date(2026, 11, 25)


def playbook_of(data: Path, today: date = TODAY_DATE, now: datetime | None = None) -> Playbook:
    """The linked playbook; `now`: the moment of the build (the start of `today` by default)."""
    return link(load_documents(data, data.parent), today, now)


def pages_of(data: Path, today: date = TODAY_DATE, *, public: bool = False) -> dict[str, str]:
    """Each generated page's HTML body, by source path (`contacts/dana-ruiz.md`)."""
    return render_bodies(playbook_of(data, today), public=public)
