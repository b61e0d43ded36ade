"""The public profile as a user meets it: what its pages show, how it is chosen, what it refuses."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml

from helpers.core import playbook_of
from helpers.hosting import Published
from helpers.project import EXAMPLE_DATA, TODAY, make_project, mkdocs_build
from playbook.pages import public
from playbook.pages.catalogue import render_bodies

NOINDEX = '<meta name="robots" content="noindex">'


def text_of(html: str) -> str:
    article = html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def page(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text(encoding="utf-8")


def test_public_view_holds_no_contact_and_names_only_who_agreed() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    view = public.public_view(pb)
    assert not hasattr(view, "contacts")
    assert [t.name for t in view.thanked] == [c.name for c in pb.contacts.values() if c.public]
    assert view.people == len(pb.contacts) and sum(view.pipeline.values()) == view.people
    pages = render_bodies(pb, public=True)
    assert not [uri for uri in pages if uri.startswith("contacts/") and uri != "contacts/index.md"]
    everything = "\n".join(pages.values())
    for contact in pb.contacts.values():
        if not contact.public:
            assert contact.name not in everything
    assert pb.profile.email not in everything and pb.profile.pitch.who not in everything


def test_public_pages_show_the_library_counts_and_thanks(published: Published) -> None:
    site = published.site
    assert sorted(p.name for p in (site / "contacts").iterdir()) == ["index.html"]
    dashboard = text_of(page(site, ""))
    assert "12 people in the playbook" in dashboard and "Pipeline" not in dashboard
    assert "scheduled 3" in dashboard
    thanks = text_of(page(site, "contacts/"))
    assert "Sofia Alvarez , Content Marketing Manager, Copperleaf Studio" in thanks
    role = page(site, "roles/brand-marketing/")
    assert 'id="contacts"' not in role and 'id="skills"' in role
    template = unescape(re.sub(r"<[^>]+>", "", page(site, "templates/linkedin-note/")))
    assert "{{ contact.first_name }}" in template
    assert "md-tag" not in page(site, "tags/")  # no contact page, so no contact tags
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{published.base}roles/brand-marketing/</loc>" in sitemap
    assert "contacts/" in sitemap and "contacts/dana-ruiz" not in sitemap


def test_every_public_page_asks_search_engines_not_to_index_it(published: Published) -> None:
    pages = sorted(published.site.rglob("*.html"))
    assert len(pages) > 20
    assert [p.name for p in pages if NOINDEX not in p.read_text(encoding="utf-8")] == []


def test_plugin_options_choose_public_and_allow_indexing(tmp_path: Path) -> None:
    project = make_project(tmp_path, plugin_options={"profile": "public", "noindex": False})
    built = mkdocs_build(project, "--strict")
    assert not (built.site / "contacts" / "dana-ruiz").exists()
    assert NOINDEX not in page(built.site, "")


def test_the_environment_wins_over_the_plugin_option(tmp_path: Path) -> None:
    project = make_project(tmp_path, plugin_options={"profile": "public"})
    built = mkdocs_build(project, env={"PLAYBOOK_PROFILE": "private"})
    assert "Dana Ruiz" in text_of(page(built.site, "contacts/dana-ruiz/"))


def test_an_unknown_profile_is_a_clear_error(tmp_path: Path) -> None:
    built = mkdocs_build(make_project(tmp_path), env={"PLAYBOOK_PROFILE": "open"}, check=False)
    assert built.returncode != 0
    assert "PLAYBOOK_PROFILE='open' is not a profile; use PLAYBOOK_PROFILE=public" in built.output
    assert "Traceback" not in built.output


def test_gh_deploy_refuses_the_private_profile_and_says_how_to_switch(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--no-history"],
        cwd=project,
        env={
            "PATH": "/usr/bin:/bin",
            "PLAYBOOK_TODAY": TODAY.isoformat(),
            "NO_MKDOCS_2_WARNING": "1",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "PLAYBOOK_PROFILE=public mkdocs gh-deploy" in output
    assert "Traceback" not in output
    assert not (project / "site" / "contacts" / "dana-ruiz").exists()


def test_a_hand_written_page_naming_a_contact_stops_a_strict_public_build(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    (content / "guide").mkdir(parents=True)
    (content / "guide" / "index.md").write_text("# Guide\n\nAsk DANA  RUIZ about agencies.\n")
    project = make_project(tmp_path, copy_data=True)
    config = yaml.safe_load((project / "mkdocs.yml").read_text())
    config["docs_dir"] = str(content)
    config["nav"] = [{"Dashboard": "index.md"}, {"Guide": "guide/index.md"}]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    built = mkdocs_build(project, "--strict", env={"PLAYBOOK_PROFILE": "public"}, check=False)
    assert built.returncode != 0
    assert "guide/index.html: the name of data/contacts/dana-ruiz.yml" in built.output
    assert not (project / "site" / "guide").exists()


def test_a_template_override_that_reaches_for_contacts_fails_cleanly(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "roles.html.j2").write_text(
        "<h1>Roles</h1>\n<p>{{ playbook.contacts | length }} people</p>\n"
    )
    project = make_project(tmp_path, plugin_options={"templates_dir": str(overrides)})
    built = mkdocs_build(project, env={"PLAYBOOK_PROFILE": "public"}, check=False)
    assert built.returncode != 0
    assert "a page template uses something a public build leaves out" in built.output
    assert "'contacts'" in built.output and "Traceback" not in built.output


@pytest.mark.parametrize(
    ("option", "environ", "chosen"),
    [
        ("private", {}, "private"),
        ("public", {}, "public"),
        ("public", {"PLAYBOOK_PROFILE": "private"}, "private"),
        ("private", {"PLAYBOOK_PROFILE": " public "}, "public"),
        ("public", {"PLAYBOOK_PROFILE": ""}, "public"),
    ],
)
def test_choose_profile(option: str, environ: dict[str, str], chosen: str) -> None:
    assert public.choose_profile(option, environ) == chosen
