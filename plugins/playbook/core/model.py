"""The playbook's data model: one pydantic class per kind of file, validated with precise errors.

Field docstrings are the data reference: `playbook schema` turns these classes into JSON Schema.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from playbook.core.clock import check_holidays
from playbook.core.problems import quote
from playbook.core.text import SAFE_SCHEMES, SLUG_PATTERN
from playbook.core.words import normalise

# Each Literal is the one list of its values, in the order pages show them; the tuples are
# derived from it.
Status = Literal[
    "identified", "contacted", "scheduled", "interviewed", "thanked", "following-up", "closed"
]
STATUSES: tuple[str, ...] = get_args(Status)  # pipeline order
# The status a log entry of each kind implies. A status only moves forward, in STATUSES order:
# logging a late thank-you never takes a contact back from following-up to thanked.
STATUS_AFTER = {
    "outreach": "contacted",
    "scheduled": "scheduled",
    "interview": "interviewed",
    "thank-you": "thanked",
    "follow-up": "following-up",
}


def advanced(status: str, kind: str) -> str:
    """The status after logging `kind`: forward in the pipeline, never back."""
    target = STATUS_AFTER.get(kind)
    if target is None or STATUSES.index(target) <= STATUSES.index(status):
        return status
    return target


ContactSource = Literal["linkedin", "alumni", "company-site", "referral", "event", "other"]
Medium = Literal["video", "phone", "coffee", "office"]
LogKind = Literal[
    "outreach", "reply", "scheduled", "interview", "thank-you", "follow-up", "referral", "note"
]
Category = Literal["trends", "insights", "advice", "resources", "assignments", "other", "closing"]
CATEGORIES: tuple[str, ...] = get_args(Category)  # TIARA order, the closing question last
Priority = Literal["must", "should", "nice"]
SkillLevel = Literal["have", "learning", "gap"]
TemplateKind = Literal[
    "linkedin-note",
    "email",
    "intro-request",
    "follow-up",
    "thank-you",
    "keep-in-touch",
    "referral-thanks",
]
Stage = Literal["before", "during", "after"]
# What a person can tell you about a role, each finding exactly one of these (see Finding).
FINDING_KINDS = ("skill", "certification", "tool", "company", "opening", "advice", "resource")

EMAIL = re.compile(
    r"^[^@\s<>\"'()\[\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
# A link field holds a web address, or a mailto:/tel: link; no other scheme ever reaches a page.
LINK = re.compile(
    r"^(?:https?://[^\s/$.?#]|mailto:[^\s@]+@|tel:\+?[0-9])[^\s<>\"]*$", re.IGNORECASE
)


def _text(value: Any) -> Any:
    """Numbers become text (`company: 3M` is fine); an empty YAML value becomes ""."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _single_line(value: str) -> str:
    return " ".join(value.split())


def _email(value: str) -> str:
    if value and not EMAIL.fullmatch(value):
        raise ValueError(f"{quote(value)} is not an email address; write it like name@example.com")
    return value


def _web_url(value: str) -> str:
    if value and not LINK.fullmatch(value):
        scheme = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):", value)
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            raise ValueError(
                f"{quote(value)} starts with {quote(scheme.group(1) + ':')}; links may only "
                "start with http://, https://, mailto: or tel:"
            )
        raise ValueError(
            f"{quote(value)} is not a web address; write it like https://www.example.com"
        )
    return value


def _phone(value: str) -> str:
    if value and not re.fullmatch(r"\+?[0-9][0-9 ().\-/]{2,30}", value):
        raise ValueError(f"{quote(value)} is not a phone number; write it like +1 555 0100")
    return value


def _none_to_list(value: Any) -> Any:
    return [] if value is None else value


def _none_to_dict(value: Any) -> Any:
    return {} if value is None else value


