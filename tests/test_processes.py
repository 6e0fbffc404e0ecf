"""One name for a process, an owner: `cjtui processes` and `cjtui owners` list what a
study's touchpoints are tied to, and `merge` counts two names of one process as one in
every report and map, recorded in the study (the sessions keep what was typed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import SAMPLES

ENERGY = "energy-billing"  # its process names joined, as the samples ship it
RETAIL = "online-retail"  # not yet


def run(runner: CliRunner, db: Path, *args: str, lang: str = "en"):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--db", str(db), "--lang", lang, *args])


@pytest.fixture
def samples(runner: CliRunner, store_dir: Path) -> Path:
    assert run(runner, store_dir, "import", str(SAMPLES)).exit_code == 0
    return store_dir


def _processes(runner: CliRunner, db: Path, study: str = RETAIL) -> dict[str, dict[str, object]]:
    out = run(runner, db, "processes", "--study", study, "--json")
    assert out.exit_code == 0, out.output
    return {row["name"]: row for row in json.loads(out.output)}


def _report_processes(
    runner: CliRunner, db: Path, study: str = RETAIL
) -> dict[str, dict[str, object]]:
    out = run(runner, db, "report", "--study", study, "--format", "json")
    assert out.exit_code == 0, out.output
    return {row["name"]: row for row in json.loads(out.output)["processes"]}


def test_two_names_of_one_process_count_as_one_everywhere(runner: CliRunner, samples: Path) -> None:
    before = _processes(runner, samples)
    assert {"Returns", "Refunds"} <= set(before)
    mentions = int(before["Returns"]["mentions"]) + int(before["Refunds"]["mentions"])  # type: ignore[call-overload]
    pains = int(before["Returns"]["pains"]) + int(before["Refunds"]["pains"])  # type: ignore[call-overload]
    report = _report_processes(runner, samples)
    assert {"Returns", "Refunds"} <= set(report)

    merged = run(runner, samples, "processes", "merge", "--study", RETAIL, "Returns", "refunds")
    assert merged.exit_code == 0, merged.output
    assert "1 process names now count as “Returns”" in merged.output
    after = _processes(runner, samples)
    assert "Refunds" not in after
    row = after["Returns"]
    # Interviews add up; pains are people: Kestrel felt both, and counts once.
    assert row["mentions"] == mentions and row["pains"] == 1 < pains
    assert set(row["names"]) == {"Returns", "Refunds"}  # type: ignore[arg-type]
    # The report and the map count it once, under the name kept.
    report = _report_processes(runner, samples)
    assert "Refunds" not in report and "Returns" in report
    study = json.loads((samples / "studies" / f"{RETAIL}.json").read_text())
    assert study["merges"]["process:refunds"] == "process:returns"
    assert study["log"][-1]["kind"] == "merged"
    # The sessions keep what was typed.
    typed = {tp.process for s in Store.open(samples).all() for _, tp in s.touchpoints()}
    assert "Refunds" in typed


def test_the_energy_study_ships_with_its_process_names_joined(
    runner: CliRunner, samples: Path
) -> None:
    """ "Billing" and "Facturación" (and the meter readings' two names) were typed in the
    English and the Spanish interviews: the samples' study counts each as one process."""
    listed = _processes(runner, samples, ENERGY)
    assert "Billing" not in listed and "Meter data" not in listed
    assert set(listed["Facturación"]["names"]) == {"Facturación", "Billing"}  # type: ignore[arg-type]
    interviews = {
        s.id
        for s in Store.open(samples).all()
        if s.study == ENERGY
        for _, tp in s.touchpoints()
        if tp.process in ("Facturación", "Billing")
    }
    assert listed["Facturación"]["mentions"] == len(interviews) > 1
    assert "Billing" not in _report_processes(runner, samples, ENERGY)


def test_owners_merge_and_unknown_names_are_refused(runner: CliRunner, samples: Path) -> None:
    out = run(runner, samples, "owners", "--study", "banco-hipoteca", lang="es")
    assert out.exit_code == 0 and out.output.startswith("RESPONSABLE")
    assert "Riesgos" in out.output
    refused = run(runner, samples, "processes", "merge", "--study", ENERGY, "Facturación", "Nada")
    assert refused.exit_code == 1
    assert "no process 'Nada' in study energy-billing: see cjtui processes" in refused.output
    merged = run(
        runner, samples, "owners", "merge", "--study", "banco-hipoteca", "Riesgos", "Canal digital"
    )
    assert merged.exit_code == 0, merged.output
    listed = json.loads(
        run(runner, samples, "owners", "--study", "banco-hipoteca", "--json").output
    )
    names = {row["name"] for row in listed}
    assert "Riesgos" in names and "Canal digital" not in names


def test_the_processes_table_says_problems_in_the_language_asked(
    runner: CliRunner, samples: Path
) -> None:
    """And what each figure counts and whose voice it is: interviews, and customers (as
    people) in pain; staff's belief never counted among them."""
    listed = json.loads(run(runner, samples, "processes", "--study", ENERGY, "--json").output)
    assert all(r["pains_count"].startswith("customers (people)") for r in listed)
    header = run(runner, samples, "processes", "--study", ENERGY).output.splitlines()[0]
    assert "INTERVIEWS" in header and "PAIN: CUSTOMERS" in header
    out = run(runner, samples, "processes", "--study", "banco-hipoteca", lang="es")
    assert "cuello de botella 1" in out.output and "bottleneck" not in out.output


def test_a_touchpoint_names_its_process_as_merged_in_the_report_and_the_map(
    runner: CliRunner, samples: Path
) -> None:
    assert (
        run(runner, samples, "processes", "merge", "--study", ENERGY, "Facturación", "Billing")
    ).exit_code == 0
    report = json.loads(
        run(runner, samples, "report", "--study", ENERGY, "--format", "json").output
    )
    bill = next(t for t in report["touchpoints"] if t["name"] == "Estimated first bill")
    assert bill["processes"] == ["Facturación"]
    mapped = json.loads(run(runner, samples, "map", "--study", ENERGY, "--format", "json").output)
    backstage = [row for rows in mapped["backstage"].values() for row in rows]
    bill_row = next(r for r in backstage if r["name"] == "Estimated first bill")
    assert bill_row["processes"] == ["Facturación"] and "Facturación" in bill_row["problems"]
