"""Every mistake in tests/bad/ gets its own clear message, from the core, `playbook validate`
and a real `mkdocs build`: FILE:LINE:COLUMN: FIELD: what is wrong; hint. Never a traceback."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from helpers.project import BASE, PLAYBOOK, ROOT, TODAY, make_project, mkdocs_build
from playbook.core.parse import parse_yaml
from playbook.core.problems import DataError, Problem
from playbook.core.sources import load_documents
from playbook.logic.playbook import make_playbook

BAD = ROOT / "tests" / "bad"
DIRECTIVE = re.compile(rb"^# (path|expect|symlink|pad-to|with (\S+)): (.*?)\r?$", re.M)


@dataclass
class Case:
    name: str
    content: bytes
    path: str = ""
    expect: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    symlink: bool = False
    pad_to: int = 0

    @classmethod
    def read(cls, file: Path) -> Case:
        case = cls(file.name, file.read_bytes())
        for match in DIRECTIVE.finditer(case.content):
            key, target, value = (g.decode() if g else "" for g in match.groups())
            if key == "path":
                case.path = value
            elif key == "expect":
                case.expect.append(value)
            elif key == "symlink":
                case.symlink = True
            elif key == "pad-to":
                case.pad_to = int(value)
            else:
                case.extra[target] = value + "\n"
        assert case.path and case.expect, f"{file.name} needs # path: and # expect: lines"
        return case

    def install(self, project: Path) -> Path:
        """A project folder with the base playbook and this case's files; returns data/."""
        data = project / "data"
        shutil.copytree(BASE, data)
        content = self.content
        if self.pad_to:
            filler = b"# padding to make the file large\n"
            content += filler * ((self.pad_to - len(content)) // len(filler) + 1)
            content = content[: self.pad_to - 1] + b"\n"
        target = project / self.path
        target.unlink(missing_ok=True)
        if self.symlink:
            outside = project / "outside" / target.name
            outside.parent.mkdir()
            outside.write_bytes(content)
            target.symlink_to(outside)
        else:
            target.write_bytes(content)
        for rel, text in self.extra.items():
            (project / rel).write_text(text, encoding="utf-8")
        return data


CASES = [Case.read(f) for f in sorted(BAD.iterdir()) if f.is_file() and f.name != "README.md"]


def problems_of(data: Path, root: Path) -> list[str]:
    try:
        make_playbook(load_documents(data, root), TODAY)
    except DataError as error:
        return [str(p) for p in error.problems]
    return []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_core_reports_exactly_the_expected_problems(case: Case, tmp_path: Path) -> None:
    data = case.install(tmp_path)
    assert problems_of(data, tmp_path) == case.expect


def test_the_base_playbook_of_the_corpus_is_clean() -> None:
    assert problems_of(BASE, BASE.parent) == []


def validate(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PLAYBOOK, "validate"],
        cwd=project,
        env={**os.environ, "PLAYBOOK_TODAY": TODAY.isoformat()},
        capture_output=True,
        text=True,
        timeout=60,
    )


# One case from each stage (files, YAML, fields, references, templates, several files): the
# command prints what the core reports for every case above; a process per case would cost ~0.4 s.
CLI_CASES = [
    "symlink-outside-data.yml",
    "yaml-syntax-error.yml",
    "duplicate-key.yml",
    "interview-when-not-a-date-time.yml",
    "introduced-by-cycle.yml",
    "unknown-template-variable.md",
    "several-problems-in-several-files.yml",
]


