"""Summary: the session's emotion curve, and its pains with their opportunities."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ...curve import CurveData, curve_data
from ...guide import PERSONA_STAGE
from ...i18n import t
from ..plot import CurvePlot
from ..text import lit, localize_bindings, one_line
from ..widgets import KeyBar, StageBar


class SummaryScreen(Screen[None]):
    HELP = "help.summary"
    BINDINGS = [
        Binding("ctrl+d", "complete", "key.complete"),
        Binding("ctrl+e", "export", "key.export"),
        Binding("ctrl+p", "prev", "key.prev"),
        Binding("escape", "home", "key.back"),
        Binding("q", "app.request_quit", "key.quit"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        localize_bindings(self, app.lang)
        interview = app.interview
        data = curve_data(interview.session, interview.guide, interview.session.language)
        yield StageBar(id="stage-bar")
        with Horizontal(id="summary"):
            yield CurvePlot(data, color=app.use_color, id="curve")
            with VerticalScroll(id="pains"):
                yield Static(lit(t("summary.journey", app.lang)), classes="section-title")
                yield Static(self._journey_text(data), id="journey-list")
                yield Static(lit(t("summary.pains", app.lang)), classes="section-title")
                yield Static(self._pains_text(), id="pain-list")
        yield KeyBar(id="keys")

    def _journey_text(self, data: CurveData) -> Content:
        """Every touchpoint by its number on the curve, pains marked ✖ (not only by colour)."""
        lang = self.app.lang
        if not data.axis:
            return lit(t("summary.no_points", lang))
        series = data.series[0]
        lines = []
        for point, value, pain in zip(data.axis, series.values, series.pains, strict=True):
            emotion = "·" if value is None else (f"{value:+.0f}" if value else " 0")
            mark = "✖" if pain else " "
            line = lit(f"{point.x:>2} {emotion:>2} {mark} {one_line(point.label, 18)}")
            lines.append(line.stylize("bold $error") if pain else line)
        return Content("\n").join(lines)

    def _pains_text(self) -> Content:
        """Each pain with its improvement opportunity and the owner behind it."""
        lang = self.app.lang
        touchpoints = [tp for _, tp in self.app.interview.session.touchpoints()]
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
        self.refresh_status()

    def refresh_status(self) -> None:
        app = self.app
        bars = self.query(StageBar)
        if app.interview is None or not bars:
            return
        interview = app.interview
        lang = app.lang
        status = t(f"status.{interview.session.status}", lang)
        where = t("stage.summary_progress", lang, title=t("summary.title", lang)) + f" · {status}"
        done, total = interview.guide.progress(interview.session)
        saved, error = app.saved_text()
        bars.first().show(where, done, total, saved, error)

    def action_complete(self) -> None:
        app = self.app
        lang = app.lang
        interview = app.interview
        missing = interview.complete()
        if missing:
            names = []
            for stage_id, _question in missing[:3]:
                if stage_id == PERSONA_STAGE:
                    names.append(t("stage.persona", lang))
                else:
                    stage = interview.guide.stage(stage_id)
                    names.append(
                        stage.title_text(interview.session.language) if stage else stage_id
                    )
            where = ", ".join(dict.fromkeys(names))
            self.notify(
                t("summary.missing", lang, n=len(missing), where=where),
                severity="warning",
                timeout=6,
            )
        else:
            self.notify(t("summary.completed", lang))
        self.refresh_status()

    def action_export(self) -> None:
        from .modals import ExportModal

        app = self.app
        session = app.interview.session
        alias = re.sub(r"[^\w-]+", "-", session.participant.alias).strip("-").lower() or "session"
        default = f"cjtui-{alias}-{session.id[:8]}.json"

        def chosen(path: str | None) -> None:
            if not path:
                return
            try:
                app.workspace.export(session, Path(path).expanduser())
            except OSError as exc:
                self.notify(
                    t("summary.export_failed", app.lang, error=exc.strerror or str(exc)),
                    severity="error",
                )
                return
            self.notify(t("summary.exported", app.lang, path=path))

        app.push_screen(ExportModal(default), chosen)

    def action_prev(self) -> None:
        self.app.go_to_step(len(self.app.steps()) - 1)

    def action_home(self) -> None:
        self.app.leave_interview()
