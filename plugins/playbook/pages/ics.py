"""The playbook as an iCalendar feed (RFC 5545): conversations and what is due.

Private: it names contacts and where you meet them, so only a private build writes it.

- One event per booked conversation, its start in UTC (exact whatever offset the data used),
  its length, medium and place, the prep sheet's address, and an alarm the day before.
- One all-day event per due action, on its due day, or today when it is overdue (so it shows
  where you look); the description says when it was due.
- UIDs are stable (`<contact>-conversation@...`, `<contact>-<kind>-<due day>@...`), so importing
  a newer file updates events instead of adding copies. DTSTAMP is the start of `today` in UTC,
  so the same data and day give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from playbook.core import dates
from playbook.core.words import N_, ngettext
from playbook.core.words import gettext as _
from playbook.logic import schedule
from playbook.logic.playbook import Playbook

UID_DOMAIN = "interview-playbook"
# Who wrote the calendar: `playbook import invite` knows its own by this and refuses it.
PRODID = "-//Interview Playbook//playbook calendar//EN"
MEDIUM_LABELS = {
    "video": N_("Video call"),
    "phone": N_("Phone call"),
    "coffee": N_("Coffee"),
    "office": N_("Office"),
}


def page_url(base_url: str, path: str) -> str:
    """Where a page is served: `base_url` + its path under the site."""
    return (base_url or "/").rstrip("/") + "/" + path


# One event: the values it is written from, in order, so that an event is memoised by them.
EventFields = tuple[
    str, datetime, object, object, str, str | None, str, str | None, str | None, str | None
]


def calendar_ics(
    playbook: Playbook,
    base_url: str,
    sheet_urls: Mapping[str, str],
    *,
    memo: dict[EventFields, bytes] | None = None,
) -> bytes:
    """The iCalendar file for this playbook and its today.

    `sheet_urls`: contact id → their prep sheet's path under the site, as MkDocs placed it
    (`contacts/dana-ruiz/`, `contacts/dana-ruiz.html`, or an address that names nobody).

    `memo` (kept by the plugin between builds) maps an event's values to its bytes: writing
    thousands of events with icalendar takes seconds, and an edit changes one or two of them.
    """
    stamp = datetime.combine(playbook.today, time(0), tzinfo=timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    calname = _("%(name)s: informational interviews") % {"name": playbook.profile.name}
    cal.add("x-wr-calname", calname)
    calendar: bytes = cal.to_ical()
    head, end = calendar.split(b"END:VCALENDAR")

    def sheet(contact_id: str) -> str:
        return page_url(base_url, sheet_urls[contact_id])

    events = [
        *(_conversation(c, stamp, sheet) for c in schedule.conversations(playbook)),
        *(_action(a, stamp, playbook.today, sheet) for a in schedule.actions(playbook)),
    ]
    found = {} if memo is None else memo
    chunks = []
    for fields in events:
        chunk = found.get(fields)
        if chunk is None:
            chunk = found[fields] = _event(*fields)
        chunks.append(chunk)
    if memo is not None:  # what this calendar needs, and nothing older
        kept = set(events)
        for fields in [f for f in memo if f not in kept]:
            del memo[fields]
    return head + b"".join(chunks) + b"END:VCALENDAR" + end


SheetUrl = Callable[[str], str]  # contact id → the prep sheet's address


def _conversation(
    conversation: schedule.Conversation, stamp: datetime, sheet: SheetUrl
) -> EventFields:
    contact = conversation.contact
    assert contact.interview is not None  # conversations() lists booked ones only
    url = sheet(contact.id)
    medium = _(MEDIUM_LABELS[contact.interview.medium])
    where = contact.interview.where
    who = contact.name + (f" ({contact.company})" if contact.company else "")
    length = ngettext("%(num)s minute", "%(num)s minutes", conversation.minutes)
    how = length % {"num": conversation.minutes} + ", " + medium[:1].lower() + medium[1:]
    lines = [how + (f", {where}" if where else ""), _("Prep sheet: %(url)s") % {"url": url}]
    return (
        f"{contact.id}-conversation@{UID_DOMAIN}",
        stamp,
        conversation.starts.astimezone(timezone.utc),
        conversation.ends.astimezone(timezone.utc),
        _("Informational interview: %(who)s") % {"who": who},
        f"{medium}: {where}" if where else medium,
        "\n".join(lines),
        url if url.startswith(("http://", "https://")) else None,  # URL must be absolute
        None,
        _("Tomorrow: informational interview with %(name)s") % {"name": contact.name},
    )


def _action(action: schedule.Action, stamp: datetime, today: date, sheet: SheetUrl) -> EventFields:
    contact = action.contact
    day = max(action.due, today)
    summary = f"{action.label}: {contact.name}"
    if action.overdue:
        summary = _("%(summary)s (overdue)") % {"summary": summary}
    lines = [_("Due %(day)s: %(why)s.") % {"day": dates.day(action.due), "why": action.why}]
    if action.message is not None and action.message.problem is None:
        if action.message.subject:
            lines.append(_("Subject: %(subject)s") % {"subject": action.message.subject})
        lines += ["", action.message.body]
    if action.command:
        lines += ["", action.command]
    lines += ["", _("Prep sheet: %(url)s") % {"url": sheet(contact.id)}]
    return (
        f"{contact.id}-{action.kind}-{action.due:%Y%m%d}@{UID_DOMAIN}",
        stamp,
        day,
        day + timedelta(days=1),
        summary,
        None,
        "\n".join(lines),
        None,
        "TRANSPARENT",  # a reminder, not a busy block
        None,
    )


def _event(
    uid: str,
    stamp: datetime,
    start: object,
    end: object,
    summary: str,
    location: str | None,
    description: str,
    url: str | None,
    transparency: str | None,
    alarm: str | None,
) -> bytes:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    if transparency:
        event.add("transp", transparency)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    event.add("description", description)
    if url:
        event.add("url", url)
    if alarm:
        reminder = Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("trigger", timedelta(days=-1))
        reminder.add("description", alarm)
        event.add_component(reminder)
    ical: bytes = event.to_ical()
    return ical
