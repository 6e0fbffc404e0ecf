"""The audit trail grows with the text typed, not with the square of its length, and still
tells when typing began and ended in each stage."""

from __future__ import annotations

from datetime import datetime, timedelta

from cjtui.base import jsonio
from cjtui.domain.model import PERSONA_STAGE

from .conftest import make_session


def stamps(start: str, step: float):  # type: ignore[no-untyped-def]
    t = datetime.fromisoformat(start)
    while True:
        yield t.isoformat() + "Z"
        t += timedelta(seconds=step)


def test_a_long_answer_typed_over_many_pauses_keeps_two_events() -> None:
    s = make_session("inbound", touchpoints=0)
    before = len(jsonio.dumps(s.to_dict(), indent=None))
    clock = stamps("2026-11-27T10:00:00", 4.5)
    text = ""
    for n in range(400):  # 10,000 characters, a pause every 25
        text += f"then, {n:03d}, they said it. "[:25].ljust(25)
        s.set_answer("awareness", "expected", text, at=next(clock))
    assert len(text) == 10_000
    typed = [e for e in s.events if e.target == "expected"]
    assert len(typed) == 2
    assert typed[0].old is None and typed[-1].new == text
    assert typed[0].new == typed[1].old  # the chain of values still holds
    size = len(jsonio.dumps(s.to_dict(), indent=None)) - before
    assert size < 3 * len(text), size
    from cjtui.domain.model import parse_iso

    span = parse_iso(typed[-1].at) - parse_iso(typed[0].at)
    assert span.total_seconds() == 399 * 4.5  # when typing began and ended is still known
    assert s.stage_timings()["awareness"]["last"] == typed[-1].at


def test_a_long_pause_or_another_field_starts_a_new_run() -> None:
    s = make_session("inbound", touchpoints=0)
    clock = stamps("2026-11-27T10:00:00", 5)
    for word in ("a", "ab", "abc"):
        s.set_answer("awareness", "expected", word, at=next(clock))
    s.set_answer("awareness", "doubts", "x", at=next(clock))
    s.set_answer("awareness", "expected", "abcd", at=next(clock))
    later = "2026-11-27T11:00:00Z"
    s.set_answer("awareness", "expected", "abcde", at=later)
    values = [(e.old, e.new) for e in s.events if e.target == "expected"]
    assert values == [(None, "a"), ("a", "abc"), ("abc", "abcd"), ("abcd", "abcde")]


def test_choices_and_ratings_are_never_merged() -> None:
    s = make_session("full", touchpoints=0)
    clock = stamps("2026-11-27T10:00:00", 2)
    for value in (1, 2, 3, 4):
        s.set_answer("consideration", "effort", value, at=next(clock))
    assert len([e for e in s.events if e.target == "effort"]) == 4
    s.set_persona("context", "a", at=next(clock))
    s.set_persona("context", "ab", at=next(clock))
    s.set_persona("context", "abc", at=next(clock))
    persona = [e for e in s.events if e.kind == "persona"]
    assert len(persona) == 2 and persona[-1].new == "abc"
    assert PERSONA_STAGE == "persona"
