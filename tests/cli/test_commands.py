"""The `playbook` command: its help, `new` and `add contact`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.imports import contact, contact_files, fresh_playbook, run
from helpers.project import EXAMPLE_DATA, ROOT, TODAY

COMMANDS = [
    ["new"],
    ["add", "contact"],
    ["import", "linkedin"],
    ["import", "vcard"],
    ["export", "vcard"],
    ["validate"],
    ["log"],
    ["schedule"],
    ["status"],
    ["edit"],
    ["today"],
    ["upcoming"],
]


def test_help_lists_every_command_and_each_shows_examples() -> None:
    # The installed entry point, in its own process, as a user runs it.
    result = subprocess.run(
        [sys.executable, "-m", "playbook.cli", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    for command in COMMANDS:
        assert f"  {' '.join(command)} " in result.stdout, command
    for command in COMMANDS:
        text = run(*command, "--help").output
        assert "Examples:" in text, command
        assert f"playbook {' '.join(command)}" in text, command


@pytest.mark.builds
def test_new_playbook_builds_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "my-playbook"
    result = run("new", target)
    assert result.exit_code == 0, result.output
    for name in ("mkdocs.yml", "Makefile", ".gitignore", "data/profile.yml", "content/tags.md"):
        assert (target / name).is_file(), name
        assert f"wrote {target / name}" in result.output
    written = [line for line in result.output.splitlines() if line.startswith("wrote ")]
    assert len(written) == len([p for p in target.rglob("*") if p.is_file()])
    kinds = {p.parent.name for p in (target / "data").glob("*/*")}
    assert kinds == {"contacts", "roles", "questions", "templates", "checklists"}
    checked = run("validate", "--data", target / "data")
    assert checked.exit_code == 0, checked.output
    # Its own Makefile, as its owner would run it: `make build` is `mkdocs build --strict`.
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PLAYBOOK_TODAY": TODAY.isoformat(),
    }
    made = subprocess.run(["make", "build"], cwd=target, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (target / "site" / "contacts" / "tom-becker" / "index.html").is_file()
    assert (target / "site" / "guide" / "index.html").is_file()
    # The guide and site configuration are this repository's own.
    for shared in ["mkdocs.yml", *(p.relative_to(ROOT) for p in (ROOT / "content").rglob("*.md"))]:
        assert (target / shared).read_bytes() == (ROOT / shared).read_bytes(), shared


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run("new", tmp_path)
    assert result.exit_code == 1
    assert "is not an empty folder" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_accepts_a_fresh_git_repository(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    result = run("new", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mkdocs.yml").is_file()


def test_add_contact_writes_a_valid_file_and_prints_its_path(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    result = run(
        "add",
        "contact",
        "Dana Ruiz: #1 {{ fan }}",
        "--company",
        "Brightside Agency",
        "--title",
        "- Director",
        "--role",
        "content-marketing",
        "--data",
        data,
    )
    assert result.exit_code == 0, result.output
    path = data / "contacts" / "dana-ruiz-1-fan.yml"
    assert result.output == f"wrote {path}\n"
    assert contact(data, "dana-ruiz-1-fan") == {
        "name": "Dana Ruiz: #1 {{ fan }}",
        "title": "- Director",
        "company": "Brightside Agency",
        "roles": ["content-marketing"],
        "source": "other",
        "status": "identified",
        "public": False,
    }
    assert run("validate", "--data", data).exit_code == 0


def test_add_contact_refuses_an_id_that_exists(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path, contacts=True)
    before = contact_files(data)
    result = run("add", "contact", "Tom Becker", "--data", data)
    assert result.exit_code == 1
    assert "tom-becker.yml already exists" in result.output
    assert "--id tom-becker-2" in result.output
    assert contact_files(data) == before
    other = run("add", "contact", "Tom Becker", "--id", "tom-becker-2", "--data", data)
    assert other.exit_code == 0, other.output
    assert "tom-becker-2.yml" in other.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "brand-marketng"], 'no role "brand-marketng"; did you mean "brand-marketing"?'),
        (["--email", "dana@"], 'links.email: "dana@" is not an email address'),
        (["--id", "Dana Ruiz"], "'Dana Ruiz' is not an id"),
    ],
)
def test_add_contact_refuses_what_would_not_build(
    tmp_path: Path, args: list[str], message: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "roles").mkdir()
    (data / "roles" / "brand-marketing.yml").write_bytes(
        (EXAMPLE_DATA / "roles" / "brand-marketing.yml").read_bytes()
    )
    result = run("add", "contact", "Dana Ruiz", *args, "--data", data)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (data / "contacts").exists() or not list((data / "contacts").iterdir())


def test_commands_that_write_need_a_data_folder(tmp_path: Path) -> None:
    result = run("add", "contact", "Dana Ruiz", "--data", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "is not a folder; run this where mkdocs.yml is, or pass --data" in result.output
