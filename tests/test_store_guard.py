"""The store held to what it was when opened, and every file it reads checked before it is
read: a folder swapped for a link, a FIFO, a device, a folder or gigabytes planted under a
store file's name, a crafted index row; and an app that cannot reach its store (its lock
held elsewhere, its folder replaced) keeps the last change in a recovery file that the next
start takes back. (The same, tried by a real second user, is in test_hostile_member.py.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.domain.guide import builtin_guide
from cjtui.domain.model import Session
from cjtui.interface.cli.main import main
from cjtui.services import recovery
from cjtui.store import Store, StoreChangedError, StoreError

from .conftest import SAMPLES
from .tui_helpers import app_for, type_into

BANK = "banco-hipoteca"


def _session(store: Store, alias: str = "A") -> Session:
    guide = builtin_guide("inbound")
    s = Session.new(
        guide.ref, guide.stage_ids, study="inbound", language="es", perspective="customer",
        moment="after", interviewer="x", alias=alias, segment="x",
    )  # fmt: skip
    s.give_consent(guide.consent_sha256("es"))
    store.save(s)
    return s


def _two_stores(tmp_path: Path) -> tuple[Store, Store, Session]:
    mine = Store.open(tmp_path / "mine")
    _session(mine, "Mine")
    private = Store.open(tmp_path / "private")
    secret = _session(private, "Secreto")
    return mine, private, secret


def _swap_for_link(folder: Path, target: Path) -> None:
    os.rename(folder, folder.with_name(folder.name + ".moved"))
    os.symlink(target, folder)


def test_a_folder_swapped_for_a_link_stops_every_read_and_write(tmp_path: Path) -> None:
    mine, private, secret = _two_stores(tmp_path)
    before = sorted(os.listdir(private.sessions_dir))
    _swap_for_link(mine.sessions_dir, private.sessions_dir)
    for act in (
        mine.ids,
        lambda: mine.load(secret.id),
        lambda: list(mine.exported()),
        lambda: mine.summaries(lambda s: [s.participant.alias], "x"),
        lambda: _session(mine, "Escrito"),
    ):
        with pytest.raises(StoreChangedError, match="symbolic link since the store was opened"):
            act()
    assert sorted(os.listdir(private.sessions_dir)) == before  # nothing written there
    # Once broken, the store stays broken even if the folder is put back.
    os.unlink(mine.sessions_dir)
    os.rename(mine.sessions_dir.with_name("sessions.moved"), mine.sessions_dir)
    with pytest.raises(StoreChangedError):
        mine.ids()
    assert len(Store.open(tmp_path / "mine").ids()) == 1  # a fresh open is fine again


@pytest.mark.parametrize("folder", ["sessions", "studies", "guides"])
def test_a_folder_replaced_by_another_folder_is_noticed(tmp_path: Path, folder: str) -> None:
    store = Store.open(tmp_path / "store")
    _session(store)
    path = store.root / folder
    os.rename(path, path.with_name(folder + ".old"))
    path.mkdir(mode=0o700)
    with pytest.raises(StoreChangedError, match="replaced by another folder"):
        with store.lock():
            pass


def test_a_store_whose_folder_is_a_link_is_not_opened(tmp_path: Path) -> None:
    mine, private, _ = _two_stores(tmp_path)
    _swap_for_link(mine.studies_dir, private.studies_dir)
    out = CliRunner().invoke(main, ["--db", str(mine.root), "--lang", "en", "list"])
    assert out.exit_code == 1
    assert f"{mine.studies_dir}: is a symbolic link; not following it" in out.output
    assert len(out.output.strip().splitlines()) == 1


async def test_the_app_stops_at_once_when_its_folder_is_swapped(tmp_path: Path) -> None:
    mine, private, _ = _two_stores(tmp_path)
    s = _session(mine, "Entrevista")
    before = sorted(os.listdir(private.sessions_dir))
    app = app_for(mine, "es", resume=s.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(app, pilot, "awareness", "expected", "lo que dijo")
        _swap_for_link(mine.sessions_dir, private.sessions_dir)
        for _ in range(50):
            await pilot.pause(0.05)
            if app.left_unsaved:
                break
    assert app.return_code == 1
    assert app.exit_line is not None
    assert "enlace simbólico, desde que se abrió el almacén" in app.exit_line
    assert "Lo escrito desde el último guardado está en" in app.exit_line
    # Nothing of the interview went to the private store, and what was typed is kept.
    assert sorted(os.listdir(private.sessions_dir)) == before
    kept = json.loads((recovery.recovery_dir() / f"{s.id}.json").read_text())
    assert Session.from_dict(kept["session"]).stage("awareness").answers["expected"] == (
        "lo que dijo"
    )
    assert (recovery.recovery_dir() / f"{s.id}.json").stat().st_mode & 0o777 == 0o600


# ---- files planted where the store keeps one --------------------------------------------


def _plant(path: Path, kind: str) -> None:
    if path.exists() or path.is_symlink():
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    if kind == "fifo":
        os.mkfifo(path, 0o600)
    elif kind == "zero":
        os.symlink("/dev/zero", path)
    elif kind == "folder":
        path.mkdir(mode=0o700)
    elif kind == "huge":
        with open(path, "wb") as handle:  # 3 GB, sparse: costs no disk
            handle.truncate(3 * 1024**3)
        os.chmod(path, 0o600)
    else:  # pragma: no cover
        raise AssertionError(kind)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("samples") / "store"
    out = CliRunner().invoke(main, ["--db", str(root), "import", str(SAMPLES)])
    assert out.exit_code == 0, out.output
    return root


def _targets(root: Path) -> dict[str, Path]:
    session = sorted((root / "sessions").glob("*.json"))[0]
    return {
        "store.json": root / "store.json",
        "index.json": root / "index.json",
        "session": session,
        "study": root / "studies" / f"{BANK}.json",
        "guide": root / "guides" / ("0" * 64 + ".toml"),
        "lock": root / ".lock",
        "lease": session.with_suffix(".lock"),
        "temp": root / "sessions" / ".cjtui-1@nohost~abcdef.tmp",
    }


RUN_ALL = textwrap.dedent(
    """
    import json, sys
    from click.testing import CliRunner
    from cjtui.interface.cli.main import main
    db, out = sys.argv[1], sys.argv[2]
    said = {}
    for name, args in (
        ("list", ["list"]),
        ("report", ["report", "--study", "banco-hipoteca"]),
        ("export", ["export", "--study", "banco-hipoteca", "-o", out, "--force"]),
        ("doctor", ["doctor"]),
        ("repair", ["doctor", "--repair"]),
        ("delete", ["delete", "zzzz", "--yes"]),
    ):
        result = CliRunner().invoke(main, ["--db", db, "--lang", "en", *args])
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        said[name] = {"code": result.exit_code, "output": result.output, "crashed": crashed}
    print(json.dumps(said))
    """
)


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder", "huge"])
@pytest.mark.parametrize(
    "target", ["store.json", "index.json", "session", "study", "guide", "lock", "lease", "temp"]
)
def test_a_planted_file_hangs_nothing_and_doctor_names_it(
    sample_store: Path, tmp_path: Path, target: str, kind: str
) -> None:
    root = tmp_path / "store"
    shutil.copytree(sample_store, root, symlinks=True)
    path = _targets(root)[target]
    _plant(path, kind)
    done = subprocess.run(
        [sys.executable, "-c", RUN_ALL, str(root), str(tmp_path / "out.json")],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    said = json.loads(done.stdout)
    for name, result in said.items():
        assert not result["crashed"], (name, result["output"][-1500:])
        assert "Traceback" not in result["output"], (name, result["output"][-1500:])
    # The thing planted is still there, untouched: nothing removes what it did not write.
    assert path.is_symlink() or path.exists()
    doctor = said["doctor"]["output"]
    if target == "store.json":  # the store cannot even be opened: the one line says why
        assert said["list"]["code"] == 1 and "store.json" in said["list"]["output"]
        assert len(said["list"]["output"].strip().splitlines()) == 1
        assert "store.json" in doctor
    elif target == "index.json" and kind == "huge":
        # A regular file under the cache's name is the cache: rewritten, never read whole.
        assert path.stat().st_size < 1024 * 1024
    else:
        assert path.name in doctor, doctor
    if target not in ("store.json", "lock"):
        assert said["list"]["code"] in (0, 1)
        if target != "session":
            assert said["list"]["code"] == 0, said["list"]["output"]


def test_a_crafted_index_row_is_read_again_from_its_session(
    sample_store: Path, tmp_path: Path
) -> None:
    root = tmp_path / "store"
    shutil.copytree(sample_store, root)
    runner = CliRunner()
    first = runner.invoke(main, ["--db", str(root), "list", "--json"])
    assert first.exit_code == 0
    index = json.loads((root / "index.json").read_text())
    rows = index["sessions"]
    ids = sorted(rows)
    rows[ids[0]][4][6] = None  # the alias
    rows[ids[1]][4][6] = "Forjado\n1c7a  completed  otro"  # a forged line
    rows[ids[2]][4][9] = -5  # stages in all
    rows[ids[3]] = [None, None, None, None, None]
    rows[ids[4]][4] = "x"
    rows[ids[5]][4][0] = "../../../private/sessions/" + ids[5]  # its id as a path
    rows[ids[6]][4][14] = "Otro\nestudio"  # its study
    (root / "index.json").write_text(json.dumps(index))
    again = runner.invoke(main, ["--db", str(root), "list", "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.output) == json.loads(first.output)


# ---- a store whose lock another process holds ----------------------------------------------


HOLD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from cjtui.store.locks import store_lock
    with store_lock(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.readline()
    """
)


