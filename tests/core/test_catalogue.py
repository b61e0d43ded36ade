"""The catalogue of pages (playbook.pages.catalogue): a big generated playbook, 120 contacts,
renders whole in the pure core, the pipeline, today and the home page with its two charts among
its pages; the example playbooks are too small to show that the pages hold up at that size."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate_data

from helpers.core import playbook_of
from playbook.pages.catalogue import render_bodies


def test_a_big_playbook_builds_every_new_page(tmp_path: Path) -> None:
    generate_data(tmp_path / "big", 120)
    pb = playbook_of(tmp_path / "big")
    pages = render_bodies(pb)
    assert {"pipeline.md", "today.md", "index.md"} <= set(pages)
    assert pages["index.md"].count('class="pb-chart-svg"') == 2
