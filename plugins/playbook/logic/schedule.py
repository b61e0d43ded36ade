"""What is coming up and what is due: pure functions of the playbook and its today.

Times: a conversation's start carries its own offset (or the profile's time zone); everything is
converted to the profile's time zone before it is compared with `playbook.today`, which is the day
in that zone. Log entries are plain dates, already in the user's own calendar.

The rules, each giving at most one action per contact (see README, "What is due today"):
- thank-you: from the day a conversation ends until a `thank-you` is logged; due
  `thank_you_within_hours` after it ends.
- second-person / follow-up / move-on (Steve Dalton's 3B7 routine): outreach with no reply after
  3 business days: reach a second person at the same company; after 7: one polite follow-up;
  7 business days after a logged follow-up still without a reply: move on.
- keep-in-touch: thanked contacts, `keep_in_touch_days` after the last log entry of any kind.
- referral: each referred name that is not a contact yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from playbook.core.dates import later, short_day, zone
from playbook.core.dates import moment as at_moment
from playbook.core.labels import label
from playbook.core.model import STATUSES, Contact
from playbook.core.text import fold, slugify
from playbook.core.words import gettext as _
from playbook.core.words import ngettext
from playbook.logic import commands
from playbook.logic.messages import Message
from playbook.logic.plan import conversation_minutes
from playbook.logic.playbook import Playbook

SECOND_PERSON_AFTER = 3  # business days without a reply
FOLLOW_UP_AFTER = 7  # business days without a reply
MOVE_ON_AFTER = 7  # business days after the follow-up
# Two windows ahead of today, each with its own use:
UPCOMING_DAYS = 14  # the dashboard's upcoming conversations; `playbook upcoming`'s default
WEEK_DAYS = 7  # the dashboard's "this week" and the print pack of prep sheets
# Log kinds that show the person answered: a booked or held conversation implies a reply.
REPLY_KINDS = frozenset({"reply", "scheduled", "interview"})
ACTION_KINDS = ("thank-you", "second-person", "follow-up", "move-on", "keep-in-touch", "referral")


@dataclass(frozen=True)
class Conversation:
    """A booked conversation, in the profile's time zone."""

    contact: Contact
    starts: datetime
    minutes: int
    ends: datetime


def conversations(playbook: Playbook) -> list[Conversation]:
    """Every booked conversation, soonest first, in the profile's time zone."""
    return playbook.once("conversations", lambda: _conversations(playbook))


def _conversations(playbook: Playbook) -> list[Conversation]:
    tz = zone(playbook.profile)
    found = []
    for contact in playbook.contacts.values():
        starts, ends = playbook.starts_at(contact), playbook.ends_at(contact)
        if starts is not None and ends is not None:
            minutes = conversation_minutes(contact, playbook.profile)
            found.append(Conversation(contact, starts.astimezone(tz), minutes, ends.astimezone(tz)))
    return sorted(found, key=lambda c: (c.starts, c.contact.name))


def upcoming(playbook: Playbook, days: int = UPCOMING_DAYS) -> list[Conversation]:
    """Conversations from today up to (not including) today + days."""
    end = playbook.today + timedelta(days=days)
    return [c for c in ahead(playbook) if c.starts.date() < end]


def ahead(playbook: Playbook) -> list[Conversation]:
    """Conversations from today on, soonest first."""
    return [c for c in conversations(playbook) if c.starts.date() >= playbook.today]


def next_conversation(playbook: Playbook, contact: Contact) -> datetime | None:
    starts = playbook.starts_at(contact)
    if starts is None:
        return None
    starts = starts.astimezone(zone(playbook.profile))
    return starts if starts.date() >= playbook.today else None


def pipeline(playbook: Playbook) -> dict[str, int]:
    """Contacts per status, every status listed even when none are in it."""
    counts: Counter[str] = Counter(c.status for c in playbook.contacts.values())
    return {status: counts.get(status, 0) for status in STATUSES}


