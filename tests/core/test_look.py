"""The look and feel, in the pure core: what the header card, the agenda, "Open in email", the
board and the charts are made from, checked without a browser (tests/test_browser_look.py
checks the same pages in Chromium)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from benchmarks.generate import generate_data

from helpers.core import pages_of, playbook_of
from helpers.project import EXAMPLE_DATA, TODAY, Built
from helpers.schedules import CONNECTED, EMPLOYERS, log, playbook
from playbook.core.model import STATUSES
from playbook.logic import activity, board, checks, schedule
from playbook.logic.connections import connections_of
from playbook.pages import charts
from playbook.pages.catalogue import render_bodies
from playbook.pages.mailto import mailto


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def card_of(html: str) -> str:
    return text_of(html.split('class="pb-card pb-header-card"', 1)[1].split("</dl>", 1)[0])


# --- how you are connected: one definition for the sheet and the email rule ------------------


def test_the_sheet_shows_every_connection_the_email_rule_asks_for(tmp_path: Path) -> None:
    people = {**CONNECTED, "eli-fox": {**CONNECTED["eli-fox"], "source": "linkedin"}}
    people["ivy-moss"] = {"company": "Acme"}
    body = "Hi {{ contact.first_name }},\n\nI'm exploring marketing.\n\nBest,\n{{ profile.name }}"
    email = f"---\ntitle: Email\nkind: email\nsubject: Hello\n---\n{body}\n"
    pb = playbook(tmp_path, people, TODAY, profile=EMPLOYERS, templates={"outreach-email": email})
    pages = render_bodies(pb)
    rule = "Connection in the first sentence"
    wanted = {
        "dana-ruiz": "Mark Cho introduced you",
        "eli-fox": "alumni of Lakeside University, like you; found through LinkedIn",
        "gus-hale": "at Pine Labs, where you worked too",
        "ivy-moss": "none yet",
        "mark-cho": "none yet",
    }
    for cid, words in wanted.items():
        card = card_of(pages[f"contacts/{cid}.md"])
        assert f"Connection {words}" in card, card
        contact = pb.contacts[cid]
        found = connections_of(pb, contact)
        made = checks.check_message(pb, contact, pb.fill("outreach-email", contact))
        check = next((c for c in made if c.rule == rule), None)
        # The rule applies exactly when the sheet names a connection, and asks for the same.
        assert (check is None) == (not found)
        for connection in found:
            assert connection.name in card
            assert check is not None and f"{connection.kind} ({connection.name})" in check.reason


def test_an_alumni_contact_found_through_the_alumni_network_is_said_once() -> None:
    pages = pages_of(EXAMPLE_DATA)
    card = card_of(pages["contacts/mark-cho.md"])
    assert "Connection alumni of Lakeside University, like you First question" in card
    assert "alumni network" not in card


# --- the agenda ---------------------------------------------------------------------------


def test_the_agenda_runs_from_the_pitch_through_each_question_to_the_wrap_up() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    plan = pb.plan(pb.contacts["dana-ruiz"])
    slots = plan.agenda()
    kinds = ["pitch", *["question"] * len(plan.questions), "wrap-up"]
    assert [s.kind for s in slots] == kinds
    assert [s.question for s in slots[1:-1]] == list(plan.questions)
    pitch = pb.profile.pitch_minutes
    starts = [
        pitch + sum(q.minutes for q in plan.questions[:i]) for i in range(len(plan.questions))
    ]
    assert [s.at for s in slots[1:-1]] == starts
    # The wrap-up starts on time (spare minutes are for follow-up questions) and ends with the
    # booked time.
    assert slots[-1].at == plan.conversation_minutes - pb.profile.wrap_up_minutes == 18
    assert slots[-1].ends == 20
    assert slots[1].offset == "0:02" and slots[-1].offset == "0:18"


def test_when_picks_overrun_the_wrap_up_follows_the_last_question(tmp_path: Path) -> None:
    extra = [{"text": f"Long question {n}?", "minutes": 10} for n in range(3)]
    interview = {"when": "2026-12-01T10:00:00", "minutes": 20}
    people = {"ana-lima": {"interview": interview, "questions": {"extra": extra}}}
    pb = playbook(tmp_path, people, TODAY)
    plan = pb.plan(pb.contacts["ana-lima"])
    assert plan.over_by > 0
    *_, last_question, wrap_up = plan.agenda()
    assert wrap_up.at == last_question.ends == 2 + plan.used
    assert wrap_up.ends == wrap_up.at + pb.profile.wrap_up_minutes > plan.conversation_minutes


# --- Open in email ------------------------------------------------------------------------


def decode(link: str) -> tuple[str, dict[str, str]]:
    """A mailto: link read back by RFC 6068's rules (a `+` is a plus, never a space)."""
    assert link.startswith("mailto:")
    to, _, query = link[len("mailto:") :].partition("?")
    fields = dict(part.split("=", 1) for part in query.split("&") if part)
    return unquote(to), {name: unquote(value) for name, value in fields.items()}


