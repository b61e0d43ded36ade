"""Small playbooks for the schedule, checks and calendar tests: the example's profile, roles,
questions and templates, with only the contacts (and template changes) a test describes."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA
from playbook.logic.playbook import Playbook

# One contact for each way of being connected, with a profile whose `employers` has Pine Labs.
CONNECTED = {
    "mark-cho": {"name": "Mark Cho"},
    "dana-ruiz": {"introduced_by": "mark-cho"},  # introducer
    "eli-fox": {"school": "Lakeside University"},  # shared school (the profile's)
    "gus-hale": {"company": "Pine Labs"},  # shared employer (profile.employers)
}
EMPLOYERS = {"employers": ["Pine Labs"]}


def write_data(
    tmp_path: Path,
    contacts: dict[str, dict[str, Any]] | None,
    *,
    profile: dict[str, Any] | None = None,
    templates: dict[str, str] | None = None,
) -> Path:
    """A data folder: the example's files, `contacts` instead of its own (None: keep them)."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    if contacts is not None:
        shutil.rmtree(data / "contacts")
        (data / "contacts").mkdir()
    for cid, fields in (contacts or {}).items():
        document = {"name": cid.replace("-", " ").title(), **fields}
        (data / "contacts" / f"{cid}.yml").write_text(
            yaml.safe_dump(document, sort_keys=False), encoding="utf-8"
        )
    if profile:
        path = data / "profile.yml"
        merged = {**yaml.safe_load(path.read_text(encoding="utf-8")), **profile}
        path.write_text(yaml.safe_dump(merged, sort_keys=False), encoding="utf-8")
    for name, text in (templates or {}).items():
        (data / "templates" / f"{name}.md").write_text(text, encoding="utf-8")
    return data


def playbook(
    tmp_path: Path,
    contacts: dict[str, dict[str, Any]],
    today: date,
    now: datetime | None = None,
    **options: Any,
) -> Playbook:
    return playbook_of(write_data(tmp_path, contacts, **options), today, now)


def log(*entries: tuple[str, str]) -> list[dict[str, str]]:
    """`log(("2026-11-20", "outreach"))` → the contact's `log:` list."""
    return [{"date": day, "kind": kind} for day, kind in entries]
