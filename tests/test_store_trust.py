"""What the store reads, it checks: a kept guide copy is trusted by its content, not its
file name; a study's text shown on one line stays on one line; consent placeholders are
filled in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.domain.guide import parse_guide
from cjtui.interface.cli.main import main
from cjtui.store import Store, StoreError
from cjtui.store.doctor import doctor

from .conftest import ROOT, SAMPLES


def custom_guide() -> object:
    data = (ROOT / "cjtui" / "guides" / "inbound.toml").read_bytes()
    data = data.replace(b'id = "inbound"', b'id = "banco"', 1)
    guide, problems = parse_guide(data, "banco.toml")
    assert guide is not None, problems
    return guide


def test_a_kept_guide_edited_after_it_was_kept_is_refused(store_dir: Path) -> None:
    guide = custom_guide()
    store = Store.open(store_dir)
    store.keep_guide(guide)  # type: ignore[arg-type]
    kept = store.guides_dir / f"{guide.sha256}.toml"  # type: ignore[attr-defined]
    assert store.guide_copies.by_ref(guide.ref) is not None  # type: ignore[attr-defined]
    # A member of the group edits the consent text read to participants.
    kept.write_bytes(kept.read_bytes().replace(b"voluntary", b"compulsory", 1))
    fresh = Store.open(store_dir)
    with pytest.raises(StoreError, match="kept guide changed since it was kept"):
        fresh.guide_copies.by_ref(guide.ref)  # type: ignore[attr-defined]
    problems = [p.message for p in doctor(fresh)]
    assert any("changed since it was kept" in m for m in problems)


def test_a_guide_reference_is_never_a_path(store_dir: Path) -> None:
    from cjtui.domain.model import GuideRef

    store = Store.open(store_dir)
    outside = store_dir.parent / "outside.toml"
    outside.write_bytes((ROOT / "cjtui" / "guides" / "inbound.toml").read_bytes())
    ref = GuideRef(id="x", version="1", sha256="../outside")
    assert store.guide_copies.by_ref(ref) is None


def test_a_study_title_with_newlines_forges_no_row(runner: CliRunner, store_dir: Path) -> None:
    db = ["--db", str(store_dir)]
    out = runner.invoke(
        main, [*db, "study", "new", "real", "--guide", "inbound", "--title", "Real"]
    )
    assert out.exit_code == 0, out.output
    store = Store.open(store_dir)

    def forge(study: object) -> None:
        study.title = "Real\nfake-study  open  99  inbound  Forged"  # type: ignore[attr-defined]

    try:
        store.update_study("real", forge)
    except Exception:  # the record's own check refuses it: then it is written by hand
        import json

        path = next(store_dir.rglob("real.json"))
        data = json.loads(path.read_text())
        data["title"] = "Real\nfake-study  open  99  inbound  Forged"
        path.write_text(json.dumps(data))
    listed = runner.invoke(main, [*db, "study", "list"])
    rows = listed.output.splitlines()
    assert not any(row.startswith("fake-study") for row in rows), listed.output
    assert len(rows) <= 2


def test_consent_placeholders_are_filled_in_one_pass() -> None:
    from cjtui.domain.guide import builtin_guide
    from cjtui.domain.study import Study

    guide = builtin_guide("inbound")
    study = Study(
        id="banco",
        title="Banco",
        guide=guide.ref,
        controller="Banco X, {contact}",
        contact="dpo@bancox.example",
        retain_until="2027-12-31",
    )
    text = study.fill_consent("{controller} · {contact}", "en")
    assert text == "Banco X, {contact} · dpo@bancox.example"


def test_a_write_error_names_the_file_asked_for(
    runner: CliRunner, store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from cjtui.base import fsutil

    out = runner.invoke(main, ["--db", str(store_dir), "export", "-o", "/nonexistent/dir/x.json"])
    assert out.exit_code == 1
    assert "/nonexistent/dir/x.json" in out.output and ".tmp" not in out.output
    # A full disk: said of the file, with how far it got, and nothing left behind.
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "out.json"
    real_write = os.write
    calls = {"n": 0}

    def full(fd: int, data: object) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data)[:10])  # type: ignore[call-overload]

    monkeypatch.setattr(fsutil.os, "write", full)
    with pytest.raises(OSError) as caught:
        fsutil.atomic_write(target, b"x" * 100)
    assert caught.value.filename == str(target)
    assert "10 of 100 bytes written; nothing kept" in str(caught.value)
    assert list(folder.iterdir()) == []


def test_a_study_record_is_written_privately(
    runner: CliRunner, store_dir: Path, tmp_path: Path
) -> None:
    """The two-server recipe writes the study record (consent texts read, the deletion
    log) with -o: 0600 whatever the shell's umask, as exports are."""
    import os
    import stat

    db = ["--db", str(store_dir)]
    assert runner.invoke(main, [*db, "study", "new", "banco", "--guide", "inbound"]).exit_code == 0
    record = tmp_path / "banco.study.json"
    old = os.umask(0o022)
    try:
        out = runner.invoke(main, [*db, "study", "show", "banco", "--json", "-o", str(record)])
    finally:
        os.umask(old)
    assert out.exit_code == 0, out.output
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert '"id": "banco"' in record.read_text()
    again = runner.invoke(main, [*db, "study", "show", "banco", "--json", "-o", str(record)])
    assert again.exit_code == 1 and "--force" in again.output
    plain = runner.invoke(main, [*db, "study", "show", "banco", "-o", str(record)])
    assert plain.exit_code == 1 and "--json" in plain.output


