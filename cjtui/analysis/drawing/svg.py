"""The emotion curve as SVG, for the HTML report, the HTML map and the map's SVG.

Nothing written on the plot can overlap or run out of it: touchpoints are numbered on the
x-axis (the numbers are listed with the full names in a legend beside the plot), a stage
title that does not fit its span is shortened (the full title shows on hover and in the
legend), and every text is escaped. Positive is above the neutral line, negative below;
pains are marked with a cross as well as in red.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any, NotRequired, TypedDict

from ...base.i18n import decimal
from ...base.plain import clean_text, one_line


class Point(TypedDict):
    """A point of the curve's x-axis: a touchpoint (or the start) in its stage."""

    x: int
    key: str
    name: str
    stage: str


class Line(TypedDict):
    """One line of the curve: its values along the axis (None: not rated there), and
    its band, pains and people where it has them."""

    name: str
    group: str
    values: list[float | None]
    low: NotRequired[list[float | None]]
    high: NotRequired[list[float | None]]
    pains: NotRequired[list[bool]]
    counts: NotRequired[list[int]]


class Span(TypedDict):
    """A stage as the curve shows it."""

    id: str
    title: str


class ScaleSpec(TypedDict):
    min: int
    max: int
    labels: dict[str, str]


CHAR_PX = 6.6  # the width of a character at the plot's 11px font, generously
COLORS = ("#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f")


def _two_lines(text: str, chars: int) -> list[str]:
    """*text* in at most two lines of *chars*, broken between words; only what does not fit
    even then is shortened."""
    if len(text) <= chars:
        return [text]
    words, first = text.split(), ""
    while words and len(f"{first} {words[0]}".strip()) <= chars:
        first = f"{first} {words.pop(0)}".strip()
    if not first:  # one long word
        return [one_line(text, chars)]
    return [first, one_line(" ".join(words), chars)] if words else [first]


