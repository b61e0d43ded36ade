"""A message that cannot be filled in for one contact is a notice on their sheet, never a broken
build: importing a thousand people without roles must not take the site down.

Only a template that can be filled in for nobody is a warning, so `--strict` fails on it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

from helpers.imports import LINKEDIN, fresh_playbook, run
from helpers.project import EXAMPLE_DATA, PLAYBOOK, TODAY, make_project, mkdocs_build

UNGUARDED = """---
title: First outreach email
kind: email
subject: "A question about {{ role.title }}"
---
Hi {{ contact.first_name }},

I'm exploring {{ role.title }} and would value twenty minutes of your time.

Best wishes,
{{ profile.name }}
"""


def validate(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`playbook validate` run where the project is, as a user runs it."""
    return subprocess.run(
        [PLAYBOOK, "validate", *args],
        cwd=project,
        env={**os.environ, "PLAYBOOK_TODAY": TODAY.isoformat()},
        capture_output=True,
        text=True,
        timeout=120,
    )


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_importing_people_without_a_role_keeps_the_strict_build_passing(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path, contacts=True)  # its example contact has a role
    (data / "templates" / "outreach-email.md").write_text(UNGUARDED, encoding="utf-8")
    before = {p.stem for p in (data / "contacts").glob("*.yml")}
    imported = run("import", "linkedin", LINKEDIN / "connections-recent.csv", "--data", data)
    assert imported.exit_code == 0, imported.output
    ids = sorted({p.stem for p in (data / "contacts").glob("*.yml")} - before)
    assert len(ids) >= 3

    checked = validate(data.parent)
    assert checked.returncode == 0, checked.stderr
    assert "warning: data/templates/outreach-email.md:4:1: subject: cannot read" in checked.stderr
    assert f"cannot be filled in for {len(ids)} contacts" in checked.stderr

    built = mkdocs_build(data.parent, "--strict")
    sheet = text(built.page(f"contacts/{ids[0]}/"))
    assert "This message cannot be filled in for them" in sheet
    assert 'data/templates/outreach-email.md:4 (subject): cannot read "title"' in sheet
    assert f"give them a role (roles: [ROLE-ID] in data/contacts/{ids[0]}.yml)" in sheet
    assert "or change the template: guard it with {% if ... %}" in sheet
    template_page = text(built.page("templates/outreach-email/"))
    assert f"Cannot be filled in for {len(ids)} contacts" in template_page
    # The notice is for the person reading the sheet; the build says it once, not as a warning.
    assert "WARNING" not in built.output


def _with_template(tmp_path: Path, name: str, body: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    (data / "templates" / name).write_text(body, encoding="utf-8")
    return data


THANKS = "---\ntitle: Thank-you note\nkind: thank-you\n---\nHi {{ contact.first_name }},\n"


def test_a_template_that_fails_for_everyone_is_a_warning_that_strict_refuses(
    tmp_path: Path,
) -> None:
    data = _with_template(tmp_path, "thank-you.md", THANKS + "I'd say {{ 10 / 0 }}.\n")
    project = make_project(tmp_path, data)
    strict = mkdocs_build(project, "--strict", check=False)
    assert strict.returncode != 0
    assert "data/templates/thank-you.md: breaks “Fills in without an error” for every" in (
        strict.output
    )
    assert "division by zero (line 6)" in strict.output and "Traceback" not in strict.output
    relaxed = mkdocs_build(project)
    sheet = text(relaxed.page("contacts/luis-mendez/"))
    assert "data/templates/thank-you.md:6 (body): template error: division by zero." in sheet
    # The dashboard's thank-you to them carries the same notice in place of the draft.
    dashboard = relaxed.page("")
    thanks = dashboard[dashboard.index('id="today-luis-mendez-thank-you"') :]
    thanks = text(thanks[: thanks.index("</li>")])
    assert "This message cannot be filled in for them" in thanks
    assert "thank-you.md:6 (body): template error: division by zero." in thanks
    assert validate(tmp_path).returncode == 0
    assert validate(tmp_path, "--strict").returncode == 1


def test_the_sandbox_refuses_python_internals_and_the_sheet_says_so(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    escape = THANKS + f'{{{{ cycler.__init__.__globals__.os.system("touch {marker}") }}}}\n'
    project = make_project(tmp_path, _with_template(tmp_path, "thank-you.md", escape))
    built = mkdocs_build(project)
    assert not marker.exists()
    sheet = text(built.page("contacts/luis-mendez/"))
    assert 'template error: type has no attribute "__init__"' in sheet


def test_a_misspelt_field_gets_a_did_you_mean_on_the_sheet(tmp_path: Path) -> None:
    typo = THANKS + "Thank you, {{ contact.frist_name }}.\n"
    built = mkdocs_build(make_project(tmp_path, _with_template(tmp_path, "thank-you.md", typo)))
    sheet = text(built.page("contacts/rachel-kim/"))
    assert 'contact has no field "frist_name"; did you mean "first_name"?' not in sheet  # split:
    assert 'contact has no field "frist_name".' in sheet
    assert 'Fix the template: did you mean "first_name"?' in sheet
