"""A guide's TOML syntax error said by cjtui: the standard library's reader says why in
English and where as "(at line 3, column 5)"; each reason it can give is a message here,
so the error reads in the interface's language (and names the line and column apart)."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from ...base.errors import Msg

_AT = re.compile(
    r"^(?P<reason>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$",
    re.DOTALL,
)

# Each reason tomllib gives (Python 3.11 to 3.13) -> what cjtui says. A value the reason
# carries (a key, a character) is kept as it is: it is the guide's text.
_FIXED: dict[str, Callable[[], Msg]] = {
    "Invalid statement": lambda: Msg("a line that is neither a key = value nor a [table]"),
    "Invalid value": lambda: Msg("a value that is not valid TOML (text needs quotes)"),
    "Cannot overwrite a value": lambda: Msg("a key given twice"),
    "Expected '=' after a key in a key/value pair": lambda: Msg("'=' expected after the key"),
    "Expected ']' at the end of a table declaration": lambda: Msg(
        "']' expected at the end of the table's name"
    ),
    "Expected ']]' at the end of an array declaration": lambda: Msg(
        "']]' expected at the end of the table's name"
    ),
    "Expected newline or end of document after a statement": lambda: Msg(
        "something unexpected after the value (a line break was expected)"
    ),
    "Invalid initial character for a key part": lambda: Msg("a key that starts wrongly"),
    "Unclosed array": lambda: Msg("a list ([…]) left open"),
    "Unclosed inline table": lambda: Msg("an inline table ({{…}}) left open"),
    "Unescaped '\\' in a string": lambda: Msg("a backslash in text that escapes nothing"),
    "Invalid hex value": lambda: Msg("a \\u or \\U escape that is not hexadecimal"),
    "Escaped character is not a Unicode scalar value": lambda: Msg(
        "an escaped character that Unicode does not have"
    ),
    "Unterminated string": lambda: Msg("text whose closing quote is missing"),
    "Invalid date or datetime": lambda: Msg("a date or time that does not exist"),
}
_WITH_VALUE: tuple[tuple[re.Pattern[str], Callable[[str], Msg]], ...] = (
    (re.compile(r"^Cannot declare (.+) twice$"), lambda v: Msg("table {0} declared twice", v)),
    (
        re.compile(r"^Cannot mutate immutable namespace (.+)$"),
        lambda v: Msg("{0} cannot be changed here (it was given whole)", v),
    ),
    (
        re.compile(r"^Cannot redefine namespace (.+)$"),
        lambda v: Msg("{0} cannot be declared again", v),
    ),
    (
        re.compile(r"^Duplicate inline table key (.+)$"),
        lambda v: Msg("key {0} twice in one inline table", v),
    ),
    (re.compile(r"^Expected (.+)$"), lambda v: Msg("{0} expected", v)),
    (
        re.compile(r"^Found invalid character (.+)$"),
        lambda v: Msg("character {0} not allowed here", v),
    ),
    (
        re.compile(r"^Illegal character (.+)$"),
        lambda v: Msg("character {0} not allowed in text", v),
    ),
)


def _key(text: str) -> str:
    """A key as tomllib gives it (a tuple's repr, ('a', 'b')) as the guide writes it, a.b."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text
    if isinstance(value, tuple) and all(isinstance(part, str) for part in value):
        return ".".join(value)
    return text


def reason(text: str) -> Msg | None:
    """What cjtui says for one of tomllib's reasons, or None for one it does not know."""
    fixed = _FIXED.get(text)
    if fixed is not None:
        return fixed()
    for pattern, make in _WITH_VALUE:
        found = pattern.match(text)
        if found:
            return make(_key(found.group(1)))
    return None


def syntax_error(exc: ValueError) -> Msg:
    """A guide's TOML syntax error (tomllib.TOMLDecodeError) as one line: why, then where."""
    text = str(exc)
    found = _AT.match(text)
    said = reason(found.group("reason")) if found else None
    if found is None or said is None:
        return Msg("toml: {0}", text)  # a reason of a later Python's, as it says it
    if found.group("line") is None:
        return Msg("toml: {0} (at the end of the file)", said)
    return Msg(
        "toml: {0} (line {1}, column {2})",
        said,
        int(found.group("line")),
        int(found.group("column")),
    )
