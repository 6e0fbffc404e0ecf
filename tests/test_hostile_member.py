"""A hostile member of the team, tried with real users: Bob, in the group, attacks the store
he shares with Alice while Alice's app is open on it (a Textual pilot running as Alice in
her own process). Nothing private of Alice's may leave her private store, nothing may hang
(every call runs with an alarm), and Alice's app stops working on the store with one line
the moment its folders are not what it opened. Needs root and useradd (CI runs so)."""

# ruff: noqa: F811  (the team fixture, imported, is the tests' argument of the same name)

from __future__ import annotations

import asyncio
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cjtui.domain.guide import GUIDES_DIR

from .test_shared_store import as_user, cli, pytestmark, team  # noqa: F401  (the fixture)

pytestmark = pytestmark  # skipped where test_shared_store is, for the same reason

SECRET = "Secreto de Alice"
BANK_SESSION = "2d8b3e4a-5f6c-4d7e-9f80-91a2b3c4d5e6"


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink()
    }


def _trigger(folder: Path) -> Any:
    """What the bank session in *folder* holds as its awareness trigger."""
    saved = json.loads((folder / f"{BANK_SESSION}.json").read_text())
    stages = {stage["id"]: stage for stage in saved["session"]["1"]["stages"]}
    return stages["awareness"]["answers"].get("expected")


def _state_for(team: dict[str, Any], user: str) -> None:
    """The user's own state folder (last choices, recovery files), where they can write."""
    os.environ["CJTUI_STATE"] = str(team["base"] / f"state-{user}")


def _stores(team: dict[str, Any], tag: str) -> tuple[Path, Path]:
    """A store shared by the team with the samples in it, and Alice's private store with
    one interview no one else may see."""
    shared, private = team["base"] / f"shared-{tag}", team["base"] / f"private-{tag}"
    alice = team["alice"]
    made = as_user(alice, lambda: cli(shared, "init", "--group", team["group"]))
    assert made["code"] == 0, made
    assert as_user(alice, lambda: cli(shared, "import", str(team["samples"])))["code"] == 0

    def secret() -> str:
        from cjtui.services.interview import Interview
        from cjtui.services.workspace import Workspace
        from cjtui.store import Store

        assert cli(private, "init")["code"] == 0
        assert cli(private, "import", str(team["samples"]))["code"] == 0
        workspace = Workspace(Store.open(private))
        study = workspace.store.study("banco-hipoteca")
        interview = Interview.start(
            workspace.store, workspace.study_guide(study), language="es",
            perspective="customer", moment="after", interviewer=alice, alias=SECRET,
            study=study,
        )  # fmt: skip
        interview.accept_consent()
        interview.answer("awareness", "expected", "Mi divorcio")
        interview.close()
        return interview.session.id

    as_user(alice, secret)
    return shared, private


