"""A store shared by a team on one server, tried with real users: a group and two of its
members (and one outsider) are made for the test, which drops to each in turn. It needs to
run as root on Linux with useradd (as CI does) and skips elsewhere, saying why."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import SAMPLES

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or not hasattr(os, "getuid")
    or os.getuid() != 0
    or shutil.which("useradd") is None,
    reason="needs root and useradd to make a group and users (CI runs so)",
)


def _load_everything(scratch: Path) -> None:
    """Run every command the test runs once, as root, in a scratch store: whatever they
    import lazily is then loaded before the forks, since the users may not be able to read
    the installed files (Python itself may live in root's home)."""
    import concurrent.futures.thread  # noqa: F401
    import traceback  # noqa: F401

    from cjtui.services.interview import Interview
    from cjtui.services.workspace import Workspace
    from cjtui.store import Store

    for args in (
        ["init"],
        ["import", str(SAMPLES)],
        ["list"],
        ["report", "--study", "banco-hipoteca"],
        ["map", "--study", "banco-hipoteca"],
        ["doctor", "--repair"],
        ["delete", "1c7a", "--yes", "--force"],
        ["list", "--json"],
    ):
        cli(scratch, *args)
    workspace = Workspace(Store.open(scratch))
    study = workspace.store.study("banco-hipoteca")
    interview = Interview.start(
        workspace.store, workspace.study_guide(study), language="es", perspective="internal",
        moment=None, interviewer="x", alias="x", study=study,
    )  # fmt: skip
    interview.accept_consent()  # staff's own consent (guides 3.0)
    interview.answer("awareness", "expected", "x")
    interview.close()
    Workspace(Store.open(scratch)).resume(interview.session.id).close()


def as_user(name: str, work: Callable[[], Any], *, umask: int = 0o022, timeout: int = 120) -> Any:
    """Run *work* in a child process that is *name* (its groups, its id) and return what it
    returns (JSON), or raise what it raised, as text. A child still at work after *timeout*
    seconds is ended by its alarm (nothing the test runs may hang)."""
    import pwd

    user = pwd.getpwnam(name)
    groups = os.getgrouplist(name, user.pw_gid)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read_end)
            os.setgroups(groups)
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)
            os.umask(umask)
            signal.alarm(timeout)
            os.environ.update(HOME=user.pw_dir, USER=name, LOGNAME=name)
            try:
                result = {"ok": work()}
            except BaseException as exc:  # said to the parent
                result = {"error": f"{type(exc).__name__}: {exc}"}
            os.write(write_end, json.dumps(result, default=str).encode())
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) != -signal.SIGALRM, f"{name}: hung over {timeout} s"
    assert os.waitstatus_to_exitcode(status) == 0
    answer = json.loads(b"".join(chunks) or b'{"error": "no answer"}')
    if "error" in answer:
        raise RuntimeError(answer["error"])
    return answer["ok"]


