"""Import and export of sessions: JSON, JSON Lines and the analysts' CSV.

An exported session is exactly ``Session.to_dict()``; the JSON Schema that describes it ships
in ``cjtui/schema/session.schema.json``. Import is strict: every session is checked against
the schema and against its guide before anything is written, and a bad file is named with
its first problem.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import jsonio
from .errors import CjtuiError
from .fsutil import UnsafePathError, open_regular
from .guide import Guide, session_problems
from .model import (
    OLD_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    ModelError,
    Session,
    instant,
    upgrade_document,
)
from .plain import EXPORT_FORMATS, clean_text
from .store.files import MAX_SESSION_BYTES
from .study import Study

FORMATS = EXPORT_FORMATS
CSV_COLUMNS: tuple[str, ...] = (
    "study",
    "session_id",
    "participant",
    "code",
    "perspective",
    "moment",
    "guide",
    "language",
    "status",
    "stage",
    "position",
    "touchpoint",
    "touchpoint_key",
    "channel",
    "emotion",
    "pain",
    "quote",
    "note",
    "process",
    "owner",
    "opportunity",
    # Since schema 3, at the end so that sheets built on the columns above keep working.
    "pain_kind",
    "severity",
    "process_problem",
    "added_stage",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet skips before it looks for a formula's first character: spaces of every
# kind (no-break, zero-width, ideographic) and the byte-order mark; and the full-width forms
# of = + - @ that some spreadsheets read as the plain ones.
_INVISIBLE_LEAD = (
    " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)
_WIDE_FORMULA = ("\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe62", "\ufe63", "\u2212")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take *text* for a formula."""
    core = text.lstrip(_INVISIBLE_LEAD)
    return text.startswith(_FORMULA_START) or core.startswith(_FORMULA_START + _WIDE_FORMULA)


class ImportFileError(CjtuiError):
    """A file that cannot be imported: ``file: where: message`` on one line."""


# ---- schema --------------------------------------------------------------------------------


# The keys of a session document in the order cjtui writes them (the audit trail last: the
# store reads a session without it by cutting there).
SESSION_KEYS = (
    "schema",
    "id",
    "study",
    "guide",
    "language",
    "perspective",
    "moment",
    "interviewer",
    "status",
    "started_at",
    "updated_at",
    "completed_at",
    "participant",
    "consent",
    "stages",
    "events",
)


def schema_text() -> str:
    return (Path(__file__).resolve().parent / "schema" / "session.schema.json").read_text("utf-8")


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


@cache
def _fast_validator() -> Callable[[Any], Any]:
    import fastjsonschema

    # fastjsonschema compiles the schema to Python code: ~13x faster than jsonschema on a
    # session. It knows drafts up to 7; the schema uses nothing newer ($defs is reached by
    # JSON pointer), so it is compiled as draft 7.
    compiled: Callable[[Any], Any] = fastjsonschema.compile(
        dict(schema(), **{"$schema": "http://json-schema.org/draft-07/schema#"})
    )
    return compiled


@cache
def _event_rules() -> tuple[frozenset[str], frozenset[str], Callable[[str], Any], int]:
    """The schema's own rules for one audit event: its keys, its kinds, its timestamp, the
    length of a user name."""
    defs = schema()["$defs"]
    event = defs["event"]
    return (
        frozenset(event["required"]),
        frozenset(event["properties"]["kind"]["enum"]),
        re.compile(defs["timestamp"]["pattern"]).search,
        int(event["properties"]["by"]["maxLength"]),
    )


def _events_valid(events: Any) -> bool:
    """Whether *events* meets the schema's ``events`` rule, checked by hand: the audit trail
    is most of a session's objects, and a plain loop over it is several times faster than
    the generated validator. Exactly as strict: the keys are all there and no other, ``at``
    matches the timestamp pattern, ``kind`` is one of the kinds, ``by`` is a short string,
    ``stage``, ``target`` and ``field`` are strings or null (``old`` and ``new`` may be
    anything)."""
    keys, kinds, timestamp, longest = _event_rules()
    if type(events) is not list:
        return False
    for event in events:
        if type(event) is not dict or event.keys() != keys:
            return False
        at, kind = event["at"], event["kind"]
        if type(at) is not str or not timestamp(at) or type(kind) is not str or kind not in kinds:
            return False
        by = event["by"]
        if type(by) is not str or len(by) > longest:
            return False
        for name in ("stage", "target", "field"):
            value = event[name]
            if value is not None and type(value) is not str:
                return False
    return True


