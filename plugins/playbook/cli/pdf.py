"""Prep sheets to PDF: build the site, then print its pages with the operating system's Chromium.

Chromium, driven by Playwright through `executable_path`, because it is the engine the tests
measure the one-page sheets with: what `make test` proves fits on a page is what this prints.
Nothing is downloaded: no `playwright install`, no browser of its own; the pages load from the
built site on disk (file://) and every asset is in it.
"""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from playbook.builder.session import PRINT_ONLY
from playbook.cli.support import SiteAddress, site_address, site_config
from playbook.core.problems import did_you_mean
from playbook.pages.addresses import page_uri

PAPER_FORMATS = {"a4": "A4", "letter": "Letter"}
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = "install it (Debian, Ubuntu: apt-get install chromium) or set PLAYBOOK_CHROMIUM"
# Headless as root on a machine with no network but the local one: no sandbox (root), and no
# background requests (each would be refused, many at a time).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
UPCOMING_PAGE = page_uri("print")
# Page numbers in the bottom margin that print.css leaves free; the title says whose sheet it is.
FOOTER = (
    '<div style="font: 8px sans-serif; color: #444; width: 100%; padding: 0 12mm;'
    ' box-sizing: border-box; display: flex; justify-content: space-between;">'
    '<span class="title"></span>'
    '<span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
)


class PdfError(Exception):
    """Something the user can fix, said in a line or a short report."""


@dataclass(frozen=True)
class Printed:
    path: Path
    pages: int
    title: str


def find_chromium() -> str:
    named = os.environ.get("PLAYBOOK_CHROMIUM")
    for candidate in (named, *CHROMIUM_NAMES) if named else CHROMIUM_NAMES:
        if found := shutil.which(candidate):
            return found
    if named:
        raise PdfError(f"PLAYBOOK_CHROMIUM={named} is not a program that runs; {INSTALL_HINT}")
    raise PdfError(f"No Chromium to print with: {INSTALL_HINT} to its path")


def generator() -> str:
    """The site generator to build with: MkDocs, as the Makefile's `build` and `serve` do, so the
    printed pages come from the cache those builds filled (each generator's pages are its own:
    they name it); ProperDocs, MkDocs' maintained continuation, when MkDocs is not installed."""
    return "mkdocs" if importlib.util.find_spec("mkdocs") else "properdocs"


def build_site(config_file: Path, site_dir: Path, pages: list[str] | None = None) -> None:
    """A real build of the playbook into site_dir, in its own process. `pages`: the source paths
    of the only generated pages to write (the rest of the site is built as usual): each is the
    page a whole build writes, from the same cache (builder/session.py, PRINT_ONLY)."""
    command = [sys.executable, "-m", generator(), "build", "--quiet", "--clean"]
    only = {PRINT_ONLY: ",".join(pages)} if pages is not None else {}
    result = subprocess.run(
        [*command, "--config-file", str(config_file), "--site-dir", str(site_dir)],
        cwd=config_file.parent,
        # Prep sheets exist only in the private profile; a PLAYBOOK_PROFILE=public left in the
        # shell from publishing must not turn the PDF into an empty pack.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_PROFILE": "private", **only},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise PdfError(f"The site did not build:\n{(result.stderr or result.stdout).strip()}")


def pages_to_print(
    site_dir: Path,
    site: SiteAddress,
    contacts: list[str],
    upcoming: bool,
    known_ids: Iterable[str] = (),
) -> list[str]:
    """The pages to print, as source paths (where MkDocs put them is `site.file(uri)`): the
    week's pack first, then each contact asked for. `known_ids`: the contacts there are, for a
    hint when one is not (the site holds only the pages printed)."""
    wanted = [UPCOMING_PAGE] if upcoming else []
    for contact in contacts:
        if not (site_dir / site.file(page_uri("contact", contact))).is_file():
            folder = site_dir / Path(page_uri("contact", "-")).parent  # where the sheets are
            known = {
                p.stem
                for p in folder.glob("*")
                if (site_dir / site.file(page_uri("contact", p.stem))).is_file()
            } | set(known_ids)
            raise PdfError(f"No contact with id {contact!r}: {did_you_mean(contact, known)}")
        wanted.append(page_uri("contact", contact))
    return wanted


def contact_ids(config_file: Path) -> set[str]:
    """The ids of the contacts in the playbook's data folder (their files' names)."""
    plugin = (site_config(config_file).get("plugins") or {}).get("playbook")
    data = Path(plugin.config.data_dir) if plugin else config_file.parent / "data"
    return {path.stem for path in (data / "contacts").glob("*.yml")}


def make_pdf(
    config_file: Path,
    output: Path,
    *,
    contacts: list[str],
    upcoming: bool,
    paper: str,
    progress: Callable[[str], None] = lambda step: None,
) -> Printed:
    """Build the site, print the pages asked for on `paper`, and write one PDF to `output`.

    `progress` is told each step as it starts: building the site takes most of the time."""
    executable = find_chromium()
    try:
        import playwright.sync_api  # noqa: F401 - prints the pages
        import pypdf  # noqa: F401 - joins the pages at the end; say it is missing before printing
    except ImportError as error:
        raise PdfError(
            f"playbook pdf needs {error.name}, which is not installed: "
            "pip install 'interview-playbook[pdf]' (make serve and make test install it)"
        ) from None
    with tempfile.TemporaryDirectory(prefix="playbook-pdf-") as temp:
        site = Path(temp) / "site"
        progress("Building the site...")
        wanted = [UPCOMING_PAGE] if upcoming else []
        wanted += [page_uri("contact", contact) for contact in contacts]
        # Only the printed pages: the rest of a build's pages would be written for nothing.
        build_site(config_file.resolve(), site, wanted)
        address = site_address(config_file)
        uris = pages_to_print(site, address, contacts, upcoming, contact_ids(config_file))
        parts, titles = _print(executable, site, address, uris, paper, progress)
    title = f"{titles[0]}: prep sheet" if contacts and len(titles) == 1 else "; ".join(titles)
    progress(f"Writing {output}...")
    pages = write_pdf(parts, title, output)
    return Printed(output, pages, title)


def _print(
    executable: str,
    site: Path,
    address: SiteAddress,
    uris: list[str],
    paper: str,
    progress: Callable[[str], None],
) -> tuple[list[bytes], list[str]]:
    """Each page printed on `paper` by Chromium, and its title."""
    from playwright.sync_api import sync_playwright

    parts: list[bytes] = []
    titles: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            page = browser.new_page()
            page.emulate_media(media="print")  # what is read off the page is what prints
            for number, uri in enumerate(uris, start=1):
                progress(f"Printing {address.path(uri)} ({number} of {len(uris)})...")
                page.goto((site / address.file(uri)).as_uri(), wait_until="load")
                if uri == UPCOMING_PAGE and page.locator(".pb-sheet").count() == 0:
                    empty = page.locator("article p").first.inner_text()
                    raise PdfError(f"Nothing to print: {empty}")
                titles.append(page.locator("article h1").first.inner_text())
                parts.append(
                    page.pdf(
                        format=PAPER_FORMATS[paper],
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=FOOTER,
                    )
                )
        finally:
            browser.close()
    return parts, titles


def write_pdf(parts: list[bytes], title: str, output: Path) -> int:
    """Join the printed parts into one file titled `title`; the number of pages."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    writer.add_metadata({"/Title": title, "/Creator": "Interview Playbook"})
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as file:
        writer.write(file)
    return len(writer.pages)
