"""Posts per day as an inline SVG bar chart, drawn on the server.

Why server-side SVG: the archive is read offline and must not pull a charting library from a
CDN, nor run scripts; an SVG of plain rectangles needs neither and prints as it shows. Days
without posts are drawn as gaps, so the time axis is true. A span too long for one bar a day
(more than ``MAX_DAILY_BARS`` days) is drawn one bar a month instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

MAX_DAILY_BARS = 400
WIDTH, HEIGHT, AXIS = 720, 120, 18


@dataclass(frozen=True)
class Bar:
    """One bar: the first day it covers, its label ("2021-11-07" or "2021-11") and its count."""

    start: date
    label: str
    count: int


def bars(times: Iterable[str | None]) -> list[Bar]:
    """Bars for ISO 8601 times (``published_at`` values; nulls and non-dates are skipped), one per day from the
    first day to the last (one per month when that is too many), empty days included."""
    per_day = Counter(day for day in map(_day, times) if day is not None)
    if not per_day:
        return []
    first, last = min(per_day), max(per_day)
    if (last - first).days < MAX_DAILY_BARS:
        return [Bar(day, day.isoformat(), per_day.get(day, 0))
                for day in (first + timedelta(days=n) for n in range((last - first).days + 1))]
    per_month = Counter()
    for day, count in per_day.items():
        per_month[day.replace(day=1)] += count
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(Bar(month, month.isoformat()[:7], per_month.get(month, 0)))
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _day(value: str | None) -> date | None:
    """The calendar day an ISO 8601 time falls on as written, or None when it is not one."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def bar_chart_svg(chart: list[Bar], title: str = "Posts per day") -> Markup:
    """The bars as an ``<svg>`` element; each bar has a ``<title>`` (its day and count) that
    browsers show on hover, and the first and last labels are written under the axis."""
    if not chart:
        return Markup('<p class="chart-empty">No dated posts to draw.</p>')
    tallest = max(bar.count for bar in chart) or 1
    step = WIDTH / len(chart)
    width = max(step * 0.8, 1.0)
    rects = []
    for index, bar in enumerate(chart):
        height = (HEIGHT - AXIS) * bar.count / tallest
        label = escape(bar.label)
        rects.append(
            f'<rect class="bar" x="{index * step:.2f}" y="{HEIGHT - AXIS - height:.2f}" width="{width:.2f}" '
            f'height="{height:.2f}" data-day="{label}" data-count="{bar.count}"><title>{label}: {bar.count}</title></rect>')
    unit = "month" if len(chart[0].label) == 7 else "day"
    return Markup(
        '<svg class="posts-chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" '
        'width="100%" aria-label="{title}">'
        "<title>{title} (most in one {unit}: {tallest})</title>"
        '<line x1="0" y1="{axis}" x2="{w}" y2="{axis}" class="axis"/>{rects}'
        '<text x="0" y="{baseline}" class="label">{first}</text>'
        '<text x="{w}" y="{baseline}" class="label" text-anchor="end">{last}</text></svg>'
    ).format(w=WIDTH, h=HEIGHT, baseline=HEIGHT - 4, axis=HEIGHT - AXIS, title=title, unit=unit, tallest=tallest,
             rects=Markup("".join(rects)), first=chart[0].label, last=chart[-1].label)
