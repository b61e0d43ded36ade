"""What an email records in a contact's log (`playbook import mail`): one from them is a reply;
one from you is the message their stage on its day called for, the same one the prep sheet
offers then (messages.STAGE_KINDS) and the Today list asks for (commands.DONE)."""

from __future__ import annotations

from datetime import date, datetime

from playbook.core.dates import as_aware, minutes_after, zone
from playbook.core.model import Contact, LogEntry, Profile, advanced
from playbook.logic.plan import conversation_minutes
from playbook.logic.schedule import REPLY_KINDS

RECEIVED = "reply"  # anything they write answers you: it stops the follow-up countdown


def status_on(contact: Contact, day: date) -> str:
    """The contact's status on `day`: the file's own after its last log entry, else what the
    entries up to that day moved it to (an old email imported today is judged by its day)."""
    if all(e.date <= day for e in contact.log):
        return contact.status
    status = "identified"
    for entry in contact.log:
        if entry.date <= day:
            status = advanced(status, entry.kind)
    return status


def sent_kind(contact: Contact, profile: Profile, sent: datetime) -> str:
    """The log kind of a message you sent the contact at `sent`, from the stage they were at:

    - identified: the outreach;
    - contacted: the follow-up to outreach still unanswered (the outreach when none is logged),
      else a note (arranging a time after their reply);
    - scheduled: a note before the booked conversation ends, the thank-you after it (a
      conversation counts as held once its time has passed, as everywhere else);
    - interviewed: the thank-you;
    - thanked: the referral thanks (a second thank-you) to someone who gave you names, else a
      keep-in-touch note, which the Today list records as a follow-up;
    - following-up: the keep-in-touch follow-up;
    - closed: a note.
    """
    day = sent.astimezone(zone(profile)).date()
    status = status_on(contact, day)
    log = [e for e in contact.log if e.date <= day]
    if status == "scheduled" and contact.interview is not None:
        starts = as_aware(contact.interview.when, profile)
        if sent >= minutes_after(starts, conversation_minutes(contact, profile)):
            status = "interviewed"
    if status == "identified":
        return "outreach"
    if status == "contacted":
        sent_on = [e.date for e in log if e.kind == "outreach"]
        if not sent_on:
            return "outreach"
        answered = any(e.kind in REPLY_KINDS and e.date >= max(sent_on) for e in log)
        return "note" if answered else "follow-up"
    if status == "interviewed":
        return "thank-you"
    if status == "thanked":
        return "thank-you" if contact.referrals and _thanks(log) < 2 else "follow-up"
    if status == "following-up":
        return "follow-up"
    return "note"


def _thanks(log: list[LogEntry]) -> int:
    """Thank-yous since the last conversation (booked or held)."""
    talked = [i for i, e in enumerate(log) if e.kind in ("scheduled", "interview")]
    since = log[talked[-1] + 1 :] if talked else log
    return sum(1 for e in since if e.kind == "thank-you")
