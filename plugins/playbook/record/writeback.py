"""Change one contact's file in place: what `playbook log`, `schedule`, `status` and `edit` share.

Every change goes the same way:

1. `open_contact` reads the file and keeps its bytes, to notice another writer later;
2. a change (`add_log`, `book`, `set_status`, or the user's editor) makes the new text; the
   commands go through `yamledit`, so comments, key order and quoting stay and only the changed
   lines differ;
3. `check` validates the whole playbook with the new text in the file's place, as a build
   would read it;
4. `save` writes a temporary file beside it, syncs it and renames it over the original, unless
   the file changed on disk since step 1.

A refused change writes nothing: the file stays byte for byte as it was.
"""

from __future__ import annotations

import difflib
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from playbook.core import dates
from playbook.core.model import STATUS_AFTER, Contact, Interview, Profile, advanced
from playbook.core.parse import Document, decode_text, parse_document, parse_text
from playbook.core.problems import DataError, Problem, did_you_mean, quote
from playbook.core.sources import (
    DocumentCache,
    FileError,
    Found,
    find_sources,
    load_documents,
)
from playbook.core.validate import validate_document
from playbook.logic.playbook import make_playbook
from playbook.record.writer import (
    ChangedOnDisk,
    WriteError,
    failure,
    replace_if_unchanged,
    writable,
)
from playbook.record.yamledit import EditError, block_or_flow_like, edit, insert_in_order

# Where a field the file does not have yet is put: the model's order, the example files' order.
CONTACT_ORDER = list(Contact.model_fields)
INTERVIEW_ORDER = list(Interview.model_fields)
WHEN_HINT = "write it like 2026-12-02T15:30 (in your profile's time zone) or 2026-12-02T15:30-06:00"
BOM = b"\xef\xbb\xbf"

Today = date | Callable[[tzinfo], date]


class WriteBackError(Exception):
    """Said to the user as it is; nothing was written."""


@dataclass(frozen=True)
class ContactFile:
    """A contact's file as it was read. Its bytes are compared again just before writing."""

    id: str
    path: Path
    rel: str  # the path as problems name it
    raw: bytes

    @property
    def key(self) -> tuple[str, str]:
        """Kind and id, as documents name themselves."""
        return ("contact", self.id)

    def text(self) -> str:
        """The text as a build reads it; a DataError when a build could not."""
        return decode_text(self.raw, self.rel)

    def contact(self) -> Contact:
        """The contact as it is now; a DataError when the file has problems of its own."""
        return _validated(self.rel, self.id, self.text())


def open_contact(
    data_dir: Path, contact_id: str, root: Path, found: Found | None = None
) -> ContactFile:
    """Read `data/contacts/ID.yml`, found the way a build finds it (`found`: find_sources's
    answer, when the caller has it)."""
    sources, _ = found or find_sources(data_dir, root)
    contacts = {s.id: s for s in sources if s.kind == "contact"}
    source = contacts.get(contact_id)
    if source is None:
        raise WriteBackError(
            f"no contact has the id {quote(contact_id)}; {did_you_mean(contact_id, contacts)}"
        )
    if source.path.is_symlink():
        # Renaming over a link would replace the link, not the file it points to.
        raise WriteBackError(f"{source.rel} is a symbolic link; change the file it points to")
    return ContactFile(source.id, source.path, source.rel, source.path.read_bytes())


def read_profile(data_dir: Path, root: Path, found: Found | None = None) -> Profile:
    """The profile, for the day and time zone a change is made in."""
    sources, _ = found or find_sources(data_dir, root)
    source = next((s for s in sources if s.kind == "profile"), None)
    if source is not None:
        try:
            profile = validate_document(
                parse_document(source.path, source.rel, "profile", "profile")
            )
        except (DataError, OSError):
            pass
        else:
            assert isinstance(profile, Profile)
            return profile
    raise WriteBackError(
        f"{source.rel if source else 'data/profile.yml'} is missing or has problems, and the day "
        "and time zone come from it; run playbook validate and fix it first"
    )