def curve_svg(
    axis: Sequence[Point],
    series: Sequence[Line],
    stages: Sequence[Span],
    scale: ScaleSpec,
    *,
    title: str,
    dashed: frozenset[str] = frozenset(),
    width: int = 960,
    height: int = 320,
    columns: float | None = None,
    lang: str = "en",
) -> str:
    """One SVG: y labels, neutral line, stage spans and titles, one line (and min–max band)
    per series, numbered x-axis points, its figures written as *lang* does. *series*: name,
    values, low, high, pains, group (a group in *dashed* is drawn dashed: staff's belief
    behind customers).

    *columns* lays the plot out as the map's grid: the y labels take that share of the
    width on the left, and each stage an equal share of the rest, its points spread
    evenly in it, so that the curve sits under the map's stage columns at any size (the
    stage titles are the grid's, not drawn)."""
    esc = html.escape
    lo, hi = int(scale["min"]), int(scale["max"])
    labels = {int(k): clean_text(v) for k, v in scale["labels"].items()}
    label_chars = max((len(f"{v:+d} {text}") for v, text in labels.items()), default=4)
    if columns is not None:
        left = width * columns
        fit = max(2, int((left - 14) / CHAR_PX))
    else:
        fit = min(label_chars, int((190 - 14) / CHAR_PX))
        left = 14 + math.ceil(fit * CHAR_PX)
    right, top, bottom = (0 if columns is not None else 16), 34, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(1, len(axis))
    places = _places(axis, stages, left, plot_w, columns is not None)

    def x(i: float) -> float:
        if places and float(i).is_integer() and int(i) in places:
            return places[int(i)]
        return left + (i - 0.5) / n * plot_w

    def y(v: float) -> float:
        return top + (hi + 0.5 - v) / (hi - lo + 1) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{esc(title)}" '
        'class="curve" font-family="system-ui, sans-serif" font-size="11">'
    ]
    for v in range(lo, hi + 1):
        text = f"{v:+d} {labels[v]}" if v in labels else f"{v:+d}"
        text = one_line(text.replace("+0 ", "0 ").replace("+0", "0"), fit)
        out.append(
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#555">'
            f"{esc(text)}</text>"
        )
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="{"#888" if v == 0 else "#eee"}" stroke-width="{1.5 if v == 0 else 1}"/>'
        )
    spans = _spans(axis, stages, left, plot_w, columns is not None, x)
    for stage, (x0, x1) in spans:
        out.append(
            f'<line x1="{x0:.1f}" x2="{x0:.1f}" y1="{top - 4}" y2="{top + plot_h}" '
            'stroke="#6b7bd6" stroke-dasharray="4 3"/>'
        )
        if columns is not None:
            continue  # the map's grid heads the columns
        full = clean_text(stage["title"])
        chars = max(1, int((x1 - x0 - 6) / (CHAR_PX * 1.1)))
        # A title longer than its span goes over two lines rather than being cut.
        rows = _two_lines(full, chars)
        tspans = "".join(
            f'<tspan x="{(x0 + x1) / 2:.1f}" dy="{0 if n == 0 else 12}">{esc(row)}</tspan>'
            for n, row in enumerate(rows)
        )
        out.append(
            f'<text x="{(x0 + x1) / 2:.1f}" y="{top - 12 - 12 * (len(rows) - 1)}" '
            f'text-anchor="middle" fill="#3b4bb6" font-weight="600" class="stagelab">'
            f"<title>{esc(full)}</title>{tspans}</text>"
        )
    for k, line in enumerate(series):
        out += _series(k, line, axis, x, y, dashed, lang)
    # Every point numbered where the numbers fit; on a crowded axis every k-th, so that
    # none overlaps another (each still has its name in the legend).
    room = plot_w / n
    step = max(1, math.ceil((len(str(n)) * CHAR_PX + 6) / room)) if room > 0 else 1
    for p in axis:
        if (p["x"] - 1) % step:
            continue
        out.append(
            f'<text x="{x(p["x"]):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'fill="#555" class="xlab"><title>{esc(clean_text(p["name"]))}</title>'
            f"{p['x']}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _series(
    k: int,
    s: Line,
    axis: Sequence[Point],
    x: Any,
    y: Any,
    dashed: frozenset[str],
    lang: str,
) -> list[str]:
    """One series: its min–max band, its line (dashed for a group in *dashed*), its points
    (a pain as a red cross: told apart without colour too)."""
    esc = html.escape
    parts: list[str] = []
    color = COLORS[k % len(COLORS)]
    dash = ' stroke-dasharray="6 4"' if s.get("group") in dashed else ""
    rated = [(i + 1, v) for i, v in enumerate(s["values"]) if v is not None]
    lows, highs = s.get("low") or [], s.get("high") or []
    band = [
        (i, highs[i - 1], lows[i - 1])
        for i, _ in rated
        if i - 1 < len(highs) and highs[i - 1] is not None and lows[i - 1] is not None
    ]
    if len(band) > 1:
        poly = [f"{x(i):.1f},{y(h):.1f}" for i, h, _ in band]
        poly += [f"{x(i):.1f},{y(lo_):.1f}" for i, _, lo_ in reversed(band)]
        parts.append(f'<polygon points="{" ".join(poly)}" fill="{color}" fill-opacity=".10"/>')
    # The line joins neighbouring points only: it never passes over a touchpoint the
    # series has no rating for (someone else's), as if it had one there.
    runs: list[list[tuple[int, float]]] = []
    for i, v in rated:
        if runs and runs[-1][-1][0] == i - 1:
            runs[-1].append((i, v))
        else:
            runs.append([(i, v)])
    for run in runs:
        if len(run) < 2:
            continue
        line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="2"{dash}/>'
        )
    pains = s.get("pains") or []
    for i, v in rated:
        name = clean_text(axis[i - 1]["name"]) if i - 1 < len(axis) else str(i)
        counts = s.get("counts") or []
        line_name = clean_text(s["name"]).rsplit(" (n=", 1)[0]
        people = f", n={counts[i - 1]}" if i - 1 < len(counts) else ""
        tip = f"{i}. {name}: {decimal(v, lang, signed=True)} ({line_name}{people})"
        if i - 1 < len(pains) and pains[i - 1]:
            parts.append(
                f'<text x="{x(i):.1f}" y="{y(v) + 5:.1f}" text-anchor="middle" fill="#b00020" '
                f'font-size="15" font-weight="700" class="pain"><title>{esc(tip)}</title>'
                "✖</text>"
            )
        else:
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{color}">'
                f"<title>{esc(tip)}</title></circle>"
            )
    return parts


