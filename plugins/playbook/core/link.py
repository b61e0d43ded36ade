"""Validated documents → the playbook's files tied together: every id resolved and checked.

`link` does the checking in steps (each model validated, the question ids made unique across
banks, the day and moment in the profile's time zone, the references between files) and
reports every problem at once. What the linked files mean (plans, messages, what happened) is
the logic layer's: logic.playbook builds on `Linked`.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from functools import cached_property
from typing import Any, TypeVar, cast

from playbook.core.clock import public_holidays
from playbook.core.dates import as_aware, zone
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
)
from playbook.core.parse import Document, FieldPath
from playbook.core.problems import DataError, Problem, did_you_mean, quote
from playbook.core.sources import FileError
from playbook.core.text import fold
from playbook.core.validate import validate_document

T = TypeVar("T")

Key = tuple[str, str]  # (kind, id) of a data file, as documents name themselves


@dataclass
class Linked:
    """The playbook's files, validated and tied together. Built fresh for each build; never
    mutated after (indexes are made on first use)."""

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
    digests: dict[Key, str] = field(default_factory=dict)
    files: dict[Key, str] = field(default_factory=dict)  # → its path, for messages
    # Each template's document: where its lines are, for problems found while filling it in.
    template_documents: dict[str, Document] = field(default_factory=dict)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """A value derived from the whole playbook, made once per build: the dashboard, the
        Today page and the calendar all ask for the same actions."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]  # type: ignore[no-any-return]

    def digest(self, kind: str, item_id: str) -> str:
        return self.digests.get((kind, item_id), "")

    def roles_of(self, contact: Contact) -> list[Role]:
        return [self.roles[r] for r in contact.roles]

    def introducer_of(self, contact: Contact) -> Contact | None:
        return self.contacts.get(contact.introduced_by or "")

    def introduced(self, contact: Contact) -> list[Contact]:
        return list(self._introduced.get(contact.id, ()))

    def starts_at(self, contact: Contact) -> datetime | None:
        """When the booked conversation starts (its own offset, else the profile's zone)."""
        return as_aware(contact.interview.when, self.profile) if contact.interview else None

    def contacts_for_role(self, role: Role) -> list[Contact]:
        return list(self._by_role.get(role.id, ()))

    # Indexes made on first use, once per build. Asked once per contact or per role, a scan of
    # every contact would make the build grow with N².

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
        """Contacts by company, the name folded (text.fold)."""
        index: dict[str, list[Contact]] = {}
        for c in self.contacts.values():
            if c.company:
                index.setdefault(fold(c.company), []).append(c)
        return index

    @cached_property
    def holidays(self) -> Container[date]:
        """The public holidays business days skip (the profile's `holidays`)."""
        return public_holidays(self.profile.holidays)


Today = date | Callable[[tzinfo], date]
Now = datetime | Callable[[tzinfo], datetime] | None


def link(documents: Iterable[Document | DataError], today: Today, now: Now = None) -> Linked:
    """Validate every document and tie them together; all problems are raised at once.

    `today` is a date, or a function of the profile's time zone giving one (the day depends on
    where the user is); `now` likewise, the start of `today` when not given.
    """
    models = _Models.of(documents)
    profile = models.by_kind["profile"].get("profile")
    if profile is None:
        raise DataError(models.problems)
    assert isinstance(profile, Profile)
    questions, bank_of, duplicates = _question_index(models)
    day, moment = _day_and_moment(profile, today, now)
    # validate_document built each kind's own model: the casts only tell mypy what it is.
    by_id = cast(dict[str, Contact], models.by_kind["contact"])
    linked = Linked(
        profile=profile,
        today=day,
        now=moment,
        contacts=dict(sorted(by_id.items(), key=lambda kv: (kv[1].name.lower(), kv[0]))),
        roles=cast(dict[str, Role], models.by_kind["role"]),
        banks=cast(dict[str, QuestionBank], models.by_kind["bank"]),
        questions=questions,
        bank_of=bank_of,
        templates=cast(dict[str, Template], models.by_kind["template"]),
        checklists=cast(dict[str, Checklist], models.by_kind["checklist"]),
        digests={key: doc.digest for key, doc in models.documents.items()},
        files={key: doc.rel for key, doc in models.documents.items()},
        template_documents={
            key[1]: doc for key, doc in models.documents.items() if key[0] == "template"
        },
    )
    problems = [*models.problems, *duplicates]
    problems += _reference_problems(linked, models.documents, models.broken)
    if problems:
        raise DataError(problems)
    return linked


@dataclass
class _Models:
    """Every document's model, by kind and id, and the problems that kept others out."""

    by_kind: dict[str, dict[str, Model]]
    documents: dict[Key, Document]
    broken: set[Key]  # files with problems of their own
    problems: list[Problem]

    @classmethod
    def of(cls, documents: Iterable[Document | DataError]) -> _Models:
        found = cls({kind.name: {} for kind in FILE_KINDS}, {}, set(), [])
        for item in documents:
            if isinstance(item, DataError):
                found.problems.extend(item.problems)
                if isinstance(item, FileError):
                    found.broken.add((item.kind, item.id))
                continue
            found.documents[(item.kind, item.id)] = item
            try:
                if item.model is None:
                    # Validated once while the file is unchanged (serve rebuilds reuse documents).
                    item.model = validate_document(item)
                    item.compact()
                found.by_kind[item.kind][item.id] = item.model
            except DataError as error:
                found.problems.extend(error.problems)
                found.broken.add((item.kind, item.id))
        return found


