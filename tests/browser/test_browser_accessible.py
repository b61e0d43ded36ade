"""Accessible in a real browser: axe-core finds no violation at all (every rule it has, WCAG and
best practice, any impact) on any kind of page, in either colour scheme, at desktop and phone
width; everything is reachable by keyboard, the phone's search button included; headings and
lists give the question plan and checklists their structure; the palette toggle switches
schemes."""

from __future__ import annotations

import itertools
import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from helpers.browser import DESKTOP, EXAMPLE_PAGES, PHONE, artifact

AXE = Axe()  # axe-core's script, bundled in the package: nothing is fetched
# Folded parts (the dashboard's messages) are opened first, so that axe checks them too.
OPEN_EVERYTHING = "document.querySelectorAll('details').forEach(d => { d.open = true; })"


def scheme_of(page) -> str:  # type: ignore[no-untyped-def]
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize(
    ("scheme", "viewport"),
    [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE), ("dark", PHONE)],
    ids=["light-desktop", "dark-desktop", "light-phone", "dark-phone"],
)
def test_no_axe_violation_of_any_impact_on_any_kind_of_page(
    browser, example_url: str, scheme: str, viewport: dict[str, int]
) -> None:
    # The palette follows the system's preference until the reader picks one (mkdocs.yml).
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    found, checked = [], 0
    for kind, uri in EXAMPLE_PAGES.items():
        page.goto(example_url + uri)
        assert scheme_of(page) == {"light": "default", "dark": "slate"}[scheme]
        page.evaluate(OPEN_EVERYTHING)
        results = AXE.run(page)  # every rule: WCAG 2.x A and AA, and best practices
        checked += len(results.response["passes"])
        for violation in results.response["violations"]:
            found.append(
                {
                    "page": kind,
                    "rule": violation["id"],
                    "impact": violation["impact"],
                    "help": violation["help"],
                    "where": [node["target"] for node in violation["nodes"]][:5],
                }
            )
    context.close()
    name = f"axe-{scheme}-{viewport['width']}.json"
    artifact(name).write_text(json.dumps(found, indent=2))
    assert found == [], json.dumps(found, indent=2)
    assert checked > 30 * len(EXAMPLE_PAGES)  # axe really ran its rules on every page
    assert hosts == {example_url.split("/")[2]}


# Marks the focused element; true once focus comes back to an element already marked.
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return false;
    if (e.dataset.pbTabbed) return true;
    e.dataset.pbTabbed = "yes";
    return false;
}"""


def tab_through(page, limit: int = 300) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until focus comes back round; every element reached is marked data-pb-tabbed."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED):
            return
    pytest.fail(f"focus never came round after {limit} presses of Tab")


@pytest.mark.parametrize("kind", ["dashboard", "contacts", "prep-sheet", "template", "guide"])
def test_everything_on_the_page_is_reachable_by_keyboard(
    browser, example_url: str, kind: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(example_url + EXAMPLE_PAGES[kind])
    tab_through(page)
    unreachable = page.evaluate(
        """() => [...document.querySelectorAll(
                'article a[href], article button, .md-search__input, .md-header .md-option,'
                + ' .md-tabs a[href], .md-typeset__scrollwrap[tabindex]')]
            .filter(e => e.matches('.md-option') ? e.matches(':checked') : e.checkVisibility())
            .filter(e => !e.dataset.pbTabbed)
            .map(e => e.outerHTML.slice(0, 100))"""
    )
    controls = page.evaluate(
        """() => [...document.querySelectorAll('[data-pb-tabbed]')].map(e =>
            e.matches('.md-search__input') ? 'search' : e.matches('.md-option') ? 'palette'
            : e.matches('.md-code__button') ? 'copy' : e.matches('.pb-sort') ? 'sort' : '')"""
    )
    context.close()
    assert unreachable == []
    assert {"search", "palette"} <= set(controls)
    if kind == "contacts":
        assert controls.count("sort") == 5
    if kind in ("prep-sheet", "template"):
        assert "copy" in controls


def test_palette_toggle_switches_between_light_and_dark_by_mouse_and_keyboard(
    browser, example_url: str
) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    page.goto(example_url)
    background = "getComputedStyle(document.body).backgroundColor"
    assert scheme_of(page) == "default"
    light = page.evaluate(background)

    page.locator("label[title='Switch to dark mode']").click()
    assert scheme_of(page) == "slate"
    assert page.evaluate(background) != light
    page.goto(example_url + EXAMPLE_PAGES["prep-sheet"])
    assert scheme_of(page) == "slate", "the reader's choice is kept from page to page"
    # On paper the choice is ignored: print.css prints black on white.
    page.emulate_media(media="print")
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).color") == (
        "rgb(0, 0, 0)"
    )
    page.emulate_media(media="screen")

    # From the keyboard: Tab to the toggle (it comes before the search box), press Enter.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-option')"):
            break
    page.keyboard.press("Enter")
    assert scheme_of(page) == "default"
    assert page.evaluate(background) == light
    context.close()


HEADINGS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')]
    .map(h => Number(h.tagName[1]))"""


