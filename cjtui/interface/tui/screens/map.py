"""The journey map in the terminal: one stage at a time (← → to pan), its curve drawn with
plotext on top and the lanes as rows below (what customers do, think, feel, expect and
doubt; touchpoints; pains; backstage; opportunities)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ....analysis.drawing.terminal import MARKERS, PAIN_MARKER
from ....analysis.journey import stage_curve
from ....analysis.journey.render import stage_lanes
from ....base.i18n import t
from ..base import AppScreen
from ..plot import CurvePlot
from ..text import lit
from ..widgets import KeyBar, StageBar

if TYPE_CHECKING:
    from ....analysis.journey.shapes import JourneyMap


class MapScreen(AppScreen[None]):
    HELP = "help.map"
    BINDINGS = [
        Binding("right,l", "pan(1)", "key.next_stage", key_display="→"),
        Binding("left,h", "pan(-1)", "key.prev_stage", key_display="←"),
        Binding("escape", "app.pop_screen", "key.back"),
        Binding("q", "app.request_quit", "key.quit"),
    ]
    AUTO_FOCUS = "#map-lanes"

    def __init__(self, data: JourneyMap) -> None:
        super().__init__(id="map")
        self.data = data
        self.index = 0

    def compose(self) -> ComposeResult:
        yield StageBar(id="stage-bar")
        yield CurvePlot(
            stage_curve(self.data, self.data["stages"][0]["id"]),
            color=self.app.use_color,
            legend=False,  # listed below the plot, never drawn over the curve
            id="map-curve",
        )
        with VerticalScroll(id="map-lanes"):
            yield Static("", id="map-text")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        stages = self.data["stages"]
        stage = stages[self.index]
        lang = self.lang
        where = t("map.where", lang, n=self.index + 1, total=len(stages), title=stage["title"])
        self.query_one(StageBar).show(where, self.index + 1, len(stages), "")
        curve = stage_curve(self.data, stage["id"])
        self.query_one(CurvePlot).set_data(curve)
        parts: list[Content] = [
            Content("  ").join(
                lit(f"{MARKERS[k % len(MARKERS)]} {series.name}")
                for k, series in enumerate(curve.series)
            )
            + lit(f"  {PAIN_MARKER} ")
            + lit(t("map.lane.pains", lang)),
            Content(""),
        ]
        for title, lines in stage_lanes(self.data, stage["id"]):
            parts.append(Content.styled(title, "bold underline"))
            parts.extend(
                Content.styled(line, "bold $error") if line.startswith("✖") else lit(line)
                for line in lines
            )
            parts.append(Content(""))
        self.query_one("#map-text", Static).update(Content("\n").join(parts))
        self.query_one("#map-lanes", VerticalScroll).scroll_home(animate=False)

    def action_pan(self, step: int) -> None:
        self.index = (self.index + step) % len(self.data["stages"])
        self.show()
