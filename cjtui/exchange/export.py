"""Writing sessions out: JSON, JSON Lines and the analysts' CSV (safe to open in a spreadsheet)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..base import jsonio
from ..base.plain import EXPORT_FORMATS, clean_text
from ..domain.model import (
    Session,
)

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
    # Since cjtui 0.4: the expectation rated next to the lived one, and the "other" channel's
    # name, at the end again.
    "expected",
    "channel_name",
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
                    "" if tp.get("expected") is None else tp["expected"],
                    _cell(tp.get("channel_name", "")),
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
