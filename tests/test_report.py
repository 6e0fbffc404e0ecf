"""Every report figure checked against values worked out by hand from the sample sessions
as cjtui 0.2 shipped them (tests/fixtures/samples_0_2: schema 2, guides 1.1), read now.

The bank's mortgage study's completed sessions are three voices, never blended: Lucía
(P-001) before an interaction (what she expected), Lucía after (what she lived: the main
figures, one person, so every one of them is thin evidence) and the bank's staff (their
belief, beside). By hand, each person's ratings averaged first:
  awareness      lived 0,-1 -> -0.5 | expected 1,-1 -> 0 | staff 1,1 -> 1
  consideration  lived -1,2 -> 0.5  | expected -2 -> -2  | staff 0,2 -> 1
  decision       lived -2,1 -> -0.5 | expected none      | staff -1,1 -> 0
  Llamada al centro de atención: lived -1 (1 person, a pain), staff 0 -> gap +1;
      before -2, after -1 on the one pair -> change +1
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.analysis.report import ReportError, build_report, render_html, select_sessions
from cjtui.domain.guide import builtin_guide
from cjtui.exchange import load_import
from cjtui.interface.cli.main import main

from .conftest import SAMPLES, SAMPLES_0_2, make_session, shipped


@pytest.fixture(scope="module")
def inbound() -> dict:
    """The report of the Spanish bank's mortgage study (on the inbound guide): never mixed
    with the English energy supplier's interviews on the same guide."""
    sessions = load_import(sorted(SAMPLES_0_2.glob("*.json")), shipped)
    # Lucía's two interviews and the staff's, whose figures were worked out by hand.
    chosen = select_sessions(
        [s for s in sessions if s.id[:4] in ("0b6f", "1c7a", "2d8b")], "inbound"
    )
    assert {s.study for s in chosen} == {"banco-hipoteca"}
    return build_report(chosen, shipped(chosen[0]), "es", generated_at="2026-11-27T10:00:00Z")


def tp(report: dict, key: str) -> dict:
    return next(t for t in report["touchpoints"] if t["key"] == key)


def test_only_completed_sessions_of_the_study_count(inbound: dict) -> None:
    assert inbound["sessions"] == {
        "total": 3,
        "customer": 2,
        "internal": 1,
        "before": 1,
        "after": 1,
        "no_moment": 1,
        "in_progress": 0,
    }
    # Lucía's before and after interviews share her participant code: one pair, and the
    # before/after change is measured on it.
    assert (inbound["pairs"], inbound["before_after_basis"]) == (1, "pairs")


def test_stage_figures(inbound: dict) -> None:
    stages = {s["id"]: s for s in inbound["stages"]}
    assert inbound["basis"] == "lived"
    assert inbound["voices"] == ["lived", "expected", "staff"]
    assert inbound["people"] == {"lived": 1, "expected": 1, "staff": 1}
    awareness = dict(stages["awareness"])
    by_voice = awareness.pop("by_voice")
    assert awareness == {
        "id": "awareness",
        "title": "Descubrimiento",
        "people": 1,
        "interviews": 1,
        "ratings": 2,
        "mean": -0.5,
        "median": -0.5,
        "min": -0.5,
        "max": -0.5,
        "negative_share": 1.0,
        "thin": True,
        "skipped": 0,
        "not_lived": {},
        # Interviews of 0.2 recorded no stage in the participant's words, added none.
        "added": False,
        "added_by": 0,
        "customer_words": [],
        "staff_words": [],
        "customer_words_withheld": 0,
    }
    assert (by_voice["expected"]["mean"], by_voice["staff"]["mean"]) == (0.0, 1.0)
    consideration = stages["consideration"]
    assert (consideration["people"], consideration["ratings"], consideration["mean"]) == (1, 2, 0.5)
    assert consideration["by_voice"]["expected"]["mean"] == -2.0
    assert consideration["by_voice"]["staff"]["mean"] == 1.0
    decision = stages["decision"]
    assert (decision["mean"], decision["by_voice"]["staff"]["mean"]) == (-0.5, 0.0)
    assert decision["by_voice"]["expected"]["people"] == 0  # nothing expected there
    assert inbound["weakest_stage"] == "awareness"  # -0.5, tied with decision, first
    assert inbound["strongest_stage"] == "consideration"


