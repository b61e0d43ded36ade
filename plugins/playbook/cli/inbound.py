"""`playbook import invite` and `playbook import mail`: what comes in from outside the playbook,
recorded without retyping. Each goes through the same write-back as `playbook schedule` and
`playbook log` (daily.write_back): checked first, one atomic write per contact, `--dry-run`."""

from __future__ import annotations

import sys
import typing
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import click

from playbook.cli.daily import write_back
from playbook.cli.importers.intake import NotThisFormat
from playbook.cli.importers.invite import Invite, read_invites
from playbook.cli.importers.mail import Envelope, Mailbox
from playbook.cli.importers.people import People, read_people
from playbook.cli.support import DATA_OPTION, DRY_RUN, data_folder, progress, shown
from playbook.core import dates
from playbook.core.model import Contact, LogEntry, LogKind, Profile, advanced
from playbook.core.problems import DataError
from playbook.logic.correspondence import RECEIVED, sent_kind
from playbook.record import writeback
from playbook.record.apply import MakeChange
from playbook.record.writeback import Change, ContactFile, NewEntry, WriteBackError

NOTE_LIMIT = 200  # a subject longer than this is cut in the log (a log note is one line)


def _people(data_dir: Path) -> People:
    data = data_folder(data_dir).resolve()
    try:
        profile = writeback.read_profile(data, Path.cwd())
    except WriteBackError as error:
        raise click.ClickException(str(error)) from None
    return read_people(data, Path.cwd(), profile)


@click.command("invite")
@click.argument("source", metavar="FILE.ics", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--contact", "contact_id", metavar="ID", help="Book it for this contact, whoever is in it."
)
@DATA_OPTION
@DRY_RUN
def invite_command(source: str, contact_id: str | None, data_dir: Path, dry_run: bool) -> None:
    """Book a conversation from a calendar invite (.ics; - reads standard input).

    Google Calendar, Outlook, Zoom and Calendly invites: the start, length, place and meeting
    link go into the contact's interview, as playbook schedule would put them (medium video
    when there is a link), with a scheduled log entry and the status moved forward. The
    contact is the one whose email is in the invite, else whose name is; --contact picks one.
    A later version of the same invite (same UID, higher SEQUENCE) moves the conversation; a
    cancellation removes it and logs that it was cancelled. The same file twice changes
    nothing.

    \b
    Examples:
      playbook import invite ~/Downloads/invite.ics --dry-run
      playbook import invite zoom-meeting.ics --contact tom-becker
      pbpaste | playbook import invite -
    """
    rel = "standard input" if source == "-" else shown(Path(source))
    raw = _read_source(source)
    try:
        invites = read_invites(raw, rel)
    except DataError as error:
        lines = [str(p) for p in error.problems]
        raise click.ClickException("\n".join(lines) + "; nothing written") from None
    people = _people(data_dir)
    for invite in invites:
        target = contact_id or _matched(invite, people, rel)
        said = _nothing_to_do(invite, people.contacts.get(target), people.profile)
        if said:
            click.echo(f"{rel}: {said}; nothing to change")
            continue
        write_back(data_dir, target, _booking(invite), dry_run=dry_run)


