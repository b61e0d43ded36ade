"""Editors help before the build does: the committed JSON Schemas are current, every example data
file points at its schema, and the example data validates against it with `jsonschema`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from helpers.project import EXAMPLE_DATA, PM_DATA, ROOT
from playbook.core.kinds import FILE_KINDS
from playbook.core.parse import parse_document
from playbook.core.schema import schema_files, schema_for

SCHEMAS = ROOT / "schemas"
PLAYBOOK = str(Path(sys.executable).with_name("playbook"))


def example_files() -> list[tuple[Path, str]]:
    files = []
    for data in (EXAMPLE_DATA, PM_DATA):
        files.append((data / "profile.yml", "profile"))
        for kind in FILE_KINDS:
            if kind.folder:
                files += [
                    (p, kind.name) for p in sorted((data / kind.folder).glob("*" + kind.suffix))
                ]
    return files


FILES = example_files()
# Templates are Markdown: yaml-language-server reads no modeline in front matter.
YAML_FILES = [(p, k) for p, k in FILES if k != "template"]


def test_committed_schemas_are_up_to_date() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.json")}
    assert committed == schema_files(), "run `playbook schema` and commit schemas/"


def test_playbook_schema_writes_one_schema_per_kind(tmp_path: Path) -> None:
    result = subprocess.run(
        [PLAYBOOK, "schema", "--out", str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    written = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert written == schema_files()
    assert set(written) == {f"{kind.name}.schema.json" for kind in FILE_KINDS}


@pytest.mark.parametrize("path,kind", FILES, ids=[str(p.relative_to(ROOT)) for p, _ in FILES])
def test_example_data_validates_against_its_schema(path: Path, kind: str) -> None:
    # Values as the editor sees them: dates stay text, exactly as our loader keeps them.
    document = parse_document(path, path.name, kind, path.stem)
    jsonschema.validate(document.data, schema_for(kind))


@pytest.mark.parametrize(
    "path,kind", YAML_FILES, ids=[str(p.relative_to(ROOT)) for p, _ in YAML_FILES]
)
def test_example_yaml_files_point_at_their_schema(path: Path, kind: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first.removeprefix(prefix)).resolve()
    assert target == SCHEMAS / f"{kind}.schema.json"


def test_schemas_catch_what_the_build_would_reject() -> None:
    validator = jsonschema.Draft202012Validator(schema_for("contact"))
    errors = {e.message for e in validator.iter_errors({"nmae": "Dana", "status": "schedule"})}
    assert "'name' is a required property" in errors
    assert any("nmae" in e for e in errors)
    assert any("'schedule' is not one of" in e for e in errors)
    description = schema_for("contact")["properties"]["introduced_by"]["description"]
    assert description == "Id of the contact who introduced you."


def test_the_schema_says_a_finding_has_exactly_one_kind() -> None:
    validator = jsonschema.Draft202012Validator(schema_for("contact"))

    def problems(*learned: dict) -> list[str]:
        return [e.message for e in validator.iter_errors({"name": "Dana", "learned": [*learned]})]

    assert (
        problems({"skill": "SQL", "note": "a take-home"}, {"opening": "Analyst", "role": "x"}) == []
    )
    assert problems({"skill": "SQL", "tool": "Tableau"})  # two kinds
    assert problems({"note": "no kind"})
    assert problems({"book": "Building a StoryBrand"})
    assert problems({"skill": ""})
