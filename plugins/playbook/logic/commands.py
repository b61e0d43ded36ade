"""The `playbook` commands the pages and the terminal print for the user to type: the one place
that knows how to record an action as done, move a card on the board, or add someone new.

A command that records something is made with its fields (the local preview's write API takes
the same command and fields, from a button beside the printed line): the text and the button
come from one call here, so they never disagree."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import TYPE_CHECKING

from playbook.core.model import STATUS_AFTER, STATUSES, Contact

if TYPE_CHECKING:  # schedule.py makes its actions' commands with add_contact
    from playbook.logic.schedule import Action


@dataclass(frozen=True)
class Command:
    """A `playbook` line to type; for those the preview can run too, the write API's command
    and fields (`{"command": "log", "id": ..., "kind": ...}`)."""

    text: str
    name: str = ""  # the write API's command; "" for one only a terminal runs (add contact)
    fields: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return self.text

    def request(self) -> dict[str, str]:
        """What a button beside the line sends; {} when it has none."""
        return {"command": self.name, **dict(self.fields)} if self.name else {}


def log(contact_id: str, kind: str) -> Command:
    """`playbook log ID KIND`."""
    return Command(f"playbook log {contact_id} {kind}", "log", (("id", contact_id), ("kind", kind)))


def status(contact_id: str, value: str) -> Command:
    """`playbook status ID STATUS`."""
    return Command(
        f"playbook status {contact_id} {value}", "status", (("id", contact_id), ("status", value))
    )


# What records each kind of action as done, and so takes it off the list.
DONE = {
    "thank-you": ("log", "thank-you"),
    "follow-up": ("log", "follow-up"),
    # Thanked → following-up: the stage whose message is the keep-in-touch note; any log entry
    # restarts the keep-in-touch clock.
    "keep-in-touch": ("log", "follow-up"),
    "move-on": ("status", "closed"),
}
# The log kind that moves a contact into each status (`playbook log ID KIND`).
KIND_INTO = {status: kind for kind, status in STATUS_AFTER.items()}


def add_contact(name: str, company: str, *, referred: bool = False) -> str:
    """The `playbook add contact` line to type for someone new."""
    words = ["playbook", "add", "contact", _quote(name)]
    if company:
        words += ["--company", _quote(company)]
    if referred:
        words += ["--source", "referral"]
    return " ".join(words)


def done(action: Action) -> Command:
    """The exact command that records `action` as done."""
    if action.command:  # someone to add first: a referral, a second person not yet known
        return Command(action.command)
    if action.to is not None:  # the second person to write to
        return log(action.to.id, "outreach")
    if action.kind == "second-person":  # nobody there, and no company to name
        return Command(add_contact("Name", action.contact.company))
    name, value = DONE[action.kind]
    return (log if name == "log" else status)(action.contact.id, value)


def move(contact: Contact) -> Command | None:
    """The command that moves a contact one column on: a log entry when one implies the next
    status (it records what happened as well), else `playbook status`; None in the last one."""
    index = STATUSES.index(contact.status)
    if index + 1 == len(STATUSES):
        return None
    following = STATUSES[index + 1]
    if following in KIND_INTO:
        return log(contact.id, KIND_INTO[following])
    return status(contact.id, following)


def _quote(word: str) -> str:
    # Double quotes read naturally for names; shlex's quoting when the name holds shell syntax.
    return f'"{word}"' if not re.search(r'["\\$`!]', word) else shlex.quote(word)
