"""The pipeline board: a column per status, in pipeline order, a card per contact.

A card says who, where, the next step with its day, and the command that moves the card to the
next column. A column shows at most CARDS_SHOWN cards, the most recently active first; the rest
are a count that links to the contacts table filtered to that status, so the board stays small
however many contacts there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from playbook.core.labels import label
from playbook.core.model import STATUSES, Contact
from playbook.core.words import gettext as _
from playbook.logic import commands, schedule
from playbook.logic.playbook import Playbook

CARDS_SHOWN = 20


@dataclass(frozen=True)
class Step:
    """What to do next for someone, and when."""

    label: str
    due: date | None = None
    overdue: bool = False
    at: datetime | None = None  # a conversation's start, in the profile's time zone


@dataclass(frozen=True)
class Card:
    contact: Contact
    step: Step | None
    command: commands.Command | None  # moves the card to the next column; None in the last


@dataclass(frozen=True)
class Column:
    status: str
    cards: list[Card]  # the most recently active, at most CARDS_SHOWN
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


def next_step(playbook: Playbook, contact: Contact, due: schedule.Action | None) -> Step | None:
    """What is due (or overdue) first; else the next conversation; else the next step the
    routine will bring (a follow-up, moving on, keeping in touch) with its day; else what the
    status asks for. Nothing for a closed contact."""
    if contact.status == "closed":
        return None
    if due is not None:
        return Step(due.label, due.due, due.overdue)
    if (starts := schedule.next_conversation(playbook, contact)) is not None:
        return Step(_("Conversation"), starts.date(), at=starts)
    if (waiting := schedule.unanswered(playbook, contact)) is not None:
        kind, day = waiting.next_step
        return Step(label("action", kind), day)
    if (keep := schedule.keep_in_touch_due(playbook, contact)) is not None:
        return Step(label("action", "keep-in-touch"), keep[1])
    return {
        "identified": Step(_("Reach out")),
        "contacted": Step(_("Book a conversation")),
        "scheduled": Step(_("Book a new time")),  # booked, but the time has passed
    }.get(contact.status)


def board(playbook: Playbook) -> list[Column]:
    """Every status, in pipeline order, even when nobody is in it."""
    first_due: dict[str, schedule.Action] = {}
    for action in schedule.actions(playbook):  # oldest first: the first one per contact wins
        first_due.setdefault(action.contact.id, action)
    by_status: dict[str, list[Contact]] = {status: [] for status in STATUSES}
    for contact in playbook.contacts.values():
        by_status[contact.status].append(contact)
    columns = []
    for status, people in by_status.items():
        # Most recently active first, never logged last; a tie keeps the contacts' order (name).
        ranked = sorted(people, key=lambda c: -last_logged(c).toordinal() if c.log else 0)
        cards = [
            Card(c, next_step(playbook, c, first_due.get(c.id)), commands.move(c))
            for c in ranked[:CARDS_SHOWN]
        ]
        columns.append(Column(status, cards, len(people)))
    return columns


def last_logged(contact: Contact) -> date:
    days: list[date] = [e.date for e in contact.log]
    return max(days)