def test_mailto_encodes_by_rfc_6068() -> None:
    body = "Hi Zoë,\n\n50% off? A&B + C = #1; ok!\nBye"
    link = mailto("zoe+jobs@example.com", "Coffee & a question?", body)
    to, fields = decode(link)
    assert to == "zoe+jobs@example.com"
    assert fields == {"subject": "Coffee & a question?", "body": body.replace("\n", "\r\n")}
    query = link.split("?", 1)[1]
    # Spaces and line breaks as %20 and %0D%0A; nothing that would end a field left bare.
    assert "%20" in query and "%0D%0A" in query and " " not in query and "+" not in query
    assert re.fullmatch(r"subject=[^&?#=]*&body=[^&?#=]*", query)
    assert mailto("", "Hi", "") == "mailto:?subject=Hi"


def test_every_email_on_a_sheet_opens_with_its_recipient_subject_and_body() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    pages = pages_of(EXAMPLE_DATA)
    opened = 0
    for contact in pb.contacts.values():
        html = pages[f"contacts/{contact.id}.md"]
        found = re.findall(r'href="([^"]+)"><span[^>]*>(?:(?!</a>).)*?</span>Open in email', html)
        links = [unescape(link) for link in found]
        emails = [m for m in pb.messages(contact) if m.template.kind != "linkedin-note"]
        assert len(links) == len(emails), contact.id
        for link, message in zip(links, emails, strict=True):
            to, fields = decode(link)
            who = pb.introducer_of(contact) if message.template.kind == "intro-request" else contact
            assert who is not None and to == who.links.email
            assert fields["subject"] == message.subject
            assert fields["body"].replace("\r\n", "\n") == message.body
            opened += 1
    assert opened >= 5


# --- the board ----------------------------------------------------------------------------


def test_a_column_shows_the_twenty_most_recently_active_and_links_to_the_rest(
    tmp_path: Path,
) -> None:
    people = {}
    for n in range(30):
        day = (TODAY - timedelta(days=n)).isoformat()
        people[f"person-{n:02d}"] = {"status": "contacted", "log": log((day, "outreach"))}
    people["quiet-one"] = {"status": "contacted"}
    pb = playbook(tmp_path, people, TODAY)
    columns = {c.status: c for c in board.board(pb)}
    assert list(columns) == list(STATUSES)
    contacted = columns["contacted"]
    assert contacted.total == 31 and len(contacted.cards) == board.CARDS_SHOWN
    assert contacted.hidden == 11
    assert [c.contact.id for c in contacted.cards] == [f"person-{n:02d}" for n in range(20)]
    html = render_bodies(pb)["pipeline.md"]
    assert 'href="../contacts/?status=contacted">All 31 contacted</a>: 11 more' in html
    assert html.count('class="pb-card pb-board-card"') == 20
    assert "contacted (31)" in text_of(html)


def test_the_public_board_counts_people_and_names_nobody() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    board_page = render_bodies(pb, public=True)["pipeline.md"]
    counts = re.findall(
        r'data-pb-status="([a-z-]+)">[a-z-]+</span></td>\n<td[^>]*>(\d+)<', board_page
    )
    assert dict(counts) == {status: str(n) for status, n in schedule.pipeline(pb).items()}
    assert not [c.name for c in pb.contacts.values() if c.name in board_page]


def test_each_card_names_its_next_step_and_the_command_that_moves_it() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    cards = {card.contact.id: card for column in board.board(pb) for card in column.cards}
    assert cards["tom-becker"].command == "playbook log tom-becker outreach"
    assert cards["dana-ruiz"].command == "playbook log dana-ruiz interview"
    assert cards["ben-okafor"].command == "playbook status ben-okafor closed"
    assert cards["grace-liu"].command == "" and cards["grace-liu"].step is None  # closed
    step = cards["dana-ruiz"].step
    assert step is not None and step.label == "Conversation" and step.due == date(2026, 12, 2)
    step = cards["olivia-grant"].step  # outreach on 11 Nov, no reply: the follow-up is due
    assert step is not None and (step.label, step.overdue) == ("Follow-up", True)
    assert cards["tom-becker"].step == board.Step("Reach out")