def _read_source(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as error:
        raise click.ClickException(f"cannot read {source}: {error.strerror}") from None


def _matched(invite: Invite, people: People, rel: str) -> str:
    """The one contact the invite is with: by address, else by the name in its CN."""
    others = [p for p in invite.people if p.address not in people.mine]
    found = people.with_address(p.address for p in others if p.address)
    if not found:
        found = list(dict.fromkeys(cid for p in others for cid in people.named(p.name)))
    if len(found) == 1:
        return found[0]
    what = f"{invite.summary or 'the event'} on {dates.moment(invite.starts)}"
    if found:
        why = f"{rel}: {what} is with more than one of your contacts"
        candidates = found
    else:
        shown_people = ", ".join(_said(p.name, p.address) for p in others) or "nobody named"
        why = f"{rel}: no contact matches {what} (people in it: {shown_people})"
        candidates = people.mentioned_in(invite.text)
    candidates += [c for p in others for c in people.similar(p.name) if c not in candidates]
    lines = [why, *(f"  {cid}  {people.contacts[cid].name}" for cid in candidates)]
    lines.append(
        "Run it again with --contact ID"
        + ("" if candidates else " (after playbook add contact, if they are new)")
        + "; nothing written."
    )
    click.echo("\n".join(lines), err=True)
    sys.exit(1)


def _said(name: str, address: str) -> str:
    return (
        f"{name} <{address}>" if name and address and name.lower() != address else name or address
    )


def _nothing_to_do(invite: Invite, contact: Contact | None, profile: Profile) -> str:
    """Why the invite changes nothing for the contact ("" when it does)."""
    if contact is None:
        return ""  # an unknown --contact: the write-back says so, with did-you-mean
    booked = contact.interview
    if invite.cancelled:
        if booked is None or not _from_this(invite, contact, profile):
            return "no conversation booked from this invite, so nothing to cancel"
        return ""
    if booked is not None and booked.uid == invite.uid and booked.sequence is not None:
        if invite.sequence == booked.sequence:
            return f"already booked from this invite (SEQUENCE {invite.sequence})"
        if invite.sequence < booked.sequence:
            return (
                f"this invite (SEQUENCE {invite.sequence}) is older than the one booked "
                f"(SEQUENCE {booked.sequence})"
            )
    return ""


def _from_this(invite: Invite, contact: Contact, profile: Profile) -> bool:
    """Whether the contact's booking came from this invite: its UID, or (booked by hand) the
    same start."""
    booked = contact.interview
    if booked is None:
        return False
    if booked.uid:
        return booked.uid == invite.uid
    return dates.as_aware(booked.when, profile) == _when(invite.starts, profile)


def _when(starts: datetime, profile: Profile) -> datetime:
    """The start as the contact file keeps it: with the invite's own offset, so the prep sheet
    shows their time too; a UTC or floating time in the profile's time zone."""
    moment = dates.as_aware(starts, profile)
    if moment.utcoffset() == timedelta(0):
        moment = moment.astimezone(dates.zone(profile))
    offset = moment.utcoffset()
    assert offset is not None
    return moment.replace(microsecond=0, tzinfo=timezone(offset))


def _booking(invite: Invite) -> MakeChange:
    def make(cf: ContactFile, profile: Profile, today: date) -> Change:
        contact = cf.contact()
        if _nothing_to_do(invite, contact, profile):
            return Change(cf.text())
        if invite.cancelled:
            assert contact.interview is not None
            was = dates.moment(dates.as_aware(contact.interview.when, profile))
            note = f"Cancelled: {invite.summary or 'the conversation'} (was {was})"
            return writeback.cancel(cf, today, note)
        return writeback.book(
            cf,
            profile,
            today,
            _when(invite.starts, profile),
            minutes=invite.minutes,
            medium="video" if invite.link else None,
            where=invite.where or None,
            uid=invite.uid or None,
            sequence=invite.sequence,
        )

    return make


@dataclass(frozen=True)
class Mail:
    """A message about one contact: sent by you, or received from them."""

    envelope: Envelope
    received: bool


@dataclass
class Tally:
    read: int = 0
    about: int = 0
    new: int = 0
    already: int = 0
    earlier: int = 0  # before --since
    undated: int = 0

    def summary(self, where: str) -> str:
        parts = [f"{self.about:,} about your contacts"]
        parts.append(f"{self.new:,} new, {self.already:,} already recorded")
        if self.earlier:
            parts.append(f"{self.earlier:,} before --since")
        if self.undated:
            parts.append(f"{self.undated:,} without a date, left out")
        messages = f"{self.read:,} message{'' if self.read == 1 else 's'}"
        return f"Read {messages} in {where}: " + "; ".join(parts) + "."


@click.command("mail")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice([k for k in typing.get_args(LogKind) if k != RECEIVED]),
    help="Log the messages you sent as this kind.  [default: what their stage expects]",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Only messages sent on or after this day.",
)
@DATA_OPTION
@DRY_RUN
def mail_command(
    path: Path, kind: str | None, since: datetime | None, data_dir: Path, dry_run: bool
) -> None:
    """Log the emails between you and your contacts (an .eml file, an mbox file or a Maildir).

    A message counts when it is from you (your profile's email or my_addresses) to a contact's
    address, or from a contact to you. Yours is logged as what their stage expects (outreach,
    follow-up, thank-you, referral thanks, keep in touch) unless --kind says; theirs as a
    reply, which stops the follow-up countdown. Each entry is dated by the Date header in
    your time zone, with the subject as its note and the Message-ID, so importing the same
    mail again records nothing twice. Only headers are read: no message body is stored.

    \b
    Examples:
      playbook import mail ~/.thunderbird/abc.default/Mail/Local\\ Folders/Inbox --dry-run
      playbook import mail "Takeout/Mail/All mail Including Spam and Trash.mbox" --since 2026-11-01
      playbook import mail ~/Maildir
      playbook import mail thank-you.eml --kind thank-you
    """
    people = _people(data_dir)
    if not people.mine:
        raise click.ClickException(
            "your profile has no email, so your messages cannot be told apart; add email: "
            "(and my_addresses: for your other addresses) to data/profile.yml"
        )
    tz = dates.zone(people.profile)
    tally = Tally()
    found = _read_mail(path, people, since.date() if since else None, tz, tally)
    for contact_id, mail in sorted(found.items()):
        entries = _entries(people.contacts[contact_id], mail, kind, people.profile, tally)
        if entries:
            write_back(
                data_dir,
                contact_id,
                _logging(entries),
                dry_run=dry_run,
                stop=False,
            )
    click.echo(tally.summary(shown(path)))


