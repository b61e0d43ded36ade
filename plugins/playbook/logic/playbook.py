"""The playbook as pages and commands read it: the linked files (core.link) and what they mean.

`Playbook` adds to `Linked` what is worked out from the files, each made once per build: the
question plan for a contact, the messages filled in for them, the conversations that happened,
what people told you. `make_playbook` is the one way to get one: link the documents, then
compile the message templates (a template that does not compile is a problem in the data).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from functools import cached_property

from playbook.core.dates import minutes_after, zone
from playbook.core.link import Linked, Now, Today, link
from playbook.core.model import Contact, Question, Role
from playbook.core.parse import Document
from playbook.core.problems import DataError, Problem
from playbook.core.words import gettext as _
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

# Statuses that say the conversation happened, whatever the log says (set by hand with
# `playbook status`). Not following-up: it follows an unanswered outreach as well as a thank-you.
HELD_STATUSES = ("interviewed", "thanked")


@dataclass(frozen=True)
class Talk:
    """A conversation that happened."""

    day: date  # in the profile's time zone
    ended: datetime  # a booked one's end; for one logged by its day alone, that day's last moment
    starts: datetime | None = None  # a booked one's start; None for one logged by its day


def make_playbook(
    documents: Iterable[Document | DataError], today: Today, now: Now = None
) -> Playbook:
    """The linked playbook with its message templates compiled; every problem raised at once
    (a template's own problems once the files are linked)."""
    linked = link(documents, today, now)
    playbook = Playbook(**{f.name: getattr(linked, f.name) for f in fields(Linked) if f.init})
    playbook.filler = MessageFiller.for_templates(playbook.templates, playbook.template_documents)
    return playbook


@dataclass
class Playbook(Linked):
    """Everything the pages are rendered from. Built fresh for each build; never mutated after."""

    filler: MessageFiller | None = field(default=None, repr=False)  # set by make_playbook

    # --- what happened --------------------------------------------------------------------

    def talks(self, contact: Contact) -> list[Talk]:
        """The conversations that happened, oldest first: each day an `interview` is logged,
        and the booked one once it has ended by the moment of the build (one a day)."""
        found = self._talks.get(contact.id)
        if found is None:
            found = self._talks[contact.id] = self._find_talks(contact)
        return found

    def ends_at(self, contact: Contact) -> datetime | None:
        """When the booked conversation ends: its start and its minutes of elapsed time."""
        starts = self.starts_at(contact)
        if starts is None:
            return None
        return minutes_after(starts, conversation_minutes(contact, self.profile))

    def _find_talks(self, contact: Contact) -> list[Talk]:
        tz = zone(self.profile)
        by_day: dict[date, Talk] = {}
        starts, ends = self.starts_at(contact), self.ends_at(contact)
        if starts is not None and ends is not None and ends <= self.now:
            local = starts.astimezone(tz)
            by_day[local.date()] = Talk(local.date(), ends.astimezone(tz), local)
        for entry in contact.log:
            if entry.kind == "interview" and entry.date not in by_day:
                by_day[entry.date] = Talk(entry.date, datetime.combine(entry.date, time.max, tz))
        return sorted(by_day.values(), key=lambda talk: talk.ended)

    def held(self, contact: Contact) -> bool:
        """Whether you have talked with them: a conversation happened (`talks`), or their
        status says so. The one definition every rule uses: the thank-you stage's templates,
        the funnel, the public count and the prep sheet's questions still open."""
        return contact.status in HELD_STATUSES or bool(self.talks(contact))

    # --- messages -------------------------------------------------------------------------

    def fill(self, tid: str, contact: Contact) -> Message:
        """Template `tid` filled in for `contact`; raises DataError when it cannot be.

        A template at the contact's stage is filled once per build: the template reviews fill
        it first, and the prep sheet and the dashboard take the same message (or problem)."""
        key = (tid, contact.id)
        found = self._fills.get(key)
        if found is None:
            assert self.filler is not None, "make_playbook sets the filler"
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
        if problem.field == "body":
            lines = template.body.splitlines()
            index = problem.line - self.template_documents[tid].body_line
            line = lines[index] if 0 <= index < len(lines) else ""
        rel = self.files.get(("contact", contact.id), f"{contact.id}.yml")
        found = []
        if not contact.roles and re.search(r"\brole\b", line):
            found.append(_("give them a role (roles: [ROLE-ID] in %(file)s)") % {"file": rel})
        if not contact.introduced_by and re.search(r"\bintroducer\b", line):
            found.append(
                _("say who introduced them (introduced_by: CONTACT-ID in %(file)s)") % {"file": rel}
            )
        return found

    def message(self, kind: str, contact: Contact) -> Message | None:
        """The first template of `kind` (by id) for `contact`; None when there is none."""
        tid = self.templates_by_kind.get(kind, [None])[0]
        return None if tid is None else self.try_fill(tid, contact)

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

    def is_alumni(self, contact: Contact) -> bool:
        return alumni(self.profile, contact)

    # --- questions --------------------------------------------------------------------------

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

    def questions_for_role(self, role: Role) -> list[Question]:
        return self.question_index.tagged(role.question_tags)

    # --- what people told you -----------------------------------------------------------------

    @cached_property
    def findings(self) -> dict[str, learned.RoleFindings]:
        """What people told you, by role id (every role; "" for findings about no role)."""
        return learned.gather(self.contacts.values(), self.roles, self.profile)

    @cached_property
    def leads(self) -> list[learned.Lead]:
        """Openings people mentioned, newest first."""
        return learned.leads(self.contacts.values(), self.roles, self.profile, self.today)

    # Indexes and memos made on first use, once per build.

    @cached_property
    def question_index(self) -> QuestionIndex:
        return QuestionIndex(self.questions)

    @cached_property
    def templates_by_kind(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for tid, template in sorted(self.templates.items()):
            index.setdefault(template.kind, []).append(tid)
        return index

    @cached_property
    def _talks(self) -> dict[str, list[Talk]]:
        return {}

    @cached_property
    def _plans(self) -> dict[str, QuestionPlan]:
        return {}

    @cached_property
    def _fills(self) -> dict[tuple[str, str], Message | DataError]:
        return {}