@pytest.fixture
def held_lock(store_dir: Path) -> Iterator[subprocess.Popen[str]]:
    Store.open(store_dir)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(store_dir)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    yield holder
    if holder.poll() is None:
        holder.communicate("go\n", timeout=10)


def test_who_holds_the_lock_is_known(store_dir: Path, held_lock: subprocess.Popen[str]) -> None:
    store = Store.open(store_dir, create=False)
    who = store.lock_holder()
    assert who is not None and f"(pid {held_lock.pid})" in who
    held_lock.communicate("go\n", timeout=10)
    assert store.lock_holder() is None


async def test_quitting_while_the_lock_is_held_says_for_whom_and_can_leave(
    store_dir: Path, held_lock: subprocess.Popen[str]
) -> None:
    store = Store.open(store_dir)
    s = Store.open(store_dir).load(_session_unlocked(store_dir))
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(app, pilot, "awareness", "expected", "una llamada")
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
        question = str(app.screen.query_one(".question").render())
        assert "is writing to the store" in question
        assert f"(pid {held_lock.pid})" in question
        await pilot.press("y")  # leave
        await pilot.pause(0.2)
    assert app.left_unsaved and app.return_code == 75
    assert app.exit_line is not None and "it is in " in app.exit_line
    held_lock.communicate("go\n", timeout=10)
    # The next start takes it back.
    lines = recovery.take_back(Store.open(store_dir))
    assert lines == [
        f"session {s.id[:8]}: its last change, kept when cjtui could not save it, is taken back"
    ]
    stored = Store.open(store_dir).load(s.id)
    assert stored.stage("awareness").answers["expected"] == "una llamada"
    assert not (recovery.recovery_dir() / f"{s.id}.json").exists()
    assert recovery.take_back(Store.open(store_dir)) == []