def test_doctor_checks_study_records_and_sets_a_damaged_one_aside(
    runner: CliRunner, store_dir: Path
) -> None:
    db = ["--db", str(store_dir)]
    assert runner.invoke(main, [*db, "study", "new", "banco", "--guide", "inbound"]).exit_code == 0
    assert runner.invoke(main, [*db, "study", "new", "otro", "--guide", "inbound"]).exit_code == 0
    record = Store.open(store_dir).studies.path_of("banco")
    record.write_text('{"study": 1, "id": "banco", "title": ')  # cut short
    listed = runner.invoke(main, [*db, "study", "list"])
    assert listed.exit_code == 1  # every command that reads the studies stops on it
    out = runner.invoke(main, [*db, "doctor"])
    assert "study record cannot be read" in out.output and "1 problem" in out.output
    out = runner.invoke(main, [*db, "doctor", "--repair"])
    assert "set aside as banco.json.corrupt" in out.output and "consent texts" in out.output
    assert (record.parent / "banco.json.corrupt").exists() and not record.exists()
    listed = runner.invoke(main, [*db, "study", "list"])
    assert listed.exit_code == 0 and "otro" in listed.output
    assert "0 problems" in runner.invoke(main, [*db, "doctor"]).output


def test_a_deletion_the_log_cannot_record_does_not_happen(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from cjtui.services.workspace import Workspace

    from .conftest import make_session

    store = Store.open(store_dir)
    s = make_session("inbound")
    store.save(s)
    store.save_study(__import__("cjtui.domain.study", fromlist=["Study"]).Study(
        id=s.study, title="Inbound", guide=s.guide
    ))  # fmt: skip
    workspace = Workspace(store)

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(store, "update_study", full)
        with pytest.raises(OSError):
            workspace.delete(s.id, force=True)
    assert store.exists(s.id)  # the log could not say it: not deleted
    # The deletion itself fails after the log said it: the entry is taken back.
    with monkeypatch.context() as m:
        m.setattr(store, "delete", full)
        with pytest.raises(OSError):
            workspace.delete(s.id, force=True)
    assert store.exists(s.id)
    assert [e for e in store.study(s.study).log if e["kind"] == "deleted"] == []
    workspace.delete(s.id, force=True)
    assert not store.exists(s.id)
    assert [e["kind"] for e in store.study(s.study).log][-1] == "deleted"


def test_init_group_does_not_make_private_parents(runner: CliRunner, tmp_path: Path) -> None:
    import grp
    import os

    group = grp.getgrgid(os.getgid()).gr_name
    root = tmp_path / "srv" / "cx" / "banco"
    out = runner.invoke(main, ["--db", str(root), "init", "--group", group])
    assert out.exit_code == 1
    assert f"{root.parent} does not exist: create it for the group first" in out.output
    assert not (tmp_path / "srv").exists()  # nothing made private to the person on the way


@pytest.fixture
def read_only_copy(runner: CliRunner, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The samples in a store, then the same folder mounted read-only (a backup snapshot):
    needs root and a kernel that allows bind mounts; skipped elsewhere with the reason."""
    import os
    import subprocess

    from .conftest import SAMPLES

    src, mnt = tmp_path / "store", tmp_path / "snapshot"
    assert runner.invoke(main, ["--db", str(src), "import", str(SAMPLES)]).exit_code == 0
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a read-only mount needs root")
    for args in (["mount", "--bind", str(src), str(mnt)],
                 ["mount", "-o", "remount,bind,ro", str(mnt)]):  # fmt: skip
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode != 0:
            subprocess.run(["umount", str(mnt)], capture_output=True)
            pytest.skip(f"cannot mount read-only here: {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        import gc

        gc.collect()  # stores opened there hold their folders open until they go
        if subprocess.run(["umount", str(mnt)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_read_only_store_can_still_be_read(runner: CliRunner, read_only_copy: Path) -> None:
    db = ["--db", str(read_only_copy)]
    for args in (
        ["list"],
        ["study", "list"],
        ["show", "1c7a"],
        ["report", "--study", "banco-hipoteca"],
        ["map", "--study", "banco-hipoteca", "--format", "json"],
        ["export", "1c7a"],
        ["doctor"],
    ):
        out = runner.invoke(main, [*db, *args])
        assert out.exit_code == 0, (args, out.output)
    assert "0 problems" in runner.invoke(main, [*db, "doctor"]).output
    # Writing says why it cannot, in one line.
    out = runner.invoke(main, [*db, "study", "new", "x", "--guide", "inbound"])
    assert out.exit_code == 1 and "Read-only file system" in out.output


def test_a_crafted_study_log_gives_one_line_not_a_traceback(
    runner: CliRunner, store_dir: Path
) -> None:
    import json

    db = ["--db", str(store_dir)]
    assert runner.invoke(main, [*db, "study", "new", "banco", "--guide", "inbound"]).exit_code == 0
    path = Store.open(store_dir).studies.path_of("banco")
    data = json.loads(path.read_text())
    data["log"] = [{"kind": "deleted", "by": "x"}]  # no time
    path.write_text(json.dumps(data))
    out = runner.invoke(main, [*db, "study", "show", "banco"])
    assert out.exit_code == 1 and out.exception is None or isinstance(out.exception, SystemExit)
    assert "an entry of the study's log is not valid" in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_doctor_upgrades_a_session_repaired_by_hand_on_an_old_schema(
    runner: CliRunner, store_dir: Path
) -> None:
    """A session damaged when its store was upgraded, then repaired by hand, is still of
    the earlier schema: doctor names it, --repair upgrades it, and then it is healthy."""
    import json

    fixture = Path(__file__).parent / "fixtures" / "samples_0_2" / "es_banco_interna.json"
    out = runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)])
    assert out.exit_code == 0, out.output
    old = json.loads(fixture.read_text("utf-8"))
    path = store_dir / "sessions" / f"{old['id']}.json"
    path.write_text(json.dumps({"session": {"1": old}}), "utf-8")  # put back by hand
    checked = runner.invoke(main, ["--db", str(store_dir), "--lang", "en", "doctor"])
    assert checked.exit_code == 1
    assert "written by an earlier cjtui (schema 2); doctor --repair upgrades it" in checked.output
    repaired = runner.invoke(main, ["--db", str(store_dir), "--lang", "en", "doctor", "--repair"])
    assert "-> upgraded to schema 3" in repaired.output, repaired.output
    healthy = runner.invoke(main, ["--db", str(store_dir), "--lang", "en", "doctor"])
    assert healthy.exit_code == 0 and "0 problems" in healthy.output, healthy.output
    session = Store.open(store_dir).load(old["id"])
    assert session.participant.alias == old["participant"]["alias"]
    assert len(session.events) == len(old["events"])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (0, "another-id"),  # a row naming another session
        (1, "hacked"),  # a status that is none
        (5, "later"),  # a moment that is none
        (6, "evil\x1b[31m"),  # an escape sequence in an alias
        (8, -1),  # a count below zero
        (9, True),  # a count that is not a number
        (10, "3"),
        (14, "../other"),  # a study id that is none
    ],
)
def test_an_index_row_wrong_in_one_field_is_found_by_the_columns_and_the_rows(
    field: int, value: object
) -> None:
    """The index's rows are checked a column at a time (the common case, all right) and,
    when anything is wrong, one row at a time: both find the one bad row."""
    from cjtui.analysis import transcript
    from cjtui.analysis.transcript import summary_values

    from .conftest import make_session

    rows = {}
    for _ in range(5):
        s = make_session("inbound", touchpoints=1)
        rows[s.id] = summary_values(s, None)
    assert transcript.summaries_ok(rows) == set() and transcript._all_right(rows)
    target = next(iter(rows))
    rows[target] = [*rows[target][:field], value, *rows[target][field + 1 :]]
    assert not transcript._all_right(rows)
    assert transcript.summaries_ok(rows) == {target}
