"""Helpers for proving incremental builds: real `mkdocs build` processes, whole sites compared.

A cold build is a build in a fresh copy of the project (no cache, no memo); an incremental build
runs in the same project as the builds before it, into the same site/, so it sees the cache, the
memo and the pages left in place. After any edit the two must be byte-identical, file for file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers.project import ROOT, TODAY

RENDERED = re.compile(r"DEBUG\s+-\s+playbook: rendered (\S+)")


@dataclass
class Build:
    site: Path
    output: str

    @property
    def rendered(self) -> set[str]:
        """Source paths of the generated pages this build rendered (not taken as they were)."""
        return set(RENDERED.findall(self.output))

    def files(self) -> dict[str, bytes]:
        return {
            p.relative_to(self.site).as_posix(): p.read_bytes()
            for p in sorted(self.site.rglob("*"))
            if p.is_file()
        }


def project_from(tmp_path: Path, data: Path, name: str = "project") -> Path:
    """A self-contained project: mkdocs.yml, content/ and data/ copied (edits touch the copy)."""
    project = tmp_path / name
    project.mkdir()
    shutil.copytree(data, project / "data")
    shutil.copytree(ROOT / "content", project / "content")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def build(
    project: Path,
    site: Path,
    *,
    today: str = TODAY.isoformat(),
    check: bool = True,
    env: dict[str, str] | None = None,
) -> Build:
    """`mkdocs build -v` in its own process, into `site` (the private profile unless `env`)."""
    full_env = {k: v for k, v in os.environ.items() if k != "PLAYBOOK_PROFILE"}
    full_env.update(
        {
            "PLAYBOOK_TODAY": today,
            "SOURCE_DATE_EPOCH": "1764028800",  # sitemap dates and gzip stamps: the same every run
            "NO_MKDOCS_2_WARNING": "1",
            **(env or {}),
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-v", "-d", str(site)],
        cwd=project,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return Build(site, result.stdout + result.stderr)


def cold_build(project: Path, where: Path, *, today: str = TODAY.isoformat()) -> Build:
    """The same project built from nothing: a copy without its cache, into a new site/."""
    copy = where / "cold-project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache", "site*"))
    return build(copy, where / "cold-site", today=today)


def differences(ours: dict[str, bytes], theirs: dict[str, bytes]) -> list[str]:
    """The files that differ between two sites (missing on either side included)."""
    return sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))


def edit_yaml(path: Path, change: str, to: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert change in text, f"{change!r} not in {path}"
    path.write_text(text.replace(change, to, 1), encoding="utf-8")


# What `mkdocs serve` does before each build (mkdocs/commands/serve.py), minus the HTTP server,
# into a site folder of our choosing: the serve command, site_url set to the served address.
_SERVE_BUILD = """
import logging, sys
from urllib.parse import urlsplit
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import _serve_url

logging.basicConfig(level=logging.DEBUG, format="%(levelname)s - %(message)s")
logging.getLogger("mkdocs").setLevel(logging.DEBUG)
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
mount_path = urlsplit(config.site_url or "/").path
config.site_url = serve_url = _serve_url("127.0.0.1", int(sys.argv[2]), mount_path)
build(config, serve_url=serve_url)
config.plugins.on_shutdown()
"""


def serve_build(project: Path, site: Path, port: int, *, today: str = TODAY.isoformat()) -> Build:
    """The site `mkdocs serve --dev-addr 127.0.0.1:PORT` builds, in its own process."""
    full_env = {k: v for k, v in os.environ.items() if k != "PLAYBOOK_PROFILE"}
    full_env.update(
        {"PLAYBOOK_TODAY": today, "SOURCE_DATE_EPOCH": "1764028800", "NO_MKDOCS_2_WARNING": "1"}
    )
    result = subprocess.run(
        [sys.executable, "-c", _SERVE_BUILD, str(site), str(port)],
        cwd=project,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Build(site, result.stdout + result.stderr)


def cold_copy(project: Path, where: Path) -> Path:
    """A copy of the project without its cache or sites: what a cold build starts from."""
    copy = where / "cold-project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache", "site*"))
    return copy
