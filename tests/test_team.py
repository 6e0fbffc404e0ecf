"""A team on one shared server, and stores from several servers brought together: who made
each change, deleting a colleague's interview, shared stores, import that tells sessions
continued elsewhere from conflicts, export of what changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.base.fsutil import current_user
from cjtui.interface.cli.main import main
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
    from cjtui.services.workspace import Workspace

    store = Store.open(store_dir)
    s = make_session("inbound")
    s.events[0].by = current_user()
    store.save(s)
    Workspace(store).delete(s.id)
    assert not store.exists(s.id)


async def test_the_app_asks_twice_before_deleting_a_colleagues_interview(
    samples_store: Path,
) -> None:
    from cjtui.interface.tui.screens.modals import ConfirmModal

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


# ---- stores from several servers ------------------------------------------------------------


def _export(runner: CliRunner, store: Path, path: Path, *args: str) -> Path:
    out = run(runner, store, "export", "--format", "jsonl", *args)
    assert out.exit_code == 0, out.output
    path.write_text(out.output, "utf-8")
    return path


def _continue(store: Path, session_id: str, answer: str, who: str) -> None:
    """Someone takes a session on, on that server: an answer more in its audit trail."""
    from cjtui.services.workspace import Workspace

    interview = Workspace(Store.open(store)).resume(session_id)
    interview.session.actor = who
    interview.answer("awareness", "expected", answer)
    interview.close()


def test_import_tells_unchanged_continued_newer_and_conflicting_sessions_apart(
    runner: CliRunner, tmp_path: Path
) -> None:
    a, b = tmp_path / "server-a", tmp_path / "server-b"
    assert run(runner, a, "import", str(SAMPLES)).exit_code == 0
    # Server B starts from A's export.
    assert run(runner, b, "import", str(_export(runner, a, tmp_path / "a0.jsonl"))).exit_code == 0
    bank = "2d8b3e4a-5f6c-4d7e-9f80-91a2b3c4d5e6"  # continued on B only
    telco = "6bcf7c8e-9da0-4b12-9dc4-d5e6f708192a"  # continued on A only
    energy = "b1c2d3e4-f5a6-4b7c-8d9e-3f4a5b6c7d8e"  # continued on both: a conflict
    _continue(b, bank, "Una cuota", "luis.gil")
    _continue(a, telco, "Fibra en una semana", "marta.ruiz")
    _continue(a, energy, "Un descuento", "marta.ruiz")
    _continue(b, energy, "La lectura real", "luis.gil")
    from_b = _export(runner, b, tmp_path / "b.jsonl")
    before = {i: Store.open(a).load(i).to_dict() for i in (bank, telco, energy)}

    out = run(runner, a, "import", str(from_b))
    assert out.exit_code == 1  # a conflict to decide
    assert f"Conflict in {energy[:8]}" in out.output and "awareness.expected" in out.output
    assert f"{bank[:8]} was continued elsewhere" in out.output and "--update" in out.output
    assert (
        "New: 0; updated: 0; unchanged: 10; continued elsewhere: 1; newer here: 1; conflicts: 1."
        in out.output
    )
    after = {i: Store.open(a).load(i).to_dict() for i in (bank, telco, energy)}
    assert after == before  # nothing overwritten

    out = run(runner, a, "import", "--update", str(from_b))
    assert "updated: 1;" in out.output and out.exit_code == 1  # the conflict is still there
    store = Store.open(a)
    taken = store.load(bank)
    assert taken.stage("awareness").answers["expected"] == "Una cuota"
    assert taken.events[-1].by == "luis.gil"  # B's trail extends A's
    assert store.load(telco).stage("awareness").answers["expected"] == "Fibra en una semana"

    out = run(runner, a, "import", "--keep", "theirs", str(from_b))
    assert out.exit_code == 0
    assert Store.open(a).load(energy).stage("awareness").answers["expected"] == "La lectura real"
    out = run(runner, a, "import", str(from_b))
    assert out.exit_code == 0 and "unchanged: 12;" in out.output


def test_a_conflict_decided_for_ours_is_exported_again_and_then_the_same_on_both(
    runner: CliRunner, tmp_path: Path
) -> None:
    """After --keep ours, the session's time changes (the decision is in its trail), so the
    next export --changed-since carries it; the other server takes it as going on from its
    own version, and from then on each side's import reports the two as the same."""
    a, b = tmp_path / "server-a", tmp_path / "server-b"
    assert run(runner, a, "import", str(SAMPLES)).exit_code == 0
    assert run(runner, b, "import", str(_export(runner, a, tmp_path / "a0.jsonl"))).exit_code == 0
    energy = "b1c2d3e4-f5a6-4b7c-8d9e-3f4a5b6c7d8e"
    _continue(a, energy, "Un descuento", "marta.ruiz")
    _continue(b, energy, "La lectura real", "luis.gil")
    from_b = _export(runner, b, tmp_path / "b.jsonl")
    since = Store.open(a).load(energy).updated_at

    out = run(runner, a, "import", "--keep", "ours", str(from_b))
    assert out.exit_code == 0, out.output
    assert "conflicts: 1." in out.output and "conflict decided for the version here" in out.output
    kept = Store.open(a).load(energy)
    assert kept.stage("awareness").answers["expected"] == "Un descuento"
    assert kept.events[-1].kind == "conflict_decided"
    assert kept.updated_at >= since and kept.events[-1].by == current_user()

    # The next export of what changed carries it…
    changed = _export(runner, a, tmp_path / "a1.jsonl", "--changed-since", since)
    assert [json.loads(line)["id"] for line in changed.read_text().splitlines()] == [energy]
    # …and B takes it as going on from its own version (not a conflict).
    out = run(runner, b, "import", str(changed))
    assert out.exit_code == 0 and "continued elsewhere: 1;" in out.output, out.output
    out = run(runner, b, "import", "--update", str(changed))
    assert out.exit_code == 0 and "updated: 1;" in out.output, out.output
    assert Store.open(b).load(energy).stage("awareness").answers["expected"] == "Un descuento"
    # From now on both report the same, both ways.
    back = run(runner, a, "import", str(_export(runner, b, tmp_path / "b1.jsonl")))
    assert back.exit_code == 0 and "unchanged: 13;" in back.output, back.output
    forth = run(runner, b, "import", str(_export(runner, a, tmp_path / "a2.jsonl")))
    assert forth.exit_code == 0 and "unchanged: 13;" in forth.output, forth.output
    # B's old version, met again on A, is behind the decided one: never a conflict again.
    again = run(runner, a, "import", str(from_b))
    assert again.exit_code == 0 and "newer here: 1;" in again.output, again.output


