"""Studies: the record and its file, the upgrade of a store written before studies, import
into studies, one study per analysis, filters, touchpoint keys and merges, quotes only with
consent, redacted copies and before/after pairs."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.analysis.curve import curve_data
from cjtui.analysis.report import build_report, render_html, render_markdown, render_text
from cjtui.domain.guide import builtin_guide
from cjtui.domain.model import Session, new_touchpoint
from cjtui.domain.study import Study, StudyError, new_study
from cjtui.exchange import WITHHELD, load_import, redacted, session_files
from cjtui.interface.cli.main import main
from cjtui.services.interview import TouchpointKey
from cjtui.store import Store, StoreError

from .conftest import SAMPLES, make_session

FIXTURE = Path(__file__).parent / "fixtures" / "store_v1"
EQUIPO, LUCIA, JORGE = (
    "Equipo hipotecas (oficina centro)",
    "Lince (hipoteca)",
    "Pareja Olivo (hipoteca)",
)


def run(runner: CliRunner, store: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(main, ["--db", str(store), *args])


@pytest.fixture
def samples_store(runner: CliRunner, store_dir: Path) -> Path:
    out = run(runner, store_dir, "import", str(SAMPLES))
    assert out.exit_code == 0, out.output
    return store_dir


# ---- the study and its file -----------------------------------------------------------------


def test_a_study_round_trips_and_checks_what_it_holds() -> None:
    guide = builtin_guide("inbound")
    study = new_study(
        "banco-hipoteca",
        guide.ref,
        title="Hipoteca",
        controller="Banco X",
        contact="dpo@x.example",
        retain_until="2027-12-31",
        languages=["es"],
    )
    assert Study.from_dict(json.loads(json.dumps(study.to_dict()))) == study
    assert study.log[0]["kind"] == "created"
    for bad in ("Banco", "-x", "a" * 41, "a_b", ""):
        with pytest.raises(StudyError, match="short slug"):
            new_study(bad, guide.ref)
    with pytest.raises(StudyError, match="not a date"):
        new_study("x", guide.ref, retain_until="31/12/2027")
    data = study.to_dict() | {"surprise": 1}
    with pytest.raises(StudyError, match="unknown field 'surprise'"):
        Study.from_dict(data)
    with pytest.raises(StudyError, match="guide must be"):
        Study.from_dict(study.to_dict() | {"guide": {"id": "inbound"}})


def test_consent_text_names_the_studys_controller_contact_and_retention() -> None:
    study = new_study(
        "s", builtin_guide("inbound").ref, controller="Banco X", contact="dpo@x", retain_until=None
    )
    text = study.fill_consent(
        "Responsable: {controller}; contacto: {contact}; hasta {retain_until}; {other}", "es"
    )
    # What the study does not say yet is marked, never left blank; the app warns before.
    assert text == "Responsable: Banco X; contacto: dpo@x; hasta [sin indicar]; {other}"
    assert study.missing_for_consent() == ["retain_until"]
    sha = study.keep_consent_text(text)
    assert study.consent_texts == {sha: text}
    assert study.keep_consent_text(text) == sha and len(study.consent_texts) == 1


def test_merges_follow_chains_and_never_loop() -> None:
    study = new_study("s", builtin_guide("inbound").ref)
    assert study.merge("call", ["call-center", "llamada"]) == ["call-center", "llamada"]
    assert study.merge("phone", ["call"]) == ["call"]
    assert {study.canonical_key(k) for k in ("call", "call-center", "llamada")} == {"phone"}
    assert study.merge("llamada", ["phone"]) == []  # the same touchpoint already
    assert [e["kind"] for e in study.log] == ["created", "merged", "merged"]


def test_study_commands_make_a_private_record(runner: CliRunner, store_dir: Path) -> None:
    old = os.umask(0o022)
    try:
        out = run(
            runner,
            store_dir,
            "study",
            "new",
            "banco-hipoteca",
            "--guide",
            "inbound",
            "--title",
            "Hipoteca 2026",
            "--controller",
            "Banco X",
            "--retain-until",
            "2027-12-31",
            "--language",
            "es",
        )
    finally:
        os.umask(old)
    assert out.exit_code == 0, out.output
    record = store_dir / "studies" / "banco-hipoteca.json"
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert stat.S_IMODE(record.parent.stat().st_mode) == 0o700
    again = run(runner, store_dir, "study", "new", "banco-hipoteca", "--guide", "inbound")
    assert again.exit_code == 1 and "exists already" in again.output
    listed = run(runner, store_dir, "study", "list")
    assert "banco-hipoteca" in listed.output and "Hipoteca 2026" in listed.output
    shown = run(runner, store_dir, "study", "show", "banco-hipoteca")
    assert "Banco X" in shown.output and "31 December 2027" in shown.output
    assert (
        run(runner, store_dir, "study", "edit", "banco-hipoteca", "--contact", "dpo@x").exit_code
        == 0
    )
    assert run(runner, store_dir, "study", "close", "banco-hipoteca").exit_code == 0
    data = json.loads(run(runner, store_dir, "study", "show", "banco-hipoteca", "--json").output)
    assert (data["contact"], data["status"]) == ("dpo@x", "closed")
    assert [e["kind"] for e in data["log"]] == ["created", "edited", "closed"]
    bad = run(runner, store_dir, "study", "new", "Bad Id", "--guide", "inbound")
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "short slug" in bad.output
    record.write_text("{not json")
    broken = run(runner, store_dir, "study", "show", "banco-hipoteca")
    assert broken.exit_code == 1 and "banco-hipoteca.json" in broken.output
    assert broken.output.count("\n") == 1


def test_a_closed_study_takes_no_new_interview(store_dir: Path) -> None:
    from cjtui.services.workspace import Workspace

    store = Store.open(store_dir)
    guide = builtin_guide("inbound")
    study = new_study("s", guide.ref)
    study.status = "closed"
    store.save_study(study)
    with pytest.raises(StoreError, match="closed"):
        Workspace(store).start(
            guide, study, language="en", perspective="internal", moment=None,
            interviewer="x", alias="A",
        )  # fmt: skip
    with pytest.raises(StoreError, match="is taken with guide inbound"):
        Workspace(store).start(
            builtin_guide("full"), new_study("t", guide.ref), language="en",
            perspective="internal", moment=None, interviewer="x", alias="A",
        )  # fmt: skip


# ---- the upgrade of a store written before studies ------------------------------------------


def _copy_fixture(target: Path) -> Path:
    shutil.copytree(FIXTURE, target)
    for folder, _, files in os.walk(target):
        os.chmod(folder, 0o700)
        for name in files:
            os.chmod(Path(folder) / name, 0o600)
    return target


def _old_documents(root: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((root / "sessions").glob("*.json")):
        document = json.loads(path.read_text("utf-8"))["session"]["1"]
        out[document["id"]] = document
    return out


def test_a_store_written_before_studies_is_upgraded_in_place(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = _copy_fixture(tmp_path / "store")
    before = _old_documents(root)
    assert {d["schema"] for d in before.values()} == {1}
    store = Store.open(root)
    assert store.upgraded == [
        "made study 'full' for the sessions of guide full",
        "made study 'inbound' for the sessions of guide inbound",
        "upgraded 9 sessions to schema 3",
    ]
    assert json.loads((root / "store.json").read_text()) == {"format": 3}
    sessions = {s.id: s for s in store.all()}
    assert sessions.keys() == before.keys()
    for session_id, old in before.items():  # nothing lost: every answer, touchpoint and event
        new = sessions[session_id].to_dict()
        assert new["study"] == old["guide"]["id"]
        assert new["participant"]["persona"] == old["participant"]["persona"]
        assert len(new["events"]) == len(old["events"])
        for old_stage, new_stage in zip(old["stages"], new["stages"], strict=True):
            assert new_stage["answers"] == old_stage["answers"]
            for old_tp, new_tp in zip(
                old_stage["touchpoints"], new_stage["touchpoints"], strict=True
            ):
                assert {k: new_tp[k] for k in old_tp} == old_tp
                assert new_tp["quote"] == ""
    # A touchpoint named as one of the guide's suggestions takes its key.
    broadband = sessions["7cd08d9f-aeb1-4c23-8ed5-e6f708192a3b"]
    assert broadband.stages[0].touchpoints[0].name == "Search result"
    assert broadband.stages[0].touchpoints[0].key == "search-result"
    for path in (root / "sessions").glob("*.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doctor = run(runner, root, "doctor")
    assert doctor.exit_code == 0, doctor.output
    assert Store.open(root).upgraded == []  # once
    listed = run(runner, root, "list", "--study", "inbound", "--json")
    assert len(json.loads(listed.output)) == 5


def test_an_upgrade_that_fails_part_way_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjtui.store import files

    root = _copy_fixture(tmp_path / "store")
    before = {p.name: p.read_bytes() for p in (root / "sessions").iterdir()}
    real = files.SessionFiles.write_temp
    calls = {"n": 0}

    def fail_fifth(self: files.SessionFiles, data: bytes) -> Path:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(files.SessionFiles, "write_temp", fail_fifth)
    with pytest.raises(OSError):
        Store.open(root)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in (root / "sessions").iterdir()} == before
    assert not (root / "store.json").exists()
    assert Store.open(root).upgraded[-1] == "upgraded 9 sessions to schema 3"


# ---- import into studies ----------------------------------------------------------------------


def _v1_files(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    folder.mkdir()
    for path in sorted((FIXTURE / "sessions").glob("*.json")):
        document = json.loads(path.read_text("utf-8"))["session"]["1"]
        (folder / path.name).write_text(json.dumps(document), "utf-8")
    return folder


def test_files_of_the_earlier_schema_go_to_a_study_made_from_their_guide(
    tmp_path: Path, runner: CliRunner, store_dir: Path
) -> None:
    out = run(runner, store_dir, "import", str(_v1_files(tmp_path)))
    assert out.exit_code == 0, out.output
    assert "Made study full (from guide full)." in out.output
    assert "Made study inbound (from guide inbound)." in out.output
    store = Store.open(store_dir)
    assert sorted(store.studies.ids()) == ["full", "inbound"]
    assert {s.study for s in store.all()} == {"full", "inbound"}


def test_import_into_a_named_study(tmp_path: Path, runner: CliRunner, store_dir: Path) -> None:
    old = _v1_files(tmp_path)
    # A study on the very guide file those interviews were taken with (an earlier version).
    from cjtui.domain.guide import GUIDES_DIR

    earlier = str(GUIDES_DIR / "earlier" / "inbound-1.0.toml")
    assert run(runner, store_dir, "study", "new", "banco", "--guide", earlier).exit_code == 0
    inbound = [p for p in old.iterdir() if '"id": "inbound"' in p.read_text()]
    out = run(runner, store_dir, "import", "--study", "banco", *map(str, inbound))
    assert out.exit_code == 0, out.output
    assert {s.study for s in Store.open(store_dir).all()} == {"banco"}
    full = [p for p in old.iterdir() if '"id": "full"' in p.read_text()]
    before = sorted(os.listdir(store_dir / "sessions"))
    refused = run(runner, store_dir, "import", "--study", "banco", *map(str, full))
    assert refused.exit_code == 1 and refused.output.count("\n") == 1
    assert "study banco is on inbound 1.0" in refused.output
    assert sorted(os.listdir(store_dir / "sessions")) == before
    nowhere = run(runner, store_dir, "import", "--study", "nope", *map(str, full))
    assert nowhere.exit_code == 1 and "no study 'nope'" in nowhere.output


def test_importing_the_samples_recreates_their_studies(samples_store: Path) -> None:
    store = Store.open(samples_store)
    studies = {s.id: s for s in store.all_studies()}
    assert sorted(studies) == [
        "banco-hipoteca", "broadband-switch", "energy-billing", "online-retail", "telco-fibra",
    ]  # fmt: skip
    assert studies["banco-hipoteca"].controller.startswith("Banco Horizonte")
    assert studies["banco-hipoteca"].retain_until == "2027-12-31"


def test_an_export_imports_back_into_the_same_studies(
    samples_store: Path, runner: CliRunner, tmp_path: Path
) -> None:
    exported = run(runner, samples_store, "export", "--format", "jsonl").output
    (tmp_path / "all.jsonl").write_text(exported, "utf-8")
    other = tmp_path / "other"
    out = run(runner, other, "import", str(tmp_path / "all.jsonl"))
    assert out.exit_code == 0, out.output
    assert sorted(Store.open(other).studies.ids()) == sorted(
        Store.open(samples_store).studies.ids()
    )


# ---- one study per analysis, and filters ----------------------------------------------------


def test_analysis_never_mixes_studies(samples_store: Path, runner: CliRunner) -> None:
    for command in (["report"], ["plot"], ["touchpoints"]):
        out = run(runner, samples_store, *command)
        assert out.exit_code == 1 and out.output.count("\n") == 1, command
        assert "5 studies (banco-hipoteca, broadband-switch, energy-billing" in out.output


def _listed(runner: CliRunner, store: Path, *args: str) -> list[str]:
    out = run(runner, store, "list", "--json", *args)
    assert out.exit_code == 0, out.output
    return sorted(row["alias"] for row in json.loads(out.output))


@pytest.mark.parametrize(
    ("args", "aliases"),
    [
        ([], [EQUIPO, JORGE, JORGE, LUCIA, LUCIA]),
        (["--perspective", "internal"], [EQUIPO]),
        (["--moment", "before"], [JORGE, LUCIA]),
        (["--moment", "none"], [EQUIPO]),
        (["--segment", "PRIMERA VIVIENDA"], [EQUIPO, LUCIA, LUCIA]),
        (["--segment", "Segunda vivienda"], []),
        (["--interviewer", "Marta.Ruiz"], [EQUIPO, LUCIA, LUCIA]),
        (["--interviewer", "luis.gil"], [JORGE, JORGE]),
        (["--language", "en"], []),
        (["--status", "completed"], [EQUIPO, JORGE, JORGE, LUCIA, LUCIA]),
        (["--since", "2026-09-10"], [JORGE, JORGE, LUCIA, LUCIA]),
        (["--until", "2026-09-10"], [EQUIPO]),
        (["--since", "2026-09-10", "--until", "2026-09-30"], [JORGE, LUCIA]),
    ],
)
def test_every_filter(
    samples_store: Path, runner: CliRunner, args: list[str], aliases: list[str]
) -> None:
    assert _listed(runner, samples_store, "--study", "banco-hipoteca", *args) == sorted(aliases)


def test_filters_reach_the_report_and_the_export(samples_store: Path, runner: CliRunner) -> None:
    out = run(
        runner, samples_store, "report", "--study", "banco-hipoteca", "--perspective", "customer",
        "--format", "json",
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["sessions"]["total"] == 4
    exported = run(runner, samples_store, "export", "--study", "online-retail", "--format", "jsonl")
    assert {json.loads(line)["study"] for line in exported.output.splitlines()} == {"online-retail"}
    bad = run(runner, samples_store, "list", "--since", "yesterday")
    assert bad.exit_code == 1 and "not a date" in bad.output


# ---- one name for one touchpoint ----------------------------------------------------------


def _bilingual() -> tuple[Study, list[Session]]:
    guide = builtin_guide("inbound")
    study = new_study("bilingual", guide.ref, languages=["es", "en"])
    sessions = []
    for lang, name, typed in (("es", "Resultado de búsqueda", "Llamada al call center"),
                              ("en", "Search result", "Call to the contact centre")):  # fmt: skip
        s = Session.new(guide.ref, guide.stage_ids, language=lang, perspective="internal",
                        study=study.id)  # fmt: skip
        s.add_touchpoint("awareness", new_touchpoint(name, "web", 1, key="search-result"))
        s.add_touchpoint("consideration", new_touchpoint(typed, "phone", -2))
        s.set_status("completed")
        sessions.append(s)
    return study, sessions


def test_a_spanish_and_an_english_interview_meet_on_one_axis() -> None:
    study, sessions = _bilingual()
    guide = builtin_guide("inbound")
    data = curve_data(sessions, guide, "es", by="all", study=study)
    assert [p.label for p in data.axis][0] == "Resultado de búsqueda"
    assert data.series[0].counts[0] == 2  # both interviews on one point
    assert len(data.axis) == 3  # the typed calls are two keys until merged
    study.merge("llamada-al-call-center", ["call-to-the-contact-centre"])
    merged = curve_data(sessions, guide, "en", by="all", study=study)
    assert [p.label for p in merged.axis] == ["Search result", "Llamada al call center"]
    report = build_report(sessions, guide, "en", study=study)
    call = next(t for t in report["touchpoints"] if t["key"] == "llamada-al-call-center")
    assert (call["mentions"], call["mean"]) == (2, -2.0)


def test_touchpoints_catalogue_and_merge(samples_store: Path, runner: CliRunner) -> None:
    listed = run(runner, samples_store, "touchpoints", "--study", "banco-hipoteca", "--json")
    keys = {e["key"]: e for e in json.loads(listed.output)}
    assert keys["llamada-al-centro-de-atencion"]["mentions"] == 3
    merge = run(
        runner, samples_store, "touchpoints", "--study", "banco-hipoteca", "merge",
        "llamada-al-centro-de-atencion", "cita-en-la-oficina",
    )  # fmt: skip
    assert merge.exit_code == 0, merge.output
    after = json.loads(
        run(runner, samples_store, "touchpoints", "--study", "banco-hipoteca", "--json").output
    )
    call = next(e for e in after if e["key"] == "llamada-al-centro-de-atencion")
    assert call["mentions"] == 8 and call["merged"] == ["cita-en-la-oficina"]
    report = json.loads(
        run(runner, samples_store, "report", "--study", "banco-hipoteca", "--format", "json").output
    )
    assert "cita-en-la-oficina" not in {t["key"] for t in report["touchpoints"]}
    study = json.loads(
        run(runner, samples_store, "study", "show", "banco-hipoteca", "--json").output
    )
    assert study["merges"] == {
        "cita-en-la-oficina": "llamada-al-centro-de-atencion",
        # The process names the samples' review joined.
        "process:asesoramiento hipotecario": "process:venta en oficina",
        "process:simulación online": "process:captación digital",
    }
    assert study["log"][-1]["kind"] == "merged"
    # The sessions keep what was typed.
    assert "cita-en-la-oficina" in (samples_store / "sessions").joinpath(
        "1c7a2d3f-4e5b-4c6d-8e7f-8091a2b3c4d5.json"
    ).read_text("utf-8")
    unknown = run(
        runner, samples_store, "touchpoints", "--study", "banco-hipoteca", "merge", "x", "y"
    )
    assert unknown.exit_code == 1 and "no touchpoint 'x'" in unknown.output


# ---- quotes only with consent -----------------------------------------------------------------


def _quoted(quotes: bool) -> Session:
    s = make_session("inbound", touchpoints=1)
    s.consent.quotes = quotes
    tp = s.stages[0].touchpoints[0]
    s.update_touchpoint(tp.id, quote="Nobody called me back", note="Frowned at the phone")
    s.set_status("completed")
    return s


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html, json.dumps])
def test_quotes_without_consent_never_reach_a_report(render) -> None:  # type: ignore[no-untyped-def]
    guide = builtin_guide("inbound")
    withheld = build_report([_quoted(False)], guide, "en")
    out = render(withheld)
    assert "Nobody called me back" not in out
    assert "withheld" in out.lower()
    allowed = render(build_report([_quoted(True)], guide, "en"))
    assert "Nobody called me back" in allowed


def test_quotes_without_consent_never_reach_the_csv(store_dir: Path, runner: CliRunner) -> None:
    store = Store.open(store_dir)
    store.save(_quoted(False))
    out = run(runner, store_dir, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert rows[0]["quote"] == WITHHELD and rows[0]["note"] == "Frowned at the phone"
    assert "Nobody called me back" not in out.output


def test_a_redacted_copy_is_fit_to_share(
    samples_store: Path, runner: CliRunner, tmp_path: Path
) -> None:
    out = run(runner, samples_store, "export", "--study", "telco-fibra", "--redact")
    assert out.exit_code == 0, out.output
    text = out.output
    for private in ("Cedro", "Responsables de tienda", "Dos días sin teléfono", 'events": [{'):
        assert private not in text, private
    sessions = json.loads(text)
    ramiro = next(s for s in sessions if s["perspective"] == "customer")
    assert ramiro["participant"]["alias"] == "P-002" and ramiro["interviewer"] == ""
    assert all(not isinstance(v, str) for v in ramiro["participant"]["persona"].values())
    (tmp_path / "shared.json").write_text(text, "utf-8")
    again = run(runner, tmp_path / "elsewhere", "import", str(tmp_path / "shared.json"))
    assert again.exit_code == 0, again.output  # what export writes, import reads


def test_redacted_keeps_quotes_given_with_consent() -> None:
    s = _quoted(True)
    s.participant.code = "P-009"
    copy = redacted(s)
    assert copy.participant.alias == "P-009" and copy.events == []
    assert copy.stages[0].touchpoints[0].quote == "Nobody called me back"
    assert s.participant.alias == "Ana", "the session itself is untouched"


# ---- before and after pairs -------------------------------------------------------------------


def test_before_after_change_uses_pairs_where_there_are_some() -> None:
    guide = builtin_guide("inbound")

    def customer(code: str, moment: str, rating: int) -> Session:
        s = make_session("inbound", moment=moment, touchpoints=0)
        s.participant.code = code
        s.add_touchpoint("awareness", new_touchpoint("Advert", "physical", rating))
        s.set_status("completed")
        return s

    sessions = [
        customer("P-001", "before", -2), customer("P-001", "after", 1),
        customer("P-002", "before", 0), customer("P-002", "after", 1),
        customer("P-003", "before", 2),  # no after: left out of the change
    ]  # fmt: skip
    report = build_report(sessions, guide, "en")
    assert (report["pairs"], report["before_after_basis"]) == (2, "pairs")
    advert = next(t for t in report["touchpoints"] if t["key"] == "advert")
    assert (advert["before_mean"], advert["after_mean"], advert["change"]) == (-1.0, 1.0, 2.0)
    assert advert["change_pairs"] == 2
    # Without pairs there is no change to give: a before of one and an after of another
    # are two people, not a change.
    unpaired = build_report(sessions[4:] + [customer("", "after", 1)], guide, "en")
    assert (unpaired["pairs"], unpaired["before_after_basis"]) == (0, "pairs")
    assert unpaired["before_after"] == []
    advert = next(t for t in unpaired["touchpoints"] if t["key"] == "advert")
    assert advert["change"] is None and advert["by_voice"]["expected"]["mean"] == 2.0


def test_a_known_alias_brings_its_participant_code(samples_store: Path) -> None:
    from cjtui.services.workspace import Workspace

    workspace = Workspace(Store.open(samples_store))
    assert workspace.suggest_code("banco-hipoteca", "lince (HIPOTECA)") == "P-001"
    assert workspace.suggest_code("banco-hipoteca", "Someone new") == "P-003"


def test_sample_sessions_are_schema_3_in_their_studies() -> None:
    for path in session_files(sorted(SAMPLES.glob("*.json"))):
        data = json.loads(path.read_text("utf-8"))
        assert data["schema"] == 3 and data["study"], path.name
    loaded = load_import(sorted(SAMPLES.glob("*.json")), lambda s: builtin_guide(s.guide.id))
    bank = [s for s in loaded if s.study == "banco-hipoteca"]
    assert {s.participant.code for s in bank if s.perspective == "customer"} == {"P-001", "P-002"}
    energy = {s.language for s in loaded if s.study == "energy-billing"}
    assert energy == {"es", "en"}, "one study interviewed in both languages"


def test_the_consent_text_agreed_to_is_kept_and_shown(store_dir: Path, runner: CliRunner) -> None:
    from cjtui.services.workspace import Workspace

    guide = builtin_guide("inbound")
    store = Store.open(store_dir)
    study = new_study("s", guide.ref, controller="Banco X (DPO)")
    store.save_study(study)
    interview = Workspace(store).start(
        guide, study, language="es", perspective="customer", moment=None,
        interviewer="x", alias="Ana", code="P-001",
    )  # fmt: skip
    interview.accept_consent(quotes=True)
    interview.close()
    kept = store.study("s").consent_texts
    assert list(kept) == [interview.session.consent.text_sha256]
    shown = run(runner, store_dir, "show", interview.session.id[:8])
    assert shown.exit_code == 0, shown.output
    assert next(iter(kept.values())).strip().splitlines()[0] in shown.output
    assert "P-001" in shown.output and "Estudio: s" in shown.output


def test_a_typed_name_the_study_knows_takes_its_key(store_dir: Path) -> None:
    from cjtui.services.workspace import Workspace

    guide = builtin_guide("inbound")
    store = Store.open(store_dir)
    study = new_study("s", guide.ref)
    store.save_study(study)
    workspace = Workspace(store)
    first = workspace.start(
        guide, study, language="es", perspective="internal", moment=None, interviewer="x",
        alias="Equipo",
    )  # fmt: skip
    first.accept_consent()
    tp = first.add_touchpoint("consideration", "Llamada al Call Center", "phone")
    first.update_touchpoint(tp.id, key="call-centre")  # a key of the study's own choosing
    first.close()
    second = workspace.start(
        guide, study, language="en", perspective="internal", moment=None, interviewer="y",
        alias="Team",
    )  # fmt: skip
    second.accept_consent()
    assert "Llamada al Call Center" in second.touchpoint_names()
    assert "Search result" in second.touchpoint_names()
    a = second.add_touchpoint("consideration", "", "phone")
    b = second.add_touchpoint("awareness", "", "web")
    second.buffer(TouchpointKey(a.id, "name"), "llamada al CALL center")
    second.buffer(TouchpointKey(b.id, "name"), "Resultado de búsqueda")  # the es suggestion
    second.flush()
    assert (a.key, b.key) == ("call-centre", "search-result")
    second.buffer(TouchpointKey(a.id, "name"), "Phone call to the bank")  # something new
    second.flush()
    assert a.key == "phone-call-to-the-bank"
    second.close()
