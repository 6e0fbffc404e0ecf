"""Many interviews into one map: figures per stage and touchpoint, moments of truth, the
perception gap, before/after change, owners and processes behind the pains, opportunities.

:func:`build_report` turns sessions of one guide into plain data (the JSON report, whose
shape is documented in the README); the ``render_*`` functions write it as text, Markdown,
JSON or one self-contained HTML file. Nothing here does I/O.
"""

from __future__ import annotations

import html
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from . import jsonio
from .curve import curve_data, normalize_name, one_line
from .curve import render_text as curve_text
from .errors import CjtuiError
from .guide import Guide
from .i18n import t
from .model import Session, clean_text, now_iso

REPORT_VERSION = 1


class ReportError(CjtuiError):
    """Nothing to report on (no sessions of that guide, say); the message says why."""


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _figures(ratings: list[int]) -> dict[str, Any]:
    """Number of ratings, mean, median and share of negative ratings."""
    if not ratings:
        return {"ratings": 0, "mean": None, "median": None, "negative_share": None}
    return {
        "ratings": len(ratings),
        "mean": _r(statistics.fmean(ratings)),
        "median": _r(float(statistics.median(ratings))),
        "negative_share": _r(sum(1 for r in ratings if r < 0) / len(ratings)),
    }


def _mean(values: list[int]) -> float | None:
    return statistics.fmean(values) if values else None


@dataclass
class _Touch:
    """Everything said about one touchpoint (matched by normalised name) across sessions."""

    key: str
    name: str
    stages: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    channels: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    ratings: list[int] = field(default_factory=list)
    by_perspective: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_moment: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    pains: int = 0
    mentions: int = 0
    owners: dict[str, str] = field(default_factory=dict)
    processes: dict[str, str] = field(default_factory=dict)
    opportunities: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def covered_statuses(include_in_progress: bool = False) -> set[str]:
    """The statuses a report covers: completed (and in progress when asked); abandoned
    sessions never count."""
    return {"completed", "in_progress"} if include_in_progress else {"completed"}


def select_sessions(
    sessions: list[Session], guide_id: str, *, include_in_progress: bool = False
) -> list[Session]:
    """The sessions of one guide that a report covers."""
    statuses = covered_statuses(include_in_progress)
    return [s for s in sessions if s.guide.id == guide_id and s.status in statuses]