Text = Annotated[str, BeforeValidator(_text), Field(max_length=20_000)]
"""Multi-line plain text or Markdown."""
Line = Annotated[str, BeforeValidator(_text), AfterValidator(_single_line), Field(max_length=500)]
"""One line of plain text (names, titles, question text)."""
Name = Annotated[
    str, BeforeValidator(_text), AfterValidator(_single_line), Field(min_length=1, max_length=200)
]
Said = Annotated[
    str, BeforeValidator(_text), AfterValidator(_single_line), Field(min_length=1, max_length=500)
]
"""What someone told you, in a line (a skill's name, a piece of advice)."""
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
Tag = Annotated[
    str, BeforeValidator(_text), AfterValidator(_single_line), Field(min_length=1, max_length=60)
]
Email = Annotated[str, BeforeValidator(_text), AfterValidator(_email)]
WebUrl = Annotated[str, BeforeValidator(_text), AfterValidator(_web_url)]
Phone = Annotated[str, BeforeValidator(_text), AfterValidator(_phone)]
Minutes = Annotated[int, Field(ge=1, le=240)]


def _plausible(value: date) -> date:
    # Year 1 or 9999 is a typo, and date arithmetic (due dates, reminders) would overflow on it.
    if not 1900 <= value.year <= 2200:
        raise ValueError(
            f"{quote(value.isoformat())} is out of range; write a year from 1900 to 2200"
        )
    return value


Day = Annotated[date, AfterValidator(_plausible)]
Moment = Annotated[datetime, AfterValidator(_plausible)]


_Item = TypeVar("_Item")
# A list that may also be left empty in YAML (`tags:` with nothing after it).
ListOf = Annotated[list[_Item], BeforeValidator(_none_to_list)]


class Model(BaseModel):
    # Unknown fields are errors with a did-you-mean, never silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Pitch(Model):
    who: Line
    """Who you are, in one sentence."""
    background: Line = ""
    """What you have done that matters here."""
    aim: Line = ""
    """What you are exploring and why you are asking."""


class Profile(Model):
    name: Name
    """Your name, as it signs your messages."""
    headline: Line = ""
    """One line about you, shown on the dashboard."""
    school: Line = ""
    """Your school; contacts with the same school are alumni."""
    employers: ListOf[Line] = []
    """Places you have worked; a contact at one of them shares an employer with you."""
    email: Email = ""
    """Your email address (private: never in a public build)."""
    my_addresses: ListOf[Email] = []
    """Your other email addresses (private): `playbook import mail` counts mail from or to any
    of them, and `email`, as yours."""
    pitch: Pitch
    """The elevator pitch in three beats: who, background, aim."""
    interview_minutes: Minutes = 20
    """Default length of a conversation, in minutes."""
    pitch_minutes: Annotated[int, Field(ge=0, le=30)] = 2
    """Minutes kept for your pitch at the start of each conversation."""
    wrap_up_minutes: Annotated[int, Field(ge=0, le=30)] = 2
    """Minutes kept for thanks and next steps at the end."""
    extra_question_minutes: Annotated[int, Field(ge=1, le=30)] = 3
    """Minutes planned for each of a contact's `extra` questions."""
    closing_question: Slug = "who-else"
    """Id of the question that always closes a plan (who else should I talk to?)."""
    thank_you_within_hours: Annotated[int, Field(ge=1, le=720)] = 24
    """Send the thank-you within this many hours after the conversation."""
    keep_in_touch_days: Annotated[int, Field(ge=1, le=3650)] = 60
    """Default days between keep-in-touch notes."""
    weekly_outreach_goal: Annotated[int, Field(ge=1, le=500)] | None = None
    """People to reach out to each week; the dashboard's weekly chart draws it as a target line."""
    linkedin_premium: bool = False
    """Premium allows 300-character connection notes instead of 200."""
    timezone: str = "UTC"
    """Your time zone (IANA name like America/Chicago), for times written without an offset."""
    holidays: str = ""
    """Public holidays that business days skip: a country (US, GB, DE) or a part of one
    (US-CA, GB-SCT, DE-BY). Needs the holidays package (the `holidays` extra)."""
    aliases: Annotated[dict[Name, ListOf[Name]], BeforeValidator(_none_to_dict)] = {}
    """Other spellings of a skill, tool or certification, joined when findings are counted:
    `Google Analytics Certification: [GA4, Google Analytics]`."""
    language: str = ""
    """The language of the `playbook` command's output (`de`, `fr`, `pt-BR`, `zh`); English when
    unset. The site speaks `theme.language` of mkdocs.yml."""

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if not value:
            return value
        try:
            Locale.parse(normalise(value))
        except (ValueError, UnknownLocaleError):
            raise ValueError(
                f"{quote(value)} is not a language code; write one like de, fr, pt-BR or zh"
            ) from None
        return value

    @field_validator("holidays")
    @classmethod
    def _known_holidays(cls, value: str) -> str:
        return check_holidays(value)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{quote(value)} is not a time zone; write an IANA name like America/Chicago"
            ) from None
        return value


