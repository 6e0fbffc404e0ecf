"""Modal screens: confirmation, help, adding and editing a touchpoint, exporting.

Each returns a typed result with dismiss(); none of them opens a file. The touchpoint editor
saves as it goes through the app's interview, so a dropped connection loses nothing typed.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import (
    Button,
    Input,
    Label,
    OptionList,
    Select,
    Static,
)
from textual.widgets.option_list import Option

from ....base.i18n import channel_label, t
from ....base.plain import clean_text, one_line
from ....domain.guide import Guide, Stage
from ....domain.study import Study, StudyError, check_study_id
from ..base import AppModal
from ..keygate import TypingGuard
from ..text import lit, said, settle_cursors
from ..widgets import KeyBar, text_input


class ConfirmModal(AppModal[bool], TypingGuard):  # type: ignore[misc]  # as AppModal
    """A yes/no question; Esc answers no. A letter typed among others (words meant for an
    answer, typed as the question came up) answers nothing."""

    def on_key(self, event: events.Key) -> None:
        self.guard_typing(event)

    def typing_refused(self, event: events.Key) -> None:
        self.app.bell()
        self.notify(t("confirm.refused", self.lang), severity="warning", timeout=4)

    BINDINGS = [
        Binding("y,s", "yes", "key.yes"),
        Binding("escape,n", "no", "key.cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__(classes="modal")
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(lit(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(lit(self.yes), id="yes", variant="error")
                yield Button(lit(self.no), id="no")
            yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class HelpModal(AppModal[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "key.close")]

    def __init__(self, topic: str) -> None:
        super().__init__(classes="modal")
        self.topic = topic

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog help"):
            yield Static(lit(t("help.title", lang)), classes="dialog-title")
            yield Static(lit(t(self.topic, lang)))
            yield Static(lit(t("help.common", lang)), classes="help-common")
            yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)


class AddTouchpointModal(AppModal[tuple[str, str, str] | None]):
    """Pick one of the stage's suggested touchpoints, or "other" to type a name."""

    BINDINGS = [Binding("escape", "close", "key.cancel")]

    def __init__(self, stage: Stage, taken: set[str]) -> None:
        super().__init__(classes="modal")
        self.stage = stage
        self.taken = taken

    def compose(self) -> ComposeResult:
        lang = self.lang
        options = []
        for n, s in enumerate(self.stage.touchpoints):
            name = s.text(lang)
            mark = "✓ " if name in self.taken else "  "
            options.append(
                Option(lit(f"{mark}{name}  · {channel_label(s.channel, lang)}"), id=f"s{n}")
            )
        options.append(Option(lit(t("tp.other", lang)), id="other"))
        with Vertical(classes="dialog"):
            yield Static(lit(t("tp.add_title", lang)), classes="dialog-title")
            yield OptionList(*options, id="suggestions")
            yield KeyBar()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or "other"
        if option_id == "other":
            self.dismiss(("", "other", ""))
            return
        suggestion = self.stage.touchpoints[int(option_id[1:])]
        self.dismiss((suggestion.text(self.lang), suggestion.channel, suggestion.key))

    def action_close(self) -> None:
        self.dismiss(None)


