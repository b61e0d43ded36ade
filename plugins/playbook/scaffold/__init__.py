"""A fresh playbook for `playbook new`: the files in files/ copied into an empty folder.

files/ holds copies of this repository's mkdocs.yml and content/ (tests/test_cli.py fails when
they drift apart), one example data file of each kind (the same test builds them with --strict),
and a Makefile and .gitignore for the new project. Dot files are stored without their dot so
that packaging keeps them.
"""

from __future__ import annotations

from pathlib import Path

FILES = Path(__file__).parent / "files"
RENAMED = {"gitignore": ".gitignore"}


class NotEmpty(Exception):
    pass


def scaffold_files() -> list[Path]:
    """Every file of a new playbook, relative to files/, sorted."""
    return sorted(
        p.relative_to(FILES)
        for p in FILES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def create(target: Path) -> list[Path]:
    """Fill target (new or empty) with a playbook; the files written, in order."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NotEmpty(f"{target} is not an empty folder; pick a new folder name")
    written: list[Path] = []
    for rel in scaffold_files():
        destination = target / RENAMED.get(rel.as_posix(), rel.as_posix())
        destination.parent.mkdir(parents=True, exist_ok=True)
        with destination.open("xb") as handle:  # "x": never replace a file
            handle.write((FILES / rel).read_bytes())
        written.append(destination)
    return written
