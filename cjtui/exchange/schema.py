"""The session's JSON Schema, and the fast checks that give the same verdict on the common case."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from ..base.errors import Msg

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


def schema_problem(data: Any) -> Msg | None:
    """The first way *data* breaks the session schema, as ``path: reason``, or None.

    Valid data is confirmed by the fast validator (the audit trail by _events_valid, the
    rest by the compiled schema); only invalid data goes to jsonschema, whose best_match
    picks the clearest error. Its reason is said by cjtui (a Msg, in every language), never
    in jsonschema's English.
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
    where = "/".join(str(p) for p in error.absolute_path) or Msg("(top)")
    return Msg("{0}: {1}", where, _reason(error))


def _shown(value: Any) -> str:
    """The value as JSON writes it (true, null, "text"), cut to 40 characters."""
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _reason(error: Any) -> Msg:
    """Why a value breaks the schema, the reason first and the value after, shortened (so a
    cut never hides the reason). Every keyword the schema uses has its reason here
    (tests/test_hostile_imports.py checks it)."""
    limit, value = error.validator_value, error.instance
    size = len(value) if isinstance(value, str | list | dict) else 0
    shown = _shown(value)
    keys = value if isinstance(value, dict) else {}
    reasons: dict[str, Callable[[], Msg]] = {
        "maxLength": lambda: Msg("longer than {0} characters ({1}): {2}", limit, size, shown),
        "minLength": lambda: Msg("shorter than {0} characters: {1}", limit, shown),
        "maxItems": lambda: Msg("more than {0} items ({1}): {2}", limit, size, shown),
        "minItems": lambda: Msg("fewer than {0} items: {1}", limit, shown),
        "maxProperties": lambda: Msg("more than {0} entries ({1}): {2}", limit, size, shown),
        "pattern": lambda: Msg("not in the expected form: {0}", shown),
        "enum": lambda: Msg("must be one of {0}: {1}", _listed(limit), shown),
        "type": lambda: Msg("must be of type {0}: {1}", _type_said(limit), shown),
        "const": lambda: Msg("must be {0}: {1}", json.dumps(limit), shown),
        "required": lambda: Msg("{0} is missing", _listed(k for k in limit if k not in keys)),
        "additionalProperties": lambda: Msg(
            "unexpected key {0}",
            _listed(
                sorted(str(k) for k in keys if k not in error.schema.get("properties", {}))[:5]
            ),
        ),
        "propertyNames": lambda: Msg("a key not in the expected form: {0}", shown),
        "oneOf": lambda: Msg("not a value this field takes: {0}", shown),
    }
    make = reasons.get(error.validator)
    if make is None:
        return Msg("does not match the schema ({0}): {1}", error.validator, shown)
    return make()


def _listed(values: Any) -> str:
    """Values as JSON, comma-separated."""
    return ", ".join(json.dumps(v) for v in values)


def _type_said(limit: Any) -> object:
    """A JSON type or a list of them, as words (a type the schema never uses, as it is)."""
    said: list[object] = [
        _TYPES.get(str(k), str(k)) for k in (limit if isinstance(limit, list) else [limit])
    ]
    while len(said) > 1:
        said[-2:] = [Msg("{0} or {1}", said[-2], said[-1])]
    return said[0]


_TYPES = {
    "string": Msg("text"),
    "integer": Msg("whole number"),
    "number": Msg("number"),
    "boolean": Msg("true or false"),
    "object": Msg("object"),
    "array": Msg("list"),
    "null": Msg("null"),
}