def test_playbook_validate_prints_the_messages_and_exits_1(tmp_path: Path) -> None:
    """Real `playbook validate` processes, run side by side to keep the suite fast."""
    running = {}
    for case in (c for c in CASES if c.name in CLI_CASES):
        project = tmp_path / case.name
        project.mkdir()
        case.install(project)
        running[case.name] = (
            case,
            subprocess.Popen(
                [PLAYBOOK, "validate"],
                cwd=project,
                env={**os.environ, "PLAYBOOK_TODAY": TODAY.isoformat()},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    assert len(running) == len(CLI_CASES)
    for case, process in running.values():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 1, case.name
        assert "Traceback" not in out + err
        count = len(case.expect)
        assert err.splitlines() == [
            f"{count} problem{'s' if count > 1 else ''} in the playbook data:",
            *case.expect,
        ]


def test_playbook_validate_exits_0_on_clean_data(tmp_path: Path) -> None:
    shutil.copytree(BASE, tmp_path / "data")
    result = validate(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "all good" in result.stdout


@pytest.mark.parametrize(
    "name",
    ["interview-when-not-a-date-time.yml", "unknown-template-variable.md", "alias-bomb.yml"],
)
@pytest.mark.builds
def test_mkdocs_build_fails_with_the_same_messages_and_no_traceback(
    name: str, tmp_path: Path
) -> None:
    case = next(c for c in CASES if c.name == name)
    data = case.install(tmp_path)
    built = mkdocs_build(make_project(tmp_path, data), check=False)
    assert built.returncode != 0
    assert "Traceback" not in built.output
    for message in case.expect:
        assert message in built.output
    assert not (built.site / "index.html").exists()


def install_base(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    return data


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    data = install_base(tmp_path)
    contact = data / "contacts" / "mark-cho.yml"
    contact.write_bytes(b"\xef\xbb\xbf" + contact.read_bytes())
    assert problems_of(data, tmp_path) == []


def test_a_file_of_zero_bytes_is_empty(tmp_path: Path) -> None:
    data = install_base(tmp_path)
    (data / "roles" / "brand-marketing.yml").write_bytes(b"")
    assert problems_of(data, tmp_path) == [
        "data/roles/brand-marketing.yml:1:1: (file): the file is empty; fill it in, or delete it"
    ]


def test_an_alias_bomb_stops_with_bounded_memory(tmp_path: Path) -> None:
    """Nine levels of nine aliases would be 387 million values; it stops at the node budget."""
    case = next(c for c in CASES if c.name == "alias-bomb.yml")
    data = case.install(tmp_path)
    tracemalloc.start()
    try:
        assert problems_of(data, tmp_path) == case.expect
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def test_deep_nesting_is_a_clear_error(tmp_path: Path) -> None:
    data = install_base(tmp_path)
    (data / "contacts" / "deep.yml").write_text("name: " + "[" * 5000 + "]" * 5000 + "\n")
    (problem,) = problems_of(data, tmp_path)
    assert problem.startswith("data/contacts/deep.yml:1:")
    assert problem.endswith(
        "(file): the values are nested hundreds of levels deep; "
        "data files need only a few levels of lists and mappings"
    )


def test_problems_sort_by_file_then_line_as_numbers() -> None:
    problems = [
        Problem("data/b.yml", 2, 1, "x", "m"),
        Problem("data/a.yml", 10, 1, "x", "m"),
        Problem("data/a.yml", 9, 5, "x", "m"),
    ]
    assert [str(p)[:14] for p in DataError(problems).problems] == [
        "data/a.yml:9:5",
        "data/a.yml:10:",
        "data/b.yml:2:1",
    ]


def test_the_readme_shows_a_real_error_message(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## When something is wrong", 1)[1]
    block = section.split("```console\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0] == "$ playbook validate"
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for rel, old, new in [
        ("contacts/ben-okafor.yml", "\ncompany:", "\ncompnay:"),
        ("contacts/dana-ruiz.yml", "when: 2026-12-02T15:30:00-06:00", "when: next tuesday"),
        ("contacts/mark-cho.yml", "roles: [brand-marketing]", "roles: [brand-marketting]"),
    ]:
        path = data / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    try:
        make_playbook(load_documents(data, tmp_path), TODAY)
    except DataError as error:
        assert error.report().splitlines() == block[1:]
    else:
        pytest.fail("the README's broken data passed")


def test_strange_file_names_still_give_one_line_per_problem(tmp_path: Path) -> None:
    data = install_base(tmp_path)
    contacts = os.fsencode(data / "contacts")
    for name in (b"caf\xe9.yml", b"new\nline.yml"):
        Path(os.fsdecode(os.path.join(contacts, name))).write_text("name: X\n")
    assert problems_of(data, tmp_path) == [
        'data/contacts/caf\\udce9.yml:1:1: (file): "caf\\udce9" is not a safe id; '
        "file names are lowercase words joined by hyphens, like caf.yml",
        'data/contacts/new\\nline.yml:1:1: (file): "new\\nline" is not a safe id; '
        "file names are lowercase words joined by hyphens, like new-line.yml",
    ]


def test_a_linked_folder_outside_data_and_a_symlink_loop(tmp_path: Path) -> None:
    data = install_base(tmp_path)
    (tmp_path / "outside").mkdir()
    shutil.move(data / "roles", tmp_path / "outside" / "roles")
    (data / "roles").symlink_to(tmp_path / "outside" / "roles")
    (data / "contacts" / "loop-a.yml").symlink_to("loop-b.yml")
    (data / "contacts" / "loop-b.yml").symlink_to("loop-a.yml")
    # No "unknown role" for the contacts whose role file was refused.
    assert problems_of(data, tmp_path) == [
        "data/contacts/loop-a.yml:1:1: (file): a symlink that points to itself; delete it",
        "data/contacts/loop-b.yml:1:1: (file): a symlink that points to itself; delete it",
        "data/roles/brand-marketing.yml:1:1: (file): a symlink pointing outside data/; "
        "copy the file into data/ instead of linking to it",
    ]


@pytest.mark.parametrize("value", ["!!str [a]", "!!int [1]", "!!map x", "!!seq {a: 1}", "!x 1"])
def test_a_tag_that_does_not_fit_its_node_is_refused(value: str) -> None:
    with pytest.raises(DataError) as raised:
        parse_yaml(f"title: {value}\n", "x.yml")
    (problem,) = raised.value.problems
    assert str(problem).startswith("x.yml:1:8: title: unsupported YAML tag")
