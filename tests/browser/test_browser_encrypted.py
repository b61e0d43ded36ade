"""The encrypted playbook in Chromium, as its owner uses it: `make publish-private` of the example,
served under /playbook/ like a GitHub Pages project site.

Unlocked once per tab's session; then navigation, search, the palette toggle, copy buttons and
printing work as on the private site. A wrong passphrase shows a message and nothing else; a file
changed after the build shows that, never garbage. No request goes to any other host.
"""

from __future__ import annotations

import io
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from helpers.browser import PHONE, artifact, own_host_tab, serve
from helpers.hosting import Published
from helpers.project import make_project, mkdocs_build
from helpers.sealed import ENCRYPTED, PASSPHRASE, SEALED_IN_PAGE, address

WRONG = "lobby coffee ten minutes late"
STORED = "interview-playbook.key:/playbook/"
CHANGED = "This page was changed after it was built"


@pytest.fixture
def tab(browser, published_private: Published) -> Iterator:  # type: ignore[no-untyped-def]
    """A fresh browser session (its own sessionStorage) asking no other host anything."""
    with own_host_tab(browser, published_private.base) as page:
        yield page


def unlock(page, passphrase: str = PASSPHRASE) -> None:  # type: ignore[no-untyped-def]
    page.locator("#pb-passphrase").fill(passphrase)
    page.locator("#pb-passphrase").press("Enter")


def heading(page) -> str:  # type: ignore[no-untyped-def]
    page.locator("article h1").wait_for()
    return page.locator("article h1").inner_text().replace("¶", "").strip()


def open_dana(page, published: Published) -> None:  # type: ignore[no-untyped-def]
    """Dashboard → Contacts tab → Dana Ruiz, the way the owner goes."""
    page.locator(".md-tabs__link", has_text="Contacts").click()
    assert heading(page) == "Contacts"
    page.locator("article a", has_text="Dana Ruiz").first.click()
    assert heading(page) == "Dana Ruiz"
    sheet = address(published.repo, "contacts/dana-ruiz.md")
    assert page.url == published.base + sheet and "dana" not in page.url


def test_a_wrong_passphrase_shows_a_clear_message_and_nothing_else(
    tab, published_private: Published
) -> None:
    tab.goto(published_private.base)
    assert tab.title() == "Interview Playbook"
    unlock(tab, WRONG)
    status = tab.locator("#pb-lock-status")
    status.filter(has_text="That passphrase does not open this playbook").wait_for()
    assert tab.locator("article").count() == 0
    shown = tab.locator("body").inner_text()
    assert "Sarah Lee" not in shown and "Dana Ruiz" not in shown
    assert "Sarah Lee" not in tab.content()  # nor anywhere in the page (it is sealed)
    assert tab.evaluate("sessionStorage.length") == 0
    tab.screenshot(path=artifact("encrypted-wrong-passphrase-desktop.png"))


def test_the_passphrase_opens_dana_ruizs_prep_sheet_and_the_session_keeps_it(
    tab, published_private: Published
) -> None:
    tab.goto(published_private.base)
    started = time.perf_counter()
    unlock(tab)
    assert heading(tab) == "Sarah Lee's playbook"
    print(f"unlocked in {time.perf_counter() - started:.2f} s")
    open_dana(tab, published_private)
    assert tab.locator("#question-plan").count() == 1
    assert tab.title() == "Dana Ruiz - Interview Playbook"
    # The derived key is kept for the session, never the passphrase.
    kept = tab.evaluate(f"sessionStorage.getItem({json.dumps(STORED)})")
    assert kept and PASSPHRASE not in kept and set(json.loads(kept)) == {"salt", "key"}
    # A reload, and a page opened by its address, need no passphrase.
    tab.reload()
    assert heading(tab) == "Dana Ruiz"
    tab.goto(published_private.base + address(published_private.repo, "roles/index.md"))
    assert heading(tab) == "Roles"
    assert tab.locator("#pb-passphrase").count() == 0


def test_search_finds_a_contact_by_company(tab, published_private: Published) -> None:
    tab.goto(published_private.base)
    unlock(tab)
    heading(tab)
    # Material's search asks for its index as usual, and gets it opened.
    tab.locator(".md-search__input").click()
    tab.keyboard.type("Brightside")
    dana = address(published_private.repo, "contacts/dana-ruiz.md")
    result = tab.locator(f".md-search-result__item > a[href*='{dana}']").first
    result.wait_for(timeout=10_000)
    assert "Dana Ruiz" in result.inner_text()
    result.click()
    assert heading(tab) == "Dana Ruiz"


def test_the_palette_toggle_and_copy_buttons_work_once_unlocked(
    browser, published_private: Published
) -> None:
    base, repo = published_private.base, published_private.repo
    with own_host_tab(browser, base, viewport=PHONE, color_scheme="light") as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(base)
        unlock(page)
        heading(page)
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "default"
        page.locator("label[title='Switch to dark mode']").click()
        assert page.evaluate(scheme) == "slate"
        # Mark Cho's sheet has messages to copy (EXAMPLE_PAGES["prep-sheet"]).
        page.goto(base + address(repo, "contacts/mark-cho.md"))
        assert heading(page) == "Mark Cho"
        assert page.evaluate(scheme) == "slate", "the choice is kept from page to page"
        # The theme adds a code block's copy button when the block first comes into view.
        page.locator("article pre").first.scroll_into_view_if_needed()
        page.locator("article .md-code__button").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip() and copied in page.locator("article").inner_text()
        page.screenshot(path=artifact("encrypted-prep-sheet-phone.png"), full_page=True)


