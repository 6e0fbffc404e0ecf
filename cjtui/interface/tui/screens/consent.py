"""Consent: the guide's text, read to a customer before anything about them is kept."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Static

from ....base.i18n import t
from ....services.interview import Interview
from ..base import AppScreen
from ..fields import TickBox
from ..text import lit
from ..widgets import KeyBar


class ConsentScreen(AppScreen[None]):
    HELP = "help.consent"
    # Esc goes back to the form, as everywhere; declining is a key of its own.
    BINDINGS = [
        Binding("ctrl+n", "accept", "key.accept"),
        Binding("ctrl+x", "decline", "key.decline"),
        Binding("escape", "back", "key.back"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, interview: Interview) -> None:
        super().__init__(id="consent")
        self.pending = interview

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(lit(t("consent.title", lang)), id="title-bar")
        yield Static(lit(t("consent.note", lang)), classes="help")
        study = self.pending.study
        text = self.pending.guide.consent_text(
            self.pending.session.language, self.pending.session.perspective
        )
        missing = study.missing_for_consent(text) if study is not None else []
        if missing:  # said before it is read aloud, not discovered by the participant
            what = ", ".join(t(f"consent.field.{name}", lang) for name in missing)
            yield Static(lit(t("consent.incomplete", lang, what=what)), classes="warning")
        with VerticalScroll(id="consent-text"):
            yield Static(lit(self.pending.consent_text().strip()))
        yield TickBox(lit(t("consent.quotes", lang)), id="quotes", compact=True)
        with Horizontal(classes="buttons"):
            yield Button(lit(t("key.accept", lang)), id="accept", variant="success")
            yield Button(lit(t("key.decline", lang)), id="decline", variant="error")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one("#accept", Button).focus()

    @on(Button.Pressed, "#accept")
    async def _accept(self) -> None:
        await self.run_action("accept")  # as a key: a store error is said, not a crash

    def action_accept(self) -> None:
        interview = self.pending
        interview.accept_consent(quotes=self.query_one("#quotes", Checkbox).value)
        self.app.pop_screen()  # this screen
        self.app.pop_screen()  # the new-interview form under it
        self.app.begin(interview)

    @on(Button.Pressed, "#decline")
    def _decline(self) -> None:
        self.action_decline()

    def action_decline(self) -> None:
        """Nothing about the participant is kept: the form under this screen goes too."""
        self.app.pop_screen()
        self.app.pop_screen()
        self.app.notify(t("consent.declined", self.lang))

    def action_back(self) -> None:
        """Back to the form as it was filled in (nothing has been stored yet)."""
        self.app.pop_screen()
