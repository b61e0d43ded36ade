"""A fresh playbook for `playbook new`: the files in files/ copied into an empty folder.

files/mkdocs.yml and files/content are symbolic links to this repository's own, so a new playbook
always gets the current site configuration and guide (building the wheel copies what they point
to). files/data holds one example file of each kind, files/ a Makefile and .gitignore for the new
project; tests/test_cli.py builds the result with --strict. Dot files are stored without their dot
so that packaging keeps them.
"""

from __future__ import annotations

import os
from pathlib import Path

FILES = Path(__file__).parent / "files"
RENAMED = {"gitignore": ".gitignore"}


class NotEmpty(Exception):
    pass


def scaffold_files() -> list[Path]:
    """Every file of a new playbook, relative to files/, sorted."""
    found: list[Path] = []
    for folder, _, names in os.walk(FILES, followlinks=True):  # content/ is a link
        found.extend(Path(folder, name).relative_to(FILES) for name in names)
    return sorted(p for p in found if "__pycache__" not in p.parts)


def create(target: Path) -> list[Path]:
    """Fill target (new or empty) with a playbook; the files written, in order."""
    # A fresh `git init` is empty enough: the playbook can live in its own repository.
    if target.exists() and (not target.is_dir() or any(p.name != ".git" for p in target.iterdir())):
        raise NotEmpty(f"{target} is not an empty folder; pick a new folder name")
    written: list[Path] = []
    for rel in scaffold_files():
        destination = target / RENAMED.get(rel.as_posix(), rel.as_posix())
        destination.parent.mkdir(parents=True, exist_ok=True)
        with destination.open("xb") as handle:  # "x": never replace a file
            handle.write((FILES / rel).read_bytes())
        written.append(destination)
    return written