def test_headings_go_down_one_level_at_a_time_on_every_kind_of_page(
    browser, example_url: str
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    skipping = {}
    for kind, uri in EXAMPLE_PAGES.items():
        if kind == "print-pack":
            continue  # sheets for paper, each a page of its own with its own h1
        page.goto(example_url + uri)
        levels = page.evaluate(HEADINGS)
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        if levels[0] != 1 or levels.count(1) != 1 or skips:
            skipping[kind] = levels
    page.close()
    assert skipping == {}


def test_question_plan_and_checklists_are_lists_under_headings(browser, example_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(example_url + EXAMPLE_PAGES["prep-sheet"])
    # The plan: an ordered list (the order is the order to ask in) in its h2 section.
    plan = page.evaluate(
        """() => {
            const h2 = document.getElementById('question-plan');
            let e = h2.nextElementSibling;
            while (e && !['OL', 'UL', 'H2'].includes(e.tagName)) e = e.nextElementSibling;
            return {tag: e && e.tagName, items: e ? e.children.length : 0};
        }"""
    )
    assert plan["tag"] == "OL" and plan["items"] >= 3
    # Each checklist: an h3 under the Checklists h2, then a list whose boxes are named.
    checklists = page.evaluate(
        """() => {
            const found = [];
            let inChecklists = false;
            for (const h of document.querySelectorAll('article :is(h2, h3)')) {
                if (h.tagName === 'H2') inChecklists = h.id === 'checklists';
                else if (inChecklists) {
                    const list = h.nextElementSibling;
                    const boxes = list ? [...list.querySelectorAll('input[type=checkbox]')] : [];
                    found.push({title: h.textContent, list: list && list.tagName,
                                boxes: boxes.length,
                                unnamed: boxes.filter(b => !b.labels.length ||
                                    !b.labels[0].textContent.trim()).length});
                }
            }
            return found;
        }"""
    )
    page.close()
    assert len(checklists) == 3
    for checklist in checklists:
        assert checklist["list"] == "UL" and checklist["boxes"] >= 3, checklist
        assert checklist["unnamed"] == 0, checklist


def test_at_phone_width_the_search_and_menu_buttons_work_from_the_keyboard(
    browser, example_url: str
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(example_url + EXAMPLE_PAGES["prep-sheet"])
    reached = []
    for _ in range(6):  # skip link, menu, palette, search: all in the header, first
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
    assert "Search" in reached and "Navigation" in reached
    search = page.get_by_role("button", name="Search")
    assert search.is_visible()
    search.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    page.keyboard.type("Copperleaf")
    page.locator(".md-search-result__item > a[href*='contacts/nina-patel/']").first.wait_for()
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Search"
    # The menu opens the navigation drawer the same way.
    page.get_by_role("button", name="Navigation").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    page.wait_for_function(
        "document.querySelector('.md-sidebar--primary').getBoundingClientRect().x >= 0"
    )
    context.close()
