"""The curve drawn in a terminal with plotext: the command line's and the map's text curve,
and the app's plot (any plotext-like object: the ``plotext`` module, or a textual-plotext
widget's ``plt``). Markers and colours tell the voices apart with colour and without it."""

from __future__ import annotations

from typing import Any

from ...base.plain import one_line
from ..curve import CurveData, Series, StageSpan

# Colours and markers told apart with colour and without it (NO_COLOR, 16 colours).
COLORS = ("green", "cyan", "yellow", "blue", "white", "magenta")
MARKERS = ("●", "◆", "▲", "■", "★", "◉")
PAIN_MARKER = "✖"
# Whose voice a line is keeps one marker and colour everywhere (summary, analysis, legend):
# customers ● (what they expected before an interaction ▲), staff ◆.
VOICE_SLOT = {"customer": 0, "internal": 1, "expected": 2}


def slot(series: Series, n: int) -> int:
    """The marker and colour slot of the *n*-th series: by whose voice it is, where known."""
    return VOICE_SLOT.get(series.group, n)


def marker(series: Series, n: int) -> str:
    return MARKERS[slot(series, n) % len(MARKERS)]


def color_of(series: Series, n: int) -> str:
    return COLORS[slot(series, n) % len(COLORS)]


def plot_room(data: CurveData, width: int) -> int:
    """Columns per touchpoint on the x axis. The y axis is labelled with the scale's words
    (``+2 Very positive``) unless that would leave too little room to number every point;
    it is then labelled with numbers alone."""
    total = max(1, len(data.axis))
    with_words = (width - 18) // total
    if with_words >= len(str(total)) + 1:
        return with_words
    return (width - 6) // total


def stage_labels(data: CurveData, width: int) -> list[tuple[StageSpan, str]]:
    """Each stage's heading over its span: its title, shortened to fit, or its number when
    even a short title would not fit (the number is then explained by :func:`axis_key`)."""
    room = max(1, plot_room(data, width))
    out = []
    for n, span in enumerate(data.stages, 1):
        span_room = (span.last - span.first + 1) * room - 1
        if span_room >= min(len(span.title), 7):
            out.append((span, one_line(span.title, span_room)))
        else:
            out.append((span, str(n)))
    return out


def draw(
    plt: Any, data: CurveData, *, color: bool = True, width: int = 80, legend: bool = True
) -> None:
    """Draw *data* on a plotext-like object: neutral line, stage boundaries, pains marked.

    Positive ratings sit above the x-axis, neutral on it, negative below; the y-axis is
    labelled with the scale's words. The rated points are drawn large (green above the
    axis, orange below, red ``✖`` for pains, so they stand out without colour too) and the
    line between them thin, so it is never taken for data. Several series get a legend
    unless *legend* is False (the caller lists them beside the plot); a mean series gets its
    min–max band as dotted lines. Touchpoints are numbered on the axis (their names are
    listed beside it: see :func:`axis_key`); stage titles head their spans, shortened to
    their number if need be.
    """
    # No theme is set here: themes live in plotext's shared state, and the TUI's widget sets its
    # own on every render. Without colour, callers strip colour from the output instead.
    plt.clear_figure()
    total = max(1, len(data.axis))
    several = len(data.series) > 1
    legend = legend and several
    # With a legend (top left), stage titles go under the curve instead of over it.
    title_y = data.y_min - 0.8 if legend else data.y_max + 0.4
    plt.xlim(0.5, total + 0.5)
    plt.ylim(data.y_min - (1.1 if legend else 0.5), data.y_max + (1.0 if legend else 0.6))
    ys = list(range(data.y_min, data.y_max + 1))
    room = plot_room(data, width)
    words = (width - 18) // total >= len(str(total)) + 1  # the scale's words fit by the y axis
    plt.yticks(
        ys,
        [
            (f"{y:+d} {data.y_labels.get(y, '')}" if words else f"{y:+d}")
            .replace("+0", "0")
            .strip()
            for y in ys
        ],
    )
    plt.hline(0, "gray" if color else None)
    for span in data.stages[1:]:
        plt.vline(span.first - 0.5, "blue" if color else None)
    step = _x_ticks(plt, data, room)
    _headings(plt, data, width, title_y, color)
    for n, series in enumerate(data.series):
        _draw_series(plt, series, n, several=several, legend=legend, color=color)
        if step > 1 and not several:
            # Every point keeps its number, written beside it where the axis had no room.
            for x, value in enumerate(series.values, 1):
                if value is not None and (x - 1) % step:
                    plt.text(str(x), x=x, y=value + 0.35, alignment="center")


