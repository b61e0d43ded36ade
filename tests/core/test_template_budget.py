"""A message template is the user's code, and may come from someone else: whatever it asks for,
one fill stops after a budget of loop steps, characters and seconds, with the usual notice naming
the template's file and line and saying "too much work". No build hangs or runs out of memory."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from helpers.hostile import HOSTILE, HOSTILE_LINE, template
from helpers.project import TODAY
from helpers.schedules import log, playbook
from playbook.logic.sandbox import TooMuchWork, budgeted

TALKED = {"log": log(("2026-11-20", "interview")), "status": "interviewed"}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_template_that_asks_for_too_much_stops_with_a_notice(tmp_path: Path, name: str) -> None:
    pb = playbook(
        tmp_path, {"cy-diaz": TALKED}, TODAY, templates={"thank-you": template(HOSTILE[name])}
    )
    [message] = pb.messages(pb.contacts["cy-diaz"])
    assert message.problem is not None, message.body[:80]
    assert "too much work" in message.problem.message
    assert (message.problem.file, message.problem.line) == (
        "data/templates/thank-you.md",
        HOSTILE_LINE,
    )


GENEROUS = """{% set ns = namespace(n=0) %}{% for i in range(1000) %}{% set ns.n = ns.n + i %}
{%- endfor %}
{{ '%-6s|' % 'ab' }}{{ '{:>8}'.format('cd') }}{{ 'ef'|center(8) }}{{ ['g', 'h']|join(', ') }}
{{ ns.n }} {{ 2**64 }} {{ 'ab' * 3 }} {{ [1, 2] + [3] }} {{ 'x y'.replace(' ', '-') }}"""


def test_an_ordinary_template_fills_in_as_before(tmp_path: Path) -> None:
    pb = playbook(tmp_path, {"cy-diaz": TALKED}, TODAY, templates={"thank-you": template(GENEROUS)})
    [message] = pb.messages(pb.contacts["cy-diaz"])
    assert message.problem is None
    assert message.body.splitlines()[1:] == [
        "",
        "ab    |      cd   ef   g, h",
        "499500 18446744073709551616 ababab [1, 2, 3] x-y",
    ]


def test_a_fill_past_its_seconds_stops_at_its_next_step() -> None:
    """The wall clock, for work no count catches: read at every step, no thread or signal."""
    with budgeted() as budget:
        budget.step()
        budget.deadline = time.monotonic() - 1
        with pytest.raises(TooMuchWork, match="too much work: more than 2 seconds"):
            budget.step()