FIXTURES = Path(__file__).parent / "fixtures"
EARLIER = Path(__file__).parent.parent / "cjtui" / "guides" / "earlier"


def _bank_files(tmp_path: Path, runner: CliRunner, schema: int) -> tuple[Path, Path, list[str]]:
    """The bank study's sessions as a file of *schema* (an export of this release, cjtui
    0.2's samples, or the sessions of a 0.1 store), the guide file they were taken with,
    and their ids."""
    if schema == 3:
        source = tmp_path / "source"
        assert run(runner, source, "import", str(SAMPLES)).exit_code == 0
        export = _export(runner, source, tmp_path / "bank.jsonl", "--study", "banco-hipoteca")
        guide = EARLIER.parent / "inbound.toml"  # the samples' guide (the current one)
    elif schema == 2:
        docs = [
            json.loads(path.read_text("utf-8"))
            for path in sorted((FIXTURES / "samples_0_2").glob("es_banco_*.json"))
        ]
        export = tmp_path / "bank-0.2.json"
        export.write_text(json.dumps(docs), "utf-8")
        guide = EARLIER / "inbound-1.1.toml"
    else:
        docs = [
            json.loads(path.read_text("utf-8"))["session"]["1"]
            for path in sorted((FIXTURES / "store_v1" / "sessions").glob("*.json"))
        ]
        docs = [d for d in docs if d["guide"]["id"] == "inbound"]
        export = tmp_path / "bank-0.1.json"
        export.write_text(json.dumps(docs), "utf-8")
        guide = EARLIER / "inbound-1.0.toml"
    if export.suffix == ".jsonl":
        ids = [json.loads(line)["id"] for line in export.read_text("utf-8").splitlines()]
    else:
        ids = [d["id"] for d in json.loads(export.read_text("utf-8"))]
    return export, guide, ids


