"""Helpers shared by the benchmarks: synthetic stores of realistic sessions, timing, and
running programs on a pseudo-terminal. Every benchmark compares against a reference
measured in the same run, so its ratios hold on a noisy machine."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cjtui import jsonio  # noqa: E402
from cjtui.guide import builtin_guide  # noqa: E402
from cjtui.model import Session, new_touchpoint  # noqa: E402
from cjtui.store import SESSION_TABLE, Store  # noqa: E402

SAMPLES = ROOT / "sample_sessions"
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))


def realistic_session(n: int) -> Session:
    """A completed session of about 4-8 KB (the size seen in the field): persona, an
    answer and a rated touchpoint per stage, and the audit trail those changes leave.
    Alternates guides, languages, perspectives and moments."""
    guide = builtin_guide("full" if n % 2 else "inbound")
    lang = "es" if n % 3 else "en"
    s = Session.new(
        guide.ref,
        guide.stage_ids,
        language=lang,
        perspective="customer" if n % 4 else "internal",
        moment=("before", "after", None)[n % 3],
        interviewer="bench",
        alias=f"Participante {n}",
        segment="bench",
    )
    if s.perspective == "customer":
        s.give_consent(guide.consent_sha256(lang))
    s.set_persona("needs", "Una respuesta de longitud realista sobre lo que necesitaba resolver.")
    for stage in guide.stages:
        question = next(q for q in stage.questions if q.type in ("text", "long_text"))
        s.set_answer(stage.id, question.id, "Texto de una respuesta típica, de una o dos frases.")
        tp = s.add_touchpoint(stage.id, new_touchpoint(f"{stage.id} punto {n % 7}", "web"))
        s.update_touchpoint(tp.id, emotion=n % 5 - 2, pain=n % 5 < 2, note="Una cita breve.")
    s.set_status("completed")
    return s


def fill_store(root: Path, count: int) -> Store:
    """A store with *count* sessions. Files are written directly (no fsync) to keep set-up
    fast, in the store's own format (one TinyDB document per file)."""
    store = Store.open(root)
    templates = [realistic_session(n).to_dict() for n in range(12)]
    for n in range(count):
        data = dict(templates[n % len(templates)], id=str(uuid.uuid4()))
        document = jsonio.dumps({SESSION_TABLE: {"1": data}}, indent=None)
        store.path_of(data["id"]).write_text(document, "utf-8")
    return store


def median_time(func: Callable[[], object], repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def command_time(argv: list[str], repeat: int = REPEAT, env: dict[str, str] | None = None) -> float:
    """Median wall time of running a command to completion."""

    def run() -> None:
        subprocess.run(
            argv,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
            env=dict(os.environ, **(env or {})),
        )

    run()  # warm the page cache
    return median_time(run, repeat)


def cjtui_argv() -> list[str]:
    return [sys.executable, "-m", "cjtui"]


Row = tuple[str, str, str, float, float]  # what, value, reference, ratio-or-value, limit


def print_rows(rows: list[Row]) -> None:
    """One table: what | measured | reference | ratio (or seconds) | target | ok."""
    print(f"{'what':<44} {'measured':>12} {'reference':>12} {'ratio':>7} {'target':>7}  ok")
    for what, value, reference, ratio, limit in rows:
        ok = "yes" if ratio <= limit else "NO"
        print(f"{what:<44} {value:>12} {reference:>12} {ratio:>7.2f} {limit:>7.2f}  {ok}")