class AddStageModal(AppModal[tuple[str, str | None] | None]):
    """A stage the participant lived that the guide lacks: its name in their words, and
    where it goes (after the current stage unless chosen otherwise)."""

    BINDINGS = [
        Binding("ctrl+n", "add", "key.add_stage_done"),
        Binding("escape", "close", "key.cancel"),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    def __init__(self, places: list[tuple[str, str]], after: str) -> None:
        super().__init__(classes="modal")
        self.places = places  # (stage id, title) in the session's order
        self.after = after

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(lit(t("stage.add_title", lang)), classes="dialog-title")
            yield Static(lit(t("stage.add_help", lang)), classes="help")
            with Grid(classes="form"):
                yield Label(lit(t("stage.added_title", lang)))
                yield text_input("", id="stage-title")
                yield Label(lit(t("stage.add_after", lang)))
                yield Select(
                    [(lit(t("stage.add_first", lang)), "")]
                    + [(lit(one_line(title, 40)), sid) for sid, title in self.places],
                    value=self.after,
                    allow_blank=False,
                    id="stage-after",
                    compact=True,
                )
            yield Label("", id="stage-error", classes="error")
            yield KeyBar()

    def on_mount(self) -> None:
        settle_cursors(self, self.app.cursor_blink)
        self.query_one("#stage-title", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_add()

    def action_add(self) -> None:
        title = " ".join(clean_text(self.query_one("#stage-title", Input).value).split())
        if not title:
            self.query_one("#stage-error", Label).update(lit(t("stage.add_name", self.lang)))
            return
        after = self.query_one("#stage-after", Select).value
        self.dismiss((title, str(after) if after not in ("", Select.NULL) else None))

    def action_close(self) -> None:
        self.dismiss(None)


class ExportModal(AppModal[Any]):
    """Ask where to write the session's JSON; returns the path typed, or None."""

    BINDINGS = [
        Binding("enter", "submit", "key.export"),
        Binding("escape", "close", "key.cancel"),
    ]

    def __init__(self, default: str) -> None:
        super().__init__(classes="modal")
        self.default = default

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(lit(t("summary.export_title", lang)), classes="dialog-title")
            yield text_input(self.default, id="export-path")
            yield Static(lit(t("summary.export_help", lang)), classes="help")
            yield KeyBar()

    def on_mount(self) -> None:
        settle_cursors(self, self.app.cursor_blink)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        self.dismiss(self.query_one("#export-path", Input).value.strip() or None)

    def action_close(self) -> None:
        self.dismiss(None)


class StudyPicker(AppModal[tuple[str, str | None]]):
    """Which study Home lists and new interviews go to: one of them, all of them, or a
    new one. Returns ("study", id), ("all", None) or ("new", None)."""

    BINDINGS = [Binding("escape", "close", "key.close")]

    def __init__(self, studies: list[tuple[Study, int]], current: str | None) -> None:
        super().__init__(classes="modal")
        self.studies, self.current = studies, current

    def compose(self) -> ComposeResult:
        lang = self.lang
        options = []
        for study, n in self.studies:
            mark = "● " if study.id == self.current else "  "
            text = one_line(f"{mark}{study.id} · {study.title} ({n})", 60)
            if not study.is_open:
                text += " · " + t("study.closed", lang)
            options.append(Option(lit(text), id=f"s:{study.id}"))
        options.append(
            Option(lit(("● " if self.current is None else "  ") + t("study.all", lang)), id="all")
        )
        options.append(Option(lit("  " + t("study.new", lang)), id="new"))
        with Vertical(classes="dialog"):
            yield Static(lit(t("study.pick", lang)), classes="dialog-title")
            yield OptionList(*options, id="studies")
            yield KeyBar()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or "all"
        if option_id.startswith("s:"):
            self.dismiss(("study", option_id[2:]))
        else:
            self.dismiss((option_id, None))

    def action_close(self) -> None:
        self.dismiss(None)


class NewStudyModal(AppModal[tuple[str, str, str]]):
    """The short form for a study: its id, title and guide (`cjtui study new` sets the
    rest: who answers for the data, until when it is kept)."""

    BINDINGS = [
        Binding("ctrl+n", "make", "key.make"),
        Binding("escape", "close", "key.close"),
    ]

    def __init__(self, guides: list[Guide]) -> None:
        super().__init__(classes="modal")
        self.guides = guides

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog"):
            yield Static(lit(t("study.new_title", lang)), classes="dialog-title")
            with Grid(classes="form"):
                yield Label(lit(t("study.id", lang)))
                yield text_input("", id="study-id")
                yield Label(lit(t("study.title", lang)))
                yield text_input("", id="study-title")
                yield Label(lit(t("new.guide", lang)))
                yield Select(
                    [
                        (lit(one_line(f"{g.id} · {g.title_text(lang)}", 40)), g.id)
                        for g in self.guides
                    ],
                    value=self.guides[0].id,
                    allow_blank=False,
                    id="study-guide",
                    compact=True,
                )
            yield Label("", id="study-error", classes="error")
            yield Static(lit(t("study.id_help", lang)), classes="help")
            yield KeyBar()

    def on_mount(self) -> None:
        settle_cursors(self, self.app.cursor_blink)
        self.query_one("#study-error").display = False
        self.query_one("#study-id", Input).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_make(self) -> None:
        study_id = self.query_one("#study-id", Input).value.strip()
        try:
            check_study_id(study_id)
        except StudyError as exc:
            error = self.query_one("#study-error", Label)
            error.update(lit(said(exc, self.lang)))
            error.display = True
            self.query_one("#study-id", Input).focus()
            return
        title = self.query_one("#study-title", Input).value.strip()
        self.dismiss((study_id, title, str(self.query_one("#study-guide", Select).value)))

    def action_close(self) -> None:
        self.dismiss(None)


class TextModal(AppModal[str | None]):
    """One line of text asked for (an owner's name, a title): Enter keeps it, Esc does not."""

    BINDINGS = [Binding("escape", "close", "key.cancel")]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__(classes="modal")
        self.title_text, self.value = title, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(lit(self.title_text), classes="dialog-title")
            yield text_input(self.value, id="text-value")
            yield KeyBar()

    def on_mount(self) -> None:
        settle_cursors(self, self.app.cursor_blink)
        self.query_one("#text-value", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(" ".join(clean_text(event.value).split()))

    def action_close(self) -> None:
        self.dismiss(None)
