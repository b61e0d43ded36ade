"""One browser harness for every browser test: Debian's Chromium driven by Playwright, and the
built site served over real HTTP on 127.0.0.1.

Nothing is downloaded: Playwright starts the operating system's Chromium through
`executable_path`. Without Chromium the tests skip with the reason, except where
PLAYBOOK_REQUIRE_BROWSER=1 (CI sets it), where they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from playbook.cli.pdf import CHROMIUM_FLAGS, PdfError, find_chromium

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def chromium_path() -> str | None:
    """The same Chromium `playbook pdf` would use, or None."""
    try:
        return find_chromium()
    except PdfError:
        return None


def require_chromium() -> str:
    """The Chromium binary, or skip (fail when PLAYBOOK_REQUIRE_BROWSER=1) saying how to get it."""
    path = chromium_path()
    if path is None:
        reason = (
            "Chromium not found: install Debian's `chromium` package (apt-get install chromium)"
        )
        if os.environ.get("PLAYBOOK_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _PrefixHandler(_QuietHandler):
    """Serves the site under a sub-path, the way GitHub Pages serves a project site."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])


@contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `site` on 127.0.0.1 on a free port; yields the base URL (ending in the prefix)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (_PrefixHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


# One page of each kind in the example site (built by the `example_site` fixture), by URL path.
EXAMPLE_PAGES = {
    "dashboard": "",
    "today": "today/",
    "pipeline": "pipeline/",
    "contacts": "contacts/",
    "prep-sheet": "contacts/mark-cho/",  # messages, referrals, an introduction: every section
    "role": "roles/brand-marketing/",  # what people told you: priorities, lines to add
    "learned": "learned/",
    "leads": "leads/",
    "question-bank": "questions/tiara/",
    "template": "templates/thank-you/",
    "checklists": "checklists/",
    "guide": "guide/prepare/",
    "tags": "tags/",
    "print-pack": "print/upcoming/",
}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """A headless Chromium for the whole test session."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield instance
        instance.close()


@contextmanager
def own_host_tab(browser, base: str, **options: object) -> Iterator:  # type: ignore[no-untyped-def]
    """A fresh desktop tab in a context of its own (cookies, sessionStorage) that, whatever it
    does, asks nothing of any host but the site's own (checked when it closes)."""
    context = browser.new_context(**{"viewport": DESKTOP, **options})
    tab = context.new_page()
    hosts: set[str] = set()
    tab.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    yield tab
    context.close()
    assert hosts <= {base.split("/")[2]}, hosts


def artifact(name: str) -> Path:
    """Where a test saves a screenshot or PDF for a person to look at (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


@pytest.fixture(scope="session")
def example_url(example_site) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The base URL of the example site, served on 127.0.0.1 for the whole session."""
    with serve(example_site.site) as base:
        yield base