@cache
def _answer_rules() -> tuple[int, int, int, int, Callable[[str], Any], int]:
    """The schema's own numbers for a table of answers: most entries, text length, choices
    and their length, the pattern and length of a question id."""
    defs = schema()["$defs"]
    string, _number, _boolean, array = defs["answer"]["oneOf"]
    return (
        defs["answers"]["maxProperties"],
        string["maxLength"],
        array["maxItems"],
        array["items"]["maxLength"],
        re.compile(defs["name"]["pattern"]).search,
        defs["name"]["maxLength"],
    )


def _answers_valid(answers: Any) -> bool:
    """Whether a table of answers meets the schema's ``answers`` rule, checked by hand like
    the audit trail (the generated validator tries each kind of answer in turn, raising on
    every miss). Exactly as strict: the keys are question ids, each value a text, a number,
    true or false, or a list of short texts."""
    most, text, choices, choice, name, name_length = _answer_rules()
    if type(answers) is not dict or len(answers) > most:
        return False
    for key, value in answers.items():
        if len(key) > name_length or not name(key):
            return False
        kind = type(value)
        if kind is str:
            if len(value) > text:
                return False
        elif kind is list:
            if len(value) > choices:
                return False
            for item in value:
                if type(item) is not str or len(item) > choice:
                    return False
        elif kind not in (int, float, bool):
            return False
    return True


def _without_answers(data: dict[str, Any]) -> dict[str, Any] | None:
    """*data* with its audit trail and answers emptied (checked apart), or None when its
    answers fail their check or the shape is not even that of a session."""
    try:
        participant = data["participant"]
        stages = data["stages"]
        if not _answers_valid(participant["persona"]) or type(stages) is not list:
            return None
        emptied = []
        for stage in stages:
            if not _answers_valid(stage["answers"]):
                return None
            emptied.append({**stage, "answers": {}})
        return {
            **data,
            "events": [],
            "participant": {**participant, "persona": {}},
            "stages": emptied,
        }
    except (KeyError, TypeError):
        return None


def schema_problem(data: Any) -> str | None:
    """The first way *data* breaks the session schema, as ``path: message``, or None.

    Valid data is confirmed by the fast validator (the audit trail by _events_valid, the
    rest by the compiled schema); only invalid data goes to jsonschema, whose best_match
    gives the clearest message.
    """
    import fastjsonschema

    try:
        if isinstance(data, dict) and _events_valid(data.get("events")):
            rest = _without_answers(data)
            if rest is not None:
                _fast_validator()(rest)
                return None
    except fastjsonschema.JsonSchemaException:
        pass
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "(top)"
    return f"{where}: {_reason(error)}"


def _reason(error: Any) -> str:
    """Why a value breaks the schema, the reason first and the value after, shortened (so a
    cut never hides the reason)."""
    limit, value = error.validator_value, error.instance
    size = len(value) if isinstance(value, str | list | dict) else 0
    reasons: dict[str, Callable[[], str]] = {
        "maxLength": lambda: f"longer than {limit} characters ({size})",
        "maxItems": lambda: f"more than {limit} items ({size})",
        "maxProperties": lambda: f"more than {limit} entries ({size})",
        "pattern": lambda: "not in the expected form",
        "enum": lambda: "must be one of " + ", ".join(json.dumps(v) for v in limit),
        "type": lambda: f"must be of type {limit}",
        "const": lambda: f"must be {json.dumps(limit)}",
    }
    make = reasons.get(error.validator)
    reason = make() if make is not None else None
    if reason is None:
        message: str = error.message
        return message if len(message) <= 160 else message[:157] + "..."
    shown = repr(value)
    return f"{reason}: {shown if len(shown) <= 40 else shown[:39] + '…'}"


# ---- export --------------------------------------------------------------------------------


Exportable = Session | dict[str, Any]


