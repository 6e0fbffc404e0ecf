"""Import and export of sessions: JSON, JSON Lines and the analysts' CSV.

An exported session is exactly ``Session.to_dict()``; the JSON Schema that describes it ships
in ``cjtui/schema/session.schema.json``. Import is strict: every session is checked against
the schema and against its guide before anything is written, and a bad file is named with
its first problem.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import jsonio
from .guide import Guide, session_problems
from .model import ModelError, Session

FORMATS: tuple[str, ...] = ("json", "jsonl", "csv")
CSV_COLUMNS: tuple[str, ...] = (
    "session_id",
    "participant",
    "perspective",
    "moment",
    "guide",
    "language",
    "status",
    "stage",
    "position",
    "touchpoint",
    "channel",
    "emotion",
    "pain",
    "note",
    "process",
    "owner",
    "opportunity",
)
# Import reads a file whole; past this size it refuses rather than exhaust memory.
MAX_IMPORT_BYTES = 256 * 1024 * 1024
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ImportFileError(ValueError):
    """A file that cannot be imported: ``file: where: message`` on one line."""


# ---- schema --------------------------------------------------------------------------------


def schema_text() -> str:
    return resources.files("cjtui.schema").joinpath("session.schema.json").read_text("utf-8")


@cache
def schema() -> dict[str, Any]:
    return json.loads(schema_text())


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def schema_problem(data: Any) -> str | None:
    """The first way *data* breaks the session schema, as ``path: message``, or None."""
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(top)"
    message = error.message
    if len(message) > 160:
        message = message[:157] + "..."
    return f"{where}: {message}"


# ---- export --------------------------------------------------------------------------------


def to_json(sessions: list[Session], *, single: bool = False) -> str:
    """One object for a single session asked for by id, else an array."""
    if single and len(sessions) == 1:
        return jsonio.dumps(sessions[0].to_dict()) + "\n"
    return jsonio.dumps([s.to_dict() for s in sessions]) + "\n"


def to_jsonl(sessions: Iterable[Session]) -> str:
    return "".join(jsonio.dumps(s.to_dict(), indent=None) + "\n" for s in sessions)


def _cell(value: Any) -> Any:
    # A text cell that a spreadsheet would run as a formula is quoted with a leading '.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_rows(sessions: Iterable[Session]) -> Iterable[list[Any]]:
    """One row per touchpoint, in journey order, with the session's context."""
    for session in sessions:
        position = 0
        for record in session.stages:
            for tp in record.touchpoints:
                position += 1
                yield [
                    session.id,
                    _cell(session.participant.alias),
                    session.perspective,
                    session.moment or "",
                    session.guide.id,
                    session.language,
                    session.status,
                    record.id,
                    position,
                    _cell(tp.name),
                    tp.channel,
                    "" if tp.emotion is None else tp.emotion,
                    "true" if tp.pain else "false",
                    _cell(tp.note),
                    _cell(tp.process),
                    _cell(tp.owner),
                    _cell(tp.opportunity),
                ]


def to_csv(sessions: Iterable[Session]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(sessions))
    return out.getvalue()


def render(sessions: list[Session], fmt: str, *, single: bool = False) -> str:
    if fmt == "json":
        return to_json(sessions, single=single)
    if fmt == "jsonl":
        return to_jsonl(sessions)
    if fmt == "csv":
        return to_csv(sessions)
    raise ValueError(f"unknown format {fmt!r}")


# ---- import --------------------------------------------------------------------------------


def read_import_file(path: Path) -> list[tuple[str, Any]]:
    """Read a .json or .jsonl file into (location, object) pairs, one per session.

    Refuses symlinks, FIFOs and other non-regular files, empty files and oversized ones.
    """
    name = str(path)
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise ImportFileError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise ImportFileError(f"{name}: is a symbolic link; give the file itself")
    if not stat.S_ISREG(info.st_mode):
        raise ImportFileError(f"{name}: not a regular file")
    if info.st_size == 0:
        raise ImportFileError(f"{name}: empty file")
    if info.st_size > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"{name}: {info.st_size} bytes is more than the {MAX_IMPORT_BYTES} an import reads"
        )
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ImportFileError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise ImportFileError(f"{name}: empty file")
    stripped = text.lstrip()
    if path.suffix.lower() != ".jsonl" and stripped[:1] in "[{":
        try:
            obj = jsonio.loads(text)
        except jsonio.JSONFormatError as exc:
            raise ImportFileError(f"{name}: {exc}") from None
        if isinstance(obj, list):
            if not obj:
                raise ImportFileError(f"{name}: the array holds no sessions")
            return [(f"{name}: [{n}]", item) for n, item in enumerate(obj)]
        return [(name, obj)]
    items: list[tuple[str, Any]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append((f"{name}: line {lineno}", jsonio.loads(line)))
        except jsonio.JSONFormatError as exc:
            raise ImportFileError(f"{name}: line {lineno}: {exc}") from None
    if not items:
        raise ImportFileError(f"{name}: empty file")
    return items


def parse_session(where: str, data: Any, guide_for: Callable[[Session], Guide]) -> Session:
    """Check one exported session against the schema and its guide; raise ImportFileError."""
    problem = schema_problem(data)
    if problem is not None:
        raise ImportFileError(f"{where}: {problem}")
    try:
        session = Session.from_dict(data)
    except ModelError as exc:
        raise ImportFileError(f"{where}: {exc}") from None
    try:
        guide = guide_for(session)
    except Exception as exc:  # the store's StoreError, or a GuideError
        raise ImportFileError(f"{where}: {exc}") from None
    problems = session_problems(session, guide)
    if problems:
        raise ImportFileError(f"{where}: {problems[0]}")
    return session


def load_import(paths: list[Path], guide_for: Callable[[Session], Guide]) -> list[Session]:
    """Every session in *paths*, all checked; the first problem raises ImportFileError."""
    sessions: list[Session] = []
    seen: dict[str, str] = {}
    for path in paths:
        for where, data in read_import_file(Path(path)):
            session = parse_session(where, data, guide_for)
            if session.id in seen:
                raise ImportFileError(
                    f"{where}: id {session.id} appears twice (also at {seen[session.id]})"
                )
            seen[session.id] = where
            sessions.append(session)
    return sessions
