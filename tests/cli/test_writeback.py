"""`playbook log`, `schedule`, `status` and `edit`, on copies of the example playbook: each changes
only the lines it must, checks the whole playbook first, and never writes over someone else."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers.core import playbook_of
from helpers.imports import changed_lines, contact, contact_files, run
from helpers.project import EXAMPLE_DATA, TODAY
from playbook.logic import schedule
from playbook.record import writeback
from playbook.record.writeback import advanced

ENV = {"PLAYBOOK_TODAY": TODAY.isoformat()}


def playbook(*args: str | Path, data: Path, input: str | None = None, editor: str = ""):  # type: ignore[no-untyped-def]
    env = {**ENV, "EDITOR": editor, "VISUAL": ""} if editor else ENV
    return run(*args, "--data", data, env=env, input=input)


def refused(*args: str | Path, data: Path, exit_code: int = 1, **options: str) -> str:
    """A command that must refuse: what it said. No file changed, byte for byte, and no
    temporary file was left behind."""
    before = contact_files(data)
    result = playbook(*args, data=data, **options)
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    assert contact_files(data) == before
    return result.output


def changing(*args: str | Path, data: Path, **options: str) -> tuple[str, tuple[list, list]]:
    """A command that changes the file of the contact named second in `args`: what it said, and
    the lines it took out and put in."""
    path = data / "contacts" / f"{args[1]}.yml"
    before = path.read_bytes()
    result = playbook(*args, data=data, **options)
    assert result.exit_code == 0, result.output
    return result.output, changed_lines(before, path.read_bytes())


def test_log_appends_one_line_and_moves_the_status_forward(data: Path) -> None:
    said, lines = changing("log", "rachel-kim", "thank-you", "Email: the same afternoon", data=data)
    assert said == (
        f"{data}/contacts/rachel-kim.yml: logged 2026-11-25 thank-you\n"
        "status: interviewed → thanked\n"
    )
    # The file differs only in the changed lines: comments, quoting, order and the $schema
    # line stay as they were.
    assert lines == (
        ["status: interviewed\n"],
        [
            "status: thanked\n",
            '  - {date: 2026-11-25, kind: thank-you, note: "Email: the same afternoon"}\n',
        ],
    )
    assert contact(data, "rachel-kim")["log"][-1]["note"] == "Email: the same afternoon"
    # What it recorded is done: the Today list no longer asks for Rachel's thank-you.
    due = [(a.contact.id, a.kind) for a in schedule.actions(playbook_of(data))]
    assert ("rachel-kim", "thank-you") not in due
    assert playbook("validate", data=data).exit_code == 0


def test_logging_the_same_thing_twice_writes_it_once(data: Path) -> None:
    assert playbook("log", "olivia-grant", "follow-up", data=data).exit_code == 0
    after_first = contact_files(data)
    again = playbook("log", "olivia-grant", "follow-up", data=data)
    assert again.exit_code == 0
    assert "nothing to change" in again.output
    assert contact_files(data) == after_first


def test_status_never_moves_back_and_keep_status_leaves_it(data: Path) -> None:
    said, lines = changing("log", "dana-ruiz", "outreach", "--date", "2026-11-24", data=data)
    assert "status:" not in said  # scheduled is past contacted
    assert lines == (
        [],
        ["  - {date: 2026-11-24, kind: outreach}\n"],
    )
    kept = playbook("log", "jamie-park", "interview", "--keep-status", data=data)
    assert "status:" not in kept.output
    assert contact(data, "jamie-park")["status"] == "scheduled"


@pytest.mark.parametrize(
    ("status", "kind", "after"),
    [
        ("identified", "outreach", "contacted"),
        ("contacted", "scheduled", "scheduled"),
        ("scheduled", "interview", "interviewed"),
        ("interviewed", "thank-you", "thanked"),
        ("thanked", "follow-up", "following-up"),
        ("identified", "thank-you", "thanked"),  # forward past steps never logged
        ("thanked", "outreach", "thanked"),  # never back
        ("following-up", "thank-you", "following-up"),
        ("closed", "follow-up", "closed"),
        ("contacted", "reply", "contacted"),  # reply, referral, note imply no status
        ("scheduled", "note", "scheduled"),
    ],
)
def test_the_status_each_kind_of_entry_implies(status: str, kind: str, after: str) -> None:
    assert advanced(status, kind) == after


def test_schedule_books_a_conversation_in_the_profiles_time_zone(data: Path) -> None:
    said, lines = changing(
        "schedule",
        "tom-becker",
        "2026-12-04T11:00",
        "--minutes",
        "30",
        "--medium",
        "coffee",
        "--where",
        "Bean There: near Lumen",
        data=data,
    )
    assert "status: identified → scheduled" in said
    # America/Chicago in December is six hours behind UTC; the new keys go in the model's order.
    assert lines == (
        ["status: identified\n"],
        [
            "status: scheduled\n",
            "interview:\n",
            "  when: 2026-12-04T11:00:00-06:00\n",
            "  minutes: 30\n",
            "  medium: coffee\n",
            '  where: "Bean There: near Lumen"\n',
            '  - {date: 2026-11-25, kind: scheduled, note: "Fri 4 Dec, 11:00, coffee"}\n',
        ],
    )
    coming = [c.contact.id for c in schedule.upcoming(playbook_of(data))]
    assert "tom-becker" in coming


def test_rescheduling_changes_the_time_and_keeps_the_rest(data: Path) -> None:
    said, lines = changing("schedule", "dana-ruiz", "2026-12-03T16:00:00Z", data=data)
    assert "status:" not in said  # already scheduled
    assert lines == (
        ["  when: 2026-12-02T15:30:00-06:00\n"],
        [
            "  when: 2026-12-03T16:00:00+00:00\n",
            # The note is in the profile's time zone: 16:00 UTC is 10:00 in Chicago.
            '  - {date: 2026-11-25, kind: scheduled, note: "Thu 3 Dec, 10:00, video"}\n',
        ],
    )
    interview = contact(data, "dana-ruiz")["interview"]
    assert (interview["minutes"], interview["medium"]) == (20, "video")


@pytest.mark.parametrize("when", ["next tuesday", "2026-12-03", "2026-13-01T10:00"])
def test_schedule_refuses_a_time_it_cannot_read(data: Path, when: str) -> None:
    said = refused("schedule", "dana-ruiz", when, data=data, exit_code=2)
    assert "Invalid value for 'WHEN'" in said
    assert "write it like 2026-12-02T15:30" in said


def test_status_sets_any_status_and_says_so(data: Path) -> None:
    said, lines = changing("status", "ben-okafor", "closed", data=data)
    assert said == "status: following-up → closed\n"
    assert lines == (
        ["status: following-up\n"],
        ["status: closed\n"],
    )
    back = playbook("status", "ben-okafor", "contacted", data=data)
    assert back.output == "status: closed → contacted\n"
    same = playbook("status", "ben-okafor", "contacted", data=data)
    assert "nothing to change" in same.output


@pytest.mark.parametrize(
    "command",
    [
        ["log", "dana-ruis", "outreach"],
        ["schedule", "dana-ruis", "2026-12-02T15:30"],
        ["status", "dana-ruis", "closed"],
        ["edit", "dana-ruis"],
    ],
)
def test_an_unknown_id_gets_the_closest_one(data: Path, command: list[str]) -> None:
    said = refused(*command, data=data, editor="true")
    assert 'no contact has the id "dana-ruis"; did you mean "dana-ruiz"?' in said


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            ["log", "dana-ruiz", "note", "--date", "1800-01-01"],
            'dana-ruiz.yml:32:12: log[4].date: "1800-01-01" is out of range',
        ),
        (
            ["log", "dana-ruiz", "note", "x" * 501],
            "dana-ruiz.yml:32:42: log[4].note:",
        ),
        (
            ["schedule", "dana-ruiz", "2026-12-03T10:00", "--minutes", "500"],
            "dana-ruiz.yml:15:12: interview.minutes: input should be less than or equal to 240",
        ),
    ],
)
def test_a_change_that_would_break_the_build_is_refused_and_nothing_changes(
    data: Path, command: list[str], message: str
) -> None:
    said = refused(*command, data=data)
    assert message in said
    assert "nothing written: the change would break the playbook" in said


def test_a_file_with_problems_of_its_own_is_left_to_playbook_edit(data: Path) -> None:
    path = data / "contacts" / "dana-ruiz.yml"
    path.write_text(path.read_text("utf-8").replace("status: scheduled", "status: sheduled"))
    said = refused("log", "dana-ruiz", "note", "Called", data=data)
    assert 'dana-ruiz.yml:18:9: status: "sheduled" is not allowed' in said
    assert "fix the file first: playbook edit dana-ruiz" in said


def test_problems_already_in_other_files_do_not_stop_a_change(data: Path) -> None:
    other = data / "contacts" / "grace-liu.yml"
    other.write_text(other.read_text("utf-8") + "compnay: Typo Inc\n", encoding="utf-8")
    result = playbook("log", "dana-ruiz", "note", "Sent the agenda", data=data)
    assert result.exit_code == 0, result.output
    assert "Note: 1 problem in other files, there before this change" in result.output
    assert contact(data, "dana-ruiz")["log"][-1]["note"] == "Sent the agenda"


def test_dry_run_prints_the_diff_and_writes_nothing(data: Path) -> None:
    before = contact_files(data)
    for command in (
        ["log", "rachel-kim", "thank-you"],
        ["schedule", "tom-becker", "2026-12-04T11:00"],
        ["status", "ben-okafor", "closed"],
    ):
        result = playbook(*command, "--dry-run", data=data)
        assert result.exit_code == 0, result.output
        rel = f"{data}/contacts/{command[1]}.yml"
        assert f"--- a/{rel}\n+++ b/{rel}\n@@ " in result.output
        assert result.output.endswith("Dry run: nothing written.\n")
    assert (
        "+status: thanked\n"
        in playbook("log", "rachel-kim", "thank-you", "--dry-run", data=data).output
    )
    assert contact_files(data) == before


def test_a_file_saved_by_someone_else_meanwhile_is_not_overwritten(data: Path) -> None:
    root = data.parent
    opened = writeback.open_contact(data, "dana-ruiz", root)
    change = writeback.add_log(opened, opened.contact().log[-1].date, "note", "Mine")
    # Saved in an editor between reading the file and writing it.
    theirs = opened.raw + b"# added in another window\n"
    opened.path.write_bytes(theirs)
    with pytest.raises(writeback.WriteBackError, match="changed on disk since it was read"):
        writeback.save(opened, change.text)
    assert opened.path.read_bytes() == theirs
    assert sorted(contact_files(data)) == sorted(p.name for p in EXAMPLE_DATA.glob("contacts/*"))


def test_a_saved_change_keeps_the_files_permissions(data: Path) -> None:
    path = data / "contacts" / "dana-ruiz.yml"
    path.chmod(0o600)
    assert playbook("log", "dana-ruiz", "note", "Private", data=data).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o600


HAND_WRITTEN = (
    "# yaml-language-server: $schema=../../schemas/contact.schema.json\r\n"
    "# Met at the fair; written by hand, with Windows line ends.\r\n"
    "name:   Ada Lovelace    # aligned comment\r\n"
    "title: 'Analyst'\r\n"
    'company: "Babbage & Co"\r\n'
    "roles:\r\n"
    "- brand-marketing\r\n"
    "\r\n"
    "status: identified\r\n"
    "research: a long plain value\r\n"
    "  folded over two lines\r\n"
    "log:\r\n"
    "    - date: 2026-11-01\r\n"
    "      kind: note   # first contact\r\n"
    "\r\n"
    "    # more below\r\n"
    "tags: [fair,  'in-house']\r\n"
)


def test_a_hand_written_file_keeps_every_line_it_had(data: Path) -> None:
    path = data / "contacts" / "ada-lovelace.yml"
    path.write_bytes(b"\xef\xbb\xbf" + HAND_WRITTEN.encode())
    before = path.read_bytes()
    result = playbook("log", "ada-lovelace", "outreach", "Wrote: about the fair", data=data)
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")  # the byte-order mark stays
    assert after.count(b"\r\n") == after.count(b"\n")  # and so do the line ends
    assert changed_lines(before, after) == (
        ["status: identified\r\n"],
        [
            "status: contacted\r\n",
            "    - date: 2026-11-25\r\n",
            "      kind: outreach\r\n",
            '      note: "Wrote: about the fair"\r\n',
        ],
    )


def write_editor(tmp_path: Path, *edits: tuple[str, str]) -> str:
    """A stand-in for $EDITOR: each run makes the next (old, new) replacement in the file it is
    given, and records the file's path."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        f"edits = {list(edits)!r}\n"
        f"runs = pathlib.Path({str(tmp_path / 'runs')!r})\n"
        "done = runs.read_text().count('\\n') if runs.exists() else 0\n"
        "with runs.open('a') as log: log.write(sys.argv[1] + '\\n')\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "old, new = edits[min(done, len(edits) - 1)]\n"
        "path.write_text(path.read_text(encoding='utf-8').replace(old, new), encoding='utf-8')\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def editor_runs(tmp_path: Path) -> list[Path]:
    return [Path(line) for line in (tmp_path / "runs").read_text().splitlines()]


