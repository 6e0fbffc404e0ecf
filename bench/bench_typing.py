"""A long answer typed over half an hour: the session's size against the text, and the cost
of a save at the end against one at the start.

    python bench/bench_typing.py [--chars 10000]

Each commit of typed text (one a pause, every 25 characters here) goes through the store as
in the app. Targets: the session grows by less than 3x the text; a save at the end costs
within 1.5x of one at the start.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import Row, print_rows, realistic_session

from cjtui.store import Store


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=10_000)
    args, _ = parser.parse_known_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "store")
        session = realistic_session(3)
        session.set_status("in_progress")
        store.save(session)
        base = store.path_of(session.id).stat().st_size
        clock = datetime(2026, 11, 27, 10, 0, 0)
        text, saves = "", []
        while len(text) < args.chars:
            text += "they told us what happened, "[: min(25, args.chars - len(text))]
            clock += timedelta(seconds=4)
            session.set_answer("awareness", "expected", text, at=clock.isoformat() + "Z")
            started = time.perf_counter()
            store.save(session)
            saves.append(time.perf_counter() - started)
        grown = store.path_of(session.id).stat().st_size - base
    first = sorted(saves[:20])[10]
    last = sorted(saves[-20:])[10]
    return [
        (
            f"typed answer of {len(text)} chars: session growth vs text",
            f"{grown / 1024:.0f} KB",
            f"{len(text) / 1024:.0f} KB",
            grown / len(text),
            3.0,
        ),
        (
            "save at the end of that answer vs at its start",
            f"{last * 1000:.2f} ms",
            f"{first * 1000:.2f} ms",
            last / first,
            1.5,
        ),
    ]


if __name__ == "__main__":
    print_rows(main())
