"""Printing, measured with a real engine: Chromium prints the built site to PDF, pypdf reads it.

A prep sheet must fit one A4 and one Letter page, carry what a person needs in the conversation,
and print black on white without the site's furniture; the packs put each sheet on its own page;
`playbook pdf` makes the week's pack in one command.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from helpers.browser import artifact, require_chromium, serve
from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, PM_DATA, TODAY, Built, make_project, mkdocs_build
from helpers.terminal import playbook_on_terminal, playbook_piped
from playbook.cli.pdf import PdfError, pages_to_print
from playbook.cli.support import SiteAddress
from playbook.logic import schedule
from playbook.pages.catalogue import still_open
from playbook.pages.paper import box_height, sheet_height

MM = 72 / 25.4  # PDF points per millimetre
# A Letter page's width between print.css's margins (215.9 mm - 2 × 12 mm), in CSS pixels: a
# page printed to PDF is laid out at this width.
LETTER_WIDTH = {"width": round((215.9 - 24) / 25.4 * 96), "height": 1000}


def flat(text: str) -> str:
    """PDF text with line wrapping undone, to look for a sentence wherever it wraps."""
    return " ".join(text.split())


def pdf_of(page, paper: str) -> PdfReader:  # type: ignore[no-untyped-def]
    return PdfReader(io.BytesIO(page.pdf(format=paper)))


@pytest.fixture(scope="module")
def print_page(browser, example_site: Built):  # type: ignore[no-untyped-def]
    """A page of the served example site, in print media like page.pdf uses; yields (page, base)."""
    with serve(example_site.site) as base:
        page = browser.new_page()
        page.emulate_media(media="print")
        yield page, base
        page.close()


def test_every_prep_sheet_fits_one_a4_page_and_one_letter_page(print_page) -> None:  # type: ignore[no-untyped-def]
    page, base = print_page
    pb = playbook_of(EXAMPLE_DATA)
    eligible = [c for c in pb.contacts.values() if len(pb.plan(c).questions) <= 12]
    measured = {}
    for contact in eligible:
        plan = pb.plan(contact)
        page.goto(f"{base}contacts/{contact.id}/")
        for paper in ("A4", "Letter"):
            pdf = pdf_of(page, paper)
            measured[contact.id, paper] = len(pdf.pages)
            text = flat(pdf.pages[0].extract_text())
            # Who, the first question to ask and the closing one are on paper.
            assert contact.name in text
            assert flat(plan.questions[0].text) in text
            assert plan.questions[-1].reason == "closing"
            assert flat(plan.questions[-1].text) in text
            # Email and LinkedIn print as addresses someone can type.
            # (a long one may wrap at a hyphen, hence the spaces taken out)
            for address in (contact.links.email, contact.links.linkedin):
                assert address is None or address in text.replace(" ", "")
    assert eligible and len(measured) == 2 * len(eligible)
    assert {key: n for key, n in measured.items() if n != 1} == {}


# The printable area of each paper (@page margins 10 mm top, 12 mm sides and bottom), in CSS px.
PX = 96 / 25.4
PRINTED_AREA = {
    "A4": (round((210 - 24) * PX), round((297 - 22) * PX)),
    "Letter": (round((215.9 - 24) * PX), round((279.4 - 22) * PX)),
}


def test_the_notes_box_fills_the_rest_of_the_page_on_every_sheet(print_page) -> None:  # type: ignore[no-untyped-def]
    page, base = print_page
    pb = playbook_of(EXAMPLE_DATA)
    heights = {}
    for paper, (width, height) in PRINTED_AREA.items():
        # In print, 100vh is the printed area: a window of its size lays the sheet out as paper.
        page.set_viewport_size({"width": width, "height": height})
        for contact in pb.contacts.values():
            page.goto(f"{base}contacts/{contact.id}/")
            box = page.locator(".pb-notes-area").bounding_box()
            assert box is not None
            assert height - 6 <= box["y"] + box["height"] <= height, (contact.id, paper, box)
            heights[contact.id, paper] = box["height"] / PX
    assert min(heights.values()) > 19.9  # mm: room to write, even under the longest sheet
    # A short sheet leaves much more than the old fixed 35 mm, and A4 more than Letter.
    assert heights["tom-becker", "A4"] > heights["tom-becker", "Letter"] > 60

    # The README's picture of a printed sheet: the printed area of A4, on the paper's white.
    width, height = PRINTED_AREA["A4"]
    page.set_viewport_size({"width": round(210 * PX), "height": round(297 * PX)})
    page.set_content(
        f'<body style="margin: 0; padding: {round(10 * PX)}px {round(12 * PX)}px">'
        f'<iframe src="{base}contacts/dana-ruiz/" title="Prep sheet" '
        f'style="border: 0; width: {width}px; height: {height}px"></iframe></body>'
    )
    sheet = page.frame_locator("iframe").locator(".pb-notes-area")
    sheet.wait_for()
    assert sheet.bounding_box()["height"] > 40 * PX  # the frame prints as paper does
    page.screenshot(path=artifact("readme-printed-prep-sheet.png"))


# A contact with everything a sheet can show, and a plan of twelve questions (39 minutes).
TWELVE_QUESTIONS = """\
name: Alexandra Konstantinopoulou-Whitfield
title: Vice President, Brand Strategy and Consumer Insights
company: Northwind Foods
roles: [brand-marketing, content-marketing]
source: alumni
introduced_by: dana-ruiz
school: Lakeside University
links:
  linkedin: https://www.linkedin.com/in/alexandra-konstantinopoulou-whitfield-example
  email: alexandra.konstantinopoulou-whitfield@example.com
  phone: "+1 555 0199"
  website: https://example.com/alexandra-konstantinopoulou-whitfield
