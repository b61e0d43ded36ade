"""One change to one contact's file, from reading it to writing it: what `playbook log`,
`schedule` and `status` call, and what the local preview's buttons will call. One path, so the
guarantees (checked first, atomic, nothing written when refused) hold for both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path

from playbook.core.dates import zone
from playbook.core.model import Profile
from playbook.core.parse import text_digest
from playbook.core.problems import DataError, Problem
from playbook.core.sources import DocumentCache, find_sources
from playbook.record import writeback
from playbook.record.writeback import Change, ContactFile, WriteBackError

MakeChange = Callable[[ContactFile, Profile, date], Change]


class Refused(WriteBackError):
    """The change breaks a rule: the problems as FILE:LINE:COLUMN, then what happened."""

    def __init__(self, error: DataError, then: str) -> None:
        super().__init__(then)
        self.error = error
        self.then = then

    def report(self) -> str:
        return f"{self.error.report()}\n{self.then}"


class Stale(WriteBackError):
    """The file is not the version the change was made against."""


def digest(raw: bytes) -> str:
    """A file version's name: what a page built from it sends back as `base` (the digest the
    page's own is made of, so a page taken from the cache carries the right one)."""
    return text_digest(raw.decode("utf-8-sig", "replace"))


@dataclass(frozen=True)
class Outcome:
    """What a change did, for the user: the file, what changed, and the diff."""

    file: str  # as problems name it, data/contacts/ID.yml
    change: Change | None  # None: the file already said so
    diff: str = ""
    written: bool = False
    elsewhere: list[Problem] = field(default_factory=list)  # problems already there


def apply(
    data_dir: Path,
    root: Path,
    contact_id: str,
    make: MakeChange,
    today: Callable[[tzinfo], date],
    *,
    dry_run: bool = False,
    base: str | None = None,
    force: bool = False,
    documents: DocumentCache | None = None,
) -> Outcome:
    """Make a change to one contact's file, check the whole playbook with it, then write it
    (or only show it, with `dry_run`). Raises WriteBackError (Refused, Stale, a read-only file
    without `force`, a write the system refused) having written nothing.

    `base`, when given, is the digest of the version the change was made against: a file
    changed since (in an editor, or from another tab) is Stale. `documents`: parsed files
    kept from one change to the next (writeback.check)."""
    found = find_sources(data_dir, root)  # once: each listing of data/ reads every name in it
    profile = writeback.read_profile(data_dir, root, found)
    day = today(zone(profile))
    contact_file = writeback.open_contact(data_dir, contact_id, root, found)
    if base is not None and base != digest(contact_file.raw):
        raise Stale(f"{contact_file.rel} changed since this page was built; reload and try again")
    try:
        change = make(contact_file, profile, day)
    except DataError as error:
        then = f"nothing written; fix the file first: playbook edit {contact_id}"
        raise Refused(error, then) from None
    if change.text == contact_file.text():
        return Outcome(contact_file.rel, None)
    try:
        elsewhere = writeback.check(
            contact_file, change.text, data_dir, root, today, documents, found
        )
    except DataError as error:
        raise Refused(error, "nothing written: the change would break the playbook") from None
    if not dry_run:
        writeback.save(contact_file, change.text, force=force)
    return Outcome(
        contact_file.rel, change, writeback.diff(contact_file, change.text), not dry_run, elsewhere
    )