def _validated(rel: str, contact_id: str, text: str) -> Contact:
    contact = validate_document(parse_text(text, rel, "contact", contact_id))
    assert isinstance(contact, Contact)
    return contact


@dataclass(frozen=True)
class Change:
    """A contact file's new text, and what to tell the user about it."""

    text: str
    said: tuple[str, ...] = ()  # what changes, a line each
    status: tuple[str, str] | None = None  # (from, to) when the status moves

    def lines(self) -> list[str]:
        moved = [f"status: {self.status[0]} → {self.status[1]}"] if self.status else []
        return [*self.said, *moved]


def add_log(
    cf: ContactFile, day: date, kind: str, note: str = "", *, keep_status: bool = False
) -> Change:
    """A log entry appended (once: the same entry again changes nothing), the status moved
    forward when the kind implies it."""
    contact = cf.contact()
    note = " ".join(note.split())
    status = contact.status if keep_status else advanced(contact.status, kind)
    logged = _logged(contact, day, kind, note)

    def change(data: CommentedMap) -> None:
        if not logged:
            _append_log(data, day, kind, note)
        _set_status(data, contact.status, status)

    said = [] if logged else [f"{cf.rel}: logged {day.isoformat()} {kind}"]
    return _change(cf, change, said, contact.status, status)


def book(
    cf: ContactFile,
    profile: Profile,
    today: date,
    when: datetime,
    *,
    minutes: int | None = None,
    medium: str | None = None,
    where: str | None = None,
    uid: str | None = None,
    sequence: int | None = None,
) -> Change:
    """`interview` set (fields not given keep the value they had), `scheduled` logged today and
    the status moved forward to scheduled. `uid` and `sequence` name the calendar invite it was
    booked from, so a later version of that invite can move it."""
    contact = cf.contact()
    previous = contact.interview
    fields: dict[str, Any] = {"minutes": minutes, "medium": medium}
    fields["where"] = " ".join(where.split()) if where is not None else None
    fields = {key: value for key, value in fields.items() if value is not None}
    invite = {
        key: value for key, value in (("uid", uid), ("sequence", sequence)) if value is not None
    }
    same_time = previous is not None and _same_moment(previous.when, when, profile)
    medium_now = medium or (previous.medium if previous else "video")
    local = when.astimezone(dates.zone(profile))  # the note reads in the user's own time
    note = f"{dates.moment(local)}, {medium_now}"
    logged = _logged(contact, today, "scheduled", note)
    status = advanced(contact.status, "scheduled")

    def change(data: CommentedMap) -> None:
        interview = data.get("interview")
        if not isinstance(interview, CommentedMap):
            interview = CommentedMap()
            insert_in_order(data, "interview", interview, CONTACT_ORDER)
        if not same_time:
            insert_in_order(interview, "when", when, INTERVIEW_ORDER)
        for key, value in {**fields, **invite}.items():
            insert_in_order(interview, key, value, INTERVIEW_ORDER)
        if not logged:
            _append_log(data, today, "scheduled", note)
        _set_status(data, contact.status, status)

    booked = ", ".join(
        f"{value} minutes" if key == "minutes" else str(value) for key, value in fields.items()
    )
    said = [f"{cf.rel}: interview {when.isoformat()}" + (f" ({booked})" if booked else "")]
    if not logged:
        said.append(f"{cf.rel}: logged {today.isoformat()} scheduled")
    return _change(cf, change, said, contact.status, status)