def add_business_days(start: date, days: int, holidays: Container[date] = ()) -> date:
    """The day `days` working days after `start`, skipping weekends and public holidays."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            days -= 1
    return current


@dataclass(frozen=True)
class Action:
    """One thing to do today (or already late), with the message to send when there is one."""

    contact: Contact
    due: date
    kind: str  # one of ACTION_KINDS
    why: str
    overdue: bool
    message: Message | None = None
    to: Contact | None = None  # whom the message is for, when not `contact` (a second person)
    command: str = ""  # a `playbook` command to type, when the action is to add someone

    @property
    def label(self) -> str:
        return label("action", self.kind)


def actions(playbook: Playbook) -> list[Action]:
    """Everything due today or overdue, oldest first."""
    return playbook.once("actions", lambda: _actions(playbook))


def by_lateness(found: list[Action]) -> tuple[list[Action], list[Action]]:
    """The actions overdue, then those due today or by a deadline still ahead; each oldest
    first, as `actions` gives them."""
    return [a for a in found if a.overdue], [a for a in found if not a.overdue]


def _actions(playbook: Playbook) -> list[Action]:
    found: list[Action] = []
    known = {fold(c.name) for c in playbook.contacts.values()} | set(playbook.contacts)
    for contact in playbook.contacts.values():
        if contact.status == "closed":
            continue
        for action in (
            _thank_you(playbook, contact),
            _outreach(playbook, contact),
            _keep_in_touch(playbook, contact),
            *_referrals(playbook, contact, known),
        ):
            if action is not None:
                found.append(action)
    return sorted(found, key=lambda a: (a.due, a.contact.name, ACTION_KINDS.index(a.kind)))


def _thank_you(playbook: Playbook, contact: Contact) -> Action | None:
    """From the end of the last conversation until a thank-you is logged for it."""
    talks = playbook.talks(contact)
    if not talks:
        return None
    last = talks[-1]
    if any(e.kind == "thank-you" and e.date >= last.day for e in contact.log):
        return None
    hours = playbook.profile.thank_you_within_hours
    deadline = later(last.ended, timedelta(hours=hours))
    due = deadline.date()
    late = playbook.today > due
    # A conversation logged by its day alone has no time to count the hours from.
    talked, by = (
        (at_moment(last.starts), at_moment(deadline))
        if last.starts
        else (short_day(last.day), short_day(due))
    )
    if late:
        why = ngettext(
            "your conversation on %(talked)s; the thank-you was due by %(by)s "
            "(within %(num)s hour)",
            "your conversation on %(talked)s; the thank-you was due by %(by)s "
            "(within %(num)s hours)",
            hours,
        )
    else:
        why = ngettext(
            "your conversation on %(talked)s; send the thank-you by %(by)s (within %(num)s hour)",
            "your conversation on %(talked)s; send the thank-you by %(by)s (within %(num)s hours)",
            hours,
        )
    why %= {"talked": talked, "by": by, "num": hours}
    message = playbook.message("thank-you", contact)
    return Action(contact, due, "thank-you", why, late, message)


@dataclass(frozen=True)
class Unanswered:
    """Outreach still waiting for an answer."""

    contact: Contact
    sent: date  # the last outreach
    followed: date | None  # the last follow-up since, if one was sent
    holidays: Container[date] = field(default=(), compare=False, repr=False)  # business days skip

    @property
    def next_step(self) -> tuple[str, date]:
        """The next 3B7 step for this person and its day: one follow-up 7 business days after
        the outreach, then moving on 7 business days after the follow-up. (The second person,
        3 business days in, is someone else: see colleagues.)"""
        if self.followed is not None:
            return "move-on", add_business_days(self.followed, MOVE_ON_AFTER, self.holidays)
        return "follow-up", add_business_days(self.sent, FOLLOW_UP_AFTER, self.holidays)


def unanswered(playbook: Playbook, contact: Contact) -> Unanswered | None:
    """The contact's outreach, when no reply (or booked conversation) came after it."""
    sent_on = [e.date for e in contact.log if e.kind == "outreach"]
    if not sent_on or contact.interview is not None or contact.status == "closed":
        return None
    sent = max(sent_on)
    if any(e.kind in REPLY_KINDS and e.date >= sent for e in contact.log):
        return None
    followed = [e.date for e in contact.log if e.kind == "follow-up" and e.date >= sent]
    return Unanswered(contact, sent, max(followed) if followed else None, playbook.holidays)


