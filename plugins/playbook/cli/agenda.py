"""The dashboard's Today list and coming conversations, for the terminal (`playbook today`,
`playbook upcoming`): text for people, JSON for scripts.

Text is styled with click.style; click.echo drops the styles when the output is not a terminal,
so a pipe or a file gets plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import click

from playbook.core import dates
from playbook.core.labels import label
from playbook.core.words import gettext as _
from playbook.core.words import ngettext
from playbook.logic import commands, schedule
from playbook.logic.playbook import Playbook
from playbook.logic.schedule import Action, Conversation


def _late(action: Action, today: date) -> str:
    if action.overdue:
        days = (today - action.due).days
        late = ngettext("due %(day)s, %(num)s day late", "due %(day)s, %(num)s days late", days)
        return late % {"day": dates.day(action.due), "num": days}
    if action.due == today:
        return _("due today")
    return _("due by %(day)s") % {"day": dates.day(action.due)}


def today_text(playbook: Playbook) -> str:
    """The Today list: overdue first, each with the contact, why, when and the command."""
    today = playbook.today
    actions = schedule.actions(playbook)
    if not actions:
        return _("Today, %(day)s: nothing is due.") % {"day": dates.day(today)}
    late, due = schedule.by_lateness(actions)
    said = {"day": dates.day(today), "count": len(actions), "late": len(late)}
    if late:
        first = _("Today, %(day)s: %(count)s to do, %(late)s overdue.") % said
    else:
        first = _("Today, %(day)s: %(count)s to do.") % said
    lines = [first]
    for heading, colour, group in (
        (_("Overdue"), "red", late),
        (_("Due"), "yellow", due),
    ):
        if not group:
            continue
        lines += ["", click.style(heading, fg=colour, bold=True)]
        for action in group:
            who = action.contact.name + (f" → {action.to.name}" if action.to else "")
            lines.append(
                f"  {click.style(action.label, bold=True)} · {who} · {_late(action, today)}"
            )
            lines.append(f"    {action.why}")
            lines.append(f"    {click.style(commands.done(action).text, fg='cyan')}")
    return "\n".join(lines)


def today_json(playbook: Playbook) -> dict[str, Any]:
    return {
        "today": playbook.today.isoformat(),
        "actions": [
            {
                "contact": action.contact.id,
                "name": action.contact.name,
                "kind": action.kind,
                "label": action.label,
                "due": action.due.isoformat(),
                "overdue": action.overdue,
                "why": action.why,
                "to": action.to.id if action.to else None,
                "command": commands.done(action).text,
            }
            for action in schedule.actions(playbook)
        ],
    }


PageUrl = Callable[[str], str]  # contact id → its prep sheet's address


def _window(playbook: Playbook, days: int) -> str:
    last = playbook.today + timedelta(days=days - 1)
    return _("%(first)s to %(last)s") % {
        "first": dates.day(playbook.today),
        "last": dates.day(last),
    }


def upcoming_text(playbook: Playbook, days: int, page_url: PageUrl) -> str:
    """The conversations of the next `days` days, soonest first, with their prep sheets."""
    coming = schedule.upcoming(playbook, days)
    if not coming:
        return ngettext(
            "No conversations from %(day)s in the next %(num)s day; book one with: "
            "playbook schedule ID WHEN",
            "No conversations from %(day)s in the next %(num)s days; book one with: "
            "playbook schedule ID WHEN",
            days,
        ) % {"day": dates.day(playbook.today), "num": days}
    window = {"window": _window(playbook, days), "count": len(coming)}
    lines = [_("Conversations from %(window)s: %(count)s.") % window]
    for conversation in coming:
        contact = conversation.contact
        assert contact.interview is not None  # upcoming() lists booked conversations only
        works = ", ".join(part for part in (contact.title, contact.company) if part)  # as typed
        how = _("%(minutes)s min %(medium)s") % {
            "minutes": conversation.minutes,
            "medium": label("medium", contact.interview.medium),
        }
        if contact.interview.where:
            how += f", {contact.interview.where}"
        starts = conversation.starts
        lines += [
            "",
            f"  {click.style(dates.day_and_time(starts), bold=True)}  "
            + " · ".join(part for part in (contact.name, works, how) if part),
            "    "
            + _("prep sheet: %(url)s") % {"url": click.style(page_url(contact.id), fg="cyan")},
        ]
    return "\n".join(lines)


def upcoming_json(
    playbook: Playbook, days: int, page_url: PageUrl, file_of: Callable[[str], str]
) -> dict[str, Any]:
    return {
        "today": playbook.today.isoformat(),
        "days": days,
        "conversations": [
            _conversation(c, page_url, file_of) for c in schedule.upcoming(playbook, days)
        ],
    }


def _conversation(
    conversation: Conversation, page_url: PageUrl, file_of: Callable[[str], str]
) -> dict[str, Any]:
    contact = conversation.contact
    assert contact.interview is not None
    return {
        "contact": contact.id,
        "name": contact.name,
        "title": contact.title,
        "company": contact.company,
        "starts": conversation.starts.isoformat(),
        "ends": conversation.ends.isoformat(),
        "minutes": conversation.minutes,
        "medium": contact.interview.medium,
        "where": contact.interview.where,
        "prep_sheet": page_url(contact.id),
        "file": file_of(contact.id),
    }


__all__ = [
    "today_json",
    "today_text",
    "upcoming_json",
    "upcoming_text",
]
