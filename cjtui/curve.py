"""The emotion curve: sessions turned into curve data (pure), and that data drawn with plotext.

:func:`curve_data` knows nothing of plotting; :func:`draw` takes any plotext-like object (the
``plotext`` module itself, or a textual-plotext widget's ``plt``) so the TUI and the CLI draw
the same curve from the same data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .guide import Guide
from .model import Session, clean_text


@dataclass(frozen=True)
class CurvePoint:
    x: int  # 1-based place in the journey
    stage: str
    touchpoint_id: str
    label: str
    emotion: int | None
    pain: bool
    opportunity: str
    owner: str


@dataclass(frozen=True)
class StageSpan:
    stage: str
    title: str
    first: int  # x of the stage's first touchpoint (or where it would be)
    last: int


@dataclass
class CurveData:
    points: list[CurvePoint] = field(default_factory=list)
    stages: list[StageSpan] = field(default_factory=list)
    y_min: int = -2
    y_max: int = 2
    y_labels: dict[int, str] = field(default_factory=dict)

    @property
    def rated(self) -> list[CurvePoint]:
        return [p for p in self.points if p.emotion is not None]

    @property
    def pains(self) -> list[CurvePoint]:
        return [p for p in self.points if p.pain]


def _one_line(text: str, width: int) -> str:
    text = " ".join(clean_text(text).split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def curve_data(session: Session, guide: Guide | None, lang: str | None = None) -> CurveData:
    """Points in journey order (stage by stage), stage spans and the scale's labels."""
    lang = lang or session.language
    data = CurveData()
    if guide is not None:
        data.y_min, data.y_max = guide.scale.min, guide.scale.max
        data.y_labels = {p.value: p.text(lang) for p in guide.scale.points}
    x = 0
    for record in session.stages:
        stage = guide.stage(record.id) if guide else None
        title = stage.title_text(lang) if stage else record.id
        first = x + 1
        for tp in record.touchpoints:
            x += 1
            data.points.append(
                CurvePoint(
                    x=x,
                    stage=record.id,
                    touchpoint_id=tp.id,
                    label=_one_line(tp.name, 40) or "?",
                    emotion=tp.emotion,
                    pain=tp.pain,
                    opportunity=_one_line(tp.opportunity, 200),
                    owner=_one_line(tp.owner, 60),
                )
            )
        data.stages.append(StageSpan(record.id, _one_line(title, 30), first, max(first, x)))
    return data


def draw(plt: Any, data: CurveData, *, color: bool = True, width: int = 80) -> None:
    """Draw *data* on a plotext-like object: neutral line, stage boundaries, pains in red.

    Positive ratings sit above the x-axis, neutral on it, negative below; the y-axis is
    labelled with the scale's words. Pains get a distinct marker (``✖``) as well as red, so
    they stand out without colour too. Touchpoints are labelled by name when *width* leaves
    room, else by their number in the journey; stage titles head their spans.
    """
    plt.clear_figure()
    if not color:
        plt.theme("clear")
    points = data.rated
    total = max(1, len(data.points))
    plt.xlim(0.5, total + 0.5)
    plt.ylim(data.y_min - 0.5, data.y_max + 0.5)
    ys = list(range(data.y_min, data.y_max + 1))
    plt.yticks(ys, [f"{y:+d} {data.y_labels.get(y, '')}".replace("+0", "0").strip() for y in ys])
    plt.hline(0, "gray" if color else None)
    # Stages with touchpoints get a boundary and a title; an empty stage has no span to draw.
    with_points = {p.stage for p in data.points}
    filled = [span for span in data.stages if span.stage in with_points]
    for span in filled[1:]:
        plt.vline(span.first - 0.5, "blue" if color else None)
    room = (width - 18) // total
    if data.points:
        if room >= 6:
            labels = [_one_line(p.label, room - 1) for p in data.points]
        else:
            labels = [str(p.x) for p in data.points]
        plt.xticks([p.x for p in data.points], labels)
    else:
        plt.xticks([], [])
    for span in filled:
        span_room = (span.last - span.first + 1) * max(room, 1) - 1
        if span_room >= 3:
            plt.text(
                _one_line(span.title, span_room),
                x=(span.first + span.last) / 2,
                y=data.y_max + 0.4,
                alignment="center",
                color="blue" if color else None,
                background="default" if color else None,
            )
    if points:
        plt.plot(
            [p.x for p in points],
            [p.emotion for p in points],
            marker="●",
            color="green" if color else None,
        )
        pains = [p for p in points if p.pain]
        if pains:
            plt.scatter(
                [p.x for p in pains],
                [p.emotion for p in pains],
                marker="✖",
                color="red" if color else None,
            )


def render_text(data: CurveData, width: int = 80, height: int = 20, *, color: bool = False) -> str:
    """The curve as text, for the command line (no escape codes unless *color*)."""
    import plotext

    draw(plotext, data, color=color, width=width)
    plotext.plotsize(width, height)
    out = plotext.build()
    if not color:
        out = plotext.uncolorize(out)
    plotext.clear_figure()
    return out