def test_edit_writes_a_valid_edit(data: Path, tmp_path: Path) -> None:
    editor = write_editor(tmp_path, ("title: Marketing Director", "title: Head of Brand"))
    said, lines = changing("edit", "dana-ruiz", data=data, editor=editor)
    assert said == f"wrote {data}/contacts/dana-ruiz.yml\n"
    assert lines == (
        ["title: Marketing Director\n"],
        ["title: Head of Brand\n"],
    )
    copy = editor_runs(tmp_path)[0]
    assert copy.name == "dana-ruiz.yml"  # the editor sees a YAML file
    assert not copy.parent.exists()  # the copy is cleaned up
    assert not copy.is_relative_to(data)  # and never was where a build would read it


def test_edit_shows_the_problem_then_edits_again_until_it_is_valid(
    data: Path, tmp_path: Path
) -> None:
    path = data / "contacts" / "dana-ruiz.yml"
    editor = write_editor(
        tmp_path,
        ("roles: [brand-marketing]", "roles: [brand-marketting]"),
        ("brand-marketting", "content-marketing"),
    )
    result = playbook("edit", "dana-ruiz", data=data, editor=editor, input="e\n")
    assert result.exit_code == 0, result.output
    assert (
        f'{path}:5:9: roles[0]: no role has the id "brand-marketting"; '
        'did you mean "brand-marketing" or "content-marketing"?'
    ) in result.output
    assert "Edit again (e) or discard your changes (d)?" in result.output
    assert len(editor_runs(tmp_path)) == 2
    assert contact(data, "dana-ruiz")["roles"] == ["content-marketing"]


