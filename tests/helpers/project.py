"""Real projects and real `mkdocs build`s of them into temporary folders, and the one TODAY every
test is written for (the example data's logs and conversations are written around it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from benchmarks.generate import TODAY

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DATA = ROOT / "data"
PM_DATA = ROOT / "tests" / "fixtures" / "pm-switch" / "data"
CONTENT = ROOT / "content"
BASE = ROOT / "tests" / "bad" / "base" / "data"  # the small valid playbook of tests/bad/
PLAYBOOK = str(Path(sys.executable).with_name("playbook"))  # the `playbook` command


@dataclass
class Built:
    """The outcome of one real `mkdocs build`."""

    project: Path
    site: Path
    returncode: int
    output: str

    def page(self, uri: str) -> str:
        """The HTML of a page by its URL path, like `contacts/dana-ruiz/`."""
        return (self.site / uri / "index.html").read_text(encoding="utf-8")


def make_project(
    tmp_path: Path,
    data: Path = EXAMPLE_DATA,
    plugin_options: dict | None = None,
    copy_data: bool = False,
) -> Path:
    """A project folder with the repository's mkdocs.yml, pointing at the given data."""
    project = tmp_path / "project"
    project.mkdir(exist_ok=True)
    if copy_data:
        shutil.copytree(data, project / "data")
        data = project / "data"
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "content")
    for index, plugin in enumerate(config["plugins"]):
        if isinstance(plugin, dict) and "playbook" in plugin:
            options = {**(plugin["playbook"] or {}), "data_dir": str(data)}
            options.update(plugin_options or {})
            config["plugins"][index] = {"playbook": options}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def mkdocs_build(
    project: Path, *args: str, env: dict[str, str] | None = None, check: bool = True
) -> Built:
    """Run `mkdocs build` as a user would, in its own process, into project/site."""
    site = project / "site"
    full_env = {
        **os.environ,
        "PLAYBOOK_TODAY": TODAY.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
        **(env or {}),
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", str(site), *args],
        cwd=project,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    built = Built(project, site, result.returncode, result.stdout + result.stderr)
    if check and result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{built.output}")
    return built


def build_in_language(
    tmp_path: Path, theme_language: str, *args: str, **plugin_options: object
) -> Built:
    """The example built with `theme: language:` set as a user sets it (Material's code: `de`,
    `pt-BR`, `zh`, `ar`), and the playbook plugin's options."""
    project = make_project(tmp_path, plugin_options=plugin_options or None)
    set_theme_language(project, theme_language)
    return mkdocs_build(project, *args)


def set_theme_language(project: Path, theme_language: str) -> None:
    """Set `theme: language:` in a project made by make_project, as a user does."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["language"] = theme_language
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the example playbook's data folder, for a test that writes to it."""
    copy = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, copy)
    return copy


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., Built]:
    """Build a project made by make_project: build(data=..., plugin_options=..., env=...)."""

    def run(
        data: Path = EXAMPLE_DATA,
        *args: str,
        plugin_options: dict | None = None,
        env: dict[str, str] | None = None,
        check: bool = True,
        copy_data: bool = False,
    ) -> Built:
        project = make_project(tmp_path, data, plugin_options, copy_data)
        return mkdocs_build(project, *args, env=env, check=check)

    return run


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example playbook, built once per test session with --strict."""
    project = make_project(tmp_path_factory.mktemp("example"))
    return mkdocs_build(project, "--strict")


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file's bytes, every folder and symlink, by path: any write shows up."""
    tree: dict[str, bytes | str] = {}
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        for name in dirs + files:
            path = here / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                tree[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                tree[rel] = "folder"
            else:
                tree[rel] = path.read_bytes()
    return tree
