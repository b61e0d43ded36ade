"""What you did each week: outreach sent, replies received, conversations held.

Weeks run Monday to Sunday, the last one being the week of `today` (so far). Counted from the log:
- outreach: `outreach` entries (a follow-up is not new outreach);
- replies: `reply` entries;
- conversations: the days a conversation was held, each once per contact (Playbook.talks).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from playbook.logic.playbook import Playbook

WEEKS = 12


@dataclass(frozen=True)
class Week:
    starts: date  # a Monday
    outreach: int
    replies: int
    conversations: int

    @property
    def ends(self) -> date:
        return self.starts + timedelta(days=6)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly(playbook: Playbook, weeks: int = WEEKS) -> list[Week]:
    """The last `weeks` weeks, oldest first, the current one last."""
    first = monday_of(playbook.today) - timedelta(weeks=weeks - 1)
    outreach: Counter[date] = Counter()
    replies: Counter[date] = Counter()
    conversations: Counter[date] = Counter()
    for contact in playbook.contacts.values():
        for entry in contact.log:
            if entry.kind == "outreach":
                outreach[monday_of(entry.date)] += 1
            elif entry.kind == "reply":
                replies[monday_of(entry.date)] += 1
        for talk in playbook.talks(contact):
            conversations[monday_of(talk.day)] += 1
    mondays = [first + timedelta(weeks=i) for i in range(weeks)]
    return [Week(m, outreach[m], replies[m], conversations[m]) for m in mondays]
