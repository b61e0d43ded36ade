"""Problems found in the user's data, reported as `FILE:LINE:COLUMN: FIELD: message; hint`."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from playbook.core.words import ngettext


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file. Ordered by file, then position, so reports read top to bottom."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.field or '(file)'}: {self.message}"
        text = f"{text}; {self.hint}" if self.hint else text
        # One problem, one line: a newline or undecodable byte in a file name is shown escaped.
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class DataError(Exception):
    """Every problem of one run, raised together so the user fixes them in one go."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """A heading, then one problem a line, unindented so editors can jump to each."""
        count = len(self.problems)
        heading = ngettext(
            "%(num)s problem in the playbook data:", "%(num)s problems in the playbook data:", count
        ) % {"num": count}
        return "\n".join([heading, *map(str, self.problems)])


def quote(value: Any, limit: int = 80) -> str:
    """A value the way it was typed, in double quotes (`"next tuesday"`), cut when long."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """A hint naming the closest known names, or listing what exists when nothing is close."""
    options = sorted(set(known))
    close = difflib.get_close_matches(name, options, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(quote(c) for c in close) + "?"
    if not options:
        return "there are none yet"
    shown = ", ".join(options[:8]) + (", ..." if len(options) > 8 else "")
    return f"known: {shown}"
