"""Guides are data from strangers: each file in hostile_guides/ names, on its first line, the
one-line message `cjtui guides validate` must give for it (or OK), and no guide makes cjtui
hang, crash, print an escape sequence or use more than a fixed amount of memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.domain.guide import GuideError, load_guide, validate_file
from cjtui.interface.cli.main import main

HOSTILE = Path(__file__).resolve().parent / "hostile_guides"
FILES = sorted(HOSTILE.glob("*.toml"))


def expected(path: Path) -> str:
    first = path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode()
    assert first.startswith("# expect: "), path
    return first.removeprefix("# expect: ")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_hostile_guide_gets_its_one_line_message(path: Path, runner: CliRunner) -> None:
    want = expected(path)
    out = runner.invoke(main, ["guides", "validate", str(path)])
    if want == "OK":
        assert out.exit_code == 0, out.output
        assert validate_file(path) == []
        return
    assert out.exit_code == 1
    assert f"{path}: {want}" in out.output.splitlines(), out.output
    assert "\x1b" not in out.output and "\x07" not in out.output
    with pytest.raises(GuideError):
        load_guide(path)


def test_a_fifo_is_refused_at_once(tmp_path: Path, runner: CliRunner) -> None:
    fifo = tmp_path / "guide.toml"
    os.mkfifo(fifo)
    out = subprocess.run(
        [sys.executable, "-m", "cjtui", "guides", "validate", str(fifo)],
        capture_output=True,
        text=True,
        timeout=20,  # waiting on the FIFO would hang here
    )
    assert out.returncode == 1 and "not a regular file" in out.stdout + out.stderr


def test_validating_a_huge_scale_uses_little_memory(tmp_path: Path) -> None:
    code = (
        "import resource, sys\n"
        "from cjtui.domain.guide import validate_file\n"
        f"print(validate_file({str(HOSTILE / 'huge_emotion_scale.toml')!r}))\n"
        f"print(validate_file({str(HOSTILE / 'huge_question_scale.toml')!r}))\n"
        # The peak of this process alone: Linux's ru_maxrss carries over the parent's peak
        # (the test runner's) into a child, so /proc's high-water mark where there is one.
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "    print('peak', int(status))\n"
        "except OSError:\n"
        "    print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.split("peak")[-1]) < 120 * 1024


def test_an_interview_cannot_be_started_on_a_hostile_guide(
    runner: CliRunner, store_dir: Path
) -> None:
    out = runner.invoke(
        main, ["--db", str(store_dir), "interview", "--guide", str(HOSTILE / "title_escape.toml")]
    )
    assert out.exit_code == 1
    assert "control character" in out.output and "\x1b" not in out.output


def test_a_guide_with_a_bom_is_kept_as_its_own_bytes(store_dir: Path) -> None:
    import hashlib

    from cjtui.domain.guide import parse_guide
    from cjtui.store import Store

    data = (HOSTILE / "with_bom.toml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    guide, problems = parse_guide(data, "with_bom.toml")
    assert guide is not None, problems
    assert guide.raw == data and guide.sha256 == hashlib.sha256(data).hexdigest()
    store = Store.open(store_dir)
    store.keep_guide(guide)
    kept = store.guides_dir / f"{guide.sha256}.toml"
    again, _ = parse_guide(kept.read_bytes(), str(kept))
    assert again is not None and again.sha256 == guide.sha256
