"""A study's opportunity backlog: what the team will change, each item resting on counted
evidence from the interviews.

Opportunities typed on touchpoints during interviews arrive as **candidates**, grouped by
their words (case, accents and spacing aside); nothing typed in an interview is changed,
the backlog refers to it. The team accepts candidates as **items** (several at once when
they are one idea written twice), merges and splits items, and sets each one's owner,
process, effort (S, M, L), status (proposed, planned, doing, done, dropped) and note. An
item's evidence is counted, not typed: the customers (people, not interviews) who felt a
pain at its touchpoints, how badly (each person's worst severity, 1–3), in which stages,
and the quotes that may be shown. Its **priority** is people × mean severity, unless the
team overrides it, with a reason. Every change is logged in the study. Pure: the study
record and the sessions in, rows out.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from ..base.errors import Msg
from ..base.plain import clean_text, fold
from ..domain.model import LIVED, Session, effective_severity, person_of, voice_of

if TYPE_CHECKING:
    from ..domain.guide import Guide
from ..domain.study import (
    MAX_BACKLOG_TITLE as MAX_TITLE,
)
from ..domain.study import (
    Study,
    StudyError,
    check_backlog,
)

QUOTES_SHOWN = 3


def candidate_id(text: str) -> str:
    """A candidate's id: from its words (case, accents and punctuation aside), so it stays
    the same as interviews are added."""
    words = " ".join(re.findall(r"\w+", fold(text)))
    return "c-" + hashlib.sha256(words.encode("utf-8")).hexdigest()[:6]


@dataclass
class Candidate:
    """Opportunities typed in interviews with the same words (case and accents aside)."""

    id: str
    text: str
    touchpoints: set[str] = field(default_factory=set)  # keys, after the study's merges
    interviews: set[str] = field(default_factory=set)
    accepted: str | None = None  # the item it is in, if any
    # Where it comes from: "opportunity" (typed by the interviewer on a touchpoint),
    # "idea" (the participant's own, asked in a stage).
    sources: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "touchpoints": sorted(self.touchpoints),
            "interviews": len(self.interviews),
            "from": sorted(self.sources),
            "accepted": self.accepted,
        }


class EvidenceJSON(TypedDict):
    people: int
    severity: float | None
    stages: list[str]
    interviews: int
    quotes: list[str]
    counts: str


class BacklogRow(TypedDict):
    """A backlog item as the report, the map and the workbook give it: ranked, with its
    evidence from the interviews."""

    id: str
    title: str
    people: int
    priority: float
    priority_basis: str
    reason: str
    effort: str
    status: str
    owner: str
    process: str
    note: str
    touchpoints: list[str]
    candidates: list[str]
    evidence: EvidenceJSON


@dataclass
class Evidence:
    """What an item rests on: customers' pains at its touchpoints."""

    people: int = 0  # customers who felt a pain at one of its touchpoints
    severity: float | None = None  # the mean of each such person's worst severity
    stages: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)  # those the participants allowed
    interviews: int = 0

    @property
    def priority(self) -> float:
        return round(self.people * (self.severity or 0.0), 1)


# ---- the backlog kept in the study ---------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())[:MAX_TITLE]


def item(study: Study, item_id: str) -> dict[str, Any]:
    found = next((i for i in study.backlog if i["id"] == item_id), None)
    if found is None:
        known = ", ".join(i["id"] for i in study.backlog) or "none yet"
        raise StudyError(
            Msg(
                "no backlog item {0} in study {1}; items: {2}",
                repr(clean_text(item_id)[:20]),
                study.id,
                known,
            )
        )
    return found


def _next_id(study: Study) -> str:
    numbers = [int(i["id"][1:]) for i in study.backlog if i["id"][1:].isdigit()]
    return f"O{max(numbers, default=0) + 1}"


