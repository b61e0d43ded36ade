"""Incremental builds never serve a stale page.

For each kind of input a person edits, on the example playbook: build, edit, build again in the
same project (cache, memo, pages left in place), and compare with a cold build of the edited
project, every file byte for byte. The pages that changed must be among those rendered again,
and exactly the pages that depend on the edit are rendered again, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.incremental import Build, build, cold_build, differences, edit_yaml, project_from
from helpers.project import EXAMPLE_DATA

CONTACTS = {p.stem for p in (EXAMPLE_DATA / "contacts").glob("*.yml")}
TEMPLATES = {p.stem for p in (EXAMPLE_DATA / "templates").glob("*.md")}
BANKS = {p.stem for p in (EXAMPLE_DATA / "questions").glob("*.yml")}
BRAND = {"ben-okafor", "dana-ruiz", "grace-liu", "jamie-park", "luis-mendez", "mark-cho"}
BRAND |= {"priya-shah", "rachel-kim"}  # contacts with the brand-marketing role


def contacts(*ids: str) -> set[str]:
    return {f"contacts/{i}.md" for i in ids}


# Pages that sum up every file: dashboard, Today, the board, the table, template reviews.
EVERYTHING = {
    "index.md",
    "today.md",
    "pipeline.md",
    "contacts/index.md",
    "templates/index.md",
    *(f"templates/{t}.md" for t in TEMPLATES),
}
# The print pack holds the sheets of the coming week's conversations (on 25 Nov: Nina's, on
# 1 Dec; Dana's on 2 Dec is a day too late): it changes with those sheets and with the day.
PRINT = {"print/upcoming.md"}
# The pages in mkdocs.yml's nav: MkDocs builds them around the plugin's body.
NAV_PAGES = {
    "index.md",
    "pipeline.md",
    *(f"{section}/index.md" for section in ("contacts", "roles", "questions", "templates")),
    "checklists/index.md",
}
# What people told you: each page depends on the findings it shows, not on everything.
LEARNED = {"learned.md", "leads.md"}
ALL_PAGES = (
    EVERYTHING
    | PRINT
    | contacts(*CONTACTS)
    | {"roles/index.md", "roles/brand-marketing.md", "roles/content-marketing.md"}
    | {"questions/index.md", *(f"questions/{b}.md" for b in BANKS), "checklists/index.md"}
    | LEARNED
)
# Before their conversation, with brand-marketing among their roles: their sheets raise its gaps
# nobody has spoken to yet.
BRAND_BEFORE = ("ben-okafor", "dana-ruiz", "jamie-park", "priya-shah")


@dataclass(frozen=True)
class Edit:
    name: str
    apply: Callable[[Path], None]
    rendered: set[str]  # the generated pages that must be rendered again, and no others
    changed: tuple[str, ...] = ()  # site files whose content must differ after the edit
    shows: tuple[str, str] = ("", "")  # (site file, text it must contain after the edit)
    today: str = "2026-11-25"


def _dana_research(project: Path) -> None:
    edit_yaml(project / "data/contacts/dana-ruiz.yml", "Led the Northwind", "Led the Zephyrine")


def _mark_renamed(project: Path) -> None:
    edit_yaml(project / "data/contacts/mark-cho.yml", "name: Mark Cho", "name: Marcus Cho")


def _pitch(project: Path) -> None:
    edit_yaml(project / "data/profile.yml", "recent communications graduate", "recent graduate")


def _weekly_goal(project: Path) -> None:
    edit_yaml(project / "data/profile.yml", "weekly_outreach_goal: 3", "weekly_outreach_goal: 7")


def _role_title(project: Path) -> None:
    edit_yaml(
        project / "data/roles/content-marketing.yml",
        "title: Content Marketing Specialist",
        "title: Content Strategist",
    )


def _question(project: Path) -> None:
    edit_yaml(
        project / "data/questions/brand-marketing.yml",
        "decide whether a campaign worked",
        "decide whether a campaign paid off",
    )


def _thank_you_template(project: Path) -> None:
    path = project / "data/templates/thank-you.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nP.S. Zephyrine.\n", encoding="utf-8")


def _checklist(project: Path) -> None:
    edit_yaml(project / "data/checklists/before.yml", "and a pen", "and a Zephyrine pen")


def _palette(project: Path) -> None:
    edit_yaml(project / "mkdocs.yml", "primary: indigo", "primary: teal")


def _nothing(project: Path) -> None:
    pass


def _replace(rel: str, text: str, by: str) -> Callable[[Path], None]:
    """An edit of one file of the project: `text` replaced by `by`."""
    return lambda project: edit_yaml(project / rel, text, by)


_finding_note = _replace(
    "data/contacts/luis-mendez.yml",
    "bring one campaign with real results",
    "bring one Zephyrine campaign with real results",
)
_finding_closes_a_gap = _replace(
    "data/contacts/rachel-kim.yml",
    "  - certification: GA4",
    "  - skill: budget and media planning\n    note: Zephyrine\n  - certification: GA4",
)
_opening = _replace(
    "data/contacts/rachel-kim.yml", "Student brand ambassadors", "Zephyrine brand ambassadors"
)
_alias = _replace("data/profile.yml", "[analytics, marketing analytics]", "[analytics]")


def _nina_research(project: Path) -> None:
    edit_yaml(project / "data/contacts/nina-patel.yml", "small SEO meetups", "Zephyrine meetups")


def _tom_booked(project: Path) -> None:
    edit_yaml(
        project / "data/contacts/tom-becker.yml",
        "status: identified\n",
        "status: scheduled\ninterview: {when: 2026-11-27T14:00:00-06:00, medium: phone}\n",
    )


def _new_contact(project: Path) -> None:
    (project / "data/contacts/zoe-zephyr.yml").write_text(
        "name: Zoe Zephyr\ncompany: Lumen Goods\nroles: [content-marketing]\n", encoding="utf-8"
    )


def _contact_gone(project: Path) -> None:
    (project / "data/contacts/tom-becker.yml").unlink()


EDITS = [
    Edit(
        "a contact's research",
        _dana_research,
        # Jamie's sheet names Dana as introducer, and a message may read any of her fields.
        EVERYTHING | contacts("dana-ruiz", "jamie-park"),
        changed=("contacts/dana-ruiz/index.html",),
        shows=("contacts/dana-ruiz/index.html", "Led the Zephyrine"),
    ),
    Edit(
        "the research of someone you meet this week",
        _nina_research,
        EVERYTHING | PRINT | contacts("nina-patel"),
        changed=("contacts/nina-patel/index.html", "print/upcoming/index.html"),
        shows=("print/upcoming/index.html", "speaks at Zephyrine meetups"),
    ),
    Edit(
        "a conversation booked for this week",
        _tom_booked,
        # His sheet, and the role page, which shows his status.
        EVERYTHING | PRINT | contacts("tom-becker") | {"roles/content-marketing.md"},
        changed=("print/upcoming/index.html",),
        shows=("print/upcoming/index.html", 'id="sheet-tom-becker"'),
    ),
    Edit(
        "an introducer's name",
        _mark_renamed,
        # Mark also told you things: he is named where they are counted, and by his lead.
        EVERYTHING | contacts("mark-cho", "dana-ruiz") | {"roles/brand-marketing.md"} | LEARNED,
        changed=("contacts/dana-ruiz/index.html", "roles/brand-marketing/index.html"),
        shows=(
            "contacts/dana-ruiz/index.html",
            '<a href="../mark-cho/">Marcus Cho</a> introduced you',
        ),
    ),
    Edit(
        "the profile's pitch",
        _pitch,
        EVERYTHING | PRINT | contacts(*CONTACTS),
        shows=("contacts/tom-becker/index.html", "I&#39;m a recent graduate"),
    ),
    Edit(
        "the weekly outreach goal",
        _weekly_goal,
        # The profile is an input of every prep sheet too.
        EVERYTHING | PRINT | contacts(*CONTACTS),
        changed=("index.html",),
        shows=("index.html", "Goal: 7 a week"),
    ),
    Edit(
        "a role's title",
        _role_title,
        EVERYTHING
        | PRINT
        | {"roles/index.md", "roles/content-marketing.md", "learned.md"}
        | contacts("ben-okafor", "nina-patel", "olivia-grant", "sofia-alvarez", "tom-becker"),
        shows=("roles/index.html", "Content Strategist"),
    ),
    Edit(
        "a question's text",
        _question,
        EVERYTHING
        | PRINT
        | {"questions/index.md", "questions/brand-marketing.md"}
        | {"roles/brand-marketing.md", "roles/content-marketing.md"}
        | contacts(*CONTACTS),
        shows=("questions/brand-marketing/index.html", "a campaign paid off"),
    ),
    Edit(
        "a template's body",
        _thank_you_template,
        # Those at the thank-you stage: talked, not thanked yet.
        EVERYTHING | contacts("luis-mendez", "rachel-kim"),
        shows=("contacts/luis-mendez/index.html", "P.S. Zephyrine."),
    ),
    Edit(
        "a checklist item",
        _checklist,
        EVERYTHING | PRINT | {"checklists/index.md"} | contacts(*CONTACTS),
        shows=("checklists/index.html", "a Zephyrine pen"),
    ),
    Edit(
        "mkdocs.yml's palette",
        _palette,
        # MkDocs wraps the navigation pages itself; their bodies stay as they were.
        ALL_PAGES - NAV_PAGES,
        shows=("contacts/dana-ruiz/index.html", 'data-md-color-primary="teal"'),
    ),
    Edit(
        "today's date",
        _nothing,
        EVERYTHING | PRINT | contacts(*CONTACTS),
        shows=("index.html", "As of Thu 26 Nov 2026."),
        today="2026-11-26",
    ),
    Edit(
        "today's date, past a lead's 30 days",
        _nothing,
        # Rachel's lead is 31 days old with nothing logged since; the others had news.
        EVERYTHING | PRINT | contacts(*CONTACTS) | {"leads.md"},
        changed=("leads/index.html",),
        shows=("leads/index.html", 'Tidewell Beverages <span class="pb-check pb-flag">ask for'),
        today="2026-12-25",
    ),
    Edit(
        "a finding's note",
        _finding_note,
        EVERYTHING | contacts("luis-mendez") | {"roles/brand-marketing.md", "learned.md"},
        changed=("roles/brand-marketing/index.html", "learned/index.html"),
        shows=("roles/brand-marketing/index.html", "bring one Zephyrine campaign"),
    ),
    Edit(
        "a finding that closes a gap",
        _finding_closes_a_gap,
        # No brand-marketing gap is left open: the sheets that raised it drop the box.
        EVERYTHING
        | contacts("rachel-kim", *BRAND_BEFORE)
        | {"roles/brand-marketing.md", "learned.md"},
        changed=("contacts/jamie-park/index.html",),
        shows=("roles/brand-marketing/index.html", "Budget and media planning</strong> · 1 person"),
    ),
    Edit(
        "an opening",
        _opening,
        EVERYTHING | contacts("rachel-kim") | {"roles/brand-marketing.md"} | LEARNED,
        changed=("leads/index.html", "index.html"),
        shows=("leads/index.html", "Zephyrine brand ambassadors"),
    ),
    Edit(
        "an alias",
        _alias,
        # The profile is on every sheet; of the findings, only Luis's "Marketing analytics"
        # stops counting as Campaign analytics.
        EVERYTHING | PRINT | contacts(*CONTACTS) | {"roles/brand-marketing.md", "learned.md"},
        shows=("roles/brand-marketing/index.html", "Marketing analytics</strong> · 1 person"),
    ),
    Edit(
        "a new contact",
        _new_contact,
        EVERYTHING | contacts("zoe-zephyr") | {"roles/content-marketing.md"},
        shows=("contacts/zoe-zephyr/index.html", "Zoe Zephyr"),
    ),
    Edit(
        "a deleted contact",
        _contact_gone,
        EVERYTHING | {"roles/content-marketing.md"},
    ),
]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """The example project, built once: each test starts from a copy of it, cache and all."""
    where = tmp_path_factory.mktemp("warm")
    project = project_from(where, EXAMPLE_DATA)
    first = build(project, project / "site")
    assert first.rendered == ALL_PAGES  # a cold build renders everything
    return project, first.files()


def _copy(warm: Path, tmp_path: Path) -> Path:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(warm, project, symlinks=True)
    return project


@pytest.mark.parametrize("edit", EDITS, ids=[e.name for e in EDITS])
def test_after_an_edit_the_site_equals_a_cold_build_and_only_dependent_pages_are_rendered(
    edit: Edit, warm: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    project = _copy(warm[0], tmp_path)
    before = warm[1]
    edit.apply(project)
    again: Build = build(project, project / "site", today=edit.today)
    cold = cold_build(project, tmp_path, today=edit.today)
    after = again.files()
    assert differences(after, cold.files()) == [], "the incremental site differs from a cold one"
    assert again.rendered == edit.rendered
    for path in edit.changed:
        assert after[path] != before[path], path
    if edit.shows[0]:
        page, text = edit.shows
        assert text in after[page].decode(), (page, text)


def test_a_second_build_with_nothing_changed_renders_nothing_and_writes_the_same_site(
    warm: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    project = _copy(warm[0], tmp_path)
    again = build(project, project / "site")
    assert again.rendered == set()
    assert differences(again.files(), warm[1]) == []


def test_with_the_cache_off_nothing_is_kept_and_the_site_is_the_same(
    warm: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    import yaml

    project = project_from(tmp_path, EXAMPLE_DATA)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    [options] = [
        p["playbook"] for p in config["plugins"] if isinstance(p, dict) and "playbook" in p
    ]
    options["cache"] = False
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    for _ in range(2):
        built = build(project, project / "site")
        assert built.rendered == ALL_PAGES  # every build renders everything
    assert not (project / ".cache").exists()
    assert differences(built.files(), warm[1]) == []
