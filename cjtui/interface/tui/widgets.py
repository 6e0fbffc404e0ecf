"""Light widgets used on every screen: the stage bar, the key bar, the one-line answer field.
They own no storage: they show values and post messages upward."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from ...base.i18n import key_label
from ...domain.model import MAX_TEXT


class AnswerInput(Input):
    """A one-line answer field of fixed size.

    Textual's Input sets its virtual size on every keystroke, and a change of virtual size
    asks for the whole screen to be laid out again: on a form of thirty widgets that doubled
    the cost of typing. The field's own size never depends on it, so here it only repaints.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("ctrl+end", "end", show=False),
        Binding("ctrl+home", "home", show=False),
    ]

    def on_focus(self) -> None:
        # Whatever brought the field into focus (a resume, Ctrl+P, Tab), the next words the
        # interviewer types continue the answer, never land in front of it.
        self.cursor_position = len(self.value)


def text_input(value: str, *, id: str, placeholder: str = "") -> Input:
    """A one-line answer field. Focusing it never selects (and so never replaces) the text;
    it takes no more than a session may hold (model.MAX_TEXT)."""
    return AnswerInput(
        value=value,
        id=id,
        compact=True,
        select_on_focus=False,
        max_length=MAX_TEXT,
        placeholder=placeholder,
    )


class StageBar(Widget):
    """Always on top: where the interview is (stage n/N · title), progress, last save.

    A Widget that renders its own line rather than a Static: a Static's update lays the
    screen out again, and this bar changes at every save.
    """

    _shown: tuple[str, int, int, str, bool] = ("", 0, 0, "", False)
    _line: Content = Content("")

    def show(self, where: str, done: int, total: int, saved: str, error: bool = False) -> None:
        self._shown = (where, done, total, saved, error)
        dots = "●" * done + "○" * max(0, total - done)
        left = Content.assemble((where, "bold"), "  ", (dots, "bold"))
        right = Content.styled(saved, "bold" if error else "italic")
        width = self.content_size.width or 78
        gap = max(2, width - left.cell_length - right.cell_length)
        line = Content.assemble(left, " " * gap, right)
        if line != self._line:
            self._line = line
            self.refresh()
        self.set_class(error, "-error")

    def render(self) -> Content:
        return self._line

    def on_resize(self) -> None:
        if self._shown[0]:
            self.show(*self._shown)


class KeyBar(Static):
    """Every active binding of the screen, wrapped over as many lines as 80 columns need."""

    _owner: Screen[Any] | None = None

    def on_mount(self) -> None:
        self._owner = self.screen
        self._owner.bindings_updated_signal.subscribe(self, self._changed)
        self._render_keys()

    def on_unmount(self) -> None:
        if self._owner is not None:
            self._owner.bindings_updated_signal.unsubscribe(self)
            self._owner = None

    def _changed(self, screen: Screen[Any]) -> None:
        if screen is self._owner:
            self.call_after_refresh(self._render_keys)

    def _render_keys(self) -> None:
        if self._owner is None or not self.is_attached:
            return
        # Keys that do the same (d and delete, q and ^q) share one entry: "d/del".
        entries: dict[str, list[str]] = {}
        lang = getattr(self.app, "lang", "en")
        for active in self._owner.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description:
                continue
            keys = entries.setdefault(key_label(binding.description, lang), [])
            key = self.app.get_key_display(binding)
            if binding.action.startswith("screen.rate_touchpoint("):
                # The rating digits as one range: "1–N" for the scale's N points.
                key = f"1–{getattr(self._owner, 'rating_points', 9)}"
            if key not in keys:
                keys.append(key)
        # Pack whole entries into lines ourselves, so a key is never parted from its label.
        width = self.size.width or self.app.size.width or 80
        lines: list[list[Content]] = [[]]
        used = 0
        for description, keys in entries.items():
            entry = Content.assemble((f" {'/'.join(keys)} ", "reverse bold"), f" {description}")
            if lines[-1] and used + 1 + entry.cell_length > width:
                lines.append([])
                used = 0
            used += entry.cell_length + (1 if lines[-1] else 0)
            lines[-1].append(entry)
        self.update(Content("\n").join(Content(" ").join(line) for line in lines))

    def on_resize(self) -> None:
        self._render_keys()
