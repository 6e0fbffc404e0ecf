"""New session: guide, language, perspective, moment, interviewer and participant alias."""

from __future__ import annotations

import getpass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Button, Input, Label, RadioSet, Select, Static

from ....base.i18n import t
from ....base.plain import LANGUAGES
from ....domain.model import MAX_TEXT
from ..base import AppScreen
from ..fields import ChoiceButton, ChoiceSet
from ..text import lit, one_line, settle_cursors
from ..widgets import KeyBar, text_input


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


class CodeInput(Input):
    """The participant code: a suggested code is selected when the field gets focus, so
    what is typed replaces it ("INT-01", not "P-001INT-01"); a code typed by hand is
    continued like any answer."""

    suggested = ""

    def on_focus(self) -> None:
        if self.value and self.value == self.suggested:
            self.call_later(self.select_all)
        else:
            self.cursor_position = len(self.value)


class NewSessionScreen(AppScreen[None]):
    _suggested = ""

    HELP = "help.new"
    BINDINGS = [
        Binding("ctrl+n", "start", "key.start"),
        Binding("escape", "back", "key.back"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        lang = app.lang
        last = app.workspace.last_choices()
        study = app.current_study()
        guides = app.guides
        if study is not None:  # a new interview in the current study is taken with its guide
            guides = [app.workspace.study_guide(study)]
        guide_ids = [g.id for g in guides]
        guide_id = last.get("guide") if last.get("guide") in guide_ids else guide_ids[0]
        language = last.get("language") if last.get("language") in LANGUAGES else lang
        title = t("new.title", lang)
        if study is not None:
            title += " · " + t("study.named", lang, study=one_line(study.title, 40))
        yield Static(lit(title), id="title-bar")
        with VerticalScroll(id="form"):
            with Grid(classes="form"):
                yield Label(lit(t("new.guide", lang)))
                yield Select(
                    [(lit(one_line(f"{g.id} · {g.title_text(lang)}", 50)), g.id) for g in guides],
                    value=guide_id,
                    allow_blank=False,
                    id="guide",
                    compact=True,
                )
                yield Label(lit(t("new.language", lang)))
                with ChoiceSet(id="language", classes="inline"):
                    yield ChoiceButton(lit("Español"), value=language == "es")
                    yield ChoiceButton(lit("English"), value=language == "en")
                yield Label(lit(t("new.perspective", lang)))
                with ChoiceSet(id="perspective"):
                    yield ChoiceButton(lit(t("new.customer", lang)), value=True)
                    yield ChoiceButton(lit(t("new.internal", lang)))
                yield Label(lit(t("new.moment", lang)))
                with ChoiceSet(id="moment", classes="inline"):
                    yield ChoiceButton(lit(t("new.before", lang)))
                    yield ChoiceButton(lit(t("new.after", lang)))
                    yield ChoiceButton(lit(t("new.none", lang)), value=True)
                yield Label(lit(t("new.interviewer", lang)))
                yield text_input(last.get("interviewer") or login_name(), id="interviewer")
                yield Label(lit(t("new.alias", lang)))
                yield text_input("", id="alias")
                yield Label(lit(t("new.code", lang)))
                yield CodeInput(
                    "", id="code", compact=True, select_on_focus=False, max_length=MAX_TEXT
                )
                yield Label(lit(t("new.segment", lang)))
                yield text_input("", id="segment")
            yield Label("", id="alias-error", classes="error")
            yield Button(lit(t("new.start", lang)), id="start", variant="primary")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        settle_cursors(self, self.app.cursor_blink)
        self.query_one("#alias-error").display = False
        self.query_one("#alias", Input).focus()

    def _choice(self, radio_id: str, values: list[str | None]) -> str | None:
        index = self.query_one(f"#{radio_id}", RadioSet).pressed_index
        return values[index] if index >= 0 else values[-1]

    @on(Button.Pressed, "#start")
    async def _pressed(self) -> None:
        await self.run_action("start")  # as Ctrl+N: a store error is said, not a crash

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.focus_next()

    @on(Input.Blurred, "#alias")
    def _suggest_code(self) -> None:
        """A known alias brings its participant code (so before and after pair up); a new
        one, the next free code. A code typed by hand is kept."""
        code = self.query_one("#code", CodeInput)
        if code.value and code.value != self._suggested:
            return
        alias = self.query_one("#alias", Input).value.strip()
        if not alias:
            return
        self._suggested = self.app.workspace.suggest_code(self.app.study_id, alias)
        code.value = code.suggested = self._suggested
        if code.has_focus:
            code.select_all()  # typing replaces the suggestion, not appends to it

    def action_start(self) -> None:
        app = self.app
        lang = app.lang
        alias = self.query_one("#alias", Input).value.strip()
        if not alias:
            error = self.query_one("#alias-error", Label)
            error.update(lit(t("new.alias_required", lang)))
            error.display = True
            self.query_one("#alias", Input).focus()
            return
        guide_id = self.query_one("#guide", Select).value
        guide = next(g for g in app.guides if g.id == guide_id)
        language = self._choice("language", list(LANGUAGES)) or lang
        if language not in guide.languages:
            language = guide.languages[0]
        interviewer = self.query_one("#interviewer", Input).value.strip()
        study = app.workspace.study_for_start(app.study_id, guide)
        interview = app.workspace.start(
            guide,
            study,
            code=self.query_one("#code", Input).value.strip(),
            language=language,
            perspective=self._choice("perspective", ["customer", "internal"]) or "customer",
            moment=self._choice("moment", ["before", "after", None]),
            interviewer=interviewer,
            alias=alias,
            segment=self.query_one("#segment", Input).value.strip(),
        )
        app.study_id = study.id
        app.workspace.remember_choices(
            guide=guide.id, language=language, interviewer=interviewer, study=study.id
        )
        if interview.needs_consent:
            from .consent import ConsentScreen

            app.push_screen(ConsentScreen(interview))
        else:
            app.pop_screen()
            app.begin(interview)

    def action_back(self) -> None:
        self.app.pop_screen()