def _as_dict(item: Exportable) -> dict[str, Any]:
    return item.to_dict() if isinstance(item, Session) else item


def to_json(sessions: Sequence[Exportable], *, single: bool = False) -> str:
    """One indented object for a single session asked for by id; else an array with one
    session per line (readable, and fast to write for thousands of sessions)."""
    if single and len(sessions) == 1:
        return jsonio.dumps(_as_dict(sessions[0])) + "\n"
    return lines_to_json([jsonio.dumps(_as_dict(s), indent=None) for s in sessions])


def to_jsonl(sessions: Iterable[Exportable]) -> str:
    return "".join(jsonio.dumps(_as_dict(s), indent=None) + "\n" for s in sessions)


def lines_to_json(lines: list[str]) -> str:
    """An array from sessions already serialised one per line (see Store.exported)."""
    if not lines:
        return "[]\n"
    return "[\n" + ",\n".join("  " + line for line in lines) + "\n]\n"


def lines_to_jsonl(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _cell(value: Any) -> Any:
    # Control characters never reach a spreadsheet (or a terminal), and a text cell that a
    # spreadsheet would run as a formula is quoted with a leading '.
    if isinstance(value, str):
        value = clean_text(value)
        if formula_like(value):
            return "'" + value
    return value


# What stands in a quote's place when the participant did not agree to be quoted.
WITHHELD = "[withheld: no consent to quote]"


def quote_shown(quote: str, quotes_allowed: bool) -> str:
    """A touchpoint's quote as any output may show it: itself only where consent allows
    quoting; else a marker that one was withheld (nothing when there is none)."""
    if not quote:
        return ""
    return quote if quotes_allowed else WITHHELD


def csv_rows(sessions: Iterable[Exportable]) -> Iterator[list[Any]]:
    """One row per touchpoint, in journey order, with the session's context. A quote shows
    only where the participant agreed to be quoted."""
    for item in sessions:
        s = _as_dict(item)
        quotes = bool(s["consent"]["quotes"])
        position = 0
        for record in s["stages"]:
            for tp in record["touchpoints"]:
                position += 1
                emotion = tp["emotion"]
                yield [
                    s["study"],
                    s["id"],
                    _cell(s["participant"]["alias"]),
                    s["participant"]["code"],
                    s["perspective"],
                    s["moment"] or "",
                    s["guide"]["id"],
                    s["language"],
                    s["status"],
                    record["id"],
                    position,
                    _cell(tp["name"]),
                    tp["key"],
                    tp["channel"],
                    "" if emotion is None else emotion,
                    "true" if tp["pain"] else "false",
                    _cell(quote_shown(tp["quote"], quotes)),
                    _cell(tp["note"]),
                    _cell(tp["process"]),
                    _cell(tp["owner"]),
                    _cell(tp["opportunity"]),
                    tp["pain_kind"],
                    "" if tp["severity"] is None else tp["severity"],
                    tp["process_problem"],
                    _cell(record["title"]) if record["added"] else "",
                ]


def to_csv(sessions: Iterable[Exportable], *, excel: bool = False) -> str:
    """One row per touchpoint. *excel*: the variant spreadsheets set to Spanish (and most
    European) locales open directly: a byte-order mark, ``;`` between cells, CRLF lines."""
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.writer(
        out, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
    )
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(sessions))
    return out.getvalue()


def render(
    sessions: Sequence[Exportable], fmt: str, *, single: bool = False, excel: bool = False
) -> str:
    if fmt == "json":
        return to_json(sessions, single=single)
    if fmt == "jsonl":
        return to_jsonl(sessions)
    if fmt == "csv":
        return to_csv(sessions, excel=excel)
    raise ValueError(f"unknown format {fmt!r}")


