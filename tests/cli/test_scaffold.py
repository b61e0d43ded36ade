"""`playbook new`'s Makefile says how to install the package it came from (cli/scaffold)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from helpers.imports import run
from helpers.project import ROOT
from playbook.cli.scaffold import pip_install

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def direct_url(**fields: object) -> str:
    """A PEP 610 direct_url.json as pip writes it."""
    return json.dumps(fields)


def test_a_release_from_an_index_is_installed_by_name_and_version() -> None:
    assert pip_install(None, "0.3.0") == "pip install interview-playbook==0.3.0"


def test_a_git_install_is_installed_again_from_the_same_commit() -> None:
    text = direct_url(
        url="https://example.org/you/interview-playbook.git",
        vcs_info={"vcs": "git", "commit_id": COMMIT, "requested_revision": "main"},
    )
    assert pip_install(text, "0.2.0") == (
        "pip install "
        f"'interview-playbook @ git+https://example.org/you/interview-playbook.git@{COMMIT}'"
    )


def test_a_clone_is_installed_again_from_its_folder() -> None:
    editable = direct_url(url="file:///home/sam/interview-playbook", dir_info={"editable": True})
    assert pip_install(editable, "0.2.0") == "pip install -e /home/sam/interview-playbook"
    # Not editable, and a folder name the shell would split: quoted, once.
    copied = direct_url(url="file:///home/sam/My%20Projects/playbook", dir_info={})
    assert pip_install(copied, "0.2.0") == "pip install '/home/sam/My Projects/playbook'"


def test_a_wheel_file_is_installed_again_from_that_file() -> None:
    wheel = "file:///tmp/dist/interview_playbook-0.2.0-py3-none-any.whl"
    text = direct_url(url=wheel, archive_info={"hashes": {"sha256": "00"}})
    assert pip_install(text, "0.2.0") == f"pip install 'interview-playbook @ {wheel}'"


def test_new_writes_a_makefile_that_installs_this_checkout(tmp_path: Path) -> None:
    # The tests run in `make test`'s .venv, an editable install of this checkout.
    result = run("new", tmp_path / "mine")
    assert result.exit_code == 0, result.output
    makefile = (tmp_path / "mine" / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert len(installs) == 1, makefile
    assert "@PIP_INSTALL@" not in makefile
    words = shlex.split(installs[0].removeprefix("#"))
    assert words[:3] == ["pip", "install", "-e"], installs[0]
    assert Path(words[3]).resolve() == ROOT
    assert len(words) == 4, installs[0]
