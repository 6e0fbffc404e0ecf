"""Helpers shared by the benchmarks: synthetic stores of realistic sessions, and timing."""

from __future__ import annotations

import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cjtui import jsonio  # noqa: E402
from cjtui.guide import builtin_guide  # noqa: E402
from cjtui.model import Session, new_touchpoint  # noqa: E402
from cjtui.store import SESSION_TABLE, Store  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "sample_sessions"


def realistic_session(n: int) -> Session:
    """A completed session of about 5-6 KB: answers, persona and rated touchpoints."""
    guide = builtin_guide("full" if n % 2 else "inbound")
    lang = "es" if n % 3 else "en"
    s = Session.new(
        guide.ref,
        guide.stage_ids,
        language=lang,
        perspective="customer" if n % 4 else "internal",
        moment=("before", "after", None)[n % 3],
        interviewer="bench",
        alias=f"P{n}",
        segment="bench",
    )
    if s.perspective == "customer":
        s.give_consent(guide.consent_sha256(lang))
    s.set_persona("needs", "Una respuesta de longitud realista sobre lo que necesitaba resolver.")
    for stage in guide.stages:
        for q in stage.questions[:3]:
            if q.type in ("text", "long_text"):
                s.set_answer(stage.id, q.id, "Texto de una respuesta típica, de una o dos frases.")
        for k in range(2):
            tp = s.add_touchpoint(stage.id, new_touchpoint(f"{stage.id} punto {k}", "web"))
            s.update_touchpoint(
                tp.id,
                emotion=(n + k) % 5 - 2,
                note="Una cita breve.",
                owner="Equipo",
                process="Proceso",
            )
    s.set_status("completed")
    return s


def fill_store(root: Path, count: int) -> Store:
    """A store with *count* sessions. Files are written directly (no fsync) to keep set-up fast;
    the format is the store's own (one TinyDB document per file)."""
    store = Store.open(root)
    template = realistic_session(1).to_dict()
    for _ in range(count):
        template["id"] = str(uuid.uuid4())
        data = {SESSION_TABLE: {"1": template}}
        store.path_of(template["id"]).write_text(jsonio.dumps(data, indent=None), "utf-8")
    return store


def median_time(func: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
