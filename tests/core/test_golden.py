"""Golden files: the generated HTML body of prep sheets, compared byte for byte.

When a change to the pages is deliberate, regenerate with `UPDATE_GOLDEN=1 make test` and review
the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers.core import pages_of
from helpers.project import EXAMPLE_DATA, PM_DATA

GOLDEN = Path(__file__).parents[1] / "golden"


@pytest.mark.parametrize(
    ("data", "uri", "name"),
    [
        (EXAMPLE_DATA, "contacts/dana-ruiz.md", "example-dana-ruiz.html"),
        (PM_DATA, "contacts/maria-santos.md", "pm-switch-maria-santos.html"),
    ],
)
def test_prep_sheet_html_matches_golden_file(data: Path, uri: str, name: str) -> None:
    generated = pages_of(data)[uri]
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(generated, encoding="utf-8")
    assert golden.exists(), f"no golden file yet: run UPDATE_GOLDEN=1 make test and review {golden}"
    assert generated == golden.read_text(encoding="utf-8")