def awaiting_reply(playbook: Playbook) -> list[Unanswered]:
    """Everyone written to who has not answered yet, longest waiting first."""
    return playbook.once("awaiting", lambda: _awaiting_reply(playbook))


def _awaiting_reply(playbook: Playbook) -> list[Unanswered]:
    found = [w for c in playbook.contacts.values() if (w := unanswered(playbook, c)) is not None]
    return sorted(found, key=lambda w: (w.sent, w.contact.name))


def _outreach(playbook: Playbook, contact: Contact) -> Action | None:
    """3B7: a second person after 3 business days, one follow-up after 7, then move on."""
    waiting = unanswered(playbook, contact)
    if waiting is None:
        return None
    today, sent = playbook.today, waiting.sent
    kind, due = waiting.next_step
    if kind == "move-on":
        if today < due:
            return None
        why = _(
            "no reply to your outreach on %(sent)s or your follow-up on %(followed)s: move on "
            "(set their status to closed) and reach someone else"
        ) % {"sent": short_day(sent), "followed": short_day(waiting.followed or sent)}
        return Action(contact, due, "move-on", why, today > due)
    if today >= due:
        why = _(
            "no reply in %(days)s business days since your outreach on %(sent)s: send one "
            "polite follow-up"
        ) % {"days": FOLLOW_UP_AFTER, "sent": short_day(sent)}
        return Action(
            contact, due, "follow-up", why, today > due, playbook.message("follow-up", contact)
        )
    due = add_business_days(sent, SECOND_PERSON_AFTER, playbook.holidays)
    if today < due:
        return None
    return _second_person(playbook, contact, sent, due)


def _second_person(playbook: Playbook, contact: Contact, sent: date, due: date) -> Action | None:
    company = contact.company or _("their company")
    opening = _(
        "no reply in %(days)s business days since your outreach on %(sent)s: reach a second "
        "person at %(company)s"
    ) % {"days": SECOND_PERSON_AFTER, "sent": short_day(sent), "company": company}
    late = playbook.today > due
    others = colleagues(playbook, contact)
    # Someone there written to since your outreach: this step is done (`playbook log OTHER
    # outreach` takes it off the list); the follow-up comes at day 7 all the same.
    if any(e.kind == "outreach" and e.date >= sent for other in others for e in other.log):
        return None
    if not others:
        command = commands.add_contact("Name", contact.company) if contact.company else ""
        why = _("%(opening)s; none in your contacts yet, so find one and add them") % {
            "opening": opening
        }
        return Action(contact, due, "second-person", why, late, command=command)
    # Someone not yet written to is the natural second person; else name who is already in touch.
    other = others[0]
    if not _reached(other):
        kind = "email" if other.links.email or not other.links.linkedin else "linkedin-note"
        message = playbook.message(kind, other) or playbook.message("linkedin-note", other)
        why = _("%(opening)s, such as %(name)s (%(about)s)") % {
            "opening": opening,
            "name": other.name,
            "about": other.title or label("status", other.status),
        }
        return Action(contact, due, "second-person", why, late, message, to=other)
    why = _("%(opening)s; you are already in touch with %(name)s there (%(status)s)") % {
        "opening": opening,
        "name": other.name,
        "status": label("status", other.status),
    }
    return Action(contact, due, "second-person", why, late, to=other)


def colleagues(playbook: Playbook, contact: Contact) -> list[Contact]:
    """Other open contacts at the same company, those not yet written to first."""
    if not contact.company:
        return []
    found = [
        c
        for c in playbook.by_company.get(fold(contact.company), [])
        if c.id != contact.id and c.status != "closed"
    ]
    return sorted(found, key=lambda c: (_reached(c), c.name.lower()))