def test_a_card_shows_the_step_ahead_when_nothing_is_due_yet(tmp_path: Path) -> None:
    pb = playbook(
        tmp_path,
        {"ana-lima": {"status": "contacted", "log": log(("2026-11-24", "outreach"))}},
        TODAY,
    )
    [card] = next(c for c in board.board(pb) if c.status == "contacted").cards
    # Seven business days after Tuesday 24 November: Thursday 3 December.
    assert card.step == board.Step("Follow-up", date(2026, 12, 3))


def test_the_step_ahead_skips_public_holidays_like_today_does(tmp_path: Path) -> None:
    pytest.importorskip("holidays")
    people = {"ana-lima": {"status": "contacted", "log": log(("2026-11-24", "outreach"))}}
    pb = playbook(tmp_path, people, TODAY, profile={"holidays": "US"})
    [card] = next(c for c in board.board(pb) if c.status == "contacted").cards
    # Thanksgiving, Thursday 26 November, is no business day: the follow-up moves to Friday.
    assert card.step == board.Step("Follow-up", date(2026, 12, 4))
    [waiting] = schedule.awaiting_reply(pb)
    assert waiting.next_step == ("follow-up", date(2026, 12, 4))


# --- charts -------------------------------------------------------------------------------


def test_weekly_activity_counts_each_week_from_the_log() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    weeks = activity.weekly(pb)
    assert len(weeks) == activity.WEEKS
    assert weeks[-1].starts == date(2026, 11, 23) and weeks[0].starts == date(2026, 9, 7)
    # Week of 16 Nov: outreach to Nina (17th), Dana (18th), Priya (19th); replies from Nina
    # (18th) and Dana (19th).
    week = next(w for w in weeks if w.starts == date(2026, 11, 16))
    assert (week.outreach, week.replies) == (3, 2)
    # Conversations: logged or booked and past, once a day per contact (Luis on the 20th).
    assert week.conversations == 1


def test_the_weekly_chart_draws_each_number_to_scale_with_the_goal_line() -> None:
    weeks = [activity.Week(date(2026, 11, 2) + timedelta(weeks=i), i, i // 2, 1) for i in range(4)]
    chart = charts.weekly_chart(weeks, goal=4)
    heights = {(b.series, b.tip): b.height for b in chart.bars}
    unit = heights[("pb-series-1", "Week of 23 Nov: 3 outreach")] / 3
    for week in weeks:
        day = f"{week.starts.day} {week.starts:%b}"
        for series, value, name in (
            ("pb-series-1", week.outreach, "outreach"),
            ("pb-series-2", week.replies, "replies"),
            ("pb-series-3", week.conversations, "conversations"),
        ):
            assert heights[(series, f"Week of {day}: {value} {name}")] == pytest.approx(
                value * unit, abs=0.2
            )
    assert chart.goal_y == pytest.approx(charts.PLOT_BOTTOM - 4 * unit, abs=0.2)
    assert [g.value for g in chart.gridlines] == [0, 1, 2, 3, 4]
    assert "met in 0 of them" in chart.desc
    assert charts.weekly_chart(weeks, goal=None).goal_y is None


def test_the_funnel_chart_says_each_count_and_rate() -> None:
    stages = schedule.funnel(playbook_of(EXAMPLE_DATA))
    chart = charts.funnel_chart(stages)
    said = [label.text for label in chart.labels]
    names, numbers = said[::2], said[1::2]
    assert names == ["Reached out", "Replied", "Talked", "Referred"]
    assert numbers == ["11", "8 · 73%", "5 · 62%", "3 · 60%"]
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == charts.FUNNEL_BARS
    assert widths == [pytest.approx(charts.FUNNEL_BARS * s.count / 11, abs=0.1) for s in stages]
    assert "replied 8 (73% of reached out)" in chart.desc


@pytest.mark.parametrize("top", [1, 3, 5, 7, 12, 48, 130])
def test_gridlines_are_at_most_five_round_steps(top: int) -> None:
    step = charts.nice_step(top)
    assert step in (1, 2, 5, 10, 20, 50, 100) and -(-top // step) <= 5


# --- the sidebar --------------------------------------------------------------------------


def test_generated_pages_drop_the_empty_sidebar_hand_written_sections_keep_it(
    example_site: Built,
) -> None:
    hidden = 'data-md-type="navigation" hidden'
    for uri in ("", "pipeline/", "today/", "contacts/", "contacts/dana-ruiz/", "roles/"):
        assert hidden in example_site.page(uri), uri
    assert hidden not in example_site.page("guide/prepare/")  # its section's pages are there


def test_a_big_playbook_builds_every_new_page(tmp_path: Path) -> None:
    generate_data(tmp_path / "big", 120)
    pb = playbook_of(tmp_path / "big")
    pages = render_bodies(pb)
    assert {"pipeline.md", "today.md", "index.md"} <= set(pages)
    assert pages["index.md"].count('class="pb-chart-svg"') == 2
