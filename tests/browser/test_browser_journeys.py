"""What a user does in the browser, end to end on the built example site served over HTTP:
follow the dashboard to a prep sheet and on, search, browse by tag, sort the contacts table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import yaml

from helpers.browser import own_host_tab
from helpers.project import EXAMPLE_DATA
from playbook.core.model import STATUSES


@pytest.fixture
def page(browser, example_url: str) -> Iterator:  # type: ignore[no-untyped-def]
    """A fresh desktop tab; whatever the journey, nothing is fetched from another host."""
    with own_host_tab(browser, example_url) as tab:
        yield tab


def heading(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator("article h1").inner_text().replace("¶", "").strip()


def test_dashboard_leads_to_next_conversation_then_its_introducer_and_role(
    page, example_url: str
) -> None:
    page.goto(example_url)
    upcoming = page.locator("h2#upcoming-conversations ~ * table").first
    first_row = upcoming.locator("tbody tr").first
    times = upcoming.locator("tbody tr td:first-child").all_inner_texts()
    # Soonest first: on 25 Nov 2026 the next conversation is Nina Patel's on Tue 1 Dec.
    assert times[0].startswith("Tue 1 Dec 2026")
    assert len(times) >= 2 and times[1].startswith("Wed 2 Dec 2026")

    first_row.get_by_role("link").click()
    page.wait_for_url("**/contacts/nina-patel/")
    assert heading(page) == "Nina Patel"

    glance = page.locator(".pb-header-card")
    glance.get_by_role("link", name="Sofia Alvarez").click()
    page.wait_for_url("**/contacts/sofia-alvarez/")
    assert heading(page) == "Sofia Alvarez"
    # The introducer's sheet points back at the person she introduced.
    assert page.locator(".pb-header-card").get_by_role("link", name="Nina Patel").is_visible()

    page.go_back()
    page.wait_for_url("**/contacts/nina-patel/")
    page.locator(".pb-header-card").get_by_role("link", name="Content Marketing Specialist").click()
    page.wait_for_url("**/roles/content-marketing/")
    assert heading(page) == "Content Marketing Specialist"
    contacts = page.locator("h2#contacts + ul")
    assert contacts.get_by_role("link", name="Nina Patel").is_visible()


def search(page, words: str, *paths: str) -> None:  # type: ignore[no-untyped-def]
    """Type into Material's search box as a person would, and wait for a result on each path
    (results come from a web worker as the words are typed, so wait rather than read once)."""
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("")
    page.keyboard.type(words)
    for path in paths:
        page.locator(f".md-search-result__item > a[href*='{path}']").first.wait_for(timeout=10_000)


def test_search_finds_a_prep_sheet_by_company_and_a_bank_by_question_words(
    page, example_url: str
) -> None:
    # The search worker fetches its index from the site itself.
    with page.expect_request("**/search/search_index.json"):
        page.goto(example_url)
    search(page, "Copperleaf", "contacts/nina-patel/", "contacts/sofia-alvarez/")
    result = page.locator(".md-search-result__item > a[href*='contacts/nina-patel/']").first
    assert "Nina Patel" in result.inner_text()
    # The people at a company come before the pages that merely mention it (role pages list
    # target companies too).
    search(page, "Brightside", "contacts/dana-ruiz/", "roles/brand-marketing/")
    found = page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )
    people = [i for i, path in enumerate(found) if "/contacts/" in path]
    others = [i for i, path in enumerate(found) if "/contacts/" not in path]
    assert {found[i].split("/")[-2] for i in people} == {"dana-ruiz", "mark-cho"}
    assert max(people) < min(others), found

    page.goto(example_url + "roles/")
    # "If you were setting me a practice brief, what would it be?" is in the brand-marketing bank.
    search(page, "practice brief", "questions/brand-marketing/")
    page.locator(".md-search-result__item > a[href*='questions/brand-marketing/']").first.click()
    page.wait_for_url("**/questions/brand-marketing/**")
    assert heading(page) == "Marketing questions"
    assert page.get_by_text("If you were setting me a practice brief").is_visible()


def test_tags_index_lists_every_contact_under_each_of_their_tags(page, example_url: str) -> None:
    expected: dict[str, set[str]] = {}
    for path in sorted((EXAMPLE_DATA / "contacts").glob("*.yml")):
        contact = yaml.safe_load(path.read_text(encoding="utf-8"))
        for tag in contact.get("tags", []):
            expected.setdefault(tag, set()).add(contact["name"])
    assert "alumni" in expected

    # A tag on a prep sheet leads to the index.
    page.goto(example_url + "contacts/dana-ruiz/")
    page.locator(".md-tags").get_by_role("link", name="alumni").click()
    page.wait_for_url("**/tags/#tag:alumni")

    listed = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('article h2[id^="tag:"]')]
            .map(h => [h.id.slice(4), [...h.nextElementSibling.querySelectorAll('a')]
            .map(a => a.textContent.trim())]))"""
    )
    assert {tag: set(names) for tag, names in listed.items()} == expected


