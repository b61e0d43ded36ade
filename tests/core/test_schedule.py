"""The schedule: what is due on a fixed today, by each rule, across weekends and time zones."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA
from helpers.schedules import log, playbook
from playbook.core.clock import public_holidays
from playbook.logic import checks, schedule
from playbook.logic.activity import weekly
from playbook.logic.schedule import Action, actions, add_business_days
from playbook.pages.catalogue import still_open
from playbook.pages.public import public_view

FRIDAY = "2026-11-20"


def only(found: list[Action], kind: str | None = None) -> Action:
    matching = [a for a in found if kind is None or a.kind == kind]
    assert len(matching) == 1, [(a.contact.id, a.kind) for a in found]
    return matching[0]


# --- The example playbook on its day ---


def test_example_today_has_every_kind_of_action_oldest_first() -> None:
    found = actions(playbook_of(EXAMPLE_DATA))
    # Every kind but a second person: Jamie Park, at Priya's company, was written to after her.
    assert {a.kind for a in found} == set(schedule.ACTION_KINDS) - {"second-person"}
    assert [a.due for a in found] == sorted(a.due for a in found)
    by = {(a.contact.id, a.kind): a for a in found}

    rachel = by[("rachel-kim", "thank-you")]
    assert (rachel.due, rachel.overdue) == (date(2026, 11, 25), False)
    assert rachel.message is not None and rachel.message.template.kind == "thank-you"
    assert "Hi Rachel" in rachel.message.body

    luis = by[("luis-mendez", "thank-you")]
    assert (luis.due, luis.overdue) == (date(2026, 11, 21), True)

    assert not any(contact == "priya-shah" for contact, _ in by)

    olivia = by[("olivia-grant", "follow-up")]
    assert olivia.message is not None and olivia.message.template.kind == "follow-up"
    assert olivia.due == date(2026, 11, 20)  # Wed 11 Nov + 7 business days

    assert ("ben-okafor", "move-on") in by
    mark = by[("mark-cho", "keep-in-touch")]
    assert mark.due == date(2026, 11, 9)  # last log 10 Sep + 60 days
    assert mark.message is not None and mark.message.template.kind == "keep-in-touch"

    referred = {a.command for a in found if a.kind == "referral"}
    assert referred == {
        'playbook add contact "Hannah Wu" --company "Tidewell Beverages" --source referral',
        'playbook add contact "Elena Torres" --company "Lumen Goods" --source referral',
    }
    # Referrals who are contacts already (Dana Ruiz, Jamie Park, Nina Patel) are not suggested.
    assert not any("Dana Ruiz" in a.why or "Nina Patel" in a.why for a in found)


# --- Business days ---


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-11-20", 3, "2026-11-25"),  # Friday + 3 → Wednesday
        ("2026-11-20", 7, "2026-12-01"),  # Friday + 7 → Tuesday after next
        ("2026-11-21", 3, "2026-11-25"),  # Saturday: the count starts on Monday
        ("2026-11-23", 3, "2026-11-26"),  # Monday + 3 → Thursday
        ("2026-11-23", 0, "2026-11-23"),
    ],
)
def test_business_days_skip_saturdays_and_sundays(start: str, days: int, expected: str) -> None:
    assert add_business_days(date.fromisoformat(start), days) == date.fromisoformat(expected)


# --- Outreach with no reply: 3B7 ---


def outreach_friday(**extra: dict) -> dict[str, dict]:
    return {
        "ana-silva": {"company": "Acme", "status": "contacted", "log": log((FRIDAY, "outreach"))},
        **extra,
    }


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        ("2026-11-24", None),  # Tuesday: 2 business days, nothing yet
        ("2026-11-25", "second-person"),  # Wednesday: 3 business days
        ("2026-11-30", "second-person"),  # Monday: 6
        ("2026-12-01", "follow-up"),  # Tuesday: 7
        ("2026-12-20", "follow-up"),  # still, until a follow-up is logged
    ],
)
def test_outreach_on_a_friday_counts_business_days(tmp_path: Path, today: str, kind: str) -> None:
    found = actions(playbook(tmp_path, outreach_friday(), date.fromisoformat(today)))
    assert [a.kind for a in found] == ([kind] if kind else [])


def test_second_person_names_a_colleague_not_yet_contacted_with_a_message_for_them(
    tmp_path: Path,
) -> None:
    contacts = outreach_friday(
        **{
            "bo-chen": {"company": "acme", "status": "scheduled", "log": log((FRIDAY, "reply"))},
            "cy-diaz": {"company": "Acme", "links": {"email": "cy@example.com"}},
            "di-ezra": {"company": "Other Co"},
        }
    )
    action = only(actions(playbook(tmp_path, contacts, date(2026, 11, 25))), "second-person")
    assert action.contact.id == "ana-silva"
    assert action.to is not None and action.to.id == "cy-diaz"  # same company, not yet written to
    assert action.message is not None and action.message.template.kind == "email"
    assert action.message.body.startswith("Hi Cy,")
    assert not action.overdue
    assert action.due == date(2026, 11, 25)


def test_writing_to_a_colleague_since_the_outreach_ends_the_second_person_step(
    tmp_path: Path,
) -> None:
    def for_ana(cy_outreach: str, today: date) -> list[Action]:
        contacts = outreach_friday(
            **{"cy-diaz": {"company": "Acme", "log": log((cy_outreach, "outreach"))}}
        )
        found = actions(playbook(tmp_path / f"{cy_outreach}-{today}", contacts, today))
        return [a for a in found if a.contact.id == "ana-silva"]

    # Written to before Ana: still a step to take, and it says who is in touch there.
    (before,) = for_ana("2026-11-02", date(2026, 11, 25))
    assert before.kind == "second-person" and before.to is not None
    assert "you are already in touch with Cy" in before.why
    # Written to since (what `playbook log cy-diaz outreach` records): nothing left to do...
    assert for_ana("2026-11-25", date(2026, 11, 25)) == []
    # ...until Ana's follow-up is due, on day 7.
    assert [a.kind for a in for_ana("2026-11-25", date(2026, 12, 1))] == ["follow-up"]


def test_second_person_without_a_colleague_says_how_to_add_one(tmp_path: Path) -> None:
    action = only(actions(playbook(tmp_path, outreach_friday(), date(2026, 11, 26))))
    assert action.to is None and action.message is None
    assert action.command == 'playbook add contact "Name" --company "Acme"'
    assert action.overdue  # due Wednesday, today Thursday


@pytest.mark.parametrize("answer", ["reply", "scheduled", "interview"])
def test_any_answer_after_the_outreach_stops_the_reminders(tmp_path: Path, answer: str) -> None:
    contacts = outreach_friday()
    contacts["ana-silva"]["log"] += log(("2026-11-23", answer))
    found = actions(playbook(tmp_path, contacts, date(2026, 12, 20)))
    # A conversation logged asks for its thank-you; nothing is left of the outreach routine.
    assert [a.kind for a in found] == (["thank-you"] if answer == "interview" else [])


def test_a_reply_before_a_new_outreach_does_not_count(tmp_path: Path) -> None:
    contacts = {
        "ana-silva": {
            "company": "Acme",
            "log": log(("2026-10-01", "outreach"), ("2026-10-02", "reply"), (FRIDAY, "outreach")),
        }
    }
    found = actions(playbook(tmp_path, contacts, date(2026, 12, 1)))
    assert [a.kind for a in found] == ["follow-up"]


def test_follow_up_message_is_the_follow_up_template_filled_in(tmp_path: Path) -> None:
    action = only(actions(playbook(tmp_path, outreach_friday(), date(2026, 12, 1))))
    assert action.message is not None
    assert action.message.template.id == "follow-up"
    assert action.message.subject == "Following up: a question about your work at Acme"
    assert not action.overdue and action.due == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("today", "kinds"),
    [
        ("2026-12-09", []),  # follow-up Tue 1 Dec + 6 business days: wait
        ("2026-12-10", ["move-on"]),  # + 7 business days: move on
    ],
)
def test_after_a_follow_up_with_no_reply_move_on(tmp_path: Path, today: str, kinds: list) -> None:
    contacts = outreach_friday()
    contacts["ana-silva"]["log"] += log(("2026-12-01", "follow-up"))
    found = actions(playbook(tmp_path, contacts, date.fromisoformat(today)))
    assert [a.kind for a in found] == kinds


def test_a_reply_to_the_follow_up_stops_move_on(tmp_path: Path) -> None:
    contacts = outreach_friday()
    contacts["ana-silva"]["log"] += log(("2026-12-01", "follow-up"), ("2026-12-03", "reply"))
    assert actions(playbook(tmp_path, contacts, date(2026, 12, 20))) == []


def test_closed_contacts_are_left_alone(tmp_path: Path) -> None:
    contacts = outreach_friday()
    contacts["ana-silva"]["status"] = "closed"
    assert actions(playbook(tmp_path, contacts, date(2026, 12, 20))) == []


# --- Thank-you, and time zones ---

# Chicago profile; 22:00 in -08:00 on Tue 24 Nov is 00:00 on Wed 25 Nov in Chicago.
EVENING_PACIFIC = {
    "ana-silva": {
        "company": "Acme",
        "status": "scheduled",
        "interview": {"when": "2026-11-24T22:00:00-08:00", "minutes": 20},
    }
}


def noon(day: date) -> datetime:
    """Midday in the profile's zone (Chicago): a build in the middle of that day."""
    return datetime.combine(day, time(12), tzinfo=ZoneInfo("America/Chicago"))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-11-24", None),  # the call starts at midnight in Chicago: not yet on the 24th
        ("2026-11-25", ("2026-11-26", False)),  # ends 00:20 on the 25th; due 00:20 on the 26th
        ("2026-11-26", ("2026-11-26", False)),
        ("2026-11-27", ("2026-11-26", True)),
    ],
)
def test_thank_you_window_is_counted_in_the_profiles_time_zone(
    tmp_path: Path, today: str, expected: tuple[str, bool] | None
) -> None:
    day = date.fromisoformat(today)
    found = actions(playbook(tmp_path, EVENING_PACIFIC, day, now=noon(day)))
    if expected is None:
        assert found == []
        return
    action = only(found, "thank-you")
    assert (action.due, action.overdue) == (date.fromisoformat(expected[0]), expected[1])
    assert "Wed 25 Nov, 00:00" in action.why and "Thu 26 Nov, 00:20" in action.why
    assert action.message is not None and action.message.subject == "Thank you, Ana"


