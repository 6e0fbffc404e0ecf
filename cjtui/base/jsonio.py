"""Strict JSON in and stable JSON out, shared by the store and import/export.

Python's json module accepts NaN and Infinity and keeps the last of duplicate keys; neither
belongs in interview data, so reading here rejects both.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import CjtuiError, Msg


class JSONFormatError(CjtuiError):
    """Text that is not strict JSON; the message says where."""


# Each reason the standard library's JSON reader gives -> what cjtui says (in the
# interface's language: tests/test_hostile_imports.py checks every one is here).
_REASONS = {
    "Expecting value": Msg("a value expected"),
    "Expecting property name enclosed in double quotes": Msg("a key in double quotes expected"),
    "Expecting ':' delimiter": Msg("':' expected after the key"),
    "Expecting ',' delimiter": Msg("',' expected between two items"),
    "Unterminated string starting at": Msg("text whose closing quote is missing"),
    "Invalid control character at": Msg("a control character inside text"),
    "Invalid \\escape": Msg("a backslash escape JSON does not have"),
    "Invalid \\uXXXX escape": Msg("a \\u escape without four hexadecimal digits"),
    "Extra data": Msg("more after the end of the JSON value"),
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": Msg("a byte-order mark before the JSON"),
    "Illegal trailing comma before end of object": Msg("a comma before the end of an object"),
    "Illegal trailing comma before end of array": Msg("a comma before the end of a list"),
}
# Why bytes are not UTF-8, as Python's decoder says it -> what cjtui says.
_UTF8 = {
    "invalid start byte": Msg("a byte that cannot start a character"),
    "invalid continuation byte": Msg("a character cut short"),
    "unexpected end of data": Msg("a character cut short at the end"),
}


def not_utf8(exc: UnicodeDecodeError) -> Msg:
    """Why bytes are not UTF-8 text, and where (the byte's position)."""
    reason = _UTF8.get(exc.reason)
    if reason is None:
        return Msg("not UTF-8 text (byte {0})", exc.start)
    return Msg("not UTF-8 text: {0} at byte {1}", reason, exc.start)


def _not_json(exc: json.JSONDecodeError) -> JSONFormatError:
    """A JSON syntax error said by cjtui: why, then where (the column alone in one line)."""
    reason: object = _REASONS.get(exc.msg, exc.msg)
    if "\n" not in exc.doc.rstrip():  # one line (a JSON Lines line, with its newline)
        return JSONFormatError(Msg("not JSON: {0} (column {1})", reason, exc.colno))
    return JSONFormatError(
        Msg("not JSON: {0} (line {1}, column {2})", reason, exc.lineno, exc.colno)
    )


def _no_constants(name: str) -> Any:
    raise JSONFormatError(Msg("{0} is not allowed", name))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # built in C; only an object with a repeated key is looked at again
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JSONFormatError(Msg("duplicate key {0}", repr(key)))
            seen.add(key)
    return out


MAX_NUMBER_DIGITS = 30  # no number in a session is longer; a longer one is refused


def _number(text: str) -> int | float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise JSONFormatError(
            Msg("a number of {0} digits (at most {1})", len(text), MAX_NUMBER_DIGITS)
        )
    return float(text) if any(c in text for c in ".eE") else int(text)


def loads(text: str | bytes) -> Any:
    """Parse strict JSON: no NaN/Infinity, no duplicate keys; a clear error otherwise."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONFormatError(not_utf8(exc)) from None
    if "\x00" in text:
        raise JSONFormatError(Msg("NUL byte at character {0}", text.index(chr(0))))
    if not text.strip():
        raise JSONFormatError(Msg("empty"))
    try:
        return json.loads(
            text,
            parse_constant=_no_constants,
            object_pairs_hook=_no_duplicates,
            parse_int=_number,
        )
    except json.JSONDecodeError as exc:
        raise _not_json(exc) from None
    except RecursionError:
        raise JSONFormatError(Msg("nested too deeply")) from None
    except ValueError as exc:  # a number of thousands of digits, say
        why = exc if isinstance(exc, JSONFormatError) else str(exc).split(";")[0]
        raise JSONFormatError(Msg("not JSON cjtui can read: {0}", why)) from None


_C1 = re.compile("[\x7f-\x9f]")


def loads_trusted(data: bytes | str) -> Any:
    """Parse JSON that cjtui wrote itself (the store): the fast C parser, NaN still refused.
    Duplicate keys are not looked for here; imports go through :func:`loads`."""
    try:
        return json.loads(data, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise _not_json(exc) from None
    except UnicodeDecodeError as exc:
        raise JSONFormatError(not_utf8(exc)) from None
    except RecursionError:
        raise JSONFormatError(Msg("nested too deeply")) from None
    except ValueError as exc:  # a number of thousands of digits, say
        why = exc if isinstance(exc, JSONFormatError) else str(exc).split(";")[0]
        raise JSONFormatError(Msg("not JSON cjtui can read: {0}", why)) from None


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """Serialise with real Unicode (accents stay readable) and no NaN.

    json escapes C0 controls itself; DEL and C1 controls are escaped here too, so no
    output of cjtui carries a raw control character to a terminal.
    """
    text = json.dumps(obj, ensure_ascii=False, indent=indent, allow_nan=False)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
