"""The command line: start-up against `import click, tinydb`, and list, export, import and
report on a store of N sessions (10,000 by default).

    python bench/bench_cli.py [--n 10000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPEAT, Row, cjtui_argv, command_time, fill_store, median_time, print_rows


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    args, _ = parser.parse_known_args(argv)
    n = args.n
    rows: list[Row] = []
    reference = command_time([sys.executable, "-c", "import click, tinydb"])
    ref = f"{reference * 1000:.0f} ms"
    with tempfile.TemporaryDirectory() as tmp:
        small = fill_store(Path(tmp) / "small", 10)
        for what, extra in (("cjtui --help", ["--help"]), ("cjtui list (10 sessions)", ["list"])):
            seconds = command_time(cjtui_argv() + ["--db", str(small.root), *extra])
            rows.append((what, f"{seconds * 1000:.0f} ms", ref, seconds / reference, 1.5))

        big = fill_store(Path(tmp) / "big", n)
        db = ["--db", str(big.root)]
        seconds = command_time(cjtui_argv() + db + ["list"])
        rows.append((f"cjtui list, N={n} (s)", f"{seconds:.2f} s", "0.5 s", seconds, 0.5))
        for fmt in ("json", "jsonl", "csv"):
            seconds = command_time(cjtui_argv() + db + ["export", "--format", fmt])
            rows.append(
                (
                    f"cjtui export --format {fmt}, N={n} (s)",
                    f"{seconds:.2f} s",
                    "1.5 s",
                    seconds,
                    1.5,
                )
            )
        seconds = command_time(cjtui_argv() + db + ["report", "--guide", "full"])
        rows.append((f"cjtui report, N={n} (s)", f"{seconds:.2f} s", "2 s", seconds, 2.0))

        jsonl = Path(tmp) / "all.jsonl"
        with open(jsonl, "wb") as handle:
            subprocess.run(
                cjtui_argv() + db + ["export", "--format", "jsonl"], stdout=handle, check=True
            )
        runs = iter(range(10_000))

        def import_once() -> None:
            target = Path(tmp) / f"import{next(runs)}"
            subprocess.run(
                cjtui_argv() + ["--db", str(target), "import", str(jsonl)],
                stdout=subprocess.DEVNULL,
                check=True,
            )

        started = time.perf_counter()
        seconds = median_time(import_once, max(3, REPEAT))
        del started
        rows.append((f"cjtui import (jsonl), N={n} (s)", f"{seconds:.2f} s", "15 s", seconds, 15.0))
    return rows


if __name__ == "__main__":
    print_rows(main())