def test_edit_discards_an_invalid_edit_when_asked_and_nothing_changes(
    data: Path, tmp_path: Path
) -> None:
    editor = write_editor(tmp_path, ("status: scheduled", "status: done"))
    said = refused("edit", "dana-ruiz", data=data, editor=editor, input="d\n")
    assert 'dana-ruiz.yml:18:9: status: "done" is not allowed' in said
    assert "changes discarded" in said
    assert not editor_runs(tmp_path)[0].parent.exists()


def test_edit_checks_the_whole_playbook_not_just_the_file(data: Path, tmp_path: Path) -> None:
    # Mark introduced Dana; saying Dana introduced Mark makes a circle, reported on Dana's file.
    editor = write_editor(
        tmp_path, ("source: alumni\n", "source: alumni\nintroduced_by: dana-ruiz\n")
    )
    said = refused("edit", "mark-cho", data=data, editor=editor, input="d\n")
    assert (
        "dana-ruiz.yml:7:16: introduced_by: introductions go round in a circle: "
        "dana-ruiz → mark-cho → dana-ruiz"
    ) in said


def test_edit_mends_a_file_the_build_cannot_read(data: Path, tmp_path: Path) -> None:
    path = data / "contacts" / "dana-ruiz.yml"
    path.write_text(path.read_text("utf-8").replace("title: Marketing Director", "title: x: y"))
    assert playbook("validate", data=data).exit_code == 1
    editor = write_editor(tmp_path, ("title: x: y", 'title: "x: y"'))
    result = playbook("edit", "dana-ruiz", data=data, editor=editor)
    assert result.exit_code == 0, result.output
    assert playbook("validate", data=data).exit_code == 0