def test_the_dashboards_calendar_link_saves_the_calendar_decrypted(
    tab, published_private: Published
) -> None:
    tab.goto(published_private.base)
    unlock(tab)
    heading(tab)
    with tab.expect_download() as saving:
        tab.locator("article a[href='calendar.ics']").click()
    download = saving.value
    assert download.suggested_filename == "calendar.ics"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "Dana Ruiz" in text


def test_printing_a_prep_sheet_after_unlocking_gives_the_usual_one_page(
    tab, published_private: Published
) -> None:
    tab.goto(published_private.base)
    unlock(tab)
    heading(tab)
    open_dana(tab, published_private)
    tab.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "Dana Ruiz" in text and "passphrase" not in text


def test_a_page_changed_after_the_build_says_so_and_shows_nothing(
    browser, published_private: Published, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(published_private.site, site)
    dana = address(published_private.repo, "contacts/dana-ruiz.md")
    page_file = site / dana / "index.html"
    html = page_file.read_text()
    envelope = json.loads(SEALED_IN_PAGE.search(html).group(1))
    data = envelope["data"]
    envelope["data"] = data[:100] + ("0" if data[100] != "0" else "1") + data[101:]  # one byte
    page_file.write_text(
        SEALED_IN_PAGE.sub(lambda m: m.group(0).replace(m.group(1), json.dumps(envelope)), html)
    )
    with serve(site, "/playbook/") as base, own_host_tab(browser, base) as page:
        page.goto(base)
        unlock(page)
        assert heading(page) == "Sarah Lee's playbook"  # the other pages open as usual
        page.goto(base + dana)
        page.locator("#pb-lock-status").filter(has_text=CHANGED).wait_for()
        assert page.locator("article").count() == 0
        assert page.locator("#pb-lock-form").is_hidden()
        assert "Dana" not in page.locator("body").inner_text()


def test_a_page_moved_to_another_pages_address_is_refused_as_changed(
    browser, published_private: Published, tmp_path: Path
) -> None:
    """Each page is bound to its address: Dana Ruiz's sheet copied over Grace Liu's does not
    show at Grace Liu's address."""
    site = tmp_path / "site"
    shutil.copytree(published_private.site, site)
    dana = address(published_private.repo, "contacts/dana-ruiz.md")
    grace = address(published_private.repo, "contacts/grace-liu.md")
    shutil.copy(site / dana / "index.html", site / grace / "index.html")
    missing = site / "no" / "such" / "page"  # as a host serves its 404 page there
    missing.mkdir(parents=True)
    shutil.copy(site / "404.html", missing / "index.html")
    with serve(site, "/playbook/") as base, own_host_tab(browser, base) as page:
        page.goto(base)
        unlock(page)
        assert heading(page) == "Sarah Lee's playbook"
        page.goto(base + dana)
        assert heading(page) == "Dana Ruiz"  # at its own address it opens
        page.goto(base + grace)
        page.locator("#pb-lock-status").filter(has_text=CHANGED).wait_for()
        assert page.locator("article").count() == 0
        assert "Dana" not in page.locator("body").inner_text()
        page.goto(base + "no/such/page/")  # the 404 page opens at any address
        assert "404" in heading(page)


def test_after_a_new_passphrase_is_deployed_the_tab_asks_again_and_only_the_new_one_opens(
    browser, published_private: Published, tmp_path: Path
) -> None:
    rotated = "harbour lantern quietly folds"
    served = tmp_path / "served"
    shutil.copytree(published_private.site, served)
    with serve(served, "/playbook/") as base, own_host_tab(browser, base) as page:
        page.goto(base)
        unlock(page)
        assert heading(page) == "Sarah Lee's playbook"
        # Rebuilt with a new passphrase and uploaded over the old site.
        env = {**ENCRYPTED, "PLAYBOOK_PASSPHRASE": rotated}
        rebuilt = mkdocs_build(make_project(tmp_path), env=env)
        shutil.rmtree(served)
        shutil.copytree(rebuilt.site, served)
        page.reload()
        status = page.locator("#pb-lock-status")
        status.filter(has_text="built again since you unlocked it").wait_for()
        unlock(page, PASSPHRASE)
        status.filter(has_text="That passphrase does not open this playbook").wait_for()
        unlock(page, rotated)
        assert heading(page) == "Sarah Lee's playbook"


def test_the_locked_page_is_accessible(tab, published_private: Published) -> None:
    tab.goto(published_private.base)
    tab.locator("#pb-passphrase").wait_for()
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": ["wcag2aa"]}})
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert tab.evaluate("document.activeElement.id") == "pb-passphrase"
