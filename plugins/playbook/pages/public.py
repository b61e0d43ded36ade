"""The public profile: the part of a playbook that may be hosted, and nothing more.

A public build never hands a contact to the renderer. `public_view` copies out of the Playbook only
what may be published: the roles, question banks, templates (as written, placeholders unfilled),
checklists, counts for the dashboard, the user's name and headline, and for contacts marked
`public: true` their name, title and company. The pages are rendered from that view alone, so a
template that reaches for anything else (`contact`, `playbook.contacts`, `profile.email`) fails the
build instead of publishing it.

Left out on purpose: every other value from a contact file, and from the profile its email, school
and elevator pitch (the pitch is the user's own words, but it is written for the people they
contact and only ever appeared on prep sheets).

Also here, for every hosted or offline copy: `noindex` and `own_scripts` (no other host).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import jinja2

from playbook.core.model import Checklist, Question, QuestionBank, Role, Template
from playbook.logic import schedule
from playbook.logic.playbook import Playbook

PROFILES = ("private", "public", "encrypted")  # encrypted: lock.py
PROFILE_ENV = "PLAYBOOK_PROFILE"


class ProfileError(Exception):
    """A public build that cannot be made as asked; the message says what to change."""


def choose_profile(option: str, environ: Mapping[str, str]) -> str:
    """The build's profile: PLAYBOOK_PROFILE when set (it wins), else the plugin option."""
    chosen = environ.get(PROFILE_ENV, "").strip() or option
    if chosen not in PROFILES:
        raise ProfileError(
            f"{PROFILE_ENV}={chosen!r} is not a profile; use {PROFILE_ENV}=public to build the "
            f"site anyone may read, {PROFILE_ENV}=encrypted for your whole playbook readable with "
            "a passphrase, or private (the default) for everything, unencrypted"
        )
    return chosen


def deploy_refusal(command: str) -> str:
    return (
        f"`mkdocs {command}` publishes the site, and this build uses the private profile, which "
        "holds your contacts' names, emails, phones and notes. Publish the public profile "
        f"instead: {PROFILE_ENV}=public mkdocs {command} (or set `profile: public` under the "
        "playbook plugin in mkdocs.yml), or your whole playbook encrypted: "
        f"{PROFILE_ENV}=encrypted with a PLAYBOOK_PASSPHRASE."
    )


@dataclass(frozen=True)
class Owner:
    """The user, as a public page may show them."""

    name: str
    headline: str


@dataclass(frozen=True)
class Thanked:
    """A contact who agreed to be named (`public: true`): name, title and company, never more."""

    name: str
    title: str
    company: str


@dataclass(frozen=True)
class PublicPlaybook:
    """What a public build is rendered from. It holds no Contact, on purpose."""

    profile: Owner
    today: date
    roles: dict[str, Role]
    banks: dict[str, QuestionBank]
    questions: dict[str, Question]
    bank_of: dict[str, str]
    templates: dict[str, Template]
    checklists: dict[str, Checklist]
    pipeline: dict[str, int]
    people: int
    conversations: int
    thanked: list[Thanked]

    # The role page template asks both; a public role page names nobody.
    def contacts_for_role(self, role: Role) -> list[object]:
        return []

    questions_for_role = Playbook.questions_for_role
    question_index = Playbook.question_index  # what questions_for_role looks in


def public_view(playbook: Playbook) -> PublicPlaybook:
    pipeline = schedule.pipeline(playbook)
    return PublicPlaybook(
        profile=Owner(playbook.profile.name, playbook.profile.headline),
        today=playbook.today,
        roles=playbook.roles,
        banks=playbook.banks,
        questions=playbook.questions,
        bank_of=playbook.bank_of,
        templates=playbook.templates,
        checklists=playbook.checklists,
        pipeline=pipeline,
        people=len(playbook.contacts),
        conversations=sum(playbook.held(c) for c in playbook.contacts.values()),
        thanked=[
            Thanked(c.name, c.title, c.company) for c in playbook.contacts.values() if c.public
        ],
    )


def leak_refusal(error: jinja2.UndefinedError) -> str:
    """Why a public page could not be made: its template reached for something private."""
    return (
        f"a page template uses something a public build leaves out ({error.message}); "
        "public pages show no contact and no profile email, pitch or school: "
        "remove it from your template override, or build the private profile"
    )


def noindex(html: str) -> str:
    """The page, asking search engines to leave it out of their index."""
    return html.replace("</head>", '<meta name="robots" content="noindex">\n</head>', 1)


def own_scripts(polyfills: list[str], worker_shim: str) -> list[str]:
    """Theme scripts with none from another host: Material's offline plugin adds a Web Worker
    shim from unpkg.com (search from file://); our copy of it replaces that one."""
    kept = []
    for script in polyfills:
        if "iframe-worker" in script:
            kept.append(worker_shim)
        elif "://" not in script and not script.startswith("//"):
            kept.append(script)
    return kept
