"""Checks on filled-in messages: the rules that make outreach get answered.

- LinkedIn connection note: at most 200 characters (300 with `linkedin_premium`).
- First outreach email (kind `email`): a subject; at most 100 words; no job-asking words; the
  connection (introducer, shared school, shared employer) named in the first sentence.
- Thank-you: names something specific, from `thank_you_detail` or `notes`.

A rule that does not apply to a contact (no connection to name) is left out rather than passed.
A template that breaks a rule for every contact it applies to is a warning, so `--strict` fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playbook.core.model import Contact, Profile, Template
from playbook.core.problems import DataError, Problem
from playbook.core.text import fold
from playbook.logic.connections import connections_of
from playbook.logic.messages import Message, fits
from playbook.logic.playbook import Playbook

NOTE_LIMIT = 200
PREMIUM_NOTE_LIMIT = 300


def note_limit(profile: Profile) -> int:
    """How long a LinkedIn connection note may be for you."""
    return PREMIUM_NOTE_LIMIT if profile.linkedin_premium else NOTE_LIMIT


EMAIL_WORD_LIMIT = 100
JOB_WORDS = re.compile(
    r"\b(jobs?|positions?|openings?|vacanc(?:y|ies)|hiring|r[ée]sum[ée]s?|cvs?)\b", re.IGNORECASE
)
GREETING = re.compile(r"^(hi|hello|hey|dear|good (morning|afternoon|evening))\b", re.IGNORECASE)
FILLS_IN = "Fills in without an error"
SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    reason: str
    # False when the contact's data, not the template, decides the result (no notes yet): such a
    # flag never counts towards "broken for every contact".
    tells_about_template: bool = True


def check_message(playbook: Playbook, contact: Contact, message: Message) -> list[Check]:
    """Every rule that applies to this message for this contact, passed or flagged."""
    if message.problem is not None:
        return []
    kind = message.template.kind
    if kind == "linkedin-note":
        return [_note_length(playbook, message)]
    if kind == "email":
        return _first_email(playbook, contact, message)
    if kind == "thank-you":
        return [_specific_thanks(contact, message)]
    return []


def _note_length(playbook: Playbook, message: Message) -> Check:
    limit = note_limit(playbook.profile)
    count = message.characters
    reason = f"{count} of {limit} characters" + ("" if count <= limit else f": cut {count - limit}")
    return Check(f"At most {limit} characters", count <= limit, reason)


def _first_email(playbook: Playbook, contact: Contact, message: Message) -> list[Check]:
    words = message.words
    found = sorted(
        {m.group(0).lower() for m in JOB_WORDS.finditer(f"{message.subject}\n{message.body}")}
    )
    checks = [
        Check(
            "A subject line",
            bool(message.subject),
            "present" if message.subject else "the subject is empty",
        ),
        Check(
            f"At most {EMAIL_WORD_LIMIT} words",
            words <= EMAIL_WORD_LIMIT,
            f"{words} words" + ("" if words <= EMAIL_WORD_LIMIT else ": too long for a phone"),
        ),
        Check(
            "No job-asking words",
            not found,
            "none" if not found else "uses " + ", ".join(f"“{w}”" for w in found),
        ),
    ]
    connections = connections_of(playbook, contact)
    if connections:
        first = first_sentence(message.body)
        named = [c.kind for c in connections if _names(first, c.name)]
        wanted = " or ".join(f"{c.kind} ({c.name})" for c in connections)
        checks.append(
            Check(
                "Connection in the first sentence",
                bool(named),
                f"names the {named[0]}" if named else f"the first sentence does not name {wanted}",
            )
        )
    return checks


def _names(sentence: str, name: str) -> bool:
    # An introducer may be named by first name alone ("Mark suggested I write").
    words = set(re.split(r"\W+", " ".join(fold(word) for word in sentence.split())))
    return fold(name) in fold(sentence) or fold(name.split()[0]) in words


def first_sentence(body: str) -> str:
    """The first sentence after a greeting line like `Hi Dana,`."""
    lines = body.strip().splitlines()
    if lines and GREETING.match(lines[0].strip()) and lines[0].rstrip().endswith((",", "!", ":")):
        lines = lines[1:]
    text = " ".join(" ".join(lines).split())
    return SENTENCE_END.split(text, maxsplit=1)[0]


def _specific_thanks(contact: Contact, message: Message) -> Check:
    rule = "Names something specific"
    body = fold(message.body)
    if detail := contact.thank_you_detail:
        used = fold(detail).rstrip(".!") in body
        reason = "uses thank_you_detail" if used else f"does not use thank_you_detail “{detail}”"
        return Check(rule, used, reason)
    points = [
        fold(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s*", "", line)) for line in contact.notes.splitlines()
    ]
    points = [p.rstrip(".!") for p in points if p]
    if not points:
        reason = "no thank_you_detail or notes yet: write down what they said"
        return Check(rule, False, reason, tells_about_template=False)
    used = any(point in body for point in points)
    reason = "uses a point from the notes" if used else "names nothing from their notes"
    return Check(rule, used, reason)


# --- Templates across contacts ---


@dataclass(frozen=True)
class Review:
    """One template filled in for one contact, with its checks (the text itself is not kept:
    thousands of contacts times every template would hold every message ever written)."""

    contact: Contact
    filled: bool  # False when the template cannot be filled in for them
    characters: int
    words: int
    checks: list[Check]
    problem: Problem | None = None  # why it cannot be filled in

    @property
    def flagged(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def check(self, rule: str) -> Check | None:
        return next((c for c in self.checks if c.rule == rule), None)


def rule_names(reviews: list[Review]) -> list[str]:
    """Every rule checked in these reviews, in order of first appearance: a table's columns."""
    return list(dict.fromkeys(check.rule for item in reviews for check in item.checks))


