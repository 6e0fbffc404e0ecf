"""An import's lines checked ahead on a worker process while this one stages and writes what
was checked: the strict parse (duplicate keys refused) and the JSON Schema, the two slowest
checks, run on another CPU. A line the worker passes is parsed here by the fast parser into
the very same data and its schema is not checked twice; a line it does not pass (or any line,
without a second CPU or for a short file) is checked here in full, so every error is said
exactly as it always is. Nothing is skipped: each line is checked strictly once."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from ..base import jsonio
from ..domain.model import SCHEMA_VERSION
from .schema import schema_problem

CHUNK = 64  # lines a worker checks at a time
AHEAD = 4  # chunks in flight: at most CHUNK × AHEAD lines held (a few MB)
WORTH = 256  # lines a file needs for the worker to be started (its start-up costs)


def verdicts(lines: list[bytes]) -> list[bool]:
    """(On the worker.) Whether each line is a session of the current schema that the
    strict parse and the schema both take."""
    out = []
    for line in lines:
        try:
            data = jsonio.loads(line)
        except jsonio.JSONFormatError:
            out.append(False)
            continue
        out.append(
            isinstance(data, dict)
            and data.get("schema") == SCHEMA_VERSION
            and schema_problem(data) is None
        )
    return out


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def checked_ahead(lines: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes, bool]]:
    """Each (line number, line) of *lines*, in order, with whether the worker passed it."""
    first = list(islice(lines, WORTH))
    if len(first) < WORTH or _cpus() < 2:
        for number, line in chain(first, lines):
            yield number, line, False
        return
    # "spawn": a fresh interpreter, never a fork of this process and its writer threads.
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield from _through(pool, _chunks(chain(first, lines)))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


Chunk = list[tuple[int, bytes]]


def _chunks(items: Iterator[tuple[int, bytes]]) -> Iterator[Chunk]:
    while chunk := list(islice(items, CHUNK)):
        yield chunk


def _through(
    pool: ProcessPoolExecutor, chunks: Iterator[Chunk]
) -> Iterator[tuple[int, bytes, bool]]:
    """The chunks' lines with the worker's verdicts, AHEAD chunks in flight."""
    pending: deque[tuple[Chunk, Future[list[bool]] | None]] = deque()
    for chunk in chunks:
        try:
            job: Future[list[bool]] | None = pool.submit(verdicts, [line for _, line in chunk])
        except RuntimeError:  # the pool broke (its worker killed): checked here
            job = None
        pending.append((chunk, job))
        if len(pending) >= AHEAD:
            yield from _answered(pending.popleft())
    while pending:
        yield from _answered(pending.popleft())


def _answered(done: tuple[Chunk, Future[list[bool]] | None]) -> Iterator[tuple[int, bytes, bool]]:
    chunk, job = done
    try:
        passed = job.result() if job is not None else [False] * len(chunk)
    except Exception:  # the worker died, or could not start: these lines are checked here
        passed = [False] * len(chunk)
    for (number, line), ok in zip(chunk, passed, strict=True):
        yield number, line, ok
