"""Consent: the guide's text, read to a customer before anything about them is kept."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Static

from ...i18n import t
from ...interview import Interview
from ..text import lit, localize_bindings
from ..widgets import KeyBar


class ConsentScreen(Screen[None]):
    HELP = "help.consent"
    BINDINGS = [Binding("escape", "decline", "key.decline")]

    def __init__(self, interview: Interview) -> None:
        super().__init__(id="consent")
        self.interview = interview

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        localize_bindings(self, lang)
        session_lang = self.interview.session.language
        yield Static(lit(t("consent.title", lang)), id="title-bar")
        yield Static(lit(t("consent.note", lang)), classes="help")
        with VerticalScroll(id="consent-text"):
            yield Static(lit(self.interview.guide.consent_text(session_lang).strip()))
        yield Checkbox(lit(t("consent.quotes", lang)), id="quotes", compact=True)
        with Horizontal(classes="buttons"):
            yield Button(lit(t("key.accept", lang)), id="accept", variant="success")
            yield Button(lit(t("key.decline", lang)), id="decline", variant="error")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#accept", Button).focus()

    @on(Button.Pressed, "#accept")
    def _accept(self) -> None:
        interview = self.interview
        interview.accept_consent(quotes=self.query_one("#quotes", Checkbox).value)
        self.app.pop_screen()
        self.app.begin(interview)

    @on(Button.Pressed, "#decline")
    def _decline(self) -> None:
        self.action_decline()

    def action_decline(self) -> None:
        self.app.pop_screen()
        self.app.notify(t("consent.declined", self.app.lang))