def applies(playbook: Playbook, template: Template, contact: Contact) -> bool:
    """Whether a template of this kind could be sent to this contact at some point."""
    if contact.status == "closed" or not fits(template.kind, contact):
        return False
    if template.kind in ("thank-you", "keep-in-touch"):
        return playbook.held(contact)
    return True


def review_one(playbook: Playbook, template: Template, contact: Contact) -> Review:
    """The template filled in and checked for one contact."""
    try:
        message = playbook.fill(template.id, contact)
    except DataError as error:
        # Prep sheets only fill a template at its stage; here it is tried on everyone it could
        # reach, so a failure is a finding about the template, not a reason to stop the build.
        reason = "; ".join(f"{p.message} (line {p.line})" for p in error.problems)
        return Review(contact, False, 0, 0, [Check(FILLS_IN, False, reason)], error.problems[0])
    checks = check_message(playbook, contact, message)
    return Review(contact, True, message.characters, message.words, checks)


class Reviewer:
    """Every template reviewed for every contact it applies to, once per build.

    Kept by the plugin across `mkdocs serve` rebuilds: a review is remembered under the digests
    of everything it reads (template, contact, profile, first role, introducer, today), so an
    edit to one contact reviews that contact again and nobody else.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[str, ...], Review] = {}
        self.version = 0  # counts changes: whether a build has something new to remember

    def review(self, playbook: Playbook) -> dict[str, list[Review]]:
        previous, self._memo = self._memo, {}
        new = 0
        profile = playbook.digest("profile", "profile")
        reviews: dict[str, list[Review]] = {}
        for tid, template in playbook.templates.items():
            found = reviews[tid] = []
            for contact in playbook.contacts.values():
                if not applies(playbook, template, contact):
                    continue
                key = (
                    playbook.digest("template", tid),
                    playbook.digest("contact", contact.id),
                    profile,
                    playbook.digest("role", contact.roles[0]) if contact.roles else "-",
                    playbook.digest("contact", contact.introduced_by or ""),
                    playbook.today.isoformat(),
                )
                known = all(key[:3])
                review = previous.get(key) if known else None
                if review is None:
                    review = review_one(playbook, template, contact)
                    new += 1
                if known:
                    self._memo[key] = review
                found.append(review)
        if new or len(self._memo) != len(previous):
            self.version += 1
        return reviews


def review(playbook: Playbook, template: Template) -> list[Review]:
    """The template filled in and checked for every contact it applies to."""
    return [
        review_one(playbook, template, c)
        for c in playbook.contacts.values()
        if applies(playbook, template, c)
    ]


def broken_everywhere(playbook: Playbook, template: Template, reviews: list[Review]) -> list[str]:
    """Rules this template breaks for every contact the rule applies to, as warning lines."""
    by_rule: dict[str, list[Check]] = {}
    if any(item.filled for item in reviews):
        reviews = [item for item in reviews if item.filled]  # fills in for someone
    for item in reviews:
        for check in item.checks:
            if check.tells_about_template:
                by_rule.setdefault(check.rule, []).append(check)
    where = playbook.files.get(("template", template.id), template.id)
    return [
        f"{where}: breaks “{rule}” for every contact it applies to ({len(checks)}), "
        f"e.g. {checks[0].reason}"
        for rule, checks in by_rule.items()
        if not any(c.passed for c in checks)
    ]


def template_warnings(
    playbook: Playbook, reviews: dict[str, list[Review]] | None = None
) -> list[str]:
    """Every template that breaks a rule for all its contacts: the build warns, --strict fails."""
    if reviews is None:
        reviews = {tid: review(playbook, t) for tid, t in playbook.templates.items()}
    return [
        line
        for tid, template in playbook.templates.items()
        for line in broken_everywhere(playbook, template, reviews[tid])
    ]


def unfilled(playbook: Playbook, reviews: dict[str, list[Review]], shown: int = 5) -> list[str]:
    """One line per problem that keeps a template from being filled in for some contacts: the
    problem as `FILE:LINE:COLUMN: FIELD: message`, then for whom. A notice, not an error: the
    site still builds, and their prep sheets say how to fix it."""
    lines = []
    for tid in playbook.templates:
        by_problem: dict[Problem, list[str]] = {}
        for item in reviews.get(tid, []):
            if item.problem is not None:
                by_problem.setdefault(item.problem, []).append(item.contact.id)
        for problem, ids in by_problem.items():
            named = ", ".join(ids[:shown]) + (
                f" and {len(ids) - shown} more" if len(ids) > shown else ""
            )
            people = f"{len(ids)} contact{'s' if len(ids) != 1 else ''}"
            lines.append(f"{problem}; cannot be filled in for {people}: {named}")
    return lines


def rules_for(playbook: Playbook, kind: str) -> list[str]:
    """The rules a template of this kind is checked against, in words."""
    limit = note_limit(playbook.profile)
    return {
        "linkedin-note": [
            f"At most {limit} characters"
            + (
                " (LinkedIn Premium)"
                if playbook.profile.linkedin_premium
                else " (300 with Premium)"
            )
        ],
        "email": [
            "A subject line",
            f"At most {EMAIL_WORD_LIMIT} words, readable on a phone",
            "No job-asking words (job, position, opening, vacancy, hiring, résumé, CV)",
            "The connection (introducer, shared school, shared employer) named in the first "
            "sentence, for contacts who have one",
        ],
        "thank-you": [
            "Names something specific they said: the contact's thank_you_detail, else a point "
            "from their notes",
        ],
    }.get(kind, [])
