"""Analysis: the study's curves and its key findings, from the same report as `cjtui report`."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...curve import CurveData, curve_data
from ...i18n import t
from ...report import ReportError, build_report
from ..plot import CurvePlot
from ..text import lit, localize_bindings, one_line
from ..widgets import KeyBar, StageBar

GROUPINGS = ("perspective", "moment", "all", "session")


class AnalysisScreen(Screen[None]):
    HELP = "help.analysis"
    BINDINGS = [
        Binding("g", "next_guide", "key.guide"),
        Binding("b", "next_grouping", "key.grouping"),
        Binding("i", "toggle_in_progress", "key.in_progress"),
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("q", "app.request_quit", "key.quit"),
    ]

    def __init__(self) -> None:
        super().__init__(id="analysis")
        self.guide_id: str | None = None
        self.grouping = "perspective"
        self.include_in_progress = False

    def compose(self) -> ComposeResult:
        localize_bindings(self, self.app.lang)
        yield StageBar(id="stage-bar")
        with Horizontal(id="summary"):
            yield CurvePlot(CurveData(), color=self.app.use_color, id="curve")
            with VerticalScroll(id="pains"):
                yield Static("", id="findings")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        app = self.app
        lang = app.lang
        guides, guide, sessions = app.workspace.study(
            self.guide_id, include_in_progress=self.include_in_progress
        )
        self.guides = guides
        self.guide_id = guide.id if guide else None
        plot = self.query_one(CurvePlot)
        findings = self.query_one("#findings", Static)
        where = t("analysis.title", lang, guide=guide.id if guide else "—", n=len(sessions))
        where += f" · {t('analysis.by.' + self.grouping, lang)}"
        self.query_one(StageBar).show(where, 0, 0, "")
        if guide is None or not sessions:
            plot.set_data(CurveData())
            findings.update(lit(t("analysis.empty", lang)))
            return
        plot.set_data(curve_data(sessions, guide, lang, by=self.grouping))
        try:
            report = build_report(
                sessions, guide, lang, include_in_progress=self.include_in_progress
            )
        except ReportError as exc:
            findings.update(lit(str(exc)))
            return
        findings.update(self._findings(report))

    def _findings(self, report: dict[str, Any]) -> Content:
        lang = self.app.lang
        parts: list[Content] = []

        def section(title: str, rows: list[str], danger: bool = False) -> None:
            parts.append(Content.styled(title, "bold underline"))
            if not rows:
                parts.append(lit(t("report.none", lang)))
            for row in rows:
                parts.append(Content.styled(row, "$error") if danger else lit(row))
            parts.append(Content(""))

        section(
            t("analysis.moments", lang),
            [
                f"✖ {one_line(m['name'], 15)} {m['pains']}/{m['mentions']} {m['mean']:+.1f}"
                for m in report["moments_of_truth"][:5]
            ],
            danger=True,
        )
        section(
            t("analysis.gap", lang),
            [f"{one_line(g['name'], 22)} {g['gap']:+.1f}" for g in report["perception_gap"][:5]],
        )
        section(
            t("analysis.owners", lang),
            [f"{one_line(o['name'], 22)} {o['pains']}" for o in report["owners"][:5] if o["pains"]],
        )
        titles = {s["id"]: s["title"] for s in report["stages"]}
        if report["weakest_stage"]:
            section(
                t("analysis.stages", lang),
                [
                    f"▼ {titles[report['weakest_stage']]}",
                    f"▲ {titles[report['strongest_stage']]}",
                ],
            )
        return Content("\n").join(parts)

    def action_next_guide(self) -> None:
        ids = [g.id for g in getattr(self, "guides", [])]
        if ids and self.guide_id in ids:
            self.guide_id = ids[(ids.index(self.guide_id) + 1) % len(ids)]
        self.reload()

    def action_next_grouping(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.reload()

    def action_toggle_in_progress(self) -> None:
        self.include_in_progress = not self.include_in_progress
        self.reload()
