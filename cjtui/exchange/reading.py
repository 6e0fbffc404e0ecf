"""Reading files to import: strict and streamed, each session checked against the schema
and its guide as it is read."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base import jsonio
from ..base.errors import CjtuiError, Msg
from ..base.fsutil import UnsafePathError, open_regular
from ..domain.guide import Guide, session_problems
from ..domain.model import (
    OLD_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    ModelError,
    Session,
    upgrade_document,
)
from ..domain.study import Study
from ..store.files import MAX_SESSION_BYTES
from .ahead import checked_ahead
from .schema import SESSION_KEYS, schema_problem


class ImportFileError(CjtuiError):
    """A file that cannot be imported: ``file: where: message`` on one line."""


# ---- schema --------------------------------------------------------------------------------


# The keys of a session document in the order cjtui writes them (the audit trail last: the
# store reads a session without it by cutting there).
# A .json file is parsed whole, so it has a size limit; .jsonl is read a line at a time, so any
# number of sessions imports within a fixed amount of memory, one line at most this long.
MAX_JSON_BYTES = 64 * 1024 * 1024
# A line holds one session: as much as the store lets a session hold, and a little more.
MAX_LINE_BYTES = MAX_SESSION_BYTES + 64 * 1024
# A control character can only reach a parsed string through a \u escape, a \r, \b or \f
# escape, or a
# raw C1 character (UTF-8 \xc2\x80-\x9f); raw C0 bytes are not valid JSON. Text with none of
# them needs no cleaning.
_ESCAPED_CONTROL = re.compile(
    rb"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u00[89][0-9a-fA-F]|\\[rbf]|\xc2[\x80-\x9f]|\x7f"
    rb"|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"  # a surrogate escape: lone ones are cleaned
)
_READ_CHUNK = 1024 * 1024


def _open_regular(path: Path) -> tuple[int, int]:
    """Open *path* for reading if it is a regular file (never a link, FIFO or device)."""
    name = str(path)
    try:
        fd, size = open_regular(path, follow_links=False)
    except UnsafePathError as exc:
        raise ImportFileError(Msg("{0}: {1}", name, exc.strerror)) from None
    except OSError as exc:
        raise ImportFileError(Msg("{0}: cannot read: {1}", name, exc.strerror or exc)) from None
    if size == 0:
        os.close(fd)
        raise ImportFileError(Msg("{0}: empty file", name))
    return fd, size


def _is_jsonl(path: Path, head: bytes) -> bool:
    if path.suffix.lower() == ".jsonl":
        return True
    first_line = head.split(b"\n", 1)[0].strip()
    rest = head.split(b"\n", 1)[1].strip() if b"\n" in head else b""
    # One object per line, even in a file named .json (`cjtui export --format jsonl > x.json`).
    if first_line.startswith(b"{") and first_line.endswith(b"}") and rest.startswith(b"{"):
        try:
            jsonio.loads(first_line)
            return True
        except jsonio.JSONFormatError:
            return False
    return False


def iter_import_file(  # noqa: C901 (a file from outside, checked step by step)
    path: Path, digest: Any = None, *, strict: bool = True, ahead: bool = False
) -> Iterator[tuple[str, Any, bool, bytes | None, bool]]:
    """(location, parsed object, may hold control characters, the line as read (JSONL; None
    in a .json document), whether its schema was checked already) for each session in a
    .json or .jsonl file, streaming.

    *digest* (a hashlib object), if given, is fed every byte read. *strict* also refuses
    duplicate keys (the second pass over an unchanged file can skip that). *ahead* checks
    a big JSONL file's lines on a worker process meanwhile (see .ahead): a line it passed
    comes parsed by the fast parser, its schema checked.
    """
    name = str(path)
    parse = jsonio.loads if strict else jsonio.loads_trusted
    fd, size = _open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        head = handle.read(64 * 1024)
        if not head.strip():
            raise ImportFileError(Msg("{0}: empty file", name))
        if not _is_jsonl(path, head):
            if size > MAX_JSON_BYTES:
                raise ImportFileError(
                    Msg(
                        "{0}: {1} bytes is too large for one JSON "
                        "document (limit {2}); export with --format jsonl for big imports",
                        name,
                        size,
                        MAX_JSON_BYTES,
                    )
                )
            data = head + handle.read(MAX_JSON_BYTES + 1 - len(head))
            if digest is not None:
                digest.update(data)
            try:
                obj = parse(data)
            except jsonio.JSONFormatError as exc:
                raise ImportFileError(Msg("{0}: {1}", name, exc)) from None
            dirty = bool(_ESCAPED_CONTROL.search(data))
            if isinstance(obj, list):
                if not obj:
                    raise ImportFileError(Msg("{0}: the array holds no sessions", name))
                for n, item in enumerate(obj):
                    yield f"{name}: [{n}]", item, dirty, None, False
            else:
                yield name, obj, dirty, None, False
            return
        numbered = _jsonl_lines(handle, name, head, digest)
        stream = checked_ahead(numbered) if ahead and strict else _unchecked(numbered)
        found = 0
        for lineno, line, passed in stream:
            try:
                obj = jsonio.loads_trusted(line) if passed else parse(line)
            except jsonio.JSONFormatError as exc:
                raise ImportFileError(Msg("{0}: line {1}: {2}", name, lineno, exc)) from None
            found += 1
            dirty = bool(_ESCAPED_CONTROL.search(line))
            yield Msg("{0}: line {1}", name, lineno), obj, dirty, line, passed
        if not found:
            raise ImportFileError(Msg("{0}: empty file", name))


def _jsonl_lines(handle: Any, name: str, buffer: bytes, digest: Any) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for each line of a JSONL file that holds something, read in
    chunks after *buffer* (what was read already); a line too long is refused."""
    lineno = 0
    while True:
        newline = buffer.find(b"\n")
        if newline < 0:
            if len(buffer) > MAX_LINE_BYTES:
                raise ImportFileError(
                    Msg("{0}: line {1} is longer than {2} bytes", name, lineno + 1, MAX_LINE_BYTES)
                )
            chunk = handle.read(_READ_CHUNK)
            if chunk:
                buffer += chunk
                continue
            line, buffer = buffer, b""
            if not line:
                return
        else:
            line, buffer = buffer[: newline + 1], buffer[newline + 1 :]
        lineno += 1
        if digest is not None:
            digest.update(line)
        if line.strip():
            yield lineno, line


