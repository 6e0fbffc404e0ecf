"""The installed `cjtui` in a real terminal (tmux at 80x24): type, lose the terminal, resume."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from cjtui.store import Store

pytestmark = pytest.mark.slow

TMUX = shutil.which("tmux")
if TMUX is None and os.environ.get("CI"):
    raise RuntimeError("tmux is required in CI (.ci/run installs it)")
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


def cjtui_command() -> str:
    exe = shutil.which("cjtui")
    return exe if exe else f"{sys.executable} -m cjtui"


class Tmux:
    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"cjtui-test-{uuid.uuid4().hex[:8]}"
        self.env = env

    def run(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(
            [TMUX or "tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=check,
        )
        return out.stdout

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "t", *keys)

    def text(self, *literal: str) -> None:
        self.run("send-keys", "-t", "t", "-l", *literal)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "t", check=False)

    def wait_for(self, needle: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if needle in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never appeared; screen:\n{self.screen()}")

    def kill(self) -> None:
        self.run("kill-server", check=False)


def wait_until_gone(pattern: str, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True)
        if not found.stdout.strip():
            return True
        time.sleep(0.1)
    return False


@needs_tmux
def test_killed_terminal_loses_nothing_and_resumes(tmp_path: Path) -> None:
    store_dir = tmp_path / "store-for-tmux"
    env = dict(os.environ, LANG="C.UTF-8", TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    tmux = Tmux(env)
    try:
        # The store path on the command line also lets the test see when the process is gone.
        tmux.start(f"{cjtui_command()} --db {store_dir} --lang en")
        tmux.wait_for("Press n to start")
        tmux.keys("n")
        tmux.wait_for("New interview")
        tmux.text("Tmux ñandú")
        tmux.keys("C-n")
        tmux.wait_for("Informed consent")
        tmux.keys("Enter")
        tmux.wait_for("About the participant")
        time.sleep(0.3)
        tmux.text("Field worker, typed [bold]literally[/]")  # the persona's first question
        tmux.keys("C-n")
        tmux.wait_for("Stage 1/3 · Awareness")
        time.sleep(0.3)  # a person reads the question before answering
        # The stage opens on its first field: what it was for the participant.
        tmux.text("The answer typed just before the connection dropped")
        # Kill as soon as the answer is on screen: no pause for the autosave to run.
        tmux.wait_for("just before the connection dropped", timeout=5)
        tmux.kill()  # the pane's process gets SIGHUP, as when SSH drops
        assert wait_until_gone(str(store_dir)), "cjtui kept running after its terminal was gone"

        store = Store.open(store_dir)
        (session_id,) = store.ids()
        session = store.load(session_id)
        assert session.status == "in_progress"
        assert session.participant.alias == "Tmux ñandú"
        assert session.participant.persona["context"] == "Field worker, typed [bold]literally[/]"
        assert session.stage("awareness").words == (
            "The answer typed just before the connection dropped"
        )

        tmux = Tmux(env)
        tmux.start(
            f"{cjtui_command()} --db {store_dir} --lang en interview --resume {session_id[:8]}"
        )
        shown = tmux.wait_for("Stage 1/3 · Awareness")
        assert "The answer typed just before the connection dropped" in shown
        # The interviewer goes on with the sentence: the words land after what was said.
        time.sleep(0.3)
        tmux.text(", and then it came back")
        tmux.wait_for("it came back", timeout=5)
        tmux.keys("C-p")
        shown = tmux.wait_for("About the participant")
        assert "Field worker, typed [bold]literally[/]" in shown
        time.sleep(0.3)
        tmux.keys("End")
        tmux.text(" and more")
        tmux.wait_for("[/] and more", timeout=5)
        tmux.keys("C-q")
        tmux.wait_for("Quit")
        tmux.keys("y")
        assert wait_until_gone(str(store_dir)), "cjtui did not quit"
        session = Store.open(store_dir).load(session_id)
        assert session.stage("awareness").words == (
            "The answer typed just before the connection dropped, and then it came back"
        )
        assert session.participant.persona["context"] == (
            "Field worker, typed [bold]literally[/] and more"
        )
    finally:
        tmux.kill()


@needs_tmux
def test_a_spanish_stage_typed_in_one_burst_lands_as_shown(tmp_path: Path) -> None:
    """One send-keys with no pauses: the stage's words, Tab straight after the answer that
    brings the follow-up, the follow-up, a digit for the scale, the next answer. The store
    and `cjtui show` hold each answer under its own question."""
    from click.testing import CliRunner

    from cjtui.domain.guide import builtin_guide  # noqa: F401
    from cjtui.domain.model import Session
    from cjtui.interface.cli.main import main

    from .conftest import guide_2_0

    store_dir = tmp_path / "store-burst"
    store = Store.open(store_dir)
    guide = guide_2_0("inbound")  # the field order its model of the screen knows
    s = Session.new(
        guide.ref, guide.stage_ids, study="inbound", language="es", perspective="customer",
        moment="after", interviewer="e", alias="Ráfaga", segment="x",
    )  # fmt: skip
    s.give_consent(guide.consent_sha256("es"))
    s.set_stage_text("decision", "words", "Decidir")  # resume opens here, cursor at the end
    store.save(s)
    env = dict(os.environ, LANG="C.UTF-8", TERM="xterm-256color")
    tmux = Tmux(env)
    script = [
        (None, " con calma"),
        ("tipped", "El precio, sin duda"),
        ("hesitated", "Sí, cuando pidieron la tasación"),
        ("went_on", "Me llamó el asesor y me lo explicó"),
        ("ease", "4"),
        ("expected", "Que todo fuera más rápido"),
    ]
    try:
        tmux.start(f"{cjtui_command()} --db {store_dir} --lang es interview --resume {s.id[:8]}")
        tmux.wait_for("Etapa 3/3 · Decisión")
        keys: list[str] = []
        for n, (_, text) in enumerate(script):
            keys += (["Tab"] if n else []) + [text]
        tmux.keys(*keys)  # one burst: no pause between the keys
        tmux.wait_for("Que todo fuera más rápido", timeout=10)
        tmux.keys("C-q")
        tmux.wait_for("Salir")
        tmux.keys("y")
        assert wait_until_gone(str(store_dir)), "cjtui did not quit"
    finally:
        tmux.kill()
    record = Store.open(store_dir).load(s.id).stage("decision")
    assert record.words == "Decidir con calma"
    for qid, text in script[1:]:
        answer = record.answers.get(qid)
        assert answer == (int(text) if qid == "ease" else text), (qid, record.answers)
    shown = CliRunner().invoke(main, ["--db", str(store_dir), "--lang", "es", "show", s.id[:8]])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    for qid, text in script[1:]:
        question = next(q for q in guide.stage("decision").questions if q.id == qid)
        at = lines.index("  " + question.prompt_text("es"))
        assert text in lines[at + 1], (qid, lines[at : at + 2])
