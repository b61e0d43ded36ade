"""Prep sheets to PDF: build the site, then print its pages with the operating system's Chromium.

Chromium, driven by Playwright through `executable_path`, because it is the engine the tests
measure the one-page sheets with: what `make test` proves fits on a page is what this prints.
Nothing is downloaded: no `playwright install`, no browser of its own; the pages load from the
built site on disk (file://) and every asset is in it.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import logging
import multiprocessing
import os
import queue
import shutil
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playbook.builder.session import PRINT_ONLY
from playbook.cli.support import SiteAddress, site_address, site_config
from playbook.core import words
from playbook.core.problems import did_you_mean
from playbook.pages.addresses import page_uri

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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
    """A real build of the playbook into site_dir, as `mkdocs build --clean` makes it. `pages`:
    the source paths of the only generated pages to write (the rest of the site is built as
    usual): each is the page a whole build writes, from the same cache (builder/session.py,
    PRINT_ONLY)."""
    SiteBuild(config_file, site_dir, pages).wait()


class SiteBuild:
    """build_site, under way while this process does something else (starts Chromium).

    In a process forked from this one where the system can fork: it has MkDocs, the theme and
    the plugin imported already (a new Python would import them again, half a second), and it
    ends without freeing the build's memory piece by piece (a third of a second). Elsewhere, in
    this process, when waited for."""

    def __init__(self, config_file: Path, site_dir: Path, pages: list[str] | None) -> None:
        self.asked = (config_file, site_dir, pages)
        self.process: multiprocessing.process.BaseProcess | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.said, send = context.Pipe(duplex=False)
            self.process = context.Process(target=_build_and_say, args=(send, *self.asked))
            self.process.start()
            send.close()  # the child's end: the parent sees it closed when the child ends

    def wait(self) -> None:
        """The site built; PdfError saying why not."""
        if self.process is None:
            _build(*self.asked)
            return
        try:
            report: str | None = self.said.recv()
        except EOFError:  # it ended without a word: killed, or out of memory
            report = None
        self.process.join()
        if report is None:
            report = f"The site did not build: the build ended with code {self.process.exitcode}"
        if report:
            raise PdfError(report)

    def stop(self) -> None:
        """Interrupted: the build, if it runs, is stopped."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _build_and_say(send: Connection, *asked: Any) -> None:
    """In the forked process: build, and say how it went ("" when it went well)."""
    try:
        _build(*asked)
    except PdfError as error:
        send.send(str(error))
    except BaseException:  # a defect: its traceback is what a report of it needs
        send.send(f"The site did not build:\n{traceback.format_exc()}")
    else:
        send.send("")


def _build(config_file: Path, site_dir: Path, pages: list[str] | None) -> None:
    """The build itself. What it changes in the process is put back after it (the environment,
    the active language, MkDocs' log), since without fork it runs in the command's own."""
    name = generator()
    load_config = importlib.import_module(f"{name}.config").load_config
    build = importlib.import_module(f"{name}.commands.build").build
    failed = importlib.import_module(f"{name}.exceptions").MkDocsException
    only = {PRINT_ONLY: ",".join(pages)} if pages is not None else {}
    # Prep sheets exist only in the private profile; a PLAYBOOK_PROFILE=public left in the
    # shell from publishing must not turn the PDF into an empty pack.
    environment = {"NO_MKDOCS_2_WARNING": "1", "PLAYBOOK_PROFILE": "private", **only}
    language = words.active().asked
    with _environment(environment), _log_of(name) as said:
        try:
            config = load_config(str(config_file), site_dir=str(site_dir))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except failed as error:
            # What went wrong is in the log; MkDocs' own line ("Aborted with a BuildError!")
            # says only that something did.
            report = "\n".join(said) or str(error.format_message())
            raise PdfError(f"The site did not build:\n{report}") from None
        finally:
            words.use(language)


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    before = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextlib.contextmanager
def _log_of(name: str) -> Iterator[list[str]]:
    """The generator's warnings and errors, kept to be shown if the build fails (`mkdocs build
    --quiet` shows none when it works)."""
    said: list[str] = []
    logger = logging.getLogger(name)
    handler = _Keep(said)
    handler.setLevel(logging.WARNING)
    propagate, level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield said
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = propagate, level


