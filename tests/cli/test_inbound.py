"""`playbook import invite` and `playbook import mail` on copies of the example playbook, with
invites and mailboxes shaped as Google Calendar, Outlook, Zoom, Calendly, Thunderbird, Apple
Mail and Gmail Takeout write them (tests/fixtures/invites/, tests/fixtures/mail/)."""

from __future__ import annotations

import mailbox
import re
import shutil
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpers.core import playbook_of
from helpers.imports import FIXTURES, contact, contact_files, run
from helpers.project import EXAMPLE_DATA, TODAY, make_project, mkdocs_build
from helpers.terminal import playbook_on_terminal, playbook_piped
from playbook.core.model import Contact, LogEntry, Profile
from playbook.logic import schedule
from playbook.logic.correspondence import sent_kind

INVITES = FIXTURES / "invites"
MAIL = FIXTURES / "mail"
ENV = {"PLAYBOOK_TODAY": TODAY.isoformat()}

# Priya's file as someone keeps it by hand: comments above, beside and inside the fields.
PRIYA = """\
# yaml-language-server: $schema=../../schemas/contact.schema.json
# Met through the Northwind team page.
name: Priya Shah
title: Associate Brand Manager, Snacks
company: Northwind Foods  # the snacks division
roles: [brand-marketing]
source: company-site
links:
  email: priya.shah@example.com
status: contacted
research: |
  Joined from a rotational marketing programme in 2024.
log:
  # The first email.
  - {date: 2026-11-19, kind: outreach, note: Short email to the address on the team page}
tags: [in-house, cpg]  # for the tags page
public: false
"""
PROFILE = Profile.model_validate(
    {"name": "Sarah Lee", "pitch": {"who": "Me"}, "timezone": "America/Chicago"}
)
COMMENTS = [line for line in PRIYA.splitlines() if "#" in line]


def playbook(*args: str | Path, data: Path, input: str | None = None):  # type: ignore[no-untyped-def]
    return run(*args, "--data", data, env=ENV, input=input)


def with_email(data: Path, contact_id: str, address: str) -> None:
    """Give a contact of the copy an address (the example's Tom Becker has none)."""
    path = data / "contacts" / f"{contact_id}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^links:\n", f"links:\n  email: {address}\n", text), "utf-8")


def refused(*args: str | Path, data: Path, input: str | None = None) -> str:
    """A command that must refuse in one line: what it said; no contact file changed."""
    before = contact_files(data)
    result = playbook(*args, data=data, input=input)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert contact_files(data) == before
    return result.output


# Invites


def test_a_google_invite_then_its_update_then_its_cancellation(data: Path) -> None:
    path = data / "contacts" / "priya-shah.yml"
    path.write_text(PRIYA, encoding="utf-8")

    booked = playbook("import", "invite", INVITES / "google-invite.ics", data=data)
    assert booked.exit_code == 0, booked.output
    priya = contact(data, "priya-shah")
    assert priya["status"] == "scheduled"
    assert priya["interview"] == {
        "when": _moment("2026-12-09T10:00:00-06:00"),
        "minutes": 30,
        "medium": "video",
        "where": "https://meet.google.com/kbq-wxzd-hfp",
        "uid": "6b1hq2m0tq9o4v3rj5kq2c8e1g@google.com",
        "sequence": 0,
    }
    assert [e["kind"] for e in priya["log"]] == ["outreach", "scheduled"]
    assert all(line in path.read_text(encoding="utf-8") for line in COMMENTS)

    # The same file twice changes nothing, byte for byte.
    first = path.read_bytes()
    again = playbook("import", "invite", INVITES / "google-invite.ics", data=data)
    assert "already booked from this invite" in again.output
    assert path.read_bytes() == first

    moved = playbook("import", "invite", INVITES / "google-update.ics", data=data)
    assert moved.exit_code == 0, moved.output
    priya = contact(data, "priya-shah")
    assert priya["interview"]["when"] == _moment("2026-12-10T11:00:00-06:00")
    assert (priya["interview"]["minutes"], priya["interview"]["sequence"]) == (45, 1)
    assert [e["kind"] for e in priya["log"]] == ["outreach", "scheduled", "scheduled"]
    assert all(line in path.read_text(encoding="utf-8") for line in COMMENTS)

    # The first invite again is older than the booking: nothing moves back.
    updated = path.read_bytes()
    older = playbook("import", "invite", INVITES / "google-invite.ics", data=data)
    assert "older than the one booked" in older.output
    assert path.read_bytes() == updated

    cancelled = playbook("import", "invite", INVITES / "google-cancel.ics", data=data)
    assert cancelled.exit_code == 0, cancelled.output
    priya = contact(data, "priya-shah")
    assert "interview" not in priya
    assert priya["status"] == "contacted"
    assert priya["log"][-1]["kind"] == "note"
    assert priya["log"][-1]["note"].startswith("Cancelled: ")
    text = path.read_text(encoding="utf-8")
    assert all(line in text for line in COMMENTS)
    # Nothing but the log and the status differ from the file before the first invite.
    assert text.replace("status: contacted", "") == _with_log_lines(PRIYA, text)
    done = path.read_bytes()
    assert (
        "nothing to cancel"
        in playbook("import", "invite", INVITES / "google-cancel.ics", data=data).output
    )
    assert path.read_bytes() == done
    assert playbook("validate", data=data).exit_code == 0


