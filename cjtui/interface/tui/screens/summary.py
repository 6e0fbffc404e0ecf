"""Summary: the session's emotion curve, and its pains with their opportunities."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ....analysis.curve import CurveData, curve_data, largest_gaps, with_staff
from ....analysis.drawing.terminal import marker
from ....base.i18n import decimal, t
from ....domain.guide import Question
from ..base import AppScreen
from ..plot import CurvePlot
from ..text import lit, one_line
from ..widgets import KeyBar, StageBar


class SummaryScreen(AppScreen[None]):
    HELP = "help.summary"
    BINDINGS = [
        Binding("ctrl+d", "complete", "key.complete"),
        Binding("g,ctrl+g", "goto_missing", "key.goto_missing"),
        Binding("ctrl+e", "export", "key.export"),
        Binding("m", "map", "key.map"),
        Binding("ctrl+p", "prev", "key.prev"),
        Binding("escape", "home", "key.back"),
        Binding("q", "app.request_quit", "key.quit"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        interview = self.interview
        data = curve_data(
            interview.session,
            interview.guide,
            interview.session.language,
            study=interview.study,
            ui_lang=app.lang,
        )
        # A customer's curve in a study with staff interviews: staff's belief dotted behind.
        staff = interview.staff() if interview.session.perspective == "customer" else {}
        plotted = with_staff(data, staff, t("summary.staff_line", app.lang)) if staff else data
        yield StageBar(id="stage-bar")
        with Horizontal(id="summary"):
            yield CurvePlot(plotted, color=app.use_color, id="curve")
            with VerticalScroll(id="pains"):
                yield Static("", id="missing-list", classes="warning")
                if plotted is not data:  # which line is whose, never drawn over the curve
                    yield Static(
                        lit(
                            "\n".join(
                                f"{marker(series, k)} {series.name}"
                                + (" ···" if series.dashed else "")
                                for k, series in enumerate(plotted.series)
                            )
                        ),
                        id="lines",
                    )
                yield Static(lit(t("summary.journey", app.lang)), classes="section-title")
                yield Static(self._journey_text(data), id="journey-list")
                yield Static(lit(t("summary.pains", app.lang)), classes="section-title")
                yield Static(self._pains_text(), id="pain-list")
                gaps = largest_gaps(data, staff) if staff else []
                if gaps:
                    yield Static(lit(t("summary.gaps", app.lang)), classes="section-title")
                    yield Static(self._gaps_text(gaps), id="gap-list")
        yield KeyBar(id="keys")

    def _gaps_text(self, gaps: list[tuple[str, float, float]]) -> Content:
        """The three touchpoints where staff's belief is furthest from this customer."""
        lang = self.lang
        lines = [
            lit(
                t(
                    "summary.gap_line",
                    lang,
                    name=one_line(name, 40),
                    staff=decimal(staff, lang, 1, signed=True, bare_zero=True),
                    customer=f"{customer:+.0f}".replace("+0", "0"),
                )
            )
            for name, staff, customer in gaps
        ]
        return Content("\n").join(lines)

    def _journey_text(self, data: CurveData) -> Content:
        """Every stage in order, numbered as on the curve when its title does not fit there,
        with its touchpoints by their number on the curve (pains marked ✖, not only red).
        A stage not lived, or with no touchpoint, is listed as such rather than left out."""
        lang = self.lang
        session, guide = self.interview.session, self.interview.guide
        series = data.series[0] if data.series else None
        by_stage: dict[str, list[int]] = {}
        for i, point in enumerate(data.axis):
            by_stage.setdefault(point.stage, []).append(i)
        lines: list[Content] = []
        for n, record in enumerate(session.stages, 1):
            title = one_line(guide.stage_title(record, session.language), 24)
            note = ""
            if record.skipped:
                note = " " + t("skipped", lang)
            elif not by_stage.get(record.key):
                note = " " + t("summary.no_stage_points", lang)
            lines.append(Content.styled(f"{n} {title}{note}", "bold $text-accent"))
            for i in by_stage.get(record.key, []):
                point = data.axis[i]
                value = series.values[i] if series else None
                pain = bool(series and series.pains[i])
                emotion = "·" if value is None else (f"{value:+.0f}" if value else " 0")
                line = lit(f"{point.x:>2} {emotion:>2} {'✖' if pain else ' '} {point.label}")
                lines.append(line.stylize("bold $error") if pain else line)
        if not data.axis:
            lines.append(lit(t("summary.no_points", lang)))
        return Content("\n").join(lines)

    def _pains_text(self) -> Content:
        """Each pain with its improvement opportunity and the owner behind it."""
        lang = self.lang
        touchpoints = [tp for _, tp in self.interview.session.touchpoints()]
        if not any(tp.emotion is not None for tp in touchpoints):
            return lit(t("summary.no_points", lang))
        parts: list[Content] = []
        for x, tp in enumerate(touchpoints, 1):
            if not tp.pain:
                continue
            emotion = "?" if tp.emotion is None else (f"{tp.emotion:+d}" if tp.emotion else "0")
            title = f"✖ {x}. {one_line(tp.name, 40)} ({emotion})"
            parts.append(Content.styled(title, "bold $error"))
            owner = f" [{one_line(tp.owner, 30)}]" if tp.owner else ""
            opportunity = one_line(tp.opportunity, 200) or t("summary.no_opportunity", lang)
            parts.append(lit(f"  → {opportunity}{owner}"))
        if not parts:
            return lit(t("summary.no_pains", lang))
        return Content("\n").join(parts)

    def on_mount(self) -> None:
        self.missing: list[tuple[str, Question]] = []
        self._nudged = False
        self.query_one("#missing-list").display = False
        self.refresh_status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "goto_missing":
            return bool(getattr(self, "missing", None))
        return True

    def refresh_status(self) -> None:
        app = self.app
        bars = self.query(StageBar)
        if app.interview is None or not bars:
            return
        interview = self.interview
        lang = app.lang
        status = t(f"status.{interview.session.status}", lang)
        where = t("stage.summary_progress", lang, title=t("summary.title", lang)) + f" · {status}"
        done, total = interview.guide.progress(interview.session)
        saved, error = app.saved_text()
        bars.first().show(where, done, total, saved, error)

    def _show_missing(self) -> None:
        """List what is still to answer, where it is, at the top of the side pane."""
        interview = self.interview
        lang, session_lang = self.lang, interview.session.language
        lines = [Content.styled(t("summary.missing_title", lang), "bold underline")]
        for stage_id, question in self.missing:
            stage = interview.guide.stage(stage_id)
            where = t("stage.persona", lang) if stage is None else stage.title_text(session_lang)
            lines.append(
                lit(f"• {one_line(where, 14)}: {one_line(interview.prompt(question), 60)}")
            )
        widget = self.query_one("#missing-list", Static)
        widget.update(Content("\n").join(lines))
        widget.display = bool(self.missing)
        self.refresh_bindings()

    def action_complete(self) -> None:
        """Complete the interview. Required answers missing: listed, with g to go to them.
        Pains with no opportunity yet: named once (the method turns each pain into one);
        a second Ctrl+D completes all the same."""
        app = self.app
        lang = app.lang
        interview = self.interview
        self.missing = interview.missing_required()
        self._show_missing()
        if self.missing:
            self.notify(t("summary.missing", lang, n=len(self.missing)), severity="warning")
            return
        bare = [
            tp
            for _, tp in interview.session.touchpoints()
            if tp.pain and not tp.opportunity.strip()
        ]
        if bare and not self._nudged:
            self._nudged = True
            names = ", ".join(one_line(tp.name, 30) for tp in bare[:3])
            self.notify(
                t("summary.unopportune", lang, n=len(bare), names=names),
                severity="warning",
                timeout=10,
            )
            return
        interview.complete()
        self.notify(t("summary.completed", lang))
        self.refresh_status()

    def action_goto_missing(self) -> None:
        self.app.goto_missing()

    def action_map(self) -> None:
        """This interview's journey map, stage by stage."""
        from ....analysis.journey import build_map
        from .map import MapScreen

        interview = self.interview
        data = build_map(
            [interview.session],
            interview.guide,
            self.lang,
            study=interview.study,
            include_in_progress=True,
        )
        self.app.push_screen(MapScreen(data))

    def action_export(self) -> None:
        from .modals import ConfirmModal, ExportModal

        app = self.app
        lang = app.lang
        session = self.interview.session
        alias = re.sub(r"[^\w-]+", "-", session.participant.alias).strip("-").lower() or "session"
        # The folder last exported to (remembered like the guide and language), else the
        # one cjtui was started from.
        folder = Path(app.workspace.last_choices().get("export_dir") or Path.cwd())
        if not folder.is_dir():
            folder = Path.cwd()
        default = folder / f"cjtui-{alias}-{session.id[:8]}.json"

        def write(path: Path, overwrite: bool) -> None:
            try:
                app.workspace.export(session, path, overwrite=overwrite)
            except FileExistsError:
                question = t("summary.replace", lang, path=path)
                app.push_screen(
                    ConfirmModal(question, t("key.replace", lang), t("key.cancel", lang)),
                    lambda yes: write(path, True) if yes else None,
                )
                return
            except OSError as exc:
                reason = exc.strerror or str(exc)
                self.notify(
                    t("summary.export_failed", lang, path=path, error=reason),
                    severity="error",
                    timeout=10,
                )
                return
            app.workspace.remember_choices(export_dir=str(path.parent))
            self.notify(t("summary.exported", lang, path=path), timeout=8)

        def chosen(typed: str | None) -> None:
            if typed:
                write(Path(typed).expanduser().absolute(), False)

        app.push_screen(ExportModal(str(default)), chosen)

    def action_prev(self) -> None:
        self.app.go_to_step(len(self.app.steps()) - 1)

    def action_home(self) -> None:
        self.app.leave_interview()
