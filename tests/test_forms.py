"""The setup form and the small things an interviewer meets: choices that open on the chosen
option, stop at the ends and read without colour; a suggested participant code replaced by
what is typed; export proposing the folder last used; the study commands and the curve's
legend in the interface's language; one symbol per voice in the summary and the analysis."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, RadioButton, SelectionList

from cjtui.analysis.curve import curve_data, with_staff
from cjtui.analysis.drawing.terminal import marker
from cjtui.domain.guide import builtin_guide
from cjtui.interface.cli.main import main
from cjtui.interface.tui.fields import ChoiceSet
from cjtui.interface.tui.screens.new import CodeInput
from cjtui.interface.tui.screens.stage import StageScreen
from cjtui.store import Store

from .conftest import make_session
from .test_typist import key, tab, type_burst
from .tui_helpers import app_for

SIZE = (80, 24)


def highlighted(radio: ChoiceSet) -> int:
    return radio._highlighted()


async def test_a_choice_opens_on_the_option_chosen_and_does_not_wrap(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        moment = app.screen.query_one("#moment", ChoiceSet)
        assert moment.pressed_index == 2  # "none", chosen by default
        moment.focus()
        await pilot.pause()
        assert highlighted(moment) == 2  # opens there, not on the first option
        await pilot.press("right")
        await pilot.pause()
        assert highlighted(moment) == 2  # the end: no wrap round to "before"
        await pilot.press("left", "left", "left")
        await pilot.pause()
        assert highlighted(moment) == 0
        await pilot.press("space")
        await pilot.pause()
        assert moment.pressed_index == 0
        # The chosen option reads without colour: a dot in its button, none in the others.
        inner = [b.BUTTON_INNER for b in moment.query(RadioButton)]
        assert inner == ["●", " ", " "]


async def test_a_ticked_option_reads_without_colour(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("inbound")
    s.set_answer("consideration", "sources", ["reviews", "people"])
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("consideration"))
        await pilot.pause()
        ticks = app.screen.query_one("#in-sources", SelectionList)
        lines = [
            "".join(seg.text for seg in ticks.render_line(y)) for y in range(ticks.option_count)
        ]
        chosen = [
            o
            for o in range(ticks.option_count)
            if ticks.get_option_at_index(o).value in ticks.selected
        ]
        assert chosen and all(lines[o][1] == "✓" for o in chosen)
        assert all(lines[o][1] == " " for o in range(len(lines)) if o not in chosen)


async def test_the_suggested_code_is_replaced_by_what_is_typed(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#alias", Input).focus()
        await pilot.pause()
        # The alias, Tab, and a code of one's own typed straight after, in one burst.
        await type_burst(
            app, pilot, [*[key(c) for c in "Ana"], tab(1), *[key(c) for c in "INT-01"]]
        )
        code = app.screen.query_one("#code", CodeInput)
        assert code.suggested == "P-001"
        assert code.value == "INT-01"


async def test_export_proposes_the_folder_last_used(store_dir: Path, tmp_path: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("inbound")
    store.save(s)
    elsewhere = tmp_path / "exports"
    elsewhere.mkdir()
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(len(app.steps()))
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        assert Path(path.value).parent == Path.cwd()
        path.value = str(elsewhere / "first.json")
        await pilot.press("enter")
        await pilot.pause()
        assert (elsewhere / "first.json").exists()
        await pilot.press("ctrl+e")
        await pilot.pause()
        again = app.screen.query_one("#export-path", Input).value
        assert Path(again).parent == elsewhere


def test_study_commands_speak_the_interface_language(runner, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(store_dir), "--lang", "es"]
    out = runner.invoke(main, [*db, "study", "list"])
    assert out.exit_code == 0 and out.output.startswith("Aún no hay estudios.")
    out = runner.invoke(
        main, [*db, "study", "new", "banco", "--guide", "inbound", "--title", "Hipoteca"]
    )
    assert out.exit_code == 0, out.output
    assert out.output == "Estudio banco creado (Hipoteca) con la guía inbound.\n"
    out = runner.invoke(main, [*db, "study", "list"])
    assert out.output.splitlines()[0].split() == ["ID", "ESTADO", "ENTREVISTAS", "GUÍA", "TÍTULO"]
    assert "abierto" in out.output.splitlines()[1]
    out = runner.invoke(main, [*db, "study", "show", "banco"])
    assert "responsable de los datos:" in out.output and "conservar hasta:" in out.output
    out = runner.invoke(main, [*db, "study", "close", "banco"])
    assert out.output == "El estudio banco está cerrado.\n"


def test_customer_and_staff_keep_one_symbol_everywhere() -> None:
    guide = builtin_guide("inbound")
    customer = make_session("inbound")
    staff = make_session("inbound", perspective="internal")
    # The summary: staff's belief drawn behind the customer's curve.
    own = curve_data(customer, guide, "en")
    belief = {own.axis[0].key: (1.0, 1)}
    summary = with_staff(own, belief, "staff")
    marks = {s.group: marker(s, n) for n, s in enumerate(summary.series)}
    # The analysis: one mean line per voice, staff's first or not.
    grouped = curve_data([staff, customer], guide, "en", by="perspective")
    both = {s.group: marker(s, n) for n, s in enumerate(grouped.series)}
    only_staff = curve_data([staff], guide, "en", by="perspective").series[0]
    assert marks == both == {"customer": "●", "internal": "◆"}
    assert marker(only_staff, 0) == "◆"
    assert [s.dashed for s in grouped.series] == [False, True]


async def test_the_curve_legend_speaks_the_interface_language(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("inbound", language="en", alias="Alondra", moment="before")
    store.save(s)
    app = app_for(store, "es", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(len(app.steps()))
        await pilot.pause()
        assert not isinstance(app.screen, StageScreen)
        plot = app.screen.query_one("#curve")
        assert plot.data.series[0].name == "Alondra (cliente, antes)"  # type: ignore[attr-defined]


async def test_a_required_answer_left_behind_is_said_in_the_status_line(store_dir: Path) -> None:
    from textual.widgets import Static

    store = Store.open(store_dir)
    s = make_session("inbound")
    assert s.stage("consideration").answers.get("considered") is None
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("consideration"))
        await pilot.pause()
        await pilot.press("ctrl+n")  # past the required "did you look at other options too?"
        await pilot.pause()
        notice = app.screen.query_one("#notice", Static)
        said = str(notice.render())
        assert notice.display and said.startswith("Left unanswered in Consideration")
        assert "Ctrl+G goes back to it" in said
        # Not a toast over the touchpoints: the status line, under the stage bar.
        table = app.screen.query_one("#touchpoints")
        assert notice.region.bottom <= app.screen.query_one("#form").region.y
        assert not notice.region.overlaps(table.region)
        bar = app.screen.query_one("#stage-bar")
        assert not notice.region.overlaps(bar.region) and bar.region.y == 0


async def test_words_typed_onto_a_multiple_choice_tick_nothing(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("inbound")
    store.save(s)
    app = app_for(store, "es", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("consideration"))
        await pilot.pause()
        ticks = app.screen.query_one("#in-sources", SelectionList)
        ticks.focus()
        await pilot.pause()
        await type_burst(app, pilot, [key(c) for c in "web amigos"])
        assert list(ticks.selected) == []  # the spaces between the words ticked nothing
        await pilot.pause(1.2)  # typing over: Space ticks again
        await pilot.press("space")
        await pilot.pause()
        assert len(ticks.selected) == 1


async def test_words_typed_on_home_run_no_command(store_dir: Path) -> None:
    from cjtui.interface.tui.screens.home import HomeScreen

    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_burst(app, pilot, [key(c) for c in "otra cosa"])  # r opens the analysis
        assert isinstance(app.screen, HomeScreen)


async def test_keys_still_coming_when_the_app_quits_are_no_error(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for k in [events.Key("ctrl+q", None), key("y"), *map(key, "abcdef")]:
            app.post_message(k)
        await pilot.pause(0.5)
    assert app.return_code in (None, 0)