def _reached(contact: Contact) -> bool:
    return contact.status != "identified" or any(e.kind == "outreach" for e in contact.log)


def keep_in_touch_due(playbook: Playbook, contact: Contact) -> tuple[date, date] | None:
    """For a thanked contact: the day of the last log entry and the day a keep-in-touch note is
    due, `keep_in_touch_days` later (the contact's, else the profile's)."""
    thanked = contact.status == "thanked" or any(e.kind == "thank-you" for e in contact.log)
    if not thanked or not contact.log:
        return None
    days = contact.keep_in_touch_days or playbook.profile.keep_in_touch_days
    last = max(e.date for e in contact.log)
    return last, last + timedelta(days=days)


def _keep_in_touch(playbook: Playbook, contact: Contact) -> Action | None:
    found = keep_in_touch_due(playbook, contact)
    if found is None or playbook.today < found[1]:
        return None
    last, due = found
    days = (due - last).days
    why = ngettext(
        "nothing logged since %(last)s; a short update every %(num)s day keeps them close",
        "nothing logged since %(last)s; a short update every %(num)s days keeps them close",
        days,
    ) % {"last": short_day(last), "num": days}
    late = playbook.today > due
    return Action(
        contact, due, "keep-in-touch", why, late, playbook.message("keep-in-touch", contact)
    )


def _referrals(playbook: Playbook, contact: Contact, known: set[str]) -> list[Action]:
    """`known`: every contact's id and folded name, so a referral who is one is left out."""
    # Known since the referral was logged, or since the conversation where it was made.
    since = [e.date for e in contact.log if e.kind == "referral"]
    since += [talk.day for talk in playbook.talks(contact)]
    due = min(since) if since else max((e.date for e in contact.log), default=playbook.today)
    found = []
    for referral in contact.referrals:
        name, _comma, company = (part.strip() for part in referral.partition(","))
        if not name or fold(name) in known or slugify(name) in known:
            continue
        said = {"who": contact.name, "name": name, "company": company}
        if company:
            why = _(
                "%(who)s suggested %(name)s at %(company)s; add them as a contact and reach out"
            )
        else:
            why = _("%(who)s suggested %(name)s; add them as a contact and reach out")
        why %= said
        command = commands.add_contact(name, company, referred=True)
        found.append(Action(contact, due, "referral", why, playbook.today > due, command=command))
    return found


@dataclass(frozen=True)
class FunnelStage:
    name: str
    count: int
    of_previous: float | None  # share of the stage before, None for the first
    of_first: float | None


def funnel(playbook: Playbook) -> list[FunnelStage]:
    """Reached out → replied → talked → referred; each stage a subset of the one before."""
    reached = replied = talked = referred = 0
    for contact in playbook.contacts.values():
        kinds = {e.kind for e in contact.log}
        held = playbook.held(contact)
        answered = held or contact.interview is not None or bool(kinds & REPLY_KINDS)
        wrote = answered or "outreach" in kinds or "follow-up" in kinds
        gave = held and bool(contact.referrals or "referral" in kinds)
        reached += wrote
        replied += answered
        talked += held
        referred += gave
    counts = [("reached out", reached), ("replied", replied), ("talked", talked)]
    counts.append(("referred", referred))
    stages = []
    for index, (name, count) in enumerate(counts):
        previous = counts[index - 1][1] if index else None
        stages.append(
            FunnelStage(
                name,
                count,
                None if previous is None else _share(count, previous),
                None if index == 0 else _share(count, reached),
            )
        )
    return stages


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Coverage:
    company: str
    contacts: list[Contact]
    conversations: int  # contacts there with a conversation booked or held


def coverage(playbook: Playbook) -> list[Coverage]:
    """Each company in the roles' `companies` (first mention first), with who works there."""
    companies: dict[str, str] = {}
    for role in playbook.roles.values():
        for company in role.companies:
            companies.setdefault(fold(company), company)
    return [
        Coverage(name, people, sum(1 for c in people if c.interview is not None))
        for key, name in companies.items()
        for people in [playbook.by_company.get(key, [])]
    ]