def test_edit_keeps_your_version_when_the_file_changed_meanwhile(
    data: Path, tmp_path: Path
) -> None:
    path = data / "contacts" / "dana-ruiz.yml"
    # The editor also stands for another program saving the real file while you edit.
    script = tmp_path / "editor.py"
    script.write_text(
        "import pathlib, sys\n"
        f"real = pathlib.Path({str(path)!r})\n"
        "real.write_text(real.read_text() + '# saved elsewhere\\n')\n"
        "copy = pathlib.Path(sys.argv[1])\n"
        "copy.write_text(copy.read_text().replace('Marketing Director', 'Director'))\n",
        encoding="utf-8",
    )
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    result = playbook("edit", "dana-ruiz", data=data, editor=editor)
    assert result.exit_code == 1
    assert "changed on disk since it was read" in result.output
    kept = Path(result.output.rsplit("your version is kept in ", 1)[1].strip())
    assert "title: Director" in kept.read_text("utf-8")
    assert path.read_text("utf-8").endswith("# saved elsewhere\n")
    assert "title: Marketing Director" in path.read_text("utf-8")
    shutil.rmtree(kept.parent)


def test_edit_dry_run_and_no_change(data: Path, tmp_path: Path) -> None:
    before = contact_files(data)
    editor = write_editor(tmp_path, ("title: Marketing Director", "title: Head of Brand"))
    dry = playbook("edit", "dana-ruiz", "--dry-run", data=data, editor=editor)
    assert dry.exit_code == 0, dry.output
    assert "-title: Marketing Director\n+title: Head of Brand\n" in dry.output
    assert dry.output.endswith("Dry run: nothing written.\n")
    unchanged = playbook("edit", "dana-ruiz", data=data, editor="true")
    assert unchanged.exit_code == 0
    assert "no change; nothing written" in unchanged.output
    assert contact_files(data) == before


