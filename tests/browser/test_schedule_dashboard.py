"""The built dashboard: Today first, then conversations, pipeline, funnel and coverage."""

from __future__ import annotations

import re
from html import unescape

from helpers.browser import serve
from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, Built
from playbook.core.dates import day
from playbook.logic import schedule


def text_of(html: str) -> str:
    article = html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_dashboard_sections_in_order_with_every_action(example_site: Built) -> None:
    html = example_site.page("")
    text = text_of(html)
    headings = ["Today", "Upcoming conversations", "Pipeline", "Funnel", "Weekly activity"]
    headings.append("Coverage")
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    today = text[positions[0] : positions[1]]
    pb = playbook_of(EXAMPLE_DATA)
    due = schedule.actions(pb)
    # One line per action: what, who, when it is due.
    lines = [f"{a.label} · {a.contact.name} · due {day(a.due)}" for a in due]
    for action, line in zip(due, lines, strict=True):
        assert line in today
        assert f'href="contacts/{action.contact.id}/"' in html
    # Oldest first.
    order = [today.index(line) for line in lines]
    assert order == sorted(order)
    assert today.count("overdue") >= sum(a.overdue for a in due)
    assert "Hi Rachel," in today and "Thank you, Rachel" in today  # the filled-in thank-you
    assert 'playbook add contact "Hannah Wu"' in today
    assert "playbook log rachel-kim thank-you" in today  # what to type once it is sent
    funnel = text[positions[3] : positions[4]]
    assert "reached out 11" in funnel and "replied 8 73%" in funnel and "talked 5" in funnel
    coverage = text[positions[5] :]
    for company in ("Northwind Foods", "Brightside Agency", "Tidewell Beverages", "Lumen Goods"):
        assert company in coverage
    upcoming = text[positions[1] : positions[2]]
    assert upcoming.index("Nina Patel") < upcoming.index("Dana Ruiz") < upcoming.index("Jamie")
    assert 'href="contacts/nina-patel/">Prep sheet' in html


def test_each_message_on_the_dashboard_is_folded_away_with_a_copy_button(
    example_site: Built, browser
) -> None:
    due = schedule.actions(playbook_of(EXAMPLE_DATA))
    blocks = sum(1 for a in due if a.message) + sum(1 for a in due if a.command)
    with serve(example_site.site) as base:
        page = browser.new_page()
        page.goto(base)
        actions = page.locator("ul.pb-today > li")
        assert actions.count() == len(due)
        # Each action is one line; what to send sits folded below it.
        line_height = page.locator(".pb-action-line").first.evaluate(
            "e => parseFloat(getComputedStyle(e).lineHeight)"
        )
        heights = page.locator(".pb-action-line").evaluate_all(
            "lines => lines.map(e => e.getBoundingClientRect().height)"
        )
        assert max(heights) < 2 * line_height
        assert page.locator("details.pb-action-details[open]").count() == 0
        today = page.locator("article pre")
        assert today.count() == blocks
        assert page.locator("article pre button[data-clipboard-target]").count() == blocks
        first = page.locator("details.pb-action-details").first
        first.locator("summary").click()
        code = first.locator("pre code").first
        assert code.inner_text().startswith("Hi Mark,")
        # Long lines wrap like the email they become, instead of scrolling sideways.
        assert code.evaluate("e => e.scrollWidth <= e.clientWidth")
        assert (
            first.get_by_role("link", name="Open in email")
            .get_attribute("href")
            .startswith("mailto:mark.cho@example.com?subject=")
        )
        page.close()