def _question_index(models: _Models) -> tuple[dict[str, Question], dict[str, str], list[Problem]]:
    """Every bank's questions by id, the bank of each, and a problem for each id used twice."""
    questions: dict[str, Question] = {}
    bank_of: dict[str, str] = {}
    problems: list[Problem] = []
    for bank in cast(dict[str, QuestionBank], models.by_kind["bank"]).values():
        doc = models.documents[("bank", bank.id)]
        for index, question in enumerate(bank.questions):
            if question.id not in questions:
                questions[question.id] = question
                bank_of[question.id] = bank.id
                continue
            first_bank = bank_of[question.id]
            if first_bank == bank.id:
                at = bank.questions.index(questions[question.id])
                first = f"on line {doc.position(('questions', at, 'id'))[0]}"
            else:
                first = f"in {models.documents[('bank', first_bank)].rel}"
            problems.append(
                doc.problem(
                    ("questions", index, "id"),
                    f"question id {quote(question.id)} is already used {first}",
                    "question ids are unique across all banks, so rename one",
                )
            )
    return questions, bank_of, problems


def _day_and_moment(profile: Profile, today: Today, now: Now) -> tuple[date, datetime]:
    """Which day it is and the moment of the build, both in the profile's time zone."""
    tz = zone(profile)
    day = today if isinstance(today, date) else today(tz)
    if now is None:
        return day, datetime.combine(day, time(0), tzinfo=tz)
    return day, (now if isinstance(now, datetime) else now(tz)).astimezone(tz)


def _reference_problems(
    linked: Linked, docs: dict[Key, Document], broken: set[Key]
) -> list[Problem]:
    """Ids that point at nothing, introduction cycles and contradictions between fields.

    An id whose file exists but has problems of its own is not reported again here, and
    question ids are only checked when every bank loaded.
    """
    check = _References(linked, broken)
    closing = linked.profile.closing_question
    if check.banks_loaded and closing not in linked.questions:
        check.unknown(docs[("profile", "profile")], ("closing_question",), "question", closing)
    for contact in linked.contacts.values():
        check.contact(contact, docs[("contact", contact.id)])
    return [*check.problems, *_cycles(linked, docs)]


class _References:
    """The reference checks, and the problems they found so far."""

    def __init__(self, linked: Linked, broken: set[Key]) -> None:
        self.linked = linked
        self.problems: list[Problem] = []
        # Ids whose files exist but have problems of their own, by kind: not unknown.
        self.broken = {kind: {i for k, i in broken if k == kind} for kind in ("contact", "role")}
        self.banks_loaded = not any(kind == "bank" for kind, _ in broken)
        self.known: dict[str, Iterable[str]] = {
            "role": linked.roles,
            "contact": linked.contacts,
            "question": linked.questions,
        }

    def unknown(self, doc: Document, path: FieldPath, kind: str, value: str) -> None:
        hint = did_you_mean(value, self.known[kind])
        self.problems.append(doc.problem(path, f"no {kind} has the id {quote(value)}", hint))

    def missing(self, kind: str, value: str) -> bool:
        """Whether an id of this kind points at nothing (a broken file is something)."""
        if kind == "question":
            return self.banks_loaded and value not in self.linked.questions
        return value not in self.known[kind] and value not in self.broken[kind]

    def contact(self, contact: Contact, doc: Document) -> None:
        for i, role_id in enumerate(contact.roles):
            if self.missing("role", role_id):
                self.unknown(doc, ("roles", i), "role", role_id)
        for i, finding in enumerate(contact.learned):
            if finding.role and self.missing("role", finding.role):
                self.unknown(doc, ("learned", i, "role"), "role", finding.role)
        intro = contact.introduced_by
        if intro and self.missing("contact", intro):
            self.unknown(doc, ("introduced_by",), "contact", intro)
        for listname in ("pick", "skip"):
            for i, qid in enumerate(getattr(contact.questions, listname)):
                if self.missing("question", qid):
                    self.unknown(doc, ("questions", listname, i), "question", qid)
        for qid in sorted(set(contact.questions.pick) & set(contact.questions.skip)):
            self.problems.append(
                doc.problem(
                    ("questions", "skip"),
                    f"{quote(qid)} is both picked and skipped",
                    "remove it from one of the two lists",
                )
            )


def _cycles(linked: Linked, docs: dict[Key, Document]) -> list[Problem]:
    """An introduction chain that comes back to where it started cannot be right."""
    problems = []
    reported: set[str] = set()
    for start in linked.contacts:
        chain = [start]
        current = linked.contacts[start].introduced_by
        while current and current in linked.contacts and current not in chain:
            chain.append(current)
            current = linked.contacts[current].introduced_by
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
