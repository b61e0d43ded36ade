"""calendar.ics: parsed back with icalendar, every event checked, time zones included."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from benchmarks.serve import mkdocs_serve
from icalendar import Calendar

from helpers.core import playbook_of
from helpers.hosting import Published
from helpers.project import EXAMPLE_DATA, TODAY, Built, make_project, mkdocs_build
from helpers.schedules import log, playbook
from playbook.cli.support import SiteAddress
from playbook.logic import schedule
from playbook.logic.playbook import Playbook
from playbook.pages.ics import calendar_ics

UTC = timezone.utc


def calendar_of(pb: Playbook, base: str = "/", *, directory_urls: bool = True) -> bytes:
    """The calendar with the prep sheets where MkDocs places them."""
    return calendar_ics(pb, base, SiteAddress(base, directory_urls).sheets(pb.contacts))


def events(ics: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(ics)
    found = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(found) == len(calendar.walk("VEVENT")), "UIDs are unique"
    return found


def test_every_conversation_and_due_action_is_an_event(example_site: Built) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    ics = (example_site.site / "calendar.ics").read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    found = events(ics)

    talks = schedule.conversations(pb)
    for talk in talks:
        event = found.pop(f"{talk.contact.id}-conversation@interview-playbook")
        start = event.decoded("dtstart")
        assert start == pb.starts_at(talk.contact)  # the same instant, whatever the offset
        assert start.tzinfo is not None and start.utcoffset() == timedelta(0)
        assert event.decoded("dtend") - start == timedelta(minutes=talk.minutes)
        assert talk.contact.name in str(event["summary"])
        interview = talk.contact.interview
        assert interview is not None
        location = str(event["location"])
        assert interview.where in location
        assert interview.medium in location.lower() or interview.medium in str(event["description"])
        assert f"/contacts/{talk.contact.id}/" in str(event["description"])
        [alarm] = event.walk("VALARM")
        assert alarm.decoded("trigger") == timedelta(days=-1)
        assert str(alarm["action"]) == "DISPLAY"

    due = schedule.actions(pb)
    for action in due:
        uid = f"{action.contact.id}-{action.kind}-{action.due:%Y%m%d}@interview-playbook"
        event = found.pop(uid)
        day = event.decoded("dtstart")
        assert type(day) is date  # all day
        assert day == max(action.due, pb.today)  # overdue ones show today
        assert action.contact.name in str(event["summary"])
        assert ("overdue" in str(event["summary"])) is action.overdue
        if action.message is not None:
            assert action.message.body.splitlines()[0] in str(event["description"])
    assert found == {}  # nothing else
    assert len(talks) == 8 and len(due) == 7


def test_interviews_in_different_offsets_land_on_the_right_utc_instant(tmp_path: Path) -> None:
    contacts = {
        "ana-silva": {"interview": {"when": "2026-12-01T10:00:00-05:00", "minutes": 30}},
        "bo-chen": {"interview": {"when": "2026-12-01T10:00:00-08:00", "minutes": 45}},
        "cy-diaz": {"interview": {"when": "2026-12-01T10:00:00"}},  # the profile's zone, Chicago
    }
    found = events(calendar_of(playbook(tmp_path, contacts, date(2026, 11, 25))))
    expected = {
        "ana-silva": (datetime(2026, 12, 1, 15, 0, tzinfo=UTC), 30),
        "bo-chen": (datetime(2026, 12, 1, 18, 0, tzinfo=UTC), 45),
        "cy-diaz": (datetime(2026, 12, 1, 16, 0, tzinfo=UTC), 20),
    }
    for cid, (start, minutes) in expected.items():
        event = found[f"{cid}-conversation@interview-playbook"]
        assert event.decoded("dtstart") == start
        assert event.decoded("dtend") == start + timedelta(minutes=minutes)


def test_links_use_site_url_when_given_and_builds_are_reproducible(tmp_path: Path) -> None:
    contacts = {"ana-silva": {"interview": {"when": "2026-12-01T10:00:00-05:00"}}}
    pb = playbook(tmp_path, contacts, date(2026, 11, 25))
    ics = calendar_of(pb, "https://me.example.com/playbook/")
    assert ics == calendar_of(pb, "https://me.example.com/playbook/")  # same day, same bytes
    event = events(ics)["ana-silva-conversation@interview-playbook"]
    assert str(event["url"]) == "https://me.example.com/playbook/contacts/ana-silva/"
    assert event.decoded("dtstamp") == datetime(2026, 11, 25, tzinfo=UTC)
    flat = calendar_of(pb, "/", directory_urls=False)
    assert b"/contacts/ana-silva.html" in flat


def test_uids_stay_the_same_when_a_conversation_moves(tmp_path: Path) -> None:
    first = {"ana-silva": {"interview": {"when": "2026-12-01T10:00:00-05:00"}}}
    moved = {"ana-silva": {"interview": {"when": "2026-12-03T11:00:00-05:00"}}}
    a = events(calendar_of(playbook(tmp_path / "a", first, date(2026, 11, 25))))
    b = events(calendar_of(playbook(tmp_path / "b", moved, date(2026, 11, 26))))
    assert set(a) == set(b) == {"ana-silva-conversation@interview-playbook"}


def test_due_action_is_an_all_day_event(tmp_path: Path) -> None:
    contacts = {"ana-silva": {"company": "Acme", "log": log(("2026-11-20", "outreach"))}}
    found = events(calendar_of(playbook(tmp_path, contacts, date(2026, 12, 2))))
    event = found["ana-silva-follow-up-20261201@interview-playbook"]
    assert event.decoded("dtstart") == date(2026, 12, 2)  # overdue: today
    assert event.decoded("dtend") == date(2026, 12, 3)
    assert str(event["summary"]) == "Follow-up: Ana Silva (overdue)"
    assert "Subject: Following up" in str(event["description"])


def test_playbook_calendar_writes_the_same_file_as_the_build(
    example_site: Built, tmp_path: Path
) -> None:
    out = tmp_path / "interviews.ics"

    def calendar(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "playbook.cli.commands",
                "calendar",
                "--data",
                str(EXAMPLE_DATA),
                *args,
            ],
            cwd=example_site.project,
            env={**os.environ, "PLAYBOOK_TODAY": TODAY.isoformat()},
            capture_output=True,
            text=True,
            timeout=120,
        )

    result = calendar("-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (example_site.site / "calendar.ics").read_bytes()
    assert "(15 events)" in result.stdout
    # An existing file is kept unless --force says to replace it.
    out.write_text("mine", encoding="utf-8")
    refused = calendar("-o", str(out))
    assert refused.returncode == 1 and "pass --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    assert calendar("-o", str(out), "--force").returncode == 0
    assert out.read_bytes() == (example_site.site / "calendar.ics").read_bytes()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_command_reads_mkdocs_yml_as_mkdocs_does_and_links_where_the_sheets_are(
    tmp_path: Path, directory_urls: bool
) -> None:
    """`INHERIT:` and `!ENV` work, and the links follow use_directory_urls, as in the build."""
    project = make_project(tmp_path)
    (project / "base.yml").write_text((project / "mkdocs.yml").read_text(), encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "site_url: !ENV [SITE_URL, 'https://fallback.example/']\n"
        f"use_directory_urls: {str(directory_urls).lower()}\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PLAYBOOK_TODAY": TODAY.isoformat(),
        "SITE_URL": "https://me.example.com/pb/",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "playbook.cli.commands",
            "calendar",
            "-o",
            "-",
            "--data",
            str(EXAMPLE_DATA),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    dana = events(result.stdout)["dana-ruiz-conversation@interview-playbook"]
    sheet = "contacts/dana-ruiz/" if directory_urls else "contacts/dana-ruiz.html"
    assert str(dana["url"]) == f"https://me.example.com/pb/{sheet}"
    built = mkdocs_build(project, env={"SITE_URL": "https://me.example.com/pb/"})
    page = "contacts/dana-ruiz/index.html" if directory_urls else "contacts/dana-ruiz.html"
    assert (built.site / page).is_file()
    assert (built.site / "calendar.ics").read_bytes() == result.stdout


def test_mkdocs_serve_offers_the_calendar_to_subscribe_to(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with (
        mkdocs_serve(project) as (base, _log),
        urllib.request.urlopen(base + "calendar.ics", timeout=30) as response,
    ):
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/calendar")
        found = events(response.read())
    assert "dana-ruiz-conversation@interview-playbook" in found


def test_the_public_build_has_no_calendar_and_no_per_contact_checks(published: Published) -> None:
    assert not (published.site / "calendar.ics").exists()
    page = (published.site / "templates" / "outreach-email" / "index.html").read_text("utf-8")
    assert "First outreach email" in page
    assert 'id="checks"' not in page and not re.search(r"contacts/[a-z]", page)
