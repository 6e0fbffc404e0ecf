"""What a guide may hold. Guides come from strangers like sessions do: every limit here is
checked when a guide is parsed, so no guide makes validation, the interview, import or a
report hang, crash or use more than a fixed amount of memory (docs/guide-format.md lists
them)."""

from __future__ import annotations

from typing import Any

from ...base.errors import Msg

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 6  # guide > stages > stage > questions > question > options/labels
MAX_STAGES = 12
MAX_QUESTIONS = 40  # per stage, and in the profile
MAX_OPTIONS = 50
MAX_SUGGESTIONS = 60  # suggested touchpoints per stage
MAX_ID = 40  # guide, stage and question ids, option codes
MAX_VERSION = 20
MAX_TEXT = 2_000  # a prompt, a title, a label, a help text
MAX_LONG_TEXT = 10_000  # the consent text, a description
MAX_SCALE_POINTS = 101  # a scale question: 0–100 at most
MAX_SCALE_VALUE = 1_000  # |min|, |max| of a scale question or number question
MAX_EMOTION_POINTS = 11  # the emotion scale: -5..+5 at most
LONG_TEXT_KEYS = frozenset({"consent", "description"})

# Control characters other than tab and newline: an escape sequence in a guide would reach
# the terminal of every interviewer who opens it.
_CONTROL = {c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F} | set(range(0x80, 0xA0))


def control_character(text: str) -> str | None:
    """The first control character in *text*, as U+XXXX, or None."""
    for ch in text:
        if ord(ch) in _CONTROL:
            return f"U+{ord(ch):04X}"
    return None


def raw_problems(raw: Any, where: str = "guide", depth: int = 0) -> list[str]:
    """Problems anywhere in a parsed guide table that no field check would see: nesting
    too deep, control characters, text too long."""
    if depth > MAX_DEPTH:
        return [f"{where}: nested too deeply (at most {MAX_DEPTH} levels)"]
    problems: list[str] = []
    if isinstance(raw, dict):
        for key, value in raw.items():
            if isinstance(key, str) and (bad := control_character(key)):
                problems.append(Msg("{0}: a key holds a control character ({1})", where, bad))
            limit = MAX_LONG_TEXT if key in LONG_TEXT_KEYS else None
            problems += _value_problems(value, f"{where}.{key}", depth, limit)
    elif isinstance(raw, list):
        for n, value in enumerate(raw, 1):
            problems += _value_problems(value, f"{where}[{n}]", depth, None)
    return problems


def _value_problems(value: Any, where: str, depth: int, limit: int | None) -> list[str]:
    if isinstance(value, str):
        if bad := control_character(value):
            return [f"{where}: holds a control character ({bad}); guides hold plain text"]
        long = any(part.split("[")[0] in LONG_TEXT_KEYS for part in where.split("."))
        text_limit = limit or (MAX_LONG_TEXT if long else MAX_TEXT)
        if len(value) > text_limit:
            return [f"{where}: is {len(value)} characters long (at most {text_limit})"]
        return []
    if isinstance(value, dict):
        return raw_problems(value, where, depth + 1)
    if isinstance(value, list):
        return raw_problems(value, where, depth + 1)
    return []
