"""Helpers shared by the import, export and command tests: a fresh playbook and a command runner."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner, Result

from playbook.cli import scaffold
from playbook.cli.commands import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LINKEDIN = FIXTURES / "linkedin"
VCARD = FIXTURES / "vcard"


def fresh_playbook(tmp_path: Path, *, contacts: bool = False) -> Path:
    """A `playbook new` project; its data folder. Without its example contact unless asked."""
    project = tmp_path / "playbook"
    scaffold.create(project)
    if not contacts:
        shutil.rmtree(project / "data" / "contacts")
        (project / "data" / "contacts").mkdir()
    return project / "data"


def run(*args: str | Path, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    """The `playbook` command, in this process, as a user would type it (`input`: what they
    type at its prompts)."""
    return CliRunner().invoke(
        main, [str(a) for a in args], env=env, input=input, catch_exceptions=False
    )


def contact(data: Path, doc_id: str) -> dict:
    return yaml.safe_load((data / "contacts" / f"{doc_id}.yml").read_text(encoding="utf-8"))


def contact_files(data: Path) -> dict[str, bytes]:
    """Every file in data/contacts (hidden ones too: a leftover temp file is a bug)."""
    return {p.name: p.read_bytes() for p in sorted((data / "contacts").iterdir())}


def changed_lines(before: bytes | str, after: bytes | str) -> tuple[list[str], list[str]]:
    """The lines taken out and the lines put in, as a diff shows them."""
    old = before.decode() if isinstance(before, bytes) else before
    new = after.decode() if isinstance(after, bytes) else after
    removed, added = [], []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), n=0
    ):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added
