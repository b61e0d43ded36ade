"""Parsed documents → typed models, with pydantic's errors rewritten for people."""

from __future__ import annotations

import typing
from typing import Any, TypeGuard

from pydantic import BaseModel, ValidationError

from playbook.core.kinds import BY_NAME
from playbook.core.model import FINDING_KINDS, Model
from playbook.core.parse import Document, FieldPath
from playbook.core.problems import DataError, Problem, did_you_mean, quote
from playbook.core.text import fold, slugify

DATE_HINT = "write it like 2026-11-18"
DATETIME_HINT = "write it like 2026-12-02T15:30:00-06:00"
FINDING_FIELDS = (*FINDING_KINDS, "note", "role")
KINDS_LISTED = ", ".join(FINDING_KINDS[:-1]) + f" or {FINDING_KINDS[-1]}"
# Pydantic's errors for a value of the wrong type, and what each type is called in a message.
TYPE_ERRORS = frozenset(
    {
        *("string_type", "int_type", "int_parsing", "bool_type", "bool_parsing"),
        *("list_type", "model_type", "dict_type", "model_attributes_type"),
    }
)
EXPECTED = {
    "string": "text",
    "int": "a whole number",
    "bool": "true or false",
    "list": "a list",
    "model": "a mapping of field: value",
    "dict": "a mapping of field: value",
}


def validate_document(doc: Document) -> Model:
    """The model for one document, or a DataError listing every problem in it."""
    model_cls = BY_NAME[doc.kind].model
    data = dict(doc.data)
    problems: list[Problem] = []
    if doc.kind != "profile":
        if "id" in data:
            problems.append(
                doc.problem(
                    ("id",),
                    "the id comes from the file name",
                    "delete this line, or rename the file",
                    key=True,
                )
            )
        data["id"] = doc.id
    if doc.kind == "template":
        for reserved in ("body",):
            if reserved in data:
                problems.append(
                    doc.problem(
                        (reserved,),
                        f"{quote(reserved)} is not a front-matter field",
                        "the body follows the closing ---",
                        key=True,
                    )
                )
        data["body"] = doc.body
    # Findings are checked for their shape first, where the keys' positions are known; pydantic's
    # own complaints about an entry already explained would only repeat it less clearly.
    shape_problems, explained = _finding_shapes(doc)
    problems += shape_problems
    try:
        model = model_cls.model_validate(data)
    except ValidationError as error:
        for e in error.errors(include_url=False):
            problem_path = _data_path(doc.data, e["loc"])
            if problem_path[:2] not in explained:
                problems.append(_problem(doc, model_cls, e))
        model = None
    if doc.kind == "profile" and model is not None:
        problems += _alias_problems(doc)
    if problems or model is None:
        raise DataError(problems)
    return model


def _finding_shapes(doc: Document) -> tuple[list[Problem], set[FieldPath]]:
    """Problems with the shape of each `learned` entry (no kind, two kinds, an unknown kind, a
    kind left empty), and the paths of the entries they explain."""
    entries = doc.data.get("learned") if doc.kind == "contact" else None
    if not isinstance(entries, list):
        return [], set()
    problems: list[Problem] = []
    explained: set[FieldPath] = set()
    for index, entry in enumerate(entries):
        found = _finding_shape(doc, ("learned", index), entry)
        if found:
            problems += found
            explained.add(("learned", index))
    return problems, explained


def _finding_shape(doc: Document, at: FieldPath, entry: Any) -> list[Problem]:
    """What is wrong with the shape of one `learned` entry (nothing: it has one kind)."""
    if isinstance(entry, str):
        return [
            doc.problem(
                at,
                f"{quote(entry)} has no kind",
                f"write it with one, like `- skill: SQL` (or {', '.join(FINDING_KINDS[1:])})",
            )
        ]
    if not isinstance(entry, dict):
        return []  # "expected a mapping", from pydantic
    kinds = [key for key in entry if key in FINDING_KINDS]
    unknown = [key for key in entry if key not in FINDING_FIELDS]
    found = []
    for key in unknown:
        close = did_you_mean(str(key), FINDING_FIELDS)
        hint = close if close.startswith("did you mean") else f"a finding is a {KINDS_LISTED}"
        found.append(doc.problem((*at, key), f"unknown kind {quote(key)}", hint, key=True))
    if len(kinds) > 1:
        found.append(
            doc.problem(
                (*at, kinds[1]),
                f"two kinds in one finding ({quote(kinds[0])} and {quote(kinds[1])})",
                "keep one, or make each a finding of its own (a new line starting with -)",
                key=True,
            )
        )
    elif not kinds and not unknown:
        found.append(
            doc.problem(
                at,
                "this finding has no kind",
                f"start it with a {KINDS_LISTED}, like `- skill: SQL`",
            )
        )
    for kind in kinds:
        if entry[kind] is None or (isinstance(entry[kind], str) and not entry[kind].strip()):
            found.append(
                doc.problem(
                    (*at, kind),
                    f"the {kind} is missing",
                    f"write it after the colon, like `{kind}: {_EXAMPLES[kind]}`",
                    key=True,
                )
            )
    return found


