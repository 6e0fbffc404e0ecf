"""Faults a field tool meets: each is injected, and nothing may be lost, corrupted or leaked.

Numbers in the closing notes come from these tests: kills tried, corrupt outcomes, sessions lost.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import re
import signal
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.base import fsutil
from cjtui.exchange import session_files, to_json
from cjtui.interface.cli.main import main
from cjtui.services.interview import Interview
from cjtui.store import CorruptSessionError, SessionBusyError, Store

from .conftest import SAMPLES, make_session, tree_digest

FORK = multiprocessing.get_context("fork")


# ---- 1. kill -9 during saves ---------------------------------------------------------------


def _saver(root: str, session_id: str, acks: int, seed: int) -> None:
    """Save forever: answer `trigger` counts up; `expected` grows and shrinks at random."""
    rng = random.Random(seed)
    store = Store.open(Path(root))
    session = store.load(session_id)
    n = int(session.stage("awareness").answers["trigger"])
    while True:
        n += 1
        session.set_answer("awareness", "trigger", str(n))
        session.set_answer("awareness", "expected", "x" * rng.choice([1, 50, 5_000, 40_000]))
        if len(session.events) > 200:
            del session.events[1:100]  # keep the file from growing for ever: it also shrinks
        store.save(session)
        os.write(acks, f"{n}\n".encode())


@pytest.mark.slow
def test_kill_9_during_saves_never_corrupts_and_loses_at_most_the_answer_in_flight(
    store_dir: Path,
) -> None:
    store = Store.open(store_dir)
    session = make_session(touchpoints=1)
    session.set_answer("awareness", "trigger", "0")
    store.save(session)
    rng = random.Random(20261127)
    kills = corrupt = lost = 0
    previous = 0  # the counter found after the last kill
    for attempt in range(220):
        read_end, write_end = os.pipe()
        os.set_blocking(read_end, False)
        child = FORK.Process(
            target=_saver, args=(str(store_dir), session.id, write_end, attempt), daemon=True
        )
        child.start()
        os.close(write_end)
        time.sleep(rng.uniform(0.005, 0.06))
        os.kill(child.pid, signal.SIGKILL)
        child.join(5)
        kills += 1
        acked = previous
        try:
            words = os.read(read_end, 1 << 20).decode().split()
            acked = int(words[-1]) if words else previous
        except BlockingIOError:
            pass
        os.close(read_end)
        try:
            found = Store.open(store_dir).load(session.id)
        except CorruptSessionError:
            corrupt += 1
            continue
        saved = int(found.stage("awareness").answers["trigger"])
        # Every acknowledged save is there; at most the one in flight landed as well.
        if saved not in (acked, acked + 1):
            lost += 1
        previous = saved
    assert kills >= 200
    assert (corrupt, lost) == (0, 0)
    leftovers = [n for n in os.listdir(store.sessions_dir) if fsutil.is_temp_name(n)]
    # A kill between creating and renaming a temp file leaves it behind; doctor clears them.
    problems = store.doctor(repair=True)
    assert all(p.repaired == "removed" for p in problems)
    assert len(problems) == len(leftovers)


# ---- 3. disk full, quota, file too large ------------------------------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT, errno.EFBIG])
@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_disk_errors_leave_the_file_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch, code: int, failing: str
) -> None:
    s = make_session()
    store.save(s)
    before = store.path_of(s.id).read_bytes()
    s.set_answer("awareness", "expected", "an answer that cannot be written")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fsutil.os, failing, fail)
    with pytest.raises(OSError) as info:
        store.save(s)
    monkeypatch.undo()
    assert info.value.errno == code
    assert store.path_of(s.id).read_bytes() == before
    assert not [n for n in os.listdir(store.sessions_dir) if fsutil.is_temp_name(n)]


async def test_full_disk_in_the_app_shows_the_error_and_keeps_the_answer(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from .tui_helpers import answer, app_for

    store = Store.open(store_dir)
    s = make_session("inbound", touchpoints=0, perspective="internal")
    store.save(s)
    before = store.path_of(s.id).read_bytes()
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        real_write = fsutil.os.write

        def full(fd: int, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(fsutil.os, "write", full)
        assert app.screen.stage_id == "decision"
        await answer(pilot, "moment_of_truth", "kept in the app")
        await pilot.press("ctrl+s")
        await pilot.pause()
        bar = str(app.screen.query_one("#stage-bar").render())
        assert "NOT SAVED! No space left on device" in bar
        assert store.path_of(s.id).read_bytes() == before
        assert not [n for n in os.listdir(store.sessions_dir) if fsutil.is_temp_name(n)]
        monkeypatch.setattr(fsutil.os, "write", real_write)
        await pilot.press("ctrl+s")  # the retry
        await pilot.pause()
        assert "saved" in str(app.screen.query_one("#stage-bar").render())
    assert store.load(s.id).stage("decision").answers["moment_of_truth"] == "kept in the app"


# ---- 4. two interviewers, one store ---------------------------------------------------------


def _interviewer(root: str, count: int) -> None:
    store = Store.open(Path(root))
    for _ in range(count):
        s = make_session(touchpoints=1)
        store.save(s)
        s.set_answer("awareness", "expected", "second save")
        store.save(s)


def _importer(root: str, count: int) -> None:
    Store.open(Path(root)).save_many(make_session(touchpoints=1) for _ in range(count))


@pytest.mark.slow
def test_two_interviewers_twenty_runs_lose_nothing(tmp_path: Path) -> None:
    lost = corrupt = 0
    for run in range(20):
        root = tmp_path / f"run{run}"
        Store.open(root)
        procs = [
            FORK.Process(target=_interviewer, args=(str(root), 50)),
            FORK.Process(target=_importer, args=(str(root), 50)),
        ]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
            assert p.exitcode == 0
        sessions, problems = Store.open(root).scan()
        corrupt += len(problems)
        lost += 100 - len(sessions)
    assert (lost, corrupt) == (0, 0)


def test_a_session_open_elsewhere_says_who_holds_it(store: Store, runner: CliRunner) -> None:
    s = make_session()
    store.save(s)
    first = Interview.resume(store, s.id)
    try:
        with pytest.raises(SessionBusyError, match=r"open for editing by .+@.+ \(pid \d+\)"):
            Interview.resume(store, s.id)
        assert store.holder(s.id) is not None
        result = runner.invoke(main, ["--db", str(store.root), "interview", "--resume", s.id[:8]])
        assert result.exit_code == 1 and "is open for editing by" in result.output
        assert (
            "is open for editing"
            in runner.invoke(main, ["--db", str(store.root), "delete", s.id, "--yes"]).output
        )
        export = store.root.parent / "again.json"
        export.write_text(to_json([s], single=True), encoding="utf-8")
        replaced = runner.invoke(
            main, ["--db", str(store.root), "import", "--replace", str(export)]
        )
        # Named and left for the next import, the rest imported; the exit status says so.
        assert replaced.exit_code == 1 and "open for editing by" in replaced.output
        assert "not imported (the next import takes it)" in replaced.output
    finally:
        first.close()
    assert store.holder(s.id) is None
    Interview.resume(store, s.id).close()


def _hold(root: str, session_id: str, ready: object, done: object) -> None:
    interview = Interview.resume(Store.open(Path(root)), session_id)
    ready.set()  # type: ignore[attr-defined]
    done.wait(10)  # type: ignore[attr-defined]
    interview.close()


def test_lease_held_by_another_process_and_freed_when_it_dies(store: Store) -> None:
    s = make_session()
    store.save(s)
    ready, done = FORK.Event(), FORK.Event()
    proc = FORK.Process(target=_hold, args=(str(store.root), s.id, ready, done))
    proc.start()
    assert ready.wait(10)
    with pytest.raises(SessionBusyError, match=f"pid {proc.pid}"):
        Interview.resume(store, s.id)
    os.kill(proc.pid, signal.SIGKILL)  # no clean-up at all
    proc.join(5)
    Interview.resume(store, s.id).close()  # the kernel released the lease


# ---- 5. corrupt store -------------------------------------------------------------------------

GARBAGE = {
    "truncated": lambda good: good[: len(good) // 2],
    "trailing": lambda good: good + b'garbage"}',
    "nul": lambda good: good[:100] + b"\x00" * 50 + good[150:],
    "not_json": lambda good: b"<html>not a session</html>",
    "wrong_shape": lambda good: b'{"session": {"1": {"id": "nope", "stages": 3}}}',
}


@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_corrupt_file_is_named_kept_and_repaired_aside(
    runner: CliRunner, store_dir: Path, kind: str
) -> None:
    assert runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    store = Store.open(store_dir)
    victim = store.ids()[0]
    path = store.path_of(victim)
    bad = GARBAGE[kind](path.read_bytes())
    path.write_bytes(bad)

    listed = runner.invoke(main, ["--db", str(store_dir), "list"])
    assert listed.exit_code == 1
    assert f"{path}: corrupt session file" in listed.output
    assert (
        len(
            [
                line
                for line in listed.output.splitlines()
                if "completed" in line or "in progress" in line
            ]
        )
        == len(session_files(SAMPLES.glob("*.json"))) - 1
    )
    shown = runner.invoke(main, ["--db", str(store_dir), "show", victim[:8]])
    assert shown.exit_code == 1 and str(path) in shown.output
    s = make_session()
    s.id = victim
    with pytest.raises(CorruptSessionError):
        store.save(s)
    assert path.read_bytes() == bad, "never overwritten"

    doctor = runner.invoke(main, ["--db", str(store_dir), "doctor"])
    assert doctor.exit_code == 1 and str(path) in doctor.output and "--repair" in doctor.output
    assert path.read_bytes() == bad
    repaired = runner.invoke(main, ["--db", str(store_dir), "doctor", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "moved aside" in repaired.output
    aside = path.with_name(path.name + ".corrupt")
    assert aside.read_bytes() == bad
    after = runner.invoke(main, ["--db", str(store_dir), "list"])
    assert after.exit_code == 0 and len(after.output.splitlines()) == len(
        session_files(SAMPLES.glob("*.json"))
    )


def test_doctor_fixes_loose_modes_and_leftover_temp_files(store: Store, runner: CliRunner) -> None:
    s = make_session()
    store.save(s)
    os.chmod(store.path_of(s.id), 0o644)
    old = store.sessions_dir / ".cjtui-abc.tmp"  # a name that does not say its process
    old.write_text("half")
    long_ago = time.time() - 20 * 60
    os.utime(old, (long_ago, long_ago))
    fresh = store.sessions_dir / ".cjtui-def.tmp"  # as old: perhaps still being written
    fresh.write_text("half")
    notes = store.sessions_dir / ".cjtui-notes.txt"  # not a name cjtui writes
    notes.write_text("mine")
    out = runner.invoke(main, ["--db", str(store.root), "doctor", "--repair"])
    assert out.exit_code == 1  # the stray file is named, and left
    assert stat.S_IMODE(store.path_of(s.id).stat().st_mode) == 0o600
    assert not old.exists() and fresh.exists() and notes.read_text() == "mine"
    assert f"{notes}: not a session file (left alone)" in out.output


# ---- 8. privacy on a shared server ------------------------------------------------------------


def test_everything_created_is_private_under_umask_022(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "fresh" / "store"
    old = os.umask(0o022)
    try:
        assert runner.invoke(main, ["--db", str(root), "import", str(SAMPLES)]).exit_code == 0
        outputs = [
            (["export", "-o"], tmp_path / "out.json"),
            (["export", "--format", "csv", "-o"], tmp_path / "out.csv"),
            (["report", "--study", "online-retail", "--format", "html", "-o"], tmp_path / "r.html"),
        ]
        for args, target in outputs:
            result = runner.invoke(main, ["--db", str(root), *args, str(target)])
            assert result.exit_code == 0, result.output
    finally:
        os.umask(old)
    for dirpath, _dirnames, filenames in os.walk(tmp_path / "fresh"):
        assert stat.S_IMODE(os.stat(dirpath).st_mode) == 0o700, dirpath
        for name in filenames:
            assert stat.S_IMODE(os.stat(Path(dirpath) / name).st_mode) == 0o600, name
    for _, target in outputs:
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a folder's owner needs root")
def test_a_store_owned_by_someone_else_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "theirs"
    root.mkdir(mode=0o700)
    os.chown(root, 65534, 65534)
    result = runner.invoke(main, ["--db", str(root), "list"])
    assert result.exit_code == 1
    assert "belongs to another user" in result.output and result.output.count("\n") == 1


def test_loose_store_folder_is_fixed_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "loose"
    (root / "sessions").mkdir(parents=True)
    os.chmod(root, 0o755)
    result = runner.invoke(main, ["--db", str(root), "list"])
    assert result.exit_code == 0
    assert "tightened permissions from 755 to 700" in result.output
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_import_staging_files_are_private_and_cleaned(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(stat.S_IMODE(os.stat(src).st_mode))
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    store.save_many([make_session() for _ in range(3)])
    monkeypatch.undo()
    assert seen == [0o600] * 3
    assert tree_digest(store.sessions_dir).keys() == {f"{i}.json" for i in store.ids()} | {
        n for n in os.listdir(store.sessions_dir) if n.endswith(".lock")
    }


# ---- 2. the terminal goes away: SSH drop (pty master closed) and SIGTERM -------------------


def _resumable_session(store_dir: Path) -> str:
    store = Store.open(store_dir)
    s = make_session("inbound", perspective="internal", touchpoints=1)
    s.set_answer("decision", "moment_of_truth", "-start")  # the field resume returns to
    store.save(s)
    return s.id


@pytest.mark.slow
@pytest.mark.parametrize("how", ["hangup", "sigterm"])
def test_terminal_gone_saves_and_exits_within_two_seconds(store_dir: Path, how: str) -> None:
    from .pty_helpers import PtyApp

    session_id = _resumable_session(store_dir)
    app = PtyApp(["--db", str(store_dir), "--lang", "en", "interview", "--resume", session_id])
    try:
        app.wait_for("Stage 3/3")
        time.sleep(0.4)
        app.type("unsaved words")
        app.wait_for("unsaved words")  # on screen, not yet committed by the autosave
        started = time.monotonic()
        if how == "hangup":
            app.hang_up()
        else:
            app.proc.terminate()
        app.proc.wait(timeout=2)
        elapsed = time.monotonic() - started
    finally:
        app.close()
    assert elapsed < 2.0
    store = Store.open(store_dir)
    answer = store.load(session_id).stage("decision").answers["moment_of_truth"]
    assert answer == "-startunsaved words"  # the cursor waits at the end of the answer
    Interview.resume(store, session_id).close()  # resumable: the lease went with the process


# ---- 6. hostile answer text: nothing of the payload reaches the terminal ----------------------

PAYLOADS = {
    "osc0": "\x1b]0;PWNED-TITLE\x07",
    "osc8": "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",
    "osc52": "\x1b]52;c;UFdORUQ=\x07",
    "csi2j": "A\x1b[2JB",
    "csi6n": "C\x1b[6nD",
    "esc": "E\x1bF",
    "bel": "G\x07H",
    "c1": "I\x9b31mJ",
}
MARKUP = "[bold red]R[/] [@click=app.quit]Q[/] [/ [link=http://evil.example]L[/link]"


def _hostile_session(store: Store) -> str:
    """A stored session whose text still holds control characters, as old or imported data
    might: written past the model's cleaning on purpose."""
    s = make_session("inbound", perspective="internal", touchpoints=1)
    payload = MARKUP + " " + " ".join(PAYLOADS.values())
    s.participant.alias = "Z" + payload
    s.stages[2].answers["tipped"] = payload
    tp = s.stages[2].touchpoints[0]
    tp.name, tp.opportunity, tp.note, tp.emotion, tp.pain = payload, payload, payload, -2, True
    store.save(s)
    return s.id


