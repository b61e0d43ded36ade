"""Dates and times: the profile's time zone, elapsed time, and how each is written, the same way
on pages, on paper, in messages, in the calendar and in the terminal: `Wed 2 Dec 2026`,
`Wed 2 Dec, 15:30`, `Wed 2 Dec 2026, 15:30 (UTC−06:00)`. Templates write them with one filter,
`date` (`{{ starts | date("when") }}`), which is `written` here.

Babel writes them for the active language (core/words.py), whatever the machine's locale: in
English as above, with day numbers never zero-padded; in German `Mi., 2. Dez. 2026, 15:30`; in
each language 24 or 12 hours as its locale writes them. The UTC offset stays as written above.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_datetime_format, match_skeleton

from playbook.core import words
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
    """`Wed 2 Dec 2026` (German `Mi., 2. Dez. 2026`)."""
    return _written(value, "day") if value else ""


def short_day(value: date) -> str:
    """`Wed 2 Dec`: within the year everyone is talking about."""
    return _written(value, "short_day")


def day_month(value: date) -> str:
    """`2 Dec`: a chart's axis."""
    return _written(value, "day_month")


def day_month_year(value: date) -> str:
    """`2 Dec 2026`: a day in a sentence that names its weekday elsewhere, or need not."""
    return _written(value, "day_month_year")


def clock(moment: datetime) -> str:
    """`15:30`: a time of day (`3:30 PM` where the locale writes 12 hours)."""
    return _written(moment, "clock")


def moment(value: datetime) -> str:
    """`Wed 2 Dec, 15:30`."""
    return _joined(short_day(value), clock(value))


def day_and_time(value: datetime) -> str:
    """`Wed 2 Dec 2026, 15:30`: a conversation's start, on its card and in the terminal."""
    return _joined(day(value), clock(value))


def utc_offset(value: datetime) -> str:
    """`UTC−06:00` (with a real minus sign); "" for a time without an offset."""
    offset = value.strftime("%z")
    return f"UTC{offset[0].replace('-', '−')}{offset[1:3]}:{offset[3:]}" if offset else ""


def when(value: datetime | None) -> str:
    """`Wed 2 Dec 2026, 15:30 (UTC−06:00)`: unambiguous on screen and on paper."""
    if value is None:
        return ""
    zone = utc_offset(value)
    return day_and_time(value) + (f" ({zone})" if zone else "")


# English, as the playbook has always written it (Babel's English would say `Wed, Dec 2, 2026`).
ENGLISH = {
    "day": "EEE d MMM y",
    "short_day": "EEE d MMM",
    "day_month": "d MMM",
    "day_month_year": "d MMM y",
    "clock": "HH:mm",
}
# Every other language as its locale writes these (CLDR's skeletons: the fields, not the order).
SKELETONS = {"day": "yMMMEd", "short_day": "MMMEd", "day_month": "MMMd", "day_month_year": "yMMMd"}


@functools.lru_cache(maxsize=64)
def _pattern(code: str, style: str) -> str:
    """The Babel pattern of a style in a language (`Mi., 2. Dez. 2026`: `E., d. MMM y`)."""
    if code == words.SOURCE:
        return ENGLISH[style]
    locale = words.language(code).locale
    if style == "clock":
        return str(locale.time_formats["short"])
    skeleton = SKELETONS[style]
    return str(locale.datetime_skeletons[match_skeleton(skeleton, locale.datetime_skeletons)])


def _written(value: date, style: str) -> str:
    """Babel's writing of a day or a time of day, kept: a day is written once per build, a time
    once per minute of the day (a moment's zone is already in its hour and minute: the styles
    write no zone)."""
    code = words.active().code
    if style == "clock":
        assert isinstance(value, datetime)
        return _time_of_day(value.hour, value.minute, code)
    return _day(value.date() if isinstance(value, datetime) else value, style, code)


@functools.lru_cache(maxsize=4096)
def _day(value: date, style: str, code: str) -> str:
    return format_date(value, _pattern(code, style), locale=words.language(code).locale)


@functools.lru_cache(maxsize=4096)
def _time_of_day(hour: int, minute: int, code: str) -> str:
    moment = time(hour, minute)
    return format_time(moment, _pattern(code, "clock"), locale=words.language(code).locale)


def _joined(day_part: str, time_part: str) -> str:
    """A day and a time as the locale joins them (`Mi., 2. Dez. 2026, 15:30`)."""
    language = words.active()
    if language.english:
        return f"{day_part}, {time_part}"
    return _datetime_join(language.code).format(time_part, day_part)


@functools.lru_cache(maxsize=16)
def _datetime_join(code: str) -> str:
    return str(get_datetime_format("medium", locale=words.language(code).locale))


# The ways of writing a date or time, by name: the template filter `date`'s styles.
STYLES: dict[str, Callable[[Any], str]] = {
    "day": day,
    "short_day": short_day,
    "day_month": day_month,
    "day_month_year": day_month_year,
    "clock": clock,
    "moment": moment,
    "day_and_time": day_and_time,
    "when": when,
    "offset": utc_offset,
}


def written(value: date | datetime, style: str = "day") -> str:
    """`value` written in one of the STYLES (a day by default)."""
    return STYLES[style](value)
