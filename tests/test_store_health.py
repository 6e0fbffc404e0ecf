"""The store heals itself and its index never lies: leftovers of killed processes go at the
next write, files changed behind cjtui's back are noticed at the next listing, a deleted
session leaves no trace, and durability needs no machine-wide sync."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.base import fsutil
from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import make_session

FORK = multiprocessing.get_context("fork")


def temp_files(store: Store) -> list[str]:
    found = []
    for folder in (store.root, store.sessions_dir, store.guides_dir):
        found += [f"{folder.name}/{n}" for n in os.listdir(folder) if fsutil.is_temp_name(n)]
    return found


def _import_forever(root: str, seed: int) -> None:
    rng = random.Random(seed)
    store = Store.open(Path(root))
    while True:
        store.save_many(
            (make_session(touchpoints=rng.choice([1, 3])) for _ in range(60)), replace=True
        )


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.mark.slow
def test_leftovers_of_killed_imports_go_at_the_next_write(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    Store.open(store_dir)
    rng = random.Random(7)
    kills = left_behind = 0
    for attempt in range(40):
        child = FORK.Process(target=_import_forever, args=(str(store_dir), attempt), daemon=True)
        child.start()
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        child.join(5)
        kills += 1
        left_behind = max(left_behind, len(temp_files(Store(store_dir))))
    assert kills == 40 and left_behind > 0, "no kill caught a write in the middle"
    # Leftovers of the last kill are still there until a command writes.
    runner = CliRunner()
    export = tmp_path / "one.json"
    session = make_session(alias="After the kills")
    from cjtui.exchange import to_json

    export.write_text(to_json([session], single=True))
    assert runner.invoke(main, ["--db", str(store_dir), "import", str(export)]).exit_code == 0
    assert temp_files(Store(store_dir)) == []
    out = runner.invoke(main, ["--db", str(store_dir), "doctor"])
    assert out.exit_code == 0, out.output
    assert " 0 problems found" in out.output


def test_a_live_writers_temp_file_is_left_alone(store: Store) -> None:
    store.save(make_session())
    mine = store.sessions_dir / f".cjtui-{os.getpid()}@{fsutil.this_host()}~abc.tmp"
    gone = store.sessions_dir / f".cjtui-{dead_pid()}@{fsutil.this_host()}~def.tmp"
    elsewhere = store.sessions_dir / f".cjtui-{dead_pid()}@another-host~123.tmp"
    for path in (mine, gone, elsewhere):
        path.write_text("half a session")
    fresh = Store.open(store.root)
    fresh.save(make_session())
    assert mine.exists() and elsewhere.exists()  # alive here; on another host: unknown
    assert not gone.exists()
    assert fresh.cleaned == [gone]


def test_doctor_tells_leftovers_it_cleaned_from_problems(store: Store, runner: CliRunner) -> None:
    store.save(make_session())
    leftover = store.sessions_dir / f".cjtui-{dead_pid()}@{fsutil.this_host()}~0a.tmp"
    leftover.write_text("{")
    out = runner.invoke(main, ["--db", str(store.root), "doctor"])
    assert out.exit_code == 0, out.output
    assert f"{leftover}: left by an interrupted write -> cleaned up" in out.output
    assert "0 problems found; 1 leftover cleaned up" in out.output
    assert not leftover.exists()


def _list(runner: CliRunner, store: Store) -> tuple[int, str, str]:
    out = runner.invoke(main, ["--db", str(store.root), "list", "--json"])
    return out.exit_code, out.stdout, out.stderr


def test_a_file_restored_in_place_is_noticed_by_the_next_listing(
    store: Store, runner: CliRunner, tmp_path: Path
) -> None:
    s = make_session(alias="Aaaa")
    store.save(s)
    backup = tmp_path / "backup.json"
    shutil.copy2(store.path_of(s.id), backup)
    s.participant.alias = "Bbbb"  # same length: the file keeps its size
    s.set_status("completed")
    store.save(s)
    assert '"Bbbb"' in _list(runner, store)[1]
    # Restore the backup as a person would, even keeping its old timestamps (cp -p).
    info = store.path_of(s.id).stat()
    shutil.copyfile(backup, store.path_of(s.id))
    os.utime(store.path_of(s.id), ns=(info.st_atime_ns, info.st_mtime_ns))
    code, listed, _ = _list(runner, store)
    assert code == 0 and '"Aaaa"' in listed and '"Bbbb"' not in listed
    assert '"in_progress"' in listed


def test_a_file_garbled_in_place_is_an_error_at_the_next_listing(
    store: Store, runner: CliRunner
) -> None:
    s = make_session()
    store.save(s)
    assert _list(runner, store)[0] == 0
    path = store.path_of(s.id)
    size = path.stat().st_size
    path.write_bytes(b"#" * size)  # same size
    code, _, err = _list(runner, store)
    assert code == 1 and path.name in err


def test_report_counts_a_session_completed_behind_its_back(store: Store) -> None:
    from cjtui.services.workspace import Workspace
    from cjtui.store.files import file_bytes

    a, b = make_session(alias="One"), make_session(alias="Two")
    a.set_status("completed")
    store.save(a)
    store.save(b)
    _, _, sessions = Workspace(store).analysis("inbound")
    assert [s.id for s in sessions] == [a.id]  # the index now says b is in progress
    b.set_status("completed")
    with open(store.path_of(b.id), "r+b") as f:  # rewritten in place: same inode
        f.write(file_bytes(b))
        f.truncate()
    _, _, sessions = Workspace(store).analysis("inbound")
    assert sorted(s.id for s in sessions) == sorted([a.id, b.id])


def test_deleting_a_session_leaves_no_trace_of_it(store: Store, runner: CliRunner) -> None:
    keep = make_session(alias="Keeper")
    gone = make_session(alias="Zacarías Unforgettable")
    gone.interviewer = "Interviewer Who Must Vanish"
    store.save(keep)
    store.save(gone)
    assert _list(runner, store)[0] == 0  # the index now holds both rows
    out = runner.invoke(main, ["--db", str(store.root), "delete", gone.id[:8], "--yes"])
    assert out.exit_code == 0, out.output
    for dirpath, _, files in os.walk(store.root):
        for name in files:
            data = (Path(dirpath) / name).read_bytes()
            for needle in ("Zacarías Unforgettable", "Interviewer Who Must Vanish", gone.id):
                assert needle.encode() not in data, f"{needle!r} left in {name}"
    assert '"Keeper"' in _list(runner, store)[1]


def test_the_index_keeps_repeated_words_once_and_reads_back_the_same(
    store: Store, runner: CliRunner
) -> None:
    sessions = []
    for n in range(12):
        session = make_session(alias=f"Participant {n}")
        session.interviewer = ("ana.lopez", "sam.okafor", "li.wei")[n % 3]
        store.save(session)
        sessions.append(session)
    code, listed, _ = _list(runner, store)
    assert code == 0
    before = json.loads(listed)
    assert len(before) == 12
    index = (store.root / "index.json").read_text(encoding="utf-8")
    assert index.count('"sam.okafor"') == 1  # a word, not a copy in every row
    assert index.count('"Participant 5"') == 1
    out = runner.invoke(main, ["--db", str(store.root), "delete", sessions[4].id[:8], "--yes"])
    assert out.exit_code == 0, out.output
    (store.root / "sessions").touch()  # a listing must not need the folder's time to be right
    code, listed, _ = _list(runner, store)
    assert code == 0
    assert json.loads(listed) == [row for row in before if row["alias"] != "Participant 4"]


def test_imports_are_durable_without_syncing_the_whole_machine(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []

    def no_sync() -> None:
        raise AssertionError("os.sync() flushes every filesystem on the machine")

    real_fsync = os.fsync

    def count(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "sync", no_sync)
    monkeypatch.setattr(os, "fsync", count)
    written, _ = store.save_many([make_session() for _ in range(5)])
    assert len(written) == 5
    assert len(synced) >= 6  # each file written, and the folder


def test_reading_commands_never_touch_a_folder_that_is_not_a_store(
    tmp_path: Path, runner: CliRunner
) -> None:
    from .conftest import tree_digest

    home = tmp_path / "someones-home"
    home.mkdir(mode=0o755)
    (home / "notes.txt").write_text("mine")
    os.chmod(home, 0o755)
    before = tree_digest(home)
    for args in (["list"], ["export"], ["report"], ["plot"], ["show", "abc"]):
        out = runner.invoke(main, ["--db", str(home), *args])
        assert out.exit_code == 1, (args, out.output)
        assert "not a cjtui store" in out.output
    assert tree_digest(home) == before
    assert sorted(os.listdir(home)) == ["notes.txt"]
    assert (home.stat().st_mode & 0o777) == 0o755


def test_reading_a_store_that_does_not_exist_creates_nothing(
    tmp_path: Path, runner: CliRunner
) -> None:
    missing = tmp_path / "no-store-here"
    out = runner.invoke(main, ["--db", str(missing), "list"])
    assert out.exit_code == 0 and "No interviews" in out.output
    assert not missing.exists()
