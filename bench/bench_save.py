"""Save one answer with 10 and with 10,000 sessions in the store; print the ratio.

    python bench/bench_save.py [--sizes 10,10000] [--repeat 50]

Target: saving at N=10,000 costs within 2x of saving at N=10.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import fill_store, median_time, realistic_session


def measure(count: int, repeat: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        store = fill_store(Path(tmp) / "store", count)
        session = realistic_session(7)
        store.save(session)
        n = 0

        def save_one() -> None:
            nonlocal n
            n += 1
            session.set_answer("awareness", "expected", f"answer {n}")
            store.save(session)

        return median_time(save_one, repeat)


def main() -> list[tuple[str, float, str]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,10000")
    parser.add_argument("--repeat", type=int, default=50)
    args, _ = parser.parse_known_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    results = [(n, measure(n, args.repeat)) for n in sizes]
    base = results[0][1]
    rows = []
    for n, seconds in results:
        ratio = seconds / base
        rows.append((f"save an answer, N={n}", seconds * 1000, f"{ratio:.2f}x of N={sizes[0]}"))
        print(f"save an answer  N={n:>6}  median {seconds * 1000:7.2f} ms  {ratio:5.2f}x")
    return rows


if __name__ == "__main__":
    main()
