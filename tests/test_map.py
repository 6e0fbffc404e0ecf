"""The journey map: its data (a pure function of the sessions), every format, quotes only
with consent, and the command."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.analysis.journey import MAP_LANES, RENDERERS, build_map
from cjtui.base.plain import cell_width
from cjtui.domain.guide import builtin_guide
from cjtui.exchange import load_import
from cjtui.interface.cli.main import main

from .conftest import SAMPLES, make_session


@pytest.fixture(scope="module")
def samples() -> list:
    return load_import(sorted(SAMPLES.glob("*.json")), lambda s: builtin_guide(s.guide.id))


def study_sessions(samples: list, study: str) -> list:
    return [s for s in samples if s.study == study and s.status == "completed"]


@pytest.fixture(scope="module")
def bank(samples: list) -> dict:
    return build_map(
        study_sessions(samples, "banco-hipoteca"),
        builtin_guide("inbound"),
        "es",
        generated_at="2026-11-27T10:00:00Z",
    )


def lane(data: dict, lane_id: str) -> dict:
    return next(x for x in data["lanes"] if x["id"] == lane_id)


def test_the_map_has_the_studys_stages_and_lanes(bank: dict) -> None:
    # The guide's stages, and after the decision the one a couple lived that it lacks.
    assert [s["id"] for s in bank["stages"]] == [
        "awareness",
        "consideration",
        "decision",
        "added_tasacion-de-la-vivienda".replace("-", "_"),
    ]
    appraisal = bank["stages"][-1]
    assert (appraisal["title"], appraisal["added"], appraisal["added_by"]) == (
        "Tasación de la vivienda",
        True,
        1,
    )
    # What the stage was for her, as the interviewer summed it up (never in quotation marks).
    assert appraisal["customer_words"] == [
        {
            "text": "Esperar al tasador sin saber cuándo vendría.",
            "participant": "P-002",
            "voice": "lived",
            "verbatim": False,
        }
    ]
    assert appraisal["staff_words"] == []
    assert [x["id"] for x in bank["lanes"]] == [
        "doing",
        "thinking",
        "feeling",
        "expecting",
        "doubts",
    ]
    doing = lane(bank, "doing")["cells"]["awareness"]
    trigger = next(item for item in doing if item["question"] == "trigger")
    assert trigger["kind"] == "text"
    assert {a["participant"] for a in trigger["answers"]} >= {"P-001", "P-002"}
    heard = next(item for item in doing if item["question"] == "first_heard")
    # What the two customers said after (in people), and staff's belief apart.
    assert heard["kind"] == "tally" and heard["people"] == 2
    assert sorted((x["label"], x["count"]) for x in heard["tally"]) == [
        ("Por familia, amigos o compañeros", 1),
        ("Por publicidad", 1),
    ]
    assert heard["staff"]["tally"] == [{"label": "Buscando en internet", "count": 1}]


def test_touchpoints_curve_pains_backstage_and_opportunities(bank: dict) -> None:
    awareness = [tp["key"] for tp in bank["touchpoints"]["awareness"]]
    # In the order of the lived journey (the "before" interviews rate only what is to come,
    # in the decision).
    assert awareness == ["anuncio-en-el-metro", "simulador-de-hipoteca-en-la-web"]
    assert {tp["key"] for tp in bank["touchpoints"]["decision"]} >= {"envio-de-documentacion"}
    assert [s["group"] for s in bank["curve"]["series"]] == ["customer", "internal"]
    # How they felt at the start (asked before the first stage), then the six touchpoints.
    assert len(bank["curve"]["axis"]) == len(bank["curve"]["series"][0]["values"]) == 7 + 1
    assert bank["curve"]["axis"][0]["key"] == "_start"
    web = next(
        p for p in bank["pains"]["awareness"] if p["key"] == "simulador-de-hipoteca-en-la-web"
    )
    # Felt by the two customers who lived it (each interviewed twice: people, not interviews).
    assert (web["people"], web["of_people"], web["moment_of_truth"]) == (2, 2, True)
    assert sum(p["moment_of_truth"] for items in bank["pains"].values() for p in items) == 3
    docs = next(b for b in bank["backstage"]["decision"] if b["key"] == "envio-de-documentacion")
    assert docs["owners"] == ["Riesgos"] and docs["processes"] == ["Estudio de riesgos"]
    ranked = [(o["rank"], o["participants"]) for o in bank["opportunities"]]
    assert ranked[0] == (1, 2) and [p for _, p in ranked] == sorted(
        (p for _, p in ranked), reverse=True
    )


def test_before_and_after_as_the_curves_lines(samples: list) -> None:
    data = build_map(
        study_sessions(samples, "banco-hipoteca"), builtin_guide("inbound"), "en", compare="moment"
    )
    # Customers' expectation and what they lived; staff's belief is no moment of theirs.
    assert [s["group"] for s in data["curve"]["series"]] == ["before", "after"]
    assert [s["name"] for s in data["curve"]["series"]] == ["before (n=2)", "after (n=2)"]
    assert data["pairs"] == 2


def test_text_answers_without_consent_to_quote_are_withheld(samples: list) -> None:
    telco = study_sessions(samples, "telco-fibra")
    ramiro = next(s for s in telco if s.perspective == "customer")
    assert not ramiro.consent.quotes
    words = str(ramiro.stages[0].answers.get("trigger"))
    data = build_map(telco, builtin_guide("full"), "es")
    doing = lane(data, "doing")["cells"]["awareness"]
    trigger = next(item for item in doing if item["question"] == "trigger")
    assert trigger["withheld"] == 1
    for fmt, render in RENDERERS.items():
        out = render(data) if fmt != "text" else render(data, width=120)
        assert words not in out, fmt
    assert "withheld" in RENDERERS["text"](build_map(telco, builtin_guide("full"), "en"), width=120)


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_the_text_grid_fits_its_width_and_cuts_nothing(bank: dict, width: int) -> None:
    out = RENDERERS["text"](bank, width=width)
    assert all(cell_width(line) <= width for line in out.splitlines())
    for stage in ("DESCUBRIMIENTO", "CONSIDERACIÓN", "DECISIÓN"):
        assert stage in out  # narrow: the stages follow one another, none is dropped
    assert "Envío de documentación" in out.replace("\n", " ") or "Envío de" in out


def test_every_format(bank: dict) -> None:
    assert json.loads(RENDERERS["json"](bank))["map"] == 2
    markdown = RENDERERS["markdown"](bank)
    assert (
        markdown.startswith("# Mapa del customer journey") and "| **Puntos de dolor** |" in markdown
    )
    html = RENDERERS["html"](bank)
    assert html.startswith("<!DOCTYPE html>") and "@page{size:A3 landscape" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "<script" not in html
    svg = RENDERERS["svg"](bank)
    root = ET.fromstring(svg)  # well-formed
    assert root.tag.endswith("svg") and "Envío de documentación" in svg


def test_lanes_can_be_chosen(bank: dict) -> None:
    out = RENDERERS["text"](bank, width=120, lanes=("pains", "opportunities"))
    assert "✖ Simulador" in out and "#1 " in out
    assert "Qué hace" not in out and "Proceso y" not in out


def test_hostile_text_is_literal_in_every_format() -> None:
    s = make_session("inbound", touchpoints=1)
    s.consent.quotes = True
    tp = s.stages[0].touchpoints[0]
    s.update_touchpoint(tp.id, name="<b>x</b> | [red]y[/] \\*z*", pain=True, opportunity="# h")
    s.set_status("completed")
    data = build_map([s], builtin_guide("inbound"), "en")
    assert "<b>" not in RENDERERS["html"](data) and "&lt;b&gt;" in RENDERERS["html"](data)
    assert "<b>" not in RENDERERS["svg"](data)
    markdown = RENDERERS["markdown"](data)
    assert "<b>" not in markdown and "\\|" in markdown


# ---- the command -------------------------------------------------------------------------------


def run(runner: CliRunner, store: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--db", str(store), *args])


@pytest.fixture
def store(runner: CliRunner, store_dir: Path) -> Path:
    assert run(runner, store_dir, "import", str(SAMPLES)).exit_code == 0
    return store_dir


def test_map_command(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    several = run(runner, store, "map")
    assert several.exit_code == 1 and "choose one with --study" in several.output
    out = run(runner, store, "--lang", "en", "map", "--study", "banco-hipoteca", "--width", "90")
    assert out.exit_code == 0, out.output
    assert "AWARENESS" in out.output and "Pain points" in out.output
    one = run(runner, store, "map", "1c7a", "--format", "json")
    assert json.loads(one.output)["sessions"]["total"] == 1
    target = tmp_path / "map.html"
    old = os.umask(0o022)
    try:
        wrote = run(
            runner, store, "map", "--study", "online-retail", "--format", "html", "-o", str(target)
        )
    finally:
        os.umask(old)
    assert wrote.exit_code == 0 and stat.S_IMODE(target.stat().st_mode) == 0o600
    bad = run(runner, store, "map", "--study", "online-retail", "--lanes", "pains,nope")
    assert bad.exit_code == 1 and "no lane 'nope'" in bad.output
    customers = run(runner, store, "map", "--study", "banco-hipoteca", "--perspective", "customer",
                    "--format", "json")  # fmt: skip
    assert json.loads(customers.output)["sessions"]["total"] == 4
    assert set(MAP_LANES) >= {"curve", "pains"}


def test_the_curves_legend_lists_each_point_under_its_own_stage(bank: dict) -> None:
    """Each stage's numbered points in a block with its title (a column break cannot part
    them): the points of each block are the stage's own."""
    import re

    html = RENDERERS["html"](bank)
    blocks = re.findall(
        r'<div class="stagepoints"><div class="stage">(.*?)</div><ol class="points">(.*?)</ol>',
        html,
    )
    titles = {s["title"]: s["id"] for s in bank["stages"]}
    assert blocks
    for title, items in blocks:
        numbers = [int(n) for n in re.findall(r'<li value="(\d+)">', items)]
        own = [p["x"] for p in bank["curve"]["axis"] if p["stage"] == titles[title]]
        assert numbers == own, title


