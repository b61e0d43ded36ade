"""Weekly activity (playbook.logic.activity): outreach, replies and conversations counted per
week from the example's log, the numbers the dashboard's weekly chart draws (the drawing is
checked in tests/core/test_charts.py)."""

from __future__ import annotations

from datetime import date

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA
from playbook.logic import activity


def test_weekly_activity_counts_each_week_from_the_log() -> None:
    pb = playbook_of(EXAMPLE_DATA)
    weeks = activity.weekly(pb)
    assert len(weeks) == activity.WEEKS
    assert weeks[-1].starts == date(2026, 11, 23) and weeks[0].starts == date(2026, 9, 7)
    # Week of 16 Nov: outreach to Nina (17th), Dana (18th), Priya (19th); replies from Nina
    # (18th) and Dana (19th).
    week = next(w for w in weeks if w.starts == date(2026, 11, 16))
    assert (week.outreach, week.replies) == (3, 2)
    # Conversations: logged or booked and past, once a day per contact (Luis on the 20th).
    assert week.conversations == 1