_EXAMPLES = {
    "skill": "SQL",
    "certification": "CAPM",
    "tool": "Figma",
    "company": "Northwind Foods",
    "opening": "Brand coordinator, to be posted in January",
    "advice": "Show two campaigns with numbers",
    "resource": "Building a StoryBrand (book)",
}


def _alias_problems(doc: Document) -> list[Problem]:
    """A spelling that joins two names, or a name that is also another's spelling, would make
    counting depend on the order of the file."""
    aliases = doc.data.get("aliases") or {}
    problems: list[Problem] = []
    names = {fold(str(name)): str(name) for name in aliases}
    owner: dict[str, str] = {}
    for name, spellings in aliases.items():
        for index, spelling in enumerate(spellings or []):
            key = fold(str(spelling))
            if key in names and names[key] != str(name):
                problems.append(
                    doc.problem(
                        ("aliases", name, index),
                        f"{quote(spelling)} has aliases of its own",
                        f"join the two lists under {quote(name)} or {quote(names[key])}",
                    )
                )
            elif key in owner and owner[key] != str(name):
                problems.append(
                    doc.problem(
                        ("aliases", name, index),
                        f"{quote(spelling)} is already a spelling of {quote(owner[key])}",
                        "a spelling belongs to one name: remove it from one of the two lists",
                    )
                )
            else:
                owner.setdefault(key, str(name))
    return problems


def _problem(doc: Document, model_cls: type[BaseModel], error: Any) -> Problem:
    path = _data_path(doc.data, error["loc"])
    kind, value = error["type"], error.get("input")
    name = path[-1] if path else ""
    if kind == "extra_forbidden":
        known = _field_names(model_cls, path[:-1])
        return doc.problem(
            path, f"unknown field {quote(name)}", did_you_mean(str(name), known), key=True
        )
    if kind == "missing":
        return doc.problem(path, "this required field is missing", f"add a line `{name}: ...`")
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in allowed.replace(" or ", ",").split(",") if c.strip()]
        return doc.problem(
            path,
            f"{quote(value)} is not allowed",
            did_you_mean(str(value), choices) if len(choices) else allowed,
        )
    if kind.startswith(("date_", "datetime_")):
        what = "a date-time" if kind.startswith("datetime_") else "a date"
        reason = str(error.get("ctx", {}).get("error", ""))
        # "day value is outside expected range" says why 2026-02-30 fails; other reasons
        # ("input is too short") say less than the example in the hint.
        why = f" ({reason})" if "range" in reason else ""
        hint = DATETIME_HINT if kind.startswith("datetime_") else DATE_HINT
        return doc.problem(path, f"{quote(value)} is not {what}{why}", hint)
    if kind == "string_pattern_mismatch":
        example = slugify(str(value))
        return doc.problem(
            path,
            f"{quote(value)} is not an id",
            f"ids are lowercase words joined by hyphens, like {example}"
            if example
            else "an id cannot be empty",
        )
    if kind in TYPE_ERRORS:
        expected = EXPECTED[kind.split("_")[0]]
        hint = "put the text in quotes" if expected == "text" else f"write {expected}"
        if expected == "a list" and isinstance(value, str):
            hint = f"write a list, like [{value}]"
        return doc.problem(path, f"expected {expected}, found {_describe(value)}", hint)
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        text, _, hint = message.rpartition("; ")
        return doc.problem(path, text, hint)
    return doc.problem(path, error["msg"][0].lower() + error["msg"][1:])


def _data_path(data: Any, loc: tuple[Any, ...]) -> FieldPath:
    """Pydantic's loc with union member names dropped: only the parts that index the data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if part < len(node) else None
        elif node is None and isinstance(part, (str, int)) and path[-1:] != [part]:
            path.append(part)  # a missing field below a present one
    return tuple(path)


def _field_names(model_cls: type[BaseModel], path: FieldPath) -> list[str]:
    """The fields allowed at a nested path, for did-you-mean on unknown fields."""
    current: Any = model_cls
    for part in path:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if _is_model(current) else None
        current = _inner_model(info.annotation) if info else None
        if current is None:
            return []
    return [n for n in current.model_fields if n not in ("id", "body")] if current else []


def _is_model(value: Any) -> TypeGuard[type[BaseModel]]:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no/on/off are true/false in YAML)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None or value == "":
        return "nothing"
    return quote(value)
