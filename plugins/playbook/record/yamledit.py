"""Change a YAML file the way a careful person would by hand: only the lines that change.

ruamel.yaml's round-trip mode loads a file into mappings and lists that remember their comments,
key order, quoting and flow or block style, and writes them back. It still normalises a few
things (the indentation of lists, spaces after a colon, a `---` line, long plain values folded
over several lines), so its output is not used whole: the lines it changed between writing the
file back untouched and writing it back changed are carried over into the original text, and
every other line stays as it was, byte for byte.

Reading for builds does not come through here; core/parse.py stays the fast reader.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from playbook.core.parse import parse_yaml
from playbook.core.problems import DataError

# `key:` alone on a line (a block value follows), then what follows it.
_BLOCK_KEY = re.compile(r"^( *)[^\s#-][^#]*:[ \t]*(?:#.*)?$")
_SEQUENCE_ITEM = re.compile(r"^( *)- ")
_NESTED_KEY = re.compile(r"^( *)[^\s#-][^:#]*:(?:\s|$)")


class EditError(Exception):
    """ruamel.yaml could not read the file (the fast loader reads it, so this is rare)."""


class _Representer(RoundTripRepresenter):
    """New date-times are written the way people write them in these files,
    `2026-12-02T15:30:00-06:00`, not ruamel's default with a space for the T."""


def _represent_moment(representer: RoundTripRepresenter, value: datetime) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


# Only plain `datetime` values set by a change; those read from the file (ruamel's TimeStamp)
# keep their own representer and so their own spelling.
_Representer.add_representer(datetime, _represent_moment)


# What may go unquoted is judged the way the builds' reader (libyaml, YAML 1.1) reads it, not by
# ruamel's YAML 1.2 rules: those write `{note: ?0}`, which libyaml cannot parse, and `note: yes`
# or `note: 12:30`, which YAML 1.1 reads as true and as the number 750.
_LIBYAML_RULES = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
_LIBYAML_TYPES = yaml.resolver.Resolver()
_TEXT = "tag:yaml.org,2002:str"


class _Emitter(Emitter):
    """Quotes where the builds' reader needs them, and double quotes for new values that need
    any, as in the example files (`note: "Zoom: link in the invite"`; ruamel would pick single
    ones). Values read with quotes keep theirs: preserve_quotes gives them their style."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        value = self.event.value
        if style == "" and not self.simple_key_context and value:
            plain = _LIBYAML_RULES.analyze_scalar(value)
            if not (plain.allow_flow_plain if self.flow_level else plain.allow_block_plain):
                return '"'
            if self.event.ctag == _TEXT and (
                _LIBYAML_TYPES.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
                != _TEXT
            ):
                return '"'
        if style == "'" and not self.event.style and self.analysis.allow_double_quoted:
            return '"'
        return style


def edit(text: str, change: Callable[[CommentedMap], None]) -> str:
    """`text` with `change` applied to its top-level mapping, every line the change did not
    touch kept as it was. `change` may run more than once, each time on a fresh copy. Raises
    EditError when ruamel.yaml cannot read the text."""
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    rewritten = None
    # ruamel indents every list alike; a hand-written file may not. Try the file's own way
    # first, then the other usual ones, until the new lines line up with their neighbours.
    for round_trip in _round_trips(text):
        try:
            data = round_trip.load(text)
        except YAMLError as error:
            raise EditError(str(error).strip()) from None
        if not isinstance(data, CommentedMap):
            raise EditError("the top level is not a mapping of field: value lines")
        untouched = _dump(round_trip, data)
        change(data)
        changed = _dump(round_trip, data)
        merged = _carry_over(text, untouched, changed, lift=True)
        merged = merged or _carry_over(text, untouched, changed, lift=False)
        if merged is None and untouched == text:
            merged = changed
        if merged is not None:
            return merged.replace("\n", newline)
        rewritten = rewritten or changed
    assert rewritten is not None
    return rewritten.replace("\n", newline)  # right, if not as the file was written


def _round_trips(text: str) -> Iterator[YAML]:
    mapping, offset = _indentation(text)
    for dash in dict.fromkeys((offset, 2, 0, 4)):
        round_trip = YAML(typ="rt")
        round_trip.Representer = _Representer
        round_trip.Emitter = _Emitter
        round_trip.preserve_quotes = True
        round_trip.width = 100_000  # never fold a long line (a note, a research paragraph)
        round_trip.indent(mapping=mapping, sequence=dash + 2, offset=dash)
        yield round_trip


def _indentation(text: str) -> tuple[int, int]:
    """How this file indents: spaces per mapping level, and where a list's `-` sits under its
    key (`log:\\n  - ...` is 2, `log:\\n- ...` as PyYAML writes it is 0). New lines then line
    up with the file's own."""
    lines = text.split("\n")
    mapping, offset = None, None
    for above, line in pairwise(lines):
        key = _BLOCK_KEY.match(above)
        if key is None:
            continue
        depth = len(key[1])
        if offset is None and (item := _SEQUENCE_ITEM.match(line)):
            offset = len(item[1]) - depth
        elif mapping is None and (nested := _NESTED_KEY.match(line)) and len(nested[1]) > depth:
            mapping = len(nested[1]) - depth
        if mapping is not None and offset is not None:
            break
    return mapping or 2, max(offset if offset is not None else 2, 0)