def cancel(cf: ContactFile, today: date, note: str) -> Change:
    """The booking removed and its cancellation logged as a `note`; a contact who was
    `scheduled` goes back to `contacted`, where a new conversation is booked."""
    contact = cf.contact()
    note = " ".join(note.split())
    logged = _logged(contact, today, "note", note)
    status = "contacted" if contact.status == "scheduled" else contact.status

    def change(data: CommentedMap) -> None:
        data.pop("interview", None)
        if not logged:
            _append_log(data, today, "note", note)
        _set_status(data, contact.status, status)

    said = [f"{cf.rel}: interview removed"]
    if not logged:
        said.append(f"{cf.rel}: logged {today.isoformat()} note")
    return _change(cf, change, said, contact.status, status)


@dataclass(frozen=True)
class NewEntry:
    """A log entry to add: what `add_logs` takes, one per message imported."""

    day: date
    kind: str
    note: str = ""
    message_id: str = ""  # the email it records, so it is recorded once


def add_logs(cf: ContactFile, entries: Sequence[NewEntry]) -> Change:
    """Several log entries in one change (so one check and one write however many), each put
    in date order among those there, the status moved forward by each kind. An entry whose
    `message_id` is in the log already, or that is there word for word, is left out."""
    contact = cf.contact()
    seen = {e.message_id for e in contact.log if e.message_id}
    new: list[NewEntry] = []
    for entry in sorted(entries, key=lambda e: e.day):
        entry = replace(entry, note=" ".join(entry.note.split()))
        if entry.message_id in seen or (
            not entry.message_id and _logged(contact, entry.day, entry.kind, entry.note)
        ):
            continue
        seen.add(entry.message_id)
        new.append(entry)
    status: str = contact.status
    for entry in new:
        status = advanced(status, entry.kind)

    def change(data: CommentedMap) -> None:
        for entry in new:
            _append_log(data, entry.day, entry.kind, entry.note, entry.message_id, in_order=True)
        _set_status(data, contact.status, status)

    said = [f"{cf.rel}: logged {e.day.isoformat()} {e.kind}" for e in new]
    return _change(cf, change, said, contact.status, status)


def add_finding(
    cf: ContactFile, kind: str, text: str, note: str = "", role: str | None = None
) -> Change:
    """A finding appended to `learned` (`{KIND: TEXT, note, role}`), once: the same finding
    again changes nothing. Whether KIND and role exist is the check's to say, with the line."""
    contact = cf.contact()
    text, note = " ".join(text.split()), " ".join(note.split())
    known = any(
        (f.kind, f.text, f.note, f.role) == (kind, text, note, role or None)
        for f in contact.learned
    )

    def change(data: CommentedMap) -> None:
        if known:
            return
        entry = CommentedMap([(kind, text)])
        if note:
            entry["note"] = note
        if role:
            entry["role"] = role
        learned = data.get("learned")
        if not isinstance(learned, CommentedSeq) or (not learned and learned.fa.flow_style()):
            # `learned:` new, empty or `[]`: a block of lines, as findings are written by hand.
            insert_in_order(data, "learned", CommentedSeq([entry]), CONTACT_ORDER)
        else:
            learned.append(block_or_flow_like(learned, entry))

    said = [] if known else [f"{cf.rel}: learned {kind}: {text}"]
    return _change(cf, change, said, contact.status, contact.status)


def set_status(cf: ContactFile, status: str) -> Change:
    """The status set to `status`, in either direction (closing a contact, reopening one)."""
    contact = cf.contact()
    return _change(
        cf, lambda data: _set_status(data, contact.status, status), [], contact.status, status
    )


def _change(
    cf: ContactFile,
    change: Callable[[CommentedMap], None],
    said: list[str],
    before: str,
    after: str,
) -> Change:
    text = cf.text()
    try:
        new_text = edit(text, change)
    except EditError as error:  # the fast loader read it, ruamel.yaml does not: say so
        raise WriteBackError(
            f"{cf.rel}: cannot change this file in place ({error}); use playbook edit {cf.id}"
        ) from None
    if new_text == text:
        return Change(text)
    return Change(new_text, tuple(said), (before, after) if before != after else None)