def test_thank_you_window_follows_the_profile_setting(tmp_path: Path) -> None:
    pb = playbook(
        tmp_path, EVENING_PACIFIC, date(2026, 11, 27), profile={"thank_you_within_hours": 48}
    )
    action = only(actions(pb), "thank-you")
    assert (action.due, action.overdue) == (date(2026, 11, 27), False)


def test_a_time_without_offset_is_in_the_profiles_zone(tmp_path: Path) -> None:
    contacts = {"ana-silva": {"interview": {"when": "2026-11-24T23:50:00", "minutes": 20}}}
    # 23:50 Chicago + 20 min = 00:10 on the 25th; + 24 h = the 26th.
    day = date(2026, 11, 25)
    action = only(actions(playbook(tmp_path, contacts, day, now=noon(day))), "thank-you")
    assert action.due == date(2026, 11, 26)


def test_a_logged_thank_you_ends_it_but_one_from_before_the_conversation_does_not(
    tmp_path: Path,
) -> None:
    contacts = {
        "ana-silva": {
            **EVENING_PACIFIC["ana-silva"],
            "log": log(("2026-11-01", "thank-you")),
        }
    }
    assert [a.kind for a in actions(playbook(tmp_path, contacts, date(2026, 11, 27)))] == [
        "thank-you"
    ]
    contacts["ana-silva"]["log"] += log(("2026-11-25", "thank-you"))
    kinds = [a.kind for a in actions(playbook(tmp_path / "2", contacts, date(2026, 11, 27)))]
    assert "thank-you" not in kinds


