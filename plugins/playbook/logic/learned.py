"""What people told you, gathered across conversations: findings by role and kind, and leads.

Pure functions of the contacts, the roles, the profile (its aliases and time zone) and, for leads
only, today. Everything here is a frozen value with a stable repr, so a page's inputs can be the
digest of exactly the part it shows (pages.Inputs).

Names are compared the way people write them: without case, accents or spaces ("sql", "SQL ",
"Sql"), with the profile's `aliases` joining other spellings ("GA4" = "Google Analytics
Certification"), and skills, tools and certifications against the role's own lists, whose
spelling then wins. Counts are of distinct people: one person saying SQL twice is one voice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import yaml

from playbook.core.dates import as_aware, zone
from playbook.core.model import (
    FINDING_KINDS,
    Contact,
    Finding,
    Profile,
    Role,
    Skill,
)
from playbook.core.text import fold

# People who must stress a gap before it is a priority.
SEVERAL = 2
# An opening heard this many days ago, with nothing logged for that person since, is worth a
# note asking how it went.
UPDATE_AFTER_DAYS = 30
# Kinds matched against a role's own lists: skills and tools against `skills`, certifications
# against `certifications`. A tool is a skill you name by its product.
ON_SKILLS = ("skill", "tool")
LISTED_KINDS = (*ON_SKILLS, "certification")


class Spellings:
    """The profile's aliases: every spelling of a name leads to the name it is listed under."""

    def __init__(self, aliases: Mapping[str, Sequence[str]]) -> None:
        self._names: dict[str, str] = {}
        for name, others in aliases.items():
            for spelling in (name, *others):
                self._names.setdefault(fold(spelling), name)

    def name(self, said: str) -> str | None:
        """The name a spelling is listed under in the aliases, if it is."""
        return self._names.get(fold(said))

    def key(self, said: str) -> str:
        """What two spellings of one thing have in common."""
        return fold(self.name(said) or said)


@dataclass(frozen=True)
class Person:
    id: str
    name: str


@dataclass(frozen=True)
class Mention:
    """One person telling you one thing: as they put it, why, and on which day."""

    person: Person
    said: str
    note: str
    on: date | None


@dataclass(frozen=True)
class Topic:
    """One thing (a skill, a certification, a piece of advice) and everyone who mentioned it."""

    kind: str  # a finding kind; "tool" only when every mention called it a tool
    name: str  # the role's spelling when it is on the role's list, else the alias or first heard
    mentions: tuple[Mention, ...]  # oldest first
    listed: bool = False  # on the role's own skills or certifications
    level: str = ""  # for a listed skill: have, learning or gap

    @property
    def people(self) -> int:
        return len({m.person.id for m in self.mentions})

    @property
    def priority(self) -> bool:
        """A gap that several people stress."""
        return self.level == "gap" and self.people >= SEVERAL

    @property
    def not_listed(self) -> bool:
        """A skill, tool or certification people mention that the role does not list yet."""
        return self.kind in LISTED_KINDS and not self.listed

    def spelling(self, mention: Mention) -> str:
        """How they put it, when that is more than the name in other case or spacing."""
        return mention.said if fold(mention.said) != fold(self.name) else ""


@dataclass(frozen=True)
class RoleFindings:
    """Everything people told you about one role, set against the role's own lists."""

    role_id: str  # "" for findings about no role (a contact without roles)
    title: str
    topics: tuple[Topic, ...]  # by kind (FINDING_KINDS order), then ranked
    quiet_skills: tuple[Skill, ...]  # on the role's list, mentioned by nobody yet
    quiet_certifications: tuple[str, ...]

    def of(self, *kinds: str) -> list[Topic]:
        """Topics of these kinds, most people first (already ranked within each kind: a stable
        sort keeps skills before tools on a tie)."""
        return sorted((t for t in self.topics if t.kind in kinds), key=lambda t: -t.people)

    @property
    def people(self) -> int:
        return len({m.person.id for t in self.topics for m in t.mentions})

    @property
    def findings(self) -> int:
        return sum(len(t.mentions) for t in self.topics)

    @property
    def open_gaps(self) -> list[str]:
        """The role's gaps nobody has spoken to yet: worth raising in the next conversation."""
        return [s.name for s in self.quiet_skills if s.level == "gap"]

    @property
    def not_listed(self) -> list[Topic]:
        return [t for t in self.of(*LISTED_KINDS) if t.not_listed]

    @property
    def besides_listed(self) -> dict[str, int]:
        """Topics of the kinds no role lists (advice, companies, openings...): how many of
        each kind, in FINDING_KINDS order, kinds nobody spoke of left out."""
        counts = {kind: 0 for kind in FINDING_KINDS if kind not in LISTED_KINDS}
        for topic in self.topics:
            if topic.kind in counts:
                counts[topic.kind] += 1
        return {kind: count for kind, count in counts.items() if count}


@dataclass(frozen=True)
class Lead:
    """An opening someone told you about."""

    opening: str
    note: str
    person: Person
    role_id: str
    role_title: str
    on: date | None
    ask_for_update: bool  # heard over UPDATE_AFTER_DAYS ago, nothing logged with them since


def told_on(contact: Contact, profile: Profile) -> date | None:
    """The day a contact's findings date from: their last conversation logged, else the booked
    one, else the last thing logged (findings are written down after talking)."""
    talks = [e.date for e in contact.log if e.kind == "interview"]
    if talks:
        return max(talks)
    if contact.interview is not None:
        return as_aware(contact.interview.when, profile).astimezone(zone(profile)).date()
    return max((e.date for e in contact.log), default=None)


