"""Whether a printed prep sheet has room for the "Still open for this role" box.

A prep sheet prints on one page, A4 or Letter (tests/browser/test_print.py measures every example
sheet in Chromium). The box is worth having on paper, but not at the price of a second page, so it
prints only when the sheet's estimated height, box included, fits one Letter page (the shorter
paper); otherwise it stays on screen. The build cannot lay pages out, so this adds up the sheet
the way print.css sets it: 10pt lines wrapped at about 110 characters, 9.5pt at-a-glance rows in
two columns, 9pt checklist items, and fixed costs for headings, the ruled notes area and spacing.

The costs were fitted to 78 sheets measured in Chromium at Letter width (the example, the
pm-switch fixture and a generated playbook); BASE is the largest remainder seen plus a margin, so
the estimate errs towards leaving the box off. tests/browser/test_print.py checks both sides: a
sheet with room prints the box, a full one keeps it on screen, and both stay on one page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from playbook.core.model import Contact
from playbook.logic.playbook import Playbook

PAGE = 972  # CSS pixels of a Letter page between print.css's margins (257.4 mm)
CHARACTERS_PER_LINE = 110  # 10pt text across 192 mm, a little on the safe side
LINE = 17.5  # a 10pt line of a list or paragraph, with its share of the spacing
GLANCE_ROW = 15.2  # a 9.5pt row of "At a glance", two items side by side
CHECKLIST_LINE = 14.4  # a 9pt checklist item
HEADING = 30  # a section heading with its rule and spacing
NOTES = 40  # the notes list's spacing, when there are notes
PARAGRAPH = 4  # the space between research paragraphs
BASE = 412  # title, headings every sheet has, the ruled notes area, the page's spacing
BOX = 90  # the box's title, padding and margins
BOX_LINE = 19  # each line in the box: one per role, one per gap


def lines(text: str, width: int = CHARACTERS_PER_LINE) -> int:
    """Lines `text` takes when wrapped at `width` characters, each paragraph or list item on
    lines of its own (Markdown's markup counted as text: a slight overestimate)."""
    pieces = [p for p in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)", text) if p.strip()]
    return sum(math.ceil(len(" ".join(p.split())) / width) for p in pieces)


def sheet_height(playbook: Playbook, contact: Contact) -> float:
    """The printed sheet's estimated height, in CSS pixels, without the box."""
    glance = 4 + bool(contact.introduced_by) + 2 * bool(contact.interview) + bool(contact.roles)
    glance += sum(bool(link) for link in contact.links.model_dump().values())
    pitch = playbook.profile.pitch
    text = lines(" ".join((pitch.who, pitch.background, pitch.aim)))
    text += sum(lines(q.text) for q in playbook.plan(contact).questions)
    text += len(contact.referrals) + lines(contact.notes)
    height = BASE + GLANCE_ROW * math.ceil(glance / 2)
    if contact.research:
        paragraphs = [p for p in contact.research.split("\n\n") if p.strip()]
        height += HEADING + PARAGRAPH * len(paragraphs)
        text += lines(contact.research)
    during = [c for c in playbook.checklists.values() if c.stage == "during"]
    height += CHECKLIST_LINE * sum(lines(item) for c in during for item in c.items)
    height += HEADING * bool(contact.referrals) + NOTES * bool(contact.notes)
    return height + LINE * text


def box_height(still_open: Sequence[tuple[object, Sequence[str]]]) -> float:
    return BOX + BOX_LINE * sum(1 + len(gaps) for _, gaps in still_open)


def has_room(
    playbook: Playbook, contact: Contact, still_open: Sequence[tuple[object, Sequence[str]]]
) -> bool:
    """Whether the still-open box prints with the sheet and the sheet stays on one page."""
    return sheet_height(playbook, contact) + box_height(still_open) <= PAGE
