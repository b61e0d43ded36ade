"""What each write-back command changes, from its fields: the one mapping that the command line
(cli/daily.py) and the local preview's write API (builder/write_api.py) share, so a button and
the line it stands beside record the same thing.

Each command gives a `MakeChange` for `record.apply`; `from_request` reads the write API's JSON
(`{"id": ..., "kind": ..., "base": ...}`) into one, with the command line's field names.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, get_args

from playbook.core.model import FINDING_KINDS, STATUSES, LogKind, Medium, Profile
from playbook.core.problems import quote
from playbook.core.text import not_text
from playbook.record import writeback
from playbook.record.apply import MakeChange
from playbook.record.writeback import ContactFile, WriteBackError


class BadValue(WriteBackError):
    """A field that cannot be read (a date that is no date); nothing was written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def log(
    kind: str, note: str = "", day: date | None = None, *, keep_status: bool = False
) -> MakeChange:
    """`playbook log ID KIND [NOTE] [--date D] [--keep-status]`."""
    return lambda cf, profile, today: writeback.add_log(
        cf, day or today, kind, note, keep_status=keep_status
    )


def schedule(
    when: str, minutes: int | None = None, medium: str | None = None, where: str | None = None
) -> MakeChange:
    """`playbook schedule ID WHEN [--minutes N] [--medium M] [--where TEXT]`; WHEN is read in
    the profile's time zone (BadValue when it is no date-time)."""

    def book(cf: ContactFile, profile: Profile, today: date) -> writeback.Change:
        try:
            moment = writeback.parse_when(when, profile)
        except ValueError as error:
            raise BadValue("when", str(error)) from None
        return writeback.book(
            cf, profile, today, moment, minutes=minutes, medium=medium, where=where
        )

    return book


def status(value: str) -> MakeChange:
    """`playbook status ID STATUS`."""
    return lambda cf, profile, today: writeback.set_status(cf, value)


def learned(kind: str, text: str, note: str = "", role: str | None = None) -> MakeChange:
    """`playbook learned ID KIND TEXT [--note N] [--role R]`."""
    return lambda cf, profile, today: writeback.add_finding(cf, kind, text, note, role)


# The write API's commands: each field, whether it must be there, and its type.
REQUESTS: dict[str, dict[str, tuple[bool, type]]] = {
    "log": {"kind": (True, str), "note": (False, str), "date": (False, str)},
    "schedule": {
        "when": (True, str),
        "minutes": (False, int),
        "medium": (False, str),
        "where": (False, str),
    },
    "status": {"status": (True, str)},
    "learned": {
        "kind": (True, str),
        "text": (True, str),
        "note": (False, str),
        "role": (False, str),
    },
}
# The values the commands offer, for the page's menus (the command line's choices).
CHOICES = {
    "kinds": list(get_args(LogKind)),
    "statuses": list(STATUSES),
    "media": list(get_args(Medium)),
    "findings": list(FINDING_KINDS),
}
COMMON: dict[str, tuple[bool, type]] = {"id": (True, str), "base": (False, str)}


def from_request(command: str, body: Any) -> tuple[str, MakeChange, str | None]:
    """The write API's request for `command`: (contact id, change, base). BadValue names the
    field that is missing, unknown or of the wrong type."""
    fields = REQUESTS[command] | COMMON
    if not isinstance(body, Mapping):
        raise BadValue("body", "send a JSON object of fields")
    for name in body:
        if name not in fields:
            raise BadValue(str(name), f"not a field of {command}; its fields: {', '.join(fields)}")
    for name, (required, kind) in fields.items():
        value = body.get(name)
        if value is None:
            if required:
                raise BadValue(name, "missing")
        elif not isinstance(value, kind) or isinstance(value, bool):
            raise BadValue(name, f"must be {'a number' if kind is int else 'text'}")
        elif isinstance(value, str) and (wrong := not_text(value)) is not None:
            raise BadValue(name, wrong)
    v: dict[str, Any] = {name: body.get(name) for name in fields}
    if command == "log":
        make = log(v["kind"], v["note"] or "", _day(v["date"]))
    elif command == "schedule":
        make = schedule(v["when"], v["minutes"], v["medium"] or None, v["where"])
    elif command == "status":
        make = status(v["status"])
    else:
        make = learned(v["kind"], v["text"], v["note"] or "", v["role"] or None)
    return v["id"], make, v["base"]


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadValue("date", f"{quote(text)} is not a day; write it like 2026-11-25") from None