def cli(db: Path, *args: str) -> dict[str, Any]:
    """`cjtui --db DB ARGS…` in this process (the child's): exit code and output."""
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    out = CliRunner().invoke(main, ["--db", str(db), "--lang", "en", *args])
    if out.exception is not None and not isinstance(out.exception, SystemExit):
        import traceback

        return {"code": 99, "output": "".join(traceback.format_exception(out.exception))}
    return {"code": out.exit_code, "output": out.output}


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A group, two of its members and an outsider, and a folder all may pass through."""
    _load_everything(tmp_path_factory.mktemp("scratch") / "store")
    tag = uuid.uuid4().hex[:6]
    group, alice, bob, carol = f"cx{tag}", f"alice{tag}", f"bob{tag}", f"carol{tag}"
    base = Path(os.path.realpath(tmp_path_factory.mktemp("team")))
    for parent in [base, *base.parents]:  # every user may reach the folder (no more)
        if parent != Path("/"):
            os.chmod(parent, stat.S_IMODE(parent.stat().st_mode) | 0o011)
    subprocess.run(["groupadd", group], check=True)
    try:
        for name, extra in ((alice, [group]), (bob, [group]), (carol, [])):
            args = ["useradd", "-M", "-d", str(base), "-s", "/bin/false", name]
            if extra:
                args[1:1] = ["-G", ",".join(extra)]
            subprocess.run(args, check=True)
        os.chmod(base, 0o1777)  # where users make their stores, as in /srv or /tmp
        samples = base / "samples"  # readable by the team: the export they import
        samples.mkdir(mode=0o755)
        for path in SAMPLES.iterdir():
            shutil.copy(path, samples / path.name)
            os.chmod(samples / path.name, 0o644)
        yield {"group": group, "alice": alice, "bob": bob, "carol": carol, "base": base,
               "samples": samples}  # fmt: skip
    finally:
        for name in (alice, bob, carol):
            subprocess.run(["userdel", name], check=False, capture_output=True)
        subprocess.run(["groupdel", group], check=False, capture_output=True)


def _modes(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            info = os.lstat(Path(dirpath) / name)
            out[str(Path(dirpath, name).relative_to(root))] = (
                stat.S_IMODE(info.st_mode),
                info.st_gid,
            )
    info = root.stat()
    out["."] = (stat.S_IMODE(info.st_mode), info.st_gid)
    return out


def test_a_team_works_in_one_shared_store(team: dict[str, Any]) -> None:  # noqa: PLR0915
    import grp
    import time

    from cjtui.domain.model import ModelError  # noqa: F401  (loaded before the forks)

    gid = grp.getgrnam(team["group"]).gr_gid
    db = team["base"] / "store"
    alice, bob, carol = team["alice"], team["bob"], team["carol"]

    # Alice makes the store shared with the team, with the strictest umask.
    made = as_user(alice, lambda: cli(db, "init", "--group", team["group"]), umask=0o077)
    assert made["code"] == 0, made
    assert json.loads((db / "store.json").read_text())["shared"] == {"group": team["group"]}
    out = as_user(alice, lambda: cli(db, "import", str(team["samples"])), umask=0o077)
    assert out["code"] == 0 and "Imported 13 sessions" in out["output"], out

    # Alice takes an interview and keeps it open; Bob, in another terminal, is refused.
    def alice_interviews() -> str:
        from cjtui.services.workspace import Workspace
        from cjtui.store import Store

        workspace = Workspace(Store.open(db))
        study = workspace.store.study("banco-hipoteca")
        from cjtui.services.interview import Interview

        interview = Interview.start(
            workspace.store, workspace.study_guide(study), language="es",
            perspective="internal", moment=None, interviewer=alice, alias="Oficina norte",
            study=study,
        )  # fmt: skip
        interview.accept_consent()
        interview.answer("awareness", "expected", "Empieza al ver el piso")
        interview.close()
        return interview.session.id

    session_id = as_user(alice, alice_interviews, umask=0o077)
    read_end, write_end = os.pipe()
    holder = os.fork()
    if holder == 0:  # Alice's terminal, holding the session open until told to stop
        import pwd

        user = pwd.getpwnam(alice)
        os.setgroups(os.getgrouplist(alice, user.pw_gid))
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
        from cjtui.store import Store

        lease = Store.open(db).acquire(session_id)
        os.read(read_end, 1)
        lease.release()
        os._exit(0)
    time.sleep(0.5)

    def bob_resumes() -> str:
        from cjtui.services.workspace import Workspace
        from cjtui.store import Store

        try:
            Workspace(Store.open(db)).resume(session_id)
        except Exception as exc:
            return str(exc)
        return "opened"

    said = as_user(bob, bob_resumes)
    assert said.startswith(f"session {session_id[:8]} is open for editing by {alice}@"), said
    os.write(write_end, b"x")
    os.waitpid(holder, 0)

    # Now Bob carries on with Alice's interview: the audit trail tells them apart.
    def bob_carries_on() -> list[str]:
        from cjtui.services.workspace import Workspace
        from cjtui.store import Store

        interview = Workspace(Store.open(db)).resume(session_id)
        interview.answer("awareness", "expected", "Una cuota orientativa")
        interview.close()
        return [e.by for e in Store.open(db).load(session_id).events]

    by = as_user(bob, bob_carries_on)
    assert by[0] == alice and by[-1] == bob and set(by) == {alice, bob}

    # Every member lists, reports and maps; every file is the group's, nothing for others.
    for user in (alice, bob):
        listed = as_user(user, lambda: cli(db, "list"))
        assert listed["code"] == 0 and "Oficina norte" in listed["output"]
        report = as_user(user, lambda: cli(db, "report", "--study", "banco-hipoteca"))
        assert report["code"] == 0, report
        mapped = as_user(user, lambda: cli(db, "map", "--study", "banco-hipoteca"))
        assert mapped["code"] == 0, mapped
    modes = _modes(db)
    for name, (mode, group) in modes.items():
        assert group == gid, name
        assert mode & 0o007 == 0, (name, oct(mode))
        full = db if name == "." else db / name
        if full.is_dir():
            assert mode == 0o2770, (name, oct(mode))
        else:
            assert mode == 0o660, (name, oct(mode))
    owners = {(db / "sessions" / f"{session_id}.json").stat().st_uid}
    assert len(owners) == 1  # Bob rewrote it; still the group's and 0660 (checked above)

    # Someone outside the group reads nothing: refused by cjtui, and by the system.
    out = as_user(carol, lambda: cli(db, "list"))
    assert out["code"] == 1, out
    assert f"shared with group {team['group']}, which you are not in" in out["output"]

    def carol_reads() -> str:
        try:
            (db / "sessions" / f"{session_id}.json").read_bytes()
        except PermissionError:
            return "refused"
        return "read"

    assert as_user(carol, carol_reads) == "refused"

    # Deleting Alice's interview: Bob needs --force, and the study records it.
    out = as_user(bob, lambda: cli(db, "delete", session_id[:8], "--yes"))
    assert out["code"] == 1 and f"was started by {alice}" in out["output"]
    out = as_user(bob, lambda: cli(db, "delete", session_id[:8], "--yes", "--force"))
    assert out["code"] == 0, out
    log = json.loads((db / "studies" / "banco-hipoteca.json").read_text())["log"]
    assert log[-1]["kind"] == "deleted" and (log[-1]["by"], log[-1]["started_by"]) == (bob, alice)


def test_a_shared_store_refuses_to_work_when_it_is_not_safe(team: dict[str, Any]) -> None:
    db = team["base"] / "guarded"
    alice = team["alice"]
    assert as_user(alice, lambda: cli(db, "init", "--group", team["group"]))["code"] == 0
    assert as_user(alice, lambda: cli(db, "import", str(team["samples"])))["code"] == 0
    one = next((db / "sessions").glob("*.json"))

    os.chmod(one, 0o664)  # readable by others
    out = as_user(alice, lambda: cli(db, "list"))
    assert out["code"] == 1 and f"{one}: open to others (mode 664)" in out["output"]
    assert "doctor --repair" in out["output"] and out["output"].count("\n") == 1
    out = as_user(alice, lambda: cli(db, "doctor", "--repair"))
    assert f"{one}: open to others (mode 664) -> group {team['group']}, mode 660" in out["output"]
    assert as_user(alice, lambda: cli(db, "list"))["code"] == 0

    os.chown(db, -1, 0)  # the folder handed to another group
    out = as_user(alice, lambda: cli(db, "report", "--study", "banco-hipoteca"))
    assert out["code"] == 1 and "of group id 0, not" in out["output"]
    assert as_user(alice, lambda: cli(db, "doctor", "--repair"))["code"] == 0
    assert as_user(alice, lambda: cli(db, "list"))["code"] == 0

    os.chmod(db / "studies", 0o770)  # lost its setgid: new files would not be the group's
    out = as_user(alice, lambda: cli(db, "list"))
    assert out["code"] == 1 and "not setgid" in out["output"]
    assert as_user(alice, lambda: cli(db, "doctor", "--repair"))["code"] == 0
    assert as_user(alice, lambda: cli(db, "list"))["code"] == 0


def test_a_private_store_stays_as_it_was(team: dict[str, Any]) -> None:
    db = team["base"] / "mine"
    alice = team["alice"]
    out = as_user(alice, lambda: cli(db, "init"))
    assert out["code"] == 0 and "private store" in out["output"]
    assert as_user(alice, lambda: cli(db, "import", str(team["samples"])))["code"] == 0
    for name, (mode, _) in _modes(db).items():
        full = db if name == "." else db / name
        assert mode == (0o700 if full.is_dir() else 0o600), (name, oct(mode))
    out = as_user(team["bob"], lambda: cli(db, "list"))
    assert out["code"] == 1  # another user's private store: refused
