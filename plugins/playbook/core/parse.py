"""Parsing one data file into plain mappings that remember where every value came from.

YAML is composed with libyaml (fast) into nodes, then turned into Python values here rather than by
PyYAML's constructor, because the constructor silently keeps the last of two duplicate keys (lost
data), turns timestamps into values before we can say which field was wrong, and would expand an
alias bomb into billions of nodes. Every value keeps its line and column for error messages.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from playbook.core.problems import DataError, Problem, quote

try:  # libyaml is an order of magnitude faster; pure Python still works.
    from yaml import CSafeLoader as _YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _YamlLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
# A contact file has a few hundred nodes; this bound stops nested aliases long before they
# could expand to millions, in milliseconds and with bounded memory.
MAX_NODES = 50_000

Position = tuple[int, int]
FieldPath = tuple[str | int, ...]


class Document:
    """One parsed file: its values and where each value and key sits in the file.

    Once validated, a document keeps its model and forgets the parsed values and positions
    (`compact`): thousands of contacts then cost their models, not their parse trees. Both are
    parsed again from `source`, the text that was parsed, on the rare occasion they are needed.
    """

    def __init__(
        self,
        kind: str,
        id: str,
        rel: str,
        data: dict[str, Any],
        marks: dict[FieldPath, Position] | None = None,
        key_marks: dict[FieldPath, Position] | None = None,
        body: str = "",
        body_line: int = 1,
        *,
        source: str = "",
        line_offset: int = 0,
        digest: str = "",
    ) -> None:
        self.kind = kind
        self.id = id
        self.rel = rel
        self.body = body  # templates only: the Jinja body after the front matter
        self.body_line = body_line
        self.source = source  # the YAML text that was parsed (a template's front matter)
        self.line_offset = line_offset  # lines of the file before `source`
        self.digest = digest  # of the whole file's text: what pages made from it depend on
        self.model: Any = None  # the validated model, kept while the file is unchanged
        self._parsed: tuple[dict[str, Any], dict[FieldPath, Position], dict[FieldPath, Position]]
        self._parsed = (data, marks or {}, key_marks or {})
        self._compact = False

    def compact(self) -> None:
        """Forget the parsed values and positions (they are parsed again when asked for)."""
        if self.source:
            self._compact = True
            del self._parsed

    def _tables(
        self,
    ) -> tuple[dict[str, Any], dict[FieldPath, Position], dict[FieldPath, Position]]:
        if self._compact:
            data, builder = parse_yaml(self.source, self.rel, line_offset=self.line_offset)
            return data or {}, builder.marks, builder.key_marks
        return self._parsed

    @property
    def data(self) -> dict[str, Any]:
        return self._tables()[0]

    @property
    def marks(self) -> dict[FieldPath, Position]:
        return self._tables()[1]

    @property
    def key_marks(self) -> dict[FieldPath, Position]:
        return self._tables()[2]

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """The closest known position for a field path (a missing field points at its parent)."""
        _, marks, key_marks = self._tables()
        table = key_marks if key else marks
        for cut in range(len(path), -1, -1):
            sub = path[:cut]
            if sub in table:
                return table[sub]
            if sub in marks:
                return marks[sub]
        return (1, 1)

    def problem(
        self, path: FieldPath, message: str, hint: str = "", *, key: bool = False
    ) -> Problem:
        line, column = self.position(path, key=key)
        return Problem(self.rel, line, column, dotted(path), message, hint)


def dotted(path: FieldPath) -> str:
    """`('log', 2, 'date')` → `log[2].date`, the way a person points at a field."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _TooManyNodes(Exception):
    pass


_COLLECTION_TAGS: dict[type[yaml.Node], str] = {
    yaml.MappingNode: "tag:yaml.org,2002:map",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
}