# ---- import --------------------------------------------------------------------------------

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
        raise ImportFileError(f"{name}: {exc.strerror}") from None
    except OSError as exc:
        raise ImportFileError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if size == 0:
        os.close(fd)
        raise ImportFileError(f"{name}: empty file")
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
    path: Path, digest: Any = None, *, strict: bool = True
) -> Iterator[tuple[str, Any, bool, bytes | None]]:
    """(location, parsed object, may hold control characters, the line as read (JSONL; None
    in a .json document)) for each session in a .json or
    .jsonl file, streaming.

    *digest* (a hashlib object), if given, is fed every byte read. *strict* also refuses
    duplicate keys (the second pass over an unchanged file can skip that).
    """
    name = str(path)
    parse = jsonio.loads if strict else jsonio.loads_trusted
    fd, size = _open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        head = handle.read(64 * 1024)
        if not head.strip():
            raise ImportFileError(f"{name}: empty file")
        if not _is_jsonl(path, head):
            if size > MAX_JSON_BYTES:
                raise ImportFileError(
                    f"{name}: {size} bytes is too large for one JSON document (limit "
                    f"{MAX_JSON_BYTES}); export with --format jsonl for big imports"
                )
            data = head + handle.read(MAX_JSON_BYTES + 1 - len(head))
            if digest is not None:
                digest.update(data)
            try:
                obj = parse(data)
            except jsonio.JSONFormatError as exc:
                raise ImportFileError(f"{name}: {exc}") from None
            dirty = bool(_ESCAPED_CONTROL.search(data))
            if isinstance(obj, list):
                if not obj:
                    raise ImportFileError(f"{name}: the array holds no sessions")
                for n, item in enumerate(obj):
                    yield f"{name}: [{n}]", item, dirty, None
            else:
                yield name, obj, dirty, None
            return
        buffer = head
        lineno = 0
        found = 0
        while True:
            newline = buffer.find(b"\n")
            if newline < 0:
                if len(buffer) > MAX_LINE_BYTES:
                    raise ImportFileError(
                        f"{name}: line {lineno + 1} is longer than {MAX_LINE_BYTES} bytes"
                    )
                chunk = handle.read(_READ_CHUNK)
                if chunk:
                    buffer += chunk
                    continue
                line, buffer = buffer, b""
                if not line:
                    break
            else:
                line, buffer = buffer[: newline + 1], buffer[newline + 1 :]
            lineno += 1
            if digest is not None:
                digest.update(line)
            if not line.strip():
                continue
            try:
                obj = parse(line)
            except jsonio.JSONFormatError as exc:
                raise ImportFileError(f"{name}: line {lineno}: {exc}") from None
            found += 1
            yield f"{name}: line {lineno}", obj, bool(_ESCAPED_CONTROL.search(line)), line
        if not found:
            raise ImportFileError(f"{name}: empty file")


# Where a session goes: given the session (its study as written, or "" for a file of an
# earlier schema), the study it is imported into. May raise ImportFileError.
Place = Callable[[Session], str]


def guide_study(session: Session) -> str:
    """The study a session of an earlier schema goes to when none is given: one named after
    its guide ("inbound"), made from it."""
    from .model import slug

    return session.study or slug(session.guide.id, 40) or "imported"


