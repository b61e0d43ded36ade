"""The generated playbooks: valid, repeatable, every field filled, and a prep sheet that does
not grow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from benchmarks.generate import TODAY, first_contact_id, generate, generate_data

from helpers.core import pages_of, playbook_of
from playbook.core.model import (
    STATUSES,
    Contact,
    ExtraQuestion,
    Finding,
    Interview,
    Links,
    LogEntry,
    QuestionChoice,
)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.yml")}


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    generate_data(tmp_path / "a", 30)
    generate_data(tmp_path / "b", 30)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    generate_data(tmp_path / "c", 30, seed=9)
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_a_bigger_playbook_starts_with_the_smaller_ones_contacts(tmp_path: Path) -> None:
    generate_data(tmp_path / "small", 30)
    generate_data(tmp_path / "big", 120)
    small = _files(tmp_path / "small" / "contacts")
    big = _files(tmp_path / "big" / "contacts")
    assert len(small) == 30 and len(big) == 120
    assert {name: big.get(name) for name in small} == small
    assert len(list((tmp_path / "big" / "roles").glob("*.yml"))) == 3  # one role per 50 contacts


def test_a_generated_playbook_is_valid_and_varied(tmp_path: Path) -> None:
    data = tmp_path / "data"
    generate_data(data, 150)
    pb = playbook_of(data, TODAY)
    contacts = list(pb.contacts.values())
    assert len(contacts) == 150
    assert {c.status for c in contacts} == set(STATUSES)
    assert sum(1 for c in contacts if c.introduced_by) > 10
    assert sum(1 for c in contacts if c.public) > 10
    assert all(pb.contacts_for_role(role) for role in pb.roles.values())
    assert all(pb.questions_for_role(role) for role in pb.roles.values())
    assert any(pb.messages(c) for c in contacts)
    assert any(c.questions.extra for c in contacts) and any(c.notes for c in contacts)


def _paths(value: Any, prefix: str = "") -> set[str]:
    """The dotted paths of the values a file fills in (list items share their list's path)."""
    if isinstance(value, dict):
        return {p for key, item in value.items() for p in _paths(item, f"{prefix}{key}.")}
    if isinstance(value, list):
        return {p for item in value for p in _paths(item, prefix)}
    return {prefix.rstrip(".")} if value not in (None, "", False) else set()


def test_between_them_the_contacts_fill_every_field_a_contact_file_has(tmp_path: Path) -> None:
    """What the leak scan relies on: a field no contact fills is a field it never looks at."""
    generate_data(tmp_path / "data", 200)
    filled = set().union(
        *(
            _paths(yaml.safe_load(path.read_text(encoding="utf-8")))
            for path in (tmp_path / "data" / "contacts").glob("*.yml")
        )
    )
    nested = {"links": Links, "interview": Interview, "learned": Finding, "log": LogEntry}
    nested |= {"questions": QuestionChoice, "questions.extra": ExtraQuestion}
    every = {name for name in Contact.model_fields if name not in ("id", "body")}
    for name, model in nested.items():  # `extra` is a question's text, or the whole question
        every |= {f"{name}.{inner}" for inner in model.model_fields}
    assert every - set(nested) - {"questions.extra"} - filled == set()
    assert "questions.extra" in filled


def test_indexes_answer_as_a_scan_of_every_contact_and_question_would(tmp_path: Path) -> None:
    data = tmp_path / "data"
    generate_data(data, 150)
    pb = playbook_of(data, TODAY)
    for contact in pb.contacts.values():
        scan = [c for c in pb.contacts.values() if c.introduced_by == contact.id]
        assert pb.introduced(contact) == scan
        # Every question that suits their roles is planned or kept as a backup; no other.
        wanted = {tag for role in pb.roles_of(contact) for tag in role.question_tags}
        skip = set(contact.questions.skip) | {pb.profile.closing_question}
        suiting = {
            q.id
            for q in pb.questions.values()
            if (not q.tags or wanted.intersection(q.tags)) and q.id not in skip
        }
        plan = pb.plan(contact)
        offered = {q.id for q in (*plan.questions, *plan.backups) if q.reason != "picked"}
        assert offered - {None, pb.profile.closing_question} == suiting - set(
            contact.questions.pick
        )
    for role in pb.roles.values():
        assert pb.contacts_for_role(role) == [c for c in pb.contacts.values() if role.id in c.roles]
        tags = set(role.question_tags)
        expected = [q for q in pb.questions.values() if tags.intersection(q.tags)]
        assert pb.questions_for_role(role) == expected


def test_one_prep_sheet_is_the_same_page_in_a_small_and_a_large_playbook(tmp_path: Path) -> None:
    generate_data(tmp_path / "small", 60)
    generate_data(tmp_path / "large", 200)
    uri = f"contacts/{first_contact_id()}.md"
    assert pages_of(tmp_path / "small", TODAY)[uri] == pages_of(tmp_path / "large", TODAY)[uri]


def test_generate_writes_a_project_that_refuses_to_overwrite(tmp_path: Path) -> None:
    project = generate(tmp_path / "project", 5)
    assert (project / "mkdocs.yml").is_file() and (project / "content" / "guide").is_dir()
    assert len(list((project / "data" / "contacts").glob("*.yml"))) == 5
    try:
        generate(project, 5)
    except FileExistsError as error:
        assert str(project) in str(error)
    else:
        raise AssertionError("generate() overwrote an existing folder")
