"""One screen per step of the interview: the participant's profile, then each stage.

A stage screen shows the stage's questions as a form (required ones marked, ``when``
conditions hiding and showing questions as answers change) and its touchpoints in a table:
add from the guide's suggestions, edit, rate with a single key, reorder, remove.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import DescendantBlur, DescendantFocus
from textual.widgets import Static

from ....base.i18n import t
from ....domain.guide import PERSONA_STAGE, Question, Stage
from ....services.interview import (
    AnswerKey,
    PersonaKey,
    StageTextKey,
    question_key,
)
from ..base import AppScreen
from ..fields import QuestionField
from ..text import lit, one_line, settle_cursors
from ..widgets import KeyBar, StageBar
from .touchpoints import TouchpointPane, TouchpointTable


# (The pane is typed as a part of an AppScreen; the type checker sees the screen's bases twice.)
class StageScreen(TouchpointPane, AppScreen[None]):  # type: ignore[misc]
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
