"""Snapshots of every screen at 80x24, in Spanish and English (pytest-textual-snapshot).

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
BANK_AFTER = "1c7a2d3f"  # a completed inbound session with pains (sample_sessions)
IN_PROGRESS = "7cd08d9f"


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
    from cjtui.exchange import load_import

    store.save_many(load_import(sorted(SAMPLES.glob("*.json")), store.guide_for))
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
    def test_home_with_sessions(self, snap_compare, sample_store: Store, lang: str) -> None:
        assert snap_compare(app_for(sample_store, lang))

    def test_home_empty(self, snap_compare, empty_store: Store, lang: str) -> None:
        assert snap_compare(app_for(empty_store, lang))

    def test_help(self, snap_compare, sample_store: Store, lang: str) -> None:
        assert snap_compare(app_for(sample_store, lang), press=["f1"])


@pytest.mark.parametrize("lang", LANGS)
class TestNewSession:
    def test_new_session_form(self, snap_compare, empty_store: Store, lang: str) -> None:
        assert snap_compare(app_for(empty_store, lang), press=["n", *"Ana"])

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
        app = app_for(sample_store, lang, resume=full_id(sample_store, IN_PROGRESS))
        assert snap_compare(app)

    def test_touchpoint_editor(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, BANK_AFTER))
        assert snap_compare(app, press=["ctrl+t", "enter"])

    def test_add_touchpoint(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, IN_PROGRESS))
        assert snap_compare(app, press=["ctrl+t", "a"])

    def test_summary_curve(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, BANK_AFTER))
        assert snap_compare(app, press=["ctrl+n"])

    def test_quit_confirmation(self, snap_compare, sample_store: Store, lang: str) -> None:
        app = app_for(sample_store, lang, resume=full_id(sample_store, IN_PROGRESS))
        assert snap_compare(app, press=["ctrl+q"])


@pytest.mark.parametrize("lang", LANGS)
class TestAnalysis:
    def test_analysis_by_perspective(self, snap_compare, sample_store: Store, lang: str) -> None:
        assert snap_compare(app_for(sample_store, lang), press=["r"])

    def test_analysis_by_moment_other_guide(
        self, snap_compare, sample_store: Store, lang: str
    ) -> None:
        assert snap_compare(app_for(sample_store, lang), press=["r", "g", "b"])
