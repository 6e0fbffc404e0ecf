"""Driving the interview app in tests: a fixed clock, and answering by question id."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, RadioSet, Select, SelectionList, TextArea

from cjtui.interface.tui.app import CjtuiApp, make_app
from cjtui.interface.tui.fields import RatingRow
from cjtui.store import Store


class Clock:
    """Each call is 30 seconds after the last, from a fixed start: stable timestamps."""

    def __init__(self, start: str = "2026-11-27T10:00:00") -> None:
        self.t = datetime.fromisoformat(start)

    def __call__(self) -> str:
        self.t += timedelta(seconds=30)
        return self.t.isoformat() + "Z"


def app_for(store: Store | Path, lang: str = "es", **kwargs: Any) -> CjtuiApp:
    app = make_app(
        store, lang=lang, clock=Clock(), cursor_blink=False, handle_signals=False, **kwargs
    )
    app.exit_deadline = None
    return app


async def answer(pilot: Pilot, qid: str, value: Any) -> None:
    """Give an answer to question *qid* on the current screen, as the widget would."""
    widget = pilot.app.screen.query_one(f"#in-{qid}")
    if isinstance(widget, Input):
        widget.value = str(value)
    elif isinstance(widget, TextArea):
        widget.clear()
        widget.insert(str(value))
    elif isinstance(widget, Select):
        widget.value = value
    elif isinstance(widget, RadioSet):
        field = widget.parent
        question = field.question  # type: ignore[union-attr]
        if question.type == "yes_no":
            index = 0 if value else 1
        else:
            index = [o.code for o in question.options].index(value)
        widget.query(RadioButton)[index].value = True
    elif isinstance(widget, SelectionList):
        widget.deselect_all()
        for code in value:
            widget.select(code)
    elif isinstance(widget, RatingRow):
        widget.set_value(value)
    else:  # pragma: no cover - a new widget type needs a line here
        raise AssertionError(f"cannot answer {widget!r}")
    await pilot.pause()


async def add_touchpoint(
    pilot: Pilot, suggestion: int | None, rating_key: str, name: str = ""
) -> None:
    """Add a touchpoint from the stage's suggestions (or 'other' with *name*), rate it by key."""
    pilot.app.screen.query_one("#touchpoints").focus()
    await pilot.press("a")
    await pilot.pause()
    options = pilot.app.screen.query_one("#suggestions")
    if suggestion is None:
        options.highlighted = options.option_count - 1  # type: ignore[attr-defined]
    else:
        options.highlighted = suggestion  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()
    if name:
        pilot.app.screen.query_one("#tp-name", Input).value = name
        await pilot.pause()
        pilot.app.screen.query_one("#tp-emotion").focus()
    await pilot.press(rating_key)
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()


async def type_into(app: CjtuiApp, pilot: Pilot, stage: str, qid: str, text: str) -> None:
    """Go to *stage* and type *text* at the end of question *qid*, key by key."""
    app.go_to_step(app.steps().index(stage))
    await pilot.pause()
    app.screen.query_one(f"#in-{qid}").focus()
    await pilot.press(*text)
