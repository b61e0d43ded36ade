"""Validated documents → one Playbook: references resolved, question plans and messages made."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from playbook.load import Document
from playbook.messages import STAGE_KINDS, Message, MessageFiller, context_for
from playbook.model import (
    Checklist,
    Contact,
    Model,
    Profile,
    Question,
    QuestionBank,
    Role,
    Template,
    as_aware,
    zone,
)
from playbook.plan import QuestionPlan, plan_questions
from playbook.problems import DataError, Problem, did_you_mean
from playbook.validate import validate_document


@dataclass
class Playbook:
    """Everything the pages are rendered from. Built fresh for each build; never mutated after."""

    profile: Profile
    today: date
    contacts: dict[str, Contact]  # ordered by name
    roles: dict[str, Role]
    banks: dict[str, QuestionBank]
    questions: dict[str, Question]  # every bank's questions, by id
    bank_of: dict[str, str]  # question id → bank id
    templates: dict[str, Template]
    checklists: dict[str, Checklist]
    plans: dict[str, QuestionPlan] = field(default_factory=dict)
    messages: dict[str, list[Message]] = field(default_factory=dict)
    filler: MessageFiller | None = None

    def fill(self, tid: str, contact: Contact) -> Message:
        """Template `tid` filled in for `contact`."""
        assert self.filler is not None, "link() sets the filler"
        roles = self.roles_of(contact)
        return self.filler.fill(
            tid,
            context_for(
                self.profile, contact, roles[0] if roles else None, self.introducer_of(contact)
            ),
        )

    def message(self, kind: str, contact: Contact) -> Message | None:
        """The first template of `kind` (by id) filled in for `contact`; None when there is none."""
        tid = next((t for t in sorted(self.templates) if self.templates[t].kind == kind), None)
        return None if tid is None else self.fill(tid, contact)

    def roles_of(self, contact: Contact) -> list[Role]:
        return [self.roles[r] for r in contact.roles]

    def introducer_of(self, contact: Contact) -> Contact | None:
        return self.contacts.get(contact.introduced_by or "")

    def introduced(self, contact: Contact) -> list[Contact]:
        return [c for c in self.contacts.values() if c.introduced_by == contact.id]

    def is_alumni(self, contact: Contact) -> bool:
        return bool(self.profile.school) and contact.school == self.profile.school

    def starts_at(self, contact: Contact) -> datetime | None:
        return as_aware(contact.interview.when, self.profile) if contact.interview else None

    def contacts_for_role(self, role: Role) -> list[Contact]:
        return [c for c in self.contacts.values() if role.id in c.roles]

    def questions_for_role(self, role: Role) -> list[Question]:
        tags = set(role.question_tags)
        return [q for q in self.questions.values() if q.tags and tags.intersection(q.tags)]


def link(
    documents: Iterable[Document | DataError], today: date | Callable[[tzinfo], date]
) -> Playbook:
    """Validate every document and tie them together; all problems are raised at once.

    `today` is a date, or a function of the profile's time zone giving one (the day depends on
    where the user is).
    """
    problems: list[Problem] = []
    models: dict[str, dict[str, Model]] = {
        k: {} for k in ("profile", "contact", "role", "bank", "template", "checklist")
    }
    docs: dict[tuple[str, str], Document] = {}
    for item in documents:
        if isinstance(item, DataError):
            problems.extend(item.problems)
            continue
        docs[(item.kind, item.id)] = item
        try:
            models[item.kind][item.id] = validate_document(item)
        except DataError as error:
            problems.extend(error.problems)

    profile = models["profile"].get("profile")
    if profile is None:
        raise DataError(problems)
    assert isinstance(profile, Profile)

    contacts: dict[str, Contact] = dict(
        sorted(models["contact"].items(), key=lambda kv: (kv[1].name.lower(), kv[0]))  # type: ignore[attr-defined]
    )
    roles: dict[str, Role] = models["role"]  # type: ignore[assignment]
    banks: dict[str, QuestionBank] = models["bank"]  # type: ignore[assignment]
    questions: dict[str, Question] = {}
    bank_of: dict[str, str] = {}
    for bank in banks.values():
        doc = docs[("bank", bank.id)]
        for index, question in enumerate(bank.questions):
            if question.id in questions:
                first = docs[("bank", bank_of[question.id])].rel
                problems.append(
                    doc.problem(
                        ("questions", index, "id"),
                        f"question id {question.id!r} is already used in {first}",
                        "question ids are unique across all banks; rename one",
                    )
                )
                continue
            questions[question.id] = question
            bank_of[question.id] = bank.id

    playbook = Playbook(
        profile=profile,
        today=today if isinstance(today, date) else today(zone(profile)),
        contacts=contacts,
        roles=roles,
        banks=banks,
        questions=questions,
        bank_of=bank_of,
        templates=models["template"],  # type: ignore[arg-type]
        checklists=models["checklist"],  # type: ignore[arg-type]
    )
    problems.extend(_reference_problems(playbook, docs))
    if problems:
        raise DataError(problems)

    template_docs = {tid: docs[("template", tid)] for tid in playbook.templates}
    playbook.filler = MessageFiller(playbook.templates, template_docs)
    by_kind: dict[str, list[str]] = {}
    for tid, template in sorted(playbook.templates.items()):
        by_kind.setdefault(template.kind, []).append(tid)
    for contact in contacts.values():
        roles_of = playbook.roles_of(contact)
        playbook.plans[contact.id] = plan_questions(contact, profile, roles_of, questions, bank_of)
        messages = []
        for kind in STAGE_KINDS[contact.status]:
            if kind == "intro-request" and not contact.introduced_by:
                continue
            if kind == "referral-thanks" and not contact.referrals:
                continue
            for tid in by_kind.get(kind, []):
                try:
                    messages.append(playbook.fill(tid, contact))
                except DataError as error:
                    problems.extend(error.problems)
        playbook.messages[contact.id] = messages
    if problems:
        raise DataError(problems)
    return playbook


def _reference_problems(playbook: Playbook, docs: dict[tuple[str, str], Document]) -> list[Problem]:
    """Ids that point at nothing, introduction cycles and contradictions between fields."""
    problems: list[Problem] = []
    profile_doc = docs[("profile", "profile")]
    if playbook.profile.closing_question not in playbook.questions:
        problems.append(
            profile_doc.problem(
                ("closing_question",),
                f"no question has the id {playbook.profile.closing_question!r}",
                "add it to a bank in data/questions/ (every plan ends with it), or set "
                "closing_question: "
                + (did_you_mean(playbook.profile.closing_question, playbook.questions)),
            )
        )
    for contact in playbook.contacts.values():
        doc = docs[("contact", contact.id)]
        for i, role_id in enumerate(contact.roles):
            if role_id not in playbook.roles:
                problems.append(
                    doc.problem(
                        ("roles", i),
                        f"no role has the id {role_id!r}",
                        did_you_mean(role_id, playbook.roles),
                    )
                )
        intro = contact.introduced_by
        if intro is not None and intro not in playbook.contacts:
            problems.append(
                doc.problem(
                    ("introduced_by",),
                    f"no contact has the id {intro!r}",
                    did_you_mean(intro, playbook.contacts),
                )
            )
        for listname in ("pick", "skip"):
            for i, qid in enumerate(getattr(contact.questions, listname)):
                if qid not in playbook.questions:
                    problems.append(
                        doc.problem(
                            ("questions", listname, i),
                            f"no question has the id {qid!r}",
                            did_you_mean(qid, playbook.questions),
                        )
                    )
        both = set(contact.questions.pick) & set(contact.questions.skip)
        for qid in sorted(both):
            problems.append(
                doc.problem(
                    ("questions", "skip"),
                    f"{qid!r} is both picked and skipped",
                    "remove it from one of the two lists",
                )
            )
    problems.extend(_cycles(playbook, docs))
    return problems


def _cycles(playbook: Playbook, docs: dict[tuple[str, str], Document]) -> list[Problem]:
    """An introduction chain that comes back to where it started cannot be right."""
    problems = []
    reported: set[str] = set()
    for start in playbook.contacts:
        chain = [start]
        current = playbook.contacts[start].introduced_by
        while current and current in playbook.contacts and current not in chain:
            chain.append(current)
            current = playbook.contacts[current].introduced_by
        if current == start and start not in reported:
            reported.update(chain)
            loop = " → ".join([*chain, start])
            problems.append(
                docs[("contact", start)].problem(
                    ("introduced_by",),
                    f"introductions go round in a circle: {loop}",
                    "one of these introduced_by lines is wrong",
                )
            )
    return problems