def _places(
    axis: Sequence[Point], stages: Sequence[Span], left: float, plot_w: float, grid: bool
) -> dict[int, float]:
    """In the grid layout, each point's x: its stage's column, the stage's points spread
    evenly in it. Empty otherwise (points evenly along the whole axis)."""
    if not grid or not stages:
        return {}
    column = plot_w / len(stages)
    places = {}
    known = {stage["id"] for stage in stages}
    for p in axis:  # before the first stage (how they felt at the start): at its left edge
        if p["stage"] not in known:
            places[p["x"]] = left + min(10.0, column / 4)
    for k, stage in enumerate(stages):
        points = [p for p in axis if p["stage"] == stage["id"]]
        for j, p in enumerate(points):
            places[p["x"]] = left + column * (k + (j + 0.5) / len(points))
    return places


def _spans(
    axis: Sequence[Point],
    stages: Sequence[Span],
    left: float,
    plot_w: float,
    grid: bool,
    x: Any,
) -> list[tuple[Span, tuple[float, float]]]:
    """Each stage with the x-range it takes: its column in the grid layout (every stage,
    lived or not), else the span of its points."""
    out = []
    for k, stage in enumerate(stages):
        if grid:
            column = plot_w / len(stages)
            out.append((stage, (left + column * k, left + column * (k + 1))))
            continue
        xs = [p["x"] for p in axis if p["stage"] == stage["id"]]
        if xs:
            out.append((stage, (x(min(xs) - 0.5), x(max(xs) + 0.5))))
    return out


def legend_html(axis: Sequence[Point], series: Sequence[Line], stages: Sequence[Span]) -> str:
    """The curve's legend: each line's colour and name, then each numbered point's full
    name, by stage."""
    esc = html.escape
    lines = ['<div class="legend">']
    if len(series) > 1:
        lines.append('<ul class="lines">')
        for k, s in enumerate(series):
            color = COLORS[k % len(COLORS)]
            lines.append(
                f'<li><span class="swatch" style="background:{color}"></span>'
                f"{esc(clean_text(s['name']))}</li>"
            )
        lines.append("</ul>")
    # The point before the first stage (how they felt at the start), on its own.
    known = {stage["id"] for stage in stages}
    before = [p for p in axis if p["stage"] not in known]
    if before:
        lines.append('<div class="stagepoints"><ol class="points">')
        for p in before:
            lines.append(f'<li value="{p["x"]}">{esc(clean_text(p["name"]))}</li>')
        lines.append("</ol></div>")
    # Each stage's points in a block of their own: a column break never parts a point
    # from its stage's title.
    for stage in stages:
        points = [p for p in axis if p["stage"] == stage["id"]]
        if not points:
            continue
        lines.append('<div class="stagepoints">')
        lines.append(f'<div class="stage">{esc(clean_text(stage["title"]))}</div>')
        lines.append('<ol class="points">')
        for p in points:
            lines.append(f'<li value="{p["x"]}">{esc(clean_text(p["name"]))}</li>')
        lines.append("</ol></div>")
    lines.append("</div>")
    return "".join(lines)
