"""A broken edit during `mkdocs serve`: the server stays up, the terminal and the open page name
the file and line, and fixing the file brings the site back. A real server on 127.0.0.1."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path

import pytest

from conftest import TODAY, make_project
from test_bad_input_nothing_lost import CONTENT, snapshot

MESSAGE = (
    "data/contacts/dana-ruiz.yml:14:9: interview.when: "
    '"next tuesday" is not a date-time; write it like 2026-12-02T15:30:00-06:00'
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def visible(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def wait_for(check: Callable[[], bool], what: str, process: subprocess.Popen, log: Path) -> None:
    """Poll until check() holds (a bound on waiting, not a speed requirement)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if check():
            return
        assert process.poll() is None, f"mkdocs serve stopped:\n{log.read_text()}"
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen, Path]]:
    project = make_project(tmp_path, copy_data=True)
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload"]
    with log.open("w") as out:
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "PLAYBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/", project, process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_broken_edit_shows_the_error_and_a_fix_brings_the_site_back(served) -> None:
    base, project, process, log = served
    page = base + "contacts/dana-ruiz/"
    wait_for(lambda: "Marketing Director" in fetch(page), "the first build", process, log)
    before = snapshot(project / "data"), snapshot(CONTENT)

    contact = project / "data" / "contacts" / "dana-ruiz.yml"
    good = contact.read_text(encoding="utf-8")
    contact.write_text(
        good.replace("when: 2026-12-02T15:30:00-06:00", "when: next tuesday"), encoding="utf-8"
    )
    # The open page now names the file and line instead of showing the stale prep sheet.
    wait_for(lambda: "dana-ruiz.yml:14:9" in fetch(page), "the error page", process, log)
    text = visible(fetch(page))
    assert "Problems in the playbook data" in text
    assert MESSAGE in text
    assert "Marketing Director" not in text
    assert "dana-ruiz.yml:14:9" in fetch(base)  # the dashboard too
    assert MESSAGE in log.read_text()  # the terminal
    assert process.poll() is None

    contact.write_text(good, encoding="utf-8")
    wait_for(lambda: "Marketing Director" in fetch(page), "the fixed page", process, log)
    assert "Problems in the playbook data" not in fetch(page)
    assert process.poll() is None
    assert "Traceback" not in log.read_text()
    # Nothing but our own edits touched data/ (restored byte for byte) or content/.
    assert (snapshot(project / "data"), snapshot(CONTENT)) == before
