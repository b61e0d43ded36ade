"""New files are created whole or not at all, and never replace an existing one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.imports import LINKEDIN, fresh_playbook
from playbook.cli.importers import intake
from playbook.cli.importers.linkedin import read_connections
from playbook.record.writer import contact_id, create_files, create_new


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "dana-ruiz.yml"
    target.write_text("name: Dana Ruiz\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        create_new(target, "name: Someone Else\n")
    assert target.read_text(encoding="utf-8") == "name: Dana Ruiz\n"
    assert os.listdir(tmp_path) == ["dana-ruiz.yml"]  # no temporary file left behind


def test_an_interrupted_import_leaves_no_file_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the files are being written: no half-written file, no temp file."""
    data = fresh_playbook(tmp_path)
    outcome = intake.plan(
        read_connections(LINKEDIN / "connections-recent.csv"), data / "contacts", tmp_path, "x"
    )
    real_fdopen = os.fdopen
    calls = []

    class HalfWritten:
        """A file whose write stops halfway, as when the user presses Ctrl-C."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, text: str) -> None:
            calls.append(text)
            if len(calls) == 2:  # the second file
                self.handle.write(text[: len(text) // 2])
                raise KeyboardInterrupt
            self.handle.write(text)

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def interrupted(fd: int, *args, **kwargs):
        return HalfWritten(real_fdopen(fd, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        intake.write(outcome)
    monkeypatch.undo()
    assert calls, "the interruption was never reached"
    assert os.listdir(data / "contacts") == []


def test_a_name_taken_while_importing_gets_the_next_id(tmp_path: Path) -> None:
    data = fresh_playbook(tmp_path)
    outcome = intake.plan(
        read_connections(LINKEDIN / "connections-recent.csv"), data / "contacts", tmp_path, "x"
    )
    # Someone (an editor, another import) creates ana-lima.yml after the plan was made.
    (data / "contacts" / "ana-lima.yml").write_text("name: Ana Lima\n", encoding="utf-8")
    intake.write(outcome)
    assert (data / "contacts" / "ana-lima.yml").read_text(encoding="utf-8") == "name: Ana Lima\n"
    assert (
        (data / "contacts" / "ana-lima-2.yml")
        .read_text(encoding="utf-8")
        .startswith("name: Ana Lima\ntitle: Brand Manager\n")
    )
    assert outcome.added[0].path.name == "ana-lima-2.yml"


def test_create_files_writes_each_file_whole(tmp_path: Path) -> None:
    files = [(tmp_path / f"f{i}.yml", f"name: F{i}\n" * 1000) for i in range(3)]
    written = create_files(files, lambda taken: None)
    assert written == [path for path, _ in files]
    assert all(path.read_text(encoding="utf-8") == text for path, text in files)
    assert sorted(os.listdir(tmp_path)) == ["f0.yml", "f1.yml", "f2.yml"]


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        ("Ørjan Ødegård", "orjan-odegard"),
        ("王伟", "wang-wei"),
        ("Иван Петров", "ivan-petrov"),
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Ünal Yılmaz", "unal-yilmaz"),
        ("Zoë 🚀 O'Neil", "zoe-o-neil"),
        ("Dana Ruiz: #1 {{ fan }}", "dana-ruiz-1-fan"),
    ],
)
def test_ids_are_readable_for_names_in_any_script(name: str, doc_id: str) -> None:
    assert contact_id(name, set()) == doc_id


def test_ids_come_from_names_and_collisions_count_up() -> None:
    assert contact_id("José García", set()) == "jose-garcia"
    assert contact_id("José García", {"jose-garcia"}) == "jose-garcia-2"
    assert contact_id("José García", {"jose-garcia", "jose-garcia-2"}) == "jose-garcia-3"
    assert contact_id("🚀", set()) == "contact"
    assert len(contact_id("x" * 200, {"x" * 76})) <= 80


def test_new_files_get_the_permissions_any_new_file_gets(tmp_path: Path) -> None:
    (tmp_path / "by-editor.yml").write_text("name: A\n", encoding="utf-8")
    create_new(tmp_path / "by-import.yml", "name: B\n")
    modes = {p.name: p.stat().st_mode for p in tmp_path.iterdir()}
    assert modes["by-import.yml"] == modes["by-editor.yml"]
