"""Run every benchmark and print one table.

    python bench/run.py [--n 10000]

Each row compares a measurement with a reference taken in the same run (or, for the
big-store commands, with a time limit in seconds); `ok` says whether the target holds.
Environment: BENCH_REPEAT (default 5) runs per median.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time

import bench_cli
import bench_save
import bench_tui
import bench_typing
from common import REPEAT, print_rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = []
    rows += bench_cli.main(["--n", str(args.n)])
    rows += bench_save.main(["--sizes", f"10,{args.n}"])
    rows += bench_typing.main([])
    rows += bench_tui.main(["--n", str(args.n)])
    print(
        f"cjtui benchmarks: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} "
        f"cores, Python {platform.python_version()}, medians of {REPEAT} runs, "
        f"N={args.n} ({time.perf_counter() - started:.0f} s)"
    )
    print_rows(rows)
    return 0 if all(r[3] <= r[4] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