class Skill(Model):
    name: Name
    """The skill."""
    level: SkillLevel = "gap"
    """have, learning or gap (gaps are highlighted)."""


class Role(Model):
    id: Slug
    title: Name
    """The role's title."""
    industry: Line = ""
    """The industry it sits in."""
    summary: Text = ""
    """What the role does (Markdown)."""
    skills: ListOf[Skill] = []
    """Skills it needs, with where you stand on each."""
    certifications: ListOf[Line] = []
    """Certifications that matter for it."""
    companies: ListOf[Line] = []
    """Target companies for this role."""
    question_tags: ListOf[Tag] = []
    """Questions tagged with any of these suit this role."""


class Links(Model):
    linkedin: WebUrl = ""
    """Their LinkedIn profile address."""
    email: Email = ""
    """Their email address."""
    phone: Phone = ""
    """Their phone number."""
    website: WebUrl = ""
    """Any other page about them."""


class Interview(Model):
    when: Moment
    """Start, like 2026-12-02T15:30:00-06:00 (without an offset: the profile's time zone)."""
    minutes: Minutes | None = None
    """Length; else the profile's interview_minutes."""
    medium: Medium = "video"
    """video, phone, coffee or office."""
    where: Line = ""
    """Where, or how to join."""
    uid: Line = ""
    """The calendar invite's UID, when it was booked from one (`playbook import invite`)."""
    sequence: Annotated[int, Field(ge=0)] | None = None
    """The invite's SEQUENCE: a later invite with the same UID and a higher one moves it."""


class ExtraQuestion(Model):
    text: Name
    """The question."""
    category: Category = "insights"
    """Where it sits in TIARA order."""
    minutes: Minutes | None = None
    """Minutes to plan for it; else the profile's extra_question_minutes."""


class QuestionChoice(Model):
    pick: ListOf[Slug] = []
    """Question ids that must be in the plan."""
    skip: ListOf[Slug] = []
    """Question ids never to ask this person."""
    extra: ListOf[Annotated[Name, Field()] | ExtraQuestion] = []
    """Questions just for this person, as text or {text, category, minutes}."""


class LogEntry(Model):
    date: Day
    """When, like 2026-11-18."""
    kind: LogKind
    """outreach, reply, scheduled, interview, thank-you, follow-up, referral or note."""
    note: Line = ""
    """What happened, in a line."""
    message_id: Line = ""
    """The Message-ID of the email it was imported from (`playbook import mail`), so the
    same message is never recorded twice."""


