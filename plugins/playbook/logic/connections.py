"""How you are connected to a contact: the one definition the prep sheet shows and the first-email
rule checks ("name the connection in the first sentence"), so the two can never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from playbook.core.model import Contact
from playbook.core.text import fold
from playbook.core.words import N_
from playbook.core.words import gettext as _
from playbook.logic.playbook import Playbook

INTRODUCER = "introducer"
SHARED_SCHOOL = "shared school"
SHARED_EMPLOYER = "shared employer"
SOURCE_WORDS = {
    "linkedin": N_("LinkedIn"),
    "alumni": N_("the alumni network"),
    "company-site": N_("their company's site"),
    "referral": N_("a referral"),
    "event": N_("an event"),
    "other": "",
}
# A source a connection already says: alumni of your school, introduced by someone.
SAID_BY = {"alumni": SHARED_SCHOOL, "referral": INTRODUCER}


@dataclass(frozen=True)
class Connection:
    kind: str  # INTRODUCER, SHARED_SCHOOL or SHARED_EMPLOYER
    name: str  # the words that name it in a message: the introducer, the school, the company
    introducer: Contact | None = None  # for INTRODUCER: whose prep sheet to link to

    @property
    def phrase(self) -> str:
        """How the prep sheet says it, after the introducer's linked name where there is one."""
        return {
            INTRODUCER: _("introduced you"),
            SHARED_SCHOOL: _("alumni of %(school)s, like you") % {"school": self.name},
            SHARED_EMPLOYER: _("at %(company)s, where you worked too") % {"company": self.name},
        }[self.kind]


def connections_of(playbook: Playbook, contact: Contact) -> list[Connection]:
    """What you share with them, strongest first: an introduction, a school, an employer."""
    found = []
    if introducer := playbook.introducer_of(contact):
        found.append(Connection(INTRODUCER, introducer.name, introducer))
    if playbook.is_alumni(contact):
        found.append(Connection(SHARED_SCHOOL, playbook.profile.school))
    employers = {fold(e) for e in playbook.profile.employers}
    if contact.company and fold(contact.company) in employers:
        found.append(Connection(SHARED_EMPLOYER, contact.company))
    return found


def found_through(contact: Contact, connections: list[Connection]) -> str:
    """Where you found them, in words ("LinkedIn"); "" when there is nothing to add to the
    connections ("found through the alumni network; alumni of Lakeside" says it twice)."""
    if SAID_BY.get(contact.source) in {c.kind for c in connections}:
        return ""
    words = SOURCE_WORDS[contact.source]
    return _(words) if words else ""
