"""Analysis: the study's curves and its key findings, from the same report as `cjtui report`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ....analysis.curve import CurveData, curve_data
from ....analysis.drawing.terminal import PAIN_MARKER, color_of, marker, stage_labels
from ....analysis.report import ReportError, build_report
from ....analysis.report.tables import THIN_MARK
from ....base.errors import CjtuiError
from ....base.i18n import decimal, plural, t
from ..base import AppScreen
from ..plot import CurvePlot
from ..text import lit, one_line, said
from ..widgets import KeyBar, StageBar

if TYPE_CHECKING:
    from ....analysis.report.shapes import Report
    from ....domain.guide import Guide
    from ....domain.model import Session
    from ....domain.study import Study

GROUPINGS = ("perspective", "moment", "all", "session")


class AnalysisScreen(AppScreen[None]):
    HELP = "help.analysis"
    BINDINGS = [
        Binding("s", "next_study", "key.study"),
        Binding("b", "next_grouping", "key.grouping"),
        Binding("m", "map", "key.map"),
        Binding("o", "backlog", "key.backlog"),
        Binding("i", "toggle_in_progress", "key.in_progress"),
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("q", "app.request_quit", "key.quit"),
    ]

    def __init__(self) -> None:
        super().__init__(id="analysis")
        self.grouping = "perspective"
        self.include_in_progress = False
        # The study, guide and sessions shown (None when there is nothing: problem says why).
        self.covered: tuple[Study, Guide, list[Session]] | None = None
        self.problem = ""

    def compose(self) -> ComposeResult:
        yield StageBar(id="stage-bar")
        with Horizontal(id="summary"):
            # The legend is listed beside the plot, never drawn over the curve.
            yield CurvePlot(CurveData(), color=self.app.use_color, legend=False, id="curve")
            with VerticalScroll(id="pains"):
                yield Static("", id="findings")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        app = self.app
        lang = app.lang
        plot = self.query_one(CurvePlot)
        findings = self.query_one("#findings", Static)
        try:
            study, guide, sessions = app.workspace.analysis(
                app.study_id, include_in_progress=self.include_in_progress, strict=False
            )
        except CjtuiError as exc:  # several studies and none chosen (s on Home), or none
            self.covered, self.problem = None, said(exc, self.lang)
            self.query_one(StageBar).show(t("study.all", lang), 0, 0, "")
            plot.set_data(CurveData())
            findings.update(lit(said(exc, self.lang)))
            return
        self.covered = (study, guide, sessions)  # what m maps, without reading it again
        where = plural("analysis.title", len(sessions), lang, guide=study.id)
        where += f" · {t('analysis.by.' + self.grouping, lang)}"
        self.query_one(StageBar).show(where, 0, 0, "")
        if not sessions:
            plot.set_data(CurveData())
            findings.update(lit(t("analysis.empty", lang)))
            return
        # By moment, customers' expectation and what they lived: staff's belief is no moment.
        drawn = sessions
        if self.grouping == "moment":
            drawn = [s for s in sessions if s.perspective == "customer"] or sessions
        data = curve_data(drawn, guide, lang, by=self.grouping, study=study)
        plot.set_data(data)
        try:
            report = build_report(
                sessions, guide, lang, include_in_progress=self.include_in_progress, study=study
            )
        except ReportError as exc:
            findings.update(lit(said(exc, self.lang)))
            return
        findings.update(Content("\n").join([self._key(data), self._findings(report)]))

    def _key(self, data: CurveData) -> Content:
        """What the plot shows: each line with its marker and colour, then each numbered
        point on the axis by name, by stage."""
        lang = self.lang
        parts: list[Content] = [Content.styled(t("analysis.lines", lang), "bold underline")]
        for n, series in enumerate(data.series):
            style = color_of(series, n) if self.app.use_color else ""
            name = one_line(series.name, 40) + (" ···" if series.dashed else "")
            parts.append(Content.assemble((marker(series, n), style), " ", lit(name)))
        parts.append(Content.assemble((PAIN_MARKER, "red"), " ", lit(t("pain", lang).lower())))
        parts.append(Content(""))
        parts.append(Content.styled(t("analysis.axis", lang), "bold underline"))
        titles = dict(stage_labels(data, 10_000))
        for span in data.stages:
            parts.append(Content.styled(one_line(titles.get(span, span.title), 40), "bold"))
            for point in data.axis[span.first - 1 : span.last]:
                parts.append(lit(f"{point.x:>2} {one_line(point.label, 40)}"))
        parts.append(Content(""))
        return Content("\n").join(parts)

    def _findings(self, report: Report) -> Content:
        lang = self.lang
        parts: list[Content] = []

        def section(title: str, rows: list[str], danger: bool = False) -> None:
            head, rows = rows[0], rows[1:]
            parts.append(Content.styled(title, "bold underline"))
            if not rows:
                parts.append(lit(t("report.none", lang)))
            else:
                parts.append(Content.styled(head, "italic $text-muted"))
            for row in rows:
                parts.append(lit(row).stylize("$error") if danger else lit(row))
            parts.append(Content(""))

        section(
            t("analysis.moments", lang),
            [f"  {t('analysis.moments_head', lang)}"]
            + [
                f"✖ {one_line(m['name'], 30)}  {m['pains']}/{m['people']}"
                f"{THIN_MARK if m['thin'] else ''} · "
                f"{decimal(m['mean'] or 0.0, lang, 1, signed=True)}"
                for m in report["moments_of_truth"][:5]
            ],
            danger=True,
        )
        section(
            t("analysis.gap", lang),
            [f"  {t('analysis.gap_head', lang)}"]
            + [
                f"{one_line(g['name'], 30)}  {decimal(g['gap'] or 0.0, lang, 1, signed=True)}"
                f" (n={g['staff_people']} · n={g['people']})"
                for g in report["perception_gap"][:5]
            ],
        )
        section(
            t("analysis.owners", lang),
            [f"  {t('analysis.owners_head', lang)}"]
            + [
                f"{one_line(o['name'], 30)}  {o['pains']}"
                for o in report["owners"][:5]
                if o["pains"]
            ],
        )
        titles = {s["id"]: s["title"] for s in report["stages"]}
        if report["weakest_stage"] and report["weakest_stage"] != report["strongest_stage"]:
            section(
                t("analysis.stages", lang),
                [
                    f"▼ {titles.get(report['weakest_stage'] or '', '—')}",
                    f"▲ {titles.get(report['strongest_stage'] or '', '—')}",
                ],
            )
        return Content("\n").join(parts)

    def action_next_study(self) -> None:
        """The next study's analysis (its sessions are never mixed with another's)."""
        ids = self.app.workspace.study_ids(self.app.workspace.summaries()[0])
        if not ids:
            return
        current = self.app.study_id
        following = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        self.app.choose_study(following)
        self.reload()

    def action_backlog(self) -> None:
        """The study's opportunity backlog (see BacklogScreen)."""
        from .backlog import BacklogScreen

        if self.covered is None:  # no study chosen among several, or none
            self.notify(self.problem, severity="warning")
            return
        self.app.push_screen(BacklogScreen(self.covered[0].id))

    def action_map(self) -> None:
        """The study's journey map (its completed interviews; in progress too when shown)."""
        from ....analysis.journey import build_map
        from .map import MapScreen

        app = self.app
        if self.covered is None:  # no study chosen among several, or none
            self.notify(self.problem, severity="warning")
            return
        study, guide, sessions = self.covered
        try:
            data = build_map(
                sessions,
                guide,
                app.lang,
                study=study,
                compare="moment" if self.grouping == "moment" else "perspective",
                include_in_progress=self.include_in_progress,
            )
        except CjtuiError as exc:  # nothing to map
            self.notify(said(exc, self.lang), severity="warning")
            return
        app.push_screen(MapScreen(data))

    def action_next_grouping(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.reload()

    def action_toggle_in_progress(self) -> None:
        self.include_in_progress = not self.include_in_progress
        self.reload()
