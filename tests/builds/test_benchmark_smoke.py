"""The benchmark keeps working: `benchmarks/run.py` end to end at N = 20 (no timing is asserted)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

from benchmarks.generate import first_contact_id

from helpers.project import ROOT

RUN = ROOT / "benchmarks" / "run.py"
KEYS = (
    "n", "plugin_s", "rebuild_s", "floor_s", "naive_s", "ratio", "rebuild_ratio", "peak_rss_mb",
    "site_mb", "prep_sheet_kb", "search_index_kb", "dashboard_kb", "workers", "serve_edit_s",
    "serve_template_edit_s",
)  # fmt: skip


def _words(page: Path) -> str:
    """The words of a page's article (the theme around it differs: the floor has no plugin)."""
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(RUN), *args], capture_output=True, text=True, timeout=300
    )


def test_the_benchmark_runs_at_n_20_and_builds_the_very_same_pages(tmp_path: Path) -> None:
    out, work = tmp_path / "bench.json", tmp_path / "work"
    result = _run(
        "--n", "20", "--repeat", "1", "--serve-n", "20", "--serve-edits", "1",
        "--json", str(out), "--workdir", str(work),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [row] = json.loads(out.read_text(encoding="utf-8"))
    assert set(KEYS) <= set(row) and row["n"] == 20
    assert all(row[key] > 0 for key in KEYS), row
    assert row["pages"] > 20
    # The table on stdout, progress on stderr.
    assert "| N | cold s | rebuild s | floor s |" in result.stdout and "| 20 |" in result.stdout
    assert "N=20 round 1/1: plugin" in result.stderr and "N=20 round 1/1: rebuild" in result.stderr

    # The floor is our pages: plain MkDocs on them written out as Markdown makes the same prep
    # sheets, word for word.
    sites = {name: work / "n20" / name / "site" for name in ("plugin", "floor", "naive")}
    sheets = sorted(p.relative_to(sites["plugin"]) for p in sites["plugin"].glob("contacts/*/"))
    assert len(sheets) == 20
    for sheet in sheets:
        ours, floor = (_words(sites[name] / sheet / "index.html") for name in ("plugin", "floor"))
        assert ours == floor, sheet
    # Naive puts every contact in the nav, so each page links every prep sheet; ours does not.
    one = f"contacts/{first_contact_id()}/index.html"
    naive = (sites["naive"] / one).read_text(encoding="utf-8")
    ours = (sites["plugin"] / one).read_text(encoding="utf-8")
    others = [s.name for s in sheets if s.name != first_contact_id()]
    assert all(f'href="../{name}/"' in naive for name in others)
    linked = [name for name in others if f'href="../{name}/"' in ours]  # people they introduced
    assert len(linked) < len(others) // 2


def test_bad_arguments_get_a_clear_message_not_a_traceback(tmp_path: Path) -> None:
    result = _run("--n", "0")
    assert result.returncode == 2 and "at least 1" in result.stderr
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "file").write_text("x")
    result = _run("--n", "5", "--workdir", str(tmp_path / "used"))
    assert result.returncode == 2 and "not empty" in result.stderr
    assert "Traceback" not in result.stderr
