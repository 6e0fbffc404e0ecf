"""The touchpoint pane and editor at interview speed: a stray digit or a removal is said in
the pane, from what to what, and undone with u; words typed into the pane of commands are
refused, not run; the editor's rows are reached with Alt and their number; a resume opens
the editor again where the interviewer was typing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual import events
from textual.widgets import Static, TextArea

from cjtui.interface.tui.screens.editor import TouchpointModal
from cjtui.interface.tui.screens.stage import StageScreen
from cjtui.interface.tui.screens.touchpoints import TouchpointTable
from cjtui.store import Store

from .conftest import make_session
from .test_typist import key, type_burst
from .tui_helpers import app_for

SIZE = (80, 24)


def pain_session(store: Store, lang: str = "en") -> str:
    s = make_session("inbound", language=lang, touchpoints=1)
    tp = s.stage("awareness").touchpoints[0]
    s.update_touchpoint(tp.id, name="Mortgage simulator", emotion=-2)
    s.set_answer("awareness", "trigger", "a new job")  # the last change: an answer
    store.save(s)
    assert s.stage("awareness").touchpoints[0].pain
    return s.id


def change_line(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    line = screen.query_one("#tp-change", Static)
    return str(line.render()) if line.display else ""


@asynccontextmanager
async def in_the_pane(store_dir: Path, lang: str = "en") -> AsyncIterator[tuple[Any, Any, str]]:
    """The app on a stage with one touchpoint (a -2 pain), the keys in its pane:
    (app, pilot, session id)."""
    store = Store.open(store_dir)
    sid = pain_session(store, lang)
    app = app_for(store, lang, resume=sid)
    async with app.run_test(size=SIZE) as pilot:
        await to_pane(app, pilot)
        yield app, pilot, sid


async def to_pane(app, pilot) -> None:  # type: ignore[no-untyped-def]
    app.go_to_step(app.steps().index("awareness"))
    await pilot.pause()
    await pilot.press("ctrl+t")
    await pilot.pause()
    assert isinstance(app.focused, TouchpointTable)


async def test_a_stray_digit_is_said_from_what_to_what_and_undone(store_dir: Path) -> None:
    async with in_the_pane(store_dir) as (app, pilot, sid):
        await pilot.press("4")  # a 4 meant for an answer: -2 becomes +1
        await pilot.pause()
        tp = app.interview.session.stage("awareness").touchpoints[0]
        assert (tp.emotion, tp.pain) == (1, False)
        said = change_line(app)
        assert "“Mortgage simulator”: rating -2 → +1" in said
        assert "no longer a pain" in said and "u undoes it" in said
        await pilot.press("u")
        await pilot.pause()
        tp = app.interview.session.stage("awareness").touchpoints[0]
        assert (tp.emotion, tp.pain) == (-2, True)
        assert change_line(app).startswith("Undone: “Mortgage simulator”: rating -2 → +1")
        app.flush(wait=True)
    saved = Store.open(store_dir).load(sid).stage("awareness").touchpoints[0]
    assert (saved.emotion, saved.pain) == (-2, True)


async def test_a_removal_is_said_and_undone_in_spanish(store_dir: Path) -> None:
    async with in_the_pane(store_dir, "es") as (app, pilot, sid):
        await pilot.press("x")
        await pilot.pause()
        assert app.interview.session.stage("awareness").touchpoints == []
        assert "Quitado «Mortgage simulator» · u lo deshace" in change_line(app)
        await pilot.press("u")
        await pilot.pause()
        assert [tp.name for tp in app.interview.session.stage("awareness").touchpoints] == [
            "Mortgage simulator"
        ]


async def test_words_typed_into_the_pane_are_refused_not_run(store_dir: Path) -> None:
    """' y me gustó' typed in the pane in one burst: the e of 'me' opens no editor, the
    digits of nothing rate nothing; the pane says letters are commands there."""
    async with in_the_pane(store_dir, "es") as (app, pilot, sid):
        before = app.interview.session.stage("awareness").touchpoints[0].to_dict()
        await type_burst(app, pilot, [key(c) for c in " y me gustó 5 veces"])
        assert isinstance(app.screen, StageScreen)  # no editor opened
        assert app.interview.session.stage("awareness").touchpoints[0].to_dict() == before
        assert "las letras son órdenes" in change_line(app)
        # The pane takes commands again once the typing has stopped.
        await pilot.pause(TouchpointTable.TYPING_WINDOW + 0.1)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TouchpointModal)


async def test_editor_rows_by_alt_and_number(store_dir: Path) -> None:
    async with in_the_pane(store_dir) as (app, pilot, sid):
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TouchpointModal)
        seen = []
        for row in ("5", "4", "4", "4", "4", "9", "7", "7", "1"):
            await pilot.press(f"alt+{row}")
            await pilot.pause()
            seen.append(app.focused.id if app.focused else None)
        assert seen == [
            "tp-quote", "tp-pain", "tp-pain_kind", "tp-severity", "tp-pain",
            "tp-opportunity", "tp-process", "tp-process_problem", "tp-name",
        ]  # fmt: skip
        # A long quote is kept whole, over several lines.
        await pilot.press("alt+5")
        quote = "It took me ages to find the simulate button, it was hidden at the very bottom"
        await type_burst(app, pilot, [key(c) for c in quote])
        area = app.screen.query_one("#tp-quote", TextArea)
        assert area.text == quote and area.size.height >= 2
        await pilot.press("escape")
        await pilot.pause()
    saved = Store.open(store_dir).load(sid).stage("awareness").touchpoints[0]
    assert saved.quote == quote


async def test_resume_reopens_the_editor_on_the_field_being_typed(store_dir: Path) -> None:
    async with in_the_pane(store_dir) as (app, pilot, sid):
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("alt+6")
        await type_burst(app, pilot, [key(c) for c in "calls twice"])
        app.flush(wait=True)
    # The process is gone (a dropped link): a resume opens the editor, on the note, with
    # the cursor after its last word, so the next words continue it.
    app = app_for(store_dir, "en", resume=sid)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TouchpointModal)
        area = app.focused
        assert isinstance(area, TextArea) and area.id == "tp-note"
        await type_burst(app, pilot, [key(c) for c in " a day"])
        assert area.text == "calls twice a day"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen) and app.screen.stage_id == "awareness"
    saved = Store.open(store_dir).load(sid).stage("awareness").touchpoints[0]
    assert saved.note == "calls twice a day"


def test_key_events_are_fresh() -> None:
    """The burst helper makes a new event per key (a dispatched event is spent)."""
    assert key("a") is not key("a") and isinstance(key("a"), events.Key)


async def test_marking_a_stage_with_answers_not_lived_asks_first(store_dir: Path) -> None:
    from cjtui.analysis.report import build_report
    from cjtui.analysis.transcript import transcript
    from cjtui.domain.guide import builtin_guide
    from cjtui.interface.tui.screens.modals import ConfirmModal

    store = Store.open(store_dir)
    s = make_session("inbound", touchpoints=1)
    s.set_stage_text("awareness", "words", "the week I moved house")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("awareness"))
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "holds answers and rated touchpoints" in app.screen.question
        await pilot.press("escape")  # not now: nothing changes
        await pilot.pause()
        assert not app.interview.session.stage("awareness").skipped
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.interview.session.stage("awareness").skipped
        app.flush(wait=True)
    saved = Store.open(store_dir).load(s.id)
    # The words typed there are kept, but no output gives them as the participant's.
    guide = builtin_guide("inbound")
    report = build_report([saved], guide, include_in_progress=True)
    words = {st["id"]: st for st in report["stages"]}["awareness"]
    assert words["customer_words"] == [] and words["customer_words_withheld"] == 0
    assert "Typed before the stage was marked not lived" in transcript(saved, guide, "en")


async def test_a_fully_described_touchpoint_in_seventeen_keys_besides_its_words(
    store_dir: Path,
) -> None:
    """Channel, rating, pain kind and severity, quote, note, process and its problem, owner
    and opportunity: one key to open, a digit per choice, Alt+row to each field, Esc to
    close: 17 keys, no Tab. The same took about 30 before, 10 of them Tab."""
    async with in_the_pane(store_dir) as (app, pilot, sid):
        commands = 0
        texts = {"quote": "hidden button", "note": "twice", "process": "Online sales",
                 "owner": "Digital team", "opportunity": "Show the simulator first"}  # fmt: skip
        plan: list[tuple[str, str]] = [
            ("enter", ""), ("1", ""),                 # open; rate -2 (a pain, by default)
            ("alt+2", ""), ("7", ""),                 # channel: the 7th (web)
            ("alt+4", ""), ("alt+4", ""), ("2", ""),  # pain kind: disoriented
            ("alt+4", ""), ("2", ""),                 # severity: moderate
            ("alt+5", "quote"), ("alt+6", "note"), ("alt+7", "process"),
            ("alt+7", ""), ("1", ""),                 # process problem: inefficiency
            ("alt+8", "owner"), ("alt+9", "opportunity"), ("escape", ""),
        ]  # fmt: skip
        for press, field in plan:
            await pilot.press(press)
            commands += 1
            if field:
                await type_burst(app, pilot, [key(c) for c in texts[field]])
            await pilot.pause()
        assert isinstance(app.screen, StageScreen)
    assert commands == 17
    tp = Store.open(store_dir).load(sid).stage("awareness").touchpoints[0]
    assert (tp.emotion, tp.pain, tp.channel) == (-2, True, "web")
    assert (tp.pain_kind, tp.severity, tp.process_problem) == ("disoriented", 2, "inefficiency")
    assert {f: getattr(tp, f) for f in texts} == texts


async def test_keys_after_picking_a_suggestion_go_to_its_editor(store_dir: Path) -> None:
    """a, ↓, Enter and a digit in one burst: the digit rates the touchpoint just added, in
    its editor, not the one highlighted in the pane behind it."""
    async with in_the_pane(store_dir) as (app, pilot, sid):
        before = app.interview.session.stage("awareness").touchpoints[0].to_dict()
        burst = [events.Key("a", "a"), events.Key("down", None), events.Key("enter", None)]
        await type_burst(app, pilot, [*burst, key("4")])
        assert isinstance(app.screen, TouchpointModal)
        tps = app.interview.session.stage("awareness").touchpoints
        assert tps[0].to_dict() == before  # untouched
        assert len(tps) == 2 and tps[1].emotion == 1  # the 4th point: +1
        # Typed straight after: the name of one's own, in its field, whole.
        await pilot.press("escape")
        await pilot.pause()
        await type_burst(
            app,
            pilot,
            [events.Key("a", "a"), events.Key("end", None), events.Key("enter", None)]
            + [key(c) for c in "xerox kiosk"],
        )
        assert isinstance(app.screen, TouchpointModal)
        assert app.screen.query_one("#tp-name").value == "xerox kiosk"  # type: ignore[attr-defined]
        assert len(app.interview.session.stage("awareness").touchpoints) == 3


async def test_words_that_begin_with_a_command_letter_run_nothing(store_dir: Path) -> None:
    async with in_the_pane(store_dir, "es") as (app, pilot, sid):
        before = app.interview.session.to_dict()["stages"]
        for words in ("excelente", "a ver", "uno", "xq"):
            await type_burst(app, pilot, [key(c) for c in words])
            await pilot.pause(TouchpointTable.TYPING_WINDOW + 0.1)
            assert isinstance(app.screen, StageScreen), words  # no editor, no picker
        assert app.interview.session.to_dict()["stages"] == before  # nothing removed, undone
        assert "las letras son órdenes" in change_line(app)


async def test_ctrl_g_and_a_number_reach_a_row_in_any_terminal(store_dir: Path) -> None:
    async with in_the_pane(store_dir) as (app, pilot, sid):
        await pilot.press("e")
        await pilot.pause()
        await type_burst(app, pilot, [events.Key("ctrl+g", None), key("5"), *map(key, "55 km")])
        assert app.focused is not None and app.focused.id == "tp-quote"
        # After the jump, digits are typed again.
        assert app.screen.query_one("#tp-quote", TextArea).text == "55 km"
        await type_burst(app, pilot, [events.Key("ctrl+g", None), key("x")])
        assert app.screen.query_one("#tp-quote", TextArea).text == "55 kmx"  # no row: typed


async def test_esc_and_a_letter_in_one_burst_are_two_keys(store_dir: Path) -> None:
    """A terminal reads Esc and a letter typed together as Alt+letter: given back as both."""
    async with in_the_pane(store_dir) as (app, pilot, sid):
        await type_burst(app, pilot, [events.Key("alt+h", None), *map(key, "ola")])
        field = app.focused
        assert field is not None and field.id.startswith("in-")  # back to the questions
        assert field.value.endswith("hola")  # type: ignore[attr-defined]


async def test_help_opens_in_every_dialog(store_dir: Path) -> None:
    from cjtui.interface.tui.screens.modals import ConfirmModal, HelpModal

    async with in_the_pane(store_dir) as (app, pilot, sid):
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        await pilot.press("f1", "escape")  # help closed, then the editor
        await pilot.pause()
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await type_burst(app, pilot, [key(c) for c in "se lo dije"])
        assert isinstance(app.screen, ConfirmModal)  # typed words answer nothing
        assert not app.interview.session.stage("awareness").skipped
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)


async def test_ctrl_g_reaches_a_row_from_a_text_field(store_dir: Path) -> None:
    async with in_the_pane(store_dir) as (app, pilot, _):
        await pilot.press("e")
        await pilot.pause()
        await type_burst(app, pilot, [events.Key("ctrl+g", None), key("1")])  # to the name
        assert app.focused is not None and app.focused.id == "tp-name"
        await type_burst(app, pilot, [events.Key("ctrl+g", None), key("8"), *map(key, "Equipo 24")])
        assert app.focused is not None and app.focused.id == "tp-owner"
        assert app.screen.query_one("#tp-owner").value == "Equipo 24"  # type: ignore[attr-defined]
        assert app.screen.query_one("#tp-name").value == "Mortgage simulator"  # type: ignore[attr-defined]


async def test_ctrl_n_in_the_editor_closes_it_and_moves_on(store_dir: Path) -> None:
    async with in_the_pane(store_dir) as (app, pilot, _):
        await pilot.press("e")
        await pilot.pause()
        await type_burst(app, pilot, [events.Key("ctrl+n", None), *map(key, "words")])
        assert isinstance(app.screen, StageScreen) and app.screen.stage_id == "consideration"
        assert app.focused is not None and getattr(app.focused, "value", "").endswith("words")
        tp = app.interview.session.stage("awareness").touchpoints[0]
        assert "words" not in (tp.name + tp.note + tp.quote)


async def test_esc_and_a_capital_in_one_burst_are_two_keys(store_dir: Path) -> None:
    async with in_the_pane(store_dir) as (app, pilot, _):
        await type_burst(app, pilot, [events.Key("alt+shift+h", None), *map(key, "ola")])
        field = app.focused
        assert field is not None and field.value.endswith("Hola")  # type: ignore[attr-defined]


async def test_help_in_a_dialog_is_about_where_it_opened(store_dir: Path) -> None:
    from cjtui.interface.tui.screens.modals import HelpModal

    async with in_the_pane(store_dir) as (app, pilot, _):
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal) and app.screen.topic == "help.editor"
        await pilot.press("escape", "escape", "a")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal) and app.screen.topic == "help.stage"