def _with_log_lines(original: str, now: str) -> str:
    """`original` with the log lines `now` has after it, and without its status line."""
    added = [line for line in now.splitlines() if line not in original.splitlines()]
    lines = original.replace("status: contacted", "").splitlines()
    at = lines.index("tags: [in-house, cpg]  # for the tags page")
    return "\n".join([*lines[:at], *added, *lines[at:]]) + "\n"


def _moment(text: str):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime.fromisoformat(text)


def test_an_outlook_invite_with_a_windows_time_zone_matches_by_name(data: Path) -> None:
    # Olivia's address is not on file: the attendee's CN finds her.
    result = playbook("import", "invite", INVITES / "outlook-invite.ics", data=data)
    assert result.exit_code == 0, result.output
    olivia = contact(data, "olivia-grant")
    interview = olivia["interview"]
    assert interview["when"] == _moment("2026-12-03T14:00:00-05:00")  # Eastern Standard Time
    assert (interview["minutes"], interview["medium"]) == (25, "video")
    assert interview["where"].startswith(
        "Microsoft Teams Meeting, https://teams.microsoft.com/l/meetup-join/19%3ameeting_"
    )
    assert interview["uid"].startswith("040000008200E00074C5B7101A82E008")
    assert olivia["status"] == "scheduled"


def test_a_zoom_invite_names_nobody_so_candidates_then_contact_forces(data: Path) -> None:
    said = refused("import", "invite", INVITES / "zoom-meeting.ics", data=data)
    assert "no contact matches Tom Becker's Zoom Meeting" in said
    assert "  tom-becker  Tom Becker" in said
    assert "--contact ID" in said

    forced = playbook(
        "import", "invite", INVITES / "zoom-meeting.ics", "--contact", "tom-becker", data=data
    )
    assert forced.exit_code == 0, forced.output
    tom = contact(data, "tom-becker")
    assert tom["interview"]["when"] == _moment("2026-12-04T09:00:00-08:00")
    assert tom["interview"]["minutes"] == 20
    assert tom["interview"]["where"].startswith("https://us06web.zoom.us/j/85213647702")
    assert tom["status"] == "scheduled"


def test_a_calendly_invite_in_utc_is_booked_in_the_profile_time_zone(data: Path) -> None:
    # Jamie's phone call, booked by hand, becomes the Calendly video call he sent.
    result = playbook("import", "invite", INVITES / "calendly-invite.ics", data=data)
    assert result.exit_code == 0, result.output
    interview = contact(data, "jamie-park")["interview"]
    assert interview["when"] == _moment("2026-12-08T10:00:00-06:00")
    assert interview["when"].utcoffset().total_seconds() == -6 * 3600  # America/Chicago
    assert (interview["minutes"], interview["medium"]) == (15, "video")
    assert interview["where"] == "https://meet.google.com/pzv-hcjq-tmo"


