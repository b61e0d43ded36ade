"""What you learned, in real builds of both example playbooks: the role page's "What people told
you", /leads/, /learned/, the dashboard's leads and the prep sheets; none of it in a public build.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from helpers.hosting import Published
from helpers.project import PM_DATA, Built, make_project, mkdocs_build


def text_of(html: str) -> str:
    """Visible text of a page's article, tags stripped and entities decoded."""
    article = html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())
    return re.sub(r" ([,.:;)])", r"\1", text)  # "Mark Cho</a>, Tue": no space before the comma


def code_of(html: str) -> list[str]:
    """The text of each code block, as a copy button would give it."""
    blocks = re.findall(r"<pre><span></span><code>(.*?)</code></pre>", html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks]


def section(html: str, heading_id: str) -> str:
    """The text from a heading to the next heading of the same level or higher."""
    start = re.search(rf'<h(\d) id="{heading_id}"', html)
    assert start, heading_id
    rest = html[start.start() :]
    end = re.search(rf"<h[1-{start.group(1)}][ >]", rest[5:])
    return text_of(rest[: end.start() + 5] if end else rest)


@pytest.fixture(scope="module")
def pm_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return mkdocs_build(make_project(tmp_path_factory.mktemp("pm"), PM_DATA), "--strict")


# --- the example: a marketing graduate ---------------------------------------------------------


def test_the_role_page_says_what_people_told_you_against_your_list(example_site: Built) -> None:
    html = example_site.page("roles/brand-marketing/")
    told = section(html, "what-people-told-you")
    # Two people stress analytics, a gap on the list: first, and a priority.
    assert told.index("Campaign analytics · 2 people · gap, priority") < told.index("Negotiation")
    assert "Luis Mendez, Fri 20 Nov 2026 (as “Marketing analytics”): Every strategist" in told
    assert "Rachel Kim, Tue 24 Nov 2026: Her team judges a campaign" in told
    assert 'href="../../contacts/luis-mendez/"' in html
    # A have nobody mentions is shown as it is; a gap nobody mentions too.
    quiet = told.split("On your list, nobody has mentioned yet:", 1)[1]
    assert "Copywriting · have" in quiet and "Budget and media planning · gap" in quiet
    # Mentioned, not listed: flagged, with the very lines to add to the role file.
    assert "Writing creative briefs · 1 person · not on your list yet" in told
    assert "data/roles/brand-marketing.yml does not list" in told
    assert (
        "  - {name: Negotiation, level: gap}\n  - {name: Writing creative briefs, level: gap}\n"
        in code_of(html)
    )
    assert (
        "Google Analytics Certification · 1 person Rachel Kim, Tue 24 Nov 2026 (as “GA4”)" in told
    )
    assert "openings (3)" in told and 'href="../../leads/"' in html
    assert 'href="../../learned/#brand-marketing"' in html


def test_leads_are_newest_first_on_their_page_and_on_the_dashboard(example_site: Built) -> None:
    leads = text_of(example_site.page("leads/"))
    order = ["Student brand ambassadors", "Consumer insights coordinator", "Junior account"]
    assert [leads.index(o) for o in order] == sorted(leads.index(o) for o in order)
    assert "Hannah Wu is hiring for it; Luis offered to pass my name on Luis Mendez" in leads
    assert "ask for an update Junior" not in leads  # Mark's lead: a referral was logged since
    dashboard = example_site.page("")
    shown = section(dashboard, "leads")
    assert [shown.index(o) for o in order] == sorted(shown.index(o) for o in order)
    assert 'href="leads/"' in dashboard and 'href="learned/"' in dashboard


def test_learned_groups_everything_by_role_then_kind_with_counts(example_site: Built) -> None:
    html = example_site.page("learned/")
    brand = section(html, "brand-marketing")
    assert "15 findings from 4 people" in brand
    kinds = ["Skills (5)", "Certifications (1)", "Companies (1)", "Openings (3)", "Advice (3)"]
    assert [brand.index(k) for k in kinds] == sorted(brand.index(k) for k in kinds)
    # Advice and resources with who gave them.
    assert "Build a portfolio of two or three campaigns with results, not just visuals · " in brand
    assert "1 person Mark Cho, Tue 8 Sep 2026" in brand
    assert "Two trade newsletters on the creator economy · 1 person Grace Liu" in brand
    content = section(html, "content-marketing")
    assert "Tools (1) ¶ Descript · 1 person Sofia Alvarez" in content


