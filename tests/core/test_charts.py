"""The dashboard's SVG charts (playbook.pages.charts): each bar of the weekly chart drawn to scale
with its goal line, the funnel saying each count and rate, gridlines at a few round steps. The
geometry is checked against the numbers it draws, so a chart never misstates the files
(tests/browser/test_browser_look.py shows the charts in both palettes and on paper)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from helpers.core import playbook_of
from helpers.project import EXAMPLE_DATA
from playbook.logic import activity, schedule
from playbook.pages import charts


def test_the_weekly_chart_draws_each_number_to_scale_with_the_goal_line() -> None:
    weeks = [activity.Week(date(2026, 11, 2) + timedelta(weeks=i), i, i // 2, 1) for i in range(4)]
    chart = charts.weekly_chart(weeks, goal=4)
    heights = {(b.series, b.tip): b.height for b in chart.bars}
    unit = heights[("pb-series-1", "Week of 23 Nov: 3 outreach")] / 3
    for week in weeks:
        day = f"{week.starts.day} {week.starts:%b}"
        for series, value, name in (  # "1 reply", "2 replies": counted words
            ("pb-series-1", week.outreach, "outreach"),
            ("pb-series-2", week.replies, "reply" if week.replies == 1 else "replies"),
            (
                "pb-series-3",
                week.conversations,
                "conversation" if week.conversations == 1 else "conversations",
            ),
        ):
            assert heights[(series, f"Week of {day}: {value} {name}")] == pytest.approx(
                value * unit, abs=0.2
            )
    assert chart.goal_y == pytest.approx(charts.PLOT_BOTTOM - 4 * unit, abs=0.2)
    assert [g.value for g in chart.gridlines] == [0, 1, 2, 3, 4]
    assert "met in 0 of them" in chart.desc
    assert charts.weekly_chart(weeks, goal=None).goal_y is None


def test_the_funnel_chart_says_each_count_and_rate() -> None:
    stages = schedule.funnel(playbook_of(EXAMPLE_DATA))
    chart = charts.funnel_chart(stages)
    said = [label.text for label in chart.labels]
    names, numbers = said[::2], said[1::2]
    assert names == ["Reached out", "Replied", "Talked", "Referred"]
    assert numbers == ["11", "8 · 73%", "5 · 62%", "3 · 60%"]
    widths = [bar.width for bar in chart.bars]
    assert widths[0] == charts.FUNNEL_BARS
    assert widths == [pytest.approx(charts.FUNNEL_BARS * s.count / 11, abs=0.1) for s in stages]
    assert "replied 8 (73% of reached out)" in chart.desc


@pytest.mark.parametrize("top", [1, 3, 5, 7, 12, 48, 130])
def test_gridlines_are_at_most_five_round_steps(top: int) -> None:
    step = charts.nice_step(top)
    assert step in (1, 2, 5, 10, 20, 50, 100) and -(-top // step) <= 5
