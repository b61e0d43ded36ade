"""A real `mkdocs build` of the example playbook: every page exists and shows the right things."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import yaml

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, PM_DATA, Built, make_project, mkdocs_build


def text_of(html: str) -> str:
    """Visible text of a page's article, tags stripped and entities decoded."""
    article = html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_strict_build_of_the_example_prints_no_warning(example_site: Built) -> None:
    assert "WARNING" not in example_site.output
    assert "ERROR" not in example_site.output


def test_every_section_and_item_page_exists(example_site: Built) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    expected = [
        "",
        "today/",
        "pipeline/",
        "contacts/",
        "roles/",
        "questions/",
        "templates/",
        "checklists/",
        "tags/",
        "guide/",
    ]
    expected += [f"contacts/{cid}/" for cid in pb.contacts]
    expected += [f"roles/{rid}/" for rid in pb.roles]
    expected += [f"questions/{bid}/" for bid in pb.banks]
    expected += [f"templates/{tid}/" for tid in pb.templates]
    missing = [uri for uri in expected if not (example_site.site / uri / "index.html").is_file()]
    assert missing == []


def test_prep_sheet_shows_plan_in_order_with_picks_extras_and_closing_last(
    example_site: Built,
) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    dana = pb.contacts["dana-ruiz"]
    html = example_site.page("contacts/dana-ruiz/")
    plan_html = html.split('id="question-plan"', 1)[1].split("</ol>", 1)[0]
    # The agenda's question lines, their times left out.
    items = [
        " ".join(unescape(re.sub(r"<[^>]+>", " ", li)).split())
        for li in re.findall(
            r'<li class="pb-slot pb-slot-question">.*?<span class="pb-what">(.*?)</li>',
            plan_html,
            re.S,
        )
    ]
    plan = pb.plan(pb.contacts["dana-ruiz"])
    assert len(items) == len(plan.questions)
    assert items[-1].startswith(pb.questions[pb.profile.closing_question].text)
    for qid in dana.questions.pick:
        assert any(i.startswith(pb.questions[qid].text) for i in items)
    for extra in dana.questions.extra:
        assert any(i.startswith(str(extra)) for i in items)
    for qid in dana.questions.skip:
        assert pb.questions[qid].text not in text_of(html)
    text = text_of(html)
    for needle in (
        "Marketing Director",
        "Brightside Agency",
        "Mark Cho",
        "Lakeside University",
        "Wed 2 Dec 2026, 15:30",
        "Brand Marketing Associate",
        "Elevator pitch",
        "Before the conversation",
        "During the conversation",
        "After the conversation",
        "Log",
        "Notes",
    ):
        assert needle in text, needle
    assert 'href="../mark-cho/"' in html
    assert 'href="../../roles/brand-marketing/"' in html
    assert 'href="mailto:dana.ruiz@example.com"' in html


def test_prep_sheet_offers_messages_that_fit_the_stage(example_site: Built) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    interviewed = next(c for c in pb.contacts.values() if c.status == "interviewed")
    text = text_of(example_site.page(f"contacts/{interviewed.id}/"))
    assert "Thank" in text and "characters" in text
    identified = next(c for c in pb.contacts.values() if c.status == "identified")
    text = text_of(example_site.page(f"contacts/{identified.id}/"))
    assert "LinkedIn connection note" in text


def test_contact_pages_stay_out_of_the_navigation(example_site: Built) -> None:
    html = example_site.page("")
    assert "contacts/dana-ruiz/" not in html.split('class="md-content"')[0]


def test_dashboard_lists_upcoming_conversations_and_pipeline(example_site: Built) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    text = text_of(example_site.page(""))
    for cid in ("dana-ruiz", "nina-patel", "jamie-park"):
        assert pb.contacts[cid].name in text
    assert "Pipeline" in text and "scheduled" in text


def test_role_page_shows_gaps_contacts_and_questions(example_site: Built) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    html = example_site.page("roles/brand-marketing/")
    assert 'class="pb-gap"' in html
    for contact in pb.contacts_for_role(pb.roles["brand-marketing"]):
        assert f'href="../../contacts/{contact.id}/"' in html


def test_question_index_groups_every_question_by_category(example_site: Built) -> None:
    pb = playbook_of(EXAMPLE_DATA)
    text = text_of(example_site.page("questions/"))
    for question in pb.questions.values():
        assert question.text in text
    assert text.index("Trends") < text.index("Insights") < text.index("Advice")


def test_templates_show_their_placeholders(example_site: Built) -> None:
    html = example_site.page("templates/linkedin-note/")
    assert "{{ contact.first_name }}" in unescape(re.sub(r"<[^>]+>", "", html))


def test_checklists_page_is_three_task_lists(example_site: Built) -> None:
    html = example_site.page("checklists/")
    assert html.count('class="task-list-item"') >= 15
    text = text_of(html)
    assert text.index("Before") < text.index("During") < text.index("After")


def test_second_playbook_builds_and_learns_about_certifications(build) -> None:
    built = build(PM_DATA, "--strict")
    text = text_of(built.page("roles/project-manager/"))
    assert "CAPM" in text and "PMP" in text


def test_the_plugin_stylesheets_come_before_the_users_so_theirs_win(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra_css"] = ["mine.css"]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    html = mkdocs_build(project).page("contacts/dana-ruiz/")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    ours = [i for i, href in enumerate(sheets) if "assets/playbook/" in href]
    assert ours and max(ours) < sheets.index("../../mine.css")


def test_enabled_false_leaves_the_site_as_if_the_plugin_were_not_there(tmp_path: Path) -> None:
    built = mkdocs_build(make_project(tmp_path, plugin_options={"enabled": False}))
    assert (built.site / "guide" / "index.html").is_file()
    assert not (built.site / "contacts" / "dana-ruiz").exists()
    assert not (built.site / "calendar.ics").exists()
    assert not (built.project / ".cache").exists()
    assert "assets/playbook/" not in (built.site / "guide" / "index.html").read_text()


def test_a_data_folder_that_does_not_exist_is_named_by_mkdocs(tmp_path: Path) -> None:
    built = mkdocs_build(
        make_project(tmp_path, plugin_options={"data_dir": "no-such-folder"}), check=False
    )
    assert built.returncode != 0
    assert "data_dir" in built.output and "isn't an existing directory" in built.output
    assert "Traceback" not in built.output
