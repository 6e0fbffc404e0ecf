"""Snapshots of every screen at 80x24, in Spanish and English (pytest-textual-snapshot); Home,
the new-interview form, the summary and the analysis also at 160x48, where the layout gives
the room it has.

Run `pytest tests/test_snapshots.py --snapshot-update` after a deliberate change of look,
and look at the new SVGs before committing them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from cjtui.store import Store

from .conftest import SAMPLES
from .tui_helpers import answer, app_for

LANGS = ["es", "en"]
SIZES = [(80, 24), (160, 48)]
BANK_AFTER = "1c7a2d3f"  # a completed inbound session with pains (sample_sessions)
IN_PROGRESS = "7cd08d9f"
FULL_AFTER = "3e9c4f5b"  # a completed full-guide customer session (0–10 recommend question)
SKIPPED = "8de19ea0"  # a completed inbound session with a stage not lived


@pytest.fixture
def sample_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The sample sessions in a store whose shown path is the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setenv("LOGNAME", "entrevistador")
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.chdir(tmp_path)
    store = Store.open(Path("store"))
    from cjtui.exchange import STUDY_SUFFIX, load_import, read_study_file

    store.save_many(load_import(sorted(SAMPLES.glob("*.json")), store.guide_for))
    for record in sorted(SAMPLES.glob("*" + STUDY_SUFFIX)):
        store.save_study(read_study_file(record))
    return store


@pytest.fixture
def empty_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setenv("LOGNAME", "entrevistador")
    monkeypatch.chdir(tmp_path)
    return Store.open(Path("store"))


def full_id(store: Store, prefix: str) -> str:
    return store.resolve(prefix)


@pytest.mark.parametrize("lang", LANGS)
class TestHome:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
    def test_home_with_sessions(
        self, snap_compare, sample_store: Store, lang: str, size: tuple[int, int]
    ) -> None:
        assert snap_compare(app_for(sample_store, lang), terminal_size=size)

    def test_home_search(self, snap_compare, sample_store: Store, lang: str) -> None:
        assert snap_compare(app_for(sample_store, lang), press=["slash", *"luc"])

    def test_study_picker(self, snap_compare, sample_store: Store, lang: str) -> None:
        assert snap_compare(app_for(sample_store, lang), press=["s"])

    def test_one_study_chosen(self, snap_compare, sample_store: Store, lang: str) -> None:
        # s, then the first study: Home lists its sessions only and names it on top.
        assert snap_compare(app_for(sample_store, lang), press=["s", "enter"])

    def test_new_study_form(self, snap_compare, sample_store: Store, lang: str) -> None:
        press = ["s", "end", "enter", *"retail-2027", "tab", *"Retail wave 2"]
        assert snap_compare(app_for(sample_store, lang), press=press)

    def test_home_empty(self, snap_compare, empty_store: Store, lang: str) -> None:
        assert snap_compare(app_for(empty_store, lang))

    def test_help(self, snap_compare, sample_store: Store, lang: str) -> None:
        assert snap_compare(app_for(sample_store, lang), press=["f1"])


@pytest.mark.parametrize("lang", LANGS)
class TestNewSession:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
    def test_new_session_form(
        self, snap_compare, empty_store: Store, lang: str, size: tuple[int, int]
    ) -> None:
        # The focus on the guide's dropdown, English chosen: the chosen value and the focus
        # must both be plain to see.
        async def run_before(pilot: Pilot) -> None:
            await pilot.press("n", *"Ana")
            await pilot.pause()
            pilot.app.screen.query_one("#language").query("RadioButton")[1].value = True
            pilot.app.screen.query_one("#guide").focus()
            await pilot.pause()

        assert snap_compare(app_for(empty_store, lang), run_before=run_before, terminal_size=size)

    def test_consent(self, snap_compare, empty_store: Store, lang: str) -> None:
        assert snap_compare(app_for(empty_store, lang), press=["n", *"Ana", "ctrl+n"])

    def test_persona_step(self, snap_compare, empty_store: Store, lang: str) -> None:
        async def run_before(pilot: Pilot) -> None:
            await pilot.press("n", *"Ana", "ctrl+n")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await answer(pilot, "context", "Diseñadora [bold]freelance[/]")

        assert snap_compare(app_for(empty_store, lang), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
class TestInterview:
    def test_stage_with_touchpoints(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, BANK_AFTER))
        assert snap_compare(app, press=["ctrl+p"])

    def test_stage_in_progress(self, snap_compare, sample_store: Store, lang: str) -> None:
        # Left typing a touchpoint's owner: the resume opens that editor; Esc, the stage.
        app = app_for(sample_store, lang, resume=full_id(sample_store, IN_PROGRESS))
        assert snap_compare(app, press=["escape"])

    @pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
    def test_touchpoint_editor(
        self, snap_compare, sample_store: Store, lang: str, size: tuple[int, int]
    ) -> None:
        # Ctrl+G 5: straight to the quote, shown whole over as many lines as it takes.
        app = app_for(sample_store, lang, resume=full_id(sample_store, BANK_AFTER))
        assert snap_compare(
            app, press=["ctrl+p", "ctrl+t", "enter", "ctrl+g", "5"], terminal_size=size
        )

    def test_a_rating_changed_in_the_pane_is_said(
        self, snap_compare, sample_store: Store, lang: str
    ) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, BANK_AFTER))
        assert snap_compare(app, press=["ctrl+p", "ctrl+t", "4"])

    def test_touchpoints_pane_focused(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, BANK_AFTER))
        assert snap_compare(app, press=["ctrl+p", "ctrl+t"])

    def test_zero_to_ten_scale(self, snap_compare, sample_store: Store, lang: str) -> None:
        async def run_before(pilot: Pilot) -> None:
            app = pilot.app
            app.go_to_step(app.steps().index("loyalty"))
            await pilot.pause()
            app.screen.query_one("#in-recommend").focus()
            await pilot.press("8")

        app = app_for(sample_store, lang, resume=full_id(sample_store, FULL_AFTER))
        assert snap_compare(app, run_before=run_before)

    def test_add_touchpoint(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, IN_PROGRESS))
        assert snap_compare(app, press=["escape", "a"])

    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
    def test_summary_curve(
        self, snap_compare, sample_store: Store, lang: str, size: tuple[int, int]
    ) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, BANK_AFTER))
        assert snap_compare(app, terminal_size=size)

    def test_summary_with_a_stage_not_lived(
        self, snap_compare, sample_store: Store, lang: str
    ) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, SKIPPED))
        assert snap_compare(app)

    def test_quit_confirmation(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, IN_PROGRESS))
        assert snap_compare(app, press=["escape", "ctrl+q"])


@pytest.mark.parametrize("lang", LANGS)
class TestAnalysis:
    @pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
    def test_analysis_by_perspective(
        self, snap_compare, sample_store: Store, lang: str, size: tuple[int, int]
    ) -> None:
        # r: the analysis (five studies, none chosen yet), s: the first study's.
        assert snap_compare(app_for(sample_store, lang), press=["r", "s"], terminal_size=size)

    def test_analysis_by_moment_other_study(
        self, snap_compare, sample_store: Store, lang: str
    ) -> None:
        assert snap_compare(app_for(sample_store, lang), press=["r", "s", "s", "s", "s", "b"])


@pytest.mark.parametrize("lang", LANGS)
class TestMap:
    def test_map_of_a_study(self, snap_compare, sample_store: Store, lang: str) -> None:
        # s Enter: the bank's study; r: its analysis; m: its map, at its first stage.
        assert snap_compare(app_for(sample_store, lang), press=["s", "enter", "r", "m"])

    def test_map_panned(self, snap_compare, sample_store: Store, lang: str) -> None:
        press = ["s", "enter", "r", "m", "right", "right"]
        assert snap_compare(app_for(sample_store, lang), press=press)


@pytest.mark.parametrize("lang", LANGS)
class TestBacklog:
    def test_backlog_of_a_study(self, snap_compare, sample_store: Store, lang: str) -> None:
        # s Enter: the bank's study; r: its analysis; o: its backlog; two candidates marked
        # and accepted as one item, its status stepped to planned.
        press = ["s", "enter", "r", "o", "tab", "space", "down", "space", "a", "shift+tab", "s"]
        assert snap_compare(app_for(sample_store, lang), press=press)


JORGE_AFTER = "a0b1c2d3-e4f5-4a6b-9c7d-2e3f4a5b6c7d"


@pytest.mark.parametrize("lang", LANGS)
class TestStaffView:
    def test_summary_with_staffs_curve(self, snap_compare, sample_store: Store, lang: str) -> None:
        assert snap_compare(app_for(sample_store, lang, resume=JORGE_AFTER))

    def test_staff_beside_each_touchpoint(
        self, snap_compare, sample_store: Store, lang: str
    ) -> None:
        # Back past the appraisal (a stage the couple added) to the decision.
        press = ["ctrl+p", "ctrl+p", "ctrl+t", "ctrl+b"]
        assert snap_compare(app_for(sample_store, lang, resume=JORGE_AFTER), press=press)


# A staff interview in each language (its questions in the internal wording).
STAFF = {"es": "2d8b3e4a-5f6c-4d7e-9f80-91a2b3c4d5e6", "en": "4fad5a6c-7b8e-4f90-9ba2-b3c4d5e6f708"}


@pytest.mark.parametrize("lang", LANGS)
class TestMethod:
    def test_a_stage_the_participant_added(
        self, snap_compare, sample_store: Store, lang: str
    ) -> None:
        assert snap_compare(app_for(sample_store, lang, resume=JORGE_AFTER), press=["ctrl+p"])

    def test_adding_a_stage(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, IN_PROGRESS))
        assert snap_compare(app, press=["ctrl+r", *"Speed test at home"])

    def test_a_staff_interview_in_staff_words(
        self, snap_compare, sample_store: Store, lang: str
    ) -> None:
        app = app_for(sample_store, lang, resume=STAFF[lang])
        assert snap_compare(app, press=["ctrl+p"])
