"""Folding text for comparison: one rule for companies, people, findings and aliases.

Each comparison the playbook makes between names (colleagues at the same company, a shared
employer, a referral who is already a contact, the same person imported twice, findings and
aliases) ignores case, accents, the Unicode normal form and spacing, and all of them agree.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers.schedules import log, playbook
from playbook.cli.importers.intake import person_key
from playbook.core.text import fold
from playbook.logic import schedule
from playbook.logic.connections import SHARED_EMPLOYER, connections_of

PRECOMPOSED = "Caf\u00e9 Latte"
DECOMPOSED = "Cafe\u0301 Latte"
SPELLINGS = [
    pytest.param(PRECOMPOSED, "Cafe Latte", id="accent"),
    pytest.param(PRECOMPOSED, DECOMPOSED, id="normal-form"),
    pytest.param("Northwind  Foods", "northwind foods", id="case-and-spacing"),
]


@pytest.mark.parametrize(("ours", "theirs"), SPELLINGS)
def test_a_colleague_at_the_same_company_however_it_is_spelled(
    tmp_path: Path, ours: str, theirs: str
) -> None:
    contacts = {
        "ana-silva": {
            "company": ours,
            "status": "contacted",
            "log": log(("2026-11-20", "outreach")),
        },
        "cy-diaz": {"company": theirs},
    }
    pb = playbook(tmp_path, contacts, date(2026, 11, 25))
    assert [c.id for c in schedule.colleagues(pb, pb.contacts["ana-silva"])] == ["cy-diaz"]
    [second] = [a for a in schedule.actions(pb) if a.kind == "second-person"]
    assert second.to is not None and second.to.id == "cy-diaz"


@pytest.mark.parametrize(("ours", "theirs"), SPELLINGS)
def test_a_shared_employer_however_it_is_spelled(tmp_path: Path, ours: str, theirs: str) -> None:
    pb = playbook(
        tmp_path,
        {"gus-hale": {"company": theirs}},
        date(2026, 11, 25),
        profile={"employers": [ours]},
    )
    kinds = [c.kind for c in connections_of(pb, pb.contacts["gus-hale"])]
    assert kinds == [SHARED_EMPLOYER]


@pytest.mark.parametrize(("ours", "theirs"), SPELLINGS)
def test_a_referral_who_is_already_a_contact_however_it_is_spelled(
    tmp_path: Path, ours: str, theirs: str
) -> None:
    contacts = {
        "mark-cho": {"name": "Mark Cho", "status": "thanked", "referrals": [f"{theirs}, Acme"]},
        "someone": {"name": ours},
    }
    pb = playbook(tmp_path, contacts, date(2026, 11, 25))
    assert not [a for a in schedule.actions(pb) if a.kind == "referral"]


@pytest.mark.parametrize(("ours", "theirs"), SPELLINGS)
def test_the_same_person_imported_twice_however_it_is_spelled(ours: str, theirs: str) -> None:
    assert person_key(ours, ours) == person_key(theirs, theirs)


@pytest.mark.parametrize(("ours", "theirs"), SPELLINGS)
def test_fold_ignores_case_accents_normal_form_and_spacing(ours: str, theirs: str) -> None:
    assert fold(ours) == fold(theirs)


def test_folding_keeps_different_names_apart() -> None:
    assert fold("Ana Silva") != fold("Ana Silvo")
    assert person_key("Ana Silva", "Acme") != person_key("Ana Silvo", "Acme")
