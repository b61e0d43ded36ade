"""Print packs: the prep sheets of several conversations on one page, for one print job.

`print/upcoming.md` gathers the conversations of the coming week, `print/all.md` every one from
today on (a past conversation's sheet is no use on paper, and a pack of every conversation ever
held would grow without end: thousands of sheets on one page). Each sheet is the contact's own
page (the same template, overrides included), placed under a cover that lists the conversations
by time; print.css starts each sheet on a new paper page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from playbook import schedule
from playbook.link import Playbook

if TYPE_CHECKING:
    from playbook.render import Renderer

UPCOMING_DAYS = 7

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# `[text](other-contact.md)`: a link to a sibling page in contacts/. print/ sits as deep as
# contacts/, so links that climb out (`../roles/x.md`) already resolve and stay as they are.
_SIBLING_LINK = re.compile(r"\]\(([^()\s/:#]+\.md(?:#[^()\s]*)?)\)")
# An explicit heading id, `## At a glance { #at-a-glance }`: the same on every sheet, so it gets
# the contact's id in front. Ids made from heading text are kept unique by the toc extension.
_HEADING_ID = re.compile(r"(?m)^(#{1,6}\s.*?(?<!\\)\{[^}\n]*?)#([A-Za-z][\w-]*)")


@dataclass(frozen=True)
class Sheet:
    conversation: schedule.Conversation
    markdown: str  # the contact page's body, ready to sit inside the pack page

    @property
    def anchor(self) -> str:
        return f"sheet-{self.conversation.contact.id}"


def sheet_body(page: str, contact_id: str) -> str:
    """A contact page made fit to share one page with others: no front matter, links and ids
    that still work from print/."""
    body = _FRONT_MATTER.sub("", page, count=1)
    body = _SIBLING_LINK.sub(r"](../contacts/\1)", body)
    return _HEADING_ID.sub(rf"\1#{contact_id}-\2", body)


def pages(renderer: Renderer, pb: Playbook, contact_pages: Mapping[str, str]) -> dict[str, str]:
    """The two print packs, by source path under docs_dir, from the contact pages already made
    (rendering each sheet again would cost as much as the contact pages themselves)."""
    week_end = pb.today + timedelta(days=UPCOMING_DAYS - 1)
    packs = {
        "print/upcoming.md": (
            f"Prep sheets for {pb.today:%a} {pb.today.day} {pb.today:%b} – "
            f"{week_end:%a} {week_end.day} {week_end:%b %Y}",
            schedule.upcoming(pb, days=UPCOMING_DAYS),
            f"No conversation is booked in the next {UPCOMING_DAYS} days.",
        ),
        "print/all.md": (
            "Prep sheets for every conversation ahead",
            schedule.ahead(pb),
            "No conversation is booked from today on.",
        ),
    }
    return {
        uri: renderer.page(
            "print_pack.md.j2",
            title=title,
            empty=empty,
            sheets=[
                Sheet(c, sheet_body(contact_pages[c.contact.id], c.contact.id))
                for c in conversations
            ],
            pb=pb,
            profile=pb.profile,
            today=pb.today,
        )
        for uri, (title, conversations, empty) in packs.items()
    }
