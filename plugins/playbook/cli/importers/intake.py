"""The rules every import follows: new files only, duplicates skipped, every person accounted for.

A format module turns its file into `Incoming` people (or `Skipped` rows it could not read); `plan`
compares them with the contacts already in data/contacts and with each other, gives the new ones
free ids and checks each new file exactly as a build would read it; `write` creates the files;
`summary` says what happened to every row, by its line in the source file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from playbook.core.parse import parse_document
from playbook.core.problems import DataError
from playbook.core.text import fold
from playbook.record.writer import check_contact, contact_id, contact_yaml, create_files

if TYPE_CHECKING:  # filters.py builds on Incoming, defined here
    from playbook.cli.importers.filters import Filters


# An export of 30,000 LinkedIn connections is about 3 MB, an address book's vCards with photos
# some tens of MB; a larger file is not what the user meant to import (and would sit in memory).
MAX_IMPORT_BYTES = 100 * 1024 * 1024


class NotThisFormat(Exception):
    """The file is not what the importer reads (a message for the user, nothing was written)."""


def check_size(size: int, where: str, hint: str) -> None:
    """Refuse an input over MAX_IMPORT_BYTES, saying how big it is and what to do."""
    if size > MAX_IMPORT_BYTES:
        raise NotThisFormat(
            f"{where} is {size / 1e6:,.0f} MB, more than the {MAX_IMPORT_BYTES // 2**20} MiB an "
            f"import reads; {hint}"
        )


def read_limited(path: Path, hint: str) -> bytes:
    """The file's bytes, refusing one too big to be an export."""
    check_size(path.stat().st_size, str(path), hint)
    return path.read_bytes()


@dataclass
class Incoming:
    """One person read from the source file, as the fields of a new contact file."""

    line: int
    fields: dict[str, Any]
    since: date | None = None  # when you connected, where the source says (for --since)

    @property
    def name(self) -> str:
        return str(self.fields.get("name", ""))


@dataclass
class Skipped:
    line: int
    reason: str


@dataclass
class Notice:
    """Something the reader noticed about the file, said as a warning (nobody is skipped)."""

    line: int
    text: str


@dataclass
class Present:
    """Someone who is already in the data (or earlier in the same file)."""

    line: int
    name: str
    where: str
    why: str


@dataclass
class Added:
    line: int
    name: str
    path: Path
    text: str
    left_out: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    source: str
    added: list[Added] = field(default_factory=list)
    present: list[Present] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)  # the filters used, as typed
    left_out: int = 0  # rows the filters left out


def linkedin_key(url: str) -> str:
    """A LinkedIn address as a comparable key: no scheme, `www.`, case, query or trailing slash."""
    text = unquote(url.strip()).lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = re.sub(r"^www\.", "", text)
    return re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")


def person_key(name: str, company: str) -> tuple[str, str]:
    """Name and company compared the way every name is (text.fold)."""
    return (fold(name), fold(company))


class _Known:
    """Who is already there, by LinkedIn address and by name and company."""

    def __init__(self) -> None:
        self.by_url: dict[str, str] = {}
        self.by_person: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def add(self, fields: dict[str, Any], where: str) -> None:
        url = linkedin_key(str((fields.get("links") or {}).get("linkedin") or ""))
        if url:
            self.by_url.setdefault(url, where)
        key = person_key(str(fields.get("name") or ""), str(fields.get("company") or ""))
        self.by_person.setdefault(key, []).append((url, where))

    def find(self, fields: dict[str, Any]) -> tuple[str, str] | None:
        url = linkedin_key(str((fields.get("links") or {}).get("linkedin") or ""))
        if url and url in self.by_url:
            return self.by_url[url], "same LinkedIn URL"
        key = person_key(str(fields.get("name") or ""), str(fields.get("company") or ""))
        for other_url, where in self.by_person.get(key, []):
            # Two different LinkedIn addresses are two people, even with the same name.
            if not (url and other_url):
                return where, "same name and company"
        return None


def _existing(contacts_dir: Path, root: Path, outcome: Outcome) -> tuple[_Known, set[str]]:
    known, taken = _Known(), set[str]()
    if not contacts_dir.is_dir():
        return known, taken
    for path in sorted(contacts_dir.iterdir()):
        if path.name.startswith("."):
            continue
        taken.add(path.name.split(".")[0])
        if path.suffix != ".yml":
            continue
        rel = display_path(path, root)
        try:
            doc = parse_document(path, rel, "contact", path.stem)
        except (DataError, OSError):
            outcome.warnings.append(f"cannot read {rel}, so duplicates of it are not detected")
            continue
        known.add(doc.data, rel)
    return known, taken