def test_conversations_with_offsets_land_on_the_same_instant(tmp_path: Path) -> None:
    contacts = {
        "ana-silva": {"interview": {"when": "2026-12-01T10:00:00-05:00"}},
        "bo-chen": {"interview": {"when": "2026-12-01T07:00:00-08:00"}},
    }
    pb = playbook(tmp_path, contacts, date(2026, 11, 25))
    starts = [c.starts for c in schedule.upcoming(pb)]
    assert starts[0] == starts[1]
    assert [s.hour for s in starts] == [9, 9]  # 09:00 in Chicago
    assert str(starts[0].tzinfo) == "America/Chicago"


# --- Keep in touch ---


def thanked(**fields: object) -> dict[str, dict]:
    return {
        "ana-silva": {
            "status": "thanked",
            "log": log(("2026-09-01", "interview"), ("2026-09-02", "thank-you")),
            **fields,
        }
    }


@pytest.mark.parametrize(
    ("today", "due"),
    [
        ("2026-10-31", None),  # 59 days after the thank-you
        ("2026-11-01", "2026-11-01"),  # 60 days: the profile's keep_in_touch_days
    ],
)
def test_keep_in_touch_after_profile_days(tmp_path: Path, today: str, due: str | None) -> None:
    found = actions(playbook(tmp_path, thanked(), date.fromisoformat(today)))
    assert [a.due.isoformat() for a in found] == ([due] if due else [])
    if due:
        action = only(found, "keep-in-touch")
        assert action.message is not None and action.message.template.kind == "keep-in-touch"


