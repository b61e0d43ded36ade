"""What is coming up and what is due: pure functions of the playbook and its today."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from playbook.link import Playbook
from playbook.model import STATUSES, Contact, zone
from playbook.plan import conversation_minutes


@dataclass(frozen=True)
class Conversation:
    contact: Contact
    starts: datetime  # in the profile's time zone
    minutes: int

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)


def conversations(playbook: Playbook) -> list[Conversation]:
    """Every booked conversation, soonest first, in the profile's time zone."""
    tz = zone(playbook.profile)
    found = []
    for contact in playbook.contacts.values():
        starts = playbook.starts_at(contact)
        if starts is not None:
            minutes = conversation_minutes(contact, playbook.profile)
            found.append(Conversation(contact, starts.astimezone(tz), minutes))
    return sorted(found, key=lambda c: (c.starts, c.contact.name))


def upcoming(playbook: Playbook, days: int = 14) -> list[Conversation]:
    """Conversations from today up to (not including) today + days."""
    end = playbook.today + timedelta(days=days)
    return [c for c in conversations(playbook) if playbook.today <= c.starts.date() < end]


def next_conversation(playbook: Playbook, contact: Contact) -> datetime | None:
    starts = playbook.starts_at(contact)
    if starts is None:
        return None
    starts = starts.astimezone(zone(playbook.profile))
    return starts if starts.date() >= playbook.today else None


def pipeline(playbook: Playbook) -> dict[str, int]:
    """Contacts per status, every status listed even when none are in it."""
    counts = Counter(c.status for c in playbook.contacts.values())
    return {status: counts.get(status, 0) for status in STATUSES}


@dataclass(frozen=True)
class Action:
    contact: Contact
    due: date
    kind: str  # thank-you, ...
    why: str


def actions(playbook: Playbook) -> list[Action]:
    """What to do for whom, oldest first: thank-yous owed after a conversation."""
    found = []
    hours = timedelta(hours=playbook.profile.thank_you_within_hours)
    for conversation in conversations(playbook):
        contact = conversation.contact
        if conversation.ends.date() > playbook.today:
            continue
        if any(entry.kind == "thank-you" for entry in contact.log):
            continue
        if contact.status not in ("scheduled", "interviewed"):
            continue
        due = (conversation.ends + hours).date()
        found.append(
            Action(
                contact,
                due,
                "thank-you",
                f"you talked on {conversation.starts:%a %d %b}; thank them within "
                f"{playbook.profile.thank_you_within_hours} hours",
            )
        )
    return sorted(found, key=lambda a: (a.due, a.contact.name))
