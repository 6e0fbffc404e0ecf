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
from pathlib import Path

from common import REPEAT, ROOT, Row, fill_store, print_rows, realistic_session

sys.path.insert(0, str(ROOT / "tests"))
from pty_helpers import PtyApp  # noqa: E402

BARE = [sys.executable, str(Path(__file__).resolve().parent / "bare_app.py")]
CJTUI = [sys.executable, "-m", "cjtui"]
TICK = os.sysconf("SC_CLK_TCK")


def first_frame(argv: list[str], needle: str) -> float:
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        app = PtyApp(argv[1:], program=argv[:1])
        try:
            app.wait_for(needle, timeout=60, poll=0.002)
            samples.append(time.perf_counter() - started)
        finally:
            app.close()
    return statistics.median(samples)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def keystrokes(argv: list[str], ready: str, chars: int = 60) -> tuple[float, float]:
    """(CPU seconds, terminal bytes) per character typed, medians of REPEAT runs."""
    cpu, volume = [], []
    for _ in range(REPEAT):
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
            cpu.append((cpu_seconds(app.proc.pid) - cpu0) / chars)
            volume.append((len(app.output) - bytes0) / chars)
        finally:
            app.close()
    return statistics.median(cpu), statistics.median(volume)


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

        bare = first_frame(BARE, "type here")
        ours = first_frame(CJTUI + ["--db", str(ten.root), "--lang", "en"], "Participant")
        rows.append(
            (
                "TUI first frame (10 sessions) vs bare app",
                f"{ours * 1000:.0f} ms",
                f"{bare * 1000:.0f} ms",
                ours / bare,
                1.3,
            )
        )
        base = first_frame(CJTUI + ["--db", str(empty.root), "--lang", "en"], "Press n")
        full = first_frame(CJTUI + ["--db", str(big.root), "--lang", "en"], "Participant")
        rows.append(
            (
                f"Home first frame, N={args.n} vs empty",
                f"{full * 1000:.0f} ms",
                f"{base * 1000:.0f} ms",
                full / base,
                1.5,
            )
        )

        bare_cpu, bare_bytes = keystrokes(BARE, "type here")
        our_cpu, our_bytes = keystrokes(
            CJTUI + ["--db", str(typing.root), "--lang", "en", "interview", "--resume", session.id],
            "About the participant",
        )
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
