"""The journey map written out: a text grid (the terminal's, at any width), Markdown, JSON,
one self-contained HTML page (screen and A3 landscape print) and SVG. Every text from an
interview is written literally (escaped for HTML and Markdown, control characters gone)."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable
from typing import Any

from ...base import jsonio
from ...base.i18n import (
    channel_label,
    counted,
    decimal,
    figure,
    plural,
    spoken_time,
    t,
)
from ...base.plain import cell_width, clean_text, fit_cells, one_line
from ...domain.guide import LANES
from ..curve import GROUP_VOICE
from ..drawing.svg import curve_svg, legend_html
from ..report.render import _md_cell, heard_and_whose
from ..report.tables import shares, voiced
from .build import MAP_LANES
from .shapes import Backstage, JourneyMap, LaneAnswers, MapStage, VoiceFigures

PAIN = "✖"
MOMENT = "★"
KEEP = "✔"
THIN = "†"  # a figure resting on fewer people than the study's threshold


# ---- what each cell says, the same for every format ------------------------------------------


def _title(data: JourneyMap) -> str:
    lang = data["language"]
    study = data.get("study")
    name = (study["subject"] or study["title"]) if study else data["guide"]["title"]
    return t("map.title", lang, name=name)


def _counts(data: JourneyMap) -> str:
    """Who was heard, whose voice the figures are (as the report says it), and what the
    thin-evidence mark means."""
    lang = data["language"]
    thin = t("report.thin", lang, mark=THIN, n=data["thin_below"])
    return " ".join([*heard_and_whose(data), thin])


def _persona(data: JourneyMap) -> list[str]:
    """Who the study's participants are: a line per segment (people, without names), the
    profile's choices tallied in people; then the scale questions' answers."""
    lang = data["language"]
    lines: list[str] = []
    for card in data["persona"]:
        choices = "; ".join(
            f"{c['prompt']} " + ", ".join(f"{x['label']} ({x['people']})" for x in c["tally"])
            for c in card["choices"]
        )
        lines.append(
            plural("map.persona", card["people"], lang, segment=card["segment"])
            + (f": {choices}" if choices else "")
        )
    return lines + _scales(data)


def _scales(data: JourneyMap) -> list[str]:
    """Each scale question of the main voice: its distribution in people, median and n;
    a 0–10 question, its promoters, passives and detractors."""
    lang = data["language"]
    lines = []
    for q in data["scales"]:
        if not q["people"]:
            continue
        shown = " ".join(f"{v}:{n}" for v, n in q["distribution"].items() if n)
        median = figure(q["median"], lang)
        line = t("map.scale", lang, prompt=q["prompt"], shown=shown, median=median)
        line += f" (n={q['people']}{THIN if q['thin'] else ''})"
        if "promoters" in q:
            line += " · " + shares(q, lang)
        lines.append(line)
    return lines


def _n(people: int, thin: bool) -> str:
    """How many people a figure rests on: "n=2†" (thin), or "—" for none."""
    return f"n={people}{THIN if thin else ''}" if people else "—"


Cells = dict[str, list[str]]


def _lane_rows(data: JourneyMap, lanes: tuple[str, ...]) -> list[tuple[str, str, Cells]]:
    """(lane id, lane title, {stage id: the cell's lines}) for every lane asked for, in the
    map's order; the curve's row is each group's mean in the stage."""
    lang = data["language"]
    rows: list[tuple[str, str, Cells]] = []
    for lane_id in MAP_LANES:
        if lane_id not in lanes:
            continue
        if lane_id in _QUESTION_LANES:
            lane = next((x for x in data["lanes"] if x["id"] == lane_id), None)
            if lane is None or not lane["cells"]:  # a lane the guide does not feed
                continue
            cells = {sid: [line for item in items for line in _item_lines(item, lang)]
                     for sid, items in lane["cells"].items()}  # fmt: skip
            rows.append((lane_id, lane["title"], cells))
            continue
        rows.append((lane_id, t(f"map.lane.{lane_id}", lang), _CELLS[lane_id](data, lang)))
    return rows


def _touchpoint_cells(data: JourneyMap, lang: str) -> Cells:
    return {
        sid: [
            f"{tp['name']} · {channel_label(tp['channel'], lang)} ({_n(tp['people'], tp['thin'])})"
            for tp in items
        ]
        for sid, items in data["touchpoints"].items()
    }


def _pain_cells(data: JourneyMap, lang: str) -> Cells:
    return {
        sid: [
            f"{PAIN} {p['name']} ({t('map.felt_by', lang, n=p['people'])}"
            + f"/{p['of_people']}{THIN if p['thin'] else ''}"
            + _kinds(p["kinds"], lang)
            + ")"
            + (f" {MOMENT}" if p["moment_of_truth"] else "")
            for p in items
        ]
        for sid, items in data["pains"].items()
    }


def _highlight_cells(data: JourneyMap, lang: str) -> Cells:
    """What works, to keep: each touchpoint rated at the top, and how many times."""
    return {
        sid: [
            f"{KEEP} {h['name']} ({t('map.top_by', lang, n=h['top_ratings'])}/{h['people']}"
            + (f"{THIN})" if h["people"] < data["thin_below"] else ")")
            for h in items
        ]
        for sid, items in data["highlights"].items()
    }


def _backstage_cells(data: JourneyMap, lang: str) -> Cells:
    return {
        sid: [f"{b['name']}: " + "; ".join(_behind(b, lang)) for b in items]
        for sid, items in data["backstage"].items()
    }


def _opportunity_cells(data: JourneyMap, lang: str) -> Cells:
    ranked: Cells = {}
    if data.get("backlog"):  # the team's backlog: accepted items, by priority
        for item in data["backlog"]["items"]:
            if item["status"] == "dropped":
                continue
            for stage in item["evidence"]["stages"] or [""]:
                ranked.setdefault(stage, []).append(
                    f"{item['id']} {item['title']} ("
                    + plural("map.backlog_item", item["people"], lang,
                             priority=decimal(item["priority"], lang, 1),
                             owner=item["owner"] or "—",
                             status=t(f"backlog.status.{item['status']}", lang))
                    + ")"
                )  # fmt: skip
        for pain in data["backlog"]["open_pains"]:
            ranked.setdefault(pain.get("stage") or "", []).append(
                plural("map.open_pain", pain["people"], lang, name=pain["name"])
            )
        return ranked
    for o in data["opportunities"]:
        ranked.setdefault(o["stage"] or "", []).append(
            f"#{o['rank']} {voiced(o['text'], o['voices'], lang)} "
            f"({o['name']}; {t('map.felt_by', lang, n=o['people'])})"
        )
    return ranked


def _idea_cells(data: JourneyMap, lang: str) -> Cells:
    """The participants' own ideas, under the stage whose question asked for them."""
    ideas: Cells = {}
    for idea in data["ideas"]["items"]:
        times = f" ×{idea['times']}" if idea.get("times") else ""
        # The interviewer's summary of their idea: no quotation marks.
        line = f"{idea['text']} ({idea['participant']}{times})"
        if idea.get("voice") == "expected":
            line = f"{idea['text']} ({idea['participant']}, {t('moment.before', lang)}{times})"
        if idea.get("voice") == "staff":
            line = t("map.staff_say", lang, text=idea["text"], who=idea["participant"] + times)
        ideas.setdefault(idea["stage"], []).append(line)
    for stage, n in data["ideas"]["more"].items():
        ideas.setdefault(stage, []).append(t("map.more", lang, n=n))
    if data["ideas"]["withheld"]:
        last = data["stages"][-1]["id"] if data["stages"] else ""
        ideas.setdefault(last, []).append(t("map.withheld", lang, n=data["ideas"]["withheld"]))
    return ideas


def _words_cells(data: JourneyMap, lang: str = "") -> Cells:
    """What each stage was for the participants, in their words."""
    lang = lang or data["language"]
    cells: Cells = {}
    for stage in data["stages"]:
        # The interviewer's summaries, with the participant's code: not quoted.
        lines = [
            f"{w['text']} ({w['participant']}"
            + (f", {t('moment.before', lang)})" if w.get("voice") == "expected" else ")")
            for w in stage["customer_words"]
        ]
        lines += [
            t("map.staff_say", lang, text=w["text"], who=w["participant"])
            for w in stage["staff_words"]
        ]
        if stage.get("added"):
            lines.insert(0, plural("map.added_by", stage["added_by"], lang))
        for voice, n in stage["not_lived_by_voice"].items():
            if n:  # marked not lived by some: their words and ratings are not counted here
                lines.append(plural(f"map.not_lived.{voice}", n, lang))
        if stage.get("customer_words_more"):
            lines.append(t("map.more", lang, n=stage["customer_words_more"]))
        if stage.get("customer_words_withheld"):
            lines.append(t("map.withheld", lang, n=stage["customer_words_withheld"]))
        if lines:
            cells[stage["id"]] = lines
    return cells


def _kinds(kinds: dict[str, int], lang: str) -> str:
    """ "; disoriented 2, annoyed 1": the kinds of a pain that were said."""
    said = counted("pain_kind", {k: n for k, n in kinds.items() if k != "unspecified"}, lang)
    return f"; {said}" if said else ""


def _behind(item: Backstage, lang: str) -> list[str]:
    """The processes behind a touchpoint (with the problems noted in each) and its owners."""
    processes = [
        name
        + (
            f" [{counted('problem', problems, lang)}]"
            if (problems := item["problems"].get(name))
            else ""
        )
        for name in item["processes"]
    ]
    return [*processes, *item["owners"]]


def stage_lanes(data: JourneyMap, stage_id: str) -> list[tuple[str, list[str]]]:
    """(lane title, its lines) for one stage, every lane that says something there: what
    the terminal map shows below a stage's curve (the curve lane is drawn, not listed)."""
    lanes = tuple(x for x in MAP_LANES if x != "curve")
    return [
        (title, cells[stage_id])
        for _, title, cells in _lane_rows(data, lanes)
        if cells.get(stage_id)
    ]


def _item_lines(item: LaneAnswers, lang: str) -> list[str]:
    lines = _voice_lines(item, lang) if item["count"] else []
    if "staff" in item:  # staff's belief, labelled as theirs, never among the customers'
        lines += [t("map.staff_believe", lang, text=x) for x in _voice_lines(item["staff"], lang)]
    return lines


def _voice_lines(item: LaneAnswers, lang: str) -> list[str]:
    if item["kind"] == "tally":
        counts = [f"{x['label']} ({x['count']})" for x in item["tally"]]
        if item.get("yes_no"):  # "yes (2)" says nothing without its question
            return [f"{item['prompt']} " + ", ".join(counts)]
        return counts
    if item["kind"] == "mean":
        return [f"{item['prompt']}: {item['mean']}"] if item["mean"] is not None else []
    lines = [  # the interviewer's summaries: no quotation marks
        f"{a['text']} ({a['participant']}" + (f" ×{a['times']})" if a.get("times") else ")")
        for a in item["answers"]
    ]
    if item.get("more"):
        lines.append(t("map.more", lang, n=item["more"]))
    if item["withheld"]:
        lines.append(t("map.withheld", lang, n=item["withheld"]))
    return lines


def _curve_cells(data: JourneyMap, lang: str) -> dict[str, list[str]]:
    """Each line's figure for the stage: the same as the report's (each person's ratings
    in the stage averaged first, then over people), with its n."""
    cells: dict[str, list[str]] = {}
    basis = data["basis"]
    for stage in data["stages"]:
        lines = []
        for series in data["curve"]["series"]:
            voice = GROUP_VOICE.get(series["group"], basis)
            figure: MapStage | VoiceFigures | None = (
                stage if voice == basis else stage["by_voice"].get(voice)
            )
            if not figure or figure["mean"] is None:
                continue
            name = series["name"].rsplit(" (n=", 1)[0]
            mean = decimal(figure["mean"], lang, signed=True, bare_zero=True)
            lines.append(f"{name}: {mean} ({_n(figure['people'], figure['thin'])})")
        cells[stage["id"]] = lines
    return cells


# ---- text ----------------------------------------------------------------------------------


def render_text(data: JourneyMap, width: int = 100, lanes: tuple[str, ...] = MAP_LANES) -> str:
    """The grid at *width* columns: lanes down, stages across (as many as fit side by side;
    the rest follow below, so nothing is ever cut), each cell wrapped to its column."""
    head = 14
    stages = data["stages"]
    column = 18
    per_row = max(1, min(len(stages), (width - head) // (column + 3)))
    column = max(12, (width - head) // per_row - 3)
    out = [*_wrap(_title(data), width), *_wrap(_counts(data), width)]
    out += [w for line in _persona(data) for w in _wrap(line, width)] + [""]
    rows = _lane_rows(data, lanes)
    for first in range(0, len(stages), per_row):
        group = stages[first : first + per_row]
        out.append(
            " " * head
            + " │ ".join(fit_cells(clean_text(s["title"]).upper(), column) for s in group)
        )
        out.append("─" * min(width, head + (column + 3) * len(group)))
        for _, title, cells in rows:
            wrapped = [
                [w for line in cells.get(s["id"], []) for w in _wrap(line, column)] or ["·"]
                for s in group
            ]
            height = max(len(w) for w in wrapped)
            heading = _wrap(title, head - 1)
            for k in range(max(height, len(heading))):
                left = fit_cells(heading[k] if k < len(heading) else "", head)
                out.append(
                    left
                    + " │ ".join(fit_cells(w[k] if k < len(w) else "", column) for w in wrapped)
                )
            out.append("")
    out += _wrap(t("map.key", data["language"], pain=PAIN, moment=MOMENT), width)
    return "\n".join(line.rstrip() for line in out) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    """*text* (made literal, on one line) wrapped to *width* terminal columns."""
    text = " ".join(clean_text(text).split())
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    # textwrap counts characters; a wide character takes two columns: cut what still spills.
    return [line if cell_width(line) <= width else fit_cells(line, width) for line in lines]


# ---- Markdown and JSON ---------------------------------------------------------------------


def render_markdown(data: JourneyMap, lanes: tuple[str, ...] = MAP_LANES) -> str:
    stages = data["stages"]
    out = [f"# {_md_cell(_title(data))}", "", _md_cell(_counts(data)), ""]
    out += [f"- {_md_cell(line)}" for line in _persona(data)] + ([""] if _persona(data) else [])
    out.append("| | " + " | ".join(_md_cell(s["title"]) for s in stages) + " |")
    out.append("|---|" + "|".join("---" for _ in stages) + "|")
    for _, title, cells in _lane_rows(data, lanes):
        row = [
            "<br>".join(_md_cell(line) for line in cells.get(s["id"], [])) or "·" for s in stages
        ]
        out.append(f"| **{_md_cell(title)}** | " + " | ".join(row) + " |")
    out += ["", _md_cell(t("map.key", data["language"], pain=PAIN, moment=MOMENT))]
    return "\n".join(out) + "\n"


def render_json(data: JourneyMap, lanes: tuple[str, ...] = MAP_LANES) -> str:
    return jsonio.dumps(data) + "\n"


# ---- HTML and SVG --------------------------------------------------------------------------

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem;color:#1d1d1f;
line-height:1.35;font-size:14px}
h1{font-size:1.4rem;margin:0 0 .3rem}p.meta{margin:0 0 1rem;color:#444}
.map{display:grid;grid-template-columns:12% repeat(var(--stages),minmax(0,1fr));
border-top:2px solid #333}
.map>div{padding:.45rem .5rem;border-bottom:1px solid #ddd;border-right:1px solid #eee;
overflow-wrap:anywhere;word-break:break-word;min-width:0}
.map .stage{background:#eef0fb;font-weight:700;color:#2b3a9e}
.map .stage small{display:block;font-weight:400;color:#555}
.map .lane{font-weight:700;background:#f6f6f8;font-size:.92em;overflow-wrap:normal;
word-break:normal;hyphens:auto}
.map .curve{grid-column:1/-1;padding:.3rem 0}
.map .curve .legend{margin-left:12%}
.map ul{margin:0;padding-left:1.1em}.map li{margin:.15rem 0}
.pain{color:#b00020;font-weight:600}.moment{color:#b00020}
.withheld{color:#777;font-style:italic}
.legend{font-size:.85rem;columns:3;column-gap:2rem;margin:.6rem 0 0}
.legend ul.lines{list-style:none;padding:0;margin:0 0 .4rem}
.legend .swatch{display:inline-block;width:1.2em;height:.6em;margin-right:.4em}
.legend ol.points{margin:0;padding-left:2.2em}
.legend .stagepoints{break-inside:avoid;margin-bottom:.3rem}
.legend div.stage{font-weight:600}
svg.curve{width:100%;height:auto;display:block}
footer{margin-top:1rem;font-size:.85rem;color:#555}
@page{size:A3 landscape;margin:10mm}
@media print{body{margin:0;font-size:10pt}.map{break-inside:auto}
.map>div{break-inside:avoid}a{color:inherit;text-decoration:none}}
"""


def render_html(data: JourneyMap, lanes: tuple[str, ...] = MAP_LANES) -> str:
    """One self-contained page (inline style and SVG; no script, nothing fetched): the grid
    of lanes by stages, the curve across the stages, a legend of the numbered points."""
    esc = html.escape
    lang = data["language"]
    stages = data["stages"]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(_title(data))}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(_title(data))}</h1>",
        f'<p class="meta">{esc(_counts(data))}</p>',
        *[f'<p class="meta">{esc(line)}</p>' for line in _persona(data)],
        f'<div class="map" style="--stages:{len(stages)}">',
        "<div></div>",
    ]
    said = _words_cells(data) if "words" in lanes else {}
    for stage in stages:
        words = "".join(
            f"<small>{esc(clean_text(line))}</small>" for line in said.get(stage["id"], [])
        )
        out.append(f'<div class="stage">{esc(clean_text(stage["title"]))}{words}</div>')
    # The participants' words are shown under each stage's title, above: not as a lane.
    for lane_id, title, cells in _lane_rows(data, tuple(x for x in lanes if x != "words")):
        if lane_id == "curve":  # across the whole row, under the stage columns
            out.append(f'<div class="curve">{_curve(data, title)}</div>')
            continue
        out.append(f'<div class="lane">{esc(title)}</div>')
        for stage in stages:
            items = cells.get(stage["id"], [])
            lis = "".join(
                f"<li{_cls(lane_id, line)}>{esc(clean_text(line))}</li>" for line in items
            )
            out.append(f"<div><ul>{lis}</ul></div>" if items else "<div></div>")
    out.append("</div>")
    out.append(
        f"<footer>{esc(t('map.key', lang, pain=PAIN, moment=MOMENT))} · "
        f"{esc(spoken_time(data['generated_at'], lang))}</footer></body></html>"
    )
    return "\n".join(out) + "\n"


def _cls(lane: str, line: str) -> str:
    if lane == "pains":
        return ' class="pain"'
    if line.startswith("("):  # what is counted, not shown (withheld, more answers)
        return ' class="withheld"'
    return ""


# The map's first column (lane names) takes this share of the width; the curve's y labels
# take the same, so the curve's stages sit exactly under the grid's stage columns.
LANE_COLUMN = 0.12


def _svg(data: JourneyMap, title: str, **layout: Any) -> str:
    """The map's curve as SVG: staff's belief dashed behind customers."""
    curve = data["curve"]
    return curve_svg(
        curve["axis"],
        curve["series"],
        data["stages"],
        data["scale"],
        title=title,
        dashed=frozenset({"internal"}),
        lang=data["language"],
        **layout,
    )


def _curve(data: JourneyMap, title: str, width: int = 1200) -> str:
    curve = data["curve"]
    svg = _svg(data, title, width=width, columns=LANE_COLUMN)
    heading = f'<text x="6" y="16" font-weight="700" font-size="13">{html.escape(title)}</text>'
    svg = svg.replace("</svg>", heading + "</svg>", 1)
    return svg + legend_html(curve["axis"], curve["series"], data["stages"])


def render_svg(data: JourneyMap, lanes: tuple[str, ...] = MAP_LANES) -> str:
    """The map's curve, stage by stage, as one SVG file (for a slide or a wall), with the
    numbered points' names listed below it."""
    esc = html.escape
    curve = data["curve"]
    plot = _svg(data, _title(data), width=1100)
    names = [f"{p['x']}. {one_line(p['name'], 60)}" for p in curve["axis"]]
    names += [f"— {one_line(s['name'], 60)}" for s in curve["series"]]
    per_column = max(1, (len(names) + 2) // 3)
    height = 320 + 40 + per_column * 16
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1100 {height}" width="1100" '
        f'height="{height}" font-family="system-ui, sans-serif" font-size="12">',
        f'<text x="10" y="18" font-size="16" font-weight="700">{esc(_title(data))}</text>',
        f'<g transform="translate(0,24)">{plot}</g>',
    ]
    for k, name in enumerate(names):
        column, row = divmod(k, per_column)
        out.append(
            f'<text x="{16 + column * 360}" y="{360 + row * 16}" fill="#333">'
            f"{esc(clean_text(name))}</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
    "svg": render_svg,
}


_QUESTION_LANES = frozenset(LANES)
# How each of the map's own lanes is filled (the question lanes come from the guide).
_CELLS: dict[str, Callable[[JourneyMap, str], Cells]] = {
    "words": _words_cells,
    "touchpoints": _touchpoint_cells,
    "curve": _curve_cells,
    "pains": _pain_cells,
    "highlights": _highlight_cells,
    "backstage": _backstage_cells,
    "opportunities": _opportunity_cells,
    "ideas": _idea_cells,
}
