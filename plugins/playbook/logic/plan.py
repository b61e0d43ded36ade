"""The question plan: which questions fit the time booked, and in which order to ask them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from playbook.core.model import CATEGORIES, Contact, ExtraQuestion, Profile, Question, Role

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
    pitch_minutes: int = 0  # kept at the start for your pitch
    wrap_up_minutes: int = 0  # kept at the end for thanks and next steps

    @property
    def used(self) -> int:
        return sum(q.minutes for q in self.questions)

    @property
    def over_by(self) -> int:
        """Minutes by which picks and extras alone overrun the time (0 when they fit)."""
        return max(0, self.used - self.budget)

    def agenda(self) -> list[Slot]:
        """The plan as a timed agenda: the pitch at 0:00, each question after the one before,
        then the wrap-up when the booked time says so (or after the last question, when picks
        and extras overrun). The wrap-up's `ends` is the end of the conversation."""
        slots = [Slot(0, self.pitch_minutes, "pitch")]
        at = self.pitch_minutes
        for question in self.questions:
            slots.append(Slot(at, question.minutes, "question", question))
            at += question.minutes
        # Spare minutes stay before the wrap-up: it starts on time, not early.
        wrap_up = max(at, self.conversation_minutes - self.wrap_up_minutes)
        slots.append(Slot(wrap_up, self.wrap_up_minutes, "wrap-up"))
        return slots


@dataclass(frozen=True)
class Slot:
    """One line of the timed agenda."""

    at: int  # minutes from the start of the conversation
    minutes: int
    kind: str  # pitch, question or wrap-up
    question: PlannedQuestion | None = None

    @property
    def ends(self) -> int:
        return self.at + self.minutes

    @property
    def offset(self) -> str:
        """`0:02`: hours and minutes from the start, as a stopwatch shows them."""
        return stopwatch(self.at)


def stopwatch(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


class QuestionIndex:
    """Every bank's questions by tag, built once per build.

    A plan or a role page looks only at the questions that can suit it, not at every question of
    every bank: with a bank per role, scanning them all for each contact grows with N².
    """

    def __init__(self, questions: Mapping[str, Question]) -> None:
        self._position = {qid: i for i, qid in enumerate(questions)}
        self._untagged = [q for q in questions.values() if not q.tags]
        self._by_tag: dict[str, list[Question]] = {}
        for q in questions.values():
            for tag in dict.fromkeys(q.tags):
                self._by_tag.setdefault(tag, []).append(q)
        self._suiting: dict[frozenset[str], list[Question]] = {}

    def tagged(self, tags: Iterable[str]) -> list[Question]:
        """Questions carrying any of these tags, in bank order."""
        found = {q.id: q for tag in dict.fromkeys(tags) for q in self._by_tag.get(tag, ())}
        return sorted(found.values(), key=lambda q: self._position[q.id])

    def suiting(self, tags: Iterable[str]) -> list[Question]:
        """Untagged questions (they suit everyone) and those carrying any of these tags."""
        key = frozenset(tags)
        if key not in self._suiting:  # contacts exploring the same roles share one list
            found = self._untagged + self.tagged(key)
            self._suiting[key] = sorted(found, key=lambda q: self._position[q.id])
        return self._suiting[key]


def conversation_minutes(contact: Contact, profile: Profile) -> int:
    booked = contact.interview.minutes if contact.interview else None
    return booked or profile.interview_minutes


def plan_questions(
    contact: Contact,
    profile: Profile,
    roles: Sequence[Role],
    questions: Mapping[str, Question],
    bank_of: Mapping[str, str],
    index: QuestionIndex | None = None,
) -> QuestionPlan:
    """Choose picks and extras, then must, should and nice questions while time remains.

    Questions are chosen by importance but asked in TIARA order (trends, insights, advice,
    resources, assignments), because a conversation flows better from the general to the personal;
    choosing by importance first means the must-asks are in even when time is short.
    `index` (of `questions`) is made once per build by the caller; without it, one is made here.
    """
    total = conversation_minutes(contact, profile)
    budget = max(0, total - profile.pitch_minutes - profile.wrap_up_minutes)
    closing = questions[profile.closing_question]

    def planned(q: Question, reason: str) -> PlannedQuestion:
        return PlannedQuestion(q.text, q.category, q.minutes, reason, q.id, bank_of.get(q.id))

    chosen = _asked_for(contact, profile, questions, planned, taken={closing.id})
    remaining = budget - closing.minutes - sum(q.minutes for q in chosen)
    taken = {closing.id, *(q.id for q in chosen if q.id)}
    backups: list[PlannedQuestion] = []
    wanted_tags = {tag for role in roles for tag in role.question_tags}
    skip = set(contact.questions.skip)
    suiting = (index or QuestionIndex(questions)).suiting(wanted_tags)
    for priority in PRIORITIES:
        for q in suiting:
            if q.priority != priority or q.id in taken or q.id in skip:
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
    return QuestionPlan(
        total, budget, tuple(shown), tuple(backups), profile.pitch_minutes, profile.wrap_up_minutes
    )


def _asked_for(
    contact: Contact,
    profile: Profile,
    questions: Mapping[str, Question],
    planned: Callable[[Question, str], PlannedQuestion],
    *,
    taken: set[str],
) -> list[PlannedQuestion]:
    """What the contact's file asks for, whatever the time: its picks (not skipped, each once,
    the closing question left for the end), then its extra questions."""
    skip = set(contact.questions.skip)
    chosen: list[PlannedQuestion] = []
    taken = set(taken)
    for qid in contact.questions.pick:
        if qid not in taken and qid not in skip:
            chosen.append(planned(questions[qid], "picked"))
            taken.add(qid)
    for extra in contact.questions.extra:
        item = extra if isinstance(extra, ExtraQuestion) else ExtraQuestion(text=extra)
        minutes = item.minutes or profile.extra_question_minutes
        chosen.append(PlannedQuestion(item.text, item.category, minutes, "extra"))
    return chosen
