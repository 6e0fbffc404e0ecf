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


def _compile_package() -> None:
    """Byte-compile cjtui first, as installing it does: a start-up measured while Python
    compiles the sources (PYTHONDONTWRITEBYTECODE set, or sources just edited) would count
    the compiler, not cjtui; the references' libraries come compiled by pip."""
    import compileall

    compileall.compile_dir(str(ROOT / "cjtui"), quiet=1)


_compile_package()

from cjtui.base import jsonio  # noqa: E402
from cjtui.domain.guide import builtin_guide  # noqa: E402
from cjtui.domain.model import Session, new_touchpoint  # noqa: E402
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
        study=guide.id,
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


def real_sized_documents() -> list[dict[str, object]]:
    """Session documents the size interviews really are: the sample sessions as they are
    (9–24 KB with their audit trail, both guides, es and en, customer and internal), and a
    long interview on the full guide whose audit trail is three times as long (about 50 KB),
    as one in ten."""
    from cjtui.exchange import load_import

    samples = load_import(sorted(SAMPLES.glob("*.json")), lambda s: builtin_guide(s.guide.id))
    documents = [s.to_dict() for s in samples]
    longest = max(
        (d for d in documents if d["guide"]["id"] == "full"),  # type: ignore[index]
        key=lambda d: len(d["events"]),  # type: ignore[arg-type]
    )
    long = dict(longest, events=list(longest["events"]) * 3)  # type: ignore[call-overload]
    return documents + [long]


def document_sizes() -> list[int]:
    """The sizes in bytes of the session files fill_store writes, one per template."""
    return [
        len(jsonio.dumps({SESSION_TABLE: {"1": d}}, indent=None).encode())
        for d in _weighted(real_sized_documents())
    ]


def _weighted(documents: list[dict[str, object]]) -> list[dict[str, object]]:
    """The samples once each, and the long interview one time in ten."""
    samples, long = documents[:-1], documents[-1]
    return samples + [long] if len(samples) >= 9 else documents


def fill_store(root: Path, count: int, study: str | None = None) -> Store:
    """A store with *count* real-sized sessions (see real_sized_documents), each with its own
    id and alias. Files are written directly (no fsync) to keep set-up fast, in the store's
    own format (one TinyDB document per file). *study*: only that study's interviews (one
    study of *count* sessions), else the samples' five studies."""
    store = Store.open(root)
    templates = _weighted(real_sized_documents())
    if study is not None:
        templates = [t for t in templates if t["study"] == study]
    for n in range(count):
        template = templates[n % len(templates)]
        participant = dict(template["participant"], alias=f"Participante {n}")  # type: ignore[call-overload]
        data = dict(template, id=str(uuid.uuid4()), participant=participant)
        document = jsonio.dumps({SESSION_TABLE: {"1": data}}, indent=None)
        store.path_of(data["id"]).write_text(document, "utf-8")
    return store


def interleaved_min(commands: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The minimum time of each command over *rounds* rounds, the commands taking turns (and
    changing order every round), so that what the machine is doing meanwhile falls on both
    alike; the minimum is the run least disturbed, as start-up time is usually reported."""
    best = {name: float("inf") for name in commands}
    names = list(commands)
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            started = time.perf_counter()
            commands[name]()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def run_quietly(argv: list[str], **kwargs: object) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, **kwargs
        )

    return run


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