async def test_waiting_for_the_lock_saves_when_it_is_free(
    store_dir: Path, held_lock: subprocess.Popen[str]
) -> None:
    store = Store.open(store_dir)
    s = Store.open(store_dir).load(_session_unlocked(store_dir))
    app = app_for(store, "es", resume=s.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(app, pilot, "awareness", "expected", "esperando")
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
        assert "está escribiendo en el almacén" in str(app.screen.query_one(".question").render())
        await pilot.press("escape")  # wait
        held_lock.communicate("go\n", timeout=10)
        assert app.interview is not None and app.interview.wait(5)
        await pilot.pause(0.1)
        assert not app.left_unsaved
    stored = Store.open(store_dir).load(s.id)
    assert stored.stage("awareness").answers["expected"] == "esperando"


def _session_unlocked(store_dir: Path) -> str:
    """A session saved while the lock is held elsewhere: written straight to its file, as
    it was before (the test's set-up, not the app)."""
    from cjtui.store.files import file_bytes

    guide = builtin_guide("inbound")
    s = Session.new(
        guide.ref, guide.stage_ids, study="inbound", language="es", perspective="customer",
        moment="after", interviewer="x", alias="A", segment="x",
    )  # fmt: skip
    s.give_consent(guide.consent_sha256("es"))
    path = store_dir / "sessions" / f"{s.id}.json"
    path.write_bytes(file_bytes(s))
    os.chmod(path, 0o600)
    return s.id


def test_a_recovery_file_never_overwrites_a_session_changed_since(store: Store) -> None:
    s = _session(store)
    kept = Session.from_dict(s.to_dict())
    kept.set_answer("awareness", "expected", "guardado aparte", at="2026-12-01T10:00:00Z")
    path = recovery.keep(store.root, kept.to_dict())
    changed = store.load(s.id)
    changed.set_answer("awareness", "expected", "otro", at="2026-12-01T11:00:00Z")
    store.save(changed)
    lines = recovery.take_back(store)
    assert lines == [
        f"session {s.id[:8]}: changed in the store since its last change was kept; not taken "
        f"back: the recovery file stays at {path}"
    ]
    assert store.load(s.id).stage("awareness").answers["expected"] == "otro"
    assert path.exists()
    store.delete(s.id)  # (or moved away for a while by someone): never brought back
    assert recovery.take_back(store) == [
        f"session {s.id[:8]}: not in the store; not taken back: the recovery file stays at "
        f"{path} (delete it if the session was deleted on purpose)"
    ]
    assert path.exists() and not store.exists(s.id)


def test_a_recovery_folder_that_is_a_link_is_never_followed(store: Store, tmp_path: Path) -> None:
    s = _session(store)
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o755)
    folder = recovery.recovery_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, folder)
    with pytest.raises(OSError, match="symbolic link"):
        recovery.keep(store.root, s.to_dict())
    assert os.listdir(target) == [] and target.stat().st_mode & 0o777 == 0o755