def _logged(contact: Contact, day: date, kind: str, note: str) -> bool:
    return any((e.date, e.kind, e.note) == (day, kind, note) for e in contact.log)


def _append_log(
    data: CommentedMap,
    day: date,
    kind: str,
    note: str,
    message_id: str = "",
    *,
    in_order: bool = False,
) -> None:
    log = data.get("log")
    if not isinstance(log, CommentedSeq) or (not log and log.fa.flow_style()):
        log = CommentedSeq()  # `log:` left empty, or `log: []`: a list of lines from now on
        insert_in_order(data, "log", log, CONTACT_ORDER)
    entry = CommentedMap([("date", day), ("kind", kind)])
    if note:
        entry["note"] = note
    if message_id:
        entry["message_id"] = message_id
    # `in_order`: an imported entry (an old email) goes before the first entry later than it,
    # so the log stays oldest first; an entry typed today is appended, where the user expects.
    later = [i for i, e in enumerate(log) if isinstance(e, dict) and _after(e.get("date"), day)]
    at = later[0] if in_order and later else len(log)
    log.insert(at, block_or_flow_like(log, entry))


def _after(written: Any, day: date) -> bool:
    if isinstance(written, datetime):
        written = written.date()
    return isinstance(written, date) and written > day


def _set_status(data: CommentedMap, before: str, after: str) -> None:
    if after != before:
        insert_in_order(data, "status", after, CONTACT_ORDER)


def _same_moment(written: datetime, when: datetime, profile: Profile) -> bool:
    """Already booked at this time, written with the same offset: keep the line as it is."""
    aware = dates.as_aware(written, profile)
    return aware == when and aware.utcoffset() == when.utcoffset()


def parse_when(text: str, profile: Profile) -> datetime:
    """WHEN as typed: an ISO date-time, its offset or else the profile's time zone; ValueError
    with the hint otherwise."""
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        raise ValueError(f"{quote(text)} is not a date-time; {WHEN_HINT}") from None
    if "T" not in value.upper() and " " not in value:
        raise ValueError(f"{quote(text)} has no time of day; {WHEN_HINT}")
    moment = dates.as_aware(moment, profile)
    # Written with its offset, as the example files are: the same instant whatever zone the
    # profile names later. A UTC time keeps +00:00 rather than ZoneInfo's name.
    offset = moment.utcoffset()
    assert offset is not None
    return moment.replace(microsecond=0, tzinfo=timezone(offset))


def check(
    cf: ContactFile,
    text: str,
    data_dir: Path,
    root: Path,
    today: Today,
    documents: DocumentCache | None = None,
    found: Found | None = None,
) -> list[Problem]:
    """Validate the whole playbook with `text` as the contact's file, as a build would.

    Raises DataError with the problems the change answers for: any in this file, and any
    elsewhere that the playbook without the change does not have. Returns the others, problems
    elsewhere that were already there: they do not stop a change, so that a playbook with two
    broken files can be mended one file at a time (with less checked while they remain).

    `documents`: parsed files kept between checks (the preview's write API keeps one), so that
    a check reads only the files saved since the last. `found`: find_sources's answer.
    """
    try:
        changed: Document | DataError = parse_text(
            decode_text(text.encode("utf-8"), cf.rel), cf.rel, "contact", cf.id
        )
    except DataError as error:
        changed = FileError(error.problems, *cf.key)
    try:
        make_playbook(_with(changed, cf, load_documents(data_dir, root, documents, found)), today)
        return []
    except DataError as error:
        after = error.problems
    try:
        make_playbook(load_documents(data_dir, root, documents, found), today)
        before: set[Problem] = set()
    except DataError as error:
        before = set(error.problems)
    own = [p for p in after if p.file == cf.rel or p not in before]
    if own:
        raise DataError(own)
    return after


def _with(
    changed: Document | DataError, cf: ContactFile, documents: Iterable[Document | DataError]
) -> Iterator[Document | DataError]:
    """The playbook's documents, the changed file's text in place of what is on disk."""
    for item in documents:
        if not (isinstance(item, (Document, FileError)) and (item.kind, item.id) == cf.key):
            yield item
    yield changed


