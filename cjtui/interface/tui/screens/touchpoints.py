"""The stage screen's touchpoint pane: the table of the stage's touchpoints and what its keys
do (add from the guide's suggestions, edit, rate with a single key, reorder, remove, undo).

:class:`TouchpointPane` is a part of :class:`~.stage.StageScreen`, kept apart for its
length: its actions and handlers are the screen's (Textual finds ``action_*`` and
``on_*`` methods along the class's bases), so the bindings, the key bar and the message
flow are exactly those of one screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from ....base.i18n import channel_label, decimal, t
from ....domain.model import Touchpoint
from ....services.interview import TouchpointEditor
from ..keygate import TypingGuard
from ..text import cell, face, lit, one_line

if TYPE_CHECKING:
    from ....domain.guide import Stage
    from ....services.interview import Interview
    from ..base import AppScreen
    from ..fields import QuestionField

    _Screen = AppScreen[None]
else:
    _Screen = object


class TouchpointTable(TypingGuard, DataTable[Any]):
    """The stage's touchpoints. Keys act on the highlighted row; digits rate it."""

    BINDINGS = [
        Binding("a", "screen.add_touchpoint", "key.add"),
        Binding("enter,e", "screen.edit_touchpoint", "key.edit"),
        Binding("x,delete", "screen.remove_touchpoint", "key.remove"),
        Binding("u,ctrl+z", "screen.undo", "key.undo"),
        Binding("escape", "screen.questions", "key.questions"),
        Binding("shift+up", "screen.move_touchpoint(-1)", "key.up", key_display="⇧↑"),
        Binding("shift+down", "screen.move_touchpoint(1)", "key.down", key_display="⇧↓"),
        *(
            Binding(str(n), f"screen.rate_touchpoint({n - 1})", "key.rate", show=n == 1)
            for n in range(1, 10)
        ),
    ]

    def __init__(self, points: int, lang: str, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)
        # Digits past the scale's points are hidden and do nothing (StageScreen.check_action);
        # the key bar shows "1–N" for the scale's N (KeyBar).
        self.points = min(9, points)
        self._typing_until = 0.0

    def on_key(self, event: events.Key) -> None:
        self.guard_typing(event)  # words typed here by mistake run no command

    def typing_refused(self, event: events.Key) -> None:
        self.post_message(self.Refused())

    class Refused(Message):
        """Words typed in the pane of commands: refused, and said so once."""


def _rating(value: int | None, lang: str) -> str:
    if value is None:
        return t("unrated", lang)
    return f"{value:+d}" if value else "0"