def test_the_map_and_the_report_give_one_figure_per_stage(samples: list) -> None:
    """The map's curve row is the report's stage figure (people's means), with its n, for
    each line: never a mean of touchpoint means that the report does not print."""
    from cjtui.analysis.report import build_report

    sessions = study_sessions(samples, "banco-hipoteca")
    for compare in ("perspective", "moment"):
        data = build_map(sessions, builtin_guide("inbound"), "en", compare=compare)
        report = build_report(sessions, builtin_guide("inbound"), "en")
        cells = RENDERERS["markdown"](data).replace("\\(", "(").replace("\\)", ")")
        for stage in report["stages"]:
            if stage["mean"] is not None and compare == "perspective":
                mean = f"{stage['mean']:+.2f}".replace("+0.00", "0.00")
                assert f"customer: {mean} (n={stage['people']}" in cells, stage["id"]
        decision = next(s for s in report["stages"] if s["id"] == "decision")  # rated before
        expected = f"{decision['by_voice']['expected']['mean']:+.2f}".replace("+0.00", "0.00")
        if compare == "moment":
            assert f"before: {expected} (n=2" in cells


def test_opportunities_say_whose_and_rank_by_people(bank: dict) -> None:
    ranked = [(o["people"], o["voices"]) for o in bank["opportunities"]]
    assert [p for p, _ in ranked] == sorted((p for p, _ in ranked), reverse=True)
    staff_only = [o for o in bank["opportunities"] if o["voices"] == ["staff"]]
    assert staff_only  # "Revisar la lista de documentos.", typed in the staff interview
    markdown = RENDERERS["markdown"](bank)
    assert f"Plantilla: {staff_only[0]['text']}" in markdown.replace("\\(", "(").replace("\\)", ")")