def _unchecked(numbered: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes, bool]]:
    for number, line in numbered:
        yield number, line, False


# Where a session goes: given the session (its study as written, or "" for a file of an
# earlier schema), the study it is imported into. May raise ImportFileError.
Place = Callable[[Session], str]


def guide_study(session: Session) -> str:
    """The study a session of an earlier schema goes to when none is given: one named after
    its guide ("inbound"), made from it."""
    from ..domain.model import slug

    return session.study or slug(session.guide.id, 40) or "imported"


def parse_session(
    where: str,
    data: Any,
    guide_for: Callable[[Session], Guide],
    *,
    check: bool = True,
    dirty: bool = True,
    place: Place = guide_study,
    schema_checked: bool = False,
) -> Session:
    """One exported session, checked against the schema and its guide (unless *check* is
    False: already checked); its text is stripped of control characters (unless the raw
    text showed none: *dirty* False). A file of an earlier schema is upgraded first; *place*
    says which study the session goes to; *schema_checked*: the schema was checked already
    (on the worker of .ahead)."""
    version = data.get("schema") if isinstance(data, dict) else None
    old = version in OLD_SCHEMA_VERSIONS
    if old:
        data = upgrade_document(data, _PENDING)
    if check and not (schema_checked and not old):
        problem = schema_problem(data)
        if problem is not None:
            raise ImportFileError(Msg("{0}: {1}", where, problem))
    try:
        # Clean text is stored as it came (see checked_sessions), so its audit trail, checked
        # by the schema above, need not be built into objects.
        # (An upgraded file is written from the session: its audit trail is needed too.)
        session = Session.from_dict(data, keep_events=dirty or not check or old)
        if dirty:
            session.cleaned()
    except ModelError as exc:
        raise ImportFileError(Msg("{0}: {1}", where, exc)) from None
    if check:
        try:
            guide = guide_for(session)
        except Exception as exc:  # the store's StoreError, or a GuideError
            raise ImportFileError(Msg("{0}: {1}", where, exc)) from None
        problems = session_problems(session, guide)
        if problems:
            raise ImportFileError(Msg("{0}: {1}", where, problems[0]))
    if version == 1:  # written before studies: *place* gives it one
        session.study = ""
    try:
        session.study = place(session)
        session.check_codes()
    except ModelError as exc:
        raise ImportFileError(Msg("{0}: {1}", where, exc)) from None
    except ImportFileError as exc:
        raise ImportFileError(Msg("{0}: {1}", where, exc)) from None
    return session


_PENDING = "pending"  # the study of an upgraded session until *place* gives its own


def _as_written(data: Any, session: Session) -> bool:
    """Whether *data* is exactly what the store would write for *session* (same schema and
    study): only then can its own bytes or dict be stored."""
    return (
        isinstance(data, dict)
        and data.get("schema") == SCHEMA_VERSION
        and data.get("study") == session.study
    )


def _moved(data: Any, session: Session) -> bool:
    """Whether *session*, given as *data* of the current schema, goes to another study than
    the one it names (import --study): its document is then its data with the new study."""
    return (
        isinstance(data, dict)
        and data.get("schema") == SCHEMA_VERSION
        and bool(data.get("study"))
        and data.get("study") != session.study
    )


