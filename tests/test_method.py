"""The method carried faithfully: stages as the customer perceives them (their words, a
stage the guide lacks, one not lived), kinds of pain and their severity, process problems,
what works, internal wordings for staff, the participant's own ideas; and the built-in
guides that ask for all of it."""

from __future__ import annotations

import ast
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cjtui.analysis.report import build_report
from cjtui.base.errors import CjtuiError, Msg
from cjtui.domain.guide import (
    IDEAS,
    LANES,
    builtin_guide,
    builtin_guides,
    journey_stages,
    parse_guide,
)
from cjtui.domain.model import (
    SCHEMA_VERSION,
    ModelError,
    Session,
    effective_severity,
    new_touchpoint,
    upgrade_document,
)
from cjtui.exchange import CSV_COLUMNS, load_import, parse_session, schema_problem, to_json
from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import SAMPLES, SAMPLES_0_2, make_session, shipped


def run(runner: CliRunner, store: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--db", str(store), *args])


# ---- the model -----------------------------------------------------------------------------


def test_a_stage_the_guide_lacks_goes_where_it_was_lived() -> None:
    s = make_session("inbound", touchpoints=0)
    added = s.add_stage("  La tasación ", "decision")
    first = s.add_stage("Antes de todo", None)
    assert [r.id for r in s.stages] == [
        first.id,
        "awareness",
        "consideration",
        "decision",
        added.id,
    ]
    assert (added.id, added.title, added.added) == ("added_1", "La tasación", True)
    assert first.id == "added_2" and first.key == "added_antes_de_todo"
    assert added.key == "added_la_tasacion"
    s.add_touchpoint(added.id, new_touchpoint("Visita del tasador", "in_person", -2))
    assert s.set_stage_text(added.id, "words", "Esperar sin saber cuándo")
    assert s.set_stage_text(added.id, "title", "Tasación de la vivienda")
    assert not s.set_stage_text(added.id, "title", "Tasación de la vivienda")
    assert s.set_stage_text("awareness", "words", "Cuando vi el piso")
    with pytest.raises(ModelError, match="has no field 'title'"):
        s.set_stage_text("awareness", "title", "Mine")  # a guide's stage keeps its title
    with pytest.raises(ModelError, match="needs a name"):
        s.set_stage_text(added.id, "title", "  ")
    with pytest.raises(ModelError, match="mark it not lived"):
        s.remove_stage("awareness")
    removed = s.remove_stage(first.id)
    assert removed.title == "Antes de todo" and s.stages[0].id == "awareness"
    kinds = [e.kind for e in s.events]
    assert kinds.count("stage_added") == 2 and "stage_removed" in kinds
    assert kinds.count("stage_changed") == 3
    # The whole session round-trips, and still fits the guide it was taken with.
    again = Session.from_dict(json.loads(json.dumps(s.to_dict())))
    assert again.to_dict() == s.to_dict()
    assert schema_problem(s.to_dict()) is None
    from cjtui.domain.guide import session_problems

    assert session_problems(s, builtin_guide("inbound")) == []


def test_the_record_refuses_added_stages_that_break_the_rules() -> None:
    s = make_session("inbound", touchpoints=0)
    data = s.to_dict()
    data["stages"].append({**data["stages"][0], "id": "added_1", "added": True, "title": ""})
    with pytest.raises(ModelError, match="needs a name"):
        Session.from_dict(data)
    data["stages"][-1].update(title="X", added=False)
    with pytest.raises(ModelError, match="only one, starts with 'added_'"):
        Session.from_dict(data)
    data["stages"][-1].update(id="extra", added=True)
    with pytest.raises(ModelError, match="only one, starts with 'added_'"):
        Session.from_dict(data)
    data["stages"].pop()
    data["stages"][0]["title"] = "Renamed"
    with pytest.raises(ModelError, match="takes the guide's title"):
        Session.from_dict(data)
    s2 = make_session("inbound", touchpoints=0)
    for n in range(20):
        s2.add_stage(f"Etapa {n}", "decision")
    with pytest.raises(ModelError, match="at most 20 added stages"):
        s2.add_stage("Una más", "decision")


def test_a_pain_has_a_kind_a_severity_and_its_process_a_problem() -> None:
    s = make_session("inbound", touchpoints=0)
    tp = s.add_touchpoint("decision", new_touchpoint("Envío de documentación", "mail", -1))
    assert tp.pain and effective_severity(tp, -2) == 2  # from the rating: moderate
    s.update_touchpoint(tp.id, pain_kind="annoyed", severity=3, process_problem="inefficiency")
    assert (tp.pain_kind, tp.severity, tp.process_problem) == ("annoyed", 3, "inefficiency")
    assert effective_severity(tp, -2) == 3  # the interviewer's judgement
    for bad in (
        {"pain_kind": "angry"},
        {"severity": 4},
        {"severity": True},
        {"severity": "3"},
        {"process_problem": "slow"},
    ):
        with pytest.raises(ModelError, match="must be one of"):
            s.update_touchpoint(tp.id, **bad)
    s.update_touchpoint(tp.id, severity=None, pain_kind="")
    assert effective_severity(tp, -2) == 2
    worst = s.add_touchpoint("decision", new_touchpoint("Tasación", "in_person", -2))
    assert effective_severity(worst, -2) == 3
    # The interviewer's override both ways: a pain on a neutral rating, a low one that is not.
    calm = s.add_touchpoint("decision", new_touchpoint("Llamada", "phone", 0))
    s.update_touchpoint(calm.id, pain=True, pain_kind="disoriented")
    assert calm.pain and effective_severity(calm, -2) == 1
    s.update_touchpoint(worst.id, pain=False)
    assert effective_severity(worst, -2) is None
    data = s.to_dict()
    data["stages"][2]["touchpoints"][0]["severity"] = 9
    with pytest.raises(ModelError, match="severity must be one of"):
        Session.from_dict(data)


def test_a_schema_2_file_reads_as_schema_3_with_nothing_lost() -> None:
    path = SAMPLES_0_2 / "es_banco_cliente2_despues.json"
    old = json.loads(path.read_text("utf-8"))
    assert old["schema"] == 2
    new = upgrade_document(old, "ignored")
    assert new["schema"] == SCHEMA_VERSION == 3 and new["study"] == old["study"]
    session = Session.from_dict(new)
    # Laid out exactly as cjtui writes it (the store keeps such bytes as they are).
    assert list(session.to_dict()) == list(new)
    assert json.dumps(session.to_dict()) == json.dumps(new)
    for before, after in zip(old["stages"], session.stages, strict=True):
        assert (after.id, after.words, after.added) == (before["id"], "", False)
        assert after.answers == before["answers"]
        for tp_old, tp_new in zip(before["touchpoints"], after.touchpoints, strict=True):
            assert {k: getattr(tp_new, k) for k in tp_old} == tp_old
            assert (tp_new.pain_kind, tp_new.severity, tp_new.process_problem) == ("", None, "")
    assert len(session.events) == len(old["events"])


# ---- guides --------------------------------------------------------------------------------


MINI = """
id = "mini"
version = "1"
languages = ["es", "en"]
[title]
es = "Mini"
en = "Mini"
[consent]
es = "¿Acepta?"
en = "Do you agree?"
[scale]
min = -1
max = 1
points = [{ value = -1, es = "Mal", en = "Bad" }, { value = 0, es = "Igual", en = "Meh" },
          { value = 1, es = "Bien", en = "Good" }]
[[stages]]
id = "only"
title = { es = "Única", en = "Only" }
[[stages.questions]]
id = "q1"
lane = "ideas"
prompt = { es = "¿Qué cambiaría?", en = "What would you change?" }
internal = { es = "¿Qué cree que cambiaría el cliente?", en = "What would the customer change?" }
""".encode()


def test_a_question_may_carry_an_internal_wording_for_staff() -> None:
    guide, problems = parse_guide(MINI, "mini.toml")
    assert guide is not None, problems
    q = guide.stages[0].questions[0]
    assert q.lane == IDEAS
    assert q.prompt_text("es") == "¿Qué cambiaría?"
    assert q.prompt_text("es", "customer") == "¿Qué cambiaría?"
    assert q.prompt_text("es", "internal") == "¿Qué cree que cambiaría el cliente?"
    assert q.prompt_text("en", "internal") == "What would the customer change?"
    broken = MINI.replace(b', en = "What would the customer change?"', b"")
    _, problems = parse_guide(broken, "mini.toml")
    assert problems == ["only.q1: internal has no en text"]
    _, problems = parse_guide(MINI.replace(b'lane = "ideas"', b'lane = "wishes"'), "m")
    assert problems and "lane must be one of" in problems[0] and "ideas" in problems[0]


@pytest.mark.parametrize("guide_id", ["inbound", "full"])
def test_the_built_in_guides_carry_the_method(guide_id: str) -> None:
    guide = builtin_guide(guide_id)
    assert guide.version == "3.0"
    questions = [*guide.persona, *(q for s in guide.stages for q in s.questions)]
    for q in questions:  # staff are asked every item in their own words, in both languages
        assert set(q.internal) == {"es", "en"}, q.id
        assert q.internal != q.prompt, q.id
        assert q.type != "yes_no", f"{q.id}: an open question serves better"
    for stage in guide.stages:  # what they expected, felt and doubted, in every stage
        lanes = {q.lane for q in stage.questions}
        assert {"expecting", "feeling", "doubts"} <= lanes, stage.id
        assert lanes - {None} <= {*LANES, IDEAS}
    # The participant's own idea: asked once at the close, and short in every stage.
    assert sum(q.id == "ideas" for q in questions) == 1
    assert all(any(q.lane == IDEAS for q in stage.questions) for stage in guide.stages)
    # The one journey told whole, anchored in time aloud, before the stages.
    story = next(q for q in guide.persona if q.id == "story")
    assert (
        story.required
        and "tres meses" in story.prompt["es"]
        and "three months" in (story.prompt["en"])
    )
    # Scales run one way (higher is better) with the same end labels in both languages.
    for q in questions:
        if q.type == "scale":
            assert set(q.min_label) == set(q.max_label) == {"es", "en"}, q.id
            assert q.id != "effort", "effort ran the other way"
    # Spanish for Spain and Latin America alike: branches, not only shops.
    names = [tp.name["es"] for s in guide.stages for tp in s.touchpoints]
    text = guide.raw.decode("utf-8")
    assert "tienda u oficina" not in text and any("sucursal" in n for n in names)
    # Consent names who is responsible and how to reach them, how long data is kept, and
    # asks aloud about quotes.
    for lang in ("es", "en"):
        consent = guide.consent_text(lang)
        for placeholder in ("{controller}", "{contact}", "{retain_until}"):
            assert placeholder in consent, (lang, placeholder)
    assert "citar sus palabras" in guide.consent_text("es")
    assert "quote your words" in guide.consent_text("en")
    # Keys of suggestions renamed in 2.0 stay, so studies on 1.x and 2.0 speak of one thing.
    keys = {tp.key for s in guide.stages for tp in s.touchpoints}
    assert {"shop-or-branch-visit", "talk-with-a-salesperson"} <= keys


def test_the_built_in_guides_validate(runner: CliRunner, tmp_path: Path) -> None:
    for guide in builtin_guides():
        path = tmp_path / f"{guide.id}.toml"
        path.write_bytes(guide.raw)
        out = runner.invoke(main, ["guides", "validate", str(path)])
        assert out.exit_code == 0 and "valid" in out.output, out.output


def test_internal_sessions_are_shown_in_staff_words() -> None:
    from cjtui.analysis.transcript import transcript

    s = make_session("inbound", perspective="internal", language="es", touchpoints=0)
    s.set_answer("awareness", "expected", "Una cuota orientativa")
    text = transcript(s, builtin_guide("inbound"), "es")
    assert "¿qué cree que espera encontrar el cliente típico?" in text
    assert "¿qué esperaba encontrar?" not in text


# ---- the report and the map ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bank() -> dict:
    sessions = load_import(sorted(SAMPLES.glob("*.json")), lambda s: builtin_guide(s.guide.id))
    chosen = [s for s in sessions if s.study == "banco-hipoteca" and s.status == "completed"]
    return build_report(chosen, builtin_guide("inbound"), "en", generated_at="2026-11-27T10:00:00Z")


def test_the_report_counts_pains_by_kind_and_ranks_processes_by_problems(bank: dict) -> None:
    # By hand from sample_sessions/ (bank study): the people who lived each kind of pain
    # (the main figures are the two customers after: Lince P-001, the couple P-002).
    assert bank["pains_by_kind"] == {
        "dissatisfied": 1,  # the appraisal: the couple
        "disoriented": 1,  # the call: the couple after (rated 0)
        "annoyed": 2,  # the simulator and the documents: both
        "unspecified": 0,
    }
    call = next(tp for tp in bank["touchpoints"] if tp["key"] == "llamada-al-centro-de-atencion")
    # Lince after rated it -1 but it was no pain; the couple after rated it 0, and it was.
    assert (call["pains"], call["people"], call["pain_kinds"]) == (1, 2, {"disoriented": 1})
    # Severity: the couple after, 0 judged minor (the "before" interviews rate only what is
    # still to come, and the call was not).
    assert call["pain_severity"] == 1.0
    processes = [(p["name"], p["problems"]) for p in bank["processes"][:4]]
    assert processes == [
        ("Estudio de riesgos", {"inefficiency": 3}),  # the documents: both customers after
        ("Atención telefónica", {"bottleneck": 1}),  # on hold: Lince after
        ("Captación digital", {"obstruction": 1}),  # the simulator asks her ID: Lince after
        ("Tasación", {"bottleneck": 1}),  # three weeks: the couple after
    ]
    top = bank["moments_of_truth"][0]
    # Felt by both customers after, the documents more severely (-2 and -1) than the
    # simulator (-1 and -1).
    assert (top["key"], top["pain_kinds"]) == ("envio-de-documentacion", {"annoyed": 2})
    second = bank["moments_of_truth"][1]
    assert (second["key"], second["pains"]) == ("simulador-de-hipoteca-en-la-web", 2)


def test_what_works_is_listed_beside_the_pains(bank: dict) -> None:
    assert bank["highlights"] == [
        {
            "key": "cita-en-la-oficina",
            "name": "Cita en la oficina",
            "stage": "consideration",
            "top_ratings": 2,  # both customers after; staff's belief is not counted
            "people": 2,
            "mean": 2.0,
            "thin": True,  # two people: fewer than three
        }
    ]


def test_the_stages_in_the_participants_words_and_the_one_they_added(bank: dict) -> None:
    stages = {s["id"]: s for s in bank["stages"]}
    assert list(stages) == [
        "awareness",
        "consideration",
        "decision",
        "added_tasacion_de_la_vivienda",
    ]
    appraisal = stages["added_tasacion_de_la_vivienda"]
    assert (appraisal["title"], appraisal["added"], appraisal["added_by"]) == (
        "Tasación de la vivienda",
        True,
        1,
    )
    assert appraisal["ratings"] == 1 and appraisal["mean"] == -2.0
    words = [(w["participant"], w["text"]) for w in stages["awareness"]["customer_words"]]
    assert ("P-002", "Una oportunidad que no esperábamos.") in words
    staff = [(w["participant"], w["text"]) for w in stages["awareness"]["staff_words"]]
    assert ("Equipo hipotecas (oficina centro)", "Cuando empieza a buscar piso.") in staff
    assert all(w["voice"] in ("lived", "expected") for w in stages["awareness"]["customer_words"])
    # Before the interaction the decision is rated as what they expect, not marked not lived.
    assert stages["decision"]["skipped"] == 0
    assert stages["decision"]["not_lived"] == {}
    assert stages["decision"]["by_voice"]["expected"]["people"] == 2


def test_the_participants_own_ideas_stand_apart_from_opportunities(bank: dict) -> None:
    ideas = bank["ideas"]
    assert ideas["withheld"] == 0
    texts = {(i["participant"], i["text"]) for i in ideas["items"]}
    assert ("P-002", "Saber en qué punto está la tasación sin tener que llamar.") in texts
    # Each stage's own "what would you change" (guides 3.0) is an idea of theirs too.
    assert ("P-001", "Que el simulador dé una cifra sin pedirme el DNI.") in texts
    assert {i["stage"] for i in ideas["items"]} == {"awareness", "consideration", "decision"}
    opportunities = {i["text"] for g in bank["opportunities"] for i in g["items"]}
    assert not opportunities & {i["text"] for i in ideas["items"]}


def test_words_and_ideas_of_those_who_did_not_agree_to_be_quoted_are_withheld() -> None:
    s = make_session("inbound", touchpoints=1)  # no consent to quote
    s.set_stage_text("awareness", "words", "My private words")
    s.set_answer("decision", "ideas", "My private idea")
    report = build_report([s], builtin_guide("inbound"), "en", include_in_progress=True)
    awareness = report["stages"][0]
    assert (awareness["customer_words"], awareness["customer_words_withheld"]) == ([], 1)
    assert report["ideas"] == {"items": [], "withheld": 1}
    from cjtui.analysis.report import render_html

    assert "My private" not in render_html(report)


def test_added_stages_meet_across_interviews_by_their_name() -> None:
    guide = builtin_guide("inbound")
    a, b = make_session("inbound", touchpoints=0), make_session("inbound", touchpoints=0)
    a.add_stage("La tasación", "decision")
    b.add_stage("la  TASACIÓN", "decision")
    b.add_stage("El notario", "added_1")
    stages = journey_stages(guide, [a, b], "es")
    assert [k for k, _ in stages] == [
        "awareness",
        "consideration",
        "decision",
        "added_la_tasacion",
        "added_el_notario",
    ]
    assert dict(stages)["added_la_tasacion"] == "La tasación"


def test_the_map_shows_the_new_lanes(runner: CliRunner, store_dir: Path) -> None:
    assert run(runner, store_dir, "import", str(SAMPLES)).exit_code == 0
    out = run(runner, store_dir, "map", "--study", "banco-hipoteca", "--format", "json")
    data = json.loads(out.output)
    assert data["stages"][-1]["title"] == "Tasación de la vivienda"
    assert data["highlights"]["consideration"][0]["name"] == "Cita en la oficina"
    sim = next(p for p in data["pains"]["awareness"] if p["key"].startswith("simulador"))
    assert sim["kinds"] == {"annoyed": 2}
    text = run(runner, store_dir, "map", "--study", "banco-hipoteca", "--width", "160").output
    markdown = run(
        runner, store_dir, "map", "--study", "banco-hipoteca", "--format", "markdown"
    ).output
    for words in ("**In their words**", "**What works**", "**Participants' own ideas**"):
        assert words in markdown, words
    # The interviewer's summary of what the stage was for her: not in quotation marks.
    assert "Esperar al tasador sin saber cuándo vendría. \\(P-002\\)" in markdown
    assert "“Esperar al tasador" not in markdown
    assert "annoyed 2" in text
    assert "Stage added by 1 participant" in text and "participant(s)" not in text
    assert r"Estudio de riesgos \[inefficiency 3\]" in markdown  # Markdown-escaped


def test_csv_carries_kinds_severity_problems_and_added_stages(
    runner: CliRunner, store_dir: Path
) -> None:
    assert run(runner, store_dir, "import", str(SAMPLES)).exit_code == 0
    out = run(runner, store_dir, "export", "--study", "banco-hipoteca", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert tuple(rows[0]) == CSV_COLUMNS
    appraisal = next(  # lived in a stage the couple added (before, it was expected in decision)
        r for r in rows if r["touchpoint"] == "Tasación de la vivienda" and r["added_stage"]
    )
    assert (appraisal["stage"], appraisal["added_stage"]) == ("added_1", "Tasación de la vivienda")
    assert (appraisal["pain_kind"], appraisal["severity"]) == ("dissatisfied", "3")
    assert appraisal["process_problem"] == "bottleneck"


# ---- every new field through export and import ----------------------------------------------


def test_every_new_field_survives_export_and_import(
    runner: CliRunner, store_dir: Path, tmp_path: Path
) -> None:
    s = make_session("inbound", touchpoints=1)
    s.set_stage_text("awareness", "words", "When I saw the flat")
    added = s.add_stage("Appraisal", "decision")
    s.set_stage_text(added.id, "words", "Waiting for the valuer")
    tp = s.add_touchpoint(added.id, new_touchpoint("Valuer's visit", "in_person", 0))
    s.update_touchpoint(
        tp.id, pain=True, pain_kind="disoriented", severity=1, process_problem="bottleneck"
    )
    s.set_answer("decision", "ideas", "Tell me when the valuer comes")
    s.set_skipped("consideration", True)
    path = tmp_path / "one.json"
    path.write_text(to_json([s], single=True), "utf-8")
    assert run(runner, store_dir, "import", str(path)).exit_code == 0
    back = Store.open(store_dir).load(s.id)
    assert back.to_dict() == s.to_dict()
    exported = run(runner, store_dir, "export", s.id).output
    assert json.loads(exported) == s.to_dict()


def test_a_hostile_added_stage_is_refused_on_import(tmp_path: Path) -> None:
    s = make_session("inbound", touchpoints=0)
    data = s.to_dict()
    data["stages"].insert(1, {**data["stages"][0], "id": "added_1", "added": True, "title": ""})
    with pytest.raises(Exception, match="needs a name"):
        parse_session("x.json", data, lambda _: builtin_guide("inbound"))
    data["stages"][1].update(title="\x1b[31mred", id="added-1")
    with pytest.raises(Exception, match="stages"):
        parse_session("x.json", data, lambda _: builtin_guide("inbound"))


# ---- interviews of 0.2 keep working ---------------------------------------------------------


def test_interviews_of_0_2_open_export_import_and_report(
    runner: CliRunner, store_dir: Path, tmp_path: Path
) -> None:
    assert run(runner, store_dir, "import", str(SAMPLES_0_2)).exit_code == 0
    store = Store.open(store_dir)
    assert len(store.ids()) == 13
    lucia = store.load("1c7a2d3f-4e5b-4c6d-8e7f-8091a2b3c4d5")
    assert store.guide_for(lucia).version == "1.1"  # the very questionnaire it was taken with
    shown = run(runner, store_dir, "show", lucia.id).output
    assert "¿Estuvo a punto de abandonar en algún momento?" in shown  # asked by 1.1
    # The study keeps its guide: a report counts the 1.1 questionnaire, as it was.
    report = json.loads(
        run(runner, store_dir, "report", "--study", "banco-hipoteca", "--format", "json").output
    )
    assert report["guide"]["version"] == "1.1"
    assert report["sessions"]["total"] == 5
    # Exported again (now schema 3) and read back into another store: the same sessions.
    out = run(runner, store_dir, "export", "--format", "jsonl")
    assert all(json.loads(line)["schema"] == 3 for line in out.output.splitlines())
    again = tmp_path / "again.jsonl"
    again.write_text(out.output, "utf-8")
    other = tmp_path / "other"
    assert run(runner, other, "import", str(again)).exit_code == 0
    assert Store.open(other).load(lucia.id).to_dict() == lucia.to_dict()
    for guide_id in ("inbound", "full"):
        assert any(g.id == guide_id for g in [shipped(s) for s in Store.open(other).all()])


def test_a_study_never_counts_two_versions_as_one_questionnaire(
    runner: CliRunner, store_dir: Path, tmp_path: Path
) -> None:
    # A 3.0 study, then a 0.2 interview told to join it: refused, naming both versions.
    assert run(runner, store_dir, "study", "new", "nuevo", "--guide", "inbound").exit_code == 0
    old = SAMPLES_0_2 / "es_banco_cliente_antes.json"
    out = run(runner, store_dir, "import", str(old), "--study", "nuevo")
    assert out.exit_code != 0
    assert "inbound 1.1" in out.output and "inbound 3.0" in out.output
    assert Store.open(store_dir).ids() == []


async def test_an_interview_of_0_2_resumes_in_the_app(store_dir: Path) -> None:
    from .tui_helpers import app_for

    store = Store.open(store_dir)
    data = json.loads((SAMPLES_0_2 / "en_broadband_customer_before_in_progress.json").read_text())
    session = parse_session("x", data, shipped)
    store.keep_guide(shipped(session))
    store.save(session)
    app = app_for(store, "en", resume=session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from cjtui.interface.tui.screens.editor import TouchpointModal

        # Its last change was typed in a touchpoint's editor: that opens again, over its stage.
        assert isinstance(app.screen, TouchpointModal)
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert screen.stage_id == "consideration"  # where it was left
        ids = {q.id for q in screen._questions()}  # type: ignore[attr-defined]
        assert {"others_involved", "effort"} <= ids  # 1.1's questions, not 2.0's
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.stage_id == "decision"
    assert Store.open(store_dir).load(session.id).guide.version == "1.1"


def test_sample_sessions_read_as_a_team_records_them() -> None:
    sessions = load_import(sorted(SAMPLES.glob("*.json")), lambda s: builtin_guide(s.guide.id))
    tps = [(s, tp) for s in sessions for _, tp in s.touchpoints()]
    # The interviewer's override in use, both ways.
    assert any(tp.pain and (tp.emotion or 0) >= 0 for _, tp in tps)
    assert any(not tp.pain and (tp.emotion or 0) < 0 for _, tp in tps)
    # Quotes only where consent allows them.
    assert all(s.consent.quotes for s, tp in tps if tp.quote and s.perspective == "customer")
    # Every stage lived has the participant's words.
    for s in sessions:
        for record in s.stages:
            if not record.skipped and (record.answers or record.touchpoints):
                assert record.words, (s.participant.alias, record.id)
    # Timings vary as people do: not one fixed step between events.
    from cjtui.domain.model import parse_iso

    gaps = {
        (parse_iso(b.at) - parse_iso(a.at)).total_seconds()
        for s in sessions
        for a, b in zip(s.events, s.events[1:], strict=False)
    }
    assert len(gaps) > 40
    text = "\n".join(p.read_text("utf-8") for p in SAMPLES.glob("*.json")).lower()
    for word in ("lorem", "foo", "test", "xxx", "asdf"):
        assert not re.search(rf"\b{word}\b", text), word


# ---- messages in the interface's language ---------------------------------------------------

# The modules whose messages reach a person: every message they can say has a Spanish
# template (a new message without one fails here, naming it).
SPEAKING = (
    "model",
    "study.py",
    "exchange.py",
    "jsonio.py",
    "workspace.py",
    "interview.py",
    "guide",
    "store",
)


def _template(node: ast.AST | None) -> str | None:
    """A message's text with {0}, {1}… where an f-string puts values."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        parts, n = [], 0
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            else:
                parts.append(f"{{{n}}}")
                n += 1
        return "".join(parts)
    return None


def _message(node: ast.AST, path: Path) -> ast.AST | None:
    """The message a raise, a guide problem or a doctor finding says, if *node* is one."""
    if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
        name, args = ast.unparse(node.exc.func), node.exc.args
        if name == "GuideError":
            last = args[-1]
            return last.elts[0] if isinstance(last, ast.List) and last.elts else None
        if name == "CorruptSessionError":
            return args[1] if len(args) == 2 else None
        return None if name in ("ValueError", "AssertionError") else args[0]
    if not isinstance(node, ast.Call):
        return None
    if isinstance(node.func, ast.Attribute) and node.func.attr == "add" and "guide" in path.parts:
        return node.args[1] if len(node.args) == 2 else None
    if ast.unparse(node.func) == "Problem" and len(node.args) > 1:
        return node.args[1]
    return None


def _domain_templates() -> dict[str, str]:
    """Every message raised (or added to a guide's problems, or found by doctor) in the
    speaking modules, as a template."""
    root = Path(__file__).resolve().parent.parent / "cjtui"
    found: dict[str, str] = {}
    for path in root.rglob("*.py"):
        if not any(part in SPEAKING for part in path.relative_to(root).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            text = _template(_message(node, path))
            if text and any(c.isalpha() for c in text) and text != "built-in:{0}":
                found.setdefault(text, f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}")
    return found


def test_every_message_the_domain_says_is_a_msg_in_every_catalogue() -> None:
    """What the domain says to a person is a Msg (a template and its values), never a bare
    string; every template is in the Spanish catalogue, translated, with the same values;
    and the compiled catalogue the package ships is the one its .po says."""
    import gettext
    import io
    import sys

    from babel.messages.mofile import read_mo

    root = Path(__file__).resolve().parent.parent
    bare = {t: where for t, where in _domain_templates().items()}
    assert not bare, f"said as a bare string, not a Msg: {bare}"
    sys.path.insert(0, str(root / "scripts"))
    try:
        import catalogues
    finally:
        sys.path.pop(0)
    said = catalogues.said_in_code()
    assert len(said) > 250  # the walk finds the messages (model, guide, store, import…)
    po = catalogues.read("es")
    missing = {t: where for t, where in said.items() if po.get(t, context="message") is None}
    assert not missing, f"not in the Spanish catalogue (scripts/catalogues.py extract): {missing}"
    for message in po:
        if not message.id or message.context != "message":
            continue  # the interface's own words: tests/test_i18n.py
        assert message.string, f"left untranslated: {message.id!r}"
        assert sorted(re.findall(r"\{\d+\}", message.id)) == sorted(
            re.findall(r"\{\d+\}", message.string)
        ), message.id
    for lang in ("en", "es"):
        source = catalogues.read(lang)
        shipped = (root / "cjtui" / "locale" / lang / "LC_MESSAGES" / "cjtui.mo").read_bytes()
        compiled = read_mo(io.BytesIO(shipped))

        def entries(catalog: Any) -> set[tuple[Any, ...]]:
            return {
                (
                    m.context,
                    tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id,
                    tuple(m.string) if isinstance(m.string, (list, tuple)) else m.string,
                )
                for m in catalog
                if m.id
            }

        assert entries(compiled) == entries(source), (
            f"{lang}: the .mo is older than the .po: python scripts/catalogues.py compile"
        )
    assert isinstance(gettext.translation("cjtui", root / "cjtui" / "locale", ["es"]),
                      gettext.GNUTranslations)  # fmt: skip


@pytest.mark.parametrize(
    ("message", "spanish"),
    [
        (
            lambda: Msg("no session with id {0} in {1}", repr("abc"), "/srv/cx"),
            "no hay ninguna sesión con id 'abc' en /srv/cx",
        ),
        (
            lambda: Msg(
                "{0}: {1}",
                "g.toml",
                Msg(
                    "{0} (and {1} more)",
                    Msg(
                        "{0}: {1}",
                        "only.q1",
                        Msg("type {0} is not one of {1}", repr("essay"), "text, long_text"),
                    ),
                    2,
                ),
            ),
            "g.toml: only.q1: el tipo 'essay' no es uno de text, long_text (y 2 más)",
        ),
        (
            lambda: Msg("{0}: {1}", "decision.ease", Msg("{0} is above {1}", 9, 5)),
            "decision.ease: 9 está por encima de 5",
        ),
        # A value is data, said as it is, even where it reads like a message.
        (
            lambda: Msg("no session with id {0} in {1}", repr("is gone"), "/srv/is gone"),
            "no hay ninguna sesión con id 'is gone' en /srv/is gone",
        ),
        (lambda: "a line no template knows", "a line no template knows"),
    ],
)
def test_a_message_is_said_in_spanish_by_lookup_with_its_values_as_they_are(
    message: Any, spanish: str
) -> None:
    from cjtui.base.i18n import say

    made = message()
    assert say(made, "es") == spanish
    assert say(made, "en") == str(made)  # English: the message itself
    assert say(CjtuiError(made), "es") == spanish  # and carried by an error


def test_the_command_line_says_domain_errors_in_spanish(
    runner: CliRunner, store_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        MINI.decode().replace('type = "essay"', "").replace('lane = "ideas"', 'type = "essay"')
    )
    out = runner.invoke(main, ["--lang", "es", "guides", "validate", str(bad)])
    assert out.exit_code != 0 and "el tipo 'essay' no es uno de" in out.output
    assert run(runner, store_dir, "import", str(SAMPLES)).exit_code == 0
    out = runner.invoke(main, ["--db", str(store_dir), "--lang", "es", "show", "ffff"])
    assert out.exit_code == 1
    assert "no hay ninguna sesión con id 'ffff' en" in out.output and str(store_dir) in out.output
    out = runner.invoke(main, ["--db", str(store_dir), "--lang", "en", "show", "ffff"])
    assert "no session with id 'ffff' in" in out.output
    out = runner.invoke(main, ["--db", str(store_dir), "--lang", "es", "report"])
    assert "este almacén tiene 5 estudios" in out.output and "--study ID" in out.output


def test_a_store_written_by_0_2_is_upgraded_in_place_with_nothing_lost(tmp_path: Path) -> None:
    """A store as cjtui 0.2 left it (format 2, schema-2 session files): opened by this
    cjtui, every session is rewritten as schema 3 once, all it held kept."""
    import os

    from cjtui.exchange import STUDY_SUFFIX, read_study_file
    from cjtui.store.files import SESSION_TABLE

    root = tmp_path / "store"
    store = Store.open(root)
    old = {}
    for path in sorted(SAMPLES_0_2.glob("*.json")):
        if path.name.endswith(STUDY_SUFFIX):
            store.save_study(read_study_file(path))
            continue
        data = json.loads(path.read_text("utf-8"))
        old[data["id"]] = data
        session = parse_session(str(path), data, shipped)
        store.keep_guide(shipped(session))
        store.save(session)
    for session_id, data in old.items():  # as 0.2 wrote them
        wrapped = json.dumps({SESSION_TABLE: {"1": data}}, ensure_ascii=False)
        store.path_of(session_id).write_text(wrapped, "utf-8")
    (root / "store.json").write_text('{"format": 2}\n')
    (root / "index.json").unlink(missing_ok=True)
    before = sorted(os.listdir(root / "sessions"))

    upgraded = Store.open(root)
    assert upgraded.upgraded == ["upgraded 13 sessions to schema 3"]
    assert json.loads((root / "store.json").read_text()) == {"format": 3}
    assert sorted(os.listdir(root / "sessions")) == before
    for session_id, data in old.items():
        now = upgraded.load(session_id).to_dict()
        assert now["schema"] == 3
        assert now == upgrade_document(data, data["study"])
        assert len(now["events"]) == len(data["events"])
    report = json.loads(
        CliRunner()
        .invoke(
            main, ["--db", str(root), "report", "--study", "banco-hipoteca", "--format", "json"]
        )
        .output
    )
    assert report["guide"]["version"] == "1.1" and report["sessions"]["total"] == 5


def test_every_change_records_who_made_it() -> None:
    from cjtui.domain.model import _EVENT_KEYS, Event

    assert tuple(Event(at="t", kind="created").to_dict()) == _EVENT_KEYS
    s = make_session("inbound", touchpoints=0)
    s.actor = "marta"
    s.set_answer("awareness", "trigger", "A")
    s.actor = "luis"
    s.set_answer("awareness", "trigger", "AB")  # another person: not folded into marta's run
    s.set_answer("awareness", "trigger", "ABC")
    by = [(e.by, e.new) for e in s.events if e.target == "trigger"]
    assert by == [("marta", "A"), ("luis", "AB"), ("luis", "ABC")]
    data = s.to_dict()
    data["events"][0]["by"] = "x" * 101
    with pytest.raises(ModelError, match="user is not a name"):
        Session.from_dict(data)
    assert schema_problem(data) is not None
    # The sample interviews say who took them.
    sample = json.loads((SAMPLES / "es_banco_interna.json").read_text("utf-8"))
    assert {e["by"] for e in sample["events"]} == {"marta.ruiz"}


def test_resuming_goes_back_to_the_last_change_even_in_the_profile() -> None:
    s = make_session("inbound", touchpoints=0)
    s.set_persona("context", "Enfermera")
    assert s.last_position() == ("persona", "context")
    s.set_stage_text("awareness", "words", "Cuando vi el piso")
    assert s.last_position() == ("awareness", "stage.words")
    added = s.add_stage("La tasación", "decision")
    s.set_stage_text(added.id, "words", "Esperar")
    s.remove_stage(added.id)  # its events stay in the trail; its screen is gone
    assert s.last_position() == ("awareness", "stage.words")


def test_added_stages_named_otherwise_can_be_merged_in_the_study(
    runner: CliRunner, store_dir: Path
) -> None:
    assert run(runner, store_dir, "import", str(SAMPLES)).exit_code == 0
    from cjtui.services.workspace import Workspace

    store = Store.open(store_dir)
    # Lince (after) lived the appraisal too, and called it otherwise.
    lince = store.load("1c7a2d3f-4e5b-4c6d-8e7f-8091a2b3c4d5")
    lince.status = "in_progress"
    own = lince.add_stage("La tasación", "decision")
    lince.add_touchpoint(own.id, new_touchpoint("Visita del tasador", "in_person", -1))
    lince.set_status("completed")
    store.save(lince)
    listed = run(runner, store_dir, "stages", "--study", "banco-hipoteca", "--json")
    rows = json.loads(listed.output)
    assert {(r["key"], r["added_by"]) for r in rows} == {
        ("added_tasacion_de_la_vivienda", 1),
        ("added_la_tasacion", 1),
    }
    out = run(
        runner, store_dir, "stages", "merge", "--study", "banco-hipoteca",
        "added_tasacion_de_la_vivienda", "added_la_tasacion",
    )  # fmt: skip
    assert out.exit_code == 0 and "1 added stages now count as" in out.output
    study, guide, sessions = Workspace(Store.open(store_dir)).analysis("banco-hipoteca")
    report = build_report(sessions, guide, "en", study=study)
    added = [s for s in report["stages"] if s["added"]]
    assert [(s["id"], s["title"], s["added_by"], s["ratings"]) for s in added] == [
        ("added_tasacion_de_la_vivienda", "Tasación de la vivienda", 2, 2)
    ]
    rows = json.loads(
        run(runner, store_dir, "stages", "--study", "banco-hipoteca", "--json").output
    )
    assert [(r["key"], sorted(r["names"]), r["merged"], r["added_by"]) for r in rows] == [
        (
            "added_tasacion_de_la_vivienda",
            ["La tasación", "Tasación de la vivienda"],
            ["added_la_tasacion"],
            2,
        )
    ]
    bad = run(runner, store_dir, "stages", "merge", "--study", "banco-hipoteca", "decision", "x")
    assert bad.exit_code == 1 and "no added stage 'decision'" in bad.output
