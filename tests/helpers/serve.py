"""A real `mkdocs serve --livereload` process on a free 127.0.0.1 port, for tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.project import TODAY


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.25) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@contextmanager
def mkdocs_serve(project: Path, env: dict[str, str] | None = None) -> Iterator[tuple[str, Path]]:
    """Start `mkdocs serve --livereload` in project; yields (base URL, path of its log file)."""
    port = free_port()
    log_path = project / "serve.log"
    full_env = {
        **os.environ,
        "PLAYBOOK_TODAY": TODAY.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
        **(env or {}),
    }
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--livereload",
                "--dev-addr",
                f"127.0.0.1:{port}",
            ],
            cwd=project,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}/"
        try:

            def up() -> bool:
                try:
                    return fetch(base)[0] == 200
                except OSError:
                    return process.poll() is not None  # stop waiting if it died

            wait_for(up, timeout=120)
            if process.poll() is not None:
                raise RuntimeError("mkdocs serve exited:\n" + log_path.read_text())
            yield base, log_path
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
