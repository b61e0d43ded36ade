"""Nothing lost: `mkdocs build`, `mkdocs serve` and `playbook validate` never write under data/ or
content/, whether the data is good or broken. The trees are compared byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TODAY, make_project, mkdocs_build

CONTENT = ROOT / "content"
PLAYBOOK = str(Path(sys.executable).with_name("playbook"))


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes, every folder and symlink, by path: any write shows up."""
    tree: dict[str, bytes | str] = {}
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        for name in dirs + files:
            path = here / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                tree[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                tree[rel] = "folder"
            else:
                tree[rel] = path.read_bytes()
    return tree


def run_everything(project: Path) -> None:
    env = {**os.environ, "PLAYBOOK_TODAY": TODAY}
    subprocess.run([PLAYBOOK, "validate"], cwd=project, env=env, capture_output=True, timeout=60)
    mkdocs_build(project, check=False)


def test_build_and_validate_leave_data_and_content_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path, copy_data=True)
    data = project / "data"
    before = snapshot(data), snapshot(CONTENT)
    run_everything(project)
    assert (project / "site" / "contacts" / "dana-ruiz" / "index.html").is_file()
    assert (snapshot(data), snapshot(CONTENT)) == before


def test_a_failing_build_leaves_data_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path, copy_data=True)
    data = project / "data"
    contact = data / "contacts" / "dana-ruiz.yml"
    # A duplicate key: the one case where a loader that "fixed" the file would lose a value.
    contact.write_text(contact.read_text(encoding="utf-8") + "name: Dana R.\n", encoding="utf-8")
    before = snapshot(data), snapshot(CONTENT)
    run_everything(project)
    assert not (project / "site" / "index.html").exists()
    assert (snapshot(data), snapshot(CONTENT)) == before
