"""The `playbook` commands the pages and the terminal print for the user to type: the one place
that knows how to record an action as done, move a card on the board, or add someone new."""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

from playbook.core.model import STATUS_AFTER, STATUSES, Contact

if TYPE_CHECKING:  # schedule.py makes its actions' commands with add_contact
    from playbook.logic.schedule import Action

# What records each kind of action as done, and so takes it off the list.
DONE = {
    "thank-you": "playbook log {id} thank-you",
    "follow-up": "playbook log {id} follow-up",
    # Thanked → following-up: the stage whose message is the keep-in-touch note; any log entry
    # restarts the keep-in-touch clock.
    "keep-in-touch": "playbook log {id} follow-up",
    "move-on": "playbook status {id} closed",
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


def done(action: Action) -> str:
    """The exact command that records `action` as done."""
    if action.command:  # someone to add first: a referral, a second person not yet known
        return action.command
    if action.to is not None:  # the second person to write to
        return f"playbook log {action.to.id} outreach"
    if action.kind == "second-person":  # nobody there, and no company to name
        return add_contact("Name", action.contact.company)
    return DONE[action.kind].format(id=action.contact.id)


def move(contact: Contact) -> str:
    """The command that moves a contact one column on: a log entry when one implies the next
    status (it records what happened as well), else `playbook status`; "" in the last one."""
    index = STATUSES.index(contact.status)
    if index + 1 == len(STATUSES):
        return ""
    following = STATUSES[index + 1]
    if following in KIND_INTO:
        return f"playbook log {contact.id} {KIND_INTO[following]}"
    return f"playbook status {contact.id} {following}"


def _quote(word: str) -> str:
    # Double quotes read naturally for names; shlex's quoting when the name holds shell syntax.
    return f'"{word}"' if not re.search(r'["\\$`!]', word) else shlex.quote(word)
