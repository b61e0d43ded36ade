"""The repository as a user has it, copied into a temporary folder, and its make targets run there.

`make publish` and `make offline` run for real; only the virtual environment is the test's own
(make is told where it is, and that it is installed), so nothing is reinstalled.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.browser import serve
from helpers.project import EXAMPLE_DATA, ROOT, TODAY
from helpers.sealed import PASSPHRASE

REPO_FILES = ("Makefile", "mkdocs.yml", "mkdocs.offline.yml", "pyproject.toml")

# Where a page refers to other files: (tag, attribute).
REFERENCES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
}


class References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if (tag, name) in REFERENCES and value:
                self.found.append((tag, value))


def user_copy(folder: Path, data: Path = EXAMPLE_DATA) -> Path:
    """The files a user's clone has that a build reads, under folder/repo."""
    repo = folder / "repo"
    repo.mkdir(parents=True)
    for name in REPO_FILES:
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "content", repo / "content")
    shutil.copytree(data, repo / "data")
    stand_in = folder / "venv"
    stand_in.mkdir()
    (stand_in / ".installed-stamp").touch()  # newer than the copied pyproject.toml
    return repo


def make(repo: Path, target: str, *variables: str, env: dict[str, str] | None = None):
    """`make TARGET` in the copy, with this test run's Python environment as the venv."""
    # The profile and passphrase come from the Makefile or from `env`, never from the shell
    # running the tests.
    full_env = {
        k: v for k, v in os.environ.items() if k not in ("PLAYBOOK_PROFILE", "PLAYBOOK_PASSPHRASE")
    }
    full_env.update(
        {"PLAYBOOK_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    )
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            target,
            f"VENV={repo.parent / 'venv'}",
            f"BIN={Path(sys.executable).parent}",
            *variables,
        ],
        cwd=repo,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@dataclass(frozen=True)
class Published:
    """The example playbook after `make publish` (or publish-private), served under /playbook/ as
    on GitHub Pages."""

    repo: Path
    site: Path
    base: str  # http://127.0.0.1:PORT/playbook/
    output: str


def _published(folder: Path, target: str, env: dict[str, str] | None = None) -> Iterator[Published]:
    repo = user_copy(folder)
    site = repo / "site"
    site.mkdir()
    # The server starts first, so that the build can be told its address (SITE_URL).
    with serve(site, "/playbook/") as base:
        result = make(repo, target, f"SITE_URL={base}", env=env)
        output = result.stdout + result.stderr
        if result.returncode != 0:
            pytest.fail(f"make {target} failed:\n{output}")
        yield Published(repo, site, base, output)


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    yield from _published(tmp_path_factory.mktemp("publish"), "publish")


@pytest.fixture(scope="session")
def published_private(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    """The example playbook after `make publish-private`, served under /playbook/."""
    env = {"PLAYBOOK_PASSPHRASE": PASSPHRASE}
    yield from _published(tmp_path_factory.mktemp("publish-private"), "publish-private", env)