@pytest.mark.slow
def test_hostile_text_bytes_never_reach_the_terminal(store_dir: Path) -> None:
    from .pty_helpers import PtyApp

    _hostile_session(Store.open(store_dir))
    app = PtyApp(["--db", str(store_dir), "--lang", "en"])
    try:
        app.wait_for("Participant")
        app.wait_for("Z[bold red]")
        app.type("\r")  # open it: the stage screen with the touchpoint table
        app.wait_for("Stage 3/3")
        app.type("\x0e")  # Ctrl+N: the summary, curve labels and the pain list
        app.wait_for("Emotion curve")
        time.sleep(0.5)
        raw = bytes(app.output)
        assert app.proc.poll() is None, "the app is still running"
    finally:
        app.close()
    for name, payload in PAYLOADS.items():
        assert payload.encode() not in raw, name
    for marker in (b"\x1b]0;PWNED", b"\x1b]8;;http://evil", b"\x1b]52;", b"\xc2\x9b"):
        assert marker not in raw, marker
    # Textual's own OSC 22 (pointer shape) ends in BEL; no other BEL may appear.
    assert b"\x07" not in re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", raw)
    # The markup was shown as text (pilot tests check it character for character).
    assert b"[bold red]R" in raw


def test_hostile_text_in_every_command_output(runner: CliRunner, store_dir: Path) -> None:
    store = Store.open(store_dir)
    session_id = _hostile_session(store)
    store.load(session_id).set_status("completed")
    s = store.load(session_id)
    s.set_status("completed")
    store.save(s)
    outputs = {
        "show": ["show", session_id[:8]],
        "list": ["list"],
        "plot": ["plot", session_id[:8], "--width", "120"],
        "report": ["report"],
        "markdown": ["report", "--format", "markdown"],
        "html": ["report", "--format", "html"],
        "csv": ["export", "--format", "csv"],
        "json": ["export"],
    }
    for name, args in outputs.items():
        result = runner.invoke(main, ["--db", str(store_dir), "--lang", "en", *args])
        assert result.exit_code == 0, (name, result.output)
        out = result.output
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, name
    html = runner.invoke(main, ["--db", str(store_dir), "report", "--format", "html"]).output
    assert "[@click=app.quit]" in html and "<link" not in html


