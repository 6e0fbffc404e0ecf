"""The report written out: as text and Markdown tables, as JSON, and as one self-contained
HTML page. Each renderer takes the plain data of
:func:`cjtui.analysis.report.build.build_report`."""

from __future__ import annotations

import html

from ...base import jsonio
from ...base.i18n import plural, spoken_date, spoken_time, t
from ...base.plain import clean_text, one_line
from ..drawing.svg import Line, Point, curve_svg, legend_html
from ..drawing.terminal import render_text as curve_text
from .shapes import Heading, Report
from .tables import (
    THIN_MARK,
    _stage_titles,
    _tables,
)


def heard_and_whose(data: Heading) -> tuple[str, str]:
    """Two lines a report and a map (the same plain data: people, sessions, guide, period,
    basis) open with: whom the study heard, in people by voice, in how many interviews, on
    which guide, when; and whose voice the figures are, the others beside."""
    lang = data["language"]
    people = data["people"]
    basis = data["basis"]
    period = data["period"]
    first, last = (spoken_date(d, lang) if d else "—" for d in (period["first"], period["last"]))
    heard = t(
        "report.heard_day" if first == last else "report.heard",  # one day: said once
        lang,
        who=", ".join(plural(f"report.people.{v}", n, lang) for v, n in people.items()),
        interviews=plural("report.interviews", data["sessions"]["total"], lang)
        # The same people before and after are not more customers: said so.
        + (f" ({plural('report.pairs_heard', data['pairs'], lang)})" if data.get("pairs") else ""),
        guide=f"{data['guide']['id']} {data['guide']['version']}",
        first=first,
        last=last,
        day=first,
    )
    whose = " ".join(
        [
            t(f"report.basis.{basis}", lang),
            *[t(f"report.beside.{v}", lang) for v in people if v != basis],
        ]
    )
    return heard, whose


def _heading(report: Report) -> list[str]:
    """What the report is: the study, who was heard (people, interviews, moments), on which
    guide, when; whose voice the figures are, and what the † mark means."""
    lang = report["language"]
    n = report["sessions"]
    titles = _stage_titles(report)
    study = report.get("study")
    voices = report["voices"]
    if study:
        name = study["title"] + (f" · {study['subject']}" if study["subject"] else "")
    else:
        name = report["guide"]["title"]
    title_key = "report.title_staff" if voices == ["staff"] else "report.title_study"
    lines = [t(title_key, lang, name=name), *heard_and_whose(report)]
    if n.get("in_progress"):
        lines.append(plural("report.in_progress", n["in_progress"], lang))
    if report.get("pairs"):
        lines.append(plural("report.pairs", report["pairs"], lang))
    lines.append(t("report.thin", lang, mark=THIN_MARK, n=report["thin_below"]))
    # (One stage rated is both the weakest and the strongest: nothing to compare, not said.)
    if report["weakest_stage"] and report["weakest_stage"] != report["strongest_stage"]:
        thin = {s["id"] for s in report["stages"] if s.get("thin")}

        def named(stage_id: str | None) -> str:  # (both are set when the weakest is)
            title = titles.get(stage_id or "", "—")
            return title + (f" {THIN_MARK}" if stage_id in thin else "")

        lines.append(
            t(
                "report.extremes",
                lang,
                weakest=named(report["weakest_stage"]),
                strongest=named(report["strongest_stage"]),
            )
        )
    return lines


def _curve_text(report: Report, width: int) -> str:
    from ..curve import AxisPoint, CurveData, Series, StageSpan

    if report["mean_curve"] is None:  # a report built without its curve
        return ""
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


def render_text(report: Report, width: int = 100) -> str:
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


# Every character Markdown (or the HTML inside it) could give a meaning to is escaped: raw
# HTML tags, links and images ([text](javascript:…)), emphasis, code, headings.
_MD_SPECIAL = {c: f"\\{c}" for c in "\\`*_[]()<>|~!"}
_MD_SPECIAL["&"] = "&amp;"


def _md_cell(text: str) -> str:
    """Interview text as literal Markdown: no tag, link or markup survives."""
    text = " ".join(clean_text(text).split())
    escaped = "".join(_MD_SPECIAL.get(c, c) for c in text)
    # A line that starts like a heading, a list or a quote would become one.
    return "\\" + escaped if escaped[:1] in ("#", "+", "-", "=") else escaped


def render_markdown(report: Report) -> str:
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


def render_json(report: Report) -> str:
    return jsonio.dumps(report) + "\n"


def _svg_curve(report: Report) -> str:
    """The mean curve as inline SVG with its legend (see .svg: nothing overlaps or is cut)."""
    if report["mean_curve"] is None:  # a report built without its curve
        return ""
    points = report["mean_curve"]["points"]
    painful = {tp["key"] for tp in report["touchpoints"] if (tp["pain_share"] or 0) >= 0.5}
    axis: list[Point] = [
        {"x": p["x"], "key": p["key"], "name": p["name"], "stage": p["stage"]} for p in points
    ]
    series: list[Line] = [
        {
            "name": plural(
                f"report.people.{report['basis']}",
                report["people"].get(report["basis"], 0),
                report["language"],
            ),
            "group": "all",
            "values": [p["mean"] for p in points],
            "low": [p["min"] for p in points],
            "high": [p["max"] for p in points],
            "pains": [p["key"] in painful for p in points],
            "counts": [p["count"] for p in points],
        }
    ]
    title = t("report.curve", report["language"])
    svg = curve_svg(
        axis, series, report["stages"], report["scale"], title=title, lang=report["language"]
    )
    return svg + legend_html(axis, series, report["stages"])


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:60rem;color:#1d1d1f;line-height:1.4;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f6f6f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
.neg{color:#b00020;font-weight:600}
svg.curve{width:100%;height:auto}
.legend{font-size:.85rem;columns:2;column-gap:2rem;margin:.5rem 0 1rem}
.legend ul.lines{list-style:none;padding:0;margin:0 0 .4rem}
.legend .swatch{display:inline-block;width:1.2em;height:.6em;margin-right:.4em}
.legend ol.points{margin:0;padding-left:2.2em}
.legend .stagepoints{break-inside:avoid;margin-bottom:.3rem}
.legend div.stage{font-weight:600}
"""


def render_html(report: Report) -> str:
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
    made = t("report.generated", lang, at=spoken_time(report["generated_at"], lang))
    out.append(f"<p><small>{esc(made)}</small></p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


RENDERERS = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
}
