"""The method in the app: a stage's words, a stage the guide lacks added and removed, a
pain's kind and severity and its process's problem, staff asked in staff words."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, Select

from cjtui.store import Store

from .conftest import make_session
from .tui_helpers import app_for

SIZE = (80, 24)


def _in_progress(store_dir: Path, **kwargs: object) -> str:
    store = Store.open(store_dir)
    s = make_session("inbound", touchpoints=0, **kwargs)  # type: ignore[arg-type]
    s.set_status("in_progress")
    s.set_answer("awareness", "trigger", "A flat came up")
    store.save(s)
    return s.id


async def test_a_stage_in_the_participants_words_and_one_the_guide_lacks(store_dir: Path) -> None:
    session_id = _in_progress(store_dir, language="es")
    app = app_for(store_dir, "es", resume=session_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.stage_id == "awareness"
        words = app.screen.query_one("#in-_words", Input)
        prompt = str(app.screen.query_one("#q-_words .prompt", Label).render())
        # The moment named as the participant would, never as the method's "stage".
        assert (
            prompt == "Con sus palabras, ¿cómo describiría el momento en que surgió la necesidad?"
        )
        words.focus()
        await pilot.press(*"Cuando vi el piso")
        app.flush(wait=True)
        # Ctrl+R: a stage they lived that the guide lacks, after this one by default.
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press(*"La tasación", "enter")
        await pilot.pause()
        bar = str(app.screen.query_one("#stage-bar").render())
        assert "Etapa 2/4 · La tasación" in bar
        assert app.screen.query_one("#in-_title", Input).value == "La tasación"
        assert app.focused is app.screen.query_one("#in-_words", Input)
        await pilot.press(*"Esperar al tasador")
        # Its touchpoints: typed, with no suggestions to choose from.
        await pilot.press("ctrl+t", "a")
        await pilot.pause()
        await pilot.press(*"Visita del tasador")
        screen = app.screen
        screen.query_one("#tp-emotion").set_value(0)  # type: ignore[attr-defined]
        await pilot.pause()
        screen.query_one("#tp-pain").value = True  # type: ignore[attr-defined]
        screen.query_one("#tp-pain_kind", Select).value = "disoriented"
        screen.query_one("#tp-severity", Select).value = 1
        screen.query_one("#tp-process", Input).value = "Tasación"
        screen.query_one("#tp-process_problem", Select).value = "bottleneck"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.flush(wait=True)
        session = Store.open(store_dir).load(session_id)
        added = session.stages[1]
        assert (added.added, added.title, added.words) == (
            True,
            "La tasación",
            "Esperar al tasador",
        )
        tp = added.touchpoints[0]
        assert (tp.name, tp.emotion, tp.pain) == ("Visita del tasador", 0, True)
        assert (tp.pain_kind, tp.severity, tp.process_problem) == ("disoriented", 1, "bottleneck")
        assert session.stage("awareness").words == "Cuando vi el piso"
        # Ctrl+O on an added stage removes it (asked first: it holds something).
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.stage_id == "awareness"
    session = Store.open(store_dir).load(session_id)
    assert [r.id for r in session.stages] == ["awareness", "consideration", "decision"]
    assert "stage_removed" in [e.kind for e in session.events]


async def test_an_added_stage_needs_a_name(store_dir: Path) -> None:
    session_id = _in_progress(store_dir)
    app = app_for(store_dir, "en", resume=session_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Type the stage's name" in str(app.screen.query_one("#stage-error").render())
        # At the start, before every stage of the guide.
        app.screen.query_one("#stage-after", Select).value = ""
        app.screen.query_one("#stage-title", Input).focus()
        await pilot.press(*"Before it all", "ctrl+n")
        await pilot.pause()
        assert "Stage 1/4 · Before it all" in str(app.screen.query_one("#stage-bar").render())
    session = Store.open(store_dir).load(session_id)
    assert session.stages[0].title == "Before it all"


async def test_staff_are_asked_in_staff_words(store_dir: Path) -> None:
    session_id = _in_progress(store_dir, perspective="internal", moment=None)
    app = app_for(store_dir, "en", resume=session_id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompt = str(app.screen.query_one("#q-expected .prompt", Label).render())
        assert prompt == "At that point, what do you think the typical customer expects to find?"
        words = str(app.screen.query_one("#q-_words .prompt", Label).render())
        assert words == (
            "In the customer's words, how do you think they would describe the moment the "
            "need arose?"
        )
        await pilot.press("ctrl+p")
        await pilot.pause()
        story = str(app.screen.query_one("#q-story .prompt", Label).render())
        assert story.startswith("Think of the typical customers of this service you have served")
