"""Running the pure core (load → link → render) on a data folder, without MkDocs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playbook.link import Playbook, link
from playbook.load import load_documents
from playbook.render import Renderer

TODAY_DATE = date(2026, 11, 25)


def playbook_of(data: Path, today: date = TODAY_DATE) -> Playbook:
    return link(load_documents(data, data.parent), today)


def pages_of(data: Path, today: date = TODAY_DATE) -> dict[str, str]:
    return Renderer().render(playbook_of(data, today))
