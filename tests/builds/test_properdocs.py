"""ProperDocs, MkDocs' maintained continuation, builds the playbook as MkDocs does.

The plugin is registered under both entry-point groups (`mkdocs.plugins`, `properdocs.plugins`);
ProperDocs answers `import mkdocs...` with its own modules, so the same code runs on both.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from helpers.project import TODAY, Built, make_project


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def test_properdocs_builds_the_example_strictly_into_the_same_pages(
    tmp_path: Path, example_site: Built
) -> None:
    project = make_project(tmp_path)
    site = tmp_path / "properdocs-site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env={**os.environ, "PLAYBOOK_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ours = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    theirs = sorted(
        p.relative_to(example_site.site).as_posix() for p in example_site.site.rglob("*.html")
    )
    assert ours == theirs
    for page in ("contacts/dana-ruiz/index.html", "index.html", "roles/brand-marketing/index.html"):
        built_by = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<meta name="generator" content="mkdocs-ProperDocs', built_by)
        assert _article(built_by) == _article((example_site.site / page).read_text())
