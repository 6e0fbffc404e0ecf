"""Many interviews into one map, as plain data: figures per stage and touchpoint, moments of
truth, the perception gap, before/after change, owners and processes behind the pains,
opportunities. The JSON report's shape is documented in the README. Nothing here does I/O.

:func:`build_report` goes in steps: a :class:`_Tally` reads every touchpoint of every
session once, then each section of the report is made from the tally.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ...base.errors import CjtuiError, Msg
from ...base.plain import clean_text
from ...domain.guide import IDEAS, PERSONA_STAGE, Guide, Question
from ...domain.model import (
    EXPECTED,
    LIVED,
    PAIN_KINDS,
    PROCESS_PROBLEMS,
    STAFF,
    VOICES,
    Session,
    now_iso,
    person_of,
    voice_of,
)
from ...domain.study import THIN_BELOW, Study
from ..curve import Keys, curve_data
from . import ranked
from .shapes import (
    BacklogJSON,
    Behind,
    Idea,
    Ideas,
    MeanCurve,
    OpenPain,
    Opportunity,
    Period,
    PersonaCard,
    Report,
    ScaleQuestion,
    Sessions,
    StageFigures,
    TouchpointFigures,
)
from .tally import Figures, Pains, Said, Tally, participant_label

__all__ = ["participant_label", "build_report", "analyse"]

# 2: figures by voice and in people (see the README's release notes).
REPORT_VERSION = 2


class ReportError(CjtuiError):
    """Nothing to report on (no sessions of that guide, say); the message says why."""


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _diff(a: float | None, b: float | None) -> float | None:
    return _r(a - b) if a is not None and b is not None else None


def covered_statuses(include_in_progress: bool = False) -> set[str]:
    """The statuses a report covers: completed (and in progress when asked); abandoned
    sessions never count."""
    return {"completed", "in_progress"} if include_in_progress else {"completed"}


def select_sessions(
    sessions: list[Session], guide_id: str, *, include_in_progress: bool = False
) -> list[Session]:
    """The sessions of one guide that a report covers."""
    statuses = covered_statuses(include_in_progress)
    return [s for s in sessions if s.guide.id == guide_id and s.status in statuses]


def build_report(
    sessions: list[Session],
    guide: Guide,
    lang: str = "en",
    *,
    include_in_progress: bool = False,
    generated_at: str | None = None,
    study: Study | None = None,
    curve: bool = True,
) -> Report:
    """The analysis of *sessions* (already chosen with :func:`select_sessions`) as plain data."""
    return analyse(
        sessions, guide, lang, include_in_progress=include_in_progress, study=study
    ).report(generated_at=generated_at, curve=curve)


@dataclass(frozen=True)
class Analysis:
    """One study's interviews tallied once (:class:`Tally`); the report and the map are
    both written from it."""

    tally: Tally
    guide: Guide
    lang: str
    study: Study | None
    stages: list[tuple[str, str]]  # (key, title) of the journey's stages, in order
    include_in_progress: bool

    def report(self, *, generated_at: str | None = None, curve: bool = True) -> Report:
        """The report as plain data (its shape is in the README)."""
        tally, guide, lang, study = self.tally, self.guide, self.lang, self.study
        sessions = tally.sessions
        basis = tally.basis
        stages = _stages(tally, guide, self.stages)
        rated = [s for s in stages if s["mean"] is not None]
        # The headline's weakest and strongest stage rest on evidence that is not thin,
        # where there is any.
        rated = [s for s in rated if not s.get("thin")] or rated
        touchpoints = _touchpoints(tally)
        pairs = len(tally.pairs())
        report: Report = {
            "report": REPORT_VERSION,
            "generated_at": generated_at or now_iso(),
            "language": lang,
            "study": (
                {"id": study.id, "title": study.title, "subject": study.subject}
                if study is not None
                else None
            ),
            "guide": {"id": guide.id, "version": guide.version, "title": guide.title_text(lang)},
            "include_in_progress": self.include_in_progress,
            "basis": basis,
            "voices": tally.voices(),
            "thin_below": tally.thin_below,
            "sessions": _counts(sessions),
            "people": {v: tally.people(v) for v in tally.voices()},
            "period": _period(sessions),
            "pairs": pairs,
            "before_after_basis": "pairs",
            "scale": {
                "min": guide.scale.min,
                "max": guide.scale.max,
                "labels": {str(p.value): p.text(lang) for p in guide.scale.points},
            },
            "stages": stages,
            "weakest_stage": min(rated, key=lambda s: s["mean"] or 0.0)["id"] if rated else None,
            "strongest_stage": max(rated, key=lambda s: s["mean"] or 0.0)["id"] if rated else None,
            "touchpoints": touchpoints,
            "moments_of_truth": ranked.moments(touchpoints),
            "perception_gap": ranked.gaps(touchpoints),
            "before_after": ranked.before_after(touchpoints),
            "pains_by_kind": _pains_by_kind(tally, basis),
            "highlights": ranked.highlights(touchpoints),
            "owners": _behind(tally, "owners"),
            "processes": _behind(tally, "processes"),
            "opportunities": _opportunities(tally),
            "ideas": _ideas(sessions, guide),
            "scales": _scales(tally, guide, lang),
            "persona": _persona(tally, guide, lang),
            "mean_curve": _mean_curve(tally, guide, lang, study) if curve else None,
            # How people felt at the very start, by voice; and where customers' expectations
            # (rated next to what they lived) were missed, the most missed first.
            "start": {v: f.to_json() for v, f in tally.start_figures().items()},
            "expectations": [row.to_json() for row in tally.expectations()],
        }
        backlog = _backlog(tally, guide, study, touchpoints)
        if backlog is not None:
            report["backlog"] = backlog
        return report


def analyse(
    sessions: list[Session],
    guide: Guide,
    lang: str = "en",
    *,
    include_in_progress: bool = False,
    study: Study | None = None,
) -> Analysis:
    """The typed tally of *sessions* (already chosen with :func:`select_sessions`)."""
    if not sessions:
        raise ReportError(
            Msg("no completed or in-progress sessions of guide {0}", repr(guide.id))
            if include_in_progress
            else Msg(
                "no completed sessions of guide {0} (add --include-in-progress to count the "
                "others)",
                repr(guide.id),
            )
        )
    keys = Keys(study, guide, lang)
    stage_list = keys.stages(guide, sessions, lang)  # (after the study's stage merges)
    tally = Tally.of(
        sessions,
        keys,
        (guide.scale.min, guide.scale.max),
        thin_below=study.thin_below if study is not None else THIN_BELOW,
        start_question=guide.start_question.id if guide.start_question else None,
    )
    tally.order = {key: n for n, (key, _) in enumerate(stage_list)}
    return Analysis(tally, guide, lang, study, stage_list, include_in_progress)


def _counts(sessions: list[Session]) -> Sessions:
    perspectives = Counter(s.perspective for s in sessions)
    moments = Counter(s.moment or "no_moment" for s in sessions)
    return {
        "total": len(sessions),
        "customer": perspectives["customer"],
        "internal": perspectives["internal"],
        "before": moments["before"],
        "after": moments["after"],
        "no_moment": moments["no_moment"],
        "in_progress": sum(s.status == "in_progress" for s in sessions),
    }


def _period(sessions: list[Session]) -> Period:
    days = sorted(s.started_at[:10] for s in sessions if s.started_at)
    return {"first": days[0] if days else None, "last": days[-1] if days else None}


def _stages(tally: Tally, guide: Guide, stage_list: list[tuple[str, str]]) -> list[StageFigures]:
    """The guide's stages and those participants added, each with the main voice's figures
    (people, interviews, ratings, mean, median, spread, thin), the other voices' beside it,
    how many did not live it, how many added it, and what it was for them (staff's words
    apart)."""
    basis = tally.basis
    rows: list[StageFigures] = []
    for key, title in stage_list:
        row = tally.stage_row(key)
        main = row.figures.get(basis, Figures())
        rows.append(
            {
                "id": key,
                "title": title,
                "added": key not in guide.stage_ids,
                "added_by": tally.added.get(key, 0),
                **main.to_json(),
                "skipped": row.not_lived.get(basis, 0),
                "not_lived": dict(row.not_lived),  # people per voice
                "by_voice": {v: f.to_json() for v, f in row.figures.items() if v != basis},
                "customer_words": [
                    w.to_json() for v in (LIVED, EXPECTED) for w in row.words.get(v, ())
                ],
                "staff_words": [w.to_json() for w in row.words.get(STAFF, ())],
                "customer_words_withheld": row.words_withheld,
            }
        )
    return rows


def _touchpoints(tally: Tally) -> list[TouchpointFigures]:
    basis = tally.basis
    rows: list[TouchpointFigures] = []
    for row in tally.touch_rows():
        # A touchpoint the main voice never mentioned keeps its row, with no figures of its
        # own: what the other voices said of it is beside, never in its place.
        main = row.figures.get(basis) or Figures()
        pains = row.pains.get(basis) or Pains()
        staff = row.figures.get(STAFF) if basis != STAFF else None
        rows.append(
            {
                "key": row.key,
                "name": row.name,
                "stage": row.stage,
                "channels": [c for c, _ in row.channels],
                "channel_people": dict(row.channels),
                "mentions": main.interviews,
                **main.to_json(),
                **pains.to_json(),
                "pain_share": _r(pains.people / main.people) if main.people else None,
                "severity": round(-main.mean, 3)
                if main.mean is not None and main.mean < 0
                else 0.0,
                "by_voice": {v: f.to_json() for v, f in row.figures.items() if v != basis},
                "customer_mean": main.mean if basis != STAFF else None,
                "internal_mean": staff.mean if staff else (main.mean if basis == STAFF else None),
                "staff_people": staff.people if staff else 0,
                "gap": _diff(staff.mean, main.mean) if staff else None,
                "before_mean": row.change.before if row.change else None,
                "after_mean": row.change.after if row.change else None,
                "change": row.change.change if row.change else None,
                "change_pairs": row.change.pairs if row.change else 0,
                "owners": list(row.owners),
                "processes": list(row.processes),
                "quotes": [q.to_json() for q in row.quotes if q.voice == basis],
                "staff_quotes": [q.to_json() for q in row.quotes if q.voice == STAFF]
                if basis != STAFF
                else [],
                "quotes_withheld": row.quotes_withheld,
            }
        )
    order = tally.order
    rows.sort(key=lambda tp: (order.get(tp["stage"], 99), tp["name"].casefold()))
    return rows


_KINDS = (*PAIN_KINDS, "unspecified")


def _pains_by_kind(tally: Tally, voice: str) -> dict[str, int]:
    """How many people felt a pain of each kind (the method's dissatisfied, disoriented,
    annoyed; and those whose kind was not said), anywhere in the journey."""
    people: dict[str, set[str]] = {k: set() for k in _KINDS}
    for touch in tally.touches.values():
        for kind, who in touch.kinds.get(voice, {}).items():
            people.setdefault(kind, set()).update(who)
    return {k: len(people[k]) for k in _KINDS}


def _ideas(sessions: list[Session], guide: Guide) -> Ideas:
    """The participants' own ideas of what to change (answers to the guide's questions in
    the ideas lane), apart from the interviewer's opportunities; shown where a participant's
    words may be (staff's, customers who agreed to be quoted), the others counted."""
    asked = [(s.id, q.id) for s in guide.stages for q in s.questions if q.lane == IDEAS]
    items: list[Idea] = []
    withheld = 0
    for session in sessions:
        shown = session.may_quote
        for stage_id, qid in asked:
            value = guide.answer_of(session, stage_id, qid)
            text = " ".join(clean_text(str(value)).split()) if value not in (None, "") else ""
            if text and shown:
                items.append(
                    {
                        "text": text,
                        "participant": participant_label(session),
                        "perspective": session.perspective,
                        "voice": voice_of(session),
                        "stage": stage_id,
                    }
                )
            elif text:
                withheld += 1
    return {"items": items, "withheld": withheld}


def _behind(tally: Tally, what: str) -> list[Behind]:
    """Owners (or processes) behind the touchpoints, ranked: processes first by the
    problems noted in them (inefficiency, bottleneck, obstruction), then by how many people
    of the main voice felt a pain at their touchpoints."""
    out: list[Behind] = []
    for entry in tally.behind[what].values():
        felt = len(entry.felt.get(tally.basis, ()))
        item: Behind = {
            "name": entry.name,
            "pains": felt,
            "people": felt,
            "touchpoints": sorted(entry.touchpoints.values()),
        }
        if what == "processes":
            item["problems"] = {
                k: entry.problems[k] for k in PROCESS_PROBLEMS if entry.problems.get(k)
            }
        out.append(item)
    return sorted(
        out,
        key=lambda r: (-sum(r.get("problems", {}).values()), -r["pains"], r["name"].casefold()),
    )


def _backlog(
    tally: Tally, guide: Guide, study: Study | None, touchpoints: list[TouchpointFigures]
) -> BacklogJSON | None:
    """The study's opportunity backlog, ranked with its evidence from these interviews, and
    the pains no item answers: only when the study keeps a backlog (see cjtui.analysis.backlog)."""
    if study is None or not study.backlog:
        return None
    from .. import backlog as bl

    sessions, low = tally.sessions, guide.scale.min
    rows = [r.to_dict() for r in bl.ranked(sessions, study, low)]
    rows_of = {tp["key"]: tp for tp in touchpoints}
    open_pains: list[OpenPain] = [
        {
            "touchpoint": key,
            "name": rows_of[key]["name"] if key in rows_of else key,
            "stage": rows_of[key]["stage"] if key in rows_of else None,
            "people": people,
        }
        for key, people in bl.open_pains(sessions, study, low)
    ]
    return {"items": rows, "open_pains": open_pains}


def _opportunities(tally: Tally) -> list[Opportunity]:
    """The interviewer's opportunities, per touchpoint, with the people whose pain there
    they answer."""
    basis = tally.basis
    rows: list[Opportunity] = []
    for touch in tally.touches.values():
        if not touch.opportunities:
            continue
        felt = touch.pains.get(basis, {})
        rows.append(
            {
                "touchpoint": touch.key,
                "name": touch.name,
                "people": len(felt),
                "severity": _r(statistics.fmean(felt.values())) if felt else None,
                "items": [
                    {
                        "text": text,
                        "sessions": [session_id for session_id, _ in who],
                        # Typed in whose interview: staff's or a before's are labelled so.
                        "voices": [v for v in VOICES if any(v == w for _, w in who)],
                    }
                    for text, who in touch.opportunities.items()
                ],
            }
        )
    # By the people of the main voice who felt the pains they answer, then how badly.
    rows.sort(key=lambda o: (-o["people"], -(o["severity"] or 0), o["name"].casefold()))
    return rows


def _scales(tally: Tally, guide: Guide, lang: str) -> list[ScaleQuestion]:
    """Every scale question (ease 1–5, recommend 0–10…): per question, how many people gave
    each value, the median and n people, in the main voice; a 0–10 question also gives the
    shares of promoters (9–10), passives (7–8) and detractors (0–6), never a bare score."""
    basis = tally.basis
    asked = [(PERSONA_STAGE, q) for q in guide.persona]
    asked += [(st.id, q) for st in guide.stages for q in st.questions]
    rows = []
    for stage_id, q in asked:
        if q.type != "scale":
            continue
        given: dict[str, float] = {}
        for session in tally.sessions:  # the latest interview of each person counts
            if voice_of(session) != basis:
                continue
            value = guide.answer_of(session, stage_id, q.id)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                given[person_of(session)] = value
        values = list(given.values())
        row: ScaleQuestion = {
            "stage": stage_id,
            "question": q.id,
            "prompt": q.prompt_text(lang),
            "min": q.min,
            "max": q.max,
            "min_label": q.min_label.get(lang, ""),
            "max_label": q.max_label.get(lang, ""),
            "people": len(values),
            "distribution": {
                str(v): sum(1 for x in values if x == v)
                for v in range(int(q.min or 0), int(q.max or 0) + 1)
            },
            "median": _r(float(statistics.median(values))) if values else None,
            "thin": len(values) < tally.thin_below,
        }
        if (q.min, q.max) == (0, 10) and values:
            n = len(values)
            row["promoters"] = round(sum(1 for v in values if v >= 9) / n, 3)
            row["passives"] = round(sum(1 for v in values if 7 <= v <= 8) / n, 3)
            row["detractors"] = round(sum(1 for v in values if v <= 6) / n, 3)
        rows.append(row)
    return rows


PERSONA_SUMMARIES = 3  # profile answers shown per segment, as the interviewer's summaries


def _persona(tally: Tally, guide: Guide, lang: str) -> list[PersonaCard]:
    """Who the participants are, one card per segment (people, without names): the
    profile's choices tallied in people, and a few profile answers as the interviewer's
    summaries, where they may be shown. Staff are not a persona."""
    cards: dict[str, dict[str, Any]] = {}
    for session in tally.sessions:
        if session.perspective != "customer":
            continue
        segment = " ".join(clean_text(session.participant.segment).split()) or "—"
        card = cards.setdefault(
            segment, {"segment": segment, "people": set(), "choices": {}, "summaries": []}
        )
        person = person_of(session)
        card["people"].add(person)
        for q in guide.persona:
            value = session.participant.persona.get(q.id)
            if value in (None, "", []):
                continue
            if q.type in ("choice", "multi_choice", "yes_no"):
                tallied = card["choices"].setdefault(
                    q.id, {"prompt": q.prompt_text(lang), "tally": {}}
                )
                for code in value if isinstance(value, list) else [value]:
                    label = option_label(q, code, lang)
                    tallied["tally"].setdefault(label, set()).add(person)
            elif q.type in ("text", "long_text") and session.consent.quotes:
                if len(card["summaries"]) < PERSONA_SUMMARIES:
                    text = " ".join(clean_text(str(value)).split())
                    card["summaries"].append(
                        Said(text, participant_label(session), voice_of(session), False).to_json()
                    )
    out: list[PersonaCard] = []
    for card in sorted(cards.values(), key=lambda c: (-len(c["people"]), c["segment"])):
        out.append(
            {
                "segment": card["segment"],
                "people": len(card["people"]),
                "choices": [
                    {
                        "question": qid,
                        "prompt": c["prompt"],
                        "tally": [
                            {"label": label, "people": len(who)}
                            for label, who in sorted(c["tally"].items(), key=lambda kv: -len(kv[1]))
                        ],
                    }
                    for qid, c in card["choices"].items()
                ],
                "summaries": card["summaries"],
            }
        )
    return out


def option_label(question: Question, code: Any, lang: str) -> str:
    """An answer's code as a person reads it: its option's label, yes or no, else the code
    (cleaned): for the report's persona and the map's lanes."""
    if isinstance(code, bool):
        from ...base.i18n import t

        return t("yes" if code else "no", lang)
    option = question.option(str(code))
    return option.text(lang) if option else clean_text(str(code))


def _mean_curve(tally: Tally, guide: Guide, lang: str, study: Study | None) -> MeanCurve:
    """The main voice's mean curve (people's means): never blended with another voice."""
    basis = tally.basis
    chosen = [s for s in tally.sessions if voice_of(s) == basis]
    mean = curve_data(chosen, guide, lang, by="all", study=study)
    series = mean.series[0]
    return {
        "points": [
            {
                "x": p.x,
                "key": p.key,
                "name": p.label,
                "stage": p.stage,
                "mean": _r(v),
                "min": lo,
                "max": hi,
                "count": c,
            }
            for p, v, lo, hi, c in zip(
                mean.axis, series.values, series.low, series.high, series.counts, strict=True
            )
        ]
    }
