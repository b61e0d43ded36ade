"""Random sequences of edits, built the way `mkdocs serve` builds them (one process, the plugin
and its memory kept from build to build), each compared with a cold build of the same data.

Hypothesis picks the edits: contacts renamed, retitled, moved along the pipeline, introduced by
someone else, told you something new, added and deleted; the profile's pitch and aliases, a
template, a question, a checklist, a role, and the day. After every step the served site must
equal a cold build byte for byte.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from benchmarks.generate import SKILLS, generate_data, role_specs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from helpers.incremental import Build, cold_build, differences, project_from
from helpers.project import EXAMPLE_DATA, TODAY

CONTACTS = 16
_clock = itertools.count(int(time.time()) + 10)


def _save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    # Each save a second later: two saves within one tick of the disk's clock would look alike.
    stamp = next(_clock) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _contacts(data: Path) -> list[Path]:
    return sorted((data / "contacts").glob("*.yml"))


def _edit_contact(field: str, value: Callable[[int], object]) -> Callable[[Path, int], None]:
    def edit(data: Path, n: int) -> None:
        files = _contacts(data)
        path = files[n % len(files)]
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc[field] = value(n)
        _save(path, doc)

    edit.__name__ = f"contact {field}"
    return edit


def _introduced_by(data: Path, n: int) -> None:
    files = _contacts(data)
    index = n % len(files)
    docs = {f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in files}
    me = files[index].stem
    introducer = files[index - 1].stem if index else None
    # Never someone this contact introduced, at any remove: introductions never go round in a
    # circle (the generator's own introductions point either way in the list).
    chain, seen = introducer, set()
    while chain is not None and chain != me and chain not in seen:
        seen.add(chain)
        chain = docs[chain].get("introduced_by")
    if introducer is None or chain == me:
        docs[me].pop("introduced_by", None)
    else:
        docs[me]["introduced_by"] = introducer
    _save(files[index], docs[me])


def _add_contact(data: Path, n: int) -> None:
    _save(
        data / "contacts" / f"new-person-{n}.yml",
        {"name": f"New Person {n}", "company": "Lumen Goods", "roles": [ROLES[0]]},
    )


def _delete_contact(data: Path, n: int) -> None:
    files = _contacts(data)
    if len(files) > 3:
        doomed = files[n % len(files)]
        # Nobody may be left introduced by someone who is gone.
        for other in files:
            doc = yaml.safe_load(other.read_text(encoding="utf-8"))
            if doc.get("introduced_by") == doomed.stem:
                doc.pop("introduced_by")
                _save(other, doc)
        doomed.unlink()


def _edit_file(rel: str, edit: Callable[[dict, int], None]) -> Callable[[Path, int], None]:
    def apply(data: Path, n: int) -> None:
        path = data / rel
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(doc, n)
        _save(path, doc)

    apply.__name__ = rel
    return apply


def _template(data: Path, n: int) -> None:
    files = sorted((data / "templates").glob("*.md"))
    path = files[n % len(files)]
    path.write_text(path.read_text(encoding="utf-8") + f"\nP.S. number {n}.\n", encoding="utf-8")
    stamp = next(_clock) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _pitch(doc: dict, n: int) -> None:
    doc["pitch"]["aim"] = f"I am exploring brand marketing, take {n}."


def _question(doc: dict, n: int) -> None:
    question = doc["questions"][n % len(doc["questions"])]
    question["text"] = f"{question['text']} (asked {n})"


def _checklist(doc: dict, n: int) -> None:
    doc["items"].append(f"Bring item number {n}")


def _role(doc: dict, n: int) -> None:
    doc["title"] = f"Brand Marketing Associate {n}"


# The generated playbook's two roles.
ROLES = [spec["id"] for spec in role_specs(CONTACTS)]
# Skills the roles draw from (written differently, too) and one none lists: a finding may close
# a gap (every sheet that raised it changes), count towards a priority, or be new.
SAID = (SKILLS[0], f"  {SKILLS[5].lower()}", SKILLS[9], "Video editing")


def _findings(n: int) -> list[dict]:
    said = [{"skill": SAID[n % len(SAID)], "note": f"Said in conversation {n}"}]
    if n % 3 == 0:
        said.append({"opening": f"Coordinator opening number {n}", "role": ROLES[1]})
    return said


def _aliases(doc: dict, n: int) -> None:
    doc["aliases"] = {SKILLS[0]: ["budgets"] if n % 2 else [SKILLS[1]]}


STATUSES = ("identified", "contacted", "scheduled", "interviewed", "thanked", "closed")
EDITS: list[Callable[[Path, int], None]] = [
    _edit_contact("title", lambda n: f"Director of Things {n}"),
    _edit_contact("name", lambda n: f"Renamed Person {n}"),
    _edit_contact("status", lambda n: STATUSES[n % len(STATUSES)]),
    _edit_contact("notes", lambda n: f"- Said something memorable, number {n}.\n"),
    _edit_contact("tags", lambda n: [f"tag-{n % 3}"]),
    _edit_contact("learned", _findings),
    _introduced_by,
    _add_contact,
    _delete_contact,
    _template,
    _edit_file("profile.yml", _pitch),
    _edit_file("profile.yml", _aliases),
    _edit_file(f"questions/{ROLES[0]}.yml", _question),
    _edit_file("checklists/before.yml", _checklist),
    _edit_file(f"roles/{ROLES[0]}.yml", _role),
]
DAYS = st.integers(min_value=0, max_value=3)
STEP = st.tuples(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 50)), max_size=3), DAYS)


def serve_build(project: Path, site: Path, today: str) -> Build:
    """A rebuild as `mkdocs serve` makes one: in this process, the plugin instance kept."""
    os.environ["PLAYBOOK_TODAY"] = today
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config)
    return Build(site, "")


@pytest.fixture
def restore_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", TODAY.isoformat())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")
    monkeypatch.delenv("PLAYBOOK_PROFILE", raising=False)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=1, max_size=3))
def test_random_edits_served_equal_a_cold_build_after_every_step(
    steps: list, tmp_path_factory: pytest.TempPathFactory, restore_today: None
) -> None:
    where = tmp_path_factory.mktemp("property")
    data = where / "generated"
    generate_data(data, CONTACTS)
    project = project_from(where, data)
    site = project / "site"
    serve_build(project, site, TODAY.isoformat())
    for number, (edits, shift) in enumerate(steps):
        for edit, n in edits:
            edit(project / "data", n)
        today = (TODAY + timedelta(days=shift)).isoformat()
        served = serve_build(project, site, today)
        step = where / f"step-{number}"
        step.mkdir()
        cold = cold_build(project, step, today=today)
        names = [f"{edit.__name__}({n})" for edit, n in edits]
        assert differences(served.files(), cold.files()) == [], (names, today)


def test_one_worker_and_several_give_the_same_site(tmp_path: Path) -> None:
    """Cold builds: serial and on every core, byte for byte."""

    generate_data(tmp_path / "generated", 60)
    project = project_from(tmp_path, tmp_path / "generated")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    [options] = [
        p["playbook"] for p in config["plugins"] if isinstance(p, dict) and "playbook" in p
    ]
    sites = {}
    for workers in (1, 3):
        options["workers"] = workers
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        copy = tmp_path / f"workers-{workers}"
        copy.mkdir()
        sites[workers] = cold_build(project, copy).files()
    assert differences(sites[1], sites[3]) == []
    assert len([p for p in sites[1] if p.startswith("contacts/")]) > 60


def test_the_example_serves_like_it_builds(tmp_path: Path, restore_today: None) -> None:
    project = project_from(tmp_path, EXAMPLE_DATA)
    served = serve_build(project, project / "site", TODAY.isoformat())
    assert differences(served.files(), cold_build(project, tmp_path).files()) == []