def test_keep_in_touch_uses_the_contacts_own_days_and_any_later_entry(tmp_path: Path) -> None:
    contacts = thanked(keep_in_touch_days=10)
    contacts["ana-silva"]["log"] += log(("2026-10-05", "note"))
    found = actions(playbook(tmp_path, contacts, date(2026, 10, 16)))
    action = only(found, "keep-in-touch")
    assert (action.due, action.overdue) == (date(2026, 10, 15), True)


def test_no_keep_in_touch_for_someone_never_thanked(tmp_path: Path) -> None:
    contacts = {"ana-silva": {"status": "contacted", "log": log(("2026-01-05", "note"))}}
    assert actions(playbook(tmp_path, contacts, date(2026, 11, 25))) == []


# --- Referrals ---


def test_referrals_not_yet_contacts_are_suggested_with_the_add_command(tmp_path: Path) -> None:
    contacts = {
        "ana-silva": {
            "log": log(("2026-11-10", "referral")),
            "referrals": ["bo chen, Acme", "Cy O'Neil, Beta & Co", "Di Ezra"],
        },
        "bo-chen": {"name": "Bo Chen", "company": "Acme"},
    }
    found = [a for a in actions(playbook(tmp_path, contacts, date(2026, 11, 25)))]
    assert [a.kind for a in found] == ["referral", "referral"]
    assert [a.command for a in found] == [
        'playbook add contact "Cy O\'Neil" --company "Beta & Co" --source referral',
        'playbook add contact "Di Ezra" --source referral',
    ]
    assert all(a.due == date(2026, 11, 10) and a.overdue for a in found)
    assert "Ana Silva suggested Cy O'Neil at Beta & Co" in found[0].why


def test_thank_you_hours_are_elapsed_hours_across_the_end_of_daylight_saving(
    tmp_path: Path,
) -> None:
    # Chicago turns clocks back at 02:00 on Sun 1 Nov 2026. A call ending at 00:30 CDT that night
    # is due 24 elapsed hours later: 23:30 CST the same Sunday, not 00:30 on Monday.
    contacts = {"ana-silva": {"interview": {"when": "2026-11-01T00:10:00-05:00", "minutes": 20}}}
    action = only(actions(playbook(tmp_path, contacts, date(2026, 11, 2))), "thank-you")
    assert (action.due, action.overdue) == (date(2026, 11, 1), True)
    assert "Sun 1 Nov, 23:30" in action.why


def test_business_days_skip_the_public_holidays_of_the_profiles_country(tmp_path: Path) -> None:
    """Thanksgiving (Thu 26 Nov 2026) is no business day in the US, nor the day after in
    California: a follow-up due 7 business days after outreach moves out by as many days."""
    sent = "2026-11-20"
    us = public_holidays("US")
    assert add_business_days(date(2026, 11, 20), 7, us) == date(2026, 12, 2)
    assert add_business_days(date(2026, 11, 20), 7, public_holidays("US-CA")) == date(2026, 12, 3)
    contacts = {"ana-silva": {"company": "Acme", "log": log((sent, "outreach"))}}
    plain = playbook(tmp_path / "plain", contacts, date(2026, 12, 1))
    assert [(a.kind, a.due) for a in actions(plain)] == [("follow-up", date(2026, 12, 1))]
    with_holidays = playbook(
        tmp_path / "us", contacts, date(2026, 12, 1), profile={"holidays": "us"}
    )
    assert with_holidays.profile.holidays == "US"
    assert [a.kind for a in actions(with_holidays)] == ["second-person"]  # follow-up not yet


