"""The study's opportunity backlog: candidates from the interviews grouped by their words,
accepted, merged, split and set by the team, each item's priority computed from counted
evidence (people × their worst severity), and a declined quote never shown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.analysis import backlog as bl
from cjtui.domain.model import Session, new_touchpoint
from cjtui.domain.study import StudyError, new_study
from cjtui.interface.cli.main import main

from .conftest import SAMPLES, make_session

BANK = "banco-hipoteca"  # its backlog reviewed, as the samples ship it
RETAIL = "online-retail"  # its backlog not started


def _customer(alias: str, code: str, pains: list[tuple[int, int | None]], *, quotes: bool = True,
              opportunity: str = "", perspective: str = "customer",
              moment: str | None = "after") -> Session:  # fmt: skip
    """A session whose touchpoint 'Simulador' is rated as *pains* say: (emotion, severity)."""
    s = make_session(perspective=perspective, moment=moment, alias=alias, touchpoints=0)
    s.participant.code = code
    s.consent.quotes = quotes
    for emotion, severity in pains:
        tp = s.add_touchpoint("awareness", new_touchpoint("Simulador", "web", emotion=emotion))
        s.update_touchpoint(tp.id, key="simulador", pain=emotion < 0, severity=severity,
                            quote=f"cita de {alias}", opportunity=opportunity)  # fmt: skip
    return s


def test_priority_is_people_times_their_worst_severity_by_hand() -> None:
    """A worked example: A felt severity 3; B 1; C twice, 2 and 3 (counted once, by the
    worst); a staff member and a customer before the interaction are not counted. People 3,
    mean severity (3 + 1 + 3) / 3 = 2.33, priority 3 × 2.33 = 7.0."""
    study = new_study("s", make_session().guide)
    sessions = [
        _customer("A", "P-1", [(-2, 3)]),
        _customer("B", "P-2", [(-1, 1)]),
        _customer("C", "P-3", [(-1, 2), (-2, 3)]),
        _customer("Staff", "", [(-2, 3)], perspective="internal", moment=None),
        _customer("Before", "P-4", [(-2, 3)], moment="before"),
    ]
    evidence = bl.evidence(sessions, study, ["simulador"], -2)
    assert (evidence.people, evidence.severity, evidence.priority) == (3, 2.33, 7.0)
    assert evidence.stages == ["awareness"] and evidence.interviews == 3


def test_candidates_group_by_words_and_accepting_merging_splitting_is_logged() -> None:
    study = new_study("s", make_session().guide)
    sessions = [
        _customer("A", "P-1", [(-2, None)], opportunity="Simulación anónima."),
        _customer("B", "P-2", [(-1, None)], opportunity="simulación ANÓNIMA"),
        _customer("C", "P-3", [(-1, None)], opportunity="Dar una cifra orientativa"),
    ]
    found = bl.candidates(sessions, study)
    assert [len(c.interviews) for c in found] == [2, 1]  # case, accents and dots aside
    one = bl.accept(study, found, "Simular sin dar datos", by="ana")
    assert one["id"] == "O1" and one["touchpoints"] == ["simulador"]
    assert all(c.accepted == "O1" for c in bl.candidates(sessions, study))
    with pytest.raises(StudyError, match="already in the backlog"):
        bl.accept(study, bl.candidates(sessions, study)[:1])
    with pytest.raises(StudyError, match="needs a reason"):
        bl.update(study, "O1", priority=9)
    bl.update(study, "O1", priority=9, reason="regulación", status="planned", effort="M")
    two = dict(one, id="O2", candidates=[])
    study.backlog.append(two)
    bl.merge(study, "O1", ["O2"], by="ana")
    assert [i["id"] for i in study.backlog] == ["O1"]
    study.backlog[0]["touchpoints"] = ["simulador", "llamada"]
    bl.split(study, "O1", ["llamada"], "Devolver la llamada", by="ana")
    assert [i["touchpoints"] for i in study.backlog] == [["simulador"], ["llamada"]]
    actions = [e["action"] for e in study.log if e["kind"] == "backlog"]
    assert actions == ["accepted", "changed", "merged", "split"]
    study.check()  # the record, with its backlog, is valid
    assert new_study("t", study.guide).from_dict(study.to_dict()).backlog == study.backlog


def test_the_backlog_from_the_command_line_agrees_in_every_format(
    runner: CliRunner, store_dir: Path
) -> None:
    db = ["--db", str(store_dir), "--lang", "en"]
    assert runner.invoke(main, [*db, "import", str(SAMPLES)]).exit_code == 0
    # The online retailer's study has no backlog yet: one idea, written three ways in two
    # interviews, becomes one item.
    listed = json.loads(runner.invoke(main, [*db, "opportunities", "--study", RETAIL,
                                             "--format", "json"]).output)  # fmt: skip
    assert listed["items"] == []
    ids = {c["text"]: c["id"] for c in listed["candidates"]}
    same = [ids[t] for t in ids if "QR" in t]
    assert len(same) == 3
    out = runner.invoke(main, [*db, "opportunities", "accept", "--study", RETAIL, *same,
                               "--title", "=Returns by QR code, no printing"])  # fmt: skip
    assert out.exit_code == 0, out.output
    out = runner.invoke(main, [*db, "opportunities", "set", "--study", RETAIL, "O1",
                               "--owner", "Returns desk", "--status", "planned"])  # fmt: skip
    assert out.exit_code == 0, out.output
    data = json.loads(runner.invoke(main, [*db, "opportunities", "--study", RETAIL,
                                           "--format", "json"]).output)  # fmt: skip
    item = data["items"][0]
    assert (item["id"], item["owner"], item["status"]) == ("O1", "Returns desk", "planned")
    assert item["people"] == item["evidence"]["people"] >= 1
    assert item["priority"] == round(item["people"] * item["evidence"]["severity"], 1)
    assert "returns-label" not in [p["touchpoint"] for p in data["open_pains"]]
    table = list(csv.reader(io.StringIO(runner.invoke(
        main, [*db, "opportunities", "--study", RETAIL, "--format", "csv"]).output)))  # fmt: skip
    assert table[0] == ["title", "description", "owner", "priority", "status", "labels"]
    assert table[1][0] == "'=Returns by QR code, no printing"  # never run as a formula
    assert (table[1][2], float(table[1][3]), table[1][4]) == ("Returns desk", item["priority"],
                                                              "planned")  # fmt: skip
    text = runner.invoke(main, [*db, "opportunities", "--study", RETAIL]).output
    assert "O1  =Returns by QR code" in text and "Candidates from the interviews" in text
    log = json.loads((store_dir / "studies" / f"{RETAIL}.json").read_text())["log"]
    assert [e["action"] for e in log if e["kind"] == "backlog"] == ["accepted", "changed"]
    # The bank's reviewed backlog (six items, as the samples ship it): the report and the
    # map show the same backlog as the command, and the same pains no item answers.
    data = json.loads(runner.invoke(main, [*db, "opportunities", "--study", BANK,
                                           "--format", "json"]).output)  # fmt: skip
    assert len(data["items"]) == 6 and data["items"][0]["title"].startswith("Un solo buzón")
    every = ["--study", BANK, "--include-in-progress"]  # as the backlog counts
    report = json.loads(runner.invoke(main, [*db, "report", *every, "--format", "json"]).output)
    assert [(i["id"], i["priority"], i["status"]) for i in report["backlog"]["items"]] == [
        (i["id"], i["priority"], i["status"]) for i in data["items"]
    ]
    assert {p["touchpoint"] for p in report["backlog"]["open_pains"]} == {
        p["touchpoint"] for p in data["open_pains"]
    }
    mapped = json.loads(runner.invoke(main, [*db, "map", *every, "--format", "json"]).output)
    assert mapped["backlog"] == report["backlog"]
    shown = runner.invoke(main, [*db, "map", "--study", RETAIL, "--width", "400"]).output
    assert "O1 =Returns by QR code" in shown and "No opportunity yet:" in shown
    plain = json.loads(runner.invoke(main, [*db, "report", "--study", "telco-fibra",
                                            "--format", "json"]).output)  # fmt: skip
    assert "backlog" not in plain  # a study without a backlog reports as before


def test_a_declined_quote_is_never_in_the_backlog() -> None:
    study = new_study("s", make_session().guide)
    sessions = [
        _customer("A", "P-1", [(-2, None)], quotes=False),
        _customer("B", "P-2", [(-2, None)], quotes=True),
    ]
    evidence = bl.evidence(sessions, study, ["simulador"], -2)
    assert evidence.quotes == ["cita de B"] and evidence.people == 2


def test_the_workbook_holds_the_map_the_touchpoints_and_the_backlog(
    runner: CliRunner, store_dir: Path, tmp_path: Path
) -> None:
    """map --format xlsx: opened with openpyxl and read back, it agrees with the map's JSON
    and the backlog's; a formula-looking title stays text; a declined quote is absent."""
    import openpyxl

    db = ["--db", str(store_dir), "--lang", "es"]
    assert runner.invoke(main, [*db, "import", str(SAMPLES)]).exit_code == 0
    data = json.loads(runner.invoke(main, [*db, "opportunities", "--study", BANK,
                                           "--format", "json"]).output)  # fmt: skip
    first = data["candidates"][0]["id"]
    out = runner.invoke(main, [*db, "opportunities", "accept", "--study", BANK, first,
                               "--title", "=HYPERLINK(\"x\")"])  # fmt: skip
    assert out.exit_code == 0, out.output
    from cjtui.store import Store

    store = Store.open(store_dir)  # one participant with quotes takes back their permission
    quoting = next(s for s in store.all() if s.consent.quotes and any(
        tp.quote for _, tp in s.touchpoints()))  # fmt: skip
    quoting.consent.quotes = False
    store.save(quoting)
    path = tmp_path / "mapa.xlsx"
    refused = runner.invoke(main, [*db, "map", "--study", BANK, "--format", "xlsx"])
    assert refused.exit_code == 1 and "indique -o ARCHIVO.xlsx" in refused.output
    made = runner.invoke(main, [*db, "map", "--study", BANK, "--format", "xlsx", "-o", str(path)])
    assert made.exit_code == 0, made.output
    assert path.stat().st_mode & 0o777 == 0o600
    mapped = json.loads(runner.invoke(main, [*db, "map", "--study", BANK, "--format",
                                             "json"]).output)  # fmt: skip
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Mapa", "Puntos de contacto", "Oportunidades", "Cómo se cuenta"]
    grid = book["Mapa"]
    assert [c.value for c in grid[1]][1:] == [s["title"] for s in mapped["stages"]]
    touch = book["Puntos de contacto"]
    assert touch["D1"].value == "Personas (n): clientes (vivido)"  # what it counts, whose
    assert book["Oportunidades"]["D1"].value == "Clientes con dolor (personas)"
    assert touch.max_row - 1 == sum(len(v) for v in mapped["touchpoints"].values())
    opp = book["Oportunidades"]
    top = mapped["backlog"]["items"][0]
    assert (opp["A2"].value, opp["D2"].value) == (top["id"], top["people"])  # ranked
    rows = {row[0].value: row for row in opp.iter_rows(min_row=2)}
    assert len(rows) == len(mapped["backlog"]["items"]) == 7  # the six reviewed, and this one
    assert rows["O7"][1].value == '\'=HYPERLINK("x")'  # text, never a formula
    # Nobody who declined to be quoted is quoted anywhere in the workbook.
    declined = {
        tp.quote for s in Store.open(store_dir).all() if not s.consent.quotes
        for _, tp in s.touchpoints() if tp.quote
    }  # fmt: skip
    every = " ".join(
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    assert declined and not any(q in every for q in declined)
    allowed = {
        tp.quote for s in Store.open(store_dir).all() if s.consent.quotes
        for _, tp in s.touchpoints() if tp.quote
    }  # fmt: skip
    assert any(q in every for q in allowed)  # quotes are there: the check above says something


def test_a_participants_own_idea_is_a_candidate_answering_the_pains_of_its_stage() -> None:
    from cjtui.domain.guide import builtin_guide

    guide = builtin_guide("inbound")
    study = new_study("s", guide.ref)
    s = _customer("A", "P-1", [(-2, None)], opportunity="Simulación anónima")
    s.set_answer("awareness", "change", "Poder simular sin llamar", at="2026-12-01T10:00:00Z")
    found = {c.text: c for c in bl.candidates([s], study, guide)}
    idea = found["Poder simular sin llamar"]
    assert idea.sources == {"idea"} and idea.touchpoints == {"simulador"}
    assert found["Simulación anónima"].sources == {"opportunity"}
    assert "Poder simular sin llamar" not in {c.text for c in bl.candidates([s], study)}
