"""Charts drawn at build time: where each bar, line and label of an SVG goes.

The SVG itself is written by `templates/charts.html.j2`, like any other page part: no chart
library, no script, nothing from another host. Positions are in the SVG's own units (its viewBox),
so a chart scales to the width it is given. Colours are not chosen here: the template names a
series by class and playbook.css colours it from the palette (light, dark, black on white in print).
Each chart carries a title and a description in words, and its numbers follow it in a table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from playbook.core import dates, numbers, words
from playbook.core.labels import label
from playbook.core.words import N_, ngettext
from playbook.core.words import gettext as _
from playbook.logic.activity import Week
from playbook.logic.schedule import FunnelStage

WIDTH = 640
MIRRORED = {"start": "end", "end": "start", "middle": "middle"}  # text anchors, right to left


def _percent(share: float | None) -> str:
    return "" if share is None else numbers.percent(share)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: str  # a class name: which series, so CSS can colour it
    tip: str  # what the bar says on hover


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"  # SVG text-anchor


# --- the funnel -------------------------------------------------------------------------------

FUNNEL_ROW = 40
FUNNEL_LABELS = 132  # the stage names sit left of this
FUNNEL_BARS = 360  # the widest bar


@dataclass(frozen=True)
class FunnelChart:
    id: str
    title: str
    desc: str
    height: float
    bars: list[Bar]
    labels: list[Label]
    stages: list[FunnelStage]  # for the table after the chart
    width: int = WIDTH


def funnel_chart(stages: list[FunnelStage]) -> FunnelChart:
    """One bar per stage, its length the stage's count against the first stage's. In a
    right-to-left language the chart is mirrored: names on the right, bars growing leftwards."""
    widest = max((s.count for s in stages), default=0) or 1
    bars, labels = [], []
    for row, stage in enumerate(stages):
        top = row * FUNNEL_ROW
        middle = top + FUNNEL_ROW / 2 + 5  # text baseline: the middle of a 14-unit line
        length = FUNNEL_BARS * stage.count / widest
        rate = _percent(stage.of_previous)
        said = f"{stage.count}" + (f" · {rate}" if rate else "")
        bars.append(
            Bar(FUNNEL_LABELS, top + 6, round(length, 1), FUNNEL_ROW - 12, "pb-series-1", said)
        )
        name = label("funnel", stage.name)
        labels.append(Label(FUNNEL_LABELS - 10, middle, name[:1].upper() + name[1:], "end"))
        labels.append(Label(round(FUNNEL_LABELS + length + 8, 1), middle, said))
    if words.active().rtl:
        bars = [replace(b, x=round(WIDTH - b.x - b.width, 1)) for b in bars]
        labels = [replace(x, x=round(WIDTH - x.x, 1), anchor=MIRRORED[x.anchor]) for x in labels]
    return FunnelChart(
        id="pb-chart-funnel",
        title=_("Outreach funnel"),
        desc=_funnel_words(stages),
        height=len(stages) * FUNNEL_ROW,
        bars=bars,
        labels=labels,
        stages=stages,
    )


def _funnel_words(stages: list[FunnelStage]) -> str:
    parts = []
    for index, stage in enumerate(stages):
        said = f"{label('funnel', stage.name)} {stage.count}"
        if stage.of_previous is not None:
            share = {"share": _percent(stage.of_previous)}
            share["stage"] = label("funnel", stages[index - 1].name)
            said += " (" + _("%(share)s of %(stage)s") % share + ")"
        parts.append(said)
    return _("Each stage is a part of the one before: %(stages)s.") % {"stages": ", ".join(parts)}


# --- weekly activity --------------------------------------------------------------------------

SERIES = (
    ("outreach", N_("Outreach"), "pb-series-1"),
    ("replies", N_("Replies"), "pb-series-2"),
    ("conversations", N_("Conversations"), "pb-series-3"),
)
# What a bar says on hover: its week, and its value in words (one reply, 2 replies).
TIPS = {
    "outreach": lambda n: ngettext("%(num)s outreach", "%(num)s outreach", n),
    "replies": lambda n: ngettext("%(num)s reply", "%(num)s replies", n),
    "conversations": lambda n: ngettext("%(num)s conversation", "%(num)s conversations", n),
}
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 36.0, 632.0, 34.0, 214.0
WEEKLY_HEIGHT = 240


@dataclass(frozen=True)
class Gridline:
    y: float
    value: int


@dataclass(frozen=True)
class WeeklyChart:
    id: str
    title: str
    desc: str
    height: int
    bars: list[Bar]
    days: list[Label]  # under each week
    gridlines: list[Gridline]
    legend: list[tuple[Label, str]]  # the words and the series' class
    goal: int | None
    goal_y: float | None
    weeks: list[Week]  # for the table after the chart
    plot: tuple[float, float, float, float] = (PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM)
    width: int = WIDTH

    def met(self, week: Week) -> bool:
        return self.goal is not None and week.outreach >= self.goal


def nice_step(top: int) -> int:
    """A step between gridlines of 1, 2 or 5 times a power of ten, for at most five lines."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if top / step <= 5:
                return step
        power *= 10


