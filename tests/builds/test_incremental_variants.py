"""One cache for every way the playbook is built: each way after another renders nothing again,
and writes what a cold build of that way writes, byte for byte.

The ways: `mkdocs build`; `mkdocs serve`, whose site_url is its own address (so every page's
canonical link differs, filled in from the cache: builder/siteurl.py); the build `playbook pdf`
prints from; the three profiles. Each sequence runs real MkDocs processes in one project, then
compares the last site with a cold build of the same way in a fresh copy.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from benchmarks.serve import fetch, mkdocs_serve

from helpers.incremental import (
    Build,
    build,
    cold_build,
    cold_copy,
    differences,
    project_from,
    serve_build,
)
from helpers.project import EXAMPLE_DATA, set_theme_language
from helpers.sealed import ENCRYPTED, opened_site

PORT_A, PORT_B = 8301, 8302
PUBLIC = {"PLAYBOOK_PROFILE": "public"}
PRIVATE = {"PLAYBOOK_PROFILE": "private"}


def _options(project: Path, **changes: object) -> None:
    """Change mkdocs.yml (top-level settings) or, with `playbook_` names, the plugin's options."""
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    [options] = [
        p["playbook"] for p in config["plugins"] if isinstance(p, dict) and "playbook" in p
    ]
    for name, value in changes.items():
        if name.startswith("playbook_"):
            options[name.removeprefix("playbook_")] = value
        else:
            config[name] = value
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def _cold_serve(project: Path, where: Path, port: int) -> Build:
    copy = cold_copy(project, where)
    return serve_build(copy, where / "cold-site", port)


def _canonical(site: dict[str, bytes], page: str) -> str:
    found = re.search(rb'<link rel="canonical" href="([^"]*)"', site[page])
    return found[1].decode() if found else ""


SHEET = "contacts/dana-ruiz/index.html"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_from(tmp_path, EXAMPLE_DATA)


def test_serve_after_a_build_renders_nothing_and_serves_what_a_cold_serve_does(
    project: Path, tmp_path: Path
) -> None:
    built = build(project, project / "site")
    assert built.rendered  # the first build renders every page
    assert _canonical(built.files(), SHEET) == ""  # no site_url: no canonical link
    served = serve_build(project, tmp_path / "served", PORT_A)
    assert served.rendered == set()
    cold = _cold_serve(project, tmp_path / "cold", PORT_A)
    assert differences(served.files(), cold.files()) == []
    assert _canonical(served.files(), SHEET) == f"http://127.0.0.1:{PORT_A}/contacts/dana-ruiz/"


def test_serve_on_another_port_renders_nothing_and_then_a_build_neither(
    project: Path, tmp_path: Path
) -> None:
    serve_build(project, tmp_path / "a", PORT_A)
    served = serve_build(project, tmp_path / "b", PORT_B)
    assert served.rendered == set()
    cold = _cold_serve(project, tmp_path / "cold-b", PORT_B)
    assert differences(served.files(), cold.files()) == []
    # The canonical link taken out again: the same pages as a build from nothing.
    built = build(project, project / "site")
    assert built.rendered == set()
    assert differences(built.files(), cold_build(project, tmp_path).files()) == []


def test_a_site_url_with_a_path_is_filled_in_for_build_and_serve(
    project: Path, tmp_path: Path
) -> None:
    _options(project, site_url="https://example.org/playbook/")
    build(project, project / "site")
    served = serve_build(project, tmp_path / "served", PORT_A)
    assert served.rendered == set()
    assert _canonical(served.files(), SHEET).startswith(f"http://127.0.0.1:{PORT_A}/playbook/")
    assert differences(served.files(), _cold_serve(project, tmp_path / "c", PORT_A).files()) == []
    again = build(project, project / "site")
    assert again.rendered == set()
    assert _canonical(again.files(), SHEET) == "https://example.org/playbook/contacts/dana-ruiz/"
    assert differences(again.files(), cold_build(project, tmp_path).files()) == []


def test_the_build_after_playbook_pdf_renders_nothing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playbook.cli.pdf import build_site

    build(project, project / "site")
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-25")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    printed = ["contacts/dana-ruiz.md", "print/upcoming.md"]
    build_site(project / "mkdocs.yml", tmp_path / "pdf", printed)  # `playbook pdf`'s build
    again = build(project, project / "site")
    assert again.rendered == set()
    cold = cold_build(project, tmp_path).files()
    assert differences(again.files(), cold) == []
    # The printed pages are the pages a whole build writes; no other generated page is written.
    pdf_site = Build(tmp_path / "pdf", "").files()
    for page in (SHEET, "print/upcoming/index.html"):
        assert pdf_site[page] == cold[page], page
    sheets = {p for p in pdf_site if p.startswith("contacts/") and p != "contacts/index.html"}
    assert sheets == {SHEET}


