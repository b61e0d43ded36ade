"""The playbook in Arabic, in Chromium: the page reads right to left, the header card's labels
sit on the right, the funnel is mirrored, the contacts filter speaks Arabic and keeps the YAML's
statuses in the address, every printed prep sheet still fits one A4 page, and axe finds nothing.
Also the README's pictures of the German and Arabic prep sheets."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from helpers.browser import DESKTOP, EXAMPLE_PAGES, PHONE, artifact, serve
from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, build_in_language

AXE = Axe()


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = build_in_language(tmp_path_factory.mktemp("ar"), "ar", "--strict")
    with serve(built.site) as base:
        yield base


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    yield context.new_page()
    context.close()


def box(page, selector: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def right(found: dict[str, float]) -> float:
    return found["x"] + found["width"]


def test_the_page_reads_right_to_left(page, arabic: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(arabic + "contacts/dana-ruiz/")
    assert page.evaluate("document.body.dir") == "rtl"  # where Material writes it
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"
    assert page.locator(".pb-header-card dt").first.inner_text().strip() == "الموعد"


def test_the_header_cards_labels_sit_on_the_right(page, arabic: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(arabic + "contacts/dana-ruiz/")
    card = box(page, ".pb-header-card dl")
    # Where each fact's label and value are written (their text, not their boxes).
    facts = page.evaluate(
        """() => [...document.querySelectorAll('.pb-header-card dl > div')].map(fact => {
            const extent = (e) => { const r = document.createRange(); r.selectNodeContents(e);
                                    const b = r.getBoundingClientRect();
                                    return {x: b.left, width: b.width}; };
            const b = fact.getBoundingClientRect();
            return {fact: {x: b.left, width: b.width}, label: extent(fact.querySelector('dt')),
                    value: extent(fact.querySelector('dd'))};
        })"""
    )
    for fact in facts:  # each starts at the right of its place in the grid
        assert abs(right(fact["label"]) - right(fact["fact"])) <= 2
        assert fact["label"]["x"] > fact["fact"]["x"] + fact["fact"]["width"] / 2
        assert abs(right(fact["value"]) - right(fact["fact"])) <= 2
    how_long, medium = facts[1]["fact"], facts[2]["fact"]  # the grid's first two columns
    assert abs(right(how_long) - right(card)) <= 2 and right(medium) < how_long["x"]
    # On paper a label comes before its value on the same line: on its right.
    page.emulate_media(media="print")
    label, value = box(page, ".pb-fact-when dt"), box(page, ".pb-fact-when dd")
    assert label["x"] >= right(value) - 1


def test_the_funnel_is_mirrored(page, arabic: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(arabic)
    bar = box(page, "#pb-chart-funnel rect")
    name = box(page, "#pb-chart-funnel text")  # the first stage's name
    assert name["x"] >= right(bar)
    assert page.locator("#pb-chart-funnel text").first.text_content() == "تم التواصل معهم"


def test_the_contacts_filter_speaks_arabic_and_keeps_the_yamls_statuses(page, arabic: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(arabic + "contacts/?status=scheduled")
    menu = page.locator("#pb-filter-status")
    assert menu.input_value() == "scheduled"
    assert menu.locator("option:checked").inner_text() == "محجوز"
    assert page.locator("label[for=pb-filter-status]").inner_text() == "الحالة"
    assert page.locator(".pb-filter-count").inner_text() == "3 من 12 شخصًا"
    menu.select_option("contacted")
    page.wait_for_url("**/contacts/?status=contacted")


def test_every_printed_prep_sheet_still_fits_one_a4_page(browser, arabic: str) -> None:  # type: ignore[no-untyped-def]
    pb = playbook_of(EXAMPLE_DATA)
    tab = browser.new_page()
    tab.emulate_media(media="print")
    pages = {}
    for contact in pb.contacts.values():
        if len(pb.plan(contact).questions) > 12:  # as tests/browser/test_print.py
            continue
        tab.goto(f"{arabic}contacts/{contact.id}/")
        pdf = tab.pdf(format="A4")
        pages[contact.id] = len(PdfReader(io.BytesIO(pdf)).pages)
        if contact.id == "dana-ruiz":
            artifact("printed-prep-sheet-ar.pdf").write_bytes(pdf)
    tab.close()
    assert len(pages) > 5 and {c: n for c, n in pages.items() if n != 1} == {}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_axe_violation_on_any_kind_of_page(browser, arabic: str, viewport: dict) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport, color_scheme="light")
    tab = context.new_page()
    found = []
    for kind, uri in EXAMPLE_PAGES.items():
        tab.goto(arabic + uri)
        tab.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        for violation in AXE.run(tab).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:5]
            found.append({"page": kind, "rule": violation["id"], "where": targets})
    context.close()
    assert found == [], json.dumps(found, indent=2, ensure_ascii=False)


def test_the_readmes_pictures_of_the_german_and_arabic_prep_sheets(
    browser, arabic: str, tmp_path_factory: pytest.TempPathFactory
) -> None:  # type: ignore[no-untyped-def]
    german = build_in_language(tmp_path_factory.mktemp("de"), "de")
    with serve(german.site) as base:
        for name, url in (("de", base), ("ar", arabic)):
            context = browser.new_context(viewport=DESKTOP, color_scheme="light")
            tab = context.new_page()
            tab.goto(url + "contacts/dana-ruiz/")
            card = tab.locator(".pb-header-card").bounding_box()
            assert card is not None and card["y"] + card["height"] <= DESKTOP["height"]
            tab.screenshot(path=artifact(f"readme-prep-sheet-{name}.png"))
            context.close()
