"""The customer journey map as plain data: the study's stages across, lanes down.

Lanes: what customers do, think, feel, expect and doubt (from the guide questions that say
which lane they feed), the touchpoints by channel in journey order, the emotion curve (a
line per perspective, or per moment), the pains (with how many participants felt them and
the moments of truth), the backstage (the process and owner behind each touchpoint) and the
opportunities, each tied to the pains it answers and ranked by how many participants those
pains touched and how badly. Pure: sessions in, a dict out (its shape is in the README).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ...base.i18n import t
from ...base.plain import clean_text
from ...domain.guide import BUILTIN_GUIDES, LANES, Guide, Question, builtin_guide, earlier_guides
from ...domain.model import PERSONA_STAGE, STAFF, Session, now_iso, person_of, voice_of
from ...domain.study import Study
from ..curve import CurveData, curve_data
from ..report.build import analyse, option_label, participant_label
from ..report.shapes import Ideas, Report, TouchpointFigures
from .shapes import (
    JourneyMap,
    Lane,
    LaneAnswers,
    MapIdea,
    MapIdeas,
    MapOpportunity,
    MapStage,
    TextAnswer,
)

MAP_VERSION = 2  # 2: figures by voice and in people (README release notes)
COMPARISONS: tuple[str, ...] = ("perspective", "moment")
# Lanes a map may show, in order (each optional: --lanes picks some).
MAP_LANES: tuple[str, ...] = (
    "words",
    *LANES,
    "touchpoints",
    "curve",
    "pains",
    "highlights",
    "backstage",
    "opportunities",
    "ideas",
)
MOMENTS_OF_TRUTH = 3  # the most painful touchpoints are marked as moments of truth
TEXT_ANSWERS = 6  # distinct text answers a map cell shows for one question


def build_map(
    sessions: list[Session],
    guide: Guide,
    lang: str = "en",
    *,
    study: Study | None = None,
    compare: str = "perspective",
    include_in_progress: bool = False,
    generated_at: str | None = None,
) -> JourneyMap:
    """The journey map of *sessions* (one study's, chosen already) as plain data."""
    if compare not in COMPARISONS:
        raise ValueError(f"compare must be one of {', '.join(COMPARISONS)}")
    analysis = analyse(sessions, guide, lang, include_in_progress=include_in_progress, study=study)
    report = analysis.report(curve=False)  # its figures; the map draws its own curve
    tally = analysis.tally
    basis = tally.basis
    touchpoints = report["touchpoints"]
    moments = {m["key"] for m in report["moments_of_truth"][:MOMENTS_OF_TRUTH]}
    problems = {p["name"].casefold(): p["problems"] for p in report["processes"]}
    stages: list[MapStage] = [
        {
            "id": stage["id"],
            "title": stage["title"],
            "added": stage["added"],
            "added_by": stage["added_by"],
            "customer_words": stage["customer_words"][:TEXT_ANSWERS],
            "customer_words_more": max(0, len(stage["customer_words"]) - TEXT_ANSWERS),
            "customer_words_withheld": stage["customer_words_withheld"],
            "staff_words": stage["staff_words"][:TEXT_ANSWERS],
            "not_lived": stage["skipped"],
            "not_lived_by_voice": stage["not_lived"],
            "mean": stage["mean"],
            "people": stage["people"],
            "thin": stage["thin"],
            "by_voice": {
                v: {"mean": f["mean"], "people": f["people"], "thin": f["thin"]}
                for v, f in stage["by_voice"].items()
            },
        }
        for stage in report["stages"]
    ]
    # The curve compares voices, never blends them: the main voice with staff's belief, or
    # customers' expectation (before) with what they lived (after).
    if compare == "perspective":
        drawn = [s for s in sessions if voice_of(s) in (basis, STAFF)]
    else:
        drawn = [s for s in sessions if s.perspective == "customer"] or sessions
    curve = curve_data(drawn, guide, lang, by=compare, study=study)
    order = {p.key: p.x for p in curve.axis}
    names = {tp["key"]: tp["name"] for tp in touchpoints}
    by_stage: dict[str, list[TouchpointFigures]] = defaultdict(list)
    for tp in sorted(touchpoints, key=lambda tp: order.get(tp["key"], 10**6)):
        by_stage[tp["stage"]].append(tp)
    data: JourneyMap = {
        "map": MAP_VERSION,
        "generated_at": generated_at or now_iso(),
        "language": lang,
        "study": report["study"],
        "guide": report["guide"],
        "sessions": report["sessions"],
        "people": report["people"],
        "period": report["period"],
        "persona": report["persona"],
        "scales": report["scales"],
        "basis": basis,
        "thin_below": report["thin_below"],
        "pairs": report["pairs"],
        "compare": compare,
        "scale": report["scale"],
        "stages": stages,
        "lanes": _question_lanes(sessions, guide, lang, basis),
        "touchpoints": {
            sid: [
                {
                    "key": tp["key"],
                    "name": tp["name"],
                    "channel": tp["channels"][0] if tp["channels"] else "other",
                    "mentions": tp["mentions"],
                    "people": tp["people"],
                    "mean": tp["mean"],
                    "thin": tp["thin"],
                }
                for tp in items
            ]
            for sid, items in by_stage.items()
        },
        "curve": {
            "axis": [  # each point's whole name (the curve's labels are cut for terminals)
                {"x": p.x, "key": p.key, "name": names.get(p.key, p.label), "stage": p.stage}
                for p in curve.axis
            ],
            "series": [
                {
                    "name": series.name,
                    "group": series.group,
                    "values": [_r(v) for v in series.values],
                    "low": series.low,
                    "high": series.high,
                    "counts": series.counts,
                    "pains": series.pains,
                }
                for series in curve.series
            ],
        },
        "pains": {
            sid: [
                {
                    "key": tp["key"],
                    "name": tp["name"],
                    "participants": tp["pains"],  # people who felt it (kept for 1.x readers)
                    "people": tp["pains"],
                    "of_people": tp["people"],
                    "thin": tp["people"] < tally.thin_below,
                    "mentions": tp["mentions"],
                    "kinds": tp["pain_kinds"],
                    "severity": tp["severity"],
                    "pain_severity": tp["pain_severity"],
                    "moment_of_truth": tp["key"] in moments,
                }
                for tp in items
                if tp["pains"]
            ]
            for sid, items in by_stage.items()
        },
        "highlights": {
            sid: [
                {
                    "key": tp["key"],
                    "name": tp["name"],
                    "top_ratings": tp["top_ratings"],
                    "people": tp["people"],
                }
                for tp in sorted(items, key=lambda tp: -tp["top_ratings"])
                if tp["top_ratings"]
            ]
            for sid, items in by_stage.items()
        },
        "backstage": {
            sid: [
                {
                    "key": tp["key"],
                    "name": tp["name"],
                    "processes": tp["processes"],
                    "problems": {
                        name: problems[name.casefold()]
                        for name in tp["processes"]
                        if problems.get(name.casefold())
                    },
                    "owners": tp["owners"],
                }
                for tp in items
                if tp["processes"] or tp["owners"]
            ]
            for sid, items in by_stage.items()
        },
        "opportunities": _opportunities(report),
        "ideas": _ideas(report["ideas"]),
    }
    if "backlog" in report:
        data["backlog"] = report["backlog"]
    return data


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _opportunities(report: Report) -> list[MapOpportunity]:
    """Each opportunity with the pains it answers (its touchpoint's), ranked by how many
    people felt those pains, then how badly (severity)."""
    touch = {tp["key"]: tp for tp in report["touchpoints"]}
    rows: list[MapOpportunity] = []
    for group in report["opportunities"]:
        tp = touch.get(group["touchpoint"])
        for item in group["items"]:
            rows.append(
                {
                    "text": item["text"],
                    "voices": item["voices"],
                    "touchpoint": group["touchpoint"],
                    "name": group["name"],
                    "stage": tp["stage"] if tp else None,
                    "participants": group["people"],
                    "people": group["people"],
                    "severity": tp["severity"] if tp else 0.0,
                    "proposed_in": len(item["sessions"]),
                    "rank": 0,  # set below, once ranked
                }
            )
    rows.sort(key=lambda r: (-r["people"], -(r["severity"] or 0), r["name"], r["text"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows


def _ideas(ideas: Ideas) -> MapIdeas:
    """The participants' own ideas as a map cell holds them: per stage, the distinct ones,
    most often given first, a few (TEXT_ANSWERS); the rest counted."""
    by_stage: dict[str, dict[str, list[str]]] = defaultdict(dict)
    staff: set[str] = set()  # ideas staff gave: labelled as theirs
    voice_of_idea: dict[str, str] = {}
    for given in ideas["items"]:
        by_stage[given["stage"]].setdefault(given["text"], []).append(given["participant"])
        if given["perspective"] == "internal":
            staff.add(given["text"])
        voice_of_idea.setdefault(given["text"], given["voice"])
    items: list[MapIdea] = []
    more: dict[str, int] = {}
    for stage, said in by_stage.items():
        ranked = sorted(said.items(), key=lambda kv: -len(kv[1]))
        for text, who in ranked[:TEXT_ANSWERS]:
            item: MapIdea = {
                "text": text,
                "participant": ", ".join(dict.fromkeys(who[:3])),
                "stage": stage,
                "voice": "staff" if text in staff else voice_of_idea.get(text, "lived"),
            }
            if len(who) > 1:
                item["times"] = len(who)
            items.append(item)
        if len(ranked) > TEXT_ANSWERS:
            more[stage] = sum(len(who) for _, who in ranked[TEXT_ANSWERS:])
    return {"items": items, "more": more, "withheld": ideas["withheld"]}


def _question_lanes(sessions: list[Session], guide: Guide, lang: str, basis: str) -> list[Lane]:
    """The doing/thinking/feeling/expecting/doubts lanes: per stage, what the answers of
    the main voice to the questions feeding each lane say, and staff's belief apart
    (``staff`` in each item, never among the customers' answers). Choices are tallied;
    numbers averaged; text listed with the participant's code as the interviewer's summary,
    only where it may be shown (staff answers, and customers who agreed to be quoted; the
    others are counted as withheld). Answers of a stage a participant did not live are
    not theirs."""
    lane_of = _lanes(guide)

    def lived(s: Session) -> dict[str, dict[str, Any]]:
        out = {r.id: r.answers for r in s.stages if not r.skipped}
        out[PERSONA_STAGE] = s.participant.persona  # what happened before the first stage
        return out

    answers = [(s, lived(s)) for s in sessions if voice_of(s) == basis]
    staff = [(s, lived(s)) for s in sessions if voice_of(s) == STAFF] if basis != STAFF else []
    lanes: list[Lane] = []
    for lane in LANES:
        cells: dict[str, list[LaneAnswers]] = {}
        for n, stage in enumerate(guide.stages):
            items: list[LaneAnswers] = []
            # Questions asked before the first stage that feed a lane (the trigger) open
            # the first stage's column.
            asked = [(PERSONA_STAGE, q) for q in guide.persona] if n == 0 else []
            for where, q in [*asked, *((stage.id, q) for q in stage.questions)]:
                if lane_of.get((where, q.id)) != lane:
                    continue
                item = _answers(q, where, answers, lang)
                believed = _answers(q, where, staff, lang, internal=True) if staff else None
                if believed is not None and believed["count"]:
                    item["staff"] = believed
                if item["count"] or "staff" in item:
                    items.append(item)
            if items:
                cells[stage.id] = items
        lanes.append({"id": lane, "title": t(f"map.lane.{lane}", lang), "cells": cells})
    return lanes


def _answers(
    question: Question,
    stage_id: str,
    answers: list[tuple[Session, dict[str, dict[str, Any]]]],
    lang: str,
    *,
    internal: bool = False,
) -> LaneAnswers:
    perspective = "internal" if internal else "customer"
    qid, empty = question.id, dict[str, Any]()
    values = [
        (session, value)
        for session, by_stage in answers
        if (value := by_stage.get(stage_id, empty).get(qid)) not in (None, "", [])
    ]
    out: LaneAnswers = {
        "question": question.id,
        "prompt": question.prompt_text(lang, perspective),
        "count": len(values),
        "people": len({person_of(s) for s, _ in values}),
        "kind": "",
    }
    if question.type in ("choice", "multi_choice", "yes_no"):
        # People who gave each answer (a participant interviewed twice counts once).
        codes: dict[Any, set[str]] = defaultdict(set)
        for session, value in values:
            for code in value if isinstance(value, list) else [value]:
                codes[code].add(person_of(session))
        who: dict[str, set[str]] = defaultdict(set)
        for code, people in codes.items():  # each code's label looked up once
            who[option_label(question, code, lang)] |= people
        tally: Counter[str] = Counter({label: len(p) for label, p in who.items()})
        out["kind"] = "tally"
        out["yes_no"] = question.type == "yes_no"
        out["tally"] = [{"label": k, "count": n} for k, n in tally.most_common()]
    elif question.type in ("scale", "number"):
        numbers = [v for _, v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        out["kind"] = "mean"
        out["mean"] = _r(sum(numbers) / len(numbers)) if numbers else None
    else:
        allowed = [(s, v) for s, v in values if s.may_quote]
        # A map cell holds a few answers, not a study's hundreds: the distinct ones, most
        # often given first; the rest are counted.
        said: dict[str, list[Session]] = {}
        for session, value in allowed:  # stored text is clean already: cleaned when shown
            said.setdefault(" ".join(str(value).split()), []).append(session)
        ranked = sorted(said.items(), key=lambda kv: -len(kv[1]))[:TEXT_ANSWERS]
        out["kind"] = "text"
        texts: list[TextAnswer] = []
        for text, givers in ranked:
            named = ", ".join(dict.fromkeys(participant_label(s) for s in givers[:3]))
            answer: TextAnswer = {
                "text": clean_text(text),
                "participant": named,
                "verbatim": False,  # the interviewer's summary: never in quotation marks
            }
            if len(givers) > 1:
                answer["times"] = len(givers)
            texts.append(answer)
        out["answers"] = texts
        out["more"] = len(allowed) - sum(len(who) for _, who in ranked)
        out["withheld"] = len(values) - len(allowed)
    return out


def _lanes(guide: Guide) -> dict[tuple[str, str], str]:
    """Which lane each question feeds. A guide of an earlier version shipped with cjtui
    (written before questions named their lane) takes the lanes of the current version for
    the questions both ask alike (same stage, id and type): a lane is where an answer is
    shown, not what was asked."""
    own = _own_lanes(guide)
    if own or guide.id not in BUILTIN_GUIDES:
        return own
    asked = {(s.id, q.id): q.type for s in guide.stages for q in s.questions}
    asked |= {(PERSONA_STAGE, q.id): q.type for q in guide.persona}
    found: dict[tuple[str, str], str] = {}
    # The newest shipped version that asks it alike names its lane (a question 3.0 moved
    # keeps the lane 2.0 gave it where it was).
    shipped = [g for g in earlier_guides() if g.id == guide.id]
    for other in [builtin_guide(guide.id), *sorted(shipped, key=_version, reverse=True)]:
        for where, lane in _own_lanes(other).items():
            if asked.get(where) == other.question(*where).type:  # type: ignore[union-attr]
                found.setdefault(where, lane)
    return found


def _own_lanes(guide: Guide) -> dict[tuple[str, str], str]:
    own = {(s.id, q.id): q.lane for s in guide.stages for q in s.questions if q.lane}
    own |= {(PERSONA_STAGE, q.id): q.lane for q in guide.persona if q.lane}
    return own


def _version(guide: Guide) -> tuple[int, ...]:
    return tuple(int(part) for part in guide.version.split(".") if part.isdigit())


def stage_curve(data: JourneyMap, stage_id: str) -> CurveData:
    """The map's curve over one stage, as curve data (the terminal map draws a stage at a
    time): its points numbered from 1, every line cut to them."""
    from ..curve import AxisPoint, Series, StageSpan

    curve = data["curve"]
    slots = [i for i, p in enumerate(curve["axis"]) if p["stage"] == stage_id]
    out = CurveData(
        y_min=int(data["scale"]["min"]),
        y_max=int(data["scale"]["max"]),
        y_labels={int(k): v for k, v in data["scale"]["labels"].items()},
    )
    out.axis = [
        AxisPoint(x=n, stage=stage_id, key=curve["axis"][i]["key"], label=curve["axis"][i]["name"])
        for n, i in enumerate(slots, 1)
    ]
    title = next((s["title"] for s in data["stages"] if s["id"] == stage_id), stage_id)
    if slots:
        out.stages = [StageSpan(stage_id, title, 1, len(slots))]
    for series in curve["series"]:
        out.series.append(
            Series(
                name=series["name"],
                values=[series["values"][i] for i in slots],
                pains=[series["pains"][i] for i in slots],
                counts=[series["counts"][i] for i in slots],
                low=[series["low"][i] for i in slots] if series["low"] else [],
                high=[series["high"][i] for i in slots] if series["high"] else [],
            )
        )
    return out