def _alice_app(team: dict[str, Any], db: Path, attack: Callable[[], None]) -> dict[str, Any]:
    """Alice's app open on *db*, typing into an answer; *attack* runs (as Bob) while it is
    open; then Alice types on. What became of her app."""
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    alice = team["alice"]

    def app_as_alice() -> dict[str, Any]:
        _state_for(team, alice)
        from cjtui.store import Store

        from .tui_helpers import app_for, type_into

        async def scenario() -> dict[str, Any]:
            app = app_for(Store.open(db), "en", resume=BANK_SESSION)
            async with app.run_test(size=(80, 24)) as pilot:
                await type_into(app, pilot, "awareness", "expected", "antes")
                app.flush(wait=True)
                os.write(ready_w, b"r")
                os.read(go_r, 1)  # Bob attacks now
                await pilot.press(*" y después")
                app.flush()
                for _ in range(60):
                    await pilot.pause(0.05)
                    if app.left_unsaved:
                        break
            return {"left": app.left_unsaved, "code": app.return_code, "line": app.exit_line}

        return asyncio.run(scenario())

    pid = os.fork()
    if pid == 0:  # runs Alice's app and reports through a file
        code = 0
        try:
            import signal

            signal.alarm(60)
            result = as_user(alice, app_as_alice, timeout=50)
            (team["base"] / "alice-app.json").write_text(json.dumps(result))
        except BaseException as exc:  # said to the test
            (team["base"] / "alice-app.json").write_text(json.dumps({"error": repr(exc)}))
            code = 1
        finally:
            os._exit(code)
    try:
        assert os.read(ready_r, 1) == b"r"
        as_user(team["bob"], attack, timeout=30)
    finally:
        os.write(go_w, b"g")
        _, status = os.waitpid(pid, 0)
    result: dict[str, Any] = json.loads((team["base"] / "alice-app.json").read_text())
    assert "error" not in result, result
    assert os.waitstatus_to_exitcode(status) == 0
    return result


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Alice's app run once as root first: whatever Textual loads lazily is in memory before
    the forks (the users may not be able to read the installed files)."""
    import grp  # noqa: F401
    import signal  # noqa: F401

    from cjtui.store import Store

    from .test_shared_store import _load_everything
    from .tui_helpers import app_for, type_into

    scratch = tmp_path_factory.mktemp("warm") / "store"
    _load_everything(scratch)
    shared = scratch.parent / "shared"
    for args in (
        ["init", "--group", "root"],
        ["import", str(Path(__file__).parent.parent / "sample_sessions")],
        ["study", "list"],
        ["study", "new", "mia", "--guide", str(GUIDES_DIR / "inbound.toml")],
        ["study", "show", "banco-hipoteca"],
        ["export", "--study", "banco-hipoteca"],
        ["doctor"],
    ):
        assert cli(shared, *args)["code"] in (0, 1)

    async def once() -> None:
        app = app_for(Store.open(shared), "en", resume=BANK_SESSION)
        async with app.run_test(size=(80, 24)) as pilot:
            await type_into(app, pilot, "awareness", "expected", "x")
            app.flush(wait=True)

    asyncio.run(once())


def test_a_folder_swapped_for_a_link_to_a_private_store_stops_the_app(
    team: dict[str, Any], warm: None
) -> None:
    shared, private = _stores(team, "link-private")
    before = _digests(private / "sessions")

    def bob_links() -> None:
        os.rename(shared / "sessions", shared / "sessions.bob")
        os.symlink(private / "sessions", shared / "sessions")

    result = _alice_app(team, shared, bob_links)
    assert result["left"] and result["code"] == 1, result
    assert "symbolic link since the store was opened" in result["line"]
    # Nothing of Alice's private store reached the store the group reads…
    assert SECRET not in (shared / "index.json").read_text("utf-8")
    assert as_user(team["alice"], lambda: _digests(private / "sessions")) == before
    # …and every command, even Alice's (who can read both), refuses the store in one line.
    out = as_user(team["alice"], lambda: cli(shared, "list"))
    assert out["code"] == 1
    assert (
        f"{shared / 'sessions'}: a symbolic link or a file where a folder belongs" in out["output"]
    )
    assert SECRET not in out["output"] and len(out["output"].strip().splitlines()) == 1
    # What she typed after the swap is in her recovery file, not in either store.
    kept = team["base"] / f"state-{team['alice']}" / "recovery" / f"{BANK_SESSION}.json"
    assert kept.exists() and kept.stat().st_mode & 0o777 == 0o600
    assert kept.stat().st_uid == os.stat(private).st_uid


def test_a_folder_swapped_for_a_link_to_a_group_folder_gets_nothing_written(
    team: dict[str, Any], warm: None
) -> None:
    shared, _ = _stores(team, "link-group")
    drop = team["base"] / "drop-for-bob"

    def bob_links() -> None:
        drop.mkdir(mode=0o2770)
        os.rename(shared / "sessions", shared / "sessions.bob")
        os.symlink(drop, shared / "sessions")

    result = _alice_app(team, shared, bob_links)
    assert result["left"] and result["code"] == 1, result
    assert os.listdir(drop) == []  # no session of Alice's written where Bob pointed
    # The session she had open kept what was saved before the swap.
    assert _trigger(shared / "sessions.bob").endswith("antes")


def test_files_planted_by_a_member_hang_nothing(team: dict[str, Any], warm: None) -> None:
    shared, _ = _stores(team, "planted")
    session = sorted((shared / "sessions").glob("*.json"))[-1]

    def bob_plants() -> None:
        (shared / "index.json").unlink()
        os.mkfifo(shared / "index.json", 0o660)
        session.unlink()
        os.symlink("/dev/zero", session)
        huge = shared / "studies" / "zzz-huge.json"
        with open(huge, "wb") as handle:
            handle.truncate(4 * 1024**3)
        os.mkdir(shared / "sessions" / ".cjtui-1@nohost~abc.tmp")

    result = _alice_app(team, shared, bob_plants)
    assert not result["left"], result  # her own interview goes on: nothing of hers moved
    for args in (
        ["list"],
        ["report", "--study", "banco-hipoteca"],
        ["export", "--study", "banco-hipoteca"],
        ["doctor", "--repair"],
    ):
        out = as_user(team["alice"], lambda args=args: cli(shared, *args), timeout=30)
        assert out["code"] in (0, 1) and "Traceback" not in out["output"], (args, out)
    doctor = as_user(team["alice"], lambda: cli(shared, "doctor"), timeout=30)["output"]
    for name in ("index.json", session.name, "zzz-huge.json", ".cjtui-1@nohost~abc.tmp"):
        assert name in doctor, (name, doctor)
    assert (shared / "sessions" / ".cjtui-1@nohost~abc.tmp").is_dir()  # left alone
    assert _trigger(shared / "sessions").endswith("antes y después")


def test_crafted_records_forge_nothing_and_give_no_traceback(
    team: dict[str, Any], warm: None
) -> None:
    shared, _ = _stores(team, "crafted")
    first = as_user(team["alice"], lambda: cli(shared, "list", "--json"))
    assert first["code"] == 0

    def bob_crafts() -> None:
        index = json.loads((shared / "index.json").read_text())
        rows = index["sessions"]
        ids = sorted(rows)
        rows[ids[0]][4][6] = None
        rows[ids[1]][4][6] = "Forjado\n1c7a2d3f  completed  banco-hipoteca"
        rows[ids[2]] = {"odd": True}
        (shared / "index.json").write_text(json.dumps(index))
        record = shared / "studies" / "banco-hipoteca.json"
        study = json.loads(record.read_text())
        study["title"] = "Hipoteca\nfake-study  open  99  inbound  Forjado"
        study["log"].append({"kind": "deleted", "by": "bob"})  # no time
        record.write_text(json.dumps(study))

    as_user(team["bob"], bob_crafts)
    again = as_user(team["alice"], lambda: cli(shared, "list", "--json"))
    assert again["code"] == 0 and json.loads(again["output"]) == json.loads(first["output"])
    listed = as_user(team["alice"], lambda: cli(shared, "study", "list"))
    assert "Traceback" not in listed["output"] and "fake-study  open" not in listed["output"]


def test_a_kept_guide_edited_by_a_member_is_refused(team: dict[str, Any], warm: None) -> None:
    shared, _ = _stores(team, "guide")
    mine = team["base"] / "alice-guide.toml"
    mine.write_text(
        (GUIDES_DIR / "inbound.toml").read_text("utf-8").replace('id = "inbound"', 'id = "mia"', 1),
        "utf-8",
    )
    os.chmod(mine, 0o644)

    def alice_studies() -> dict[str, Any]:
        return cli(shared, "study", "new", "mia", "--guide", str(mine))

    assert as_user(team["alice"], alice_studies)["code"] == 0
    kept = next((shared / "guides").glob("*.toml"))

    def bob_edits() -> None:
        text = kept.read_text("utf-8")
        kept.write_text(text.replace("consent", "consent", 1) + "\n# edited\n", "utf-8")

    as_user(team["bob"], bob_edits)
    out = as_user(team["alice"], lambda: cli(shared, "study", "show", "mia"))
    doctor = as_user(team["alice"], lambda: cli(shared, "doctor"))
    assert "changed since it was kept" in out["output"] + doctor["output"], (out, doctor)
