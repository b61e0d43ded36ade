"""The print pack: the coming week's prep sheets on one page, for one print job.

`print/upcoming.md` gathers the conversations of the next seven days under a cover that lists
them by time; print.css starts each sheet on a paper page of its own. Each sheet is the contact's
own prep sheet (the same template, overrides included), its heading ids prefixed with the
contact's id so that sheets sharing the page keep their anchors apart. It is the only page that
grows with the number of conversations booked; every other page stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from playbook.core import dates
from playbook.core.words import gettext as _
from playbook.logic import schedule


def title(today: date) -> str:
    end = today + timedelta(days=schedule.WEEK_DAYS - 1)
    return _("Prep sheets for %(first)s – %(last)s") % {
        "first": dates.short_day(today),
        "last": dates.day(end),
    }


@dataclass(frozen=True)
class Sheet:
    conversation: schedule.Conversation
    html: Markup  # the contact's prep sheet body

    @property
    def anchor(self) -> str:
        return f"sheet-{self.conversation.contact.id}"