class TouchpointPane(_Screen):
    """The touchpoint pane's part of a stage screen (see the module)."""

    if TYPE_CHECKING:  # the screen's own (StageScreen), for the type checker only
        interview: Interview
        stage_id: str
        stage: Stage | None
        journey: bool
        fields: dict[str, QuestionField]
        last_field: QuestionField | None
        changes: list[tuple[str, Callable[[], None]]]
        _changed_at: float

        def refresh_status(self) -> None: ...
        def notice(self, kind: str, text: str) -> None: ...
        def _focus_field(self, field: QuestionField) -> None: ...

    def _record_touchpoints(self) -> list[Touchpoint]:
        return self.interview.session.stage(self.stage_id).touchpoints

    def reload_touchpoints(self, cursor: int | None = None) -> None:
        table = self.query_one(TouchpointTable)
        app = self.app
        guide = self.interview.guide
        lang = app.lang
        row = table.cursor_row if cursor is None else cursor
        table.clear()
        for n, tp in enumerate(self._record_touchpoints(), 1):
            if tp.emotion is None:
                emotion = cell(t("unrated", lang), "dim")
            else:
                point = guide.scale.point(tp.emotion)
                emoji = face(tp.emotion, point.face if point else "", app.ascii_faces)
                sign = f"{tp.emotion:+d}" if tp.emotion else "0"
                emotion = cell(f"{sign} {emoji}")
            pain = cell(f"✖ {t('pain', lang)}", "bold red") if tp.pain else cell("")
            name = cell(one_line(tp.name, self._name_width) or "?", "red" if tp.pain else "")
            channel = channel_label(tp.channel, lang, one_line(tp.channel_name, 24))
            cells = [cell(n), name, cell(channel), emotion, pain]
            if self.interview.show_staff:
                cells.append(self._staff_cell(tp))
            table.add_row(*cells, key=tp.id)
        empty = not self._record_touchpoints()
        self.query_one("#no-touchpoints").display = empty
        if not empty:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        self.refresh_status()

    @property
    def _name_width(self) -> int:
        """The name column: narrower with staff's view, so the table fits 80 columns."""
        return 21 if self.interview.show_staff else 30

    def _add_columns(self) -> None:
        """The table's columns; with staff's view, the name gives it room (80 columns)."""
        table = self.query_one(TouchpointTable)
        lang = self.lang
        staff = self.interview.show_staff
        table.add_column(cell("#"), key="n", width=2)
        table.add_column(cell(t("stage.col.name", lang)), key="name", width=self._name_width)
        table.add_column(cell(t("stage.col.channel", lang)), key="channel", width=11)
        table.add_column(cell(t("stage.col.emotion", lang)), key="emotion", width=12)
        table.add_column(cell(t("stage.col.pain", lang)), key="pain", width=8)
        if staff:
            table.add_column(cell(t("stage.col.staff", lang)), key="staff", width=7)

    def _staff_cell(self, tp: Touchpoint) -> Any:
        """Staff's mean rating at this touchpoint, and how far the customer's is from it."""
        found = self.interview.staff().get(self.interview.staff_key(tp))
        if found is None:
            return cell("—", "dim")
        mean, _ = found
        text = decimal(mean, self.lang, 1, signed=True, bare_zero=True)
        if tp.emotion is not None and abs(mean - tp.emotion) >= 2:
            return cell(f"{text} ≠", "bold")  # a difference worth asking about
        return cell(text)

    def action_staff(self) -> None:
        """Show or hide, beside each touchpoint, how the study's staff believed customers
        feel there (off until asked for, so it does not lead the interview)."""
        interview = self.interview
        interview.show_staff = not interview.show_staff
        self.query_one(TouchpointTable).clear(columns=True)
        self._add_columns()
        self.reload_touchpoints()
        self.notice("staff", t("stage.staff_on", self.lang) if interview.show_staff else "")

    def _current_touchpoint(self) -> Touchpoint | None:
        table = self.query_one(TouchpointTable)
        tps = self._record_touchpoints()
        if not tps or not (0 <= table.cursor_row < len(tps)):
            return None
        return tps[table.cursor_row]

    @property
    def rating_points(self) -> int:
        """How many digits rate a touchpoint here (the scale's points, at most 9)."""
        tables = self.query(TouchpointTable)
        return tables.first().points if tables else 0

    def action_touchpoints(self) -> None:
        """Ctrl+T: from the questions to the touchpoints, and back."""
        if not self.journey:
            return
        table = self.query_one(TouchpointTable)
        if table.has_focus:
            self.action_questions()
        else:
            table.focus()

    def action_questions(self) -> None:
        """Back from the touchpoints to the question last answered (or the first shown)."""
        field = self.last_field
        if field is None or not field.display:
            field = next((f for f in self.fields.values() if f.display), None)
        if field is not None:
            self._focus_field(field)

    def action_add_touchpoint(self) -> None:
        from .editor import TouchpointModal
        from .modals import AddTouchpointModal

        if not self.journey:
            return
        taken = {tp.name for tp in self._record_touchpoints()}

        def picked(choice: tuple[str, str, str] | None) -> None:
            if choice is None:
                return
            name, channel, key = choice
            tp = self.interview.add_touchpoint(self.stage_id, name, channel, key=key)
            self.reload_touchpoints(cursor=len(self._record_touchpoints()) - 1)

            def closed(edited: Touchpoint | None) -> None:
                if edited is not None and not edited.name.strip():
                    self.interview.remove_touchpoint(edited.id)  # added, then left nameless
                self.reload_touchpoints()
                self.query_one(TouchpointTable).focus()

            self.app.push_screen(
                TouchpointModal(
                    TouchpointEditor(self.interview, tp), focus="name" if not name else "emotion"
                ),
                closed,
            )

        if self.stage is None:  # an added stage: no suggestions, a name typed
            picked(("", "other", ""))
            return
        self.app.push_screen(AddTouchpointModal(self.stage, taken), picked)

    def action_edit_touchpoint(self) -> None:
        tp = self._current_touchpoint()
        if tp is None:
            self.action_add_touchpoint()
            return
        self.open_editor(tp)

    def open_editor(self, tp: Touchpoint, focus: str = "emotion") -> None:
        from .editor import TouchpointModal

        def closed(_: Touchpoint | None) -> None:
            self.reload_touchpoints()
            self.query_one(TouchpointTable).focus()

        editor = TouchpointEditor(self.interview, tp)
        self._say_change("")  # what the pane said is past once its editor opens
        self.app.push_screen(TouchpointModal(editor, focus=focus), closed)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()

    def action_remove_touchpoint(self) -> None:
        """Remove the highlighted touchpoint: asked first when it carries more than a name
        and a rating, and undone with u either way."""
        from .modals import ConfirmModal

        tp = self._current_touchpoint()
        if tp is None:
            return
        lang = self.lang
        if not any((tp.note, tp.process, tp.owner, tp.opportunity)):
            self._remove(tp)
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._remove(tp)
            self.query_one(TouchpointTable).focus()

        self.app.push_screen(
            ConfirmModal(
                t("tp.remove_confirm", lang, name=one_line(tp.name, 40)),
                t("key.remove", lang),
                t("key.cancel", lang),
            ),
            done,
        )

    def _remove(self, tp: Touchpoint) -> None:
        place = [x.id for x in self._record_touchpoints()].index(tp.id)
        self.interview.remove_touchpoint(tp.id)
        stage_id = self.stage_id

        def undo() -> None:
            self.interview.restore_touchpoint(stage_id, tp, place)
            self.reload_touchpoints(cursor=place)

        self._changed(t("tp.removed_short", self.lang, name=one_line(tp.name, 40)), undo)
        self.reload_touchpoints()

    def _changed(self, said: str, undo: Callable[[], None]) -> None:
        """A change made from the pane: said in the pane, and undone with u."""
        self.changes = [*self.changes[-19:], (said, undo)]
        self._changed_at = time.monotonic()
        self._say_change(f"{said} · {t('tp.u_undoes', self.lang)}")
        self.refresh_bindings()

    def _say_change(self, said: str) -> None:
        line = self.query_one("#tp-change", Static)
        line.update(lit(said))
        line.display = bool(said)

    def action_undo(self) -> None:
        """u: undo the last change made from the pane (a rating, a removal)."""
        if not self.changes or not self.journey:
            return
        said, undo = self.changes.pop()
        undo()
        self._say_change(t("tp.undone", self.lang, what=said))
        self.refresh_bindings()

    def on_touchpoint_table_refused(self, event: TouchpointTable.Refused) -> None:
        event.stop()
        said = t("tp.refused", self.lang)
        if self.changes and time.monotonic() - self._changed_at < 10:
            # A change just made stays said beside it (what did happen, and its undo).
            said += f" · {self.changes[-1][0]} · {t('tp.u_undoes', self.lang)}"
        self._say_change(said)
        self.query_one(TouchpointTable).add_class("-refused")
        self.set_timer(0.6, lambda: self.query_one(TouchpointTable).remove_class("-refused"))

    def action_move_touchpoint(self, offset: int) -> None:
        tp = self._current_touchpoint()
        if tp is None:
            return
        if self.interview.move_touchpoint(tp.id, offset):
            index = [x.id for x in self._record_touchpoints()].index(tp.id)
            self.reload_touchpoints(cursor=index)

    def action_rate_touchpoint(self, index: int) -> None:
        tp = self._current_touchpoint()
        points = self.interview.guide.scale.points
        if tp is None or index >= len(points):
            return
        before = (tp.emotion, tp.pain)
        value = points[index].value
        if value == tp.emotion:
            return
        self.interview.update_touchpoint(tp.id, emotion=value)
        self.reload_touchpoints()
        lang = self.lang
        said = t(
            "tp.rated",
            lang,
            name=one_line(tp.name, 30),
            old=_rating(before[0], lang),
            new=_rating(tp.emotion, lang),
        )
        if tp.pain != before[1]:
            said += " · " + t("tp.pain_on" if tp.pain else "tp.pain_off", lang)
        tp_id = tp.id

        def undo() -> None:
            self.interview.update_touchpoint(tp_id, emotion=before[0], pain=before[1])
            self.reload_touchpoints()

        self._changed(said, undo)
