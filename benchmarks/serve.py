"""A real `mkdocs serve --livereload` on a free 127.0.0.1 port: for the benchmark's serve timing
and for the tests that edit files under a running server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.generate import TODAY

ENV = {"PLAYBOOK_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}


class ServeError(RuntimeError):
    """`mkdocs serve` exited, or never served the page waited for."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> tuple[int, str]:
    """The status and text of a page; (0, "") when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return 0, ""


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@contextmanager
def mkdocs_serve(
    project: Path,
    ready: str = "",
    env: dict[str, str] | None = None,
    timeout: float = 120,
    *,
    host: str = "127.0.0.1",
    reload: str = "--livereload",
) -> Iterator[tuple[str, Path]]:
    """Start `mkdocs serve --livereload` (or `reload`: --no-livereload) in project, listening
    on `host`, and wait until it serves the page at `ready` (relative to the site); yields (base
    URL, on 127.0.0.1, and its log file) and stops it afterwards."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = project / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", reload]
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [*command, "--dev-addr", f"{host}:{port}"],
            cwd=project,
            env={**os.environ, **ENV, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = base + ready
            wait_until(lambda: process.poll() is not None or fetch(url)[0] == 200, timeout, 0.2)
            if process.poll() is not None or fetch(url)[0] != 200:
                tail = "\n".join(log_path.read_text(encoding="utf-8").splitlines()[-25:])
                raise ServeError(f"mkdocs serve did not serve {url} (log: {log_path}):\n{tail}")
            yield base, log_path
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