def test_playbook_pdf_builds_only_the_pages_it_prints_even_from_nothing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playbook.cli.pdf import build_site

    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-25")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    build_site(project / "mkdocs.yml", tmp_path / "pdf", ["contacts/dana-ruiz.md"])
    pdf_site = Build(tmp_path / "pdf", "").files()
    assert pdf_site[SHEET] == cold_build(project, tmp_path).files()[SHEET]
    # Then a build finds that page in the cache and renders the others.
    again = build(project, project / "site")
    assert "contacts/dana-ruiz.md" not in again.rendered
    assert "contacts/nina-patel.md" in again.rendered


def test_where_the_system_cannot_fork_playbook_pdf_builds_in_its_own_process_and_tidies_up(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no fork: the build runs in the command's process, which must come out of it
    as it went in (its environment, its language), and print the same page."""
    from playbook.cli import pdf
    from playbook.core import words

    set_theme_language(project, "de")
    monkeypatch.setattr(pdf.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-25")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    monkeypatch.delenv("PLAYBOOK_PROFILE", raising=False)
    before = words.active()
    pdf.build_site(project / "mkdocs.yml", tmp_path / "pdf", ["contacts/dana-ruiz.md"])
    assert (words.active().code, words.active().asked) == (before.code, before.asked) == ("en", "")
    assert "PLAYBOOK_PROFILE" not in os.environ and "PLAYBOOK_PRINT_ONLY" not in os.environ
    page = Build(tmp_path / "pdf", "").files()[SHEET]
    assert b'lang="de"' in page
    assert page == cold_build(project, tmp_path).files()[SHEET]


def _site(built: Build, env: dict[str, str]) -> dict[str, bytes]:
    return opened_site(built.site) if env is ENCRYPTED else built.files()


def test_each_profile_after_another_finds_its_pages_and_equals_a_cold_build(
    project: Path, tmp_path: Path
) -> None:
    order = [("private", PRIVATE), ("public", PUBLIC), ("encrypted", ENCRYPTED)]
    for _name, env in order:
        build(project, project / "site", env=env)
    for name, env in order:  # each again, after the others
        again = build(project, project / "site", env=env)
        assert again.rendered == set(), name
        cold_dir = tmp_path / f"cold-{name}"
        cold_dir.mkdir()
        copy = cold_copy(project, cold_dir)
        # The key of the encrypted pages' addresses, which a project keeps (not a page).
        key = Path(".cache/playbook/encrypted/path.key")
        (copy / key).parent.mkdir(parents=True)
        (copy / key).write_bytes((project / key).read_bytes())
        cold = build(copy, cold_dir / "site", env=env)
        assert cold.rendered  # nothing in the copy's cache
        assert differences(_site(again, env), _site(cold, env)) == [], name


def _stored(project: Path) -> set[str]:
    return {p.name for p in (project / ".cache/playbook/pages").iterdir()}


def test_the_cache_keeps_to_its_size_least_recently_used_first(
    project: Path, tmp_path: Path
) -> None:
    _options(project, playbook_cache_size=0)  # MB: only what the last build uses stays
    private = build(project, project / "site", env=PRIVATE)
    privately = _stored(project)
    assert privately  # a build never evicts its own pages
    build(project, project / "site", env=PUBLIC)
    assert not privately & _stored(project)  # the private pages went first
    again = build(project, project / "site", env=PRIVATE)
    assert again.rendered == private.rendered  # evicted: rendered again
    assert differences(again.files(), cold_build(project, tmp_path).files()) == []
    _options(project, playbook_cache_size=500)
    build(project, project / "site", env=PUBLIC)
    assert build(project, project / "site", env=PRIVATE).rendered == set()


def test_mkdocs_serve_after_a_build_serves_its_address_without_rendering(project: Path) -> None:
    build(project, project / "site")
    with mkdocs_serve(project, ready="contacts/dana-ruiz/") as (base, log_path):
        status, page = fetch(base + "contacts/dana-ruiz/")
        log = log_path.read_text(encoding="utf-8")
    assert status == 200
    assert f'<link rel="canonical" href="{base}contacts/dana-ruiz/">' in page
    assert re.search(r"playbook: \d+ pages: 0 rendered", log), log
