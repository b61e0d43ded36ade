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
from playbook.logic import commands, schedule
from playbook.logic.playbook import Playbook
from playbook.logic.schedule import Action, Conversation


def _late(action: Action, today: date) -> str:
    if action.overdue:
        days = (today - action.due).days
        return f"due {dates.day(action.due)}, {days} day{'s' if days != 1 else ''} late"
    return "due today" if action.due == today else f"due by {dates.day(action.due)}"


def today_text(playbook: Playbook) -> str:
    """The Today list: overdue first, each with the contact, why, when and the command."""
    today = playbook.today
    actions = schedule.actions(playbook)
    if not actions:
        return f"Today, {dates.day(today)}: nothing is due."
    late, due = schedule.by_lateness(actions)
    lines = [
        f"Today, {dates.day(today)}: {len(actions)} to do"
        + (f", {len(late)} overdue." if late else ".")
    ]
    for heading, colour, group in (
        ("Overdue", "red", late),
        ("Due", "yellow", due),
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
    return f"{dates.day(playbook.today)} to {dates.day(last)}"


def upcoming_text(playbook: Playbook, days: int, page_url: PageUrl) -> str:
    """The conversations of the next `days` days, soonest first, with their prep sheets."""
    coming = schedule.upcoming(playbook, days)
    if not coming:
        return (
            f"No conversations from {dates.day(playbook.today)} in the next {days} days; "
            "book one with: playbook schedule ID WHEN"
        )
    lines = [f"Conversations from {_window(playbook, days)}: {len(coming)}."]
    for conversation in coming:
        contact = conversation.contact
        assert contact.interview is not None  # upcoming() lists booked conversations only
        works = ", ".join(part for part in (contact.title, contact.company) if part)
        how = f"{conversation.minutes} min {contact.interview.medium}"
        if contact.interview.where:
            how += f", {contact.interview.where}"
        starts = conversation.starts
        lines += [
            "",
            f"  {click.style(dates.day_and_time(starts), bold=True)}  "
            + " · ".join(part for part in (contact.name, works, how) if part),
            f"    prep sheet: {click.style(page_url(contact.id), fg='cyan')}",
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
