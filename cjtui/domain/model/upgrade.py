"""Sessions written by an earlier cjtui, upgraded to the current schema (nothing of theirs
changes; new fields start empty)."""

from __future__ import annotations

from typing import Any

from .base import (
    OPTIONAL_TOUCHPOINT_FIELDS,
    SCHEMA_VERSION,
    Touchpoint,
    name_key,
)


def upgrade_document(data: Any, study: str) -> Any:
    """A session's dict form of an earlier schema as the current one. Schema 1 to 2 puts it
    in *study*, with no participant code, each touchpoint keyed by its name (see name_key),
    its note kept as the interviewer's note and no quote. Schema 2 to 3 gives each stage no
    words of the participant's and marks none added, and each touchpoint no kind of pain, no
    severity of its own and no process problem, and each event no user ("" : not recorded).
    Anything else (another version, a wrong shape) is given back unchanged, for the checks
    to name what is wrong."""
    if isinstance(data, dict) and data.get("schema") == 1:
        data = _upgrade_1(data, study)
    if not isinstance(data, dict) or data.get("schema") != 2:
        return data
    out = {"schema": SCHEMA_VERSION, **{k: v for k, v in data.items() if k != "schema"}}
    stages = data.get("stages")
    if isinstance(stages, list):
        out["stages"] = [_upgrade_stage_2(stage) for stage in stages]
    events = data.get("events")
    if isinstance(events, list):  # who made each change was not recorded before 0.3
        out["events"] = [
            _ordered({"by": "", **e}, _EVENT_KEYS) if isinstance(e, dict) else e for e in events
        ]
    return out


def _upgrade_stage_2(stage: Any) -> Any:
    """A schema-2 stage as schema 3, its keys in the order cjtui writes them."""
    if not isinstance(stage, dict):
        return stage
    added = {"added": False, "title": "", "words": ""}
    out = _ordered({**added, **stage}, _STAGE_KEYS)
    touchpoints = stage.get("touchpoints")
    if isinstance(touchpoints, list):
        fresh = {"pain_kind": "", "severity": None, "process_problem": ""}
        out["touchpoints"] = [
            _ordered({**fresh, **tp}, _TOUCHPOINT_KEYS) if isinstance(tp, dict) else tp
            for tp in touchpoints
        ]
    return out


_STAGE_KEYS = ("id", "added", "title", "skipped", "words", "answers", "touchpoints")
_TOUCHPOINT_KEYS = tuple(Touchpoint().to_dict()) + OPTIONAL_TOUCHPOINT_FIELDS
_EVENT_KEYS = ("at", "by", "kind", "stage", "target", "field", "old", "new")  # as to_dict


def _ordered(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """*data* with *keys* first, in that order (any others after, for the checks to name)."""
    return {**{k: data[k] for k in keys if k in data}, **data}


def _upgrade_1(data: dict[str, Any], study: str) -> dict[str, Any]:
    out = {"schema": 2, "id": data.get("id"), "study": study}
    out.update((k, v) for k, v in data.items() if k not in ("schema", "id"))
    participant = data.get("participant")
    if isinstance(participant, dict):
        out["participant"] = {
            "alias": participant.get("alias"),
            "code": "",
            **{k: v for k, v in participant.items() if k != "alias"},
        }
    stages = data.get("stages")
    if isinstance(stages, list):
        out["stages"] = [_upgrade_stage(stage) for stage in stages]
    return out


def _upgrade_stage(stage: Any) -> Any:
    if not isinstance(stage, dict) or not isinstance(stage.get("touchpoints"), list):
        return stage
    touchpoints = []
    for tp in stage["touchpoints"]:
        if isinstance(tp, dict) and isinstance(tp.get("name"), str):
            tp = {"key": name_key(tp["name"]), "quote": "", **tp}
        touchpoints.append(tp)
    return {**stage, "touchpoints": touchpoints}