def parse_session(
    where: str,
    data: Any,
    guide_for: Callable[[Session], Guide],
    *,
    check: bool = True,
    dirty: bool = True,
    place: Place = guide_study,
) -> Session:
    """One exported session, checked against the schema and its guide (unless *check* is
    False: already checked); its text is stripped of control characters (unless the raw
    text showed none: *dirty* False). A file of an earlier schema is upgraded first; *place*
    says which study the session goes to."""
    version = data.get("schema") if isinstance(data, dict) else None
    old = version in OLD_SCHEMA_VERSIONS
    if old:
        data = upgrade_document(data, _PENDING)
    if check:
        problem = schema_problem(data)
        if problem is not None:
            raise ImportFileError(f"{where}: {problem}")
    try:
        # Clean text is stored as it came (see checked_sessions), so its audit trail, checked
        # by the schema above, need not be built into objects.
        # (An upgraded file is written from the session: its audit trail is needed too.)
        session = Session.from_dict(data, keep_events=dirty or not check or old)
        if dirty:
            session.cleaned()
    except ModelError as exc:
        raise ImportFileError(f"{where}: {exc}") from None
    if check:
        try:
            guide = guide_for(session)
        except Exception as exc:  # the store's StoreError, or a GuideError
            raise ImportFileError(f"{where}: {exc}") from None
        problems = session_problems(session, guide)
        if problems:
            raise ImportFileError(f"{where}: {problems[0]}")
    if version == 1:  # written before studies: *place* gives it one
        session.study = ""
    try:
        session.study = place(session)
        session.check_codes()
    except ModelError as exc:
        raise ImportFileError(f"{where}: {exc}") from None
    except ImportFileError as exc:
        raise ImportFileError(f"{where}: {exc}") from None
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
            for where, data, dirty, _ in iter_import_file(path, digest, strict=False):
                yield parse_session(
                    where, data, self.guide_for, check=False, dirty=dirty, place=self.place
                )
            if digest.hexdigest() != expected:
                raise ImportFileError(f"{path}: changed while it was being imported")


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
        for where, data, dirty, _ in iter_import_file(Path(path), digest):
            session = parse_session(where, data, guide_for, dirty=dirty, place=place)
            if session.id in seen:
                raise ImportFileError(
                    f"{where}: id {session.id} appears twice (also at {seen[session.id]})"
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
        for where, data, dirty, line in iter_import_file(Path(path)):
            session = parse_session(where, data, guide_for, dirty=dirty, place=place)
            if session.id in seen:
                raise ImportFileError(
                    f"{where}: id {session.id} appears twice (also at {seen[session.id]})"
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
    from .fsutil import read_regular_file
    from .study import MAX_STUDY_BYTES, StudyError

    try:
        raw = read_regular_file(path, MAX_STUDY_BYTES)  # the store's own limit
        return Study.from_dict(jsonio.loads(raw))
    except UnsafePathError as exc:
        raise ImportFileError(f"{path}: {exc.strerror}") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (jsonio.JSONFormatError, StudyError) as exc:
        raise ImportFileError(f"{path}: {exc}") from None


class StudyPlacer:
    """Which study each imported session goes to (the *place* of checked_sessions):
    *into* when given; else the study the session names; a session of an earlier schema,
    a study on its guide (the store's, or one made from the guide). A study named but not
    in the store is made from its record (a .study.json imported with it) or its guide.
    A study is one questionnaire: a session taken with another guide file is refused."""

    def __init__(self, stored: list[Study], records: list[Study], *, into: str | None) -> None:
        self.studies = {s.id: s for s in stored}
        self.stored = set(self.studies)
        self.recorded: set[str] = set()
        for record in records:
            known = self.studies.get(record.id)
            if known is not None and known.guide.sha256 != record.guide.sha256:
                raise ImportFileError(
                    f"study {record.id}: the store's is on another guide file than the record's"
                )
            if known is None:
                self.studies[record.id] = record
                self.recorded.add(record.id)
        self.into = into
        # Sessions placed in another study than the one they named: (id, that study, the
        # sha256 of the consent text they agreed to).
        self.moves: list[tuple[str, str, str | None]] = []

    def place(self, session: Session) -> str:
        from .study import free_study_id, new_study

        target = self.into or session.study
        if session.study and session.study not in (target, "pending"):
            self.moves.append((session.id, session.study, session.consent.text_sha256))
        if not target:  # an earlier schema: a study on its guide
            for known in sorted(self.studies.values(), key=lambda s: s.created_at):
                if known.guide.sha256 == session.guide.sha256:
                    return known.id
            target = free_study_id(session.guide.id, self.studies)
        study = self.studies.get(target)
        if study is None:
            ref = session.guide
            study = self.studies[target] = new_study(target, ref, title=f"{ref.id} {ref.version}")
        if study.guide.sha256 != session.guide.sha256:
            ref = session.guide
            raise ImportFileError(
                f"session {session.id[:8]} was taken with guide {ref.id} {ref.version} (sha256 "
                f"{ref.sha256[:12]}…); study {study.id} is on {study.guide.id} "
                f"{study.guide.version} (sha256 {study.guide.sha256[:12]}…)"
            )
        return target

    def new_studies(self) -> list[Study]:
        return [s for i, s in sorted(self.studies.items()) if i not in self.stored]


def redacted(session: Session) -> Session:
    """A copy of *session* fit to share outside the team: the alias replaced by the
    participant code (or the id's first 8 characters), persona free text, the interviewer
    and the audit trail removed, and quotes kept only where consent allows."""
    import copy

    out = copy.deepcopy(session)
    out.participant.alias = out.participant.code or f"#{out.id[:8]}"
    out.participant.persona = {
        k: v for k, v in out.participant.persona.items() if not isinstance(v, str)
    }
    out.interviewer = ""
    out.events = []
    if not out.consent.quotes:
        for _, tp in out.touchpoints():
            tp.quote = ""
    return out


# ---- the same session from another store ------------------------------------------------------

# How a session given again relates to the one stored (see import_case).
IMPORT_CASES: tuple[str, ...] = ("unchanged", "continued", "behind", "conflict")


def import_case(given: Session, stored: Session) -> str:
    """How *given* (an import's) relates to *stored* (the same id here), by their audit
    trails: ``unchanged`` (the same), ``continued`` (taken on elsewhere: its trail extends
    ours), ``behind`` (ours extends it: taken on here) or ``conflict`` (both changed since
    they parted). A run of typing that went on counts as the same change going on."""
    mine, theirs = [e.to_dict() for e in stored.events], [e.to_dict() for e in given.events]
    if mine == theirs:
        return "unchanged" if given.to_dict() == stored.to_dict() else "conflict"
    if _extends(theirs, mine):
        return "continued"
    if _extends(mine, theirs):
        return "behind"
    # A conflict decided on one side (--keep ours) names the version it set aside: that
    # version, met again, is behind the decided one.
    if _sets_aside(given, stored):
        return "continued"
    if _sets_aside(stored, given):
        return "behind"
    return "conflict"


def _sets_aside(kept: Session, other: Session) -> bool:
    """Whether *kept* records a conflict decided for it over *other*, as *other* is now."""
    decided = [e.new for e in kept.events if e.kind == "conflict_decided"]
    return bool(decided) and other.trail_digest() in decided


def _extends(longer: list[dict[str, Any]], shorter: list[dict[str, Any]]) -> bool:
    """Whether the trail *longer* goes on from *shorter*: the same events, the last one
    perhaps a run of typing that went on (the same field, by the same person, later)."""
    if len(longer) < len(shorter) or not shorter:
        return False
    if longer[: len(shorter) - 1] != shorter[:-1]:
        return False
    last, then = shorter[-1], longer[len(shorter) - 1]
    if last == then:
        return True
    same = ("kind", "stage", "target", "field", "by", "old")
    if not all(last[k] == then[k] for k in same):
        return False
    before, after = instant(last["at"]), instant(then["at"])
    if before is None or after is None or after < before:
        return False
    # A run of typing goes on only when the later text extends the earlier one: two
    # servers that typed on in the same answer after they parted are a conflict, never
    # one silently replacing the other; a choice goes on only as the same choice.
    was, now = last["new"], then["new"]
    if isinstance(was, str) and isinstance(now, str):
        return now.startswith(was)
    return bool(was == now)


def differences(given: Session, stored: Session, most: int = 6) -> list[str]:
    """What differs between two versions of one session, briefly: which answers, stage
    words, touchpoints and statuses (not the values: the terminal shows no interview text
    it was not asked for)."""
    out: list[str] = []
    if given.status != stored.status:
        out.append(f"status {stored.status} here, {given.status} there")
    if given.participant.to_dict() != stored.participant.to_dict():
        out.append("participant")
    theirs = {r.id: r for r in given.stages}
    for record in stored.stages:
        other = theirs.pop(record.id, None)
        if other is None:
            out.append(f"stage {record.id} only here")
            continue
        keys = sorted(
            k
            for k in {*record.answers, *other.answers}
            if record.answers.get(k) != other.answers.get(k)
        )
        out += [f"{record.id}.{k}" for k in keys]
        if record.words != other.words or record.title != other.title:
            out.append(f"{record.id} words")
        if [t.to_dict() for t in record.touchpoints] != [t.to_dict() for t in other.touchpoints]:
            out.append(f"{record.id} touchpoints")
    out += [f"stage {stage_id} only there" for stage_id in theirs]
    if not out:
        out.append("audit trail")
    return out[:most] + ([f"{len(out) - most} more"] if len(out) > most else [])
