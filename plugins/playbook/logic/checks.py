"""Checks on filled-in messages: the rules that make outreach get answered.

- LinkedIn connection note: at most 200 characters (300 with `linkedin_premium`).
- First outreach email (kind `email`): a subject; at most 100 words; no job-asking words; the
  connection (introducer, shared school, shared employer) named in the first sentence.
  Job-asking words and greetings are listed per language, the site's (core/words.py): a
  language without a list skips the job-words rule and says so on every check.
- Thank-you: names something specific, from `thank_you_detail` or `notes`.

A rule that does not apply to a contact (no connection to name) is left out rather than passed.
A template that breaks a rule for every contact it applies to is a warning, so `--strict` fails.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from playbook.core import words
from playbook.core.labels import label
from playbook.core.model import Contact, Profile, Template
from playbook.core.problems import DataError, Problem
from playbook.core.text import fold
from playbook.core.words import N_, ngettext
from playbook.core.words import gettext as _
from playbook.logic.connections import connections_of
from playbook.logic.messages import Message, fits
from playbook.logic.playbook import Playbook

NOTE_LIMIT = 200
PREMIUM_NOTE_LIMIT = 300


def note_limit(profile: Profile) -> int:
    """How long a LinkedIn connection note may be for you."""
    return PREMIUM_NOTE_LIMIT if profile.linkedin_premium else NOTE_LIMIT


EMAIL_WORD_LIMIT = 100
# Words that ask for a job, in each language a playbook's messages may be written in (the site's
# language). Scripts written without spaces between words (Chinese) or with words that take
# prefixes (Arabic: al-, wa-) are matched without word boundaries.
_BOUNDED = r"\b({})\b"
JOB_WORDS = {
    "en": _BOUNDED.format(r"jobs?|positions?|openings?|vacanc(?:y|ies)|hiring|r[ée]sum[ée]s?|cvs?"),
    "de": _BOUNDED.format(
        r"jobs?|stellen?|stellenangebote?|arbeitsstellen?|positionen|vakanzen?|bewerbung(?:en)?"
        r"|lebensl[äa]uf(?:e)?|einstellen|cvs?"
    ),
    "fr": _BOUNDED.format(
        r"emplois?|postes?|offres? d'emploi|recrute\w*|recrutement|embauche\w*|cvs?"
        r"|candidatures?"
    ),
    "es": _BOUNDED.format(
        r"empleos?|trabajos?|puestos?|vacantes?|contrataci[óo]n|contratando|curr[íi]culums?|cvs?"
    ),
    "pt_BR": _BOUNDED.format(
        r"empregos?|vagas?|cargos?|contrata(?:ção|ções|ndo)|curr[íi]culos?|cvs?"
    ),
    "zh_Hans": r"(工作机会|职位|岗位|招聘|空缺|简历|求职|内推)",
    "ar": r"(وظيفة|وظائف|الوظيفة|شاغر|شواغر|توظيف|السيرة الذاتية|سيرة ذاتية|سيرتي الذاتية)",
}
# The greeting line a message starts with, skipped before its first sentence.
GREETINGS = {
    "en": r"^(hi|hello|hey|dear|good (morning|afternoon|evening))\b",
    "de": r"^(hallo|hi|liebe[rs]?|sehr geehrte[rs]?|guten (tag|morgen|abend)|moin|servus)\b",
    "fr": r"^(bonjour|bonsoir|salut|cher|chère|madame|monsieur)\b",
    "es": r"^(hola|estimad[oa]s?|querid[oa]s?|buen(os|as) (días|tardes|noches))\b",
    "pt_BR": r"^(olá|oi|prezad[oa]s?|car[oa]s?|bom dia|boa (tarde|noite))\b",
    "zh_Hans": r"^(您好|你好|尊敬的|亲爱的)",
    "ar": r"^(مرحبا|مرحبًا|أهلا|السلام عليكم|عزيزي|عزيزتي|صباح الخير|مساء الخير)",
}
FILLS_IN = N_("Fills in without an error")
# After a full stop with a space (English), or after a full-width one, with no space (Chinese).
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s|(?<=[。！？])")
GREETING_END = (",", "!", ":", "，", "！", "：", "،")


def message_language() -> str:
    """The language messages are checked in: the site's (`en` when it names none); for a
    language with no catalogue, its code as written, which has no word lists."""
    language = words.active()
    if not language.asked:
        return words.SOURCE
    return words.shipped(language.asked) or language.asked


def job_words() -> re.Pattern[str] | None:
    """The job-asking words of the messages' language; None when it has no list."""
    return _job_words(message_language())


def greeting() -> re.Pattern[str]:
    """A greeting line in the messages' language (else in English, the most common one)."""
    return _greeting(message_language())


@functools.cache
def _job_words(language: str) -> re.Pattern[str] | None:
    found = JOB_WORDS.get(language)
    return re.compile(found, re.IGNORECASE) if found else None


@functools.cache
def _greeting(language: str) -> re.Pattern[str]:
    return re.compile(GREETINGS.get(language, GREETINGS["en"]), re.IGNORECASE)


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    reason: str
    # False when the contact's data, not the template, decides the result (no notes yet): such a
    # flag never counts towards "broken for every contact".
    tells_about_template: bool = True
    # True when the rule could not be checked (no job-asking words for the site's language): it
    # neither passes nor flags, and says why.
    skipped: bool = False


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
    reason = ngettext("%(count)s of %(num)s character", "%(count)s of %(num)s characters", limit)
    reason %= {"count": count, "num": limit}
    if count > limit:
        reason = _("%(reason)s: cut %(over)s") % {"reason": reason, "over": count - limit}
    return Check(_at_most_characters(limit), count <= limit, reason)