def test_an_invite_read_from_standard_input_and_a_dry_run(data: Path) -> None:
    invite = (INVITES / "calendly-invite.ics").read_text(encoding="utf-8")
    before = contact_files(data)
    dry = playbook("import", "invite", "-", "--dry-run", data=data, input=invite)
    assert dry.exit_code == 0, dry.output
    assert "+  uid: b5c1e6f4-3a2d-4d77-9e0a-8f2c6d1b7a90\n" in dry.output
    assert "Dry run: nothing written." in dry.output
    assert contact_files(data) == before
    assert playbook("import", "invite", "-", data=data, input=invite).exit_code == 0
    assert contact(data, "jamie-park")["interview"]["sequence"] == 0


def test_our_own_calendar_is_refused(data: Path, tmp_path: Path) -> None:
    ours = playbook("calendar", "-o", "-", data=data).output
    said = refused("import", "invite", "-", data=data, input=ours)
    assert said == (
        "Error: standard input:3:1: PRODID: this is the calendar the playbook writes "
        "(calendar.ics), not an invite; import the invite your contact sent, or the event your "
        "calendar app saved; nothing written\n"
    )


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("bad-not-a-calendar.ics", ":1:1: VCALENDAR: not a calendar invite: it holds a VCARD"),
        ("bad-no-start.ics", ":5:1: DTSTART: the event has no start; book it by hand"),
        (
            "bad-unknown-zone.ics",
            ':8:1: DTSTART: the time zone "Lakeside Campus Time" is not one icalendar',
        ),
        ("../mail/apple-mail-thank-you.eml", ":1:1: VCALENDAR: not a calendar invite"),
    ],
)
def test_a_bad_invite_is_one_line_and_nothing_is_written(data: Path, name: str, says: str) -> None:
    said = refused("import", "invite", INVITES / name, data=data)
    assert said.count("\n") == 1
    assert said.startswith("Error: ")
    assert f"{Path(name).name}{says}" in said
    assert said.endswith("; nothing written\n")


# Mail


def thunderbird_before_the_reply(tmp_path: Path) -> Path:
    """The same Thunderbird folder a fortnight earlier: the outreach and the newsletter."""
    early = tmp_path / "Inbox-early"
    source = mailbox.mbox(MAIL / "thunderbird-inbox.mbox", create=False)
    copy = mailbox.mbox(early)
    for key in list(source.keys())[:2]:
        copy.add(source.get_bytes(key, from_=True))
    copy.close()
    return early


def test_a_thunderbird_mbox_logs_the_outreach_and_the_reply_once(data: Path) -> None:
    with_email(data, "tom-becker", "tom.becker@example.com")
    inbox = MAIL / "thunderbird-inbox.mbox"
    result = playbook("import", "mail", inbox, data=data)
    assert result.exit_code == 0, result.output
    tom = contact(data, "tom-becker")
    imported = [e for e in tom["log"] if "message_id" in e]
    assert imported == [
        {
            "date": date(2026, 11, 10),
            "kind": "outreach",
            "note": "Your Shelf Talk episode on product storytelling",
            "message_id": "5c0d2a1e-7f3b-4d8a-9b61-0e2f4c9a1d37@example.com",
        },
        {
            # Sent 23:30 on the 23rd in California: the 24th in the profile's Chicago.
            "date": date(2026, 11, 24),
            "kind": "reply",
            "note": "Re: Your Shelf Talk episode on product storytelling",
            "message_id": "CAB8hQ1x+3nT0m=Fq7K2uQ@mail.lumengoods.example",
        },
    ]
    # Oldest first: the outreach of the 10th goes before the note of the 21st already there.
    assert [e["date"] for e in tom["log"]] == sorted(e["date"] for e in tom["log"])
    assert tom["status"] == "contacted"
    assert "3 messages" in result.output
    assert "2 about your contacts; 2 new, 0 already recorded" in result.output

    before = contact_files(data)
    again = playbook("import", "mail", inbox, data=data)
    assert again.exit_code == 0, again.output
    assert "0 new, 2 already recorded" in again.output
    assert contact_files(data) == before
    # No body reaches a file: only the subject is kept.
    assert "happy to" not in (data / "contacts" / "tom-becker.yml").read_text(encoding="utf-8")