@dataclass
class ImportPlan:
    """What a first pass over the files found valid: the files' digests and the ids."""

    paths: list[Path]
    digests: list[str]
    ids: list[str]
    guide_for: Callable[[Session], Guide]
    place: Place = guide_study

    def sessions(self) -> Iterator[Session]:
        """Second pass: the same sessions again, streamed; a file changed since the check
        raises ImportFileError (and the store's import rolls back)."""
        for path, expected in zip(self.paths, self.digests, strict=True):
            digest = hashlib.sha256()
            for where, data, dirty, _, _ in iter_import_file(path, digest, strict=False):
                yield parse_session(
                    where, data, self.guide_for, check=False, dirty=dirty, place=self.place
                )
            if digest.hexdigest() != expected:
                raise ImportFileError(Msg("{0}: changed while it was being imported", path))


def check_import(
    paths: list[Path], guide_for: Callable[[Session], Guide], place: Place = guide_study
) -> ImportPlan:
    """First pass: every session in *paths* checked, none kept in memory; the first problem
    raises ImportFileError naming the file."""
    paths = session_files(paths)
    seen: dict[str, str] = {}
    digests: list[str] = []
    for path in paths:
        digest = hashlib.sha256()
        for where, data, dirty, _, _ in iter_import_file(Path(path), digest):
            session = parse_session(where, data, guide_for, dirty=dirty, place=place)
            if session.id in seen:
                raise ImportFileError(
                    Msg(
                        "{0}: id {1} appears twice (also at {2})",
                        where,
                        session.id,
                        seen[session.id],
                    )
                )
            seen[session.id] = where
        digests.append(digest.hexdigest())
    return ImportPlan([Path(p) for p in paths], digests, list(seen), guide_for, place)


def _as_cjtui_writes(line: bytes, session_id: str) -> bool:
    """Whether a checked JSONL line is laid out as cjtui writes a session (its keys in
    order, the audit trail last, ", " and ": " between them): the store can then keep the
    very bytes, and read them back by its fast paths."""
    line = line.strip()
    return (
        line.startswith(f'{{"schema": {SCHEMA_VERSION}, "id": "{session_id}", "study": "'.encode())
        and line.endswith(b"]}")
        and b', "events": [' in line
    )


def checked_sessions(
    paths: list[Path], guide_for: Callable[[Session], Guide], place: Place = guide_study
) -> Iterator[tuple[Session, dict[str, Any] | bytes | None]]:
    """Every session in *paths*, each checked (schema, model, guide, an id given twice) as
    it is read, in one pass: meant for Store.save_many, which stages each one as it comes
    and undoes them all if a later one raises ImportFileError. Memory stays flat.

    Each comes with the document to store when nothing in it had to be cleaned: the line's
    own bytes when it is laid out as cjtui writes (a JSONL export), else the checked data
    (exactly the session's dict form); writing either spares building and dumping the
    session again. None when text was cleaned: the store writes the cleaned session."""
    paths = session_files(paths)
    seen: dict[str, str] = {}
    for path in paths:
        for where, data, dirty, line, checked in iter_import_file(Path(path), ahead=True):
            session = parse_session(
                where, data, guide_for, dirty=dirty, place=place, schema_checked=checked
            )
            if session.id in seen:
                raise ImportFileError(
                    Msg(
                        "{0}: id {1} appears twice (also at {2})",
                        where,
                        session.id,
                        seen[session.id],
                    )
                )
            seen[session.id] = where
            if not dirty and _moved(data, session):  # into another study (--study)
                yield session, {**{key: data[key] for key in SESSION_KEYS}, "study": session.study}
            elif dirty or not _as_written(data, session):
                yield session, None
            elif line is not None and _as_cjtui_writes(line, session.id):
                yield session, line.strip()
            else:
                yield session, {key: data[key] for key in SESSION_KEYS}


def load_import(
    paths: list[Path], guide_for: Callable[[Session], Guide], place: Place = guide_study
) -> list[Session]:
    """Every session in *paths*, checked, in memory (for small sets: tests, benchmarks)."""
    paths = session_files(paths)
    return list(check_import(paths, guide_for, place).sessions())


# ---- studies on import, and copies to share -----------------------------------------------

STUDY_SUFFIX = ".study.json"  # a study's record (cjtui study show ID --json), not sessions


def session_files(paths: Iterable[Path]) -> list[Path]:
    """*paths* without the study records among them."""
    return [Path(p) for p in paths if not Path(p).name.endswith(STUDY_SUFFIX)]


def read_study_file(path: Path) -> Study:
    """A study's record from a NAME.study.json file (`cjtui study show ID --json`),
    checked like any file from outside."""
    from ..base.fsutil import read_regular_file
    from ..domain.study import MAX_STUDY_BYTES, StudyError

    try:
        raw = read_regular_file(path, MAX_STUDY_BYTES)  # the store's own limit
        return Study.from_dict(jsonio.loads(raw))
    except UnsafePathError as exc:
        raise ImportFileError(Msg("{0}: {1}", path, exc.strerror)) from None
    except OSError as exc:
        raise ImportFileError(Msg("{0}: cannot read: {1}", path, exc.strerror or exc)) from None
    except (jsonio.JSONFormatError, StudyError) as exc:
        raise ImportFileError(Msg("{0}: {1}", path, exc)) from None