# ---- 7. hostile import files --------------------------------------------------------------------


def test_infinity_and_nan_are_refused(runner: CliRunner, store_dir: Path, tmp_path: Path) -> None:
    text = (SAMPLES / "es_telco_cliente_despues.json").read_text("utf-8")
    for constant in ("Infinity", "-Infinity", "NaN"):
        bad = tmp_path / "bad.json"
        bad.write_text(text.replace('"emotion": -2', f'"emotion": {constant}', 1), "utf-8")
        result = runner.invoke(main, ["--db", str(store_dir), "import", str(bad)])
        assert result.exit_code == 1 and "is not allowed" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["json", "jsonl"])
def test_a_200_mb_import_is_refused_within_a_fixed_memory_bound(
    store_dir: Path, tmp_path: Path, kind: str
) -> None:
    import subprocess
    import sys

    big = tmp_path / f"big.{kind}"
    with open(big, "wb") as handle:
        handle.write((SAMPLES / "en_clothing_internal.json").read_bytes().replace(b"\n", b" "))
        handle.write(b"\n")
        chunk = b" " * (1 << 20)
        for _ in range(200):
            handle.write(chunk)  # one 200 MB line of blanks
    Store.open(store_dir)
    before = tree_digest(store_dir)
    code = (
        "import sys\n"
        "from cjtui.interface.cli.main import main\n"
        "try:\n"
        f"    main(['--db', {str(store_dir)!r}, 'import', {str(big)!r}])\n"
        "except SystemExit as e:\n"
        "    print('exit', e.code, file=sys.stderr)\n"
        # The peak of this process's own memory (VmHWM): ru_maxrss would carry over the
        # parent's peak at the fork, however big the test runner has grown.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "print('peak', int(hwm.split()[1]), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "exit 1" in out.stderr
    assert ("too large for one JSON document" in out.stderr) or (
        "line 2 is longer than" in out.stderr
    ), out.stderr
    peak_kb = int(out.stderr.split("peak")[-1])
    assert peak_kb < 150 * 1024, f"peak memory {peak_kb} KB"
    assert tree_digest(store_dir) == before


def test_a_file_changed_during_import_rolls_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjtui import exchange

    data = tmp_path / "two.jsonl"
    sessions = [make_session() for _ in range(2)]
    data.write_text("".join(to_json([s], single=True).replace("\n", "") + "\n" for s in sessions))
    plan = exchange.check_import([data], store.guide_for)
    with open(data, "a") as handle:  # someone appends after the check
        handle.write(to_json([make_session()], single=True).replace("\n", "") + "\n")
    before = tree_digest(store.root)
    with pytest.raises(exchange.ImportFileError, match="changed while it was being imported"):
        store.save_many(plan.sessions())
    assert tree_digest(store.root) == before


# ---- 10. round trip of arbitrary text, and a killed export ---------------------------------------


def _exporter(path: str, contents: list[bytes], seed: int) -> None:
    rng = random.Random(seed)
    while True:
        fsutil.atomic_write(Path(path), rng.choice(contents))


@pytest.mark.slow
def test_a_killed_export_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    small = to_json([make_session()], single=True).encode()
    large = to_json([make_session("full") for _ in range(40)]).encode()
    target.write_bytes(small)
    rng = random.Random(7)
    partial = 0
    for attempt in range(60):
        proc = FORK.Process(target=_exporter, args=(str(target), [small, large], attempt))
        proc.start()
        time.sleep(rng.uniform(0.002, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(5)
        if target.read_bytes() not in (small, large):
            partial += 1
    assert partial == 0


def test_a_workbook_that_cannot_be_written_says_one_line(tmp_path: Path) -> None:
    """openpyxl writes its own temporary files: when they cannot grow (a full disk, a size
    limit), the command says so in one line, with the file asked for, and no traceback."""
    import resource
    import subprocess
    import sys

    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    db = tmp_path / "store"
    assert CliRunner().invoke(main, ["--db", str(db), "import", str(SAMPLES)]).exit_code == 0
    target = tmp_path / "mapa.xlsx"

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    out = subprocess.run(
        [sys.executable, "-m", "cjtui", "--db", str(db), "--lang", "es", "map", "--study",
         "banco-hipoteca", "--format", "xlsx", "-o", str(target)],
        capture_output=True, text=True, timeout=120, preexec_fn=small_files,
    )  # fmt: skip
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [f"Error: {target}: Archivo demasiado grande"]
    assert not target.exists()
