"""What people told you, gathered: matching names, counting people, ranking, aliases, the role
a finding is about, the gaps still open, and leads. The pure core, on small made-up playbooks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, PM_DATA, TODAY
from playbook.core.model import Contact, Profile, Role
from playbook.logic.learned import (
    Topic,
    fold,
    gather,
    leads,
    line_to_add,
    lines_to_add,
    told_on,
)


def profile(**aliases: list[str]) -> Profile:
    return Profile.model_validate(
        {"name": "Sam Lee", "pitch": {"who": "Me."}, "timezone": "America/Chicago"}
        | ({"aliases": aliases} if aliases else {})
    )


def role(rid: str = "analyst", **fields: Any) -> Role:
    return Role.model_validate({"id": rid, "title": rid.title(), **fields})


def person(cid: str, *learned: dict[str, str], roles: tuple[str, ...] = ("analyst",), **more: Any):
    return Contact.model_validate(
        {
            "id": cid,
            "name": cid.replace("-", " ").title(),
            "roles": list(roles),
            "log": [{"date": "2026-11-10", "kind": "interview"}],
            "learned": list(learned),
            **more,
        }
    )


def about(
    contacts: list[Contact], roles: list[Role] | None = None, aliases: dict | None = None
) -> dict:
    roles = roles or [role()]
    return gather(contacts, {r.id: r for r in roles}, profile(**(aliases or {})))


def test_names_match_ignoring_case_spacing_and_accents() -> None:
    assert fold("SQL ") == fold("sql") == fold("S Q L")
    assert fold("Café  Latte") == fold("cafe latte")
    assert fold("Ørsted") != fold("Orsted")  # Ø is a letter of its own, not O with a mark
    found = about(
        [
            person("ana-lima", {"skill": "sql"}),
            person("ben-ode", {"skill": "SQL "}),
            person("cy-park", {"skill": "Sql"}),
        ],
        [role(skills=[{"name": "SQL", "level": "gap"}])],
    )["analyst"]
    [topic] = found.topics
    assert (topic.name, topic.people, topic.listed, topic.level) == ("SQL", 3, True, "gap")
    assert [topic.spelling(m) for m in topic.mentions] == ["", "", ""]


def test_people_are_counted_once_however_often_they_say_it() -> None:
    found = about(
        [
            person("ana-lima", {"skill": "SQL", "note": "take-home"}, {"skill": "sql"}),
            person("ben-ode", {"skill": "Python"}),
        ]
    )["analyst"]
    sql = next(t for t in found.topics if t.name == "SQL")
    assert (sql.people, len(sql.mentions)) == (1, 2)
    assert found.people == 2 and found.findings == 3


def test_a_gap_several_people_stress_is_a_priority_and_only_a_gap() -> None:
    skills = [
        {"name": "SQL", "level": "gap"},
        {"name": "Excel", "level": "have"},
        {"name": "Python", "level": "gap"},
    ]
    found = about(
        [
            person("ana-lima", {"skill": "SQL"}, {"skill": "Excel"}, {"skill": "Python"}),
            person("ben-ode", {"skill": "SQL"}, {"skill": "Excel"}),
        ],
        [role(skills=skills)],
    )["analyst"]
    priority = {t.name: t.priority for t in found.topics}
    assert priority == {"SQL": True, "Excel": False, "Python": False}


def test_most_mentioned_first_then_the_roles_own_order_then_by_name() -> None:
    skills = [{"name": "Zoning law"}, {"name": "Budgets"}]
    found = about(
        [
            person("ana-lima", {"skill": "Budgets"}, {"skill": "Zoning law"}, {"skill": "Maps"}),
            person("ben-ode", {"skill": "Budgets"}, {"skill": "Archiving"}),
        ],
        [role(skills=skills)],
    )["analyst"]
    names = [t.name for t in found.of("skill", "tool")]
    # Budgets: two people. Then one each: the role's list order, then the others by name.
    assert names == ["Budgets", "Zoning law", "Archiving", "Maps"]


def test_certifications_rank_by_people_with_every_note() -> None:
    found = about(
        [
            person("ana-lima", {"certification": "CAPM", "note": "before the PMP"}),
            person("ben-ode", {"certification": "PMP"}),
            person("cy-park", {"certification": "capm", "note": "three months of study"}),
        ],
        [role(certifications=["PMP", "CAPM", "CSM"])],
    )["analyst"]
    ranked = found.of("certification")
    assert [(t.name, t.people) for t in ranked] == [("CAPM", 2), ("PMP", 1)]
    assert [m.note for m in ranked[0].mentions] == ["before the PMP", "three months of study"]
    assert found.quiet_certifications == ("CSM",)


def test_aliases_join_spellings_and_the_roles_spelling_wins() -> None:
    found = about(
        [
            person("ana-lima", {"certification": "GA4"}),
            person("ben-ode", {"certification": "google analytics"}),
            person("cy-park", {"skill": "stats"}),
        ],
        [role(certifications=["Google Analytics Certification"])],
        {"Google Analytics Certification": ["GA4", "Google Analytics"], "Statistics": ["stats"]},
    )["analyst"]
    cert = found.of("certification")[0]
    assert (cert.name, cert.people, cert.listed) == ("Google Analytics Certification", 2, True)
    assert [cert.spelling(m) for m in cert.mentions] == ["GA4", "google analytics"]
    # Not on the role's list: named as the aliases name it.
    stats = found.of("skill")[0]
    assert (stats.name, stats.listed, stats.not_listed) == ("Statistics", False, True)


def test_an_alias_listed_the_other_way_round_still_meets_the_role() -> None:
    found = about(
        [person("ana-lima", {"certification": "GA4"})],
        [role(certifications=["Google Analytics Certification"])],
        {"GA4": ["Google Analytics Certification"]},
    )["analyst"]
    cert = found.of("certification")[0]
    assert (cert.name, cert.listed) == ("Google Analytics Certification", True)
    assert found.quiet_certifications == ()


def test_a_finding_is_about_its_own_role_else_the_contacts_first_role() -> None:
    roles = [role("analyst"), role("planner")]
    found = about(
        [
            person("ana-lima", {"skill": "SQL"}, roles=("planner", "analyst")),
            person("ben-ode", {"skill": "Maps", "role": "analyst"}, roles=("planner",)),
            person("cy-park", {"skill": "Excel"}, roles=()),
        ],
        roles,
    )
    assert [t.name for t in found["planner"].topics] == ["SQL"]
    assert [t.name for t in found["analyst"].topics] == ["Maps"]
    assert [t.name for t in found[""].topics] == ["Excel"]  # no role: kept, apart
    assert list(found) == ["analyst", "planner", ""]


def test_skills_and_tools_are_one_thing_and_a_tool_only_when_all_say_tool() -> None:
    found = about(
        [
            person("ana-lima", {"tool": "Figma"}, {"tool": "Jira"}),
            person("ben-ode", {"skill": "figma"}, {"tool": "jira"}),
        ]
    )["analyst"]
    assert {(t.name, t.kind, t.people) for t in found.topics} == {
        ("Figma", "skill", 2),
        ("Jira", "tool", 2),
    }


def test_gaps_nobody_spoke_to_stay_open_and_a_have_nobody_mentions_stays_as_it_is() -> None:
    skills = [
        {"name": "Copywriting", "level": "have"},
        {"name": "Media budgets", "level": "gap"},
        {"name": "Retail", "level": "gap"},
    ]
    found = about([person("ana-lima", {"skill": "retail"})], [role(skills=skills)])["analyst"]
    assert [(s.name, s.level) for s in found.quiet_skills] == [
        ("Copywriting", "have"),
        ("Media budgets", "gap"),
    ]
    assert found.open_gaps == ["Media budgets"]
    nobody = about([], [role(skills=skills)])["analyst"]
    assert nobody.topics == () and nobody.open_gaps == ["Media budgets", "Retail"]


def test_findings_date_from_the_conversation() -> None:
    p = profile()
    logged = person("ana-lima", log=[{"date": "2026-10-01", "kind": "interview"}])
    assert told_on(logged, p) == date(2026, 10, 1)
    # Booked for 00:30 in New York, which is still the evening before in Chicago (the profile's).
    booked = person("ben-ode", log=[], interview={"when": "2026-12-03T00:30:00-05:00"})
    assert told_on(booked, p) == date(2026, 12, 2)
    noted = person("cy-park", log=[{"date": "2026-11-03", "kind": "note"}])
    assert told_on(noted, p) == date(2026, 11, 3)
    assert told_on(person("di-ho", log=[]), p) is None


def test_leads_are_newest_first_and_old_quiet_ones_ask_for_an_update() -> None:
    def opened(cid: str, *log: tuple[str, str]) -> Contact:
        return person(
            cid,
            {"opening": f"Analyst at {cid}", "note": "ask in January"},
            {"skill": "SQL"},
            log=[{"date": d, "kind": k} for d, k in log],
        )

    contacts = [
        opened("old-quiet", ("2026-10-20", "interview")),  # 36 days: ask
        opened("old-followed", ("2026-10-01", "interview"), ("2026-10-05", "referral")),
        opened("thirty-days", ("2026-10-26", "interview")),  # exactly 30: not yet
        opened("recent", ("2026-11-20", "interview")),
        person("no-date", {"opening": "Someday"}, log=[]),
    ]
    found = leads(contacts, {"analyst": role()}, profile(), TODAY)
    assert [(lead.person.id, lead.ask_for_update) for lead in found] == [
        ("recent", False),
        ("thirty-days", False),
        ("old-quiet", True),
        ("old-followed", False),
        ("no-date", False),
    ]
    assert found[0].note == "ask in January" and found[0].role_title == "Analyst"


@pytest.mark.parametrize(
    "name",
    ["Writing creative briefs", "C#: the basics", "yes", "null", "#1 skill", "[draft]", "Ørsted"],
)
def test_the_line_to_add_reads_back_as_the_name(name: str) -> None:
    skill = Topic("skill", name, ())
    certification = Topic("certification", name, ())
    assert yaml.safe_load(line_to_add(skill).strip()) == [{"name": name, "level": "gap"}]
    assert yaml.safe_load(line_to_add(certification).strip()) == [name]
    assert line_to_add(Topic("skill", "Negotiation", ())) == "  - {name: Negotiation, level: gap}"


def test_lines_to_add_name_what_the_role_does_not_list_most_mentioned_first() -> None:
    found = about(
        [
            person("ana-lima", {"skill": "Maps"}, {"tool": "QGIS"}, {"certification": "GISP"}),
            person("ben-ode", {"tool": "qgis"}, {"skill": "SQL"}),
        ],
        [role(skills=[{"name": "SQL"}])],
    )["analyst"]
    assert lines_to_add(found) == {
        "skills": ["  - {name: QGIS, level: gap}", "  - {name: Maps, level: gap}"],
        "certifications": ["  - GISP"],
    }


def test_the_example_playbooks_tell_their_stories() -> None:
    """Two people stress analytics, a gap: a priority; an opening turned into a referral. Three
    of four project managers say CAPM before PMP: CAPM ranks first."""
    example = playbook_of(EXAMPLE_DATA)
    brand = example.findings["brand-marketing"]
    analytics = brand.of("skill")[0]
    assert (analytics.name, analytics.people, analytics.priority) == ("Campaign analytics", 2, True)
    referred = next(lead for lead in example.leads if lead.person.id == "luis-mendez")
    luis = example.contacts["luis-mendez"]
    assert any(e.kind == "referral" and e.date > referred.on for e in luis.log)

    pm = playbook_of(PM_DATA)
    ranked = pm.findings["project-manager"].of("certification")
    assert [(t.name, t.people) for t in ranked] == [("CAPM", 3), ("PMP", 1)]
    assert {m.person.id for m in ranked[0].mentions} == {
        "maria-santos",
        "derek-hall",
        "owen-brooks",
    }
    # Kofi's Scrum certification is about his first role, Scrum Master, not project management.
    assert pm.findings["scrum-master"].of("certification")[0].name == "Certified ScrumMaster"
