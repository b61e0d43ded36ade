"""The look and feel in Chromium, on the example site: the prep sheet's header card and timed
agenda, "Open in email", the pipeline board, the charts in both palettes and on paper."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest
import yaml

from helpers.browser import DESKTOP, PHONE, artifact
from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, TODAY
from playbook.core.model import STATUSES
from playbook.logic import schedule


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    yield context.new_page()
    context.close()


def contact_files() -> dict[str, dict]:
    """The example contacts as their files say, read here without the plugin."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((EXAMPLE_DATA / "contacts").glob("*.yml"))
    }


def starts(data: dict) -> datetime:
    """A contact's conversation time, in Chicago (the example profile's zone)."""
    when = data["interview"]["when"]
    moment = when if isinstance(when, datetime) else datetime.fromisoformat(str(when))
    return moment.astimezone(ZoneInfo("America/Chicago"))


def facts(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The header card's facts, label → words."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.pb-header-card dl > div')]
            .map(d => [d.querySelector('dt').textContent.trim(),
                       d.querySelector('dd').textContent.replace(/\\s+/g, ' ').trim()]))"""
    )


def test_the_header_card_says_who_when_how_and_how_you_are_connected(
    page, example_url: str
) -> None:
    page.goto(example_url + "contacts/dana-ruiz/")
    card = page.locator(".pb-header-card")
    # It comes first, and holds the page's one heading.
    assert page.evaluate("document.querySelector('article .pb-header-card h1') !== null")
    assert card.locator("h1").inner_text().replace("¶", "").strip() == "Dana Ruiz"
    assert card.locator(".pb-subtitle").inner_text() == "Marketing Director at Brightside Agency"
    assert facts(page) == {
        "When": "Wed 2 Dec 2026, 15:30 America/Chicago",
        "How long": "20 minutes",
        "Medium": "video",
        "Where": "Zoom, link in the invite",
        "Connection": "Mark Cho introduced you; alumni of Lakeside University, like you",
        "First question": "What trends are shaping your part of the industry right now?",
        "Introduced you to": "Jamie Park",
        "Roles": "Brand Marketing Associate",
    }
    assert card.get_by_role("link", name="Mark Cho").get_attribute("href") == "../mark-cho/"
    # The links are buttons, each going where the contact file says.
    for name, href in (
        ("LinkedIn", "https://www.linkedin.com/in/dana-ruiz-example"),
        ("Email", "mailto:dana.ruiz@example.com"),
        ("Call", "tel:+15550100"),
    ):
        button = card.get_by_role("link", name=name, exact=True)
        assert button.get_attribute("href") == href
        assert "md-button" in button.get_attribute("class")
    # The status in words, on a colour of its own: another status has another colour.
    chip = card.locator(".pb-status")
    assert chip.inner_text() == "scheduled"
    colour = chip.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour != card.evaluate("e => getComputedStyle(e).backgroundColor")
    page.goto(example_url + "contacts/luis-mendez/")
    other = page.locator(".pb-header-card .pb-status")
    assert other.inner_text() == "interviewed"
    assert other.evaluate("e => getComputedStyle(e).backgroundColor") != colour


def test_a_time_written_in_another_zone_shows_in_the_profiles_zone_and_theirs(
    page, example_url: str
) -> None:
    page.goto(example_url + "contacts/nina-patel/")
    # 10:00 in Portland (-08:00) is noon in Chicago, the profile's zone.
    assert facts(page)["When"] == (
        "Tue 1 Dec 2026, 12:00 America/Chicago (10:00 for them, UTC−08:00)"
    )
    assert facts(page)["Connection"] == "Sofia Alvarez introduced you"


def test_the_agenda_gives_each_line_its_minute_and_clock_time_from_a_known_start(
    page, example_url: str
) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    plan = pb.plan(pb.contacts["dana-ruiz"])
    start = starts(contact_files()["dana-ruiz"])
    assert f"{start:%H:%M}" == "15:30"
    # Expected from the plan's minutes alone: the pitch, then each question after the one before.
    expected = [("0:00", "15:30", "Your pitch")]
    minute = pb.profile.pitch_minutes
    for question in plan.questions:
        clock = f"{start + timedelta(minutes=minute):%H:%M}"
        expected.append((f"0:{minute:02d}", clock, question.text))
        minute += question.minutes
    expected.append(
        ("0:18", "15:48", "Wrap up: thank them, agree on next steps 2 min, ends at 0:20 (15:50)")
    )
    page.goto(example_url + "contacts/dana-ruiz/")
    lines = page.evaluate(
        """() => [...document.querySelectorAll('#question-plan ~ ol.pb-agenda > li')].map(li => [
            ...[...li.querySelectorAll('.pb-at time')].map(t => t.textContent),
            li.querySelector('.pb-what').textContent.trim()])"""
    )
    assert [(at, clock) for at, clock, _ in lines] == [(at, clock) for at, clock, _ in expected]
    pairs = zip(lines, expected, strict=True)
    assert all(" ".join(what.split()).startswith(text) for (*_, what), (*_, text) in pairs)
    # The clock is in the profile's zone, with the offset in its datetime for machines.
    assert page.locator("ol.pb-agenda time.pb-clock").first.get_attribute("datetime") == (
        "2026-12-02T15:30:00-06:00"
    )
    # On paper too.
    page.emulate_media(media="print")
    assert page.locator("ol.pb-agenda").is_visible()
    assert page.locator("ol.pb-agenda time.pb-clock").first.is_visible()


def test_open_in_email_fills_in_recipient_subject_and_the_exact_message(
    page, example_url: str
) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    luis = pb.contacts["luis-mendez"]
    thank_you = next(m for m in pb.messages(luis) if m.template.kind == "thank-you")
    page.goto(example_url + "contacts/luis-mendez/")
    block = page.locator(".pb-message-actions").first
    link = block.get_by_role("link", name="Open in email")
    href = link.get_attribute("href")
    # Read back by RFC 6068: address, then subject and body, percent-encoded UTF-8, CRLF lines.
    assert href.startswith("mailto:")
    to, _, query = href[len("mailto:") :].partition("?")
    fields = {name: unquote(value) for name, value in (f.split("=", 1) for f in query.split("&"))}
    assert unquote(to) == "luis.mendez@example.com" == luis.links.email
    assert fields["subject"] == thank_you.subject
    assert fields["body"] == thank_you.body.replace("\n", "\r\n")
    # It sits beside the copy button of the very text it sends.
    shown = block.locator("xpath=following-sibling::div[1]").locator("pre code").inner_text()
    assert shown.strip() == thank_you.body
    copy = block.locator("xpath=following-sibling::div[1]").locator("button.md-code__button")
    gap = copy.bounding_box()["y"] - (link.bounding_box()["y"] + link.bounding_box()["height"])
    assert 0 <= gap < 40
    # A LinkedIn note is not an email: Tom's sheet offers the note without the button.
    page.goto(example_url + "contacts/tom-becker/")
    assert page.get_by_text("LinkedIn connection note").first.is_visible()
    notes = [
        m for m in pb.messages(pb.contacts["tom-becker"]) if m.template.kind != "linkedin-note"
    ]
    assert page.get_by_role("link", name="Open in email").count() == len(notes)


def test_the_board_has_a_column_per_status_with_its_people_most_recent_first(
    page, example_url: str
) -> None:
    files = contact_files()
    page.goto(example_url + "pipeline/")
    columns = page.evaluate(
        """() => [...document.querySelectorAll('.pb-board > .pb-column')].map(c => ({
            heading: c.querySelector('h2').textContent.replace('¶', '').trim(),
            names: [...c.querySelectorAll('.pb-card-name a')].map(a => a.textContent),
            commands: [...c.querySelectorAll('.pb-card-command code')].map(e => e.textContent),
        }))"""
    )
    counts = Counter(data.get("status", "identified") for data in files.values())
    assert [c["heading"] for c in columns] == [f"{s} ({counts[s]})" for s in STATUSES]

    def last_logged(data: dict) -> date:
        return max((e["date"] for e in data.get("log", [])), default=date.min)

    for status, column in zip(STATUSES, columns, strict=True):
        people = [d for d in files.values() if d.get("status", "identified") == status]
        people.sort(key=lambda d: d["name"])
        people.sort(key=last_logged, reverse=True)
        assert column["names"] == [d["name"] for d in people], status
        assert len(column["commands"]) == (0 if status == "closed" else len(people))
    assert "playbook log tom-becker outreach" in columns[0]["commands"]
    assert (
        "playbook status ben-okafor closed" in columns[STATUSES.index("following-up")]["commands"]
    )
    # A card leads to the prep sheet.
    page.get_by_role("link", name="Jamie Park").click()
    page.wait_for_url("**/contacts/jamie-park/")


def test_on_a_phone_the_boards_columns_stack(browser, example_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(example_url + "pipeline/")
    boxes = page.locator(".pb-column").evaluate_all(
        "cs => cs.map(c => c.getBoundingClientRect()).map(b => [b.left, b.top, b.right])"
    )
    context.close()
    assert len({round(left) for left, _, _ in boxes}) == 1
    tops = [top for _, top, _ in boxes]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    assert max(right for *_, right in boxes) <= PHONE["width"]


def weekly_counts_from_the_files() -> dict[date, tuple[int, int, int]]:
    """Outreach, replies and conversations per week (Mondays), straight from the YAML."""
    counts: dict[date, list[int]] = {}
    for data in contact_files().values():
        held = set()
        for entry in data.get("log", []):
            monday = entry["date"] - timedelta(days=entry["date"].weekday())
            row = counts.setdefault(monday, [0, 0, 0])
            if entry["kind"] == "outreach":
                row[0] += 1
            elif entry["kind"] == "reply":
                row[1] += 1
            elif entry["kind"] == "interview":
                held.add(entry["date"])
        if "interview" in data:
            day = starts(data).date()
            if day < TODAY:
                held.add(day)
        for day in held:
            counts.setdefault(day - timedelta(days=day.weekday()), [0, 0, 0])[2] += 1
    return {monday: (a, b, c) for monday, (a, b, c) in counts.items()}


def test_the_charts_show_the_data_say_it_in_words_and_list_it_in_a_table(
    page, example_url: str
) -> None:
    page.goto(example_url)
    for chart in page.locator("figure.pb-chart").all():
        svg = chart.locator("svg")
        assert svg.get_attribute("role") == "img"
        title, desc = svg.get_attribute("aria-labelledby").split()
        assert page.locator(f"#{title}").evaluate("e => e.tagName") == "title"
        assert len(page.locator(f"#{desc}").text_content()) > 40
        # The numbers in a table right after it.
        assert chart.evaluate("f => f.nextElementSibling.querySelector('table') !== null")

    # The funnel: the bars' words match the funnel of the data, and the table says the same.
    stages = schedule.funnel(playbook_of(EXAMPLE_DATA))
    funnel = page.locator("#pb-chart-funnel")
    words = funnel.locator("svg text").all_text_contents()
    for stage in stages:
        rate = "" if stage.of_previous is None else f" · {stage.of_previous:.0%}"
        assert f"{stage.count}{rate}" in words
    rows = funnel.evaluate(
        "f => [...f.nextElementSibling.querySelectorAll('tbody tr')].map(r => r.cells[1].innerText)"
    )
    assert rows == [str(s.count) for s in stages]

    # Weekly activity: the table and the bars' heights match the counts taken from the files.
    expected = weekly_counts_from_the_files()
    weekly = page.locator("#pb-chart-weekly")
    table = weekly.evaluate(
        """f => [...f.nextElementSibling.querySelectorAll('tbody tr')].map(r =>
            [...r.cells].map(c => c.textContent.trim()))"""
    )
    assert len(table) == 12
    monday = TODAY - timedelta(days=TODAY.weekday())
    heights = weekly.evaluate(
        """f => [...f.querySelectorAll('rect[class^="pb-series"] > title')].map(t =>
            [t.textContent, parseFloat(t.parentElement.getAttribute('height'))])"""
    )
    unit = max(h for _, h in heights) / max(max(v) for v in expected.values() if v)
    for index, row in enumerate(table):
        week = monday - timedelta(weeks=11 - index)
        counts = expected.get(week, (0, 0, 0))
        assert row[0] == f"{week:%a} {week.day} {week:%b %Y}"
        assert tuple(int(cell) for cell in row[1:4]) == counts, row
        assert row[4] == ("met" if counts[0] >= 3 else "not met")  # weekly_outreach_goal: 3
        bars = [h for tip, h in heights if tip.startswith(f"Week of {week.day} {week:%b}:")]
        assert bars == [pytest.approx(n * unit, abs=0.3) for n in counts]
    assert weekly.locator("svg line.pb-goal").count() == 2  # the line and its legend
    weekly.screenshot(path=artifact("readme-chart.png"))  # the README's picture


def series_colours(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        """() => ['.pb-series-1', '.pb-hatch line', '.pb-series-3', '.pb-goal', 'text']
            .map(s => document.querySelector('#pb-chart-weekly ' + s))
            .map(e => [getComputedStyle(e).fill, getComputedStyle(e).stroke].join(' '))"""
    )


def test_the_charts_follow_the_light_and_dark_palettes_and_print_black_on_white(
    browser, example_url: str
) -> None:
    seen = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        page = context.new_page()
        page.goto(example_url)
        seen[scheme] = series_colours(page)
        if scheme == "dark":
            page.emulate_media(media="print")
            seen["print"] = series_colours(page)
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
    assert seen["light"] != seen["dark"]
    # The text follows the scheme's own text colour (currentColor).
    assert seen["light"][-1] != seen["dark"][-1]
    black = "rgb(0, 0, 0)"
    assert seen["print"][0].startswith(black)  # solid bars
    assert seen["print"][1].endswith(black)  # hatching
    assert seen["print"][2] == f"rgb(255, 255, 255) {black}"  # outlined bars
    assert seen["print"][3].endswith(black) and seen["print"][4].startswith(black)
    assert background == "rgb(255, 255, 255)"


def test_dashboard_tiles_count_and_link_to_their_lists(page, example_url: str) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    due = schedule.actions(pb)
    page.goto(example_url)
    tiles = page.evaluate(
        """() => [...document.querySelectorAll('.pb-tile')].map(a => [
            a.querySelector('.pb-tile-label').textContent, a.querySelector('.pb-tile-count')
            .textContent, a.getAttribute('href')])"""
    )
    week = len(schedule.upcoming(pb, days=7))
    assert tiles == [
        ["due today", str(sum(not a.overdue for a in due)), "today/#due-today"],
        ["overdue", str(sum(a.overdue for a in due)), "today/#overdue"],
        ["conversation this week", str(week), "#upcoming-conversations"],
        ["awaiting a reply", str(len(schedule.awaiting_reply(pb))), "today/#awaiting-a-reply"],
    ]
    page.get_by_role("link", name="awaiting a reply").click()
    page.wait_for_url("**/today/#awaiting-a-reply")
    listed = page.locator("#awaiting-a-reply ~ * table").first.locator("tbody tr")
    assert listed.count() == len(schedule.awaiting_reply(pb)) == 3


def test_the_first_screen_of_a_sheet_shows_who_when_how_connected_and_the_first_question(
    page, example_url: str
) -> None:
    """Two minutes before the call, one look: the whole card is on the first screen."""
    page.goto(example_url + "contacts/dana-ruiz/")
    card = page.locator(".pb-header-card").bounding_box()
    assert card is not None and card["y"] + card["height"] <= DESKTOP["height"]
    for words in ("Dana Ruiz", "15:30", "Mark Cho introduced you", "What trends are shaping"):
        box = page.get_by_text(words).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= DESKTOP["height"], words
    page.screenshot(path=artifact("readme-prep-sheet.png"))  # the README's picture
