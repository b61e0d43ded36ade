"""The built dashboard: Today first, then conversations, pipeline, funnel and coverage."""

from __future__ import annotations

import re
from html import unescape

from browser import serve
from conftest import EXAMPLE_DATA, Built
from core_helpers import playbook_of
from playbook import schedule


def text_of(html: str) -> str:
    article = html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_dashboard_sections_in_order_with_every_action(example_site: Built) -> None:
    html = example_site.page("")
    text = text_of(html)
    headings = ["Today", "Upcoming conversations", "Pipeline", "Funnel", "Coverage"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    today = text[positions[0] : positions[1]]
    pb = playbook_of(EXAMPLE_DATA)
    due = schedule.actions(pb)
    for action in due:
        assert f"{action.label}: {action.contact.name}" in today
        assert f'href="contacts/{action.contact.id}/"' in html
    # Oldest first: the headings appear in the order of their due days.
    order = [today.index(f"{a.label}: {a.contact.name}") for a in due]
    assert order == sorted(order)
    assert today.count("overdue") >= sum(a.overdue for a in due)
    assert "Hi Rachel," in today and "Thank you, Rachel" in today  # the filled-in thank-you
    assert 'playbook add contact "Hannah Wu"' in today
    funnel = text[positions[3] : positions[4]]
    assert "reached out 11" in funnel and "replied 8 73%" in funnel and "talked 5" in funnel
    coverage = text[positions[4] :]
    for company in ("Northwind Foods", "Brightside Agency", "Tidewell Beverages", "Lumen Goods"):
        assert company in coverage
    upcoming = text[positions[1] : positions[2]]
    assert upcoming.index("Nina Patel") < upcoming.index("Dana Ruiz") < upcoming.index("Jamie")
    assert 'href="contacts/nina-patel/">Prep sheet' in html


def test_each_message_on_the_dashboard_has_a_copy_button(example_site: Built, browser) -> None:
    due = schedule.actions(playbook_of(EXAMPLE_DATA))
    blocks = sum(1 for a in due if a.message) + sum(1 for a in due if a.command)
    with serve(example_site.site) as base:
        page = browser.new_page()
        page.goto(base)
        today = page.locator("article pre")
        assert today.count() == blocks
        assert page.locator("article pre button[data-clipboard-target]").count() == blocks
        first = page.locator("article pre code").first
        assert first.inner_text().startswith("Hi Mark,")
        # Long lines wrap like the email they become, instead of scrolling sideways.
        assert first.evaluate("e => e.scrollWidth <= e.clientWidth")
        page.close()