class _Keep(logging.Handler):
    def __init__(self, said: list[str]) -> None:
        super().__init__()
        self.said = said

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append(f"{record.levelname}: {record.getMessage()}")


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
    wanted = [UPCOMING_PAGE] if upcoming else []
    wanted += [page_uri("contact", contact) for contact in contacts]
    with tempfile.TemporaryDirectory(prefix="playbook-pdf-") as temp:
        site = Path(temp) / "site"
        progress("Building the site...")
        # Only the printed pages: the rest of a build's pages would be written for nothing.
        building = SiteBuild(config_file.resolve(), site, wanted)
        try:
            _check_installed()
            printer = Printer(executable, paper, progress)  # Chromium starts as the site builds
            try:
                address, known = site_address(config_file), contact_ids(config_file)
                building.wait()
                uris = pages_to_print(site, address, contacts, upcoming, known)
                parts, titles = printer.print(site, address, uris)
                single = contacts and len(titles) == 1
                title = f"{titles[0]}: prep sheet" if single else "; ".join(titles)
                progress(f"Writing {output}...")
                pages = write_pdf(parts, title, output)  # as Chromium closes
            finally:
                printer.close()
        finally:
            building.stop()
    return Printed(output, pages, title)


def _check_installed() -> None:
    """PdfError when what prints the pages is not installed (said before printing)."""
    try:
        import playwright.sync_api  # noqa: F401 - prints the pages
        import pypdf  # noqa: F401 - joins the pages at the end
    except ImportError as error:
        raise PdfError(
            f"playbook pdf needs {error.name}, which is not installed: "
            "pip install 'interview-playbook[pdf]' (make serve and make test install it)"
        ) from None


class Printer:
    """Chromium in a thread of its own: it starts while the site builds (each takes about a
    second, and neither needs the other), then prints the pages it is given. Playwright's sync
    API is used only from the thread that started it."""

    def __init__(self, executable: str, paper: str, progress: Callable[[str], None]) -> None:
        self._asked: queue.Queue[tuple[Path, SiteAddress, list[str]] | None] = queue.Queue(1)
        self._done: queue.Queue[tuple[list[bytes], list[str]] | BaseException] = queue.Queue()
        self._thread = threading.Thread(
            target=self._run, args=(executable, paper, progress), daemon=True
        )
        self._thread.start()

    def print(
        self, site: Path, address: SiteAddress, uris: list[str]
    ) -> tuple[list[bytes], list[str]]:
        """Each page printed, and its title."""
        self._asked.put((site, address, uris))
        done = self._done.get()
        if isinstance(done, BaseException):
            raise done
        return done

    def close(self) -> None:
        """Chromium closed (when the build failed: without printing)."""
        with contextlib.suppress(queue.Full):
            self._asked.put_nowait(None)
        self._thread.join()

    def _run(self, executable: str, paper: str, progress: Callable[[str], None]) -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=executable, headless=True, args=CHROMIUM_FLAGS
                )
                try:
                    asked = self._asked.get()
                    if asked is not None:
                        self._done.put(_print(browser, *asked, paper, progress))
                finally:
                    browser.close()
        except BaseException as error:  # raised where the pages were asked for
            self._done.put(error)


def _print(
    browser: Browser,
    site: Path,
    address: SiteAddress,
    uris: list[str],
    paper: str,
    progress: Callable[[str], None],
) -> tuple[list[bytes], list[str]]:
    """Each page printed on `paper` by Chromium, and its title."""
    parts: list[bytes] = []
    titles: list[str] = []
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
