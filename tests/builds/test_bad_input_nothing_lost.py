"""Nothing lost: `mkdocs build`, `mkdocs serve` and `playbook validate` never write under data/ or
content/, whether the data is good or broken. The trees are compared byte for byte."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers.project import CONTENT, PLAYBOOK, TODAY, make_project, mkdocs_build, snapshot


def run_everything(project: Path) -> None:
    env = {**os.environ, "PLAYBOOK_TODAY": TODAY.isoformat()}
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
