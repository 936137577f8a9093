"""Posts per month as a bar chart: a complete series of months in date order, drawn as SVG.

Pure functions (counts in, SVG text out) so the Datasette pages and the tests share them. The
SVG is self-contained: no script, no fonts or styles from elsewhere, so it can be served as an
image under a strict Content-Security-Policy.
"""

from __future__ import annotations

import re
from html import escape

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

# default size in SVG user units (= CSS pixels at 100%); the image scales to its box
WIDTH = 720
HEIGHT = 200
MIN_WIDTH, MAX_WIDTH = 240, 1600
MARGIN_LEFT = 44
MARGIN_RIGHT = 8
MARGIN_TOP = 14
MARGIN_BOTTOM = 26
BAR_COLOUR = "#3b6ea5"


def month_series(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Every month from the first to the last month of ``counts`` (``YYYY-MM`` keys), in date
    order, with 0 for months without posts. Keys that are not months (an empty archive month)
    are left out."""
    months = sorted(key for key in counts if key and _MONTH.match(key))
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    last = tuple(map(int, months[-1].split("-")))
    series = []
    while (year, month) <= last:
        key = f"{year:04d}-{month:02d}"
        series.append((key, int(counts.get(key, 0))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return series


def _nice_top(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, … that is at least ``value``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def describe(series: list[tuple[str, int]], subject: str = "posts") -> str:
    """One sentence saying what the chart shows, for its alt text and title."""
    if not series:
        return f"No {subject} with a publication month."
    total = sum(count for _, count in series)
    busiest = max(series, key=lambda item: item[1])
    empty = sum(1 for _, count in series if count == 0)
    return (f"{total:,} {subject} per month from {series[0][0]} to {series[-1][0]} "
            f"({len(series)} months, {empty} without any); most in {busiest[0]} ({busiest[1]:,}).")


def svg_chart(series: list[tuple[str, int]], subject: str = "posts", width: int = WIDTH,
              height: int = HEIGHT) -> str:
    """A bar chart of ``series`` (as from :func:`month_series`) as a standalone SVG document,
    ``width`` by ``height``: one bar per month, the years along the bottom (as many as fit), the
    y axis from 0 to a round number above the busiest month."""
    WIDTH = max(MIN_WIDTH, min(int(width), MAX_WIDTH))  # noqa: N806 (the drawing's own size)
    HEIGHT = max(120, min(int(height), 800))  # noqa: N806
    title = describe(series, subject)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
            'font-family="sans-serif" font-size="11">'
            f"<title>{escape(title)}</title>"
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>')
    if not series:
        return head + (f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="#555">'
                       f"No {escape(subject)} to chart</text></svg>")
    top = _nice_top(max(count for _, count in series) or 1)
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    base = MARGIN_TOP + plot_h
    slot = plot_w / len(series)
    gap = min(slot * 0.2, 2)
    parts = [head]
    for value in (0, top // 2, top) if top > 1 else (0, top):
        y = base - plot_h * value / top
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     'stroke="#dddddd" stroke-width="1"/>')
        parts.append(f'<text x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{value:,}</text>')
    every_year = len(series) > 24
    # one year label per this many years, so labels (about 30 units wide) never overlap
    years_per_label = max(1, int(30 // (slot * 12)) + 1) if every_year else 1
    first_year = int(series[0][0][:4])
    for index, (month, count) in enumerate(series):
        x = MARGIN_LEFT + index * slot
        height = plot_h * count / top
        if count:
            parts.append(f'<rect x="{x + gap / 2:.2f}" y="{base - height:.2f}" width="{max(slot - gap, 0.5):.2f}" '
                         f'height="{height:.2f}" fill="{BAR_COLOUR}"><title>{month}: {count:,}</title></rect>')
        labelled = index == 0 or month.endswith("-01") or (not every_year and month.endswith("-07"))
        if labelled and every_year and (int(month[:4]) - first_year) % years_per_label:
            labelled = False
        if labelled and index and index * slot < 30 and not month.endswith("-01"):
            labelled = False
        if labelled:
            label = month[:4] if every_year or month.endswith("-01") else month
            parts.append(f'<line x1="{x:.2f}" x2="{x:.2f}" y1="{base}" y2="{base + 4}" stroke="#999"/>')
            parts.append(f'<text x="{x + 2:.2f}" y="{base + 16}" fill="#555">{label}</text>')
    parts.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{base}" y2="{base}" stroke="#999"/>')
    parts.append("</svg>")
    return "".join(parts)
