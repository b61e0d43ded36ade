"""serve's rebuilds run with Python's collector paused; it must always come back."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest

from playbook.builder import collector
from playbook.builder.collector import Collector


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(collector, "AFTER", 0.05)
    yield
    gc.enable()


def test_the_collector_is_paused_during_a_rebuild_and_back_after_it() -> None:
    paused = Collector()
    paused.pause()
    assert not gc.isenabled()
    paused.resume_later()
    assert not gc.isenabled()  # not while the reloaded page is being served
    time.sleep(0.3)
    assert gc.isenabled()


def test_a_rebuild_that_starts_before_the_collection_keeps_it_paused_until_its_own_end() -> None:
    paused = Collector()
    paused.pause()
    paused.resume_later()
    paused.pause()  # the next save, at once
    time.sleep(0.3)
    assert not gc.isenabled()
    paused.resume_later()
    time.sleep(0.3)
    assert gc.isenabled()