def plan(
    people: Iterable[Incoming | Skipped | Notice],
    contacts_dir: Path,
    root: Path,
    source: str,
    filters: Filters | None = None,
) -> Outcome:
    """Decide what happens to every person; nothing is written."""
    outcome = Outcome(source, filters=filters.named if filters else [])
    known, taken = _existing(contacts_dir, root, outcome)
    for person in people:
        if isinstance(person, Notice):
            outcome.warnings.append(f"line {person.line}: {person.text}")
            continue
        if isinstance(person, Skipped):
            outcome.skipped.append(person)
            continue
        if filters is not None:
            if not filters.keeps(person):
                outcome.left_out += 1
                continue
            person = filters.given(person)
        found = known.find(person.fields)
        if found:
            outcome.present.append(Present(person.line, person.name, *found))
            continue
        doc_id = contact_id(person.name, taken)
        path = contacts_dir / f"{doc_id}.yml"
        checked = _checked(person.fields, display_path(path, root), doc_id)
        if isinstance(checked, Skipped):
            outcome.skipped.append(Skipped(person.line, checked.reason))
            continue
        text, left_out = checked
        taken.add(doc_id)
        known.add(person.fields, f"line {person.line}")
        outcome.added.append(Added(person.line, person.name, path, text, left_out))
    return outcome


def _checked(fields: dict[str, Any], rel: str, doc_id: str) -> tuple[str, list[str]] | Skipped:
    """The file's text, validated. A bad email, phone or address is left out (and said so)
    rather than losing the whole person; any other problem skips them."""
    left_out: list[str] = []
    fields = {**fields, "links": dict(fields.get("links") or {})}
    for _ in range(2):
        text = contact_yaml(fields)
        try:
            check_contact(text, rel, doc_id)
            return text, left_out
        except DataError as error:
            problems = error.problems
        paths = [p.field for p in problems]
        if not all(p.startswith("links.") for p in paths):
            break
        for problem in problems:
            fields["links"].pop(problem.field.removeprefix("links."), None)
            left_out.append(f"{problem.field}: {problem.message}")
    return Skipped(0, "; ".join(f"{p.field or 'file'}: {p.message}" for p in problems))


def write(outcome: Outcome) -> None:
    """Create every added file. A name taken since planning gets the next free id."""
    if not outcome.added:
        return
    folder = outcome.added[0].path.parent
    folder.mkdir(parents=True, exist_ok=True)
    names = {added.path: added.name for added in outcome.added}

    def rename(path: Path) -> Path:
        taken = {p.name.split(".")[0] for p in folder.iterdir()} | {p.stem for p in names}
        new_path = folder / f"{contact_id(names[path], taken)}.yml"
        names[new_path] = names[path]
        return new_path

    written = create_files([(added.path, added.text) for added in outcome.added], rename)
    for added, path in zip(outcome.added, written, strict=True):
        added.path = path


def summary(outcome: Outcome, root: Path, *, dry_run: bool) -> str:
    lines = ["Dry run: nothing written." if dry_run else f"Imported {outcome.source}."]
    verb = "Would add" if dry_run else "Added"
    lines.append(f"{verb} {len(outcome.added)}:")
    for added in outcome.added:
        lines.append(
            f"  {'would write' if dry_run else 'wrote'} {display_path(added.path, root)}"
            f"  (line {added.line}: {added.name})"
        )
        lines.extend(f"      left out {note}" for note in added.left_out)
    lines.append(f"Already there {len(outcome.present)}:")
    for present in outcome.present:
        lines.append(f"  line {present.line}: {present.name} = {present.where} ({present.why})")
    lines.append(f"Skipped {len(outcome.skipped)}:")
    for skipped in sorted(outcome.skipped, key=lambda s: s.line):
        lines.append(f"  line {skipped.line}: {skipped.reason}")
    if outcome.filters:
        lines.append(f"Left out by {', '.join(outcome.filters)}: {outcome.left_out}")
    lines.extend(f"Warning: {warning}" for warning in outcome.warnings)
    return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """A path as the user would type it from root (absolute when outside it)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


__all__ = [
    "Added",
    "Incoming",
    "NotThisFormat",
    "Notice",
    "Outcome",
    "Present",
    "Skipped",
    "display_path",
    "linkedin_key",
    "plan",
    "summary",
    "write",
]
