"""Property: no value in any field, and no file content at all, produces a traceback. Every run
ends in a rendered playbook or in a DataError whose every line is FILE:LINE:COLUMN: FIELD: ...

Runs the pure core (load → validate → link → render) on the corpus' small base playbook, with one
file changed per example; the real `mkdocs build` of hostile values is in test_injection.py.
"""

from __future__ import annotations

import re
import tempfile
import typing
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from helpers.project import BASE, TODAY
from playbook.cli.support import SiteAddress
from playbook.core.kinds import FILE_KINDS
from playbook.core.parse import Document, parse_document
from playbook.core.problems import DataError
from playbook.core.sources import load_documents
from playbook.logic import checks
from playbook.logic.playbook import make_playbook
from playbook.pages import ics
from playbook.pages.catalogue import render_bodies

LINE = re.compile(r"^.+?:\d+:\d+: \S.*: \S")
FILES = {
    "profile": "profile.yml",
    "contact": "contacts/dana-ruiz.yml",
    "role": "roles/brand-marketing.yml",
    "bank": "questions/tiara.yml",
    "checklist": "checklists/before.yml",
    "template": "templates/thank-you.md",
}
BASE_DOCS = [d for d in load_documents(BASE, BASE.parent) if isinstance(d, Document)]


def field_paths(model: type[BaseModel], prefix: tuple = ()) -> list[tuple]:
    """Every field of a model and of the models inside it; lists are reached through item 0."""
    paths = []
    for name, info in model.model_fields.items():
        if name in ("id", "body"):
            continue
        path = (*prefix, name)
        paths.append(path)
        inner = [a for a in _flatten(info.annotation) if isinstance(a, type)]
        is_list = any(typing.get_origin(a) is list for a in _flatten(info.annotation, True))
        for sub in inner:
            if issubclass(sub, BaseModel):
                paths += field_paths(sub, (*path, 0) if is_list else path)
        if is_list:
            paths.append((*path, 0))
    return paths


def _flatten(annotation: Any, keep_generics: bool = False) -> list[Any]:
    found = [annotation] if keep_generics or not typing.get_args(annotation) else []
    for arg in typing.get_args(annotation):
        found += _flatten(arg, keep_generics)
    return found


PATHS = [
    (kind, path)
    for kind, model in ((k.name, k.model) for k in FILE_KINDS)
    for path in field_paths(model)
]

SPECIAL = st.sampled_from(
    [
        "",
        " ",
        "2026-02-30",
        "2026-12-02T15:30:00",
        "2026-12-02T25:00:00+99:00",
        "9999-12-31T23:59:59-12:00",
        "0001-01-01",
        "mark-cho",
        "who-else",
        "../x",
        "Dana Ruiz",
        "javascript:alert(1)",
        "https://example.com",
        "mailto:a@b.co",
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "{% for x in range(99999) %}{% endfor %}",
        "a" * 600,
        "\x00\x1b[31m",
        "1e999",
        "-1",
        "0",
        "nan",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=40),
    st.dates().map(str),
    st.datetimes().map(lambda d: d.isoformat()),
    SPECIAL,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["name", "when", "id"]), inner, max_size=3
        )
    ),
    max_leaves=6,
)


def put(data: Any, path: tuple, value: Any) -> Any:
    """data with the value at path, creating mappings and lists on the way."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(data) if isinstance(data, list) else []
        items = items or [{}]
        items[0] = put(items[0], rest, value)
        return items
    mapping = dict(data) if isinstance(data, dict) else {}
    mapping[head] = put(mapping.get(head), rest, value)
    return mapping


def run_core(kind: str, text: str | bytes) -> None:
    """Load the base playbook with one file replaced; only a clean DataError may come out."""
    rel = FILES[kind]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        replaced = ("profile", "profile") if kind == "profile" else (kind, path.stem)
        documents: list[Any] = [d for d in BASE_DOCS if (d.kind, d.id) != replaced]
        try:
            documents.append(parse_document(path, rel, kind, replaced[1]))
        except DataError as error:
            documents.append(error)
        try:
            playbook = make_playbook(documents, TODAY)
        except DataError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.line >= 1 and problem.column >= 1
                assert LINE.match(str(problem)) or str(problem).count(":") >= 3, str(problem)
            return
        # Everything a build makes from a linked playbook, private and public.
        render_bodies(playbook)
        checks.template_warnings(playbook)
        ics.calendar_ics(playbook, "/", SiteAddress("/", True).sheets(playbook.contacts))
        render_bodies(playbook, public=True)


def base_data(kind: str) -> dict[str, Any]:
    return next(d.data for d in BASE_DOCS if d.kind == kind)


@given(st.sampled_from(PATHS), VALUES)
def test_any_value_in_any_field_gives_a_page_or_a_clean_error(where: tuple, value: Any) -> None:
    kind, path = where
    data = put(base_data(kind), path, value)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if kind == "template":
        body = next(d.body for d in BASE_DOCS if d.kind == "template")
        text = f"---\n{text}---\n{body}"
    run_core(kind, text)


@given(st.sampled_from(sorted(FILES)), st.text(max_size=300) | st.binary(max_size=300))
def test_any_file_content_gives_a_page_or_a_clean_error(kind: str, content: str | bytes) -> None:
    run_core(kind, content)


@given(st.sampled_from(sorted(FILES)), st.text(alphabet="ab:-[]{}&*!|>'\"\n #\t?,", max_size=80))
def test_yaml_punctuation_soup_gives_a_page_or_a_clean_error(kind: str, content: str) -> None:
    run_core(kind, content)


TAGS = st.sampled_from(
    [
        "!!int",
        "!!float",
        "!!bool",
        "!!null",
        "!!str",
        "!!map",
        "!!seq",
        "!!timestamp",
        "!!binary",
        "!!set",
        "!!omap",
        "!!merge",
        "!!python/object/apply:os.system",
        "!local",
    ]
)


@given(TAGS, st.text(max_size=12) | st.sampled_from(["[a, b]", "{a: 1}", "", "1", "yes"]))
def test_explicit_tags_give_a_page_or_a_clean_error(tag: str, value: str) -> None:
    scalar = value if value[:1] in "[{" or not value else yaml.safe_dump(value).split("\n")[0]
    run_core("contact", f"name: Dana Ruiz\ntitle: {tag} {scalar}\n")