def build_report(
    sessions: list[Session],
    guide: Guide,
    lang: str = "en",
    *,
    include_in_progress: bool = False,
    generated_at: str | None = None,
) -> dict[str, Any]:
    """The analysis of *sessions* (already chosen with :func:`select_sessions`) as plain data."""
    if not sessions:
        raise ReportError(
            f"no {'completed or in-progress' if include_in_progress else 'completed'} sessions "
            f"of guide {guide.id!r}"
            + ("" if include_in_progress else " (add --include-in-progress to count the others)")
        )
    stage_ratings: dict[str, list[int]] = defaultdict(list)
    stage_skipped: dict[str, int] = defaultdict(int)
    touches: dict[str, _Touch] = {}
    owners: dict[str, dict[str, Any]] = {}
    processes: dict[str, dict[str, Any]] = {}
    counts = {
        "total": len(sessions),
        "customer": 0,
        "internal": 0,
        "before": 0,
        "after": 0,
        "no_moment": 0,
    }
    for s in sessions:
        counts[s.perspective] += 1
        counts[s.moment or "no_moment"] += 1
        for record in s.stages:
            if record.skipped:
                stage_skipped[record.id] += 1
            for tp in record.touchpoints:
                key = normalize_name(tp.name) or tp.id
                touch = touches.setdefault(key, _Touch(key=key, name=clean_text(tp.name)))
                touch.mentions += 1
                touch.stages[record.id] += 1
                touch.channels[tp.channel] += 1
                if tp.emotion is not None:
                    touch.ratings.append(tp.emotion)
                    touch.by_perspective[s.perspective].append(tp.emotion)
                    if s.moment:
                        touch.by_moment[s.moment].append(tp.emotion)
                    stage_ratings[record.id].append(tp.emotion)
                for attr, registry, value in (
                    ("owners", owners, tp.owner),
                    ("processes", processes, tp.process),
                ):
                    text = " ".join(clean_text(value).split())
                    if not text:
                        continue
                    getattr(touch, attr).setdefault(text.casefold(), text)
                    entry = registry.setdefault(
                        text.casefold(), {"name": text, "pains": 0, "touchpoints": {}}
                    )
                    entry["touchpoints"].setdefault(key, touch.name)
                    if tp.pain:
                        entry["pains"] += 1
                if tp.pain:
                    touch.pains += 1
                opportunity = " ".join(clean_text(tp.opportunity).split())
                if opportunity:
                    touch.opportunities.setdefault(opportunity, []).append(
                        {"session": s.id, "alias": clean_text(s.participant.alias)}
                    )

    order = {sid: n for n, sid in enumerate(guide.stage_ids)}

    def home_stage(touch: _Touch) -> str:
        best = max(touch.stages.values())
        return min(
            (sid for sid, c in touch.stages.items() if c == best), key=lambda x: order.get(x, 99)
        )

    stages = []
    for stage in guide.stages:
        ratings = stage_ratings.get(stage.id, [])
        stages.append(
            {
                "id": stage.id,
                "title": stage.title_text(lang),
                **_figures(ratings),
                "skipped": stage_skipped.get(stage.id, 0),
            }
        )
    rated_stages = [s for s in stages if s["ratings"]]
    weakest = min(rated_stages, key=lambda s: s["mean"])["id"] if rated_stages else None
    strongest = max(rated_stages, key=lambda s: s["mean"])["id"] if rated_stages else None

    touchpoints = []
    for touch in touches.values():
        customer = _mean(touch.by_perspective.get("customer", []))
        internal = _mean(touch.by_perspective.get("internal", []))
        before = _mean(touch.by_moment.get("before", []))
        after = _mean(touch.by_moment.get("after", []))
        negatives = [-r for r in touch.ratings if r < 0]
        touchpoints.append(
            {
                "key": touch.key,
                "name": touch.name,
                "stage": home_stage(touch),
                "channels": sorted(touch.channels, key=lambda c: -touch.channels[c]),
                "mentions": touch.mentions,
                **_figures(touch.ratings),
                "pains": touch.pains,
                "pain_share": _r(touch.pains / touch.mentions),
                "severity": _r(statistics.fmean(negatives)) if negatives else 0.0,
                "customer_mean": _r(customer),
                "internal_mean": _r(internal),
                "gap": _r(internal - customer)
                if internal is not None and customer is not None
                else None,
                "before_mean": _r(before),
                "after_mean": _r(after),
                "change": _r(after - before) if after is not None and before is not None else None,
                "owners": sorted(touch.owners.values()),
                "processes": sorted(touch.processes.values()),
            }
        )
    touchpoints.sort(key=lambda tp: (order.get(tp["stage"], 99), tp["name"].casefold()))

    moments = sorted(
        (tp for tp in touchpoints if tp["pains"]),
        key=lambda tp: (-tp["pains"], -(tp["severity"] or 0), tp["mean"] or 0, tp["name"]),
    )
    gap = sorted(
        (tp for tp in touchpoints if tp["gap"] is not None),
        key=lambda tp: (-abs(tp["gap"]), tp["name"]),
    )
    before_after = sorted(
        (tp for tp in touchpoints if tp["change"] is not None),
        key=lambda tp: (tp["change"], tp["name"]),
    )

    def ranked(registry: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        rows = [
            {
                "name": e["name"],
                "pains": e["pains"],
                "touchpoints": sorted(e["touchpoints"].values()),
            }
            for e in registry.values()
        ]
        return sorted(rows, key=lambda r: (-r["pains"], r["name"].casefold()))

    opportunities = [
        {
            "touchpoint": touch.key,
            "name": touch.name,
            "items": [
                {"text": text, "sessions": [w["session"] for w in who]}
                for text, who in touch.opportunities.items()
            ],
        }
        for touch in touches.values()
        if touch.opportunities
    ]
    opportunities.sort(key=lambda o: (-len(o["items"]), o["name"].casefold()))

    mean = curve_data(sessions, guide, lang, by="all")
    series = mean.series[0]
    return {
        "report": REPORT_VERSION,
        "generated_at": generated_at or now_iso(),
        "language": lang,
        "guide": {"id": guide.id, "version": guide.version, "title": guide.title_text(lang)},
        "include_in_progress": include_in_progress,
        "sessions": counts,
        "scale": {
            "min": guide.scale.min,
            "max": guide.scale.max,
            "labels": {str(p.value): p.text(lang) for p in guide.scale.points},
        },
        "stages": stages,
        "weakest_stage": weakest,
        "strongest_stage": strongest,
        "touchpoints": touchpoints,
        "moments_of_truth": [
            {k: tp[k] for k in ("key", "name", "stage", "pains", "mentions", "severity", "mean")}
            for tp in moments
        ],
        "perception_gap": [
            {k: tp[k] for k in ("key", "name", "stage", "internal_mean", "customer_mean", "gap")}
            for tp in gap
        ],
        "before_after": [
            {k: tp[k] for k in ("key", "name", "stage", "before_mean", "after_mean", "change")}
            for tp in before_after
        ],
        "owners": ranked(owners),
        "processes": ranked(processes),
        "opportunities": opportunities,
        "mean_curve": {
            "points": [
                {
                    "x": p.x,
                    "key": p.key,
                    "name": p.label,
                    "stage": p.stage,
                    "mean": _r(v),
                    "min": lo,
                    "max": hi,
                    "count": c,
                }
                for p, v, lo, hi, c in zip(
                    mean.axis, series.values, series.low, series.high, series.counts, strict=True
                )
            ]
        },
    }


# ---- renderers -------------------------------------------------------------------------------


def _num(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.2f}" if signed else f"{value:.2f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _stage_titles(report: dict[str, Any]) -> dict[str, str]:
    return {s["id"]: s["title"] for s in report["stages"]}


def _tables(report: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report's sections as (title, header, rows) of plain strings, for text and Markdown."""
    lang = report["language"]
    titles = _stage_titles(report)
    sections: list[tuple[str, list[str], list[list[str]]]] = []
    sections.append(
        (
            t("report.stages", lang),
            [
                t("report.col.stage", lang),
                t("report.col.ratings", lang),
                t("report.col.mean", lang),
                t("report.col.median", lang),
                t("report.col.negative", lang),
                t("report.col.skipped", lang),
            ],
            [
                [
                    s["title"],
                    str(s["ratings"]),
                    _num(s["mean"], True),
                    _num(s["median"], True),
                    _pct(s["negative_share"]),
                    str(s["skipped"]),
                ]
                for s in report["stages"]
            ],
        )
    )
    sections.append(
        (
            t("report.touchpoints", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.stage", lang),
                t("report.col.ratings", lang),
                t("report.col.mean", lang),
                t("report.col.median", lang),
                t("report.col.negative", lang),
                t("report.col.pains", lang),
            ],
            [
                [
                    tp["name"],
                    titles.get(tp["stage"], tp["stage"]),
                    str(tp["ratings"]),
                    _num(tp["mean"], True),
                    _num(tp["median"], True),
                    _pct(tp["negative_share"]),
                    str(tp["pains"]),
                ]
                for tp in report["touchpoints"]
            ],
        )
    )
    sections.append(
        (
            t("report.moments", lang),
            [
                "#",
                t("report.col.touchpoint", lang),
                t("report.col.pains", lang),
                t("report.col.severity", lang),
                t("report.col.mean", lang),
            ],
            [
                [
                    str(n),
                    m["name"],
                    f"{m['pains']}/{m['mentions']}",
                    _num(m["severity"]),
                    _num(m["mean"], True),
                ]
                for n, m in enumerate(report["moments_of_truth"], 1)
            ],
        )
    )
    sections.append(
        (
            t("report.gap", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.internal", lang),
                t("report.col.customer", lang),
                t("report.col.gap", lang),
            ],
            [
                [
                    g["name"],
                    _num(g["internal_mean"], True),
                    _num(g["customer_mean"], True),
                    _num(g["gap"], True),
                ]
                for g in report["perception_gap"]
            ],
        )
    )
    sections.append(
        (
            t("report.before_after", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.before", lang),
                t("report.col.after", lang),
                t("report.col.change", lang),
            ],
            [
                [
                    c["name"],
                    _num(c["before_mean"], True),
                    _num(c["after_mean"], True),
                    _num(c["change"], True),
                ]
                for c in report["before_after"]
            ],
        )
    )
    for key, title in (("owners", "report.owners"), ("processes", "report.processes")):
        sections.append(
            (
                t(title, lang),
                [
                    t("report.col.name", lang),
                    t("report.col.pains", lang),
                    t("report.col.touchpoints", lang),
                ],
                [[o["name"], str(o["pains"]), ", ".join(o["touchpoints"])] for o in report[key]],
            )
        )
    rows = []
    for group in report["opportunities"]:
        for item in group["items"]:
            rows.append([group["name"], item["text"], str(len(item["sessions"]))])
    sections.append(
        (
            t("report.opportunities", lang),
            [
                t("report.col.touchpoint", lang),
                t("report.col.opportunity", lang),
                t("report.col.sessions", lang),
            ],
            rows,
        )
    )
    return sections


def _heading(report: dict[str, Any]) -> list[str]:
    lang = report["language"]
    n = report["sessions"]
    titles = _stage_titles(report)
    lines = [
        t("report.title", lang, guide=report["guide"]["title"], id=report["guide"]["id"]),
        t(
            "report.counts",
            lang,
            total=n["total"],
            customer=n["customer"],
            internal=n["internal"],
            before=n["before"],
            after=n["after"],
        ),
    ]
    if report["weakest_stage"]:
        lines.append(
            t(
                "report.extremes",
                lang,
                weakest=titles[report["weakest_stage"]],
                strongest=titles[report["strongest_stage"]],
            )
        )
    return lines


def _curve_text(report: dict[str, Any], width: int) -> str:
    from .curve import AxisPoint, CurveData, Series, StageSpan

    points = report["mean_curve"]["points"]
    data = CurveData(
        axis=[AxisPoint(p["x"], p["stage"], p["key"], p["name"]) for p in points],
        series=[
            Series(
                name="mean",
                values=[p["mean"] for p in points],
                pains=[False] * len(points),
                counts=[p["count"] for p in points],
                low=[p["min"] for p in points],
                high=[p["max"] for p in points],
            )
        ],
        y_min=report["scale"]["min"],
        y_max=report["scale"]["max"],
        y_labels={int(k): v for k, v in report["scale"]["labels"].items()},
    )
    for stage in report["stages"]:
        xs = [p["x"] for p in points if p["stage"] == stage["id"]]
        if xs:
            data.stages.append(StageSpan(stage["id"], stage["title"], min(xs), max(xs)))
    return curve_text(data, width=width, height=18)


def render_text(report: dict[str, Any], width: int = 100) -> str:
    """A plain-text report: heading, the mean curve, then each section as aligned columns."""
    out = _heading(report)
    out += ["", t("report.curve", report["language"]), _curve_text(report, width)]
    for title, header, rows in _tables(report):
        out += ["", title, "─" * min(width, max(len(title), 20))]
        if not rows:
            out.append(t("report.none", report["language"]))
            continue
        # The last column (opportunities, touchpoint lists) is never cut short.
        cells = [[one_line(c, 48) for c in row[:-1]] + [one_line(row[-1], 10_000)] for row in rows]
        widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
        out.append("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        for row in cells:
            out.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return clean_text(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict[str, Any]) -> str:
    lines = _heading(report)
    out = [f"# {_md_cell(lines[0])}", ""] + [f"{_md_cell(x)}  " for x in lines[1:]]
    out += ["", f"## {t('report.curve', report['language'])}", "", "```"]
    out += [_curve_text(report, 100).rstrip("\n"), "```"]
    for title, header, rows in _tables(report):
        out += ["", f"## {_md_cell(title)}", ""]
        if not rows:
            out.append(t("report.none", report["language"]))
            continue
        out.append("| " + " | ".join(_md_cell(h) for h in header) + " |")
        out.append("|" + "|".join("---" for _ in header) + "|")
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def render_json(report: dict[str, Any]) -> str:
    return jsonio.dumps(report) + "\n"


def _svg_curve(report: dict[str, Any], width: int = 760, height: int = 300) -> str:
    """The mean curve as inline SVG: band, line, neutral axis, stage boundaries."""
    points = report["mean_curve"]["points"]
    lo, hi = report["scale"]["min"], report["scale"]["max"]
    left, right, top, bottom = 120, 20, 30, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(1, len(points))

    def x(i: float) -> float:
        return left + (i - 0.5) / n * plot_w

    def y(v: float) -> float:
        return top + (hi + 0.5 - v) / (hi - lo + 1) * plot_h

    esc = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{esc(t("report.curve", report["language"]))}">'
    ]
    for value, label in sorted(report["scale"]["labels"].items(), key=lambda kv: int(kv[0])):
        v = int(value)
        parts.append(
            f'<text x="{left - 8}" y="{y(v) + 4:.1f}" text-anchor="end" class="ylab">'
            f"{v:+d} {esc(label)}</text>".replace("+0 ", "0 ")
        )
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'class="{"zero" if v == 0 else "grid"}"/>'
        )
    for stage in report["stages"]:
        xs = [p["x"] for p in points if p["stage"] == stage["id"]]
        if not xs:
            continue
        parts.append(
            f'<line x1="{x(min(xs) - 0.5):.1f}" x2="{x(min(xs) - 0.5):.1f}" y1="{top}" '
            f'y2="{top + plot_h}" class="stage"/>'
        )
        parts.append(
            f'<text x="{x((min(xs) + max(xs)) / 2):.1f}" y="{top - 10}" text-anchor="middle" '
            f'class="stagelab">{esc(stage["title"])}</text>'
        )
    rated = [p for p in points if p["mean"] is not None]
    if rated:
        band = [f"{x(p['x']):.1f},{y(p['max']):.1f}" for p in rated]
        band += [f"{x(p['x']):.1f},{y(p['min']):.1f}" for p in reversed(rated)]
        parts.append(f'<polygon points="{" ".join(band)}" class="band"/>')
        line = " ".join(f"{x(p['x']):.1f},{y(p['mean']):.1f}" for p in rated)
        parts.append(f'<polyline points="{line}" class="mean"/>')
        for p in rated:
            cls = "pt neg" if p["mean"] < 0 else "pt"
            parts.append(
                f'<circle cx="{x(p["x"]):.1f}" cy="{y(p["mean"]):.1f}" r="4" class="{cls}">'
                f"<title>{esc(p['name'])}: {p['mean']:+.2f} (n={p['count']})</title></circle>"
            )
    for p in points:
        parts.append(
            f'<text x="{x(p["x"]):.1f}" y="{top + plot_h + 16}" text-anchor="end" '
            f'transform="rotate(-30 {x(p["x"]):.1f} {top + plot_h + 16})" class="xlab">'
            f"{esc(one_line(p['name'], 22))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:60rem;color:#1d1d1f;line-height:1.4;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f6f6f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.neg{color:#b00020;font-weight:600}
svg{width:100%;height:auto;font-size:11px}
svg .grid{stroke:#eee}svg .zero{stroke:#888;stroke-width:1.5}
svg .stage{stroke:#6b7bd6;stroke-dasharray:4 3}svg .stagelab{fill:#3b4bb6;font-weight:600}
svg .band{fill:#2e7d32;fill-opacity:.12;stroke:none}
svg .mean{fill:none;stroke:#2e7d32;stroke-width:2}
svg .pt{fill:#2e7d32}svg .pt.neg{fill:#b00020}
svg .ylab,svg .xlab{fill:#555}
"""


def render_html(report: dict[str, Any]) -> str:
    """One self-contained HTML file (inline style and SVG; no scripts, nothing fetched)."""
    esc = html.escape
    lang = report["language"]
    head = _heading(report)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(head[0])}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(head[0])}</h1>",
    ]
    out += [f"<p>{esc(line)}</p>" for line in head[1:]]
    out += [f"<h2>{esc(t('report.curve', lang))}</h2>", _svg_curve(report)]
    for title, header, rows in _tables(report):
        out.append(f"<h2>{esc(title)}</h2>")
        if not rows:
            out.append(f"<p>{esc(t('report.none', lang))}</p>")
            continue
        out.append("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in header))
        out.append("</tr></thead><tbody>")
        for row in rows:
            cells = []
            for cell in row:
                text = clean_text(cell)
                numeric = text.replace("%", "").replace("/", "").lstrip("+-").replace(".", "")
                cls = ' class="num' + (" neg" if text.startswith("-") else "") + '"'
                cells.append(f"<td{cls if numeric.isdigit() else ''}>{esc(text)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
    out.append(
        f"<p><small>{esc(t('report.generated', lang, at=report['generated_at']))}</small></p>"
    )
    out.append("</body></html>")
    return "\n".join(out) + "\n"


RENDERERS = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
}
