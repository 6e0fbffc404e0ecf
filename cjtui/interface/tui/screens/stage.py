"""One screen per step of the interview: the participant's profile, then each stage.

A stage screen shows the stage's questions as a form (required ones marked, ``when``
conditions hiding and showing questions as answers change) and its touchpoints in a table:
add from the guide's suggestions, edit, rate with a single key, reorder, remove.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import DescendantBlur, DescendantFocus
from textual.message import Message
from textual.widgets import DataTable, Static

from ....base.i18n import channel_label, decimal, t
from ....domain.guide import PERSONA_STAGE, Question, Stage
from ....domain.model import Touchpoint
from ....services.interview import (
    AnswerKey,
    PersonaKey,
    StageTextKey,
    TouchpointEditor,
    question_key,
)
from ..base import AppScreen
from ..fields import QuestionField
from ..keygate import TypingGuard
from ..text import cell, face, lit, one_line, settle_cursors
from ..widgets import KeyBar, StageBar


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


class StageScreen(AppScreen[None]):
    HELP = "help.stage"
    # Not priority bindings: a key typed just before Ctrl+N reaches its field first.
    BINDINGS = [
        Binding("ctrl+n", "next", "key.next"),
        Binding("ctrl+p", "prev", "key.prev"),
        Binding("ctrl+t", "touchpoints", "key.touchpoints"),
        Binding("ctrl+o", "skip", "key.skip"),
        Binding("ctrl+o", "remove_stage", "key.remove_stage"),
        Binding("ctrl+r", "add_stage", "key.add_stage"),
        Binding("ctrl+s", "save", "key.save"),
        Binding("ctrl+g", "goto_missing", "key.goto_missing"),
        Binding("ctrl+b", "staff", "key.staff"),
        Binding("escape", "home", "key.back"),
        # Tab cycles through the stage's questions only (never into the touchpoints, where
        # letters are commands: Ctrl+T goes there), after deciding the follow-ups the
        # answer just typed calls for.
        Binding("tab", "next_field(1)", show=False),
        Binding("shift+tab", "next_field(-1)", show=False),
        Binding("down", "next_field(1)", show=False),
        Binding("up", "next_field(-1)", show=False),
    ]

    def __init__(self, step: int, *, focus: str | None = None) -> None:
        super().__init__(classes="stage-screen")
        self.step = step
        self.focus_target = focus
        self.stage_id = ""
        self.stage: Stage | None = None  # the guide's stage (None: the profile, or an added one)
        self.journey = False  # a stage of the journey (the guide's or added), not the profile
        self.added = False  # a stage the participant added (Ctrl+O removes it)
        self.fields: dict[str, QuestionField] = {}
        # What the stage was for the participant (and an added stage's name), in their words.
        self.stage_fields: dict[str, QuestionField] = {}
        self.last_field: QuestionField | None = None
        # What u undoes in the touchpoint pane, the latest last: (what it was, undo it).
        self.changes: list[tuple[str, Callable[[], None]]] = []
        self._changed_at = 0.0

    # ---- building ------------------------------------------------------------------------

    def _questions(self) -> list[Question]:
        guide = self.interview.guide
        if self.stage_id == PERSONA_STAGE:
            return list(guide.persona)
        return list(self.stage.questions) if self.stage is not None else []

    def _stage_questions(self, lang: str) -> list[Question]:
        """The fields about the stage itself, as questions: an added stage's name, and what
        the stage was for the participant (asked of staff about the customer)."""
        record = self.interview.session.stage(self.stage_id)
        internal = self.interview.session.perspective == "internal"
        ui = self.lang
        key = "stage.words_internal" if internal else "stage.words"
        moment = self.stage.ask_as_text(lang) if self.stage is not None else ""
        words = Question(
            id="words",
            type="text",
            # The moment named as the participant would ("el momento en que empezó a
            # buscar"), where the guide says so; never the method's "stage".
            prompt={lang: t(key + "_as", lang, moment=moment) if moment else t(key, lang)},
            help={lang: t("stage.words_help_added" if record.added else "stage.words_help", ui)},
        )
        if not record.added:
            return [words]
        title = Question(
            id="title", type="text", required=True, prompt={lang: t("stage.added_title", ui)}
        )
        return [title, words]

    def compose(self) -> ComposeResult:
        app = self.app
        lang = app.lang
        interview = self.interview
        guide = interview.guide
        session_lang = interview.session.language
        self.stage_id = app.steps()[self.step]
        self.journey = self.stage_id != PERSONA_STAGE
        record = interview.session.stage(self.stage_id) if self.journey else None
        self.added = record is not None and record.added  # Ctrl+O removes it
        self.stage = guide.stage(self.stage_id) if record is not None and not record.added else None
        if self.stage_id == PERSONA_STAGE:
            description = guide.description_text(session_lang)
        elif self.stage is not None:
            description = self.stage.description_text(session_lang)
        else:
            description = t("stage.added_note", lang)
        perspective = interview.session.perspective
        yield StageBar(id="stage-bar")
        # The status line: what stays true while on this screen (a required question left
        # behind, the staff view shown), said once here rather than in a toast over the table.
        yield Static("", id="notice", classes="warning")
        with VerticalScroll(id="form"):
            if description:
                yield Static(lit(description), classes="stage-description")
            yield Static(lit(t("stage.skipped", lang)), id="skipped-note", classes="warning")
            if self.journey:
                for q in self._stage_questions(session_lang):
                    value = interview.stage_text(self.stage_id, q.id)
                    field = QuestionField(self.stage_id, q, value, session_lang, key=f"_{q.id}")
                    self.stage_fields[q.id] = field
                    yield field
            for q in self._questions():
                field = QuestionField(
                    self.stage_id,
                    q,
                    interview.value(self.stage_id, q.id),
                    session_lang,
                    perspective=perspective,
                    prompt=interview.prompt(q),
                    scale=guide.scale,
                    ascii_faces=self.app.ascii_faces,
                )
                self.fields[q.id] = field
                yield field
        if self.journey:
            # Touchpoints stay in view below the questions, whatever is scrolled above.
            with Vertical(id="tp-panel"):
                yield Static(
                    lit(t("stage.touchpoints", lang)), id="tp-title", classes="section-title"
                )
                yield TouchpointTable(len(guide.scale.points), lang, id="touchpoints")
                yield Static(
                    lit(t("stage.no_touchpoints", lang)), id="no-touchpoints", classes="help"
                )
                # The last change made from the pane, from what to what, and that u undoes it.
                yield Static("", id="tp-change", classes="warning")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        settle_cursors(self, self.app.cursor_blink)
        self._notices: dict[str, str] = {}
        carried, self.app.carried_notice = self.app.carried_notice, ""
        self.notice("carried", carried)
        if self.journey:
            self._say_change("")
            self._add_columns()
            self.reload_touchpoints()
        self.update_skipped()
        self.refresh_status()
        self._mark_flagged()
        self._initial_focus()

    def _mark_flagged(self) -> None:
        """Required questions left empty on an earlier pass stay marked where they are."""
        flagged = {qid for stage, qid in self.app.flagged_missing if stage == self.stage_id}
        if flagged:
            self._mark([q for q in self._missing() if q.id in flagged])

    def _initial_focus(self) -> None:
        target = self.focus_target
        if target and target in self.fields:
            self._focus_field(self.fields[target])
            return
        if target and target.startswith("stage.") and target[6:] in self.stage_fields:
            self._focus_field(self.stage_fields[target[6:]])
            return
        if target and target.startswith("tp:") and self.journey:
            _, tp_id, name = target.split(":", 2)
            ids = [tp.id for tp in self._record_touchpoints()]
            if tp_id in ids:  # the editor was open there: open it again, on that field
                table = self.query_one(TouchpointTable)
                table.move_cursor(row=ids.index(tp_id))
                table.focus()
                self.open_editor(self._record_touchpoints()[ids.index(tp_id)], name)
                return
            target = None
        if target and self.journey:
            record = self.interview.session.stage(self.stage_id)
            ids = [tp.id for tp in record.touchpoints]
            if target in ids:
                table = self.query_one(TouchpointTable)
                table.move_cursor(row=ids.index(target))
                table.focus()
                return
        first = next((f for f in self.fields.values() if f.display), None)
        if self.journey:  # from the top: what the stage was for them, while not yet said
            record = self.interview.session.stage(self.stage_id)
            if not record.title and record.added:
                first = self.stage_fields["title"]
            elif not record.words or first is None:
                first = self.stage_fields["words"]
        if first is not None:
            self._focus_field(first)

    def _focus_field(self, field: QuestionField) -> None:
        field.query_one(f"#{field.input_id}").focus(scroll_visible=False)
        form = self.query_one("#form", VerticalScroll)
        # The whole question in view (its prompt too), not only its input.
        self.call_after_refresh(form.scroll_to_widget, field, animate=False)

    def _shown_fields(self) -> list[QuestionField]:
        """The question fields on show, in screen order."""
        return [f for f in (*self.stage_fields.values(), *self.fields.values()) if f.display]

    def _focused_field(self) -> QuestionField | None:
        focused = self.focused
        if focused is None:
            return None
        return next((a for a in focused.ancestors_with_self if isinstance(a, QuestionField)), None)

    def action_next_field(self, step: int) -> None:
        """Tab / Shift+Tab (and ↓ ↑ outside a multi-line answer): the next or previous
        question of the stage, cycling. What was typed is committed first and the follow-up
        questions it calls for are shown, so focus never skips one that is about to appear.
        From the touchpoints, back to the questions."""
        if self.query(TouchpointTable) and self.query_one(TouchpointTable).has_focus:
            self.action_questions()
            return
        self.harvest()
        self.app.flush()
        self.update_visibility()
        shown = self._shown_fields()
        if not shown:
            return
        current = self._focused_field() or self.last_field
        if current in shown:
            target = shown[(shown.index(current) + step) % len(shown)]
        else:
            target = shown[0] if step > 0 else shown[-1]
        self._focus_field(target)

    # ---- the bar on top --------------------------------------------------------------------

    def notice(self, kind: str, text: str) -> None:
        """Set (or, with "", clear) one of the status line's notices, which stay there."""
        if text:
            self._notices[kind] = text
        else:
            self._notices.pop(kind, None)
        line = self.query_one("#notice", Static)
        line.update(lit(" · ".join(self._notices.values())))
        line.display = bool(self._notices)

    def refresh_status(self) -> None:
        app = self.app
        bars = self.query(StageBar)
        if app.interview is None or not bars:
            return
        guide = app.interview.guide
        session = app.interview.session
        lang = app.lang
        if self.stage_id == PERSONA_STAGE:
            where = t("stage.persona", lang)
        elif self.stage_id not in (ids := [r.id for r in session.stages]):
            return  # an added stage just removed: this screen is on its way out
        else:
            record = session.stage(self.stage_id)
            where = t(
                "stage.progress",
                lang,
                n=ids.index(self.stage_id) + 1,
                total=len(ids),
                title=one_line(guide.stage_title(record, session.language), 40),
            )
        done, total = guide.progress(session)
        saved, error = app.saved_text()
        bars.first().show(where, done, total, saved, error)
        self.update_visibility()

    # ---- answers ---------------------------------------------------------------------------

    @on(QuestionField.Edited)
    def _edited(self, event: QuestionField.Edited) -> None:
        event.stop()
        if event.field in self.stage_fields.values():
            self.app.buffer(StageTextKey(self.stage_id, event.field.question.id), event.value or "")
            if event.field.question.id == "title":
                self.refresh_status()
            return
        self.app.buffer(self._key(event.field.question.id), event.value)
        if event.value not in (None, "", []):
            event.field.show_error("")
        if not event.typed:
            self.app.flush()  # a choice is saved at once; conditions are re-checked after it

    def harvest(self) -> None:
        """Buffer what the text fields hold now, if it differs from what is recorded."""
        interview = self.app.interview
        if interview is None or not self.fields:
            return
        for qid, field in self.fields.items():
            ok, value = field.typed_value()
            if not ok:
                continue
            current = interview.value(self.stage_id, qid)
            if value != current and not (value in ("", None) and current in ("", None)):
                interview.buffer(self._key(qid), value)
        for name, field in self.stage_fields.items():
            ok, value = field.typed_value()
            if ok and (value or "") != interview.stage_text(self.stage_id, name):
                interview.buffer(StageTextKey(self.stage_id, name), value or "")

    def _key(self, qid: str) -> AnswerKey | PersonaKey:
        return question_key(self.stage_id, qid)

    @on(DescendantFocus)
    def _entered(self, event: DescendantFocus) -> None:
        field = next((a for a in event.widget.ancestors if isinstance(a, QuestionField)), None)
        if field is not None:
            self.last_field = field
        self._mark_pane(isinstance(event.widget, TouchpointTable))

    def _mark_pane(self, in_table: bool) -> None:
        """Say which pane has the keys: the table's letters act as commands there."""
        if not self.journey:
            return
        lang = self.lang
        panel = self.query_one("#tp-panel")
        if panel.has_class("-active") == in_table:
            return
        panel.set_class(in_table, "-active")
        if not in_table:
            self._say_change("")
        self.query_one("#form").set_class(not in_table, "-active")
        title = t("stage.touchpoints", lang)
        self.query_one("#tp-title", Static).update(
            lit(f"▶ {title} · {t('stage.table_keys', lang)}" if in_table else title)
        )

    @on(DescendantBlur)
    def _left_field(self, event: DescendantBlur) -> None:
        # Leaving a field commits what was typed in it.
        if self.app.interview is not None and self.app.interview.pending:
            self.app.flush()

    def update_visibility(self) -> None:
        """Show the questions whose `when` holds for the answers saved so far."""
        interview = self.interview
        guide = interview.guide
        for q in self._questions():
            field = self.fields[q.id]
            visible = guide.is_visible(q, interview.session)
            if field.display != visible:
                field.display = visible

    def update_skipped(self) -> None:
        skipped = self.journey and self.interview.session.stage(self.stage_id).skipped
        self.query_one("#skipped-note").display = skipped
        self.set_class(skipped, "-skipped")

    def show_missing(self) -> list[Question]:
        """Mark required questions left empty where they are; returns them."""
        missing = self._missing()
        self._mark(missing)
        return missing

    def _missing(self) -> list[Question]:
        # The interview's one rule (visible, required, unanswered), for this step only.
        return [q for stage, q in self.interview.missing_required() if stage == self.stage_id]

    def _mark(self, questions: list[Question]) -> None:
        for q in questions:
            self.fields[q.id].show_error(t("stage.required", self.lang))

    # ---- touchpoints -----------------------------------------------------------------------

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The profile step has no touchpoints and cannot be skipped: hide those keys.
        if action in ("touchpoints", "skip", "add_stage") and not self.journey:
            return False
        # One Ctrl+O: "not lived" for a stage of the guide, "remove" for one added.
        if action == "skip" and self.added:
            return False
        if action == "remove_stage":
            return self.added
        if action == "rate_touchpoint":
            index = parameters[0] if parameters else 0
            return isinstance(index, int) and index < self.rating_points
        if action == "prev" and self.step == 0:
            return None  # shown greyed: there is nothing before the first step
        if action == "undo" and not self.changes:
            return False
        if action == "goto_missing":
            return bool(self.app.flagged_missing)
        if action == "staff":  # a customer interview in a study that has staff's view
            return self.journey and bool(self.interview.staff())
        return True

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

    @on(TouchpointTable.Refused)
    def _refused(self, event: TouchpointTable.Refused) -> None:
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

    # ---- moving through the interview --------------------------------------------------------

    def action_next(self) -> None:
        """On to the next step; never held (the participant may not know, or not want to
        say). A required question left empty is named on the next screen, stays marked
        where it is, and Ctrl+G goes back to it."""
        missing = self.show_missing()
        app = self.app
        app.flag_missing([(self.stage_id, q.id) for q in missing])
        if missing:
            lang = app.lang
            where = self._step_title()
            prompt = one_line(self.interview.prompt(missing[0]), 50)
            more = t("stage.missing_more", lang, n=len(missing) - 1) if len(missing) > 1 else ""
            app.carried_notice = t("stage.missing", lang, where=where, question=prompt, more=more)
        app.go_to_step(self.step + 1)

    def _step_title(self) -> str:
        if not self.journey:
            return t("stage.persona", self.lang)
        record = self.interview.session.stage(self.stage_id)
        return self.interview.guide.stage_title(record, self.interview.session.language)

    def action_goto_missing(self) -> None:
        self.app.goto_missing()

    def action_prev(self) -> None:
        if self.step > 0:
            self.app.go_to_step(self.step - 1)

    def action_remove_stage(self) -> None:
        """Ctrl+O on a stage the participant added: removed (see action_skip)."""
        self.action_skip()

    def action_skip(self) -> None:
        """Ctrl+O: mark a stage of the guide not lived (or lived again); an added stage is
        removed instead, asked first when it holds anything."""
        from .modals import ConfirmModal

        if not self.journey:
            return
        record = self.interview.session.stage(self.stage_id)
        lang = self.lang
        if not record.added:
            self._mark_not_lived(not record.skipped)
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.stage_fields.clear()  # nothing more to take from a stage that is gone
                self.interview.remove_stage(self.stage_id)
                self.app.go_to_step(self.step - 1)

        if not (record.touchpoints or record.words):
            done(True)
            return
        self.app.push_screen(
            ConfirmModal(
                t("stage.remove_confirm", lang, title=one_line(record.title, 40)),
                t("key.remove", lang),
                t("key.cancel", lang),
            ),
            done,
        )

    def _mark_not_lived(self, skipped: bool) -> None:
        """Mark the stage not lived (or lived again): asked first when it holds answers or
        rated touchpoints, which would then no longer count as lived."""
        from .modals import ConfirmModal

        self.app.flush()
        record = self.interview.session.stage(self.stage_id)
        answers = any(v not in (None, "", []) for v in record.answers.values()) or bool(
            record.words.strip()
        )
        rated = any(tp.emotion is not None for tp in record.touchpoints)

        def done(yes: bool | None) -> None:
            if yes:
                self.interview.skip_stage(self.stage_id, skipped)
                self.update_skipped()
                self.refresh_status()

        if not skipped or not (answers or rated):
            done(True)
            return
        lang = self.lang
        what = t(
            "stage.skip_both" if answers and rated else
            "stage.skip_answers" if answers else "stage.skip_touchpoints",
            lang,
        )  # fmt: skip
        title = one_line(self._step_title(), 40)
        self.app.push_screen(
            ConfirmModal(
                t("stage.skip_confirm", lang, title=title, what=what),
                t("key.skip_stage", lang),
                t("key.cancel", lang),
            ),
            done,
        )

    def action_add_stage(self) -> None:
        """Ctrl+R: a stage the participant lived that the guide lacks, named in their words,
        after this one (or elsewhere); the interview goes on there."""
        from .modals import AddStageModal

        if not self.journey:
            return
        session = self.interview.session
        guide = self.interview.guide
        places = [(r.id, guide.stage_title(r, session.language)) for r in session.stages]

        def added(choice: tuple[str, str | None] | None) -> None:
            if choice is None:
                return
            title, after = choice
            stage_id = self.interview.add_stage(title, after)
            self.app.go_to_step(self.app.steps().index(stage_id))

        self.app.push_screen(AddStageModal(places, self.stage_id), added)

    def action_save(self) -> None:
        self.app.flush(wait=True)
        saved, error = self.app.saved_text()
        self.notify(saved, severity="error" if error else "information", timeout=2)

    def action_home(self) -> None:
        self.app.leave_interview()
