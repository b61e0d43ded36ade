"""The question plan: which questions fit the time booked, and in which order to ask them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from playbook.model import CATEGORIES, Contact, ExtraQuestion, Profile, Question, Role

PRIORITIES = ("must", "should", "nice")


@dataclass(frozen=True)
class PlannedQuestion:
    text: str
    category: str
    minutes: int
    reason: str  # picked, extra, must, should, nice or closing
    id: str | None = None  # None for a contact's extra questions
    bank: str | None = None


@dataclass(frozen=True)
class QuestionPlan:
    """Questions chosen to fit the conversation, shown in TIARA order, the closing one last."""

    conversation_minutes: int
    budget: int  # minutes left for questions once pitch and wrap-up are set aside
    questions: tuple[PlannedQuestion, ...]
    backups: tuple[PlannedQuestion, ...]

    @property
    def used(self) -> int:
        return sum(q.minutes for q in self.questions)

    @property
    def over_by(self) -> int:
        """Minutes by which picks and extras alone overrun the time (0 when they fit)."""
        return max(0, self.used - self.budget)


def conversation_minutes(contact: Contact, profile: Profile) -> int:
    booked = contact.interview.minutes if contact.interview else None
    return booked or profile.interview_minutes


def plan_questions(
    contact: Contact,
    profile: Profile,
    roles: Sequence[Role],
    questions: Mapping[str, Question],
    bank_of: Mapping[str, str],
) -> QuestionPlan:
    """Choose picks and extras, then must, should and nice questions while time remains.

    Questions are chosen by importance but asked in TIARA order (trends, insights, advice,
    resources, assignments), because a conversation flows better from the general to the personal;
    choosing by importance first means the must-asks are in even when time is short.
    """
    total = conversation_minutes(contact, profile)
    budget = max(0, total - profile.pitch_minutes - profile.wrap_up_minutes)
    closing = questions[profile.closing_question]
    remaining = budget - closing.minutes
    wanted_tags = {tag for role in roles for tag in role.question_tags}
    skip = set(contact.questions.skip)

    def planned(q: Question, reason: str) -> PlannedQuestion:
        return PlannedQuestion(q.text, q.category, q.minutes, reason, q.id, bank_of.get(q.id))

    chosen: list[PlannedQuestion] = []
    taken = {closing.id}
    for qid in contact.questions.pick:
        if qid not in taken and qid not in skip:
            chosen.append(planned(questions[qid], "picked"))
            taken.add(qid)
    for extra in contact.questions.extra:
        item = extra if isinstance(extra, ExtraQuestion) else ExtraQuestion(text=extra)
        minutes = item.minutes or profile.extra_question_minutes
        chosen.append(PlannedQuestion(item.text, item.category, minutes, "extra"))
    remaining -= sum(q.minutes for q in chosen)

    backups: list[PlannedQuestion] = []
    for priority in PRIORITIES:
        for q in questions.values():
            if q.priority != priority or q.id in taken or q.id in skip:
                continue
            if q.tags and not wanted_tags.intersection(q.tags):
                continue
            if q.minutes <= remaining:
                chosen.append(planned(q, priority))
                remaining -= q.minutes
            else:
                backups.append(planned(q, priority))
            taken.add(q.id)

    order = {category: i for i, category in enumerate(CATEGORIES)}
    shown = sorted(chosen, key=lambda q: order[q.category])  # stable: importance within a stage
    shown.append(planned(closing, "closing"))
    return QuestionPlan(total, budget, tuple(shown), tuple(backups))