@pytest.mark.parametrize("schema", [1, 2, 3])
def test_import_into_another_study_moves_the_sessions_and_logs_it(
    runner: CliRunner, tmp_path: Path, schema: int
) -> None:
    """import --study OTHER of a clean export: each session goes to OTHER with its answers
    and audit trail, the consent text it agreed to goes with it when the study it came
    from is known, and OTHER's log says so; for files of every schema version."""
    export, guide, ids = _bank_files(tmp_path, runner, schema)
    target = tmp_path / "target"
    made = run(runner, target, "study", "new", "otro", "--guide", str(guide))
    assert made.exit_code == 0, made.output
    out = run(runner, target, "import", "--study", "otro", str(export))
    assert out.exit_code == 0, out.output
    assert f"Imported {len(ids)} sessions" in out.output
    store = Store.open(target)
    assert sorted(store.ids()) == sorted(ids)
    for session in store.all():
        assert session.study == "otro"
        assert session.events and session.stages
    study = store.study("otro")
    moved = [e for e in study.log if e["kind"] == "moved_in"]
    if schema == 1:  # written before studies: it named none, so none was left
        assert moved == []
        return
    assert sorted(e["session"] for e in moved) == sorted(ids)
    assert {e["came_from"] for e in moved} == {"banco-hipoteca"}
    assert "moved from study banco-hipoteca into otro" in out.output
    if schema == 3:  # every answer and the whole trail as they were
        source = Store.open(tmp_path / "source")
        for session in store.all():
            original = source.load(session.id)
            assert [e.to_dict() for e in session.events] == [e.to_dict() for e in original.events]
            assert [r.to_dict() for r in session.stages] == [r.to_dict() for r in original.stages]
    # Imported again: the same, nothing moved twice.
    again = run(runner, target, "import", "--study", "otro", str(export))
    assert again.exit_code == 0 and "Imported 0 sessions" in again.output, again.output
    assert len([e for e in store.study("otro").log if e["kind"] == "moved_in"]) == len(ids)


