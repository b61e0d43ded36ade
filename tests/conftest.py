"""The test suite's set-up: the shared helpers (tests/helpers/), a marker per folder, and how
hard Hypothesis tries.

tests/core     the pure core: no MkDocs build, no browser (make test-fast)
tests/cli      the `playbook` command on real files (make test-fast)
tests/builds   real `mkdocs build`s, and `mkdocs serve` without a browser (not tests/build:
               pytest passes over folders named build)
tests/browser  Chromium, driven by Playwright, on a site served over HTTP

A test elsewhere that builds a site (it asks for `build` or `example_site`, or is marked
`builds`) counts as a build test: `make test-fast` leaves it out.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from playbook.core import words

pytest_plugins = ["helpers.project", "helpers.browser", "helpers.hosting"]

FOLDERS = ("core", "cli", "builds", "browser")
BUILD_FIXTURES = {"build", "example_site"}

# `make test` tries each property on 150 examples, `make test-fast` (HYPOTHESIS_PROFILE=fast) on 25.
for name, examples in (("full", 150), ("fast", 25)):
    settings.register_profile(
        name, max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "full"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test gets the marker of the folder it lives in: `pytest -m "core or cli"`."""
    tests = Path(__file__).parent
    for item in items:
        folder = Path(item.path).relative_to(tests).parts[0]
        if folder not in FOLDERS:
            continue
        builds = BUILD_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker(
            "builds"
        )
        item.add_marker(pytest.mark.builds if builds else getattr(pytest.mark, folder))


@pytest.fixture(autouse=True)
def _english_again() -> object:
    """The language is the process's (core/words.py): a test that speaks another one, or runs
    the command line in this process, leaves the next test in English."""
    yield
    words.use(None)
