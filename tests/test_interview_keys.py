"""The interview app records what was said: scale keys give the value said, the cursor
continues an answer, Esc goes back without discarding, store errors never end the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from cjtui.store import Store
from cjtui.tui.fields import ScaleRow
from cjtui.tui.screens.stage import StageScreen

from .conftest import make_session
from .tui_helpers import app_for

SIZE = (80, 24)


def stored(store_dir: Path, session_id: str, stage: str, qid: str) -> object:
    session = Store.open(store_dir).load(session_id)
    return session.stage(stage).answers.get(qid)


async def open_at(pilot, stage: str, qid: str) -> None:  # type: ignore[no-untyped-def]
    """Resume has put us on *stage*; focus question *qid*."""
    app = pilot.app
    assert isinstance(app.screen, StageScreen) and app.screen.stage_id == stage
    app.screen.query_one(f"#in-{qid}").focus()
    await pilot.pause()


async def test_eight_on_a_zero_to_ten_scale_stores_eight(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("full")
    s.set_answer("loyalty", "again", "yes")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("loyalty"))
        await pilot.pause()
        await open_at(pilot, "loyalty", "recommend")
        row = app.screen.query_one("#in-recommend", ScaleRow)
        await pilot.press("8")
        await pilot.pause()
        assert row.value == 8
        assert " 8 " in str(row.render()) and "8:7" not in str(row.render())
        row._typed_at = 0  # the next digit starts a new number
        await pilot.press("9")
        assert row.value == 9
        row._typed_at = 0
        await pilot.press("1", "0")  # ten is typed as it is written
        await pilot.pause()
        assert row.value == 10
        row._typed_at = 0
        await pilot.press("0")
        assert row.value == 0
        await pilot.press("right", "right")
        assert row.value == 2
        await pilot.press("ctrl+s")
        await pilot.pause()
    answer = stored(store_dir, s.id, "loyalty", "recommend")
    assert getattr(answer, "value", answer) == 2


async def test_wide_scales_take_any_value_typed(store_dir: Path) -> None:
    from textual.app import App, ComposeResult

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield ScaleRow(-50, 150, id="row")

    app = One()
    async with app.run_test() as pilot:
        row = app.query_one(ScaleRow)
        row.focus()
        await pilot.press("1", "2", "5")
        assert row.value == 125
        row._typed_at = 0
        await pilot.press("-", "4", "0")
        assert row.value == -40
        await pilot.press("left")
        assert row.value == -41
        assert "(-50–150)" in str(row.render())


async def test_cursor_goes_to_the_end_after_resume_and_going_back(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("full", touchpoints=1)
    s.set_persona("context", "Teacher, two kids")
    s.set_answer("purchase", "stalled", "the router never arrived")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.focused
        assert isinstance(area, TextArea) and area.id == "in-stalled"
        assert area.cursor_location == area.document.end
        await pilot.press(*" and")
        await pilot.press("ctrl+home", "ctrl+end", *" then")
        await pilot.pause()
        assert area.text == "the router never arrived and then"
        # Back to the persona step with Ctrl+P, one step at a time.
        while app.screen.stage_id != "persona":  # type: ignore[attr-defined]
            await pilot.press("ctrl+p")
            await pilot.pause()
        field = app.screen.query_one("#in-context", Input)
        field.focus()
        await pilot.pause()
        assert field.cursor_position == len(field.value)
        await pilot.press("home", *"A ", "ctrl+end", *"!")
        await pilot.pause()
        assert field.value == "A Teacher, two kids!"