def save(cf: ContactFile, text: str, *, force: bool = False) -> None:
    """Replace the file with `text`, all or nothing, unless it changed on disk since it was
    read, or it is read-only and not `force`. A byte-order mark the file had stays."""
    refuse_read_only(cf, force=force)
    try:
        replace_if_unchanged(cf.path, ("\ufeff" if cf.raw.startswith(BOM) else "") + text, cf.raw)
    except ChangedOnDisk:
        raise WriteBackError(
            f"{cf.rel} changed on disk since it was read (saved in an editor?); nothing written"
        ) from None
    except WriteError as error:
        raise WriteBackError(
            f"cannot write {cf.rel}: {failure(error.error)}; nothing written"
        ) from None


def refuse_read_only(cf: ContactFile, *, force: bool) -> None:
    """A read-only file is refused, as an editor refuses it, unless `force`."""
    try:
        read_only = not writable(cf.path)
    except FileNotFoundError:
        return  # deleted since it was read: `save` says so
    if read_only and not force:
        mode = stat.filemode(cf.path.stat().st_mode)
        raise WriteBackError(
            f"{cf.rel} is read-only ({mode}); nothing written. Make it writable "
            f"(chmod u+w {cf.rel}), or pass --force to replace it anyway"
        )


def diff(cf: ContactFile, text: str) -> str:
    """The change as a unified diff, the way `git diff` shows it."""
    lines = difflib.unified_diff(
        cf.raw.decode("utf-8-sig", "replace").splitlines(keepends=True),
        text.splitlines(keepends=True),
        f"a/{cf.rel}",
        f"b/{cf.rel}",
    )
    return "".join(
        line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n" for line in lines
    )


class Discarded(WriteBackError):
    """The user gave up on an edit that did not validate."""


@dataclass
class EditedCopy:
    """A valid edit, in the copy the editor saved (kept when the file cannot be replaced)."""

    path: Path
    text: str
    elsewhere: list[Problem]  # problems in other files, already there before the edit

    def remove(self) -> None:
        shutil.rmtree(self.path.parent, ignore_errors=True)


def edit_until_valid(
    cf: ContactFile,
    data_dir: Path,
    root: Path,
    today: Today,
    *,
    open_editor: Callable[[Path], None],
    again: Callable[[DataError], bool],
) -> EditedCopy | None:
    """Edit a copy of the file, the way `visudo` does, until the whole playbook validates with
    it; None when the copy was saved unchanged.

    The copy lives in a folder of its own outside data/ (a half-edited file is never read by a
    build) under the file's own name, so editors recognise YAML. `again` is asked what to do
    with an invalid copy: True edits it again, False gives up (Discarded).
    """
    folder = Path(tempfile.mkdtemp(prefix="playbook-edit-"))
    copy = folder / cf.path.name
    try:
        copy.write_bytes(cf.raw)
        while True:
            open_editor(copy)
            raw = copy.read_bytes()
            if raw == cf.raw:
                shutil.rmtree(folder, ignore_errors=True)
                return None
            try:
                text = decode_text(raw, cf.rel)
                return EditedCopy(copy, text, check(cf, text, data_dir, root, today))
            except DataError as error:
                if not again(error):
                    raise Discarded(f"changes discarded; {cf.rel} is as it was") from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


__all__ = [
    "STATUS_AFTER",
    "Change",
    "ContactFile",
    "Discarded",
    "EditedCopy",
    "NewEntry",
    "WriteBackError",
    "add_finding",
    "add_log",
    "add_logs",
    "advanced",
    "book",
    "cancel",
    "check",
    "diff",
    "edit_until_valid",
    "open_contact",
    "parse_when",
    "read_profile",
    "refuse_read_only",
    "save",
    "set_status",
]
