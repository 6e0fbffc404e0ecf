"""Save one answer with 10 and with 10,000 sessions in the store; print the ratio.

    python bench/bench_save.py [--sizes 10,10000] [--repeat 50]

Target: saving at N=10,000 costs within 2x of saving at N=10.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import Row, fill_store, median_time, print_rows, realistic_session


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


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,10000")
    parser.add_argument("--repeat", type=int, default=50)
    args, _ = parser.parse_known_args(argv)
    small, large = (int(x) for x in args.sizes.split(","))
    base = measure(small, args.repeat)
    big = measure(large, args.repeat)
    return [
        (
            f"save an answer, N={large} vs N={small}",
            f"{big * 1000:.2f} ms",
            f"{base * 1000:.2f} ms",
            big / base,
            2.0,
        )
    ]


if __name__ == "__main__":
    print_rows(main())
