"""The journey map as a workbook the owners can edit (xlsx, written with openpyxl).

Four sheets: the map as a grid (stages across, lanes down; pains in red, moments of truth
starred, as on the map), the touchpoints with their figures and how many people each rests
on, the opportunities (the study's backlog when it keeps one, else those typed in the
interviews), and how every figure is counted. Text from interviews goes in as text: a cell
a spreadsheet would run as a formula starts with ', and control characters never get in.
"""

from __future__ import annotations

import io
from typing import Any

from ...base.i18n import channel_label, t
from ...base.plain import clean_text
from .build import MAP_LANES
from .render import _lane_rows
from .shapes import JourneyMap

MAX_CELL = 32_000  # a spreadsheet cell holds at most 32,767 characters


def _safe(value: Any) -> Any:
    from ...exchange.export import formula_like

    if isinstance(value, str):
        value = clean_text(value)[:MAX_CELL]
        if formula_like(value):
            return "'" + value
    return value


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.bold = Font(bold=True)
        self.red = Font(bold=True, color="B00020")
        self.head = PatternFill("solid", fgColor="E8EAF6")
        self.wrap = Alignment(wrap_text=True, vertical="top")

    def header(self, sheet: Any) -> None:
        for cell in sheet[1]:
            cell.font, cell.fill = self.bold, self.head


def workbook(data: JourneyMap) -> bytes:
    """The map *data* (see build_map) as an xlsx workbook's bytes."""
    from openpyxl import Workbook

    book = Workbook()
    style = _Styles()
    _map_sheet(book.active, data, style)
    _touchpoint_sheet(book.create_sheet("t"), data, style)
    _opportunity_sheet(book.create_sheet("o"), data, style)
    how = book.create_sheet(t("xlsx.sheet.how", data["language"])[:31])
    for key in ("xlsx.how.people", "xlsx.how.voices", "xlsx.how.thin", "xlsx.how.priority",
                "xlsx.how.quotes"):  # fmt: skip
        how.append([_safe(t(key, data["language"], thin=data["thin_below"]))])
    how.column_dimensions["A"].width = 120
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _map_sheet(grid: Any, data: JourneyMap, style: _Styles) -> None:
    """The map as a grid: stages across, lanes down; the pains' row in red."""
    lang = data["language"]
    grid.title = t("xlsx.sheet.map", lang)[:31]
    stages = data["stages"]
    grid.append([_safe(t("xlsx.lane", lang)), *(_safe(s["title"]) for s in stages)])
    style.header(grid)
    for lane_id, title, cells in _lane_rows(data, MAP_LANES):
        grid.append([_safe(title), *(_safe("\n".join(cells.get(s["id"], []))) for s in stages)])
        grid.cell(row=grid.max_row, column=1).font = style.bold
        if lane_id == "pains":
            for cell in grid[grid.max_row][1:]:
                cell.font = style.red
    grid.column_dimensions["A"].width = 22
    from openpyxl.utils import get_column_letter

    for n in range(len(stages)):
        grid.column_dimensions[get_column_letter(n + 2)].width = 42
    for row in grid.iter_rows():
        for cell in row:
            cell.alignment = style.wrap


def _touchpoint_sheet(touch: Any, data: JourneyMap, style: _Styles) -> None:
    """Each touchpoint with its figures and the people they rest on."""
    lang = data["language"]
    touch.title = t("xlsx.sheet.touchpoints", lang)[:31]
    voice = t(f"xlsx.voice.{data.get('basis', 'lived')}", lang)  # whose figures these are
    touch.append([
        _safe(t(key, lang, voice=voice)) for key in (
            "xlsx.col.stage", "xlsx.col.touchpoint", "xlsx.col.channel", "xlsx.col.people",
            "xlsx.col.mean", "xlsx.col.thin", "xlsx.col.pain_people", "xlsx.col.moment_of_truth",
        )
    ])  # fmt: skip
    style.header(touch)
    pains = {p["key"]: p for items in data["pains"].values() for p in items}
    titles = {s["id"]: s["title"] for s in data["stages"]}
    for sid, items in data["touchpoints"].items():
        for tp in items:
            pain = pains.get(tp["key"])
            touch.append([
                _safe(titles.get(sid, sid)), _safe(tp["name"]),
                _safe(channel_label(tp["channel"], lang)), tp["people"], tp["mean"],
                "†" if tp["thin"] else "", pain["people"] if pain else 0,
                "★" if pain and pain["moment_of_truth"] else "",
            ])  # fmt: skip


def _opportunity_sheet(opp: Any, data: JourneyMap, style: _Styles) -> None:
    """The study's backlog when it keeps one, else the opportunities typed in interviews."""
    lang = data["language"]
    opp.title = t("xlsx.sheet.opportunities", lang)[:31]
    backlog = data.get("backlog")
    if not backlog:
        voice = t(f"xlsx.voice.{data.get('basis', 'lived')}", lang)
        opp.append([_safe(t(k, lang, voice=voice)) for k in (
            "xlsx.col.rank", "xlsx.col.opportunity", "xlsx.col.touchpoint", "xlsx.col.people",
        )])  # fmt: skip
        for o in data["opportunities"]:
            opp.append([o["rank"], _safe(o["text"]), _safe(o["name"]), o["people"]])
        style.header(opp)
        return
    opp.append([_safe(t(k, lang)) for k in (
        "xlsx.col.id", "xlsx.col.opportunity", "xlsx.col.priority", "xlsx.col.pain_customers",
        "xlsx.col.severity", "xlsx.col.status", "xlsx.col.owner", "xlsx.col.effort",
        "xlsx.col.touchpoints", "xlsx.col.quotes", "xlsx.col.process", "xlsx.col.note",
        "xlsx.col.reason",
    )])  # fmt: skip
    style.header(opp)
    for cell in opp[1]:
        cell.alignment = style.wrap
    # Touchpoints by their names, as the map shows them (the items hold their keys).
    names = {tp["key"]: tp["name"] for tps in data["touchpoints"].values() for tp in tps}
    for item in backlog["items"]:
        ev = item["evidence"]
        opp.append([
            item["id"], _safe(item["title"]), item["priority"], ev["people"], ev["severity"],
            _safe(t(f"backlog.status.{item['status']}", lang)), _safe(item["owner"]),
            item["effort"], _safe(", ".join(names.get(k, k) for k in item["touchpoints"])),
            _safe(" | ".join(ev["quotes"])),
            _safe(item["process"]), _safe(item["note"]),
            _safe(item["reason"]),
        ])  # fmt: skip
        for cell in opp[opp.max_row]:
            cell.alignment = style.wrap
    for column, width in zip("ABCDEFGHIJKLM", (5, 40, 10, 14, 10, 12, 16, 9, 30, 40, 20, 30, 30),
                             strict=True):  # fmt: skip
        opp.column_dimensions[column].width = width