def accept(
    study: Study, chosen: list[Candidate], title: str = "", *, by: str = ""
) -> dict[str, Any]:
    """Accept *chosen* candidates (one idea, perhaps written several ways) as a new item."""
    if not chosen:
        raise StudyError(Msg("accept takes at least one candidate"))
    taken = [c.id for c in chosen if c.accepted]
    if taken:
        raise StudyError(Msg("candidate {0} is already in the backlog", taken[0]))
    new = {
        "id": _next_id(study),
        "title": _one_line(title or chosen[0].text),
        "touchpoints": sorted({k for c in chosen for k in c.touchpoints}),
        "candidates": [c.id for c in chosen],
        "status": "proposed",
    }
    study.backlog.append(new)
    study.record("backlog", action="accepted", item=new["id"], candidates=new["candidates"], by=by)
    return new


def merge(study: Study, keep: str, others: list[str], *, by: str = "") -> dict[str, Any]:
    """Fold items *others* into *keep*: their touchpoints and candidates join it."""
    kept = item(study, keep)
    for other_id in others:
        if other_id == keep:
            continue
        other = item(study, other_id)
        kept["touchpoints"] = sorted(
            set(kept.get("touchpoints", [])) | set(other.get("touchpoints", []))
        )
        kept["candidates"] = [*kept.get("candidates", []), *other.get("candidates", [])]
        study.backlog.remove(other)
    study.record("backlog", action="merged", item=keep, others=list(others), by=by)
    return kept


def split(
    study: Study, item_id: str, touchpoints: list[str], title: str = "", *, by: str = ""
) -> dict[str, Any]:
    """Move *touchpoints* of an item to a new item of their own."""
    source = item(study, item_id)
    moving = [k for k in touchpoints if k in source.get("touchpoints", [])]
    if not moving or len(moving) == len(source.get("touchpoints", [])):
        raise StudyError(
            Msg(
                "backlog {0}: split needs some, not all, of its touchpoints ({1})",
                item_id,
                ", ".join(source.get("touchpoints", [])),
            )
        )
    source["touchpoints"] = [k for k in source["touchpoints"] if k not in moving]
    new = {
        "id": _next_id(study),
        "title": _one_line(title or f"{source['title']} ({', '.join(moving)})"),
        "touchpoints": sorted(moving),
        "candidates": [],
        "status": source.get("status", "proposed"),
    }
    study.backlog.append(new)
    study.record("backlog", action="split", item=item_id, into=new["id"], by=by)
    return new


def update(study: Study, item_id: str, *, by: str = "", **changes: Any) -> dict[str, Any]:
    """Set an item's title, owner, process, effort, status, note, or priority (with a
    reason: an override of the priority the evidence gives)."""
    target = item(study, item_id)
    given = {k: v for k, v in changes.items() if v is not None}
    if "priority" in given and not str(given.get("reason", target.get("reason", ""))).strip():
        raise StudyError(Msg("a priority set by hand needs a reason (--reason)"))
    for name, value in given.items():
        target[name] = _one_line(value) if isinstance(value, str) and name != "note" else value
    check_backlog(study.backlog)
    study.record("backlog", action="changed", item=item_id, fields=sorted(given), by=by)
    return target


# ---- candidates and evidence from the interviews ---------------------------------------------


def candidates(
    sessions: list[Session], study: Study, guide: Guide | None = None
) -> list[Candidate]:
    """Every opportunity typed on a touchpoint and, with the *guide*, every idea of the
    participants' own (the answers of its questions in the ``ideas`` lane), grouped by their
    words; an idea answers the pains felt in its stage of that interview. Most interviews
    first."""
    found: dict[str, Candidate] = {}

    def add(text: str, session: Session, keys: set[str], source: str) -> None:
        text = " ".join(clean_text(text).split())
        if not text:
            return
        cid = candidate_id(text)
        entry = found.setdefault(cid, Candidate(cid, text))
        entry.touchpoints |= keys
        entry.interviews.add(session.id)
        entry.sources.add(source)

    ideas = _idea_questions(guide) if guide is not None else {}
    for session in sessions:
        for record in session.stages:
            for tp in record.touchpoints:
                add(tp.opportunity, session, {study.canonical_key(tp.key)}, "opportunity")
            asked = ideas.get(record.id, ())
            pains = {study.canonical_key(tp.key) for tp in record.touchpoints if tp.pain}
            for qid in asked:
                answer = record.answers.get(qid)
                if isinstance(answer, str):
                    add(answer, session, pains, "idea")
    accepted = {c: i["id"] for i in study.backlog for c in i.get("candidates", [])}
    for entry in found.values():
        entry.accepted = accepted.get(entry.id)
    return sorted(found.values(), key=lambda c: (-len(c.interviews), c.text.casefold()))