def _short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:int` → `!!int`, the way it was written."""
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Builder:
    """Turns composed YAML nodes into Python values, recording marks and duplicate keys."""

    _scalars = yaml.constructor.SafeConstructor()
    _construct: ClassVar[dict[str, Any]] = {
        "tag:yaml.org,2002:null": lambda self, n: None,
        "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
        "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
        "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
        # Dates stay text: the model parses them and says which field was impossible.
        "tag:yaml.org,2002:timestamp": lambda self, n: n.value,
        "tag:yaml.org,2002:str": lambda self, n: n.value,
    }

    def __init__(self, rel: str, line_offset: int) -> None:
        self.rel = rel
        self.offset = line_offset
        self.marks: dict[FieldPath, Position] = {}
        self.key_marks: dict[FieldPath, Position] = {}
        self.problems: list[Problem] = []
        self.budget = MAX_NODES

    def pos(self, node: yaml.Node) -> Position:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: FieldPath = ()) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooManyNodes
        self.marks[path] = self.pos(node)
        expected = _COLLECTION_TAGS.get(type(node))
        if not (node.tag == expected if expected else node.tag in self._construct):
            # `!!python/object/...` and friends are never built, whatever the node's shape.
            self.problems.append(
                Problem(
                    self.rel,
                    *self.pos(node),
                    dotted(path),
                    f"unsupported YAML tag {quote(_short_tag(node.tag))}",
                    "write the value as plain text",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self._construct[node.tag](self._scalars, node)
        except (ValueError, KeyError, IndexError, TypeError):  # `!!int abc`, `!!bool maybe`
            self.problems.append(
                Problem(
                    self.rel,
                    *self.pos(node),
                    dotted(path),
                    f"{quote(node.value)} is not a {_short_tag(node.tag)}",
                    "delete the tag and write the value plainly",
                )
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        """A mapping's values by key; a duplicate key is a problem (YAML would keep the last)."""
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(self.rel, *self.pos(key_node), dotted(path), "a key must be plain text")
                )
                continue
            key = key_node.value  # raw text: `on:` is the key "on", not True
            child = (*path, key)
            if key in result:
                first = self.key_marks[child]
                self.problems.append(
                    Problem(
                        self.rel,
                        *self.pos(key_node),
                        dotted(child),
                        f"duplicate key {quote(key)} (first on line {first[0]})",
                        "YAML keeps only the last one, so the first value would be lost: "
                        "merge them or delete one",
                    )
                )
                continue
            self.key_marks[child] = self.pos(key_node)
            result[key] = self.build(value_node, child)
        return result


def parse_yaml(text: str, rel: str, *, line_offset: int = 0) -> tuple[Any, _Builder]:
    """Parse YAML text; problems (syntax, duplicates, bombs) are raised as a DataError."""
    builder = _Builder(rel, line_offset)
    try:
        node = yaml.compose(text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(error, text, rel, line_offset)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always marks its errors
        raise DataError([Problem(rel, 1, 1, "", f"not valid YAML: {error}")]) from None
    if node is None:
        return None, builder
    try:
        value = builder.build(node)
    except _TooManyNodes:
        raise DataError(
            [
                Problem(
                    rel,
                    *builder.pos(node),
                    "",
                    f"the file expands to more than {MAX_NODES:,} values",
                    "anchors and aliases (&name, *name) nest too deeply, so write the values out",
                )
            ]
        ) from None
    except RecursionError:
        raise DataError([_too_deep(rel, *builder.pos(node))]) from None
    if builder.problems:
        raise DataError(builder.problems)
    return value, builder


def _too_deep(rel: str, line: int, column: int) -> Problem:
    return Problem(
        rel,
        line,
        column,
        "",
        "the values are nested hundreds of levels deep",
        "data files need only a few levels of lists and mappings",
    )


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, rel: str, offset: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "maximum nesting depth" in str(error.problem):
        return _too_deep(rel, line + offset, column)
    lines = text.splitlines()
    bad = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in bad[: len(bad) - len(bad.lstrip())] or "'\\t'" in str(error.problem):
        return Problem(
            rel,
            line + offset,
            column,
            "",
            "a tab in the indentation",
            "YAML indents with spaces only, so replace the tab with spaces",
        )
    problem = (error.problem or "not valid YAML").strip()
    hint = "check the indentation and quoting on this line and the one above"
    if "quoted scalar" in str(error.context) and error.context_mark:
        hint = f"close the quote that starts on line {error.context_mark.line + 1 + offset}"
    elif ":" in bad.split("#")[0].partition(":")[2]:
        hint = 'a value containing ": " must be quoted, like title: "Lead: Brand"'
    return Problem(rel, line + offset, column, "", f"YAML syntax error: {problem}", hint)


def read_text(path: Path, rel: str) -> str:
    """The file's text, refusing what would hurt: huge files, non-UTF-8 bytes, emptiness."""
    with path.open("rb") as stream:
        # Read one byte past the limit, so a huge (or endless) file is never read whole.
        raw = stream.read(MAX_FILE_BYTES + 1)
    return decode_text(raw, rel, size=path.stat().st_size if len(raw) > MAX_FILE_BYTES else 0)


def decode_text(raw: bytes, rel: str, *, size: int = 0) -> str:
    """A data file's bytes as text, under `read_text`'s rules (`size`: the whole file's, when
    only its start was read)."""
    if len(raw) > MAX_FILE_BYTES:
        size = max(size, len(raw))
        raise DataError(
            [
                Problem(
                    rel,
                    1,
                    1,
                    "",
                    f"the file is {size:,} bytes",
                    f"data files are limited to 1 MiB ({MAX_FILE_BYTES:,} bytes), "
                    "so split it or trim it",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from Windows editors is fine
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError(
            [
                Problem(
                    rel,
                    line,
                    column,
                    "",
                    f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})",
                    "save it as UTF-8 in your editor",
                )
            ]
        ) from None
    if not text.strip():
        raise DataError([Problem(rel, 1, 1, "", "the file is empty", "fill it in, or delete it")])
    return text


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def _front_matter(text: str, rel: str) -> tuple[str, str, int]:
    """A template's front matter (YAML), its body and the line the body starts on."""
    match = FRONT_MATTER.match(text)
    if not match:
        problem = Problem(
            rel,
            1,
            1,
            "",
            "a template starts with front matter",
            "begin the file with ---, a title: and kind: line, then ---",
        )
        raise DataError([problem])
    body_line = text[: match.end()].count("\n") + 1
    return match.group(1) or "", text[match.end() :], body_line


def text_digest(text: str) -> str:
    """A file version's name, from its text: what pages made from it depend on, and what the
    preview's Record controls send back as `base` (record/apply.py)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def parse_document(path: Path, rel: str, kind: str, doc_id: str) -> Document:
    """Parse one data file of the given kind; raise DataError with every problem found."""
    return parse_text(read_text(path, rel), rel, kind, doc_id)


def parse_text(text: str, rel: str, kind: str, doc_id: str) -> Document:
    """`parse_document` for text not (yet) on disk: a change about to be written."""
    body, body_line, line_offset = "", 1, 0
    if kind == "template":
        yaml_text, body, body_line = _front_matter(text, rel)
        line_offset = 1
    else:
        yaml_text = text
    data, builder = parse_yaml(yaml_text, rel, line_offset=line_offset)
    if data is None and kind == "template":
        data = {}
    if data is None:  # only comments
        raise DataError([Problem(rel, 1, 1, "", "the file is empty", "fill it in, or delete it")])
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a single value"
        raise DataError(
            [
                Problem(
                    rel,
                    *builder.marks.get((), (1 + line_offset, 1)),
                    "",
                    f"the top level is {found}",
                    "it must be a mapping of field: value lines",
                )
            ]
        )
    return Document(
        kind,
        doc_id,
        rel,
        data,
        builder.marks,
        builder.key_marks,
        body,
        body_line,
        source=yaml_text,
        line_offset=line_offset,
        digest=text_digest(text),
    )