status: scheduled
interview:
  when: 2026-12-03T10:00:00-06:00
  minutes: 39
  medium: office
  where: Northwind Foods headquarters, 200 N LaSalle St, 12th floor, ask at the front desk
research: |
  Joined Northwind Foods in 2015 as a brand manager on the frozen line, then built the consumer
  insights team from two people to twenty. Leads brand strategy for every Northwind line since
  2023; spoke at the Midwest Marketing Summit about testing packaging with shoppers.
questions:
  pick: [typical-day, path-in]
  extra:
    - What surprised you most in your first year at Northwind?
    - How do the brand and insights teams share work here?
    - Which project would you point a newcomer to first?
referrals: ["Hannah Wu, Tidewell Beverages", "Jamie Park, Northwind Foods"]
notes: |
  - Insights and brand plan the year together in one room.
  - Suggested reading the last three annual reports before applying.
tags: [in-house, cpg, alumni]
"""


def test_a_twelve_question_plan_fits_one_a4_and_one_letter_page(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path, copy_data=True)
    path = project / "data" / "contacts" / "alexandra-whitfield.yml"
    path.write_text(TWELVE_QUESTIONS, encoding="utf-8")
    built = mkdocs_build(project, "--strict")
    pb = playbook_of(project / "data")
    plan = pb.plan(pb.contacts["alexandra-whitfield"])
    assert len(plan.questions) == 12
    with serve(built.site) as base:
        page = browser.new_page()
        page.emulate_media(media="print")
        page.goto(f"{base}contacts/alexandra-whitfield/")
        for paper in ("A4", "Letter"):
            pdf = pdf_of(page, paper)
            text = flat(pdf.pages[0].extract_text())
            assert len(pdf.pages) == 1, paper
            assert "Konstantinopoulou" in text
            assert flat(plan.questions[-1].text) in text
            assert "ends at 0:39 (10:39)" in text  # the agenda's last line
        artifact("print-twelve-questions-letter.pdf").write_bytes(page.pdf(format="Letter"))
        page.close()


def test_the_still_open_box_prints_only_where_the_sheet_has_room(print_page) -> None:  # type: ignore[no-untyped-def]
    """Jamie's sheet has room: the gaps nobody spoke to are on paper. Dana's is full: the box
    stays on screen. Either way, one page (paper.py decides, from an estimate)."""
    page, base = print_page
    for cid, on_paper in (("jamie-park", True), ("dana-ruiz", False)):
        page.goto(f"{base}contacts/{cid}/")
        for paper_size in ("A4", "Letter"):
            pdf = pdf_of(page, paper_size)
            text = flat(pdf.pages[0].extract_text())
            assert len(pdf.pages) == 1, (cid, paper_size)
            assert ("Still open for this role" in text) is on_paper, (cid, paper_size)
            assert ("Budget and media planning" in text) is on_paper, (cid, paper_size)


@pytest.fixture(scope="module")
def pm_print_page(browser, tmp_path_factory):  # type: ignore[no-untyped-def]
    built = mkdocs_build(make_project(tmp_path_factory.mktemp("pm-print"), PM_DATA), "--strict")
    with serve(built.site) as base:
        page = browser.new_page(viewport=LETTER_WIDTH)
        page.emulate_media(media="print")
        yield page, base
        page.close()


def test_the_estimate_of_a_printed_sheet_is_never_short_of_its_height(
    print_page, pm_print_page
) -> None:  # type: ignore[no-untyped-def]
    """paper.py guesses a sheet's height to decide whether the box fits; a guess below the real
    height could push a sheet onto a second page. Measured at Letter width, in print media."""
    short = {}
    for (page, base), data in ((print_page, EXAMPLE_DATA), (pm_print_page, PM_DATA)):
        page.set_viewport_size(LETTER_WIDTH)
        pb = playbook_of(data)
        for contact in pb.contacts.values():
            page.goto(f"{base}contacts/{contact.id}/")
            sheet, box = page.evaluate(
                """() => {
                  // The sheet as tall as its content: the notes box at its least, not stretched
                  // to the bottom of the page.
                  document.querySelector('.pb-prep').style.minHeight = '0';
                  const article = document.querySelector('article').getBoundingClientRect();
                  const box = document.querySelector('.pb-still-open');
                  if (!box || getComputedStyle(box).display === 'none') return [article.height, 0];
                  const style = getComputedStyle(box);
                  const margins = parseFloat(style.marginTop) + parseFloat(style.marginBottom);
                  const height = box.getBoundingClientRect().height + margins;
                  return [article.height - height, height];
                }"""
            )
            estimate = sheet_height(pb, contact)
            if estimate < sheet:
                short[contact.id] = (estimate, sheet)
            if box:
                assert box_height(still_open(pb, contact)) >= box, contact.id
    assert short == {}


def test_print_is_black_on_white_without_screen_furniture_even_in_dark_mode(
    browser, example_site: Built
) -> None:  # type: ignore[no-untyped-def]
    with serve(example_site.site) as base:
        page = browser.new_page(color_scheme="dark", viewport={"width": 800, "height": 1100})
        page.goto(f"{base}contacts/dana-ruiz/")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        screen_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.emulate_media(media="print")
        style = page.evaluate(
            """() => {
              const css = (selector, pseudo) =>
                getComputedStyle(document.querySelector(selector), pseudo || null);
              return {
                background: css("body").backgroundColor,
                text: css(".pb-prose p").color,
                heading: css("article h2").color,
                box: css(".pb-stage-during .task-list-control", "::before").borderTopStyle,
                // a question, a checklist, a table row never splits; headings keep company
                unbroken: ["article ol li", ".pb-checklist", "article tr"].map(
                  (s) => css(s).breakInside),
                keep_with_next: ["article h2", "article h3"].map((s) => css(s).breakAfter),
              };
            }"""
        )
        for hidden in (
            ".md-header",
            ".md-tabs",
            ".md-sidebar--primary",
            ".md-footer",
            ".md-search",
            ".md-tags",
            ".headerlink",
            ".md-clipboard",
            "article h3:text-is('Backup questions')",
            "article h3:text-is('Before the conversation')",
            "article h3:text-is('After the conversation')",
            "article h2:text-is('Messages')",
            "article h2:text-is('Log')",
        ):
            assert page.locator(hidden).first.is_hidden(), hidden
        for shown in ("article h3:text-is('During the conversation')", ".pb-notes-area"):
            assert page.locator(shown).first.is_visible(), shown
        # Checklist items print as empty boxes to tick by hand, not as Material's icons.
        assert page.locator(".pb-stage-during input[type=checkbox]").first.is_hidden()
        notes_area = page.locator(".pb-notes-area").bounding_box()
        assert notes_area is not None and notes_area["height"] > 30 * 96 / 25.4  # > 30 mm
        page.screenshot(path=artifact("print-prep-sheet-dana-ruiz-dark.png"), full_page=True)
        page.close()
    assert screen_background != "rgb(255, 255, 255)"  # the dark scheme really was on
    assert style == {
        "background": "rgb(255, 255, 255)",
        "text": "rgb(0, 0, 0)",
        "heading": "rgb(0, 0, 0)",
        "box": "solid",
        "unbroken": ["avoid", "avoid", "avoid"],
        "keep_with_next": ["avoid", "avoid"],
    }


def test_the_pack_puts_a_cover_then_each_conversation_on_a_page_of_its_own(
    print_page,
) -> None:  # type: ignore[no-untyped-def]
    page, base = print_page
    pb = playbook_of(EXAMPLE_DATA)
    for uri, conversations in (("print/upcoming/", schedule.upcoming(pb, days=7)),):
        assert conversations, uri
        page.goto(base + uri)
        ids = page.eval_on_selector_all("[id]", "elements => elements.map(e => e.id)")
        assert len(ids) == len(set(ids)), f"{uri}: duplicate ids"
        pdf = pdf_of(page, "A4")
        names = [c.contact.name for c in conversations]
        assert len(pdf.pages) == 1 + len(names), uri
        cover = flat(pdf.pages[0].extract_text())
        # The cover lists them by time; then sheet n is page n + 1 and starts with the name.
        assert [cover.index(name) for name in names] == sorted(cover.index(n) for n in names)
        sheets = [flat(p.extract_text()) for p in pdf.pages[1:]]
        for name, sheet in zip(names, sheets, strict=True):
            assert sheet.startswith(name), (uri, name, sheet[:40])
    artifact("print-pack-upcoming.pdf").write_bytes(page.pdf(format="A4"))  # for a person


def test_playbook_pdf_makes_the_weeks_pack_in_one_command(tmp_path: Path) -> None:
    require_chromium()
    project = make_project(tmp_path)
    # Left over in the shell from `make publish`: prep sheets are private, the PDF still has them.
    result = playbook_piped(project, "pdf", "--upcoming", env={"PLAYBOOK_PROFILE": "public"})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress lines when nobody watches
    pdf = PdfReader(project / "prep-sheets-upcoming.pdf")
    upcoming = schedule.upcoming(playbook_of(EXAMPLE_DATA), days=7)
    assert len(pdf.pages) == 1 + len(upcoming)
    assert pdf.metadata is not None and "Prep sheets" in pdf.metadata.title
    text = flat(" ".join(p.extract_text() for p in pdf.pages))
    assert all(c.contact.name in text for c in upcoming)
    assert f"page {len(pdf.pages)} of {len(pdf.pages)}" in text  # numbered pages
    assert round(float(pdf.pages[0].mediabox.height) / MM) == 297  # A4 by default


def test_playbook_pdf_prints_one_contact_on_letter_titled_with_their_name(
    tmp_path: Path,
) -> None:
    require_chromium()
    project = make_project(tmp_path)
    out = tmp_path / "out" / "dana.pdf"
    # On a terminal, one line per step: the build takes most of the time.
    shown = playbook_on_terminal(
        project, "pdf", "--contact", "dana-ruiz", "--paper", "letter", "-o", out
    )
    steps = ["Building the site...", "Printing contacts/dana-ruiz/ (1 of 1)...", f"Writing {out}"]
    assert [shown.index(step) for step in steps] == sorted(shown.index(step) for step in steps)
    pdf = PdfReader(out)
    assert len(pdf.pages) == 1
    assert pdf.metadata is not None and "Dana Ruiz" in pdf.metadata.title
    assert (
        round(float(pdf.pages[0].mediabox.width)),
        round(float(pdf.pages[0].mediabox.height)),
    ) == (612, 792)
    assert "Dana Ruiz" in pdf.pages[0].extract_text()


def test_playbook_pdf_without_chromium_says_how_to_install_it(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    env = {"PATH": str(tmp_path / "empty-path"), "PLAYBOOK_CHROMIUM": ""}
    result = playbook_piped(project, "pdf", "--upcoming", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0, result.stderr  # one line, no traceback
    assert "apt-get install chromium" in result.stderr
    assert not (project / "prep-sheets-upcoming.pdf").exists()


def test_playbook_pdf_of_a_playbook_that_does_not_build_names_the_problem(
    tmp_path: Path,
) -> None:
    """The build runs in a process of its own: what stopped it still reaches the user, as the
    one report `mkdocs build` gives, and no PDF is written."""
    require_chromium()
    project = make_project(tmp_path, copy_data=True)
    (project / "data" / "contacts" / "zz-broken.yml").write_text(
        "name: Zed Broken\ntitle: [unclosed\n", encoding="utf-8"
    )
    result = playbook_piped(project, "pdf", "--contact", "dana-ruiz")
    assert result.returncode == 1
    assert "The site did not build" in result.stderr
    assert "data/contacts/zz-broken.yml:3:1" in result.stderr
    assert "Traceback" not in result.stderr and "Aborted" not in result.stderr
    assert not (project / "dana-ruiz.pdf").exists()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_an_unknown_contact_id_is_named_with_the_closest_one(
    tmp_path: Path, directory_urls: bool
) -> None:
    site, address = tmp_path / "site", SiteAddress("/", directory_urls)
    page = site / address.file("contacts/dana-ruiz.md")
    page.parent.mkdir(parents=True)
    page.write_text("<h1>Dana Ruiz</h1>")
    assert pages_to_print(site, address, ["dana-ruiz"], upcoming=True) == [
        "print/upcoming.md",
        "contacts/dana-ruiz.md",
    ]
    with pytest.raises(PdfError, match='did you mean "dana-ruiz"'):
        pages_to_print(site, address, ["dana-ruis"], upcoming=False)


def test_playbook_pdf_finds_the_sheets_where_mkdocs_put_them_without_directory_urls(
    tmp_path: Path,
) -> None:
    """Material's offline plugin and many users set use_directory_urls: false."""
    require_chromium()
    project = make_project(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["use_directory_urls"] = False
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = playbook_piped(project, "pdf", "--contact", "dana-ruiz", "--upcoming")
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(project / "prep-sheets.pdf")
    upcoming = schedule.upcoming(playbook_of(EXAMPLE_DATA), days=7)
    assert len(pdf.pages) == 1 + len(upcoming) + 1
    assert "Dana Ruiz" in flat(pdf.pages[-1].extract_text())


BLOCK_PLAYWRIGHT = """
import sys


class NotInstalled:
    # As if `pip install interview-playbook` had been run without the [pdf] extra.
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "playwright":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, NotInstalled())
from playbook.cli.commands import main
main()
"""


def test_playbook_pdf_without_the_pdf_extra_says_what_to_install(tmp_path: Path) -> None:
    require_chromium()
    project = make_project(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_PLAYWRIGHT, "pdf", "--contact", "dana-ruiz"],
        cwd=project,
        env={**os.environ, "PLAYBOOK_TODAY": TODAY.isoformat()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "playbook pdf needs playwright, which is not installed" in result.stderr
    assert "pip install 'interview-playbook[pdf]'" in result.stderr
    assert "Traceback" not in result.stderr