def test_a_read_only_lock_holder_check_creates_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "store")
    os.unlink(store.root / ".lock")
    assert store.lock_holder() is None
    assert not (store.root / ".lock").exists()
    with pytest.raises(StoreError):
        _plant(store.root / ".lock", "folder")
        with store.lock():
            pass


def test_a_save_reads_the_file_again_only_when_something_else_changed_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard against writing over what cannot be read costs an identity check when the
    file is as this process last read or wrote it; a file changed by anything else is
    read and checked in full, and refused when it is not a session."""
    from cjtui.store import CorruptSessionError, files

    s = _session(store)
    reads: list[Path] = []
    real = files.parse_document

    def counted(path: Path, data: bytes) -> dict:  # type: ignore[type-arg]
        reads.append(path)
        return real(path, data)

    monkeypatch.setattr(files, "parse_document", counted)
    s.set_answer("awareness", "expected", "uno", at="2026-12-01T10:00:00Z")
    store.save(s)
    s.set_answer("awareness", "expected", "uno dos", at="2026-12-01T10:00:01Z")
    store.save(s)
    assert reads == []  # as written by this process: not read again
    path = store.path_of(s.id)
    path.write_bytes(path.read_bytes().replace(b'"schema": 3', b'"schema": "x"'))
    s.set_answer("awareness", "expected", "uno dos tres", at="2026-12-01T10:00:02Z")
    garbled = path.read_bytes()
    with pytest.raises(CorruptSessionError):
        store.save(s)
    assert reads == [path] and path.read_bytes() == garbled  # read, refused, untouched


TOGGLE = textwrap.dedent(
    """
    import ctypes, os, sys, time
    libc = ctypes.CDLL(None, use_errno=True)
    a, b, seconds = sys.argv[1].encode(), sys.argv[2].encode(), float(sys.argv[3])
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    end = time.monotonic() + seconds
    swaps = 0
    while time.monotonic() < end:
        if libc.renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0:
            swaps += 1
    if swaps % 2:
        libc.renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)
    print(swaps)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_a_folder_swapped_back_and_forth_never_leaks_a_private_session(tmp_path: Path) -> None:
    """A member swaps sessions/ with a link to a private store as fast as the system lets
    (renameat2's exchange), while a colleague lists and reads: between a check and the act
    the folder may be the link, but every read goes through the folder held open, so the
    private session is never read, listed or put in the summary index."""
    from cjtui.services.workspace import Workspace

    mine, private, secret = _two_stores(tmp_path)
    # A file of the private session's name in the shared folder: what a list would read.
    (mine.sessions_dir / f"{secret.id}.json").write_bytes(b"{}")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(private.sessions_dir, outside / "link")
    toggler = subprocess.Popen(
        [sys.executable, "-c", TOGGLE, str(mine.sessions_dir), str(outside / "link"), "4"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen: set[str] = set()
    opened = refused = 0
    try:
        while toggler.poll() is None:
            try:
                workspace = Workspace(Store.open(mine.root, create=False))
                rows, _ = workspace.summaries()
                opened += 1
                seen |= {row.alias for row in rows}
                for session_id in workspace.store.ids():
                    seen.add(workspace.store.load(session_id).participant.alias)
            except StoreError:
                refused += 1
    finally:
        swaps = int(toggler.communicate(timeout=30)[0])
    assert swaps > 1000 and opened > 10 and refused > 10, (swaps, opened, refused)
    assert "Secreto" not in seen
    assert b"Secreto" not in (mine.root / "index.json").read_bytes()


def test_a_hard_link_planted_as_a_lock_truncates_nothing(
    sample_store: Path, tmp_path: Path
) -> None:
    root = tmp_path / "store"
    shutil.copytree(sample_store, root)
    session = sorted((root / "sessions").glob("*.json"))[0]
    before = session.read_bytes()
    (root / ".lock").unlink()
    os.link(session, root / ".lock")
    lease = session.with_suffix(".lock")
    lease.unlink(missing_ok=True)
    os.link(session, lease)
    runner = CliRunner()
    out = runner.invoke(main, ["--db", str(root), "--lang", "en", "import", str(SAMPLES)])
    assert out.exit_code == 1 and "is a hard link to another file" in out.output
    out = runner.invoke(
        main, ["--db", str(root), "--lang", "en", "delete", session.stem[:8], "--yes"]
    )
    assert out.exit_code == 1
    assert session.read_bytes() == before
    doctor = runner.invoke(main, ["--db", str(root), "--lang", "en", "doctor"])
    assert f"{root / '.lock'}: a hard link to another file where a lock belongs" in doctor.output
    assert f"{lease}: a hard link to another file where a lock belongs" in doctor.output