def role_of(finding: Finding, contact: Contact) -> str:
    """The role a finding is about: its own `role`, else the contact's first role ("" if none)."""
    return finding.role or (contact.roles[0] if contact.roles else "")


def ranked(topics: Iterable[Topic], order: Mapping[str, int]) -> list[Topic]:
    """Most people first; then what the role lists first (`order`: folded name → place), then
    the rest by name."""
    return sorted(
        topics, key=lambda t: (-t.people, order.get(fold(t.name), len(order)), fold(t.name))
    )


def gather(
    contacts: Iterable[Contact], roles: Mapping[str, Role], profile: Profile
) -> dict[str, RoleFindings]:
    """Every role's findings, by role id in the roles' order (a role nobody spoke about too),
    then those about no role under "" when there are any."""
    spellings = Spellings(profile.aliases)
    heard: dict[str, dict[tuple[str, str], list[tuple[str, Mention]]]] = {}
    for contact in contacts:
        person = Person(contact.id, contact.name)
        on = told_on(contact, profile)
        for finding in contact.learned:
            group = "skill" if finding.kind in ON_SKILLS else finding.kind
            key = (group, spellings.key(finding.text))
            mention = Mention(person, finding.text, finding.note, on)
            heard.setdefault(role_of(finding, contact), {}).setdefault(key, []).append(
                (finding.kind, mention)
            )
    found = {rid: _about(role, heard.get(rid, {}), spellings) for rid, role in roles.items()}
    if "" in heard:
        found[""] = _about(None, heard[""], spellings)
    return found


def _about(
    role: Role | None,
    heard: Mapping[tuple[str, str], list[tuple[str, Mention]]],
    spellings: Spellings,
) -> RoleFindings:
    skills = role.skills if role else []
    certifications = role.certifications if role else []
    listed_skills = {spellings.key(s.name): s for s in skills}
    listed_certifications = {spellings.key(c): c for c in certifications}
    order = {fold(s.name): i for i, s in enumerate(skills)}
    order |= {fold(c): i for i, c in enumerate(certifications)}
    topics = []
    for (group, key), said in heard.items():
        mentions = tuple(sorted((m for _, m in said), key=_chronological))
        skill = listed_skills.get(key) if group == "skill" else None
        certification = listed_certifications.get(key) if group == "certification" else None
        name = skill.name if skill else certification or spellings.name(mentions[0].said)
        topics.append(
            Topic(
                kind="tool" if {kind for kind, _ in said} == {"tool"} else group,
                name=name or mentions[0].said,
                mentions=mentions,
                listed=bool(skill or certification),
                level=skill.level if skill else "",
            )
        )
    return RoleFindings(
        role_id=role.id if role else "",
        title=role.title if role else "",
        topics=tuple(sorted(ranked(topics, order), key=lambda t: FINDING_KINDS.index(t.kind))),
        quiet_skills=tuple(s for s in skills if ("skill", spellings.key(s.name)) not in heard),
        quiet_certifications=tuple(
            c for c in certifications if ("certification", spellings.key(c)) not in heard
        ),
    )


def _chronological(mention: Mention) -> tuple[bool, date, str]:
    return (mention.on is None, mention.on or date.min, mention.person.name)


def leads(
    contacts: Iterable[Contact], roles: Mapping[str, Role], profile: Profile, today: date
) -> list[Lead]:
    """Every opening people mentioned, newest first (undated last)."""
    found = []
    for contact in contacts:
        on = told_on(contact, profile)
        quiet_since = on is not None and not any(e.date > on for e in contact.log)
        stale = on is not None and (today - on).days > UPDATE_AFTER_DAYS and quiet_since
        for finding in contact.learned:
            if finding.kind != "opening":
                continue
            role_id = role_of(finding, contact)
            role = roles.get(role_id)
            found.append(
                Lead(
                    opening=finding.text,
                    note=finding.note,
                    person=Person(contact.id, contact.name),
                    role_id=role_id,
                    role_title=role.title if role else "",
                    on=on,
                    ask_for_update=stale,
                )
            )
    return sorted(found, key=lambda lead: (lead.on is None, -(lead.on or date.min).toordinal()))


def lines_to_add(findings: RoleFindings) -> dict[str, list[str]]:
    """For each of the role file's lists (`skills`, `certifications`), the lines that would add
    what people mention and it does not list yet, most mentioned first."""
    found: dict[str, list[str]] = {}
    for topic in findings.not_listed:
        key = "certifications" if topic.kind == "certification" else "skills"
        found.setdefault(key, []).append(line_to_add(topic))
    return dict(sorted(found.items(), reverse=True))  # skills, then certifications


def line_to_add(topic: Topic) -> str:
    """The line that puts `topic` on the role's list, as the role files write it (a new skill
    is a gap: someone told you the role needs it, your file does not say you have it yet)."""
    if topic.kind == "certification":
        return f"  - {_plain_or_quoted(topic.name, '- {}', [topic.name])}"
    name = _plain_or_quoted(topic.name, "{{name: {}}}", {"name": topic.name})
    return f"  - {{name: {name}, level: gap}}"


def _plain_or_quoted(text: str, context: str, meant: object) -> str:
    """`text` unquoted when YAML reads it back as that very text in `context`; else quoted."""
    try:
        if yaml.safe_load(context.format(text)) == meant:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
