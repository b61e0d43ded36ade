"""Filling the user's message templates for a contact, in Jinja's sandbox.

Templates come from data/ and may be shared or imported, so they render sandboxed: no access to
Python internals, and a budget of work for each fill (sandbox.py). An undefined variable is an
error naming the template file and line, never an empty string in a message someone is about to
send.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.meta
from pydantic import BaseModel

from playbook.core.model import Contact, Profile, Role, Template
from playbook.core.parse import Document
from playbook.core.problems import DataError, Problem, did_you_mean, quote
from playbook.logic.sandbox import Sandbox, budgeted

VARIABLES = ("profile", "contact", "role", "introducer", "alumni")

# Which templates a prep sheet offers at each stage: outreach before a reply, thank-you after
# the conversation, keep-in-touch later.
STAGE_KINDS: dict[str, tuple[str, ...]] = {
    "identified": ("intro-request", "linkedin-note", "email"),
    "contacted": ("follow-up",),
    "scheduled": (),
    "interviewed": ("thank-you", "referral-thanks"),
    "thanked": ("keep-in-touch", "referral-thanks"),
    "following-up": ("keep-in-touch",),
    "closed": (),
}


class _Undefined(jinja2.StrictUndefined):
    """Says which field is unknown and what exists, as "message; hint"."""

    @property
    def _undefined_message(self) -> str:
        name, owner = self._undefined_name, self._undefined_obj
        if owner is jinja2.utils.missing:
            return f"unknown template variable {quote(name)}; {did_you_mean(str(name), VARIABLES)}"
        if owner is None:
            return (
                f"cannot read {quote(name)} of a variable that is empty for this contact; "
                "guard it with {% if ... %}"
            )
        kind = type(owner).__name__.lower()
        if isinstance(name, int):
            return f"{kind} has no item {name}; guard it with {{% if ... | length > {name} %}}"
        if isinstance(owner, BaseModel):
            fields = [*type(owner).model_fields]
            fields += [n for n, v in vars(type(owner)).items() if isinstance(v, property)]
            return f"{kind} has no field {quote(name)}; {did_you_mean(str(name), fields)}"
        return f"{kind} has no attribute {quote(name)}; check the spelling"


@dataclass(frozen=True)
class Message:
    """A template filled in for one contact; or, when it cannot be, the problem that stopped it
    (then subject and body are empty and the page shows a notice instead)."""

    template: Template
    subject: str
    body: str
    problem: Problem | None = None
    fixes: tuple[str, ...] = ()  # with a problem: what to change in the data, besides the template

    @property
    def characters(self) -> int:
        return len(self.body)

    @property
    def words(self) -> int:
        return len(self.body.split())


def unfillable(template: Template, problem: Problem, fixes: list[str]) -> Message:
    return Message(template, "", "", problem, tuple(fixes))


class MessageFiller:
    """Compiles every template once, then fills them for any number of contacts."""

    _last: tuple[tuple[str, ...], MessageFiller] | None = None

    @classmethod
    def for_templates(
        cls, templates: dict[str, Template], documents: dict[str, Document]
    ) -> MessageFiller:
        """A filler, reused while no template file changed (a `serve` rebuild after an edit to a
        contact compiles nothing)."""
        key = tuple(f"{tid}:{documents[tid].digest}" for tid in sorted(templates))
        known = all(documents[tid].digest for tid in templates)
        if known and cls._last is not None and cls._last[0] == key:
            filler = cls._last[1]
            filler.templates, filler.documents = templates, documents
            return filler
        filler = cls(templates, documents)
        MessageFiller._last = (key, filler)
        return filler

    def __init__(self, templates: dict[str, Template], documents: dict[str, Document]) -> None:
        self.env = Sandbox(undefined=_Undefined, autoescape=False, keep_trailing_newline=False)
        self.templates = templates
        self.documents = documents
        self.compiled: dict[str, tuple[jinja2.Template, jinja2.Template]] = {}
        problems: list[Problem] = []
        for tid, template in templates.items():
            try:
                self.compiled[tid] = (
                    self._compile(tid, template.subject, subject=True),
                    self._compile(tid, template.body, subject=False),
                )
            except DataError as error:
                problems.extend(error.problems)
        if problems:
            raise DataError(problems)

    def _position(self, tid: str, line: int, *, subject: bool) -> tuple[str, int, str]:
        doc = self.documents[tid]
        if subject:
            return doc.rel, doc.position(("subject",))[0], "subject"
        return doc.rel, doc.body_line + line - 1, "body"

    def _compile(self, tid: str, source: str, *, subject: bool) -> jinja2.Template:
        try:
            ast = self.env.parse(source)
        except jinja2.TemplateSyntaxError as error:
            rel, line, fieldname = self._position(tid, error.lineno or 1, subject=subject)
            raise DataError(
                [
                    Problem(
                        rel,
                        line,
                        1,
                        fieldname,
                        f"template syntax error: {error.message}",
                        "see jinja.palletsprojects.com for {{ }} and {% %}",
                    )
                ]
            ) from None
        unknown = sorted(jinja2.meta.find_undeclared_variables(ast) - set(VARIABLES))
        if unknown:
            problems = []
            for name in unknown:
                line = next((i for i, text in enumerate(source.splitlines(), 1) if name in text), 1)
                rel, line, fieldname = self._position(tid, line, subject=subject)
                problems.append(
                    Problem(
                        rel,
                        line,
                        1,
                        fieldname,
                        f"unknown template variable {quote(name)}",
                        did_you_mean(name, VARIABLES),
                    )
                )
            raise DataError(problems)
        return self.env.compile_budgeted(ast)

    def fill(self, tid: str, context: dict[str, Any]) -> Message:
        subject_t, body_t = self.compiled[tid]
        subject = " ".join(self._render(tid, subject_t, context, subject=True).split())
        body = self._render(tid, body_t, context, subject=False).strip()
        return Message(self.templates[tid], subject, body)

    def _render(
        self, tid: str, template: jinja2.Template, context: dict[str, Any], *, subject: bool
    ) -> str:
        try:
            with budgeted():
                return template.render(context)
        except jinja2.UndefinedError as error:
            rel, line, fieldname = self._position(tid, _template_line(error), subject=subject)
            text, _, hint = str(error.message).partition("; ")
            raise DataError([Problem(rel, line, 1, fieldname, text, hint)]) from None
        except Exception as error:
            # A template is the user's code: whatever it raises (a sandbox refusal, 1/0) is a
            # problem in their file to report, never a traceback.
            rel, line, fieldname = self._position(tid, _template_line(error), subject=subject)
            text, _, hint = str(error).partition("; ")
            message = f"template error: {text or type(error).__name__}"
            raise DataError([Problem(rel, line, 1, fieldname, message, hint)]) from None


def _template_line(error: BaseException) -> int:
    """The template line Jinja's rewritten traceback points at (1 when it cannot tell)."""
    line = 1
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def context_for(
    profile: Profile, contact: Contact, role: Role | None, introducer: Contact | None
) -> dict[str, Any]:
    return {
        "profile": profile,
        "contact": contact,
        "role": role,
        "introducer": introducer,
        "alumni": alumni(profile, contact),
    }


def alumni(profile: Profile, contact: Contact) -> bool:
    """Whether you went to the same school: the one definition messages and pages use."""
    return bool(profile.school) and contact.school == profile.school


def fits(kind: str, contact: Contact) -> bool:
    """Whether a template of this kind can be meant for this contact at all, at any stage: an
    introduction request needs someone who introduced you, referral thanks needs referrals."""
    if kind == "intro-request":
        return bool(contact.introduced_by)
    if kind == "referral-thanks":
        return bool(contact.referrals)
    return True
