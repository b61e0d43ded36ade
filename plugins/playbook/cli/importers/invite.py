"""Calendar invites read for `playbook import invite`: the `.ics` files Google Calendar, Outlook,
Zoom and Calendly send or let you download, through the `icalendar` library.

Each VEVENT gives its start (a TZID, Olson or Windows, resolved by icalendar; or UTC), its length
from DTEND or DURATION, LOCATION, the meeting link (URL, X-GOOGLE-CONFERENCE, else a Zoom, Teams
or Meet link in LOCATION or DESCRIPTION), the people in it (ORGANIZER, ATTENDEE), and UID and
SEQUENCE, which say whether it is a newer version of an invite already booked. What cannot be
booked (no start, a day without a time, a time zone nobody knows) is a Problem naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import icalendar

from playbook.core.problems import DataError, Problem, quote
from playbook.pages.ics import PRODID

# Links that join a video call, wherever an invite puts them.
MEETING_LINK = re.compile(
    r"https://(?:[\w-]+\.)*(?:zoom\.us/(?:j|my|w|s)/|teams\.microsoft\.com/l/meetup-join/"
    r"|teams\.live\.com/meet/|meet\.google\.com/[a-z]{3}-)[^\s<>\"'\\]*",
    re.IGNORECASE,
)
WHERE_LIMIT = 500  # the longest `where` a contact file takes (model.Line)
BOOK_BY_HAND = "book it by hand instead: playbook schedule ID WHEN"


@dataclass(frozen=True)
class Person:
    address: str  # lowercase; "" when the invite gives only a name
    name: str  # CN, "" when there is none


@dataclass(frozen=True)
class Invite:
    """One event of the file, as a booking."""

    line: int  # where its BEGIN:VEVENT is
    uid: str
    sequence: int
    cancelled: bool
    starts: datetime  # aware
    minutes: int | None
    location: str
    link: str
    people: tuple[Person, ...]
    summary: str
    text: str  # SUMMARY, LOCATION and DESCRIPTION, for naming candidates

    @property
    def where(self) -> str:
        """LOCATION and the link, as one line: `Microsoft Teams Meeting, https://...`."""
        parts = [p for p in (self.location, self.link) if p]
        if self.link and self.location and self.link in self.location:
            parts = [self.location]
        joined = ", ".join(dict.fromkeys(parts))
        return joined if len(joined) <= WHERE_LIMIT else self.location[:WHERE_LIMIT]


def read_invites(raw: bytes, rel: str) -> list[Invite]:
    """Every event in the file; a DataError listing what cannot be booked (then nothing is),
    as `FILE:LINE: FIELD: message; hint`."""
    text = raw.decode("utf-8-sig", errors="replace")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as error:
        raise _not_a_calendar(rel, f"icalendar cannot read it ({_first_line(error)})") from None
    if calendar.name != "VCALENDAR":
        raise _not_a_calendar(rel, f"it holds a {calendar.name}, not a VCALENDAR")
    if str(calendar.get("prodid", "")) == PRODID:
        raise DataError(
            [
                Problem(
                    rel,
                    _line_of(text, "PRODID", 0),
                    1,
                    "PRODID",
                    "this is the calendar the playbook writes (calendar.ics), not an invite",
                    "import the invite your contact sent, or the event your calendar app saved",
                )
            ]
        )
    events = list(calendar.walk("VEVENT"))
    if not events:
        raise _not_a_calendar(rel, "it has no event (no BEGIN:VEVENT)")
    method = str(calendar.get("method", "")).upper()
    starts = _event_lines(text)
    found: list[Invite] = []
    problems: list[Problem] = []
    for index, event in enumerate(events):
        line = starts[index] if index < len(starts) else 0
        try:
            found.append(_invite(event, method, text, line, rel))
        except DataError as error:
            problems += error.problems
    if problems:
        raise DataError(problems)
    return found


def _invite(event: Any, method: str, text: str, line: int, rel: str) -> Invite:
    def problem(field: str, message: str, hint: str) -> DataError:
        return DataError([Problem(rel, _line_of(text, field, line), 1, field, message, hint)])

    start = event.get("dtstart")
    if start is None:
        raise problem("DTSTART", "the event has no start", BOOK_BY_HAND)
    starts = start.dt
    if not isinstance(starts, datetime):
        raise problem("DTSTART", f"the event lasts all day ({starts}), with no time", BOOK_BY_HAND)
    if starts.tzinfo is None:
        zone = start.params.get("TZID")
        if zone:
            raise problem(
                "DTSTART",
                f"the time zone {quote(str(zone))} is not one icalendar or this computer knows",
                f"ask for the invite again from a calendar that writes an IANA or Windows time "
                f"zone name, or {BOOK_BY_HAND}",
            )
        # A floating time (no zone at all) is the time where the user is, as RFC 5545 says:
        # the write-back reads a time without an offset in the profile's zone.
    minutes = _minutes(event, starts)
    location = _line(event.get("location"))
    described = " ".join(_line(event.get(name)) for name in ("location", "description"))
    link = _link(event, described)
    people = [_person(event.get("organizer"))]
    attendees = event.get("attendee") or []
    people += [_person(a) for a in (attendees if isinstance(attendees, list) else [attendees])]
    status = str(event.get("status", "")).upper()
    summary = _line(event.get("summary"))
    return Invite(
        line=line,
        uid=_line(event.get("uid")),
        sequence=_sequence(event.get("sequence")),
        cancelled=method == "CANCEL" or status == "CANCELLED",
        starts=starts,
        minutes=minutes,
        location=location,
        link=link,
        people=tuple(p for p in people if p is not None),
        summary=summary,
        text=f"{summary} {described}",
    )


def _minutes(event: Any, starts: datetime) -> int | None:
    ends = event.get("dtend")
    if ends is not None and isinstance(ends.dt, datetime):
        length: timedelta | None = _aware(ends.dt, starts) - starts
    elif event.get("duration") is not None:
        length = event.get("duration").dt
    else:
        length = None
    if not isinstance(length, timedelta) or length <= timedelta(0):
        return None
    return max(1, round(length.total_seconds() / 60))


def _aware(moment: datetime, like: datetime) -> datetime:
    if (moment.tzinfo is None) == (like.tzinfo is None):
        return moment
    return moment.replace(tzinfo=like.tzinfo or timezone.utc)


def _link(event: Any, described: str) -> str:
    for name in ("url", "x-google-conference"):
        value = _line(event.get(name))
        if value.lower().startswith("https://"):
            return value
    found = MEETING_LINK.search(described)
    return found.group(0) if found else ""


def _person(value: Any) -> Person | None:
    if value is None:
        return None
    address = str(value).strip()
    address = address[len("mailto:") :] if address.lower().startswith("mailto:") else address
    name = " ".join(str(getattr(value, "params", {}).get("CN", "")).split())
    if "@" not in address:
        address = ""
    if not address and not name:
        return None
    return Person(address.lower(), name)


def _sequence(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _line(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split())


def _event_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "BEGIN:VEVENT"]


def _line_of(text: str, field: str, after: int) -> int:
    """The line of FIELD in the event starting at line `after` (its BEGIN line when absent)."""
    pattern = re.compile(rf"^{re.escape(field)}[;:]", re.IGNORECASE)
    for number, line in enumerate(text.splitlines(), 1):
        if number <= after:
            continue
        if line.strip().upper() == "END:VEVENT":
            break
        if pattern.match(line):
            return number
    return after


def _not_a_calendar(rel: str, why: str) -> DataError:
    return DataError(
        [
            Problem(
                rel,
                1,
                1,
                "VCALENDAR",
                f"not a calendar invite: {why}",
                "give the .ics file attached to the invitation email, or saved from the event",
            )
        ]
    )


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__