def test_mail_moves_awaiting_a_reply_and_the_follow_up_on_the_dashboard(tmp_path: Path) -> None:
    project = make_project(tmp_path, copy_data=True)
    data = project / "data"
    with_email(data, "tom-becker", "tom.becker@example.com")

    def dashboard() -> tuple[int, bool]:
        built = mkdocs_build(project)
        page = built.page("")
        tile = re.search(
            r'pb-tile-count">(\d+)</span>\s*<span class="pb-tile-label">awaiting', page
        )
        assert tile is not None
        return int(tile.group(1)), "playbook log tom-becker follow-up" in page

    assert dashboard() == (3, False)
    early = playbook("import", "mail", thunderbird_before_the_reply(tmp_path), data=data)
    assert "1 new" in early.output
    # Written to on the 10th with no answer: awaiting, and the follow-up (due the 19th) late.
    assert dashboard() == (4, True)
    full = playbook("import", "mail", MAIL / "thunderbird-inbox.mbox", data=data)
    assert "1 new, 1 already recorded" in full.output
    assert dashboard() == (3, False)


def test_an_apple_mail_eml_and_a_maildir_log_the_thank_you(data: Path, tmp_path: Path) -> None:
    eml = MAIL / "apple-mail-thank-you.eml"
    result = playbook("import", "mail", eml, data=data)
    assert result.exit_code == 0, result.output
    luis = contact(data, "luis-mendez")
    assert [e for e in luis["log"] if "message_id" in e] == [
        {
            "date": date(2026, 11, 20),
            "kind": "thank-you",  # interviewed: the thank-you is what the stage expects
            "note": "Thank you — and the campaign I mentioned",
            "message_id": "8E1D5B7C-2A4F-4C39-9E0B-6D3F1A2B4C5D@example.com",
        }
    ]
    assert luis["status"] == "thanked"
    assert not any(a.contact.id == "luis-mendez" for a in _thank_yous(data))

    # The same message in a Maildir folder is the same message: nothing new.
    folder = mailbox.Maildir(tmp_path / "Maildir")
    folder.add(eml.read_bytes())
    before = contact_files(data)
    again = playbook("import", "mail", tmp_path / "Maildir", data=data)
    assert "1 about your contacts; 0 new, 1 already recorded" in again.output
    assert contact_files(data) == before


def _thank_yous(data: Path) -> list[schedule.Action]:
    return [a for a in schedule.actions(playbook_of(data)) if a.kind == "thank-you"]


def test_gmail_takeout_counts_the_addresses_in_my_addresses(data: Path) -> None:
    takeout = MAIL / "gmail-takeout.mbox"
    before = contact_files(data)
    unknown = playbook("import", "mail", takeout, data=data)
    assert "0 about your contacts" in unknown.output  # sent from an address not in the profile
    assert contact_files(data) == before

    profile = data / "profile.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            "email: sarah.lee@example.com\n",
            "email: sarah.lee@example.com\nmy_addresses: [sarah.lee.marketing@gmail.com]\n",
        ),
        encoding="utf-8",
    )
    awaiting = {w.contact.id for w in schedule.awaiting_reply(playbook_of(data))}
    assert "priya-shah" in awaiting
    result = playbook("import", "mail", takeout, data=data)
    assert result.exit_code == 0, result.output
    assert contact(data, "rachel-kim")["log"][-1]["kind"] == "thank-you"
    priya = contact(data, "priya-shah")["log"][-1]
    assert (priya["kind"], priya["note"]) == ("reply", "Re: Asking about the Crunch Club launch")
    awaiting = {w.contact.id for w in schedule.awaiting_reply(playbook_of(data))}
    assert "priya-shah" not in awaiting


def test_since_kind_and_dry_run(data: Path) -> None:
    profile = data / "profile.yml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace("email: sarah", "my_addresses: [sarah.lee.marketing@gmail.com]\nemail: sarah"),
        encoding="utf-8",
    )
    takeout = MAIL / "gmail-takeout.mbox"
    before = contact_files(data)
    dry = playbook("import", "mail", takeout, "--since", "2026-11-25", "--dry-run", data=data)
    assert dry.exit_code == 0, dry.output
    assert "+  - {date: 2026-11-25, kind: reply" in dry.output
    assert "rachel-kim" not in dry.output
    assert "1 before --since" in dry.output
    assert contact_files(data) == before

    noted = playbook(
        "import", "mail", MAIL / "apple-mail-thank-you.eml", "--kind", "note", data=data
    )
    assert noted.exit_code == 0, noted.output
    assert [e["kind"] for e in contact(data, "luis-mendez")["log"] if "message_id" in e] == ["note"]
    assert contact(data, "luis-mendez")["status"] == "interviewed"


