"""A team on one shared server, and stores from several servers brought together: who made
each change, deleting a colleague's interview, shared stores, import that tells sessions
continued elsewhere from conflicts, export of what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.cli import main
from cjtui.fsutil import current_user
from cjtui.store import Store

from .conftest import SAMPLES, make_session

LINCE_AFTER = "1c7a2d3f-4e5b-4c6d-8e7f-8091a2b3c4d5"  # taken by marta.ruiz


def run(runner: CliRunner, store: Path, *args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--db", str(store), "--lang", lang, *args])


@pytest.fixture
def samples_store(runner: CliRunner, store_dir: Path) -> Path:
    out = run(runner, store_dir, "import", str(SAMPLES))
    assert out.exit_code == 0, out.output
    return store_dir


def test_deleting_a_colleagues_interview_takes_force_and_is_recorded(
    runner: CliRunner, samples_store: Path
) -> None:
    assert current_user() != "marta.ruiz"
    out = run(runner, samples_store, "delete", LINCE_AFTER[:8], "--yes")
    assert out.exit_code == 1
    assert "was started by marta.ruiz: deleting it takes --force" in out.output
    assert Store.open(samples_store).exists(LINCE_AFTER)
    out = run(runner, samples_store, "delete", LINCE_AFTER[:8], "--yes", lang="es")
    assert "la empezó marta.ruiz: para borrarla hace falta --force" in out.output
    out = run(runner, samples_store, "delete", LINCE_AFTER[:8], "--yes", "--force")
    assert out.exit_code == 0, out.output
    store = Store.open(samples_store)
    assert not store.exists(LINCE_AFTER)
    entry = store.study("banco-hipoteca").log[-1]
    assert entry["kind"] == "deleted"
    assert (entry["by"], entry["started_by"]) == (current_user(), "marta.ruiz")
    # Nothing that would tell which interview it was: a deletion leaves no trace of it.
    assert set(entry) == {"at", "kind", "by", "started_by"}
    for dirpath, _, files in __import__("os").walk(samples_store):
        for name in files:
            assert LINCE_AFTER.encode() not in (Path(dirpath) / name).read_bytes(), name


def test_deleting_ones_own_interview_needs_no_force(runner: CliRunner, store_dir: Path) -> None:
    from cjtui.workspace import Workspace

    store = Store.open(store_dir)
    s = make_session("inbound")
    s.events[0].by = current_user()
    store.save(s)
    Workspace(store).delete(s.id)
    assert not store.exists(s.id)


async def test_the_app_asks_twice_before_deleting_a_colleagues_interview(
    samples_store: Path,
) -> None:
    from cjtui.tui.screens.modals import ConfirmModal

    from .tui_helpers import app_for

    app = app_for(samples_store, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = app.screen.rows  # type: ignore[attr-defined]
        index = next(n for n, row in enumerate(rows) if row["id"] == LINCE_AFTER)
        table = app.screen.query_one("#sessions")
        table.move_cursor(row=index)  # type: ignore[attr-defined]
        table.focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "marta.ruiz started this interview" in app.screen.question
        assert Store.open(samples_store).exists(LINCE_AFTER)
        await pilot.press("y")
        await pilot.pause()
    assert not Store.open(samples_store).exists(LINCE_AFTER)