def weekly_chart(weeks: list[Week], goal: int | None) -> WeeklyChart:
    """Three bars a week (outreach, replies, conversations) and the goal as a dashed line."""
    largest: int = max([goal or 0, *(getattr(w, key) for w in weeks for key, _, _ in SERIES), 1])
    step = nice_step(largest)
    top = -(-largest // step) * step  # the gridline at or above the largest value

    def y(value: float) -> float:
        return round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / top, 1)

    group = (PLOT_RIGHT - PLOT_LEFT) / max(len(weeks), 1)
    bar = group * 0.24
    bars, days = [], []
    for index, week in enumerate(weeks):
        start = PLOT_LEFT + index * group + (group - 3 * bar - 2 * 2) / 2
        for position, (key, _name, series) in enumerate(SERIES):
            value = getattr(week, key)
            x = round(start + position * (bar + 2), 1)
            said = TIPS[key](value) % {"num": value}
            tip = _("Week of %(day)s: %(value)s") % {
                "day": dates.day_month(week.starts),
                "value": said,
            }
            height = round(PLOT_BOTTOM - y(value), 1)
            bars.append(Bar(x, y(value), round(bar, 1), height, series, tip))
        middle = round(PLOT_LEFT + (index + 0.5) * group, 1)
        days.append(Label(middle, PLOT_BOTTOM + 18, dates.day_month(week.starts), "middle"))
    legend = []
    for position, (_key, name, series) in enumerate(SERIES):
        legend.append((Label(PLOT_LEFT + position * 130 + 18, 16, _(name)), series))
    if goal is not None:
        words = _("Goal: %(goal)s a week") % {"goal": goal}
        legend.append((Label(PLOT_LEFT + 3 * 130 + 26, 16, words), "pb-goal"))
    gridlines = [Gridline(y(v), v) for v in range(0, top + 1, step)]
    return WeeklyChart(
        id="pb-chart-weekly",
        title=_("Weekly activity"),
        desc=_weekly_words(weeks, goal),
        height=WEEKLY_HEIGHT,
        bars=bars,
        days=days,
        gridlines=gridlines,
        legend=legend,
        goal=goal,
        goal_y=y(goal) if goal is not None else None,
        weeks=weeks,
    )


def _weekly_words(weeks: list[Week], goal: int | None) -> str:
    if not weeks:
        return _("No weeks to show.")
    totals = {key: sum(getattr(w, key) for w in weeks) for key, _name, _series in SERIES}
    said = {key: TIPS[key](value) % {"num": value} for key, value in totals.items()}
    words = ngettext(
        "Outreach, replies and conversations in the %(num)s week from %(first)s to %(last)s: "
        "%(outreach)s, %(replies)s and %(conversations)s in all.",
        "Outreach, replies and conversations in each of the %(num)s weeks from %(first)s to "
        "%(last)s: %(outreach)s, %(replies)s and %(conversations)s in all.",
        len(weeks),
    ) % {
        "num": len(weeks),
        "first": dates.day_month(weeks[0].starts),
        "last": dates.day_month_year(weeks[-1].ends),  # the year once, after the last day
        **said,
    }
    if goal is not None:
        met = sum(1 for w in weeks if w.outreach >= goal)
        words += " " + ngettext(
            "The goal of %(goal)s outreach a week was met in %(num)s of them.",
            "The goal of %(goal)s outreach a week was met in %(num)s of them.",
            met,
        ) % {"goal": goal, "num": met}
    return words