def _read_mail(
    path: Path, people: People, since: date | None, tz: typing.Any, tally: Tally
) -> dict[str, list[Mail]]:
    """The messages about each contact, by contact id."""
    mine = people.mine
    found: dict[str, list[Mail]] = defaultdict(list)
    try:
        box = Mailbox(path)
        try:
            with progress(box.keys, "Reading mail") as keys:
                for envelope in box.envelopes(keys, mine, people.by_address):
                    tally.read += 1
                    if envelope is None:
                        continue
                    if envelope.sender & mine:
                        ids, received = people.with_address(envelope.recipients - mine), False
                    elif envelope.recipients & mine:
                        ids, received = people.with_address(envelope.sender), True
                    else:
                        continue
                    if not ids:
                        continue
                    if envelope.sent is None:
                        tally.undated += 1
                        continue
                    if since is not None and envelope.sent.astimezone(tz).date() < since:
                        tally.earlier += 1
                        continue
                    tally.about += 1
                    for contact_id in ids:
                        found[contact_id].append(Mail(envelope, received))
        finally:
            box.close()
    except NotThisFormat as error:
        raise click.ClickException(f"{error}; nothing written") from None
    except OSError as error:
        raise click.ClickException(
            f"cannot read {path}: {error.strerror}; nothing written"
        ) from None
    return found


def _entries(
    contact: Contact, mail: list[Mail], kind: str | None, profile: Profile, tally: Tally
) -> list[NewEntry]:
    """One log entry per message not recorded yet, oldest first; what you sent is judged by
    the stage the contact was at on its day, counting the entries before it."""
    known = {e.message_id for e in contact.log if e.message_id}
    entries: list[NewEntry] = []
    state = contact
    for message in sorted(mail, key=lambda m: m.envelope.sent or datetime.min):
        envelope = message.envelope
        if envelope.message_id and envelope.message_id in known:
            tally.already += 1
            continue
        assert envelope.sent is not None
        day = envelope.sent.astimezone(dates.zone(profile)).date()
        logged = (
            RECEIVED if message.received else (kind or sent_kind(state, profile, envelope.sent))
        )
        note = _cut(envelope.subject())
        entries.append(NewEntry(day, logged, note, envelope.message_id))
        known.add(envelope.message_id)
        tally.new += 1
        log = sorted(
            [*state.log, LogEntry.model_construct(date=day, kind=logged, note=note)],
            key=lambda e: e.date,
        )
        state = state.model_copy(update={"log": log, "status": advanced(state.status, logged)})
    return entries


def _logging(entries: list[NewEntry]) -> MakeChange:
    return lambda cf, profile, today: writeback.add_logs(cf, entries)


def _cut(subject: str) -> str:
    return subject if len(subject) <= NOTE_LIMIT else subject[: NOTE_LIMIT - 1] + "…"


COMMANDS = [invite_command, mail_command]
