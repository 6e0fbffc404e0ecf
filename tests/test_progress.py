"""Long work shows how far it is on a terminal, in the interface's language, and nothing
when its output goes to a pipe or a file."""

from __future__ import annotations

import io
import itertools
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.interface.cli import progress as progress_module
from cjtui.interface.cli.main import main
from cjtui.interface.cli.progress import Progress, number

from .conftest import SAMPLES


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_count_is_shown_in_place_after_a_moment_and_wiped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = (n / 10 for n in itertools.count())
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(clock))
    screen = Terminal()
    with Progress("progress.import", "es", 9000, screen) as bar:
        for _ in range(4):  # the first half second: nothing
            bar()
        assert screen.getvalue() == ""
        for _ in range(4496):
            bar()
        assert screen.getvalue().endswith("\rImportando: 4500 de 9000 sesiones (50 %)")
    assert screen.getvalue().endswith("\r" + " " * 40 + "\r")  # wiped at the end


def test_nothing_is_shown_when_the_output_is_not_a_terminal() -> None:
    quiet = io.StringIO()
    with Progress("progress.export", "en", 10, quiet) as bar:
        for _ in range(10):
            bar()
    assert quiet.getvalue() == ""
    assert number(9000, "en") == "9,000" and number(90000, "es") == "90.000"


def test_import_and_export_say_how_far_they_are_on_a_terminal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real run with stderr on a pseudo-terminal (the half second of delay set to none):
    the count is there, and stdout (the export) holds only the export."""
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    db = tmp_path / "store"
    assert runner.invoke(main, ["--db", str(db), "import", str(SAMPLES)]).exit_code == 0
    primary, secondary = pty.openpty()
    code = (
        "import sys; from cjtui.interface.cli import progress; "
        "progress.DELAY = 0.0; progress.EVERY = 0.0; "
        "from cjtui.interface.cli.main import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db), "--lang", "en", "export",
         "--format", "jsonl"],
        stdout=subprocess.PIPE, stderr=secondary, timeout=60, check=True,
    )  # fmt: skip
    os.close(secondary)
    said = os.read(primary, 65536).decode()
    os.close(primary)
    assert "Exporting: 13 of 13 sessions (100%)" in said
    assert len(done.stdout.decode().splitlines()) == 13
    quiet = runner.invoke(main, ["--db", str(db), "export", "--format", "jsonl"])
    assert "Exporting" not in quiet.output
