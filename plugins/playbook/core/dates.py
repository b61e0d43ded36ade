"""Dates and times: the profile's time zone, elapsed time, and how each is written, the same way
on pages, on paper, in messages, in the calendar and in the terminal: `Wed 2 Dec 2026`,
`Wed 2 Dec, 15:30`, `Wed 2 Dec 2026, 15:30 (UTC−06:00)`. Templates write them with one filter,
`date` (`{{ starts | date("when") }}`), which is `written` here.

Day numbers are never zero-padded, months and weekdays are English abbreviations whatever the
machine's locale (strftime's %a and %b follow the C locale the build runs in).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from playbook.core.model import Profile


def zone(profile: Profile) -> ZoneInfo:
    """The profile's time zone: where "today" is, and what a time without an offset means."""
    return ZoneInfo(profile.timezone)


def as_aware(moment: datetime, profile: Profile) -> datetime:
    """A time written without an offset is in the profile's time zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=zone(profile))


def later(moment: datetime, span: timedelta) -> datetime:
    """`moment` + `span` of elapsed time, in moment's zone (plain + is wall-clock time across a
    daylight-saving change: 24 hours after 00:10 on the night clocks go back is 23:10)."""
    return (moment.astimezone(timezone.utc) + span).astimezone(moment.tzinfo)


def minutes_after(moment: datetime, minutes: int) -> datetime:
    """The wall-clock time `minutes` of elapsed time after `moment` (the agenda's clock)."""
    return later(moment, timedelta(minutes=minutes))


def day(value: date | None) -> str:
    """`Wed 2 Dec 2026`."""
    return f"{value:%a} {value.day} {value:%b %Y}" if value else ""


def short_day(value: date) -> str:
    """`Wed 2 Dec`: within the year everyone is talking about."""
    return f"{value:%a} {value.day} {value:%b}"


def day_month(value: date) -> str:
    """`2 Dec`: a chart's axis."""
    return f"{value.day} {value:%b}"


def clock(moment: datetime) -> str:
    """`15:30`: a time of day."""
    return f"{moment:%H:%M}"


def moment(value: datetime) -> str:
    """`Wed 2 Dec, 15:30`."""
    return f"{short_day(value)}, {clock(value)}"


def day_and_time(value: datetime) -> str:
    """`Wed 2 Dec 2026, 15:30`: a conversation's start, on its card and in the terminal."""
    return f"{day(value)}, {clock(value)}"


def utc_offset(value: datetime) -> str:
    """`UTC−06:00` (with a real minus sign); "" for a time without an offset."""
    offset = value.strftime("%z")
    return f"UTC{offset[0].replace('-', '−')}{offset[1:3]}:{offset[3:]}" if offset else ""


def when(value: datetime | None) -> str:
    """`Wed 2 Dec 2026, 15:30 (UTC−06:00)`: unambiguous on screen and on paper."""
    if value is None:
        return ""
    zone = utc_offset(value)
    return f"{day(value)}, {clock(value)}" + (f" ({zone})" if zone else "")


# The ways of writing a date or time, by name: the template filter `date`'s styles.
STYLES: dict[str, Callable[[Any], str]] = {
    "day": day,
    "short_day": short_day,
    "day_month": day_month,
    "clock": clock,
    "moment": moment,
    "day_and_time": day_and_time,
    "when": when,
    "offset": utc_offset,
}


def written(value: date | datetime, style: str = "day") -> str:
    """`value` written in one of the STYLES (a day by default)."""
    return STYLES[style](value)
