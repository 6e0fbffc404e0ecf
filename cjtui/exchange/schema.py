"""The session's JSON Schema, and the fast checks that give the same verdict on the common case."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

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
    schemas = Path(__file__).resolve().parent.parent / "schema"
    return (schemas / "session.schema.json").read_text("utf-8")


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