@pytest.mark.parametrize(
    "note", ["yes", "12:30", "?0", "[not, a, list]", "a: b # c", "{{ x }}", "null"]
)
def test_a_note_is_stored_as_typed_whatever_yaml_would_make_of_it(data: Path, note: str) -> None:
    result = playbook("log", "dana-ruiz", "note", note, data=data)
    assert result.exit_code == 0, result.output
    assert contact(data, "dana-ruiz")["log"][-1] == {
        "date": date(2026, 11, 25),
        "kind": "note",
        "note": note,
    }


def test_without_a_readable_profile_there_is_no_day_to_log_on(data: Path) -> None:
    (data / "profile.yml").write_text("name: [\n", encoding="utf-8")
    said = refused("log", "dana-ruiz", "note", data=data)
    assert "profile.yml is missing or has problems" in said
    assert "run playbook validate" in said


COMMENTED = (
    "name: Ada Lovelace\n"
    "roles: [brand-marketing]\n"
    "status: identified\n"
    "\n"
    "# Met at the fair\n"
    "log:\n"
    "  - date: 2026-11-01\n"
    "    kind: note\n"
    "\n"
    "# Notes below are mine\n"
    "notes: hi\n"
    "public: false\n"
)


@pytest.mark.parametrize(
    "command",
    [["schedule", "ada", "2026-12-10T10:00"], ["log", "ada", "outreach", "Wrote"]],
    ids=["schedule", "log"],
)
def test_a_comment_between_two_keys_stays_with_the_key_below_it(
    data: Path, command: list[str]
) -> None:
    """ruamel.yaml keeps a comment line (and the blank line above it) with the value before
    it: a new log entry went in below `# Notes below are mine`, inside the log list, and a new
    `interview:` between `# Met at the fair` and `log:`."""
    path = data / "contacts" / "ada.yml"
    path.write_text(COMMENTED, encoding="utf-8")
    result = playbook(*command, data=data)
    assert result.exit_code == 0, result.output
    text = path.read_text("utf-8")
    assert "\n\n# Met at the fair\nlog:\n" in text
    assert "    kind: note\n  - date: 2026-11-25\n" in text
    assert "\n\n# Notes below are mine\nnotes: hi\n" in text
    if command[0] == "schedule":
        assert "status: scheduled\ninterview:\n  when: 2026-12-10T10:00:00-06:00\n\n#" in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["log", "dana-ruiz", "note", "a\x00b"], "'[NOTE]': character 2 is the control character "),
        (
            ["log", "dana-ruiz", "note", "bell\x07"],
            "'[NOTE]': character 5 is the control character",
        ),
        (["log", "dana-ruiz", "note", "half \ud83d"], "'[NOTE]': character 6 is U+D83D, half of"),
        (["schedule", "dana-ruiz", "2026-12-01T10:00", "--where", "Zoom\x1b"], "'--where': "),
    ],
)
def test_text_no_file_can_hold_is_refused_naming_the_argument(
    data: Path, args: list[str], said: str
) -> None:
    """A NUL was written into the file and reached the prep sheet's HTML; a lone surrogate
    was blamed on the file ("close the quote")."""
    assert f"Invalid value for {said}" in refused(*args, data=data, exit_code=2)


def test_command_line_bytes_that_are_not_utf8_are_refused_naming_the_argument(
    data: Path,
) -> None:
    """The real thing: a raw Latin-1 byte in argv, which Python hands over as a surrogate
    (surrogateescape). Only a separate process gets argv bytes as a shell passes them."""
    before = contact_files(data)
    env = {**os.environ, **ENV, "NO_MKDOCS_2_WARNING": "1"}
    command: list[str | bytes] = [sys.executable, "-m", "playbook.cli", "log", "dana-ruiz"]
    command += ["note", b"caf\xe9"]
    result = subprocess.run(
        [*command, "--data", str(data)], env=env, capture_output=True, timeout=120
    )
    said = result.stderr.decode()
    assert result.returncode == 2, said
    assert "Invalid value for '[NOTE]': character 4 is the byte 0xe9, which is not UTF-8" in said
    assert "Traceback" not in said
    assert contact_files(data) == before