def _idea_questions(guide: Guide) -> dict[str, tuple[str, ...]]:
    """The questions of each stage that ask for the participant's own idea."""
    return {
        stage.id: tuple(q.id for q in stage.questions if q.lane == "ideas")
        for stage in guide.stages
    }


def evidence(sessions: list[Session], study: Study, keys: list[str], scale_min: int) -> Evidence:
    """Customers' pains at the touchpoints *keys* (after the study's merges): people, not
    interviews (a participant's code, else the interview), each by their worst severity."""
    wanted = set(keys)
    worst: dict[str, int] = {}
    stages: dict[str, None] = {}
    quotes: list[str] = []
    interviews: set[str] = set()
    for session in sessions:
        if voice_of(session) != LIVED:
            continue  # customers' lived experience: staff's belief and expectations apart
        for record, tp in session.touchpoints():
            if study.canonical_key(tp.key) not in wanted or not tp.pain:
                continue
            person = person_of(session)
            severity = effective_severity(tp, scale_min) or 2
            worst[person] = max(worst.get(person, 0), severity)
            stages.setdefault(study.canonical_stage(record.key), None)
            interviews.add(session.id)
            quote = " ".join(clean_text(tp.quote).split())
            if quote and session.consent.quotes and len(quotes) < QUOTES_SHOWN:
                quotes.append(quote)
    return Evidence(
        people=len(worst),
        severity=round(statistics.fmean(worst.values()), 2) if worst else None,
        stages=list(stages),
        quotes=quotes,
        interviews=len(interviews),
    )


@dataclass
class Row:
    """An item as listed: what the team set, and the evidence counted for it."""

    item: dict[str, Any]
    evidence: Evidence

    @property
    def priority(self) -> float:
        given = self.item.get("priority")
        return float(given) if given is not None else self.evidence.priority

    def to_dict(self) -> BacklogRow:
        item, ev = self.item, self.evidence
        return {
            "id": item["id"],
            "title": item["title"],
            "people": ev.people,
            "priority": self.priority,
            "priority_basis": "set" if item.get("priority") is not None else "people × severity",
            "reason": item.get("reason", ""),
            "effort": item.get("effort", ""),
            "status": item.get("status", "proposed"),
            "owner": item.get("owner", ""),
            "process": item.get("process", ""),
            "note": item.get("note", ""),
            "touchpoints": list(item.get("touchpoints", [])),
            "candidates": list(item.get("candidates", [])),
            "evidence": {
                "people": ev.people,
                "severity": ev.severity,
                "stages": ev.stages,
                "interviews": ev.interviews,
                "quotes": ev.quotes,
                "counts": "customers (people) who felt a pain at its touchpoints",
            },
        }


def ranked(
    sessions: list[Session],
    study: Study,
    scale_min: int,
    *,
    status: str | None = None,
    owner: str | None = None,
) -> list[Row]:
    """The backlog with its evidence, highest priority first (then by id)."""
    rows = [
        Row(i, evidence(sessions, study, i.get("touchpoints", []), scale_min))
        for i in study.backlog
        if (status is None or i.get("status", "proposed") == status)
        and (owner is None or fold(i.get("owner", "")) == fold(owner))
    ]
    return sorted(rows, key=lambda r: (-r.priority, int(r.item["id"][1:] or 0)))


def open_pains(sessions: list[Session], study: Study, scale_min: int) -> list[tuple[str, int]]:
    """Touchpoints where customers felt a pain that no item not dropped answers: (key,
    people), most people first."""
    answered = {
        k for i in study.backlog if i.get("status") != "dropped" for k in i.get("touchpoints", [])
    }
    felt: dict[str, set[str]] = defaultdict(set)
    for session in sessions:
        if voice_of(session) != LIVED:
            continue
        for _, tp in session.touchpoints():
            key = study.canonical_key(tp.key)
            if tp.pain and key not in answered:
                felt[key].add(person_of(session))
    return sorted(((k, len(p)) for k, p in felt.items()), key=lambda kp: (-kp[1], kp[0]))