class Finding(Model):
    """One thing a person told you: exactly one kind (skill, certification, tool, company,
    opening, advice or resource) whose value is the thing, an optional note and role."""

    # Editors check "exactly one kind" too: each kind is a branch, two kinds match two.
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": [kind]} for kind in FINDING_KINDS]}
    )

    skill: Said = ""
    """A skill the role needs, as they named it (matched against the role's skills)."""
    certification: Said = ""
    """A certification worth having (matched against the role's certifications)."""
    tool: Said = ""
    """A tool or piece of software they use (matched against the role's skills)."""
    company: Said = ""
    """A company worth knowing about."""
    opening: Said = ""
    """A job opening, posted or coming: a lead."""
    advice: Said = ""
    """Advice, in a line."""
    resource: Said = ""
    """A book, course, newsletter or site they recommend."""
    note: Line = ""
    """Why it matters, in their words."""
    role: Slug | None = None
    """Id of the role it is about; else the contact's first role."""

    @model_validator(mode="after")
    def _one_kind(self) -> Finding:
        kinds = [kind for kind in FINDING_KINDS if getattr(self, kind)]
        if len(kinds) != 1:
            raise ValueError(
                f"a finding has exactly one kind, this one has {len(kinds)}; "
                f"write one of {', '.join(FINDING_KINDS)}"
            )
        return self

    @functools.cached_property
    def kind(self) -> str:
        return next(kind for kind in FINDING_KINDS if getattr(self, kind))

    @property
    def text(self) -> str:
        """The thing itself: the value of its kind key."""
        return str(getattr(self, self.kind))


class Contact(Model):
    id: Slug
    name: Name
    """Their full name."""
    title: Line = ""
    """Their job title."""
    company: Line = ""
    """Where they work."""
    roles: ListOf[Slug] = []
    """Ids of the roles you want to learn about from them."""
    source: ContactSource = "other"
    """How you found them."""
    introduced_by: Slug | None = None
    """Id of the contact who introduced you."""
    school: Line = ""
    """Their school; the same as yours makes them alumni."""
    links: Links = Links()
    """linkedin, email, phone, website."""
    status: Status = "identified"
    """Where things stand."""
    interview: Interview | None = None
    """The conversation, once booked."""
    research: Text = ""
    """What you learned before talking (Markdown)."""
    questions: QuestionChoice = QuestionChoice()
    """Questions to pick, skip or add for them."""
    log: ListOf[LogEntry] = []
    """What happened, oldest first."""
    notes: Text = ""
    """What they said (Markdown), written after the conversation."""
    learned: ListOf[Finding] = []
    """What they told you, one finding a line: `- skill: SQL`, with an optional note and role."""
    thank_you_detail: Line = ""
    """The specific thing to thank them for; else the thank-you draws on notes."""
    referrals: ListOf[Line] = []
    """People they suggested, as "Name, Company"."""
    keep_in_touch_days: Annotated[int, Field(ge=1, le=3650)] | None = None
    """Days between keep-in-touch notes; else the profile's."""
    tags: ListOf[Tag] = []
    """Tags for the tags index."""
    public: bool = False
    """May their name, title and company appear in a public build?"""

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


class Question(Model):
    id: Slug
    """Unique across all banks."""
    text: Name
    """The question as you would ask it."""
    category: Category = "other"
    """trends, insights, advice, resources, assignments (TIARA), closing or other."""
    priority: Priority = "should"
    """must, should or nice: must-asks are chosen first."""
    minutes: Minutes = 3
    """Minutes to plan for it."""
    tags: ListOf[Tag] = []
    """Empty suits every role; else matched against roles' question_tags."""


class QuestionBank(Model):
    id: Slug
    title: Name
    """The bank's title."""
    description: Text = ""
    """What the bank is for (Markdown)."""
    questions: Annotated[list[Question], Field(min_length=1)]
    """The questions."""


class Template(Model):
    id: Slug
    title: Name
    """The template's title."""
    kind: TemplateKind
    """Which moment it is for."""
    subject: Line = ""
    """Subject line for email kinds (Jinja allowed)."""
    body: Text = ""


class Checklist(Model):
    id: Slug
    title: Name
    """The checklist's title."""
    stage: Stage
    """before, during or after the conversation."""
    items: Annotated[list[Line], Field(min_length=1)]
    """The things to do."""


__all__ = [
    "CATEGORIES",
    "FINDING_KINDS",
    "STATUSES",
    "STATUS_AFTER",
    "Checklist",
    "Contact",
    "Finding",
    "Interview",
    "LogEntry",
    "Profile",
    "Question",
    "QuestionBank",
    "Role",
    "Template",
    "advanced",
    "date",
]