def _dump(round_trip: YAML, data: CommentedMap) -> str:
    stream = io.StringIO()
    round_trip.dump(data, stream)
    return stream.getvalue()


def _carry_over(original: str, untouched: str, changed: str, *, lift: bool) -> str | None:
    """The hunks between `untouched` and `changed` applied to `original`, where `untouched` is
    ruamel's rewrite of `original`. None when a hunk lands on a line that ruamel rewrote, or
    when the result would not read as the same data as `changed`.

    With `lift`, new lines go above the comment and blank lines that sit over the key they are
    inserted before (see `_above_its_comments`)."""
    lines = original.splitlines(keepends=True)
    base = untouched.splitlines(keepends=True)
    new = changed.splitlines(keepends=True)
    same: dict[int, int] = {}  # line of `untouched` → the identical line of `original`
    for block in SequenceMatcher(None, base, lines, autojunk=False).get_matching_blocks():
        same.update({block.a + k: block.b + k for k in range(block.size)})
    result: list[str] = []
    copied = 0  # lines of `original` already in `result`
    hunks = SequenceMatcher(None, base, new, autojunk=False).get_opcodes()
    for tag, b1, b2, n1, n2 in hunks:
        if tag == "equal":
            continue
        if b1 < b2:  # lines replaced or deleted: each must be a line kept from the original
            if not all(b in same for b in range(b1, b2)):
                return None
            start, end = same[b1], same[b2 - 1] + 1
            if end - start != b2 - b1:
                return None
        elif b1 - 1 in same:  # lines inserted after a kept line
            start = end = same[b1 - 1] + 1
        elif b1 in same:  # ... or before one
            start = end = same[b1]
        else:
            return None
        if start < copied:
            return None
        if lift and b1 == b2:
            start = end = _above_its_comments(lines, start, copied)
        result += lines[copied:start] + new[n1:n2]
        copied = end
    result += lines[copied:]
    merged = "".join(result)
    return merged if _same_data(merged, changed) else None


def _above_its_comments(lines: list[str], at: int, floor: int) -> int:
    """Where to insert before line `at`: above the comment lines (and blank lines) right over
    it that belong to the key below them.

    A person writes a comment over the key it is about; ruamel.yaml keeps it with the value
    before it, so a new log entry went in under `# Notes` and over `notes:`, inside the list.
    A comment indented deeper than that key stays with the lines above it (`  # more below`
    under a list's last entry)."""
    below = next((line for line in lines[at:] if _content(line)), "")
    depth = len(below) - len(below.lstrip(" "))
    while at > floor:
        above = lines[at - 1]
        if _content(above) or (above.strip() and len(above) - len(above.lstrip(" ")) > depth):
            break
        at -= 1
    return at


def _content(line: str) -> bool:
    """Not blank and not a comment line."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _same_data(one: str, other: str) -> bool:
    try:
        return bool(parse_yaml(one, "merged")[0] == parse_yaml(other, "changed")[0])
    except DataError:
        return False


def block_or_flow_like(siblings: CommentedSeq, value: CommentedMap) -> CommentedMap:
    """`value` in the style of the list it joins: one `{...}` line per entry when the last
    entry is written that way (or the list is new), else a block of `key: value` lines."""
    last = siblings[-1] if len(siblings) else None
    if not isinstance(last, CommentedMap) or last.fa.flow_style():
        value.fa.set_flow_style()
    return value


def insert_in_order(mapping: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set `mapping[key]`; a new key goes where `order` (the model's field order) puts it."""
    if key in mapping:
        mapping[key] = value
        return
    later = order[order.index(key) + 1 :] if key in order else []
    keys = list(mapping)
    position = next((keys.index(k) for k in keys if k in later), len(keys))
    mapping.insert(position, key, value)


__all__ = ["EditError", "block_or_flow_like", "edit", "insert_in_order"]