def _x_ticks(plt: Any, data: CurveData, room: int) -> int:
    """Number the axis; returns the step between numbered points (1: every point).

    Numbers, not names: the names are listed beside the plot (the TUI's side pane, the text
    format's key). plotext moves a long tick label to where it finds room, and where it
    finds room depended on the order it drew them in, so names came out in different places
    from one run to the next. Numbers are thinned by us so that none overlap: plotext would
    otherwise drop some itself."""
    if not data.axis:
        plt.xticks([], [])
        return 1
    total = len(data.axis)
    step = max(1, -(-(len(str(total)) + 1) // max(room, 1)))
    ticks = data.axis[::step]
    plt.xticks([p.x for p in ticks], [str(p.x) for p in ticks])
    return step


def _headings(plt: Any, data: CurveData, width: int, title_y: float, color: bool) -> None:
    """Stage titles over their spans, and the stages not lived (they have no span: named,
    not left out silently)."""
    for span, label in stage_labels(data, width):
        plt.text(
            label,
            x=(span.first + span.last) / 2,
            y=title_y,
            alignment="center",
            color="blue" if color else None,
            background="default" if color else None,
        )
    if data.not_lived:
        plt.text(
            one_line(f"∅ {', '.join(data.not_lived)}", max(10, width - 20)),
            x=0.6,
            y=data.y_min - 0.4,
            alignment="left",
            color="gray" if color else None,
        )


def _draw_series(
    plt: Any, series: Series, n: int, *, several: bool, legend: bool, color: bool
) -> None:
    """One series: its band (means), the thin line between its points, the points large
    (by series colour when there are several, else by sign), pains as red ✖."""
    line_color = color_of(series, n) if color else None
    point = marker(series, n)
    xs = [i + 1 for i, v in enumerate(series.values) if v is not None]
    vs = [v for v in series.values if v is not None]
    if not xs:
        return
    if series.is_mean and any(lo != hi for lo, hi in zip(series.low, series.high, strict=True)):
        for band in (series.low, series.high):
            plt.plot(xs, [band[x - 1] for x in xs], marker="·", color=line_color)
    line = "·" if series.dashed else "braille"
    plt.plot(xs, vs, marker=line, color=line_color, label=series.name if legend else None)
    value = dict(zip(xs, vs, strict=True))
    groups: list[tuple[list[int], str, str | None]]
    plain = [x for x in xs if not series.pains[x - 1]]
    if several:
        groups = [(plain, point, line_color)]
    else:
        groups = [
            ([x for x in plain if _sign(value[x]) == sign], point, point_color if color else None)
            for sign, point_color in ((1, "green"), (0, None), (-1, "orange"))
        ]
    groups.append(([x for x in xs if series.pains[x - 1]], PAIN_MARKER, "red" if color else None))
    for chosen, mark, mark_color in groups:
        if chosen:
            plt.scatter(chosen, [value[x] for x in chosen], marker=mark, color=mark_color)


def _sign(value: float | None) -> int:
    if value is None or abs(value) < 0.05:
        return 0
    return 1 if value > 0 else -1


def render_text(data: CurveData, width: int = 80, height: int = 20, *, color: bool = False) -> str:
    """The curve as text, for the command line (no escape codes unless *color*)."""
    import plotext

    draw(plotext, data, color=color, width=width)
    plotext.plotsize(width, height)
    out = str(plotext.build())
    if not color:
        out = plotext.uncolorize(out)
    plotext.clear_figure()
    if data.axis and (
        plot_room(data, width) < 8 or any(label.isdigit() for _, label in stage_labels(data, width))
    ):
        out = out.rstrip("\n") + "\n" + axis_key(data, width)
    return out


def axis_key(data: CurveData, width: int) -> str:
    """Touchpoint names by their number on the axis, in columns (when the axis shows numbers),
    and the stages shown by their number on the plot."""
    entries = [f"{p.x:>2} {one_line(p.label, 30)}" for p in data.axis]
    stages = [
        f"{label}: {span.title}"
        for span, label in stage_labels(data, width)
        if label.isdigit() and label != span.title
    ]
    column = max(len(e) for e in entries) + 2
    per_line = max(1, width // column)
    lines = [
        "".join(e.ljust(column) for e in entries[i : i + per_line]).rstrip()
        for i in range(0, len(entries), per_line)
    ]
    if stages:
        lines.append(" · ".join(stages))
    return "\n".join(lines) + "\n"
