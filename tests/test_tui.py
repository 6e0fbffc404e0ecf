"""Pilot tests: whole interviews through the app, and what the store holds afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, Static, TextArea

from cjtui.domain.model import Session, new_touchpoint
from cjtui.exchange import session_files
from cjtui.interface.tui.screens.consent import ConsentScreen
from cjtui.interface.tui.screens.editor import TouchpointModal
from cjtui.interface.tui.screens.home import HomeScreen
from cjtui.interface.tui.screens.modals import ConfirmModal
from cjtui.interface.tui.screens.stage import StageScreen
from cjtui.interface.tui.screens.summary import SummaryScreen
from cjtui.store import Store

from .conftest import SAMPLES, make_session
from .tui_helpers import add_touchpoint, answer, app_for

SIZE = (80, 24)


def only_session(store_dir: Path) -> Session:
    sessions = list(Store.open(store_dir).all())
    assert len(sessions) == 1
    return sessions[0]


async def start_new(
    pilot,
    alias: str,
    *,
    guide: str = "inbound",
    perspective: str = "customer",
    moment: str = "after",
    language: str | None = None,
    staff_consent: bool = True,
) -> None:
    from textual.widgets import RadioButton, Select

    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    screen.query_one("#guide", Select).value = guide
    if language is not None:
        screen.query_one("#language").query(RadioButton)[["es", "en"].index(language)].value = True
    screen.query_one("#perspective").query(RadioButton)[
        ["customer", "internal"].index(perspective)
    ].value = True
    screen.query_one("#moment").query(RadioButton)[
        ["before", "after", "none"].index(moment)
    ].value = True
    screen.query_one("#alias", Input).value = alias
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    if perspective == "internal" and staff_consent and isinstance(pilot.app.screen, ConsentScreen):
        await pilot.press("ctrl+n")  # staff's own consent (guides 3.0), accepted
        await pilot.pause()


async def test_whole_inbound_interview_as_a_customer(store_dir: Path) -> None:
    app = app_for(store_dir, "es")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await start_new(pilot, "Marta", moment="before", language="es")
        assert isinstance(app.screen, ConsentScreen)
        assert Store.open(store_dir).ids() == [], "nothing is stored before consent"
        await pilot.press("enter")  # "Acepta" has the focus
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        await answer(pilot, "story", "Me mudé y abrí una cuenta desde el móvil")
        await answer(pilot, "needs", "Abrir una cuenta sin ir a la oficina")
        await answer(pilot, "age_range", "35_49")
        # What happened before the first stage, and how they felt then (the curve's start).
        await answer(pilot, "trigger", "Me mudé de ciudad")
        await answer(pilot, "start_felt", -1)
        await pilot.press("ctrl+n")
        await pilot.pause()
        bar = app.screen.query_one("#stage-bar")
        assert "Etapa 1/3 · Descubrimiento" in str(bar.render())
        await answer(pilot, "first_heard", "people")
        await add_touchpoint(pilot, 0, "4")  # word of mouth, +1
        await add_touchpoint(pilot, 1, "1")  # search result, -2: a pain by default
        await pilot.press("ctrl+n")
        await pilot.pause()
        await answer(pilot, "considered", "yes")
        await answer(pilot, "options", "Dos bancos online")
        await answer(pilot, "sources", ["website", "reviews"])
        await answer(pilot, "ease", 2)
        await answer(pilot, "others", "Mi hermana")
        await add_touchpoint(pilot, None, "3", name="Chat de la web")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await answer(pilot, "tipped", "La app")
        await answer(pilot, "ideas", "Abrir la cuenta por vídeo")
        await add_touchpoint(pilot, 2, "5")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        pains = str(app.screen.query_one("#pain-list", Static).render())
        assert "Resultado de búsqueda" in pains
        await pilot.press("ctrl+d")
        await pilot.pause()
        # The pain has no improvement opportunity yet: named once, then Ctrl+D completes.
        assert app.interview.session.status == "in_progress"
        notes = [str(n.message) for n in app._notifications]
        assert any("Resultado de búsqueda" in m and "oportunidad" in m for m in notes)
        await pilot.press("ctrl+d")
        await pilot.pause()

    s = only_session(store_dir)
    assert s.status == "completed" and s.completed_at
    assert (s.perspective, s.moment, s.language) == ("customer", "before", "es")
    assert s.consent.given and s.consent.text_sha256
    assert s.participant.alias == "Marta"
    assert s.participant.persona == {
        "story": "Me mudé y abrí una cuenta desde el móvil",
        "needs": "Abrir una cuenta sin ir a la oficina",
        "age_range": "35_49",
        "trigger": "Me mudé de ciudad",
        "start_felt": -1,
    }
    awareness, consideration, decision = s.stages
    assert awareness.answers == {"first_heard": "people"}
    assert [(t.name, t.channel, t.emotion, t.pain) for t in awareness.touchpoints] == [
        ("Recomendación de un conocido", "in_person", 1, False),
        ("Resultado de búsqueda", "web", -2, True),
    ]
    assert consideration.answers == {
        "considered": "yes",
        "options": "Dos bancos online",
        "sources": ["website", "reviews"],
        "ease": 2,
        "others": "Mi hermana",
    }
    assert [(t.name, t.channel, t.emotion) for t in consideration.touchpoints] == [
        ("Chat de la web", "other", 0)
    ]
    assert decision.answers == {"tipped": "La app", "ideas": "Abrir la cuenta por vídeo"}
    assert decision.touchpoints[0].emotion == 2
    kinds = [e.kind for e in s.events]
    assert kinds[0] == "created" and kinds[1] == "consent" and kinds[-1] == "status"


async def test_whole_full_interview_from_staff_in_english(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(
            pilot,
            "Branch team",
            guide="full",
            perspective="internal",
            moment="none",
            language="en",
            staff_consent=False,
        )
        # Staff are read a consent of their own (their professional view), before anything
        # is kept; accepted, the interview starts.
        assert isinstance(app.screen, ConsentScreen)
        assert Store.open(store_dir).ids() == []
        said = str(app.screen.query_one("#consent-text Static", Static).render())
        assert "your professional view" in said
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        assert len(Store.open(store_dir).ids()) == 1
        await answer(pilot, "story", "A couple who came in with a flat reserved")
        await answer(pilot, "needs", "A mortgage quickly")
        await answer(pilot, "trigger", "An advert")
        await pilot.press("ctrl+n")
        answers = {
            "awareness": {"expected": "A quick yes or no"},
            "consideration": {"considered": "yes", "options": "Two banks"},
            "decision": {"tipped": "Price"},
            "purchase": {
                "how_bought": "web",
                "compared_to_expected": "Slower than said",
            },
            "loyalty": {"future": "They stay", "recommend": 7, "recommend_why": "Fine"},
        }
        for n, (stage_id, given) in enumerate(answers.items()):
            await pilot.pause()
            assert app.screen.stage_id == stage_id
            for qid, value in given.items():
                await answer(pilot, qid, value)
            await add_touchpoint(pilot, 0, str(1 + n % 5))
            await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+d", "ctrl+d")  # the second after the nudge about opportunities
        await pilot.pause()
    s = only_session(store_dir)
    assert s.status == "completed" and s.perspective == "internal" and s.moment is None
    assert s.consent.given and s.participant.persona["trigger"] == "An advert"
    for record in s.stages:
        for qid, value in answers[record.id].items():
            assert record.answers[qid] == value
    assert [r.touchpoints[0].emotion for r in s.stages] == [-2, -1, 0, 1, 2]


async def test_going_back_and_changing_an_earlier_answer(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Back", perspective="internal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await answer(pilot, "expected", "first version")
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        assert app.screen.stage_id == "decision"
        await pilot.press("ctrl+p", "ctrl+p")
        await pilot.pause()
        assert app.screen.stage_id == "awareness"
        field = app.screen.query_one("#in-expected")
        assert field.text == "first version"
        await answer(pilot, "expected", "second version")
        await pilot.press("ctrl+n")
        await pilot.pause()
    s = only_session(store_dir)
    assert s.stage("awareness").answers["expected"] == "second version"
    changes = [e for e in s.events if e.target == "expected"]
    assert changes[-1].old == "first version" and changes[-1].new == "second version"


async def test_when_conditions_show_and_hide_questions(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "When", perspective="internal")
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        assert app.screen.stage_id == "decision"
        follow_up = app.screen.query_one("#q-went_on")
        assert not follow_up.display
        await answer(pilot, "hesitated_any", "no")  # "no": nothing follows
        await pilot.pause()
        assert not follow_up.display
        await answer(pilot, "hesitated_any", "yes")
        await pilot.pause()
        assert follow_up.display and app.screen.query_one("#q-hesitated").display
        await answer(pilot, "hesitated_any", "not_sure")
        await pilot.pause()
        assert not follow_up.display
        await pilot.press("ctrl+p", "ctrl+p")
        await pilot.pause()
        other = app.screen.query_one("#q-first_heard_other")
        assert not other.display
        await answer(pilot, "first_heard", "other")
        assert other.display


async def test_required_and_number_validation_is_inline(store_dir: Path) -> None:
    app = app_for(store_dir, "es")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Val", perspective="internal")
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert screen.stage_id == "decision"
        await pilot.press("ctrl+n")  # tipped is required and empty
        await pilot.pause()
        assert app.screen is not screen, "moving on is allowed, with a warning"
        await pilot.press("ctrl+p")
        await pilot.pause()
        # Completing is refused while required answers are missing.
        app.go_to_step(len(app.steps()))
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert Store.open(store_dir).load(app.interview.session.id).status == "in_progress"
        app.go_to_step(3)
        await pilot.pause()
        screen = app.screen
        assert [q.id for q in screen.show_missing()] == ["tipped"]
        error = screen.query_one("#q-tipped .error", Label)
        assert error.display and "obligatoria" in str(error.render())
        await answer(pilot, "tipped", "ya está")
        assert not error.display


async def test_number_question_rejects_text_inline(store_dir: Path, tmp_path: Path) -> None:
    from cjtui.domain.guide import load_guide

    guide_file = tmp_path / "num.toml"
    text = (SAMPLES.parent / "cjtui" / "guides" / "inbound.toml").read_text("utf-8")
    text = text.replace('id = "inbound"', 'id = "num"', 1).replace(
        '[[stages.questions]]\nid = "first_heard"',
        '[[stages.questions]]\nid = "visits"\ntype = "number"\nmin = 0\nmax = 100\n'
        'prompt = { es = "¿Cuántas visitas?", en = "How many visits?" }\n\n'
        '[[stages.questions]]\nid = "first_heard"',
        1,
    )
    guide_file.write_text(text, encoding="utf-8")
    guide = load_guide(guide_file)
    app = app_for(store_dir, "en", guides=[guide])
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Num", guide="num", perspective="internal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await answer(pilot, "visits", "lots")
        error = app.screen.query_one("#q-visits .error", Label)
        assert error.display and "number" in str(error.render())
        await answer(pilot, "visits", "250")
        assert "between 0 and 100" in str(error.render())
        await answer(pilot, "visits", "12")
        assert not error.display
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert only_session(store_dir).stage("awareness").answers["visits"] == 12


async def test_consent_declined_keeps_nothing(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Nope")
        assert isinstance(app.screen, ConsentScreen)
        await pilot.press("tab", "enter")  # to "Declines"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert Store.open(store_dir).ids() == []
    assert list((store_dir / "sessions").iterdir()) == []


async def test_resume_returns_to_the_stage_and_field(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("full", touchpoints=1)
    s.set_answer("purchase", "stuck", "the router never arrived")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StageScreen) and app.screen.stage_id == "purchase"
        assert app.focused is not None and app.focused.id == "in-stuck"
        assert app.focused.text == "the router never arrived"


async def test_resume_from_home_with_enter(store_dir: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from cjtui.interface.cli.main import main

    assert runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions")
        assert table.row_count == len(session_files(SAMPLES.glob("*.json")))
        await pilot.press("enter")  # the in-progress session is first
        await pilot.pause()
        assert app.interview is not None and app.interview.session.participant.alias == "Birch"
        # Her last change was typed in a touchpoint's editor: it opens again, there.
        last = app.interview.session.last_change()
        assert last is not None and last.kind == "touchpoint_changed"
        stage = app.screen_stack[-2]
        assert isinstance(stage, StageScreen) and stage.stage_id == "consideration"
        assert isinstance(app.screen, TouchpointModal)
        assert app.screen.tp.id == last.target
        assert app.focused is not None and app.focused.id == f"tp-{last.field}"


async def test_quit_asks_and_saves_what_was_typed(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Quitter", perspective="internal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one("#in-expected").insert("typed just before quitting")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        # Saved already, before the answer to "quit?".
        assert (
            only_session(store_dir).stage("awareness").answers["expected"]
            == "typed just before quitting"
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen), "cancel keeps the interview open"
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_hangup_saves_the_answer_being_typed(store_dir: Path) -> None:
    import signal

    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Hangup", perspective="internal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("a", "b", "c")
        assert app.interview.pending, "typed text waits for a pause before it is committed"
        app._terminal_gone(signal.SIGHUP)
        await pilot.pause()
    # Typed at the top of the stage (what it was for the participant), saved on hangup.
    assert only_session(store_dir).stage("awareness").words == "abc"
    assert app.return_code == 128 + signal.SIGHUP


async def test_typing_pauses_commit_one_event_not_one_per_key(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Keys", perspective="internal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"hello")
        await pilot.pause(1.2)  # the autosave commits after a short pause
        assert not app.interview.pending
    s = only_session(store_dir)
    assert s.stage("awareness").words == "hello"
    assert len([e for e in s.events if e.kind == "stage_changed"]) == 1


async def test_touchpoints_reorder_remove_and_rate_by_key(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Tps", perspective="internal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        for n in range(3):
            await add_touchpoint(pilot, n, "3")
        table = app.screen.query_one("#touchpoints")
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("shift+up", "1")
        await pilot.pause()
        table.move_cursor(row=0)
        await pilot.press("x")
        await pilot.pause()
    record = only_session(store_dir).stage("awareness")
    assert [(t.name, t.emotion, t.pain) for t in record.touchpoints] == [
        ("Advert", -2, True),
        ("Search result", 0, False),
    ]


async def test_skipping_a_stage_is_recorded(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Skip", perspective="internal")
        await pilot.press("ctrl+n", "ctrl+o")
        await pilot.pause()
        assert app.screen.query_one("#skipped-note").display
    assert only_session(store_dir).stage("awareness").skipped


HOSTILE = (
    "[bold red]x[/] [@click=app.quit]q[/] [/ \x1b]0;pwned\x07 \x1b[2J [link=http://e.vil]l[/link]"
)


async def test_hostile_text_is_shown_literally_everywhere(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("inbound", touchpoints=1)
    s.set_participant("alias", HOSTILE)
    s.set_answer("awareness", "expected", HOSTILE)
    tp = s.stages[0].touchpoints[0]
    s.update_touchpoint(tp.id, name=HOSTILE, emotion=-2, opportunity=HOSTILE)
    store.save(s)
    literal = "[bold red]x[/] [@click=app.quit]q[/] [/ ]0;pwned [2J [link=http://e.vil]l[/link]"
    app = app_for(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions")
        assert table.get_row_at(0)[0].plain.startswith("[bold red]")
        await pilot.press("enter")
        await pilot.pause()
        # The last change was the touchpoint's opportunity: its editor opens, literal.
        assert isinstance(app.screen, TouchpointModal)
        assert app.screen.query_one("#tp-opportunity", TextArea).text == literal
        assert app.screen.query_one("#tp-name", Input).value == literal
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#in-expected").text == literal
        cell = app.screen.query_one("#touchpoints").get_row_at(0)[1]
        assert cell.plain.startswith("[bold red]x[/]")
        app.go_to_step(len(app.steps()))
        await pilot.pause()
        pains = str(app.screen.query_one("#pain-list", Static).render())
        assert "[@click=app.quit]" in pains and "\x1b" not in pains
        await pilot.press("ctrl+e")
        await pilot.pause()
    assert app.return_code is None or app.return_code == 0


@pytest.mark.parametrize("lang, word", [("es", "Etapa 1/3"), ("en", "Stage 1/3")])
async def test_interface_language(store_dir: Path, lang: str, word: str) -> None:
    app = app_for(store_dir, lang)
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Lang", perspective="internal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert word in str(app.screen.query_one("#stage-bar").render())


async def test_help_opens_with_f1(store_dir: Path) -> None:
    from cjtui.interface.tui.screens.modals import HelpModal

    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpModal)


async def test_question_mark_in_an_answer_is_just_text(store_dir: Path) -> None:
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_new(pilot, "Q", perspective="internal")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("w", "h", "y", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        assert app.screen.query_one("#in-_words").value == "why?"


async def test_delete_from_home_asks_first(store_dir: Path) -> None:
    store = Store.open(store_dir)
    store.save(make_session())
    app = app_for(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(store.ids()) == 1
        await pilot.press("d", "y")
        await pilot.pause()
    assert store.ids() == []


async def test_analysis_screen_from_home(store_dir: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from cjtui.interface.cli.main import main
    from cjtui.interface.tui.screens.analysis import AnalysisScreen

    assert runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnalysisScreen)
        # Five studies and none chosen: the screen says so, and never mixes them.
        findings = str(screen.query_one("#findings", Static).render())
        assert "choose one" in findings
        await pilot.press("s")  # the first study
        await pilot.pause()
        assert app.study_id == "banco-hipoteca"
        plot = screen.query_one("#curve")
        # People, each voice its own line: customers after, the same before, staff.
        assert [s.name for s in plot.data.series] == [
            "customer (n=2)",
            "customer, before (expected) (n=2)",
            "internal (n=1)",
        ]
        findings = str(screen.query_one("#findings", Static).render())
        assert "Moments of truth" in findings and "Estimated first bill" not in findings
        # Felt by people of the people who rated it (never over interviews), thin marked;
        # the gap with the n of each side.
        assert "felt by/customers (people)" in findings and "2/2†" in findings
        assert "+2.0 (n=1 · n=2)" in findings
        await pilot.press("b")
        await pilot.pause()
        assert [s.name for s in plot.data.series] == [
            "before (n=2)",
            "after (n=2)",
        ]
        await pilot.press("s")
        await pilot.pause()
        assert app.study_id == "broadband-switch"
        await pilot.press("i")  # its one interview is still in progress
        await pilot.pause()
        assert "1 interview" in str(screen.query_one("#stage-bar").render())
        assert "1 interviews" not in str(screen.query_one("#stage-bar").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_home_lists_a_big_store_a_page_at_a_time(store_dir: Path) -> None:
    from cjtui.interface.tui.screens.home import PAGE

    store = Store.open(store_dir)
    store.save_many(make_session(touchpoints=0, alias=f"P{n}") for n in range(PAGE + 30))
    app = app_for(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#sessions")
        assert table.row_count == PAGE
        table.move_cursor(row=PAGE - 1)
        await pilot.pause()
        assert table.row_count == PAGE + 30


async def test_the_curve_is_built_once_not_on_every_repaint(store_dir: Path) -> None:
    from cjtui.interface.tui.plot import CurvePlot

    store = Store.open(store_dir)
    s = make_session(touchpoints=2, perspective="internal")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(len(app.steps()))
        await pilot.pause()
        plot = app.screen.query_one(CurvePlot)
        builds = 0
        real_build = plot.plt.build

        def counting_build() -> str:
            nonlocal builds
            builds += 1
            return real_build()

        plot.plt.build = counting_build  # type: ignore[method-assign]
        for _ in range(5):
            plot.refresh()
            await pilot.pause()
        assert builds == 0


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_studies_are_switched_and_made_in_the_app(
    store_dir: Path,
    runner,
    lang: str,  # type: ignore[no-untyped-def]
) -> None:
    from cjtui.interface.cli.main import main
    from cjtui.interface.tui.screens.modals import NewStudyModal, StudyPicker

    assert runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    app = app_for(store_dir, lang)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#sessions")
        assert app.study_id is None and table.row_count == 13  # five studies: all listed
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StudyPicker)
        await pilot.press("enter")  # the first: banco-hipoteca
        await pilot.pause()
        assert app.study_id == "banco-hipoteca" and table.row_count == 5
        title = str(app.screen.query_one("#title-bar").render())
        assert "banco-hipoteca" in title
        # A new study from the short form becomes the current one.
        await pilot.press("s", "end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NewStudyModal)
        await pilot.press(*"Bad Id", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NewStudyModal), "a bad id is said, not taken"
        await pilot.press(*["backspace"] * 6, *"ola-2", "tab", *"Wave 2", "ctrl+n")
        await pilot.pause()
        assert app.study_id == "ola-2" and table.row_count == 0
        # A new interview goes to the current study, with its guide.
        await pilot.press("n", *"Ana", "tab")
        await pilot.pause()
        assert app.screen.query_one("#code").value == "P-001"
        await pilot.press("ctrl+n", "ctrl+n")  # start, then accept consent
        await pilot.pause()
    store = Store.open(store_dir)
    study = store.study("ola-2")
    assert study.title == "Wave 2" and len(study.consent_texts) == 1
    (session,) = [s for s in store.all() if s.study == "ola-2"]
    assert session.participant.code == "P-001"
    assert session.consent.text_sha256 in study.consent_texts


async def test_a_touchpoint_name_is_completed_from_the_study(store_dir: Path) -> None:
    """Typing a touchpoint's name offers the names the study already uses; → takes it."""
    from textual.widgets import Input

    store = Store.open(store_dir)
    other = make_session("inbound", perspective="internal", touchpoints=0)
    other.add_touchpoint("consideration", new_touchpoint("Llamada al call center", "phone", -1))
    store.save(other)
    mine = make_session("inbound", perspective="internal", touchpoints=0)
    mine.set_status("in_progress")
    store.save(mine)
    app = app_for(store, "en", resume=mine.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(4):  # resumed where it stopped (the last stage): back to consideration
            if isinstance(app.screen, StageScreen) and app.screen.stage_id == "consideration":
                break
            await pilot.press("ctrl+p")
            await pilot.pause()
        assert isinstance(app.screen, StageScreen) and app.screen.stage_id == "consideration"
        app.screen.query_one("#touchpoints").focus()
        await pilot.press("a")
        await pilot.pause()
        options = app.screen.query_one("#suggestions")
        options.highlighted = options.option_count - 1  # other
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#tp-name", Input).focus()
        await pilot.press(*"llam")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.query_one("#tp-name", Input).value == "Llamada al call center"
        await pilot.press("escape")
        await pilot.pause()
    (tp,) = Store.open(store_dir).load(mine.id).stage("consideration").touchpoints
    assert (tp.name, tp.key) == ("Llamada al call center", "llamada-al-call-center")


async def test_the_map_from_the_summary_and_the_analysis(store_dir: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from cjtui.interface.cli.main import main
    from cjtui.interface.tui.screens.analysis import AnalysisScreen
    from cjtui.interface.tui.screens.map import MapScreen

    assert runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    app = app_for(store_dir, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "m")  # no study chosen among five: said, nothing opens
        await pilot.pause()
        assert isinstance(app.screen, AnalysisScreen)
        await pilot.press("s", "m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert app.screen.data["study"]["id"] == "banco-hipoteca"
        bar = str(app.screen.query_one("#stage-bar").render())
        assert "stage 1/4: Awareness" in bar
        await pilot.press("left")  # wraps to the last stage: the one a couple added
        await pilot.pause()
        bar = str(app.screen.query_one("#stage-bar").render())
        assert "stage 4/4: Tasación de la vivienda" in bar
        await pilot.press("left")
        await pilot.pause()
        assert "stage 3/4: Decision" in str(app.screen.query_one("#stage-bar").render())
        text = str(app.screen.query_one("#map-text").render())
        assert "✖ Envío de documentación" in text and "Backstage" in text
        await pilot.press("escape", "escape")
        await pilot.pause()
        # One interview's map, from its summary.
        app.screen.query_one("#sessions").focus()
        await pilot.press("enter")  # the first row: a completed interview opens on its summary
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert app.screen.data["sessions"]["total"] == 1


async def test_staff_belief_beside_the_customer_only_when_asked(store_dir: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from cjtui.interface.cli.main import main
    from cjtui.interface.tui.screens.summary import SummaryScreen

    assert runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    jorge_after = "a0b1c2d3-e4f5-4a6b-9c7d-2e3f4a5b6c7d"  # a customer of the bank's study
    app = app_for(store_dir, "en", resume=jorge_after)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        plot = app.screen.query_one("#curve")
        staff, customer = plot.data.series
        assert staff.dashed and not customer.dashed and staff.name.startswith("staff")
        gaps = str(app.screen.query_one("#gap-list").render())
        assert gaps.count("staff") == 3 and "Tasación" not in gaps  # staff never rated it
        await pilot.press("ctrl+p")  # the last stage: the appraisal, which the couple added
        await pilot.pause()
        assert "Tasación de la vivienda" in str(app.screen.query_one("#stage-bar").render())
        await pilot.press("ctrl+p")  # the decision
        await pilot.pause()
        table = app.screen.query_one("#touchpoints")
        assert "staff" not in [str(k.value) for k in table.columns]  # off until asked for
        table.focus()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert "staff" in [str(k.value) for k in table.columns]
        row = [str(c) for c in table.get_row_at(0)]
        assert row[1].startswith("Envío de") and row[-1] == "-1.0"  # staff's mean there
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert "staff" not in [str(k.value) for k in table.columns]


async def test_no_staff_view_without_staff_interviews(store_dir: Path) -> None:
    store = Store.open(store_dir)
    s = make_session("inbound", perspective="customer")
    s.set_status("in_progress")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        assert app.screen.check_action("staff", ()) is False  # not in the key bar at all
