"""The session model: its rules, its audit trail and its dict form."""

from __future__ import annotations

import pytest

from cjtui.base.plain import clean_text
from cjtui.domain.guide import builtin_guide
from cjtui.domain.model import (
    ModelError,
    Session,
    Touchpoint,
    new_touchpoint,
)

from .conftest import make_session


def new(perspective: str = "customer") -> Session:
    guide = builtin_guide("inbound")
    return Session.new(
        guide.ref,
        guide.stage_ids,
        study=guide.id,
        language="es",
        perspective=perspective,
        alias="Ana",
        at="2026-01-01T10:00:00Z",
    )


def test_new_session_has_one_empty_record_per_stage_and_a_created_event() -> None:
    s = new()
    assert [r.id for r in s.stages] == ["awareness", "consideration", "decision"]
    assert all(not r.answers and not r.touchpoints for r in s.stages)
    assert s.status == "in_progress"
    assert [e.kind for e in s.events] == ["created"]
    assert s.started_at == s.updated_at == "2026-01-01T10:00:00Z"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"language": "fr"}, "language"),
        ({"perspective": "boss"}, "perspective"),
        ({"moment": "during"}, "moment"),
    ],
)
def test_new_session_rejects_unknown_values(kwargs: dict, message: str) -> None:
    guide = builtin_guide("inbound")
    args = {"language": "es", "perspective": "customer", "moment": None} | kwargs
    with pytest.raises(ModelError, match=message):
        Session.new(guide.ref, guide.stage_ids, **args)


def test_customer_session_stores_nothing_before_consent() -> None:
    s = new("customer")
    with pytest.raises(ModelError, match="consent"):
        s.set_answer("awareness", "trigger", "x")
    with pytest.raises(ModelError, match="consent"):
        s.set_persona("needs", "x")
    with pytest.raises(ModelError, match="consent"):
        s.add_touchpoint("awareness", Touchpoint(name="web"))
    s.give_consent("ab" * 32, at="2026-01-01T10:01:00Z")
    assert s.set_answer("awareness", "trigger", "x", at="2026-01-01T10:02:00Z")
    assert s.stage("awareness").answers == {"trigger": "x"}


def test_internal_session_needs_no_consent() -> None:
    s = new("internal")
    assert s.set_answer("awareness", "trigger", "they saw an advert")


def test_every_change_is_one_event_with_old_and_new_values() -> None:
    s = new("internal")
    s.set_answer("awareness", "trigger", "first", at="2026-01-01T10:01:00Z")
    s.set_answer("awareness", "trigger", "second", at="2026-01-01T10:02:00Z")
    assert not s.set_answer("awareness", "trigger", "second")  # no change, no event
    answer_events = [e for e in s.events if e.kind == "answer"]
    assert [(e.stage, e.target, e.old, e.new) for e in answer_events] == [
        ("awareness", "trigger", None, "first"),
        ("awareness", "trigger", "first", "second"),
    ]
    assert s.updated_at == "2026-01-01T10:02:00Z"


def test_clearing_an_answer_removes_it_and_logs_it() -> None:
    s = new("internal")
    s.set_answer("decision", "tipped", "price")
    s.set_answer("decision", "tipped", None)
    assert "tipped" not in s.stage("decision").answers
    assert s.events[-1].old == "price" and s.events[-1].new is None


def test_pain_defaults_on_for_negative_rating_and_can_be_overridden() -> None:
    s = new("internal")
    tp = s.add_touchpoint("awareness", new_touchpoint("Call", "phone"))
    s.update_touchpoint(tp.id, emotion=-2)
    assert tp.pain is True
    s.update_touchpoint(tp.id, emotion=1)
    assert tp.pain is False
    s.update_touchpoint(tp.id, emotion=0, pain=True)  # set against the default
    s.update_touchpoint(tp.id, emotion=2)
    assert tp.pain is True, "an explicit pain flag survives a new rating"
    s.update_touchpoint(tp.id, pain=False)
    s.update_touchpoint(tp.id, emotion=-1)
    assert tp.pain is True


def test_touchpoint_fields_and_channels_are_checked() -> None:
    s = new("internal")
    with pytest.raises(ModelError, match="channel"):
        s.add_touchpoint("awareness", Touchpoint(name="x", channel="fax"))
    tp = s.add_touchpoint("awareness", new_touchpoint("x", "mail"))
    with pytest.raises(ModelError, match="channel"):
        s.update_touchpoint(tp.id, channel="pigeon")
    with pytest.raises(ModelError, match="no field"):
        s.update_touchpoint(tp.id, colour="red")


def test_touchpoints_move_within_their_stage_and_remove() -> None:
    s = new("internal")
    a = s.add_touchpoint("consideration", new_touchpoint("a"))
    b = s.add_touchpoint("consideration", new_touchpoint("b"))
    c = s.add_touchpoint("consideration", new_touchpoint("c"))
    assert s.move_touchpoint(c.id, -2)
    assert [t.name for t in s.stage("consideration").touchpoints] == ["c", "a", "b"]
    assert not s.move_touchpoint(c.id, -1), "already first"
    s.remove_touchpoint(a.id)
    assert [t.name for t in s.stage("consideration").touchpoints] == ["c", "b"]
    assert [e.kind for e in s.events[-2:]] == ["touchpoint_moved", "touchpoint_removed"]
    assert b in s.stage("consideration").touchpoints


def test_control_characters_are_stripped_on_input_but_text_is_kept() -> None:
    s = new("internal")
    s.set_answer("awareness", "trigger", "a\x1b[2Jb\x07c\r\nd\te [bold]x[/]\x9b")
    assert s.stage("awareness").answers["trigger"] == "a[2Jbc\nd\te [bold]x[/]"
    assert clean_text("ñandú 😀") == "ñandú 😀"


def test_status_completed_sets_and_clears_completed_at() -> None:
    s = new("internal")
    s.set_status("completed", at="2026-01-01T11:00:00Z")
    assert s.completed_at == "2026-01-01T11:00:00Z"
    s.set_status("in_progress")
    assert s.completed_at is None
    with pytest.raises(ModelError):
        s.set_status("paused")


def test_abandoned_session_refuses_changes() -> None:
    s = new("internal")
    s.set_status("abandoned")
    with pytest.raises(ModelError, match="abandoned"):
        s.set_answer("awareness", "trigger", "late")


def test_stage_timings_come_from_the_events() -> None:
    s = new("internal")
    s.set_answer("awareness", "trigger", "a", at="2026-01-01T10:00:10Z")
    s.set_answer("awareness", "expected", "b", at="2026-01-01T10:03:10Z")
    s.set_answer("consideration", "options", "c", at="2026-01-01T10:04:00Z")
    timings = s.stage_timings()
    assert timings["awareness"]["seconds"] == 180
    assert timings["consideration"]["seconds"] == 0
    assert s.last_position() == ("consideration", "options")


def test_dict_round_trip_is_exact() -> None:
    s = make_session("full")
    data = s.to_dict()
    assert Session.from_dict(data).to_dict() == data


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.pop("stages"), "not a session"),
        (lambda d: d.update(id="not-a-uuid"), "UUID"),
        (lambda d: d.update(status="paused"), "status"),
        (lambda d: d["consent"].update(given=False), "consent"),
        (lambda d: d["stages"][0]["touchpoints"][0].update(emotion=1.5), "whole number"),
        (lambda d: d.update(schema=99), "schema"),
    ],
)
def test_from_dict_rejects_broken_sessions(mutate, message: str) -> None:
    data = make_session().to_dict()
    mutate(data)
    with pytest.raises(ModelError, match=message):
        Session.from_dict(data)