def column(page, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(f".pb-sortable tbody tr td:nth-child({index})").all_inner_texts()


def test_contacts_table_sorts_by_status_in_pipeline_order_and_by_next_conversation(
    page, example_url: str
) -> None:
    page.goto(example_url + "contacts/")
    headers = page.locator(".pb-sortable thead th")
    assert headers.locator("button").count() == headers.count() == 5
    status, when = headers.nth(3), headers.nth(4)
    assert status.get_attribute("aria-sort") is None

    status.get_by_role("button", name="Status").click()
    assert status.get_attribute("aria-sort") == "ascending"
    statuses = column(page, 4)
    assert statuses == sorted(statuses, key=STATUSES.index)
    assert statuses != sorted(statuses)  # pipeline order, not the alphabet
    status.get_by_role("button").click()
    assert status.get_attribute("aria-sort") == "descending"
    assert column(page, 4) == sorted(statuses, key=STATUSES.index, reverse=True)

    # From the keyboard: focus the heading's button, press Enter.
    when.get_by_role("button", name="Next conversation").focus()
    page.keyboard.press("Enter")
    assert when.get_attribute("aria-sort") == "ascending"
    assert status.get_attribute("aria-sort") is None
    stamps = page.locator(".pb-sortable tbody tr td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.querySelector('time')?.getAttribute('datetime') ?? '')"
    )
    booked = [datetime.fromisoformat(stamp) for stamp in stamps if stamp]
    assert len(booked) >= 2
    assert booked == sorted(booked)
    # Contacts with nothing booked come after every booked one.
    assert stamps == [*stamps[: len(booked)], *[""] * (len(stamps) - len(booked))]
    names = column(page, 1)
    assert names[0] == "Nina Patel"


def test_contacts_table_filters_by_words_and_status_and_keeps_both_in_the_address(
    page, example_url: str
) -> None:
    page.goto(example_url + "contacts/")
    rows = page.locator(".pb-sortable tbody tr:not([hidden])")
    assert rows.count() == 12
    page.get_by_label("Filter", exact=True).fill("brightside")
    page.wait_for_function("() => location.search === '?q=brightside'")
    assert sorted(column_of(rows, 1)) == ["Dana Ruiz", "Mark Cho"]
    assert page.locator(".pb-filter-count").inner_text() == "2 of 12 people"
    page.get_by_label("Status").select_option("scheduled")
    assert column_of(rows, 1) == ["Dana Ruiz"]
    # Words match regardless of case and accents, and every word must be found.
    page.get_by_label("Filter", exact=True).fill("")
    page.get_by_label("Status").select_option("")
    page.get_by_label("Filter", exact=True).fill("MARK  agency")
    page.wait_for_function("() => location.search.includes('MARK')")
    assert column_of(rows, 1) == ["Mark Cho"]
    # A link with a status filters the table as it opens (the pipeline board links like this).
    page.goto(example_url + "contacts/?status=thanked")
    assert page.get_by_label("Status").input_value() == "thanked"
    assert set(column_of(rows, 4)) == {"thanked"}
    assert rows.count() == 2


def column_of(rows, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [text.strip() for text in rows.locator(f"td:nth-child({index})").all_inner_texts()]
