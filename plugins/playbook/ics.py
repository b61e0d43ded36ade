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

from datetime import datetime, time, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from playbook import schedule
from playbook.link import Playbook

UID_DOMAIN = "interview-playbook"
MEDIUM_LABELS = {
    "video": "Video call",
    "phone": "Phone call",
    "coffee": "Coffee",
    "office": "Office",
}


def page_url(base_url: str, contact_id: str, *, directory_urls: bool = True) -> str:
    """Where a contact's prep sheet is served: `base_url` + the page's path."""
    path = f"contacts/{contact_id}/" if directory_urls else f"contacts/{contact_id}.html"
    return (base_url or "/").rstrip("/") + "/" + path


def calendar_ics(playbook: Playbook, base_url: str = "/", *, directory_urls: bool = True) -> bytes:
    """The iCalendar file for this playbook and its today."""
    stamp = datetime.combine(playbook.today, time(0), tzinfo=timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//Interview Playbook//playbook calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{playbook.profile.name}: informational interviews")

    for conversation in schedule.conversations(playbook):
        contact = conversation.contact
        assert contact.interview is not None  # conversations() lists booked ones only
        url = page_url(base_url, contact.id, directory_urls=directory_urls)
        medium = MEDIUM_LABELS[contact.interview.medium]
        where = contact.interview.where
        at = f" ({contact.company})" if contact.company else ""
        event = Event()
        event.add("uid", f"{contact.id}-conversation@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", conversation.starts.astimezone(timezone.utc))
        event.add("dtend", conversation.ends.astimezone(timezone.utc))
        event.add("summary", f"Informational interview: {contact.name}{at}")
        event.add("location", f"{medium}: {where}" if where else medium)
        lines = [
            f"{conversation.minutes} minutes, {medium.lower()}" + (f", {where}" if where else ""),
            f"Prep sheet: {url}",
        ]
        event.add("description", "\n".join(lines))
        if url.startswith(("http://", "https://")):
            event.add("url", url)  # URL must be absolute; without site_url the path is in the text
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-1))
        alarm.add("description", f"Tomorrow: informational interview with {contact.name}")
        event.add_component(alarm)
        cal.add_component(event)

    for action in schedule.actions(playbook):
        contact = action.contact
        day = max(action.due, playbook.today)
        event = Event()
        event.add("uid", f"{contact.id}-{action.kind}-{action.due:%Y%m%d}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy block
        late = " (overdue)" if action.overdue else ""
        event.add("summary", f"{action.label}: {contact.name}{late}")
        lines = [f"Due {action.due:%a %d %b %Y}: {action.why}."]
        if action.message is not None:
            if action.message.subject:
                lines.append(f"Subject: {action.message.subject}")
            lines += ["", action.message.body]
        if action.command:
            lines += ["", action.command]
        lines += [
            "",
            f"Prep sheet: {page_url(base_url, contact.id, directory_urls=directory_urls)}",
        ]
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    return cal.to_ical()
