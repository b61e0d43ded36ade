"""How the pages look at desktop and phone width: nothing scrolls sideways on a phone, the prep
sheet reads top to bottom, the question plan is readable without zooming; screenshots of every
kind of page for a person to look at (test-artifacts/, not committed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.browser import DESKTOP, EXAMPLE_PAGES, PHONE, artifact, serve
from helpers.incremental import build, project_from
from helpers.project import EXAMPLE_DATA, ROOT

# Sections every prep sheet has, in the order a person reads them before a conversation.
# The header card (who, when, how connected) comes before them all.
PREP_SHEET_SECTIONS = ["card", "elevator-pitch", "question-plan", "checklists", "notes"]


@pytest.fixture(scope="module")
def phone(browser):  # type: ignore[no-untyped-def]
    """A phone-sized tab (390 × 844, touch, honouring the viewport meta tag)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def desktop(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", EXAMPLE_PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone, desktop, example_url: str, kind: str) -> None:
    phone.goto(example_url + EXAMPLE_PAGES[kind])
    phone.screenshot(path=artifact(f"phone-{kind}.png"), full_page=True)
    phone.screenshot(path=artifact(f"phone-{kind}-first-screen.png"))
    width = phone.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert width[0] <= width[1] == PHONE["width"], f"{kind} page scrolls sideways: {width}"
    # Only a table may be wider than the screen, and then it scrolls inside its own box.
    escaping = phone.evaluate(
        """(limit) => [...document.querySelectorAll('article *')]
            .filter(e => e.getBoundingClientRect().right > limit + 0.5)
            .filter(e => !e.closest('.md-typeset__scrollwrap, pre'))
            .map(e => e.outerHTML.slice(0, 80))""",
        PHONE["width"],
    )
    assert escaping == []

    desktop.goto(example_url + EXAMPLE_PAGES[kind])
    desktop.screenshot(path=artifact(f"desktop-{kind}.png"))


def test_prep_sheet_reads_top_to_bottom_on_a_phone(phone, example_url: str) -> None:
    phone.goto(example_url + EXAMPLE_PAGES["prep-sheet"])
    boxes = phone.evaluate(
        """() => [...document.querySelectorAll('article :is(.pb-header-card, h2)')].map(h => {
            const box = h.getBoundingClientRect();
            return {id: h.id || 'card', top: box.top, left: box.left, right: box.right};
        })"""
    )
    ids = [box["id"] for box in boxes]
    assert [i for i in ids if i in PREP_SHEET_SECTIONS] == PREP_SHEET_SECTIONS
    tops = [box["top"] for box in boxes]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # One column: every section starts at the same left edge, inside the screen.
    assert len({round(box["left"]) for box in boxes}) == 1
    assert all(box["left"] >= 0 and box["right"] <= PHONE["width"] for box in boxes)
    # Nothing sits beside the text: the navigation and the table of contents are tucked away.
    for sidebar in (".md-sidebar--primary", ".md-sidebar--secondary"):
        box = phone.locator(sidebar).bounding_box()
        assert box is None or box["x"] + box["width"] <= 0 or box["x"] >= PHONE["width"]


def test_question_plan_is_readable_on_a_phone_without_zooming(phone, example_url: str) -> None:
    phone.goto(example_url + EXAMPLE_PAGES["prep-sheet"])
    # The viewport meta tag keeps the page at the phone's width rather than a zoomed-out desktop.
    assert phone.evaluate("window.innerWidth") == PHONE["width"]
    plan = phone.locator("h2#question-plan ~ ol").first
    items = plan.locator("li")
    assert items.count() >= 3
    sizes = plan.evaluate(
        """(ol) => [ol, ...ol.querySelectorAll('*')].map(e => ({
            text: e.textContent.trim().slice(0, 40),
            size: parseFloat(getComputedStyle(e).fontSize),
            right: e.getBoundingClientRect().right,
        }))"""
    )
    small = [entry for entry in sizes if entry["size"] < 14]
    assert small == [], f"text under 14px in the question plan: {small}"
    assert max(entry["right"] for entry in sizes) <= PHONE["width"]
    assert plan.evaluate("ol => ol.scrollWidth <= ol.clientWidth")


def test_what_people_told_you_reads_on_a_desktop_with_lines_to_copy(
    desktop, tmp_path: Path
) -> None:
    # A project as a user has it (data/ inside it), so the role file is named as they know it.
    project = project_from(tmp_path, EXAMPLE_DATA)
    built = build(project, project / "site")
    with serve(built.site) as base:
        desktop.goto(base + EXAMPLE_PAGES["role"])
        assert desktop.locator(".pb-priority").first.is_visible()
        assert desktop.locator(".pb-new").first.is_visible()
        # The lines to add to the role file come with the site's copy button.
        tip = desktop.locator(".admonition.tip", has_text="Not on your list yet")
        tip.scroll_into_view_if_needed()
        copy = tip.locator("pre button[data-clipboard-target]")
        copy.wait_for()
        assert copy.count() == 1
        code = tip.locator("pre code").inner_text()
        assert code.startswith("  - {name: Negotiation, level: gap}")
        assert "data/roles/brand-marketing.yml" in tip.inner_text()
        # The section, from its heading to the next one: the picture in the README. At the top
        # of the page, so that the fixed header stays out of it.
        desktop.evaluate("window.scrollTo(0, 0)")
        top = desktop.locator("h2#what-people-told-you").bounding_box()
        after = desktop.locator("h2#what-people-told-you ~ div > h2").first.bounding_box()
        article = desktop.locator("article").bounding_box()
        assert top and after and article and after["y"] > top["y"]
        clip = {
            "x": article["x"] - 16,
            "y": top["y"] - 12,
            "width": article["width"] + 32,
            "height": after["y"] - top["y"],
        }
        desktop.screenshot(
            path=artifact("role-what-people-told-you.png"), full_page=True, clip=clip
        )


def test_readme_shows_screenshots_near_the_top_that_are_small() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="(readme/[^"]+\.png)" alt="[^"]+"', readme.split("\n## ")[0])
    assert len(pictures) >= 2
    for picture in pictures:
        assert (ROOT / picture).stat().st_size < 300_000, picture
