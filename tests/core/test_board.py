"""The pipeline board (playbook.logic.board): a column per status with the most recently active
cards and a link to the rest, each card's next step with its day (business days, public holidays
included) and the command that moves it; the public board counts people and names nobody. Checked
on the page bodies, without a browser (tests/browser/test_browser_look.py looks in Chromium)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, TODAY
from helpers.schedules import log, playbook
from playbook.core.model import STATUSES
from playbook.logic import board, schedule
from playbook.pages.catalogue import render_bodies


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


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
    assert str(cards["tom-becker"].command) == "playbook log tom-becker outreach"
    assert str(cards["dana-ruiz"].command) == "playbook log dana-ruiz interview"
    assert str(cards["ben-okafor"].command) == "playbook status ben-okafor closed"
    assert cards["grace-liu"].command is None and cards["grace-liu"].step is None  # closed
    # The page's button sends the very command the card prints.
    assert cards["ben-okafor"].command.request() == {  # type: ignore[union-attr]
        "command": "status",
        "id": "ben-okafor",
        "status": "closed",
    }
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
