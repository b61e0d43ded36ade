"""The issue's five hostile message templates under `mkdocs build`, `playbook validate` and
`mkdocs serve`: each stops at its budget with a notice naming its file and line, the build and
the check finish, and the server keeps answering (and recovers when the templates go)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

from benchmarks.serve import fetch, mkdocs_serve, wait_until

from helpers.hostile import HOSTILE_LINE, ISSUE, template
from helpers.project import EXAMPLE_DATA, PLAYBOOK, TODAY, make_project, mkdocs_build

# luis-mendez is interviewed in the example: his sheet offers the thank-you kind.
SHEET = "contacts/luis-mendez/"


def notices() -> list[str]:
    return [
        f"data/templates/{name}.md:{HOSTILE_LINE} (body): template error: too much work"
        for name in ISSUE
    ]


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def write_hostile(data: Path) -> None:
    for name, line in ISSUE.items():
        (data / "templates" / f"{name}.md").write_text(template(line), encoding="utf-8")


def test_a_build_and_validate_finish_and_name_each_hostile_template(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    write_hostile(data)
    built = mkdocs_build(make_project(tmp_path, data))
    assert "Traceback" not in built.output
    sheet = text(built.page(SHEET))
    for notice in notices():
        assert notice in sheet
    assert "too much work" in text(built.page("templates/center/"))

    checked = subprocess.run(
        [PLAYBOOK, "validate"],
        cwd=tmp_path,
        env={**os.environ, "PLAYBOOK_TODAY": TODAY.isoformat()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    for name in ISSUE:
        assert (
            f"data/templates/{name}.md:{HOSTILE_LINE}:1: body: template error: too much work"
            in (checked.stderr)
        )


def test_serve_keeps_answering_with_hostile_templates_and_recovers(tmp_path: Path) -> None:
    project = make_project(tmp_path, copy_data=True)
    data = project / "data"
    with mkdocs_serve(project, SHEET) as (base, log):
        write_hostile(data)
        assert wait_until(lambda: all(n in text(fetch(base + SHEET)[1]) for n in notices()), 120)
        assert fetch(base)[0] == 200  # the dashboard too: the server answers

        for name in ISSUE:
            (data / "templates" / f"{name}.md").unlink()
        assert wait_until(lambda: "too much work" not in text(fetch(base + SHEET)[1]), 120)
        assert "Marketing" in text(fetch(base + "contacts/dana-ruiz/")[1])
        assert "Traceback" not in log.read_text(encoding="utf-8")