def test_moved_sessions_bring_the_consent_text_they_agreed_to(
    runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    assert run(runner, source, "import", str(SAMPLES)).exit_code == 0
    export = _export(runner, source, tmp_path / "bank.jsonl", "--study", "banco-hipoteca")
    record = tmp_path / "banco-hipoteca.study.json"
    shown = run(runner, source, "study", "show", "banco-hipoteca", "--json", "-o", str(record))
    assert shown.exit_code == 0, shown.output
    target = tmp_path / "target"
    samples_guide = str(EARLIER.parent / "inbound.toml")
    assert run(runner, target, "study", "new", "otro", "--guide", samples_guide).exit_code == 0
    out = run(runner, target, "import", "--study", "otro", str(export), str(record))
    assert out.exit_code == 0, out.output
    store = Store.open(target)
    agreed = {s.consent.text_sha256 for s in store.all()} - {None}
    assert agreed and agreed <= set(store.study("otro").consent_texts)


def test_typing_that_went_on_elsewhere_is_a_continuation() -> None:
    from cjtui.exchange import import_case

    s = make_session("inbound", touchpoints=0)
    s.actor = "ana"
    s.set_answer("awareness", "expected", "Una", at="2026-11-01T10:00:00Z")
    s.set_answer("awareness", "expected", "Una cu", at="2026-11-01T10:00:05Z")
    s.set_answer("awareness", "expected", "Una cuota", at="2026-11-01T10:00:09Z")
    here = type(s).from_dict(s.to_dict())
    s.set_answer("awareness", "expected", "Una cuota baja", at="2026-11-01T10:00:30Z")
    assert len(s.events) == len(here.events)  # the run of typing went on in its last event
    assert import_case(s, here) == "continued"
    assert import_case(here, s) == "behind"
    assert import_case(here, type(here).from_dict(here.to_dict())) == "unchanged"


def test_export_what_changed_since(runner: CliRunner, samples_store: Path) -> None:
    _continue(samples_store, "2d8b3e4a-5f6c-4d7e-9f80-91a2b3c4d5e6", "Una cuota", "ana")
    store = Store.open(samples_store)
    changed = store.load("2d8b3e4a-5f6c-4d7e-9f80-91a2b3c4d5e6").updated_at
    out = run(runner, samples_store, "export", "--format", "jsonl", "--changed-since", changed)
    assert [json.loads(line)["id"][:8] for line in out.output.splitlines()] == ["2d8b3e4a"]
    out = run(runner, samples_store, "export", "--format", "jsonl", "--changed-since", "2026-10-20")
    ids = {json.loads(line)["id"][:8] for line in out.output.splitlines()}
    assert ids == {"2d8b3e4a", "1c7a2d3f", "8de19ea0", "a0b1c2d3", "7cd08d9f"}
    out = run(runner, samples_store, "export", "--changed-since", "yesterday")
    assert out.exit_code == 1 and "is not a day or a time" in out.output


def test_a_study_record_from_another_server_brings_its_consent_texts_and_merges(
    runner: CliRunner, tmp_path: Path
) -> None:
    from cjtui.services.interview import Interview
    from cjtui.services.workspace import Workspace

    a, b = tmp_path / "server-a", tmp_path / "server-b"
    assert run(runner, a, "import", str(SAMPLES)).exit_code == 0
    assert run(runner, b, "import", str(SAMPLES)).exit_code == 0
    # On B the study's controller was corrected, so the text read to a new customer differs.
    edited = run(runner, b, "study", "edit", "banco-hipoteca", "--controller", "Banco H, DPO")
    assert edited.exit_code == 0, edited.output
    workspace = Workspace(Store.open(b))
    study = workspace.store.study("banco-hipoteca")
    interview = Interview.start(
        workspace.store, workspace.study_guide(study), language="es", perspective="customer",
        moment="after", interviewer="luis", alias="Halcón", study=study,
    )  # fmt: skip
    interview.accept_consent(quotes=False)
    interview.close()
    new_id = interview.session.id
    merged = run(runner, b, "touchpoints", "--study", "banco-hipoteca", "merge",
                 "cita-en-la-oficina", "llamada-al-centro-de-atencion")  # fmt: skip
    assert merged.exit_code == 0, merged.output
    record = tmp_path / "banco-hipoteca.study.json"
    record.write_text(run(runner, b, "study", "show", "banco-hipoteca", "--json").output, "utf-8")
    sessions = _export(runner, b, tmp_path / "b.jsonl", "--changed-since", "2026-11-01")

    out = run(runner, a, "import", str(sessions), str(record))
    assert out.exit_code == 0, out.output
    assert "taken from its record 1 consent texts, 1 merges" in out.output
    here = Store.open(a).study("banco-hipoteca")
    assert here.controller != "Banco H, DPO"  # A's own record otherwise stays as it is
    assert here.canonical_key("llamada-al-centro-de-atencion") == "cita-en-la-oficina"
    shown = run(runner, a, "show", new_id[:8], lang="es").output
    assert "Banco H, DPO" in shown  # the exact text the participant agreed to, on B
    again = run(runner, a, "import", str(sessions), str(record))
    assert "taken from its record" not in again.output  # nothing more to take


def test_typing_on_both_sides_after_parting_is_a_conflict() -> None:
    """Both servers typed on in the same answer after they parted: neither run extends the
    other, so neither is taken silently: a conflict, decided by --keep."""
    from cjtui.exchange import import_case

    s = make_session("inbound", touchpoints=0)
    s.actor = "ana"
    s.set_answer("awareness", "expected", "Una cuota", at="2026-11-01T10:00:00Z")
    there = type(s).from_dict(s.to_dict())
    s.set_answer("awareness", "expected", "Una cuota baja", at="2026-11-01T10:00:30Z")
    there.set_answer("awareness", "expected", "Una cuota fija", at="2026-11-01T10:00:40Z")
    assert len(s.events) == len(there.events)  # each went on in the same run of typing
    assert import_case(there, s) == "conflict"
    assert import_case(s, there) == "conflict"


def test_the_same_choice_changed_on_both_sides_is_a_conflict() -> None:
    from cjtui.domain.model import new_touchpoint
    from cjtui.exchange import import_case

    s = make_session("inbound", touchpoints=0)
    s.actor = "ana"
    tp = s.add_touchpoint("awareness", new_touchpoint("Web", "web", 0), at="2026-11-01T10:00:00Z")
    s.update_touchpoint(tp.id, emotion=-1, at="2026-11-01T10:00:10Z")
    there = type(s).from_dict(s.to_dict())
    base = type(s).from_dict(s.to_dict())
    # After parting, each changed the rating again, in the same event run.
    s.events[-1].new = -2
    s.events[-1].at = "2026-11-01T10:01:00Z"
    there.events[-1].new = 2
    there.events[-1].at = "2026-11-01T10:02:00Z"
    assert import_case(there, s) == "conflict"
    assert import_case(s, base) == "conflict"


def test_times_with_an_offset_compare_as_instants(runner: CliRunner, store_dir: Path) -> None:
    """A session last changed at 12:30+02:00 (10:30 UTC) is not 'changed since 11:00Z'
    (as text, "12:30+02:00" > "11:00Z" says it is), and 11:30+02:00 with a fraction of a
    second compares as the moment it is."""
    from cjtui.services.workspace import _on_or_after

    assert not _on_or_after("2026-11-01T12:30:00+02:00", "2026-11-01T11:00:00Z")
    assert _on_or_after("2026-11-01T13:30:00+02:00", "2026-11-01T11:00:00Z")
    assert _on_or_after("2026-11-01T11:00:00.500Z", "2026-11-01T11:00:00Z")
    assert _on_or_after("2026-11-01T00:30:00+01:00", "2026-10-31")  # 23:30 UTC on the 31st
    assert not _on_or_after("2026-11-01T00:30:00+01:00", "2026-11-01")


def test_an_interview_open_here_does_not_stop_a_nightly_import(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Import takes what it can: a session open in an app here is named and left for the
    next run; the others are imported; the exit status says something was left."""
    from cjtui.services.workspace import Workspace

    a, b = tmp_path / "server-a", tmp_path / "server-b"
    assert run(runner, a, "import", str(SAMPLES)).exit_code == 0
    assert run(runner, b, "import", str(_export(runner, a, tmp_path / "a0.jsonl"))).exit_code == 0
    bank = "2d8b3e4a-5f6c-4d7e-9f80-91a2b3c4d5e6"
    telco = "6bcf7c8e-9da0-4b12-9dc4-d5e6f708192a"
    _continue(b, bank, "Una cuota", "luis.gil")
    _continue(b, telco, "Fibra ya", "luis.gil")
    from_b = _export(runner, b, tmp_path / "b.jsonl")
    open_here = Workspace(Store.open(a)).resume(bank)  # an interviewer has it open on A
    try:
        out = run(runner, a, "import", "--update", str(from_b))
    finally:
        open_here.close()
    assert out.exit_code == 1
    assert f"{bank[:8]}: open for editing by" in out.output and "next import" in out.output
    store = Store.open(a)
    assert store.load(telco).stage("awareness").answers["expected"] == "Fibra ya"  # taken
    assert store.load(bank).stage("awareness").answers.get("expected") != "Una cuota"  # left
    out = run(runner, a, "import", "--update", str(from_b))  # the next night takes it
    assert out.exit_code == 0, out.output
    assert Store.open(a).load(bank).stage("awareness").answers["expected"] == "Una cuota"


def test_a_deletion_that_would_be_refused_is_refused_before_asking(
    runner: CliRunner, samples_store: Path
) -> None:
    """Without --yes, a colleague's interview is refused at once: the person is not asked
    to confirm what will not happen (and a yes typed does not get through)."""
    out = runner.invoke(
        main, ["--db", str(samples_store), "--lang", "es", "delete", LINCE_AFTER[:8]], input="s\n"
    )
    assert out.exit_code == 1
    assert "[s/N]" not in out.output and "¿Borrar" not in out.output
    assert "hace falta --force" in out.output
    assert Store.open(samples_store).exists(LINCE_AFTER)


def test_what_a_spanish_analyst_found_is_said_right(
    runner: CliRunner, samples_store: Path, tmp_path: Path
) -> None:
    """Doctor counts only the sessions it can read and says a repair in the singular; list
    of an empty study names the study; filters that leave nothing, and days in the wrong
    order, say so; a period of one day is said once; the backlog names its touchpoints."""
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(samples_store, copy)
    ids = sorted((copy / "sessions").glob("*.json"))
    ids[0].write_text("{broken", "utf-8")
    total = len(ids)
    out = run(runner, copy, "doctor", lang="es")
    assert f"{total - 1} sesiones legibles" in out.output, out.output
    out = run(runner, copy, "doctor", "--repair", lang="es")
    assert "1 reparado" in out.output and "1 reparados" not in out.output
    assert f"{total - 1} sesiones legibles" in out.output

    run(runner, samples_store, "study", "new", "vacio", "--guide", "inbound")
    out = run(runner, samples_store, "list", "--study", "vacio", lang="es")
    assert "No hay entrevistas en el estudio vacio" in out.output
    out = run(runner, samples_store, "report", "--study", "banco-hipoteca", "--segment", "Nadie",
              lang="es")  # fmt: skip
    assert out.exit_code == 1
    assert "ninguna sesión del estudio banco-hipoteca cumple estos filtros" in out.output
    out = run(runner, samples_store, "report", "--study", "banco-hipoteca",
              "--since", "2026-10-01", "--until", "2026-09-01", lang="es")  # fmt: skip
    assert out.exit_code == 1 and "es posterior a --until" in out.output

    out = run(runner, samples_store, "opportunities", "--study", "online-retail")
    assert "Returns label: 1 person" in out.output and "returns-label:" not in out.output
    from cjtui.analysis.report.render import heard_and_whose

    heading = {
        "language": "es", "guide": {"id": "inbound", "version": "3.0", "title": ""},
        "sessions": {"total": 1, "customer": 1, "internal": 0, "before": 0, "after": 1,
                     "no_moment": 0, "in_progress": 0},
        "people": {"lived": 1}, "period": {"first": "2026-11-20", "last": "2026-11-20"},
        "pairs": 0, "basis": "lived",
    }  # fmt: skip
    heard, _ = heard_and_whose(heading)  # type: ignore[arg-type]
    assert "el 20 de noviembre de 2026." in heard and " al " not in heard
