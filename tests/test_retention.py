"""Retention acts: a study's data past the day read out to every participant is said so
(study show, Home, doctor) and `cjtui retention` lists and deletes it, each deletion logged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.base.i18n import spoken_date
from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import SAMPLES
from .tui_helpers import app_for

TELCO = "telco-fibra"


def run(runner: CliRunner, db: Path, *args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--db", str(db), "--lang", lang, *args])


@pytest.fixture
def past(runner: CliRunner, store_dir: Path) -> Path:
    assert run(runner, store_dir, "import", str(SAMPLES)).exit_code == 0
    edited = run(runner, store_dir, "study", "edit", TELCO, "--retain-until", "2020-01-31")
    assert edited.exit_code == 0, edited.output
    return store_dir


def test_a_date_read_aloud_reads_naturally() -> None:
    assert spoken_date("2027-12-31", "es") == "31 de diciembre de 2027"
    assert spoken_date("2027-03-01", "en") == "1 March 2027"
    assert spoken_date("not a date", "es") == "not a date"


def test_retention_lists_the_sessions_past_the_date_and_deletes_them_logged(
    runner: CliRunner, past: Path
) -> None:
    store = Store.open(past)
    telco = sorted(s.id for s in store.all() if s.study == TELCO)
    others = sorted(s.id for s in store.all() if s.study != TELCO)
    listed = run(runner, past, "retention", "--study", TELCO)
    assert listed.exit_code == 0, listed.output
    assert f"Study {TELCO} kept its data until 31 January 2020 (" in listed.output
    assert f"{len(telco)} sessions are past it." in listed.output
    assert all(i[:8] in listed.output for i in telco) and not any(
        i[:8] in listed.output for i in others
    )
    assert f"cjtui retention --study {TELCO} --delete" in listed.output
    assert sorted(Store.open(past).ids()) == sorted(telco + others)  # nothing deleted yet
    shown = run(runner, past, "study", "show", TELCO)
    assert "31 January 2020 (past" in shown.output and "cjtui retention" in shown.output
    doctor = run(runner, past, "doctor")
    assert doctor.exit_code == 0 and f"warning: study {TELCO} holds data past" in doctor.output

    deleted = run(runner, past, "retention", "--study", TELCO, "--delete", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert f"Deleted {len(telco)} sessions of study {TELCO}" in deleted.output
    assert sorted(Store.open(past).ids()) == others
    log = json.loads((past / "studies" / f"{TELCO}.json").read_text())["log"]
    gone = [e for e in log if e["kind"] == "deleted"]
    assert len(gone) == len(telco) and {e["why"] for e in gone} == {"retention"}
    again = run(runner, past, "retention", "--study", TELCO, lang="es")
    assert "0 sesiones han pasado esa fecha" in again.output


def test_a_study_not_past_its_date_or_without_one_says_so(
    runner: CliRunner, store_dir: Path
) -> None:
    assert run(runner, store_dir, "import", str(SAMPLES)).exit_code == 0
    out = run(runner, store_dir, "retention", "--study", "banco-hipoteca", lang="es")
    assert out.exit_code == 0
    assert "conserva sus datos hasta el 31 de diciembre de 2027; nada ha pasado" in out.output
    assert run(runner, store_dir, "study", "new", "sin-fecha", "--guide", "inbound").exit_code == 0
    out = run(runner, store_dir, "retention", "--study", "sin-fecha", "--delete", "--yes")
    assert "has no retention date" in out.output and out.exit_code == 0


def test_a_session_open_elsewhere_is_left_and_named(runner: CliRunner, past: Path) -> None:
    from cjtui.services.workspace import Workspace

    store = Store.open(past)
    one = sorted(s.id for s in store.all() if s.study == TELCO)[0]
    held = Workspace(store).resume(one)
    try:
        out = run(runner, past, "retention", "--study", TELCO, "--delete", "--yes")
    finally:
        held.close()
    assert out.exit_code == 1 and f"Session {one[:8]}: not deleted" in out.output
    assert Store.open(past).exists(one)


async def test_home_says_when_the_studys_data_is_past_its_date(past: Path) -> None:
    app = app_for(Store.open(past), "en")
    app.workspace.remember_choices(study=TELCO)
    said: list[str] = []
    notify = app.notify

    def noted(message: str, **kwargs: object) -> None:
        said.append(message)
        notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = noted  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert any(f"Study {TELCO}'s data is past its retention date" in m for m in said), said
