"""When the system refuses a write (a read-only folder, a full disk, a name too long) every
command says so in one line and what to do, writes nothing and leaves no temporary file; a
write-back keeps the file's owner, group and mode, and refuses a read-only file unless --force.

Root ignores permissions, and CI runs the tests as root, so a folder made read-only with chmod
stops only other users. Where the real thing cannot happen, the error the system would give is
raised at the lowest call, the `os.open` that creates the temporary file beside the target: the
code above it runs as it would. A full disk is real: that file's descriptor is pointed at
/dev/full, where every write fails with ENOSPC, as on a full disk."""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers.imports import contact_files, fresh_playbook, run
from helpers.project import TODAY

ENV = {"PLAYBOOK_TODAY": TODAY.isoformat()}
REAL_OPEN = os.open


def staged(path: Any) -> bool:
    """The temporary file every write makes first (writer._stage): `.NAME.HEX.tmp`."""
    name = os.path.basename(os.fsdecode(path))
    return name.startswith(".") and name.endswith(".tmp")


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")

    def open_on_a_full_disk(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        fd = REAL_OPEN(path, flags, mode, **kw)
        if staged(path):
            full = REAL_OPEN("/dev/full", os.O_WRONLY)
            os.dup2(full, fd)  # the file exists, as it would; every write to it: ENOSPC
            os.close(full)
        return fd

    monkeypatch.setattr(os, "open", open_on_a_full_disk)


def read_only_folder(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`folder` made read-only; as root, which chmod does not stop, the EACCES a user gets."""
    folder.chmod(0o555)
    if os.geteuid() != 0:
        return

    def open_denied(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if staged(path) and Path(os.fsdecode(path)).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return REAL_OPEN(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", open_denied)


def one_line_error(result: Any, *said: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for words in said:
        assert words in lines[0], lines[0]


WRITE_BACKS = [
    ["log", "dana-ruiz", "note", "Sent the article"],
    ["schedule", "dana-ruiz", "2026-12-09T10:00"],
    ["status", "dana-ruiz", "closed"],
]


@pytest.mark.parametrize("command", WRITE_BACKS, ids=lambda c: c[0])
@pytest.mark.usefixtures("full_disk")
def test_a_write_back_on_a_full_disk_says_so_in_a_line(data: Path, command: list[str]) -> None:
    before = contact_files(data)
    result = run(*command, "--data", data, env=ENV)
    one_line_error(result, "cannot write ", "dana-ruiz.yml: the disk is full", "free some space")
    assert contact_files(data) == before  # no change, no temporary file left


@pytest.mark.parametrize("command", WRITE_BACKS, ids=lambda c: c[0])
def test_a_write_back_in_a_read_only_folder_says_so_in_a_line(
    data: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = contact_files(data)
    read_only_folder(data / "contacts", monkeypatch)
    try:
        result = run(*command, "--data", data, env=ENV)
    finally:
        (data / "contacts").chmod(0o755)
    one_line_error(result, "dana-ruiz.yml: permission denied", "make the folder writable")
    assert contact_files(data) == before


def vcard(tmp_path: Path) -> Path:
    path = tmp_path / "people.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed Zee\r\nEND:VCARD\r\n", "utf-8")
    return path


MAKERS: list[tuple[str, Callable[[Path, Path], list[str | Path]], str]] = [
    ("add", lambda data, tmp: ["add", "contact", "Zed Zee", "--data", data], "zed-zee.yml"),
    ("import", lambda data, tmp: ["import", "vcard", vcard(tmp), "--data", data], "zed-zee.yml"),
    ("export", lambda data, tmp: ["export", "vcard", "-o", data / "contacts" / "x.vcf"], "x.vcf"),
]


@pytest.mark.parametrize(("name", "command", "target"), MAKERS, ids=[m[0] for m in MAKERS])
@pytest.mark.usefixtures("full_disk")
def test_new_files_on_a_full_disk_say_so_in_a_line(
    tmp_path: Path, name: str, command: Callable[[Path, Path], list[str | Path]], target: str
) -> None:
    data = fresh_playbook(tmp_path)
    result = run(*command(data, tmp_path), env=ENV)
    one_line_error(result, f"{target}: the disk is full", "nothing written")
    assert contact_files(data) == {}


@pytest.mark.parametrize(("name", "command", "target"), MAKERS, ids=[m[0] for m in MAKERS])
def test_new_files_in_a_read_only_folder_say_so_in_a_line(
    tmp_path: Path,
    name: str,
    command: Callable[[Path, Path], list[str | Path]],
    target: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = fresh_playbook(tmp_path)
    read_only_folder(data / "contacts", monkeypatch)
    try:
        result = run(*command(data, tmp_path), env=ENV)
    finally:
        (data / "contacts").chmod(0o755)
    one_line_error(result, f"{target}: permission denied")
    assert contact_files(data) == {}


def test_a_long_name_still_makes_a_contact_and_a_long_id_is_refused(tmp_path: Path) -> None:
    """A 200-character name (the most a name may have) made a 200-character id, which the
    model refused; 300 characters of --id or --data ended in ENAMETOOLONG's traceback."""
    data = fresh_playbook(tmp_path)
    name = " ".join(["Maximiliana"] * 16)[:200]
    added = run("add", "contact", name, "--data", data, env=ENV)
    assert added.exit_code == 0, added.output
    (written,) = contact_files(data)
    assert written.startswith("maximiliana-maximiliana-") and len(written) <= 80 + len(".yml")
    long_id = run("add", "contact", "Zed", "--id", "z" * 300, "--data", data, env=ENV)
    one_line_error(long_id, "--id is 300 characters long; an id has at most 80")
    deep = run("log", "zed", "note", "--data", tmp_path / ("d" * 300), env=ENV)
    one_line_error(deep, "ddd: the name is too long for the file system")


def editor(tmp_path: Path) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        f"pathlib.Path({str(tmp_path / 'runs')!r}).touch()\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "path.write_text(path.read_text().replace('Marketing Director', 'Director'))\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


@pytest.mark.usefixtures("full_disk")
def test_edit_that_cannot_write_says_where_your_version_is_kept(data: Path, tmp_path: Path) -> None:
    before = contact_files(data)
    env = {**ENV, "EDITOR": editor(tmp_path), "VISUAL": ""}
    result = run("edit", "dana-ruiz", "--data", data, env=env)
    one_line_error(result, "the disk is full", "your version is kept in ")
    kept = Path(result.output.rsplit("your version is kept in ", 1)[1].strip())
    assert "title: Director\n" in kept.read_text("utf-8")
    assert contact_files(data) == before
    shutil.rmtree(kept.parent)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to someone else")
def test_a_write_back_as_root_keeps_the_files_owner_group_and_mode(data: Path) -> None:
    """`sudo playbook log` left someone's 0640 file root:root, unreadable to its owner."""
    path = data / "contacts" / "dana-ruiz.yml"
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    result = run("log", "dana-ruiz", "note", "As root", "--data", data, env=ENV)
    assert result.exit_code == 0, result.output
    after = path.stat()
    assert (after.st_uid, after.st_gid, after.st_mode & 0o7777) == (1234, 5678, 0o640)
    assert "As root" in path.read_text("utf-8")


@pytest.mark.parametrize("command", [*WRITE_BACKS, ["edit", "dana-ruiz"]], ids=lambda c: c[0])
def test_a_read_only_file_is_refused_unless_forced(
    data: Path, tmp_path: Path, command: list[str]
) -> None:
    """As an editor does: a 0444 file was replaced without a word (root can write anything,
    so the mode is what tells)."""
    path = data / "contacts" / "dana-ruiz.yml"
    path.chmod(0o444)
    before = contact_files(data)
    env = {**ENV, "EDITOR": editor(tmp_path), "VISUAL": ""}
    refused = run(*command, "--data", data, env=env)
    one_line_error(
        refused,
        "dana-ruiz.yml is read-only (-r--r--r--); nothing written",
        "pass --force to replace it anyway",
    )
    assert not (tmp_path / "runs").exists()  # edit said so before opening the editor
    assert contact_files(data) == before
    forced = run(*command, "--force", "--data", data, env=env)
    assert forced.exit_code == 0, forced.output
    assert path.read_bytes() != before["dana-ruiz.yml"]
    assert path.stat().st_mode & 0o777 == 0o444  # still read-only, as it was
