"""The interview app records what was said: scale keys give the value said, the cursor
continues an answer, Esc goes back without discarding, store errors never end the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from cjtui.interface.tui.fields import ScaleRow
from cjtui.interface.tui.screens.stage import StageScreen
from cjtui.store import Store

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
        assert "[8]" in str(row.render()) and "8:7" not in str(row.render())
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
    s.set_answer("purchase", "stuck", "the router never arrived")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = app.focused
        assert isinstance(area, TextArea) and area.id == "in-stuck"
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


async def test_deleting_a_session_held_elsewhere_says_who_and_keeps_running(
    store_dir: Path,
) -> None:
    from cjtui.interface.tui.screens.home import HomeScreen

    store = Store.open(store_dir)
    s = make_session("inbound", alias="Held")
    store.save(s)
    lease = store.acquire(s.id, holder="maria@server2 (pid 4242)")
    try:
        app = app_for(store, "en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, HomeScreen)
            toasts = [str(n.message) for n in app._notifications]
            assert any("maria@server2 (pid 4242)" in m for m in toasts), toasts
            assert store.ids() == [s.id], "nothing was deleted"
    finally:
        lease.release()


async def test_a_store_error_in_any_screen_is_said_not_a_crash(store_dir: Path) -> None:
    from cjtui.store import StoreError

    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:

        def boom() -> None:
            raise StoreError("store at [/tmp/x] is gone")

        app.screen.action_analysis = boom  # type: ignore[method-assign]
        await pilot.press("r")
        await pilot.pause()
        assert app.is_running
        assert any("[/tmp/x]" in str(n.message) for n in app._notifications)


async def test_notifications_are_literal_text(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.notify("stage [/bold] and [red]word[/red] \x1b]52;c;aGk=\x07")
        await pilot.pause()
        assert app.is_running
        (note,) = list(app._notifications)
        assert note.message == "stage [/bold] and [red]word[/red] ]52;c;aGk="


async def test_removing_a_touchpoint_asks_when_it_has_details_and_can_be_undone(
    store_dir: Path,
) -> None:
    from cjtui.domain.model import new_touchpoint
    from cjtui.interface.tui.screens.modals import ConfirmModal

    store = Store.open(store_dir)
    s = make_session("inbound", touchpoints=0)
    s.add_touchpoint("awareness", new_touchpoint("Advert", "web", emotion=1))
    detailed = new_touchpoint("Branch visit", "in_person", emotion=-2)
    detailed.owner, detailed.opportunity = "Branch network", "Book visits online"
    s.add_touchpoint("awareness", detailed)
    s.add_touchpoint("awareness", new_touchpoint("Call", "phone", emotion=0))
    s.set_answer("awareness", "expected", "moved house")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, StageScreen) and screen.stage_id == "awareness"
        table = screen.query_one("#touchpoints")
        await pilot.press("ctrl+t")
        assert table.has_focus
        assert screen.query_one("#tp-panel").has_class("-active")
        # A bare touchpoint goes at once, and u puts it back in its place.
        table.move_cursor(row=0)
        await pilot.press("x")
        await pilot.pause()
        assert [t.name for t in app.interview.session.stage("awareness").touchpoints] == [
            "Branch visit",
            "Call",
        ]
        await pilot.press("u")
        await pilot.pause()
        names = [t.name for t in app.interview.session.stage("awareness").touchpoints]
        assert names == ["Advert", "Branch visit", "Call"]
        # One with an owner and an opportunity asks first; "no" keeps it.
        table.move_cursor(row=1)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.interview.session.stage("awareness").touchpoints) == 3
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [t.name for t in app.interview.session.stage("awareness").touchpoints] == [
            "Advert",
            "Call",
        ]
        await pilot.press("ctrl+z")
        await pilot.pause()
        back = app.interview.session.stage("awareness").touchpoints[1]
        assert (back.name, back.owner, back.opportunity) == (
            "Branch visit",
            "Branch network",
            "Book visits online",
        )
        # Esc from the table goes back to the question, not to Home.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        assert app.focused is not None and app.focused.id == "in-expected"
        assert not screen.query_one("#tp-panel").has_class("-active")
    names = [t.name for t in Store.open(store_dir).load(s.id).stage("awareness").touchpoints]
    assert names == ["Advert", "Branch visit", "Call"]


async def test_esc_on_consent_goes_back_to_the_form_as_filled_in(store_dir: Path) -> None:
    from textual.widgets import RadioButton

    from cjtui.interface.tui.screens.consent import ConsentScreen
    from cjtui.interface.tui.screens.home import HomeScreen
    from cjtui.interface.tui.screens.new import NewSessionScreen

    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#moment").query(RadioButton)[1].value = True
        form.query_one("#alias", Input).value = "Lucía"
        form.query_one("#segment", Input).value = "first mortgage"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ConsentScreen)
        assert "ctrl+x" in app.screen.active_bindings  # declining has its own key
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        assert app.screen.query_one("#alias", Input).value == "Lucía"
        assert app.screen.query_one("#segment", Input).value == "first mortgage"
        assert app.screen.query_one("#moment").pressed_index == 1
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert Store.open(store_dir).ids() == []


async def test_a_required_question_passed_by_is_named_marked_and_reached_again(
    store_dir: Path,
) -> None:
    from cjtui.interface.tui.screens.summary import SummaryScreen

    store = Store.open(store_dir)
    s = make_session("inbound", perspective="internal", touchpoints=1)
    assert s.stage("consideration").answers.get("considered") is None  # required
    s.set_persona("needs", "a mortgage")
    s.set_persona("story", "a couple")
    s.set_persona("trigger", "a new flat")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("consideration"))
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.stage_id == "decision"  # type: ignore[attr-defined]
        # Said in the status line under the stage bar, where it stays (not a toast).
        note = str(app.screen.query_one("#notice").render())
        assert "Consideration" in note and "typical customer looks" in note  # staff words
        await pilot.press("ctrl+g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StageScreen) and screen.stage_id == "consideration"
        assert app.focused is not None and app.focused.id == "in-considered"
        assert screen.query_one("#q-considered").has_class("-invalid")
        # From the summary, a refused Ctrl+D lists it and g goes there too.
        app.go_to_step(len(app.steps()))
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+d")
        await pilot.pause()
        listed = str(app.screen.query_one("#missing-list").render())
        assert "Consideration" in listed and "other options" in listed
        await pilot.press("g")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "in-considered"


async def test_a_completed_interview_opens_on_its_summary(store_dir: Path) -> None:
    from cjtui.interface.tui.screens.summary import SummaryScreen

    store = Store.open(store_dir)
    s = make_session("inbound", perspective="internal")
    s.set_status("completed")
    store.save(s)
    app = app_for(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_export_from_the_app_says_where_and_offers_to_replace(
    store_dir: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from cjtui.interface.tui.screens.modals import ConfirmModal, ExportModal

    monkeypatch.chdir(tmp_path)
    store = Store.open(store_dir)
    s = make_session("inbound", perspective="internal")
    s.set_status("completed")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        assert "enter" in app.screen.active_bindings  # Enter exports, and the key bar says so
        path = Path(app.screen.query_one("#export-path", Input).value)
        assert path.is_absolute() and path.parent == tmp_path
        await pilot.press("enter")
        await pilot.pause()
        assert path.exists()
        assert any(str(path) in str(n.message) for n in app._notifications)
        first = path.read_bytes()
        path.write_text("old")
        await pilot.press("ctrl+e", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert path.read_bytes() == first
        await pilot.press("ctrl+e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "nope" / "x.json")
        await pilot.press("enter")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(str(tmp_path / "nope" / "x.json") in m and "No such" in m for m in messages)


async def test_the_new_form_remembers_guide_language_and_interviewer(store_dir: Path) -> None:
    from textual.widgets import Select

    app = app_for(store_dir, "es")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#guide", Select).value = "full"
        form.query_one("#language").query("RadioButton")[1].value = True
        form.query_one("#interviewer", Input).value = "Rocío"
        form.query_one("#alias", Input).value = "P-001"
        form.query_one("#perspective").query("RadioButton")[1].value = True
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+n")  # staff's own consent, accepted
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#guide", Select).value == "full"
        assert form.query_one("#language").pressed_index == 1
        assert form.query_one("#interviewer", Input).value == "Rocío"
        assert form.query_one("#alias", Input).value == ""


def test_last_choices_are_private_and_a_bad_file_means_none(tmp_path: Path) -> None:
    import stat

    from cjtui.store.prefs import load_last, prefs_path, save_last

    save_last(guide="full", language="en", interviewer="Ana", alias="not kept")
    path = prefs_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_last() == {"guide": "full", "language": "en", "interviewer": "Ana"}
    path.write_text("{not json")
    assert load_last() == {}


async def test_home_searches_by_alias_segment_or_interviewer(store_dir: Path) -> None:
    store = Store.open(store_dir)
    for alias, segment in (("Lucía", "primera hipoteca"), ("Tom", "switcher"), ("Ana", "pyme")):
        s = make_session("inbound", alias=alias)
        s.participant.segment = segment
        store.save(s)
    app = app_for(store, "es")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#sessions")
        assert table.row_count == 3
        await pilot.press("slash", *"HIPOTECA")
        await pilot.pause()
        assert table.row_count == 1 and app.screen.rows[0]["alias"] == "Lucía"
        await pilot.press("ctrl+u", *"lucia")  # accents and case do not count
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("ctrl+u", *"tester")  # the interviewer
        await pilot.pause()
        assert table.row_count == 3
        await pilot.press("ctrl+u", *"nadie")
        await pilot.pause()
        assert not table.display and "Ninguna" in str(app.screen.query_one("#empty").render())
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 3 and table.has_focus


async def test_the_participant_column_grows_with_the_terminal(store_dir: Path) -> None:
    from cjtui.interface.tui.screens.home import WIDTHS

    store = Store.open(store_dir)
    store.save(make_session("inbound", alias="Responsables de tienda y logística"))
    app = app_for(store, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#sessions")
        narrow = table.ordered_columns[0].width
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        wide = table.ordered_columns[0].width
        assert narrow == WIDTHS["alias"] and wide >= 40
        assert "Responsables de tienda y logística" in str(table.get_row_at(0)[0])


async def test_an_opened_session_does_not_claim_a_save_it_did_not_make(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("inbound", perspective="internal")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        bar = str(app.screen.query_one("#stage-bar").render())
        assert "last changed" in bar and "saved" not in bar
        await pilot.press(*"x")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "saved" in str(app.screen.query_one("#stage-bar").render())


async def test_textual_labels_in_the_key_bar_speak_spanish(store_dir: Path) -> None:
    from textual.widgets import Select

    app = app_for(store_dir, "es")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#guide", Select).focus()
        await pilot.press("enter")  # opens the menu
        await pilot.pause()
        keys = str(app.screen.query_one("#keys").render())
        assert "Cerrar menú" in keys and "Dismiss" not in keys


def test_help_texts_have_no_markdown_backticks() -> None:
    from cjtui.base.i18n import t

    from .test_i18n import KEYS

    assert not [k for k in KEYS if k.startswith("help.") and "`" in t(k, "en") + t(k, "es")]


async def test_an_app_ended_by_an_error_exits_non_zero(store_dir: Path) -> None:
    from cjtui.interface.runapp import exit_status

    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
    assert exit_status(app.return_code) == 0

    crashing = app_for(store_dir, "en")

    def boom() -> None:
        raise RuntimeError("a bug")

    crashing.action_help = boom  # type: ignore[method-assign]
    try:
        async with crashing.run_test(size=SIZE) as pilot:
            await pilot.press("f1")
            await pilot.pause()
    except RuntimeError:
        pass
    assert exit_status(crashing.return_code) != 0