def _at_most_characters(limit: int) -> str:
    return ngettext("At most %(num)s character", "At most %(num)s characters", limit) % {
        "num": limit
    }


def _first_email(playbook: Playbook, contact: Contact, message: Message) -> list[Check]:
    count = message.words
    length = ngettext("%(num)s word", "%(num)s words", count) % {"num": count}
    if count > EMAIL_WORD_LIMIT:
        length = _("%(length)s: too long for a phone") % {"length": length}
    checks = [
        Check(
            _("A subject line"),
            bool(message.subject),
            _("present") if message.subject else _("the subject is empty"),
        ),
        Check(_at_most_words(), count <= EMAIL_WORD_LIMIT, length),
        _no_job_words(message),
    ]
    connections = connections_of(playbook, contact)
    if connections:
        first = first_sentence(message.body)
        named = [c.kind for c in connections if _names(first, c.name)]
        wanted = _(" or ").join(f"{label('connection', c.kind)} ({c.name})" for c in connections)
        reason = (
            _("names the %(connection)s") % {"connection": label("connection", named[0])}
            if named
            else _("the first sentence does not name %(wanted)s") % {"wanted": wanted}
        )
        checks.append(Check(_("Connection in the first sentence"), bool(named), reason))
    return checks


def _at_most_words() -> str:
    return ngettext("At most %(num)s word", "At most %(num)s words", EMAIL_WORD_LIMIT) % {
        "num": EMAIL_WORD_LIMIT
    }


def _no_job_words(message: Message) -> Check:
    rule = _("No job-asking words")
    pattern = job_words()
    if pattern is None:
        reason = _("skipped: no job-asking words are listed for the language “%(language)s”")
        return Check(rule, True, reason % {"language": message_language()}, False, skipped=True)
    text = f"{message.subject}\n{message.body}"
    found = sorted({m.group(0).lower() for m in pattern.finditer(text)})
    if not found:
        return Check(rule, True, _("none"))
    quoted = ", ".join(_("“%(word)s”") % {"word": w} for w in found)
    return Check(rule, False, _("uses %(words)s") % {"words": quoted})


def _names(sentence: str, name: str) -> bool:
    # An introducer may be named by first name alone ("Mark suggested I write").
    words = set(re.split(r"\W+", " ".join(fold(word) for word in sentence.split())))
    return fold(name) in fold(sentence) or fold(name.split()[0]) in words


def first_sentence(body: str) -> str:
    """The first sentence after a greeting line like `Hi Dana,`."""
    lines = body.strip().splitlines()
    if lines and greeting().match(lines[0].strip()) and lines[0].rstrip().endswith(GREETING_END):
        lines = lines[1:]
    text = " ".join(" ".join(lines).split())
    return SENTENCE_END.split(text, maxsplit=1)[0]


def _specific_thanks(contact: Contact, message: Message) -> Check:
    rule = _("Names something specific")
    body = fold(message.body)
    if detail := contact.thank_you_detail:
        used = fold(detail).rstrip(".!") in body
        reason = (
            _("uses thank_you_detail")
            if used
            else _("does not use thank_you_detail “%(detail)s”") % {"detail": detail}
        )
        return Check(rule, used, reason)
    points = [
        fold(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s*", "", line)) for line in contact.notes.splitlines()
    ]
    points = [p.rstrip(".!") for p in points if p]
    if not points:
        reason = _("no thank_you_detail or notes yet: write down what they said")
        return Check(rule, False, reason, tells_about_template=False)
    used = any(point in body for point in points)
    reason = _("uses a point from the notes") if used else _("names nothing from their notes")
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
        reason = "; ".join(
            _("%(message)s (line %(line)s)") % {"message": p.message, "line": p.line}
            for p in error.problems
        )
        check = Check(_(FILLS_IN), False, reason)
        return Review(contact, False, 0, 0, [check], error.problems[0])
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
                    words.active().asked,  # the words of its checks, and which apply
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
    premium = (
        _("%(rule)s (LinkedIn Premium)")
        if playbook.profile.linkedin_premium
        else _("%(rule)s (%(premium)s with Premium)")
    )
    job_rule = (
        _("No job-asking words (job, position, opening, vacancy, hiring, résumé, CV)")
        if job_words() is not None
        else _("No job-asking words: skipped, none are listed for the language “%(language)s”")
        % {"language": message_language()}
    )
    return {
        "linkedin-note": [
            premium % {"rule": _at_most_characters(limit), "premium": PREMIUM_NOTE_LIMIT}
        ],
        "email": [
            _("A subject line"),
            _("%(rule)s, readable on a phone") % {"rule": _at_most_words()},
            job_rule,
            _(
                "The connection (introducer, shared school, shared employer) named in the first "
                "sentence, for contacts who have one"
            ),
        ],
        "thank-you": [
            _(
                "Names something specific they said: the contact's thank_you_detail, else a "
                "point from their notes"
            ),
        ],
    }.get(kind, [])
