"""The emotion curve widget (textual-plotext), imported only by the screens that draw it:
plotext costs start-up time the other screens need not pay."""

from __future__ import annotations

from typing import Any

from textual_plotext import PlotextPlot

from ...analysis.curve import CurveData
from ...analysis.drawing.terminal import draw


class CurvePlot(PlotextPlot):
    """The emotion curve; drawn from :class:`CurveData` only when the data or size changes."""

    def __init__(
        self, data: CurveData, *, color: bool = True, legend: bool = True, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.data = data
        self.color = color
        self.legend = legend
        self._drawn_for: tuple[int, int] | None = None
        self._picture: Any = None

    def set_data(self, data: CurveData) -> None:
        self.data = data
        self._drawn_for = None
        self.refresh()

    def render(self) -> Any:
        # Drawn and built once per data and size; any other repaint reuses the picture.
        size = (self.size.width, self.size.height)
        if self._drawn_for != size:
            draw(self.plt, self.data, color=self.color, width=self.size.width, legend=self.legend)
            self._drawn_for = size
            self._picture = super().render()
        return self._picture
