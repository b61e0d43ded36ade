"""A fresh playbook for `playbook new`: the files in files/ copied into an empty folder.

files/mkdocs.yml and files/content are symbolic links to this repository's own, so a new playbook
always gets the current site configuration and guide (building the wheel copies what they point
to). files/data holds one example file of each kind, files/ a Makefile and .gitignore for the new
project; tests/cli/test_commands.py builds it with --strict. Dot files are stored without their
dot so that packaging keeps them.

The Makefile says how to install the `playbook` command. Until a release is on PyPI the package's
name alone installs nothing, so the line is worked out from where the running package came from.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shlex
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

FILES = Path(__file__).parent / "files"
RENAMED = {"gitignore": ".gitignore"}
DISTRIBUTION = "interview-playbook"
# In files/Makefile, where create() writes install_command().
INSTALL_MARK = "@PIP_INSTALL@"


class NotEmpty(Exception):
    pass


def pip_install(direct_url: str | None, version: str) -> str:
    """The pip command that installs this package again from where it was installed from.

    direct_url is the text of the installed distribution's PEP 610 `direct_url.json`; pip writes
    none for a package it found on an index, and then the release is `version` on that index:
    - a VCS checkout: `pip install 'interview-playbook @ git+URL@COMMIT'`, the very commit;
    - a local folder (a clone): `pip install -e FOLDER` when editable, else `pip install FOLDER`;
    - an archive (a wheel or sdist, a file or a URL): `pip install 'interview-playbook @ URL'`;
    - an index: `pip install interview-playbook==VERSION`.
    """
    if direct_url is None:
        return f"pip install {DISTRIBUTION}=={version}"
    origin = json.loads(direct_url)
    url: str = origin["url"]
    # PEP 610: the project lives in that folder of the checkout or archive.
    subdirectory: str | None = origin.get("subdirectory")
    if "dir_info" in origin:
        folder = Path(url2pathname(urlsplit(url).path))
        if subdirectory:
            folder = folder / subdirectory
        editable = "-e " if origin["dir_info"].get("editable") else ""
        return f"pip install {editable}{shlex.quote(str(folder))}"
    if "vcs_info" in origin:
        vcs = origin["vcs_info"]
        url = f"{vcs['vcs']}+{url}@{vcs['commit_id']}"
    if subdirectory:
        url += f"#subdirectory={subdirectory}"
    return f"pip install {shlex.quote(f'{DISTRIBUTION} @ {url}')}"


def install_command() -> str:
    """How to install the running `playbook`: pip_install() on its distribution's metadata."""
    try:
        installed = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        # Run from a source tree that was never installed: nothing says where it came from.
        return f"pip install {DISTRIBUTION}"
    return pip_install(installed.read_text("direct_url.json"), installed.version)


def scaffold_files() -> list[Path]:
    """Every file of a new playbook, relative to files/, sorted."""
    found: list[Path] = []
    for folder, _, names in os.walk(FILES, followlinks=True):  # content/ is a link
        found.extend(Path(folder, name).relative_to(FILES) for name in names)
    return sorted(p for p in found if "__pycache__" not in p.parts)


def create(target: Path) -> list[Path]:
    """Fill target (new or empty) with a playbook; the files written, in order."""
    # A fresh `git init` is empty enough: the playbook can live in its own repository.
    if target.exists() and (not target.is_dir() or any(p.name != ".git" for p in target.iterdir())):
        raise NotEmpty(f"{target} is not an empty folder; pick a new folder name")
    written: list[Path] = []
    for rel in scaffold_files():
        destination = target / RENAMED.get(rel.as_posix(), rel.as_posix())
        destination.parent.mkdir(parents=True, exist_ok=True)
        content = (FILES / rel).read_bytes()
        if rel.as_posix() == "Makefile":
            content = content.replace(INSTALL_MARK.encode(), install_command().encode())
        with destination.open("xb") as handle:  # "x": never replace a file
            handle.write(content)
        written.append(destination)
    return written
