"""The question plan: picks and extras in, skips out, time respected, closing question last; and
its agenda (QuestionPlan.agenda), timed from the pitch through each question to the wrap-up."""

from __future__ import annotations

from pathlib import Path

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA, PM_DATA, TODAY
from helpers.schedules import playbook
from playbook.core.model import CATEGORIES, Contact, Profile
from playbook.logic.plan import plan_questions


def test_every_example_plan_fits_its_time_and_ends_with_the_closing_question() -> None:
    for data in (EXAMPLE_DATA, PM_DATA):
        pb = playbook_of(data)
        for contact in pb.contacts.values():
            plan = pb.plan(contact)
            assert plan.questions[-1].id == pb.profile.closing_question
            assert plan.used <= plan.budget, contact.id
            ids = {q.id for q in plan.questions}
            assert set(contact.questions.pick) <= ids, contact.id
            assert not set(contact.questions.skip) & ids, contact.id
            assert not set(contact.questions.skip) & {q.id for q in plan.backups}, contact.id
            extras = [q.text for q in plan.questions if q.reason == "extra"]
            assert len(extras) == len(contact.questions.extra)


def test_questions_are_shown_in_tiara_order() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    for plan in map(pb.plan, pb.contacts.values()):
        body = plan.questions[:-1]
        ranks = [CATEGORIES.index(q.category) for q in body]
        assert ranks == sorted(ranks)


def _contact(**fields: object) -> Contact:
    return Contact.model_validate({"id": "sam-lee", "name": "Sam Lee", **fields})


def test_must_questions_win_when_time_is_short_and_the_rest_become_backups() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    profile: Profile = pb.profile.model_copy(update={"interview_minutes": 10})
    contact = _contact(roles=["brand-marketing"])
    plan = plan_questions(contact, profile, pb.roles_of(contact), pb.questions, pb.bank_of)
    # 10 minutes less pitch and wrap-up leaves 6, the closing question takes 2.
    assert plan.budget == 10 - profile.pitch_minutes - profile.wrap_up_minutes
    assert plan.used <= plan.budget
    chosen = [q for q in plan.questions if q.reason != "closing"]
    assert any(q.reason == "must" for q in chosen)
    # A should or nice question only gets in when it is shorter than every must left out.
    left_out = [q.minutes for q in plan.backups if q.reason == "must"]
    for q in chosen:
        if q.reason != "must":
            assert all(q.minutes < m for m in left_out)
    assert any(q.reason == "should" for q in plan.backups)


def test_role_tags_decide_which_tagged_questions_are_eligible() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    profile = pb.profile.model_copy(update={"interview_minutes": 240})
    untagged_only = plan_questions(_contact(), profile, [], pb.questions, pb.bank_of)
    assert all(not pb.questions[q.id].tags for q in untagged_only.questions if q.id)
    marketing = plan_questions(
        _contact(roles=["brand-marketing"]),
        profile,
        [pb.roles["brand-marketing"]],
        pb.questions,
        pb.bank_of,
    )
    assert any(pb.questions[q.id].tags for q in marketing.questions if q.id)


def test_picks_and_extras_are_kept_even_when_they_overrun() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    profile = pb.profile.model_copy(update={"interview_minutes": 8})
    contact = _contact(
        questions={
            "pick": ["trends", "typical-day"],
            "extra": ["Why Chicago?", {"text": "Why now?", "minutes": 5}],
        }
    )
    plan = plan_questions(contact, profile, [], pb.questions, pb.bank_of)
    texts = [q.text for q in plan.questions]
    assert "Why Chicago?" in texts and "Why now?" in texts
    assert plan.over_by == plan.used - plan.budget > 0


# --- the agenda ---------------------------------------------------------------------------


def test_the_agenda_runs_from_the_pitch_through_each_question_to_the_wrap_up() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    plan = pb.plan(pb.contacts["dana-ruiz"])
    slots = plan.agenda()
    kinds = ["pitch", *["question"] * len(plan.questions), "wrap-up"]
    assert [s.kind for s in slots] == kinds
    assert [s.question for s in slots[1:-1]] == list(plan.questions)
    pitch = pb.profile.pitch_minutes
    starts = [
        pitch + sum(q.minutes for q in plan.questions[:i]) for i in range(len(plan.questions))
    ]
    assert [s.at for s in slots[1:-1]] == starts
    # The wrap-up starts on time (spare minutes are for follow-up questions) and ends with the
    # booked time.
    assert slots[-1].at == plan.conversation_minutes - pb.profile.wrap_up_minutes == 18
    assert slots[-1].ends == 20
    assert slots[1].offset == "0:02" and slots[-1].offset == "0:18"


def test_when_picks_overrun_the_wrap_up_follows_the_last_question(tmp_path: Path) -> None:
    extra = [{"text": f"Long question {n}?", "minutes": 10} for n in range(3)]
    interview = {"when": "2026-12-01T10:00:00", "minutes": 20}
    people = {"ana-lima": {"interview": interview, "questions": {"extra": extra}}}
    pb = playbook(tmp_path, people, TODAY)
    plan = pb.plan(pb.contacts["ana-lima"])
    assert plan.over_by > 0
    *_, last_question, wrap_up = plan.agenda()
    assert wrap_up.at == last_question.ends == 2 + plan.used
    assert wrap_up.ends == wrap_up.at + pb.profile.wrap_up_minutes > plan.conversation_minutes
