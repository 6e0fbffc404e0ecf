"""The interview app on a pseudo-terminal at 80x24, against a bare Textual app (Header,
Input, Footer) and against itself on an empty store.

    python bench/bench_tui.py [--n 10000]

First frame: spawn until the first screen's text is painted. Keystroke: CPU time and
terminal bytes per character typed into an answer field. Memory: peak resident size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import REPEAT, ROOT, Row, fill_store, interleaved_min, print_rows, realistic_session

sys.path.insert(0, str(ROOT / "tests"))
from pty_helpers import PtyApp  # noqa: E402

BARE = [sys.executable, str(Path(__file__).resolve().parent / "bare_app.py")]
CJTUI = [sys.executable, "-m", "cjtui"]
TICK = os.sysconf("SC_CLK_TCK")


# Start-up is the minimum of this many runs, cjtui and its reference taking turns.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "11"))


def frame(argv: list[str], needle: str) -> Callable[[], object]:
    """Spawn *argv* on a pty and wait until *needle* is painted (timed by the caller)."""

    def run() -> None:
        app = PtyApp(argv[1:], program=argv[:1])
        try:
            app.wait_for(needle, timeout=60, poll=0.002)
        finally:
            app.close()

    return run


def first_frames(apps: dict[str, tuple[list[str], str]]) -> dict[str, float]:
    return interleaved_min({k: frame(*v) for k, v in apps.items()}, ROUNDS)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def keystrokes(
    apps: dict[str, tuple[list[str], str]], chars: int = 60
) -> dict[str, tuple[float, float]]:
    """(CPU seconds, terminal bytes) per character typed in each app: the minimum CPU and
    the median bytes of REPEAT runs, the apps taking turns."""
    cpu: dict[str, list[float]] = {k: [] for k in apps}
    volume: dict[str, list[float]] = {k: [] for k in apps}
    for r in range(REPEAT):
        for name in list(apps) if r % 2 == 0 else list(reversed(apps)):
            c, v = keystroke_run(*apps[name], chars)
            cpu[name].append(c)
            volume[name].append(v)
    return {k: (min(cpu[k]), statistics.median(volume[k])) for k in apps}


def keystroke_run(argv: list[str], ready: str, chars: int) -> tuple[float, float]:
    app = PtyApp(argv[1:], program=argv[:1])
    try:
        app.wait_for(ready, timeout=60)
        # Warm up alike in both apps (first keystrokes load code paths once), then measure
        # the steady cost of a keystroke.
        time.sleep(0.5)
        for n in range(10):
            app.type("klmnopqrst"[n])
            time.sleep(0.03)
        time.sleep(1.5)
        cpu0, bytes0 = cpu_seconds(app.proc.pid), len(app.output)
        for n in range(chars):
            app.type("abcdefghij"[n % 10])
            time.sleep(0.03)
        time.sleep(1.5)  # let autosave (and the bare app) settle: the same wait for both
        return (
            (cpu_seconds(app.proc.pid) - cpu0) / chars,
            (len(app.output) - bytes0) / chars,
        )
    finally:
        app.close()


def memory(argv: list[str], ready: str) -> int:
    samples = []
    for _ in range(max(3, REPEAT // 2)):
        app = PtyApp(argv[1:], program=argv[:1])
        try:
            app.wait_for(ready, timeout=60)
            time.sleep(1.0)
            samples.append(peak_kb(app.proc.pid))
        finally:
            app.close()
    return int(statistics.median(samples))


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    args, _ = parser.parse_known_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        empty = fill_store(Path(tmp) / "empty", 0)
        ten = fill_store(Path(tmp) / "ten", 10)
        big = fill_store(Path(tmp) / "big", args.n)
        typing = fill_store(Path(tmp) / "typing", 0)
        session = realistic_session(1)
        session.set_status("in_progress")  # a completed one would open on its summary
        session.set_persona("context", "")
        session.set_persona("context", "x")  # resume returns to this one-line answer field
        typing.save(session)

        best = first_frames(
            {
                "bare": (BARE, "type here"),
                "ours": (CJTUI + ["--db", str(ten.root), "--lang", "en"], "Participant"),
            }
        )
        bare, ours = best["bare"], best["ours"]
        rows.append(
            (
                "TUI first frame (10 sessions) vs bare app",
                f"{ours * 1000:.0f} ms",
                f"{bare * 1000:.0f} ms",
                ours / bare,
                1.3,
            )
        )
        best = first_frames(
            {
                "base": (CJTUI + ["--db", str(empty.root), "--lang", "en"], "Press n"),
                "full": (CJTUI + ["--db", str(big.root), "--lang", "en"], "Participant"),
            }
        )
        base, full = best["base"], best["full"]
        rows.append(
            (
                f"Home first frame, N={args.n} vs empty",
                f"{full * 1000:.0f} ms",
                f"{base * 1000:.0f} ms",
                full / base,
                1.5,
            )
        )

        resume, ready = ["interview", "--resume", session.id], "About the participant"
        typed = keystrokes(
            {
                "bare": (BARE, "type here"),
                "ours": (CJTUI + ["--db", str(typing.root), "--lang", "en"] + resume, ready),
            }
        )
        (bare_cpu, bare_bytes), (our_cpu, our_bytes) = typed["bare"], typed["ours"]
        rows.append(
            (
                "keystroke CPU vs bare Input",
                f"{our_cpu * 1000:.2f} ms",
                f"{bare_cpu * 1000:.2f} ms",
                our_cpu / bare_cpu,
                1.5,
            )
        )
        rows.append(
            (
                "keystroke terminal bytes vs bare Input",
                f"{our_bytes:.0f} B",
                f"{bare_bytes:.0f} B",
                our_bytes / bare_bytes,
                1.5,
            )
        )

        small_mem = memory(CJTUI + ["--db", str(empty.root), "--lang", "en"], "Press n")
        big_mem = memory(CJTUI + ["--db", str(big.root), "--lang", "en"], "Participant")
        rows.append(
            (
                f"TUI peak memory, N={args.n} vs empty",
                f"{big_mem / 1024:.0f} MB",
                f"{small_mem / 1024:.0f} MB",
                big_mem / small_mem,
                1.5,
            )
        )
    return rows


if __name__ == "__main__":
    print_rows(main())