@pytest.mark.parametrize(
    ("source", "says"),
    [
        (INVITES / "google-invite.ics", "is not an email: it has no From and Date headers"),
        (INVITES, "is a folder but not a Maildir"),
    ],
)
def test_what_is_not_mail_is_one_line_and_nothing_is_written(
    data: Path, source: Path, says: str
) -> None:
    said = refused("import", "mail", source, data=data)
    assert said.count("\n") == 1
    assert says in said
    assert said.endswith("; nothing written\n")


def test_an_empty_file_is_not_mail(data: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.eml").write_bytes(b"")
    said = refused("import", "mail", tmp_path / "empty.eml", data=data)
    assert said.count("\n") == 1
    assert "is not an email" in said


def test_mail_needs_your_address_in_the_profile(data: Path) -> None:
    profile = data / "profile.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("email: sarah.lee@example.com\n", ""),
        encoding="utf-8",
    )
    said = refused("import", "mail", MAIL / "thunderbird-inbox.mbox", data=data)
    assert "your profile has no email" in said


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE_DATA, project / "data")
    big = mailbox.mbox(project / "big.mbox")
    for index in range(250):
        big.add(f"From: news@list.example\nTo: sarah.lee@example.com\nSubject: {index}\n\nhi\n")
    big.close()
    shown = playbook_on_terminal(project, "import", "mail", "big.mbox")
    assert "Reading mail" in shown
    piped = playbook_piped(project, "import", "mail", "big.mbox")
    assert piped.returncode == 0, piped.stderr
    assert "Reading mail" not in piped.stderr + piped.stdout
    assert "Read 250 messages" in piped.stdout


@pytest.mark.parametrize(
    ("status", "log", "kind"),
    [
        ("identified", [], "outreach"),
        ("contacted", [("2026-11-10", "outreach")], "follow-up"),
        ("contacted", [("2026-11-10", "outreach"), ("2026-11-12", "reply")], "note"),
        ("scheduled", [("2026-11-12", "scheduled")], "note"),
        ("interviewed", [("2026-11-20", "interview")], "thank-you"),
        ("thanked", [("2026-11-20", "interview"), ("2026-11-20", "thank-you")], "follow-up"),
        ("following-up", [("2026-11-20", "follow-up")], "follow-up"),
        ("closed", [], "note"),
        # An old message is judged by the day it was sent: the outreach, before all the rest.
        ("thanked", [("2026-11-20", "outreach"), ("2026-11-22", "thank-you")], "outreach"),
    ],
)
def test_what_a_message_you_sent_records(
    status: str, log: list[tuple[str, str]], kind: str
) -> None:
    entries = [{"date": d, "kind": k} for d, k in log]
    person = Contact.model_validate(
        {"id": "someone", "name": "Some One", "status": status, "log": entries}
    )
    day = date(2026, 11, 5) if kind == "outreach" and log else date(2026, 11, 25)
    assert sent_kind(person, PROFILE, datetime.combine(day, time(12), timezone.utc)) == kind


def test_referral_thanks_once_someone_gave_you_names() -> None:
    entries = [
        LogEntry(date=date(2026, 11, 20), kind="interview"),
        LogEntry(date=date(2026, 11, 20), kind="thank-you"),
    ]
    person = Contact(
        id="someone", name="Some One", status="thanked", log=entries, referrals=["Jo Bloggs, Acme"]
    )
    sent = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
    assert sent_kind(person, PROFILE, sent) == "thank-you"  # the referral thanks


def test_a_message_after_the_booked_conversation_is_the_thank_you() -> None:
    person = Contact.model_validate(
        {
            "id": "someone",
            "name": "Some One",
            "status": "scheduled",
            "interview": {"when": "2026-11-24T13:00:00-06:00", "minutes": 30},
            "log": [{"date": "2026-11-12", "kind": "scheduled"}],
        }
    )
    before = datetime(2026, 11, 24, 13, 29, tzinfo=ZoneInfo("America/Chicago"))
    after = datetime(2026, 11, 24, 13, 30, tzinfo=ZoneInfo("America/Chicago"))
    assert sent_kind(person, PROFILE, before) == "note"
    assert sent_kind(person, PROFILE, after) == "thank-you"