# --- Whether the conversation has happened: one definition, at the boundary ---

TALK = {"interview": {"when": "2026-11-25T10:00:00-06:00", "minutes": 30}, "status": "scheduled"}
CHICAGO = ZoneInfo("America/Chicago")


@pytest.mark.parametrize(
    ("now", "talked"),
    [
        (datetime(2026, 11, 25, 0, 0, tzinfo=CHICAGO), False),  # today, before it
        (datetime(2026, 11, 25, 10, 29, tzinfo=CHICAGO), False),  # today, still talking
        (datetime(2026, 11, 25, 10, 30, tzinfo=CHICAGO), True),  # today, just ended
        (datetime(2026, 11, 25, 23, 0, tzinfo=CHICAGO), True),  # today, hours later
        (datetime(2026, 11, 24, 23, 0, tzinfo=CHICAGO), False),  # the day before
    ],
)
def test_a_conversation_has_happened_once_it_has_ended_for_every_rule(
    tmp_path: Path, now: datetime, talked: bool
) -> None:
    pb = playbook(tmp_path, {"ana-silva": TALK}, now.date(), now=now)
    ana = pb.contacts["ana-silva"]
    assert pb.held(ana) is talked
    # The thank-you reminder, the thank-you message's checks, the funnel and the weekly chart
    # and the public count agree.
    assert any(a.kind == "thank-you" for a in actions(pb)) is talked
    [thanks] = [t for t in pb.templates.values() if t.kind == "thank-you"]
    assert checks.applies(pb, thanks, ana) is talked
    talked_stage = next(s for s in schedule.funnel(pb) if s.name == "talked")
    assert talked_stage.count == int(talked)
    assert public_view(pb).conversations == int(talked)
    assert sum(week.conversations for week in weekly(pb)) == int(talked)


def test_a_logged_interview_counts_whatever_the_clock_says(tmp_path: Path) -> None:
    contact = {**TALK, "log": log(("2026-11-25", "interview"))}
    pb = playbook(tmp_path, {"ana-silva": contact}, date(2026, 11, 25))  # at midnight
    ana = pb.contacts["ana-silva"]
    # Logged today, the booked one not over yet: one conversation, on the day it is logged.
    assert pb.held(ana) and [talk.day for talk in pb.talks(ana)] == [date(2026, 11, 25)]


def test_a_conversation_logged_without_a_booking_asks_for_a_thank_you(tmp_path: Path) -> None:
    # Met for coffee without booking it here, then `playbook log ana-silva interview`: the
    # thank-you is due within the profile's 24 hours, as after a booked conversation.
    contact = {"status": "interviewed", "log": log(("2026-11-24", "interview"))}
    pb = playbook(tmp_path, {"ana-silva": contact}, date(2026, 11, 25))
    thanks = only(actions(pb), "thank-you")
    assert (thanks.due, thanks.overdue) == (date(2026, 11, 25), False)
    assert "your conversation on Tue 24 Nov" in thanks.why
    assert thanks.message is not None and thanks.message.template.kind == "thank-you"
    late = only(actions(playbook(tmp_path / "later", {"ana-silva": contact}, date(2026, 11, 27))))
    assert late.overdue


@pytest.mark.parametrize("status", ["interviewed", "thanked"])
def test_a_status_that_says_you_talked_counts_for_every_rule(tmp_path: Path, status: str) -> None:
    # Set by hand (`playbook status ana-silva interviewed`), nothing logged or booked: the
    # sheet's "still open" box, the funnel, the public count and the thank-you checks agree.
    pb = playbook(
        tmp_path,
        {"ana-silva": {"status": status, "roles": ["brand-marketing"]}},
        date(2026, 11, 25),
    )
    ana = pb.contacts["ana-silva"]
    assert still_open(pb, ana) == []
    talked_stage = next(s for s in schedule.funnel(pb) if s.name == "talked")
    assert talked_stage.count == 1
    assert public_view(pb).conversations == 1
    [thanks] = [t for t in pb.templates.values() if t.kind == "thank-you"]
    assert checks.applies(pb, thanks, ana)
    # Nothing says when it was: no day to count a thank-you or a week from.
    assert [a.kind for a in actions(pb)] == []
    assert sum(week.conversations for week in weekly(pb)) == 0