def test_touchpoint_figures(inbound: dict) -> None:
    call = tp(inbound, "llamada-al-centro-de-atencion")
    assert call["name"] == "Llamada al centro de atención" and call["stage"] == "consideration"
    assert (call["people"], call["ratings"], call["mean"], call["median"]) == (1, 1, -1.0, -1.0)
    assert (call["negative_share"], call["pains"], call["thin"]) == (1.0, 1, True)
    assert (call["customer_mean"], call["internal_mean"], call["gap"]) == (-1.0, 0.0, 1.0)
    assert (call["before_mean"], call["after_mean"], call["change"]) == (-2.0, -1.0, 1.0)
    assert call["change_pairs"] == 1
    assert call["severity"] == 1.0
    assert call["channels"] == ["phone"] and call["channel_people"] == {"phone": 1}
    web = tp(inbound, "simulador-de-hipoteca-en-la-web")
    assert (web["mean"], web["gap"], web["change"]) == (-1.0, 2.0, 0.0)
    ad = tp(inbound, "anuncio-en-el-metro")
    assert (ad["mean"], ad["gap"], ad["change"], ad["pains"]) == (0.0, 1.0, -1.0, 0)
    docs = tp(inbound, "envio-de-documentacion")
    assert (docs["mean"], docs["gap"], docs["change"]) == (-2.0, 1.0, None)
    # Staff's belief is beside the customer's figure, never in it.
    assert docs["by_voice"]["staff"]["mean"] == -1.0 and docs["mean"] == -2.0


def test_moments_of_truth_rank_by_pains_then_severity_then_mean(inbound: dict) -> None:
    ranked = [
        (m["key"], m["pains"], m["people"], m["pain_severity"], m["thin"])
        for m in inbound["moments_of_truth"]
    ]
    # Each felt by the one person lived: all thin, then by how badly.
    assert ranked == [
        ("envio-de-documentacion", 1, 1, 3.0, True),
        ("llamada-al-centro-de-atencion", 1, 1, 2.0, True),
        ("simulador-de-hipoteca-en-la-web", 1, 1, 2.0, True),
    ]


def test_perception_gap_and_before_after(inbound: dict) -> None:
    gap = [(g["key"], g["gap"], g["staff_people"], g["people"]) for g in inbound["perception_gap"]]
    assert gap[:4] == [
        ("simulador-de-hipoteca-en-la-web", 2.0, 1, 1),
        ("anuncio-en-el-metro", 1.0, 1, 1),
        ("envio-de-documentacion", 1.0, 1, 1),
        ("llamada-al-centro-de-atencion", 1.0, 1, 1),
    ]
    assert len(gap) == 6
    change = [(c["key"], c["change"], c["change_pairs"]) for c in inbound["before_after"]]
    assert change == [
        ("anuncio-en-el-metro", -1.0, 1),
        ("simulador-de-hipoteca-en-la-web", 0.0, 1),
        ("llamada-al-centro-de-atencion", 1.0, 1),
    ]


def test_owners_and_processes_ranked_by_pains(inbound: dict) -> None:
    owners = [(o["name"], o["pains"]) for o in inbound["owners"]]
    # People of the main voice (customers, lived) who felt a pain at their touchpoints:
    # staff's belief that documents hurt is not a customer's pain.
    assert owners == [
        ("Canal digital", 1),
        ("Contact center", 1),
        ("Riesgos", 1),
        ("Marketing", 0),
        ("Red de oficinas", 0),
    ]
    risks = next(o for o in inbound["owners"] if o["name"] == "Riesgos")
    assert risks["touchpoints"] == ["Envío de documentación", "Oferta vinculante por correo"]
    assert inbound["processes"][0] == {
        "name": "Atención telefónica",
        "pains": 1,
        "people": 1,
        "touchpoints": ["Llamada al centro de atención"],
        "problems": {},  # none noted before 0.3
    }


def test_every_opportunity_is_kept_grouped_by_touchpoint(inbound: dict) -> None:
    groups = {g["touchpoint"]: g for g in inbound["opportunities"]}
    texts = [i["text"] for i in groups["llamada-al-centro-de-atencion"]["items"]]
    assert texts == [
        "Derivar a un gestor hipotecario con cita en la misma llamada.",
        "Devolución de llamada en vez de espera.",
    ]
    assert sum(len(g["items"]) for g in inbound["opportunities"]) == 7


def test_mean_curve_points(inbound: dict) -> None:
    points = inbound["mean_curve"]["points"]
    assert [p["key"] for p in points][:4] == [
        "anuncio-en-el-metro",
        "simulador-de-hipoteca-en-la-web",
        "llamada-al-centro-de-atencion",
        "cita-en-la-oficina",
    ]
    call = points[2]
    # The main voice only (Lucía after): one person, no band.
    assert (call["mean"], call["min"], call["max"], call["count"]) == (-1.0, -1.0, -1.0, 1)


def test_no_sessions_is_a_clear_error() -> None:
    with pytest.raises(ReportError, match="no completed sessions of guide 'full'"):
        build_report([], builtin_guide("full"))


def test_single_session_report() -> None:
    s = make_session("full", touchpoints=1)
    report = build_report([s], builtin_guide("full"), "en", include_in_progress=True)
    assert report["sessions"]["total"] == 1
    assert report["perception_gap"] == [] and report["before_after"] == []
    assert all(st["ratings"] == 1 and st["people"] == 1 for st in report["stages"])


