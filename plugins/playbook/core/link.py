"""Validated documents → one Playbook: references resolved, question plans and messages made."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cached_property
from typing import Any, TypeVar, cast

from playbook.core.clock import public_holidays
from playbook.core.kinds import FILE_KINDS
from playbook.core.model import (
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
from playbook.core.parse import Document, FieldPath
from playbook.core.problems import DataError, Problem, did_you_mean, quote
from playbook.core.sources import FileError
from playbook.core.text import folded
from playbook.core.validate import validate_document
from playbook.logic import learned
from playbook.logic.messages import (
    STAGE_KINDS,
    Message,
    MessageFiller,
    alumni,
    context_for,
    fits,
    unfillable,
)
from playbook.logic.plan import QuestionIndex, QuestionPlan, conversation_minutes, plan_questions

T = TypeVar("T")


@dataclass
class Playbook:
    """Everything the pages are rendered from. Built fresh for each build; never mutated after."""

    profile: Profile
    today: date
    now: datetime  # the moment of the build, in the profile's time zone
    contacts: dict[str, Contact]  # ordered by name
    roles: dict[str, Role]
    banks: dict[str, QuestionBank]
    questions: dict[str, Question]  # every bank's questions, by id
    bank_of: dict[str, str]  # question id → bank id
    templates: dict[str, Template]
    checklists: dict[str, Checklist]
    # (kind, id) → digest of the file it came from: what a page made from it depends on.
    digests: dict[tuple[str, str], str] = field(default_factory=dict)
    files: dict[tuple[str, str], str] = field(default_factory=dict)  # → its path, for messages
    filler: MessageFiller | None = None
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """A value derived from the whole playbook, made once per build: the dashboard, the
        Today page and the calendar all ask for the same actions."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]  # type: ignore[no-any-return]

    def fill(self, tid: str, contact: Contact) -> Message:
        """Template `tid` filled in for `contact`; raises DataError when it cannot be.

        A template at the contact's stage is filled once per build: the template reviews fill
        it first, and the prep sheet and the dashboard take the same message (or problem)."""
        key = (tid, contact.id)
        found = self._fills.get(key)
        if found is None:
            assert self.filler is not None, "link() sets the filler"
            roles = self.roles_of(contact)
            context = context_for(
                self.profile, contact, roles[0] if roles else None, self.introducer_of(contact)
            )
            try:
                found = self.filler.fill(tid, context)
            except DataError as error:
                found = error
            if tid in self.stage_templates(contact):
                self._fills[key] = found
        if isinstance(found, DataError):
            raise found
        return found

    def try_fill(self, tid: str, contact: Contact) -> Message:
        """Template `tid` for `contact`, or a message carrying the problem that stopped it: one
        contact missing a field one template reads must not take the whole site down."""
        try:
            return self.fill(tid, contact)
        except DataError as error:
            problem = error.problems[0]
            return unfillable(self.templates[tid], problem, self._fixes(tid, problem, contact))

    def _fixes(self, tid: str, problem: Problem, contact: Contact) -> list[str]:
        """How to fill, in the contact's file, the variables the failing line reads and the
        contact leaves empty (the other fix, guarding the template, is the problem's hint)."""
        template = self.templates[tid]
        line = template.subject
        if self.filler is not None and problem.field == "body":
            lines = template.body.splitlines()
            index = problem.line - self.filler.documents[tid].body_line
            line = lines[index] if 0 <= index < len(lines) else ""
        rel = self.files.get(("contact", contact.id), f"{contact.id}.yml")
        found = []
        if not contact.roles and re.search(r"\brole\b", line):
            found.append(f"give them a role (roles: [ROLE-ID] in {rel})")
        if not contact.introduced_by and re.search(r"\bintroducer\b", line):
            found.append(f"say who introduced them (introduced_by: CONTACT-ID in {rel})")
        return found

    def message(self, kind: str, contact: Contact) -> Message | None:
        """The first template of `kind` (by id) for `contact`; None when there is none."""
        tid = self.templates_by_kind.get(kind, [None])[0]
        return None if tid is None else self.try_fill(tid, contact)

    def talked(self, contact: Contact) -> bool:
        """Whether the conversation has happened: an `interview` is logged, or the booked one
        has ended by now. The one definition every rule uses (messages at the thank-you stage,
        the thank-you reminder, the funnel, the weekly chart, the public count)."""
        if any(entry.kind == "interview" for entry in contact.log):
            return True
        return self.ended(contact)

    def ended(self, contact: Contact) -> bool:
        """Whether the booked conversation has ended by now."""
        starts = self.starts_at(contact)
        if starts is None:
            return False
        minutes = conversation_minutes(contact, self.profile)
        return (starts.astimezone(timezone.utc) + timedelta(minutes=minutes)) <= self.now

    def plan(self, contact: Contact) -> QuestionPlan:
        """The question plan for a contact's conversation, made on first use."""
        plan = self._plans.get(contact.id)
        if plan is None:
            plan = self._plans[contact.id] = plan_questions(
                contact,
                self.profile,
                self.roles_of(contact),
                self.questions,
                self.bank_of,
                self.question_index,
            )
        return plan

    def messages(self, contact: Contact) -> list[Message]:
        """The templates that fit the contact's stage, filled in for them (made on first use)."""
        return [self.try_fill(tid, contact) for tid in self.stage_templates(contact)]

    def stage_templates(self, contact: Contact) -> list[str]:
        """Ids of the templates a prep sheet offers at the contact's stage, in order."""
        found = []
        for kind in STAGE_KINDS[contact.status]:
            if fits(kind, contact):
                found += self.templates_by_kind.get(kind, [])
        return found

    def digest(self, kind: str, item_id: str) -> str:
        return self.digests.get((kind, item_id), "")

    def roles_of(self, contact: Contact) -> list[Role]:
        return [self.roles[r] for r in contact.roles]

    def introducer_of(self, contact: Contact) -> Contact | None:
        return self.contacts.get(contact.introduced_by or "")

    def introduced(self, contact: Contact) -> list[Contact]:
        return list(self._introduced.get(contact.id, ()))

    def is_alumni(self, contact: Contact) -> bool:
        return alumni(self.profile, contact)

    def starts_at(self, contact: Contact) -> datetime | None:
        return as_aware(contact.interview.when, self.profile) if contact.interview else None

    def contacts_for_role(self, role: Role) -> list[Contact]:
        return list(self._by_role.get(role.id, ()))

    def questions_for_role(self, role: Role) -> list[Question]:
        return self.question_index.tagged(role.question_tags)

    # Indexes made on first use, once per build. Asked once per contact or per role, a scan of
    # every contact or question would make the build grow with N².

    @cached_property
    def _introduced(self) -> dict[str, list[Contact]]:
        index: dict[str, list[Contact]] = {}
        for c in self.contacts.values():
            if c.introduced_by:
                index.setdefault(c.introduced_by, []).append(c)
        return index

    @cached_property
    def _by_role(self) -> dict[str, list[Contact]]:
        index: dict[str, list[Contact]] = {}
        for c in self.contacts.values():
            for role_id in dict.fromkeys(c.roles):
                index.setdefault(role_id, []).append(c)
        return index

    @cached_property
    def by_company(self) -> dict[str, list[Contact]]:
        """Contacts by company, the name compared without case or extra spaces."""
        index: dict[str, list[Contact]] = {}
        for c in self.contacts.values():
            if c.company:
                index.setdefault(folded(c.company), []).append(c)
        return index

    @cached_property
    def findings(self) -> dict[str, learned.RoleFindings]:
        """What people told you, by role id (every role; "" for findings about no role)."""
        return learned.gather(self.contacts.values(), self.roles, self.profile)

    @cached_property
    def leads(self) -> list[learned.Lead]:
        """Openings people mentioned, newest first."""
        return learned.leads(self.contacts.values(), self.roles, self.profile, self.today)

    @cached_property
    def question_index(self) -> QuestionIndex:
        return QuestionIndex(self.questions)

    @cached_property
    def holidays(self) -> Container[date]:
        """The public holidays business days skip (the profile's `holidays`)."""
        return public_holidays(self.profile.holidays)

    @cached_property
    def templates_by_kind(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for tid, template in sorted(self.templates.items()):
            index.setdefault(template.kind, []).append(tid)
        return index

    @cached_property
    def _plans(self) -> dict[str, QuestionPlan]:
        return {}

    @cached_property
    def _fills(self) -> dict[tuple[str, str], Message | DataError]:
        return {}


def link(
    documents: Iterable[Document | DataError],
    today: date | Callable[[tzinfo], date],
    now: datetime | Callable[[tzinfo], datetime] | None = None,
) -> Playbook:
    """Validate every document and tie them together; all problems are raised at once.

    `today` is a date, or a function of the profile's time zone giving one (the day depends on
    where the user is); `now` likewise, the start of `today` when not given.
    """
    problems: list[Problem] = []
    models: dict[str, dict[str, Model]] = {kind.name: {} for kind in FILE_KINDS}
    docs: dict[tuple[str, str], Document] = {}
    broken: set[tuple[str, str]] = set()  # files with problems of their own
    for item in documents:
        if isinstance(item, DataError):
            problems.extend(item.problems)
            if isinstance(item, FileError):
                broken.add((item.kind, item.id))
            continue
        docs[(item.kind, item.id)] = item
        try:
            if item.model is None:
                # Validated once while the file is unchanged (serve rebuilds reuse documents).
                item.model = validate_document(item)
                item.compact()
            models[item.kind][item.id] = item.model
        except DataError as error:
            problems.extend(error.problems)
            broken.add((item.kind, item.id))

    profile = models["profile"].get("profile")
    if profile is None:
        raise DataError(problems)
    assert isinstance(profile, Profile)

    # validate_document built each kind's own model, so the casts only tell mypy what it is.
    by_id = cast(dict[str, Contact], models["contact"])
    contacts = dict(sorted(by_id.items(), key=lambda kv: (kv[1].name.lower(), kv[0])))
    roles = cast(dict[str, Role], models["role"])
    banks = cast(dict[str, QuestionBank], models["bank"])
    questions: dict[str, Question] = {}
    bank_of: dict[str, str] = {}
    for bank in banks.values():
        doc = docs[("bank", bank.id)]
        for index, question in enumerate(bank.questions):
            if question.id in questions:
                first_bank = bank_of[question.id]
                if first_bank == bank.id:
                    at = bank.questions.index(questions[question.id])
                    first = f"on line {doc.position(('questions', at, 'id'))[0]}"
                else:
                    first = f"in {docs[('bank', first_bank)].rel}"
                problems.append(
                    doc.problem(
                        ("questions", index, "id"),
                        f"question id {quote(question.id)} is already used {first}",
                        "question ids are unique across all banks, so rename one",
                    )
                )
                continue
            questions[question.id] = question
            bank_of[question.id] = bank.id

    tz = zone(profile)
    day = today if isinstance(today, date) else today(tz)
    if now is None:
        moment = datetime.combine(day, time(0), tzinfo=tz)
    else:
        moment = (now if isinstance(now, datetime) else now(tz)).astimezone(tz)
    playbook = Playbook(
        profile=profile,
        today=day,
        now=moment,
        contacts=contacts,
        roles=roles,
        banks=banks,
        questions=questions,
        bank_of=bank_of,
        templates=models["template"],  # type: ignore[arg-type]
        checklists=models["checklist"],  # type: ignore[arg-type]
        digests={key: doc.digest for key, doc in docs.items()},
        files={key: doc.rel for key, doc in docs.items()},
    )
    problems.extend(_reference_problems(playbook, docs, broken))
    if problems:
        raise DataError(problems)

    template_docs = {tid: docs[("template", tid)] for tid in playbook.templates}
    playbook.filler = MessageFiller.for_templates(playbook.templates, template_docs)
    return playbook


def _reference_problems(
    playbook: Playbook, docs: dict[tuple[str, str], Document], broken: set[tuple[str, str]]
) -> list[Problem]:
    """Ids that point at nothing, introduction cycles and contradictions between fields.

    An id whose file exists but has problems of its own is not reported again here, and
    question ids are only checked when every bank loaded.
    """
    problems: list[Problem] = []
    broken_ids = {kind: {i for k, i in broken if k == kind} for kind in ("contact", "role")}
    banks_loaded = not any(kind == "bank" for kind, _ in broken)

    def unknown(
        doc: Document, path: FieldPath, kind: str, value: str, known: Iterable[str]
    ) -> None:
        problems.append(
            doc.problem(path, f"no {kind} has the id {quote(value)}", did_you_mean(value, known))
        )

    closing = playbook.profile.closing_question
    if banks_loaded and closing not in playbook.questions:
        unknown(
            docs[("profile", "profile")],
            ("closing_question",),
            "question",
            closing,
            playbook.questions,
        )
    for contact in playbook.contacts.values():
        doc = docs[("contact", contact.id)]
        for i, role_id in enumerate(contact.roles):
            if role_id not in playbook.roles and role_id not in broken_ids["role"]:
                unknown(doc, ("roles", i), "role", role_id, playbook.roles)
        for i, finding in enumerate(contact.learned):
            role_id = finding.role or ""
            if role_id and role_id not in playbook.roles and role_id not in broken_ids["role"]:
                unknown(doc, ("learned", i, "role"), "role", role_id, playbook.roles)
        intro = contact.introduced_by
        if intro and intro not in playbook.contacts and intro not in broken_ids["contact"]:
            unknown(doc, ("introduced_by",), "contact", intro, playbook.contacts)
        for listname in ("pick", "skip"):
            for i, qid in enumerate(getattr(contact.questions, listname)):
                if banks_loaded and qid not in playbook.questions:
                    unknown(doc, ("questions", listname, i), "question", qid, playbook.questions)
        both = set(contact.questions.pick) & set(contact.questions.skip)
        for qid in sorted(both):
            problems.append(
                doc.problem(
                    ("questions", "skip"),
                    f"{quote(qid)} is both picked and skipped",
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
