"""`playbook learned`, the command line's twin of the Record panel's findings, and the promise
the page's buttons rest on: a button records exactly what the command printed beside it does."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from helpers.core import playbook_of
from helpers.imports import changed_lines, contact_files, run
from helpers.project import TODAY
from playbook.logic import commands, schedule
from playbook.record import changes
from playbook.record.apply import Stale, apply, digest

ENV = {"PLAYBOOK_TODAY": TODAY.isoformat()}


def test_learned_adds_a_finding_once_in_the_files_own_style(data: Path) -> None:
    path = data / "contacts" / "mark-cho.yml"
    before = path.read_bytes()
    args = ["learned", "mark-cho", "tool", "Looker  Studio", "--note", "Every report lives there"]
    result = run(*args, "--data", data, env=ENV)
    assert result.exit_code == 0, result.output
    assert result.output.endswith("data/contacts/mark-cho.yml: learned tool: Looker Studio\n")
    removed, added = changed_lines(before, path.read_bytes())
    assert removed == []
    assert added == ["  - tool: Looker Studio\n", "    note: Every report lives there\n"]
    again = run(*args, "--data", data, env=ENV)
    assert "nothing to change, it already says so" in again.output


def test_learned_starts_the_list_and_refuses_an_unknown_role_with_its_line(data: Path) -> None:
    path = data / "contacts" / "tom-becker.yml"
    files = contact_files(data)
    result = run(
        "learned",
        "tom-becker",
        "skill",
        "SEO",
        "--role",
        "content-marketting",
        "--data",
        data,
        env=ENV,
    )
    assert result.exit_code == 1 and contact_files(data) == files
    assert "data/contacts/tom-becker.yml:" in result.output
    assert 'learned[0].role: no role has the id "content-marketting"' in result.output
    result = run(
        "learned",
        "tom-becker",
        "skill",
        "SEO",
        "--role",
        "content-marketing",
        "--data",
        data,
        env=ENV,
    )
    assert result.exit_code == 0, result.output
    assert "learned:\n  - skill: SEO\n    role: content-marketing\n" in path.read_text("utf-8")


def test_each_done_button_records_what_its_printed_command_records(
    data: Path, tmp_path: Path
) -> None:
    typed = tmp_path / "typed"
    shutil.copytree(data, typed)
    found = schedule.actions(playbook_of(data))
    recordable = [commands.done(a) for a in found if commands.done(a).request()]
    assert len(recordable) >= 3
    for command in recordable:
        words = shlex.split(command.text)
        assert run(*words[1:], "--data", typed, env=ENV).exit_code == 0, command.text
        request = dict(command.request())
        contact_id, make, base = changes.from_request(request.pop("command"), request)
        apply(data, tmp_path, contact_id, make, lambda tz: TODAY, base=base)
    assert contact_files(data) == contact_files(typed)


def test_a_button_on_a_page_older_than_the_file_writes_nothing(data: Path, tmp_path: Path) -> None:
    path = data / "contacts" / "mark-cho.yml"
    page_built_from = digest(path.read_bytes())
    path.write_text(path.read_text("utf-8") + "# edited in an editor\n", encoding="utf-8")
    files = contact_files(data)
    with pytest.raises(Stale, match="reload"):
        apply(
            data,
            tmp_path,
            "mark-cho",
            changes.status("closed"),
            lambda tz: TODAY,
            base=page_built_from,
        )
    assert contact_files(data) == files