def test_html_is_self_contained_and_escapes_text() -> None:
    s = make_session("inbound", touchpoints=1)
    tp_ = s.stages[0].touchpoints[0]
    s.update_touchpoint(tp_.id, name="<script>alert(1)</script>", opportunity="a & b <i>")
    out = render_html(build_report([s], builtin_guide("inbound"), "en", include_in_progress=True))
    assert out.startswith("<!DOCTYPE html>") and "<svg" in out
    assert "<script>" not in out and "&lt;script&gt;" in out and "a &amp; b &lt;i&gt;" in out
    assert "http://" not in out.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in out and "<link" not in out


# ---- the commands ------------------------------------------------------------------------


@pytest.fixture
def study(runner: CliRunner, store_dir: Path) -> Path:
    assert runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    return store_dir


def run(runner: CliRunner, store: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--db", str(store), *args])


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_report_every_format(runner: CliRunner, study: Path, fmt: str) -> None:
    result = run(
        runner, study, "--lang", "en", "report", "--study", "banco-hipoteca", "--format", fmt
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Llamada al centro de atención" in out
    if fmt == "json":
        data = json.loads(out)
        assert data["report"] == 2 and data["sessions"]["total"] == 5
        assert (data["pairs"], data["before_after_basis"]) == (2, "pairs")
        assert data["study"]["id"] == "banco-hipoteca"
        assert "Estimated first bill" not in out, "another study's interviews never mix in"
    elif fmt == "markdown":
        assert out.startswith("# Customer journey report: Hipoteca") and "| Touchpoint |" in out
        assert "```" in out, "the mean curve is included"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
    else:
        assert "Moments of truth" in out and "0 Neither good nor bad" in out


def test_report_to_a_private_file(runner: CliRunner, study: Path, tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "study.html"
    old = os.umask(0o022)
    try:
        result = run(
            runner, study, "report", "--study", "online-retail", "--format", "html", "-o", str(out)
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = run(runner, study, "report", "--study", "online-retail", "-o", str(out))
    assert again.exit_code == 1 and "--force" in again.output


def test_report_errors_are_one_line(runner: CliRunner, study: Path, store_dir: Path) -> None:
    several = run(runner, study, "report")
    assert several.exit_code == 1 and "choose one with --study" in several.output
    assert "banco-hipoteca, broadband-switch" in several.output
    assert several.output.count("\n") == 1
    empty = run(runner, store_dir.parent / "empty", "report")
    assert empty.exit_code == 1 and "no studies in" in empty.output
    unknown = run(runner, study, "report", "--study", "nope")
    assert unknown.exit_code == 1 and "no study 'nope'" in unknown.output


def test_report_on_a_guide_with_no_completed_sessions(runner: CliRunner, store_dir: Path) -> None:
    from cjtui.store import Store

    s = make_session("full")
    Store.open(store_dir).save(s)  # in progress
    result = run(runner, store_dir, "report")  # the store's only study
    assert result.exit_code == 1
    assert "no completed sessions of guide 'full'" in result.output
    assert "--include-in-progress" in result.output
    ok = run(runner, store_dir, "report", "--study", "full", "--include-in-progress")
    assert ok.exit_code == 0


def test_plot_one_session_plain_text(runner: CliRunner, study: Path) -> None:
    result = run(runner, study, "plot", "1c7a", "--width", "80")
    assert result.exit_code == 0
    assert "\x1b" not in result.output, "not a terminal: no escape codes"
    assert "0 Ni bien ni mal" in result.output and "Descubrimiento" in result.output


def test_plot_overlays_with_legend(runner: CliRunner, study: Path) -> None:
    result = run(
        runner,
        study,
        "--lang",
        "en",
        "plot",
        "--study",
        "banco-hipoteca",
        "--by",
        "perspective",
        "--width",
        "100",
    )
    assert result.exit_code == 0
    # People, not interviews: two customers after (each also interviewed before, shown
    # as a line of their own), one staff member.
    assert "customer (n=2)" in result.output and "internal (n=1)" in result.output
    assert "customer, before (expected) (n=2)" in result.output
    several = run(runner, study, "plot", "0b6f", "1c7a", "--width", "100")
    assert "Lince (hipoteca) (customer, before)" in several.output
    assert "Lince (hipoteca) (customer, after)" in several.output


def test_plot_errors(runner: CliRunner, study: Path) -> None:
    assert "choose one with --study" in run(runner, study, "plot").output
    mixed = run(runner, study, "plot", "1c7a", "5abe")
    assert mixed.exit_code == 1 and "different studies" in mixed.output
    assert run(runner, study, "plot", "zzz").exit_code == 1
