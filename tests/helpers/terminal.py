"""The `playbook` command in its own process, its output on a terminal (a pseudo-terminal, as
in a shell window) or on a pipe, for what it shows only to people: colour, progress."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from helpers.project import TODAY


def playbook_on_terminal(cwd: Path, *args: str | Path, env: dict[str, str] | None = None) -> str:
    """Everything it showed, standard output and error together, as a terminal received it."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook.cli", *map(str, args)],
        cwd=cwd,
        env=_env(env),
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    received = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command ended and closed the terminal
            break
        if not chunk:
            break
        received.append(chunk)
    os.close(leader)
    assert process.wait(timeout=300) == 0, b"".join(received).decode(errors="replace")
    return b"".join(received).decode()


def playbook_piped(
    cwd: Path, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command with its standard output and error each on a pipe, as in a script."""
    return subprocess.run(
        [sys.executable, "-m", "playbook.cli", *map(str, args)],
        cwd=cwd,
        env=_env(env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    return {
        **os.environ,
        "PLAYBOOK_TODAY": TODAY.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
        **(extra or {}),
    }
