"""The store: atomic private writes, the inter-process lock, corrupt files left alone."""

from __future__ import annotations

import errno
import multiprocessing
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cjtui.base import fsutil
from cjtui.domain.model import Session
from cjtui.store import (
    CorruptSessionError,
    SessionNotFoundError,
    Store,
    StoreError,
    default_store_path,
)

from .conftest import make_session, tree_digest


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_save_and_load_round_trip(store: Store) -> None:
    s = make_session("full")
    store.save(s)
    assert store.load(s.id).to_dict() == s.to_dict()
    assert store.ids() == [s.id]


def test_files_are_0600_and_folders_0700_under_umask_022(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        store = Store.open(tmp_path / "a" / "b" / "store")
        s = make_session()
        store.save(s)
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", store.root, store.sessions_dir):
        assert mode(folder) == 0o700, folder
    assert mode(store.path_of(s.id)) == 0o600
    assert mode(store.root / ".lock") == 0o600


def test_existing_loose_store_folder_is_tightened_with_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "store"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    store = Store.open(root)
    assert mode(root) == 0o700
    assert any("tightened" in w for w in store.warnings)


def test_default_location_is_under_user_data_dir_or_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert default_store_path() == tmp_path / "home" / ".local" / "share" / "cjtui" / "store"
    monkeypatch.setenv("CJTUI_DB", str(tmp_path / "elsewhere"))
    assert default_store_path() == tmp_path / "elsewhere"


def test_corrupt_session_file_is_reported_by_name_and_never_overwritten(store: Store) -> None:
    s = make_session()
    store.save(s)
    path = store.path_of(s.id)
    for garbage in (b'{"session": {"1": {"id": ', b"\x00\x00\x00", b"not json", b"[1, 2]"):
        path.write_bytes(garbage)
        with pytest.raises(CorruptSessionError) as info:
            store.load(s.id)
        assert str(path) in str(info.value)
        with pytest.raises(CorruptSessionError):
            store.save(s)
        assert path.read_bytes() == garbage, "a corrupt file must be left as it was"


def test_session_file_of_the_wrong_shape_is_corrupt(store: Store) -> None:
    s = make_session()
    store.save(s)
    store.path_of(s.id).write_text('{"session": {"1": {"id": "x"}}}')
    with pytest.raises(CorruptSessionError, match="not a session"):
        store.load(s.id)


def test_saving_one_session_never_reads_the_others(store: Store) -> None:
    """The save cost must not grow with the store: prove no other file is read or written."""
    others = [make_session(touchpoints=0) for _ in range(30)]
    store.save_many(others)
    for other in others:
        store.path_of(other.id).write_bytes(b"garbage that would fail any read")
    before = tree_digest(store.sessions_dir)
    s = make_session()
    store.save(s)
    s.set_answer("awareness", "expected", "again")
    store.save(s)
    after = tree_digest(store.sessions_dir)
    changed = {k for k in after if before.get(k) != after[k]}
    assert changed == {f"{s.id}.json"}


def test_resolve_by_unique_prefix(store: Store) -> None:
    a, b = make_session(), make_session()
    a.id = "abcdef01-0000-4000-8000-000000000001"
    b.id = "abcdef01-0000-4000-8000-000000000002"
    store.save_many([a, b])
    assert store.resolve(a.id) == a.id
    c = make_session()
    store.save(c)
    assert store.resolve(c.id[:8]) == c.id or c.id[:8] == "abcdef01"
    assert store.resolve(a.id.upper()) == a.id
    with pytest.raises(SessionNotFoundError, match="no session"):
        store.resolve("ffffffff-ffff")
    with pytest.raises(SessionNotFoundError, match="matches 2 sessions"):
        store.resolve("abcdef01")


def test_save_many_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = make_session()
    store.save(kept)
    before = tree_digest(store.root)
    batch = [make_session() for _ in range(3)]
    calls = {"n": 0}
    real = fsutil.os.replace

    def fail_third(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.EDQUOT, "Disk quota exceeded")
        real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", fail_third)
    with pytest.raises(OSError):
        store.save_many(batch)
    monkeypatch.undo()
    assert tree_digest(store.root) == before


@pytest.mark.parametrize("fails", ["a write on a worker thread", "the sessions given"])
def test_a_long_batch_failing_midway_leaves_nothing_behind(
    store: Store, monkeypatch: pytest.MonkeyPatch, fails: str
) -> None:
    """Files are written ahead of the checks, on worker threads: a failure with many of
    them in flight still removes every one."""
    store.save(make_session())
    before = tree_digest(store.root)
    real = store.files.write_temp
    calls = {"n": 0}

    def flaky(data: bytes) -> Path:
        calls["n"] += 1
        if calls["n"] == 50:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(data)

    def sessions() -> Iterator[Session]:
        for n in range(120):
            if fails == "the sessions given" and n == 90:
                raise StoreError("line 91: not JSON")
            yield make_session()

    if fails == "a write on a worker thread":
        monkeypatch.setattr(store.files, "write_temp", flaky)
    with pytest.raises((OSError, StoreError)):
        store.save_many(sessions())
    assert tree_digest(store.root) == before
    if fails == "a write on a worker thread":
        assert calls["n"] >= 50  # the failure did happen on a worker, with others in flight


def test_store_path_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(StoreError, match="not a store folder"):
        Store.open(target)


def _save_sessions(root: str, count: int, seed: int) -> None:
    store = Store.open(Path(root))
    for _ in range(count):
        s = make_session(touchpoints=1)
        store.save(s)
        s.set_answer("awareness", "expected", f"from {seed}")
        store.save(s)


def _import_sessions(root: str, count: int) -> None:
    Store.open(Path(root)).save_many([make_session(touchpoints=1) for _ in range(count)])


@pytest.mark.slow
def test_two_processes_on_one_store_lose_nothing(store_dir: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [
        ctx.Process(target=_save_sessions, args=(str(store_dir), 25, 1)),
        ctx.Process(target=_save_sessions, args=(str(store_dir), 25, 2)),
        ctx.Process(target=_import_sessions, args=(str(store_dir), 25)),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = Store.open(store_dir)
    sessions = list(store.all())
    assert len(sessions) == 75
    assert sum(1 for s in sessions if s.stage("awareness").answers.get("expected")) == 50


def _try_save(root: str, done: multiprocessing.Event) -> None:  # type: ignore[valid-type]
    Store.open(Path(root)).save(make_session())
    done.set()


def test_lock_excludes_other_writers(store: Store) -> None:
    ctx = multiprocessing.get_context("fork")
    done = ctx.Event()
    with store.lock():
        proc = ctx.Process(target=_try_save, args=(str(store.root), done))
        proc.start()
        assert not done.wait(0.5), "a writer got in while the lock was held"
    assert done.wait(10), "the writer never got the lock after release"
    proc.join(10)
    assert len(store.ids()) == 1


def test_exported_lines_are_the_sessions_as_export_writes_them(store: Store) -> None:
    from cjtui.base import jsonio

    sessions = [make_session("full"), make_session("inbound"), make_session()]
    store.save_many(sessions)
    # One file formatted differently (valid, but not as cjtui writes it): parsed, not passed.
    odd = store.path_of(sessions[1].id)
    odd.write_text(jsonio.dumps(jsonio.loads(odd.read_bytes())), "utf-8")
    expected = [jsonio.dumps(store.load(i).to_dict(), indent=None) for i in store.ids()]
    assert list(store.exported()) == expected


def test_exported_never_passes_raw_control_bytes(store: Store) -> None:
    s = make_session()
    store.save(s)
    path = store.path_of(s.id)
    path.write_bytes(path.read_bytes().replace(b'"segment": "test"', b'"segment": "t\x1bst"'))
    with pytest.raises(CorruptSessionError):
        list(store.exported())


def test_reading_without_events_gives_the_same_session_less_its_trail(store: Store) -> None:
    s = make_session("full")
    s.set_answer("awareness", "trigger", 'a tricky "events": [ value, "events": [')
    store.save(s)
    lean = store.load(s.id, events=False)
    assert lean.partial and lean.events == []
    full = store.load(s.id).to_dict()
    assert lean.to_dict() == dict(full, events=[])
    with pytest.raises(StoreError, match="audit trail"):
        store.save(lean)


def test_summary_index_follows_saves_deletes_and_imports(store: Store) -> None:
    from cjtui.services.workspace import Workspace

    workspace = Workspace(store)
    a, b = make_session(alias="A"), make_session(alias="B")
    store.save_many([a, b])
    rows, _ = workspace.summaries()
    assert sorted(r.alias for r in rows) == ["A", "B"]
    assert (store.root / "index.json").exists()
    a.set_participant("alias", "A2")
    store.save(a)
    store.delete(b.id)
    c = make_session(alias="C")
    store.save(c)
    rows, _ = workspace.summaries()
    assert sorted(r["alias"] for r in rows) == ["A2", "C"]
    (store.root / "index.json").write_text("{broken")  # only a cache: rebuilt
    rows, _ = workspace.summaries()
    assert sorted(r.alias for r in rows) == ["A2", "C"]