def test_a_prep_sheet_shows_its_findings_after_the_notes(example_site: Built) -> None:
    html = example_site.page("contacts/luis-mendez/")
    text = text_of(html)
    assert text.index("Notes") < text.index("What you learned") < text.index("Counted with")
    findings = section(html, "what-you-learned")
    assert "Opening: Consumer insights coordinator, Tidewell Beverages, to be posted" in findings
    assert "Skill: Marketing analytics — Every strategist reads the numbers" in findings
    # Desk material, like the log: it would push the printed sheet past one page.
    assert '<div class="pb-screen-only">\n<h2 id="what-you-learned"' in html


def test_before_the_conversation_the_sheet_lists_the_gaps_nobody_spoke_to(
    example_site: Built,
) -> None:
    for cid, name in (("jamie-park", "Jamie"), ("dana-ruiz", "Dana")):
        html = example_site.page(f"contacts/{cid}/")
        box = html.split("pb-still-open", 1)[1].split("</div>", 1)[0]
        assert f"Brand Marketing Associate</a> yet; ask {name}:" in box
        assert "<li>Budget and media planning</li>" in box
        assert "Campaign analytics" not in box  # Luis and Rachel spoke to it
    # Jamie's sheet has room for it on paper; Dana's is full (tests/browser/test_print.py measures).
    assert 'class="admonition question pb-still-open">' in example_site.page("contacts/jamie-park/")
    dana = example_site.page("contacts/dana-ruiz/")
    assert 'class="admonition question pb-still-open pb-screen-only">' in dana
    # After the conversation there is nothing left to raise with them.
    assert "Still open for this role" not in example_site.page("contacts/rachel-kim/")


def test_the_public_build_has_none_of_it(published: Published) -> None:
    assert not (published.site / "learned").exists()
    assert not (published.site / "leads").exists()
    role = (published.site / "roles" / "brand-marketing" / "index.html").read_text()
    assert "What people told you" not in role and "Campaign analytics" in role
    dashboard = (published.site / "index.html").read_text()
    assert "Leads" not in text_of(dashboard)


# --- pm-switch: an engineer moving into project management --------------------------------


def test_three_of_four_project_managers_rank_capm_first_with_their_notes(pm_site: Built) -> None:
    html = pm_site.page("roles/project-manager/")
    ranked = section(html, "certifications-ranked")
    assert ranked.index("CAPM · 3 people") < ranked.index("PMP · 1 person")
    for note in (
        "Get it before the PMP, which needs 36 months of leading projects",
        "A few months of study, not three years of experience; the PMP can wait",
        "Owen Brooks, Fri 20 Nov 2026: Passed it in 2023 after the 23 hours of study",
        "Robotics recruiters filter on the PMP",
    ):
        assert note in ranked
    # Kofi's Certified ScrumMaster is about his first role, Scrum Master.
    assert "On your list, nobody has mentioned yet: Certified ScrumMaster." in ranked
    skills = section(html, "skills-and-tools")
    assert "MS Project (tool) · 2 people · not on your list yet" in skills
    assert "Agile and Scrum practices · 1 person · gap Kofi Mensah" in skills
    assert "  - {name: MS Project, level: gap}\n" in code_of(html)
    scrum = section(pm_site.page("learned/"), "scrum-master")
    assert "Certified ScrumMaster · 1 person Kofi Mensah, Tue 24 Nov 2026" in scrum


def test_an_opening_heard_long_ago_with_nothing_since_asks_for_an_update(pm_site: Built) -> None:
    leads = text_of(pm_site.page("leads/"))
    assert (
        "Junior project manager, Summit Robotics, in the first quarter ask for an update" in leads
    )
    assert "Derek Hall Project Manager Thu 15 Oct 2026" in leads
    assert "ask for an update" in section(pm_site.page(""), "leads")


def test_the_next_conversation_raises_the_gap_nobody_spoke_to(pm_site: Built) -> None:
    html = pm_site.page("contacts/rita-gomez/")
    box = html.split('<div class="admonition question pb-still-open">', 1)[1].split("</div>")[0]
    assert "Project Manager</a> yet; ask Rita:" in box
    assert "<li>Budget tracking and earned value</li>" in box
    assert "Agile" not in box  # Kofi spoke to it, about project management, by an alias
