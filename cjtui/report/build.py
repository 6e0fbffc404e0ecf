"""Many interviews into one map, as plain data: figures per stage and touchpoint, moments of
truth, the perception gap, before/after change, owners and processes behind the pains,
opportunities. The JSON report's shape is documented in the README. Nothing here does I/O.

:func:`build_report` goes in steps: a :class:`_Tally` reads every touchpoint of every
session once, then each section of the report is made from the tally.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..curve import Keys, curve_data
from ..errors import CjtuiError
from ..guide import IDEAS, Guide
from ..model import PAIN_KINDS, PROCESS_PROBLEMS, Session, Touchpoint, effective_severity, now_iso
from ..plain import clean_text
from ..study import Study

REPORT_VERSION = 1


class ReportError(CjtuiError):
    """Nothing to report on (no sessions of that guide, say); the message says why."""


def participant_label(session: Session) -> str:
    """How a report names a participant: the study's pseudonymous code, else the alias."""
    return session.participant.code or clean_text(session.participant.alias) or session.id[:8]


def paired_sessions(sessions: list[Session]) -> set[str]:
    """The ids of customer sessions that pair a participant's before and after (the same
    participant code in both moments; the latest of each where there are several)."""
    latest: dict[tuple[str, str], Session] = {}
    for s in sessions:
        code = s.participant.code
        if s.perspective == "customer" and code and s.moment in ("before", "after"):
            key = (code, s.moment)
            if key not in latest or s.started_at > latest[key].started_at:
                latest[key] = s
    ids: set[str] = set()
    for (code, moment), s in latest.items():
        if moment == "before" and (code, "after") in latest:
            ids |= {s.id, latest[(code, "after")].id}
    return ids


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _figures(ratings: list[int]) -> dict[str, Any]:
    """Number of ratings, mean, median and share of negative ratings."""
    if not ratings:
        return {"ratings": 0, "mean": None, "median": None, "negative_share": None}
    return {
        "ratings": len(ratings),
        "mean": _r(statistics.fmean(ratings)),
        "median": _r(float(statistics.median(ratings))),
        "negative_share": _r(sum(1 for r in ratings if r < 0) / len(ratings)),
    }


def _mean(values: list[int]) -> float | None:
    return statistics.fmean(values) if values else None


def _diff(a: float | None, b: float | None) -> float | None:
    return _r(a - b) if a is not None and b is not None else None


@dataclass
class _Touch:
    """Everything said about one touchpoint (matched by normalised name) across sessions."""

    key: str
    name: str
    stages: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    channels: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    ratings: list[int] = field(default_factory=list)
    by_perspective: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_moment: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    pains: int = 0
    pain_kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    severities: list[int] = field(default_factory=list)  # each pain's (see effective_severity)
    top: int = 0  # ratings at the top of the scale: what works, to keep
    mentions: int = 0
    owners: dict[str, str] = field(default_factory=dict)
    processes: dict[str, str] = field(default_factory=dict)
    opportunities: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    quotes: list[dict[str, str]] = field(default_factory=list)  # only where consent allows
    quotes_withheld: int = 0


@dataclass
class _Tally:
    """Every touchpoint of every session, read once."""

    counts: dict[str, int] = field(default_factory=dict)
    stage_ratings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    stage_skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    touches: dict[str, _Touch] = field(default_factory=dict)
    owners: dict[str, dict[str, Any]] = field(default_factory=dict)
    processes: dict[str, dict[str, Any]] = field(default_factory=dict)

    keys: Keys = field(default_factory=Keys)
    scale: tuple[int, int] = (-2, 2)
    # Ids of the sessions in before/after pairs (one participant code, both moments); when
    # there are pairs, before/after change is measured on them only.
    paired: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, sessions: list[Session], keys: Keys, scale: tuple[int, int]) -> _Tally:
        tally = cls(
            keys=keys,
            scale=scale,
            paired=paired_sessions(sessions),
            counts={
                "total": len(sessions),
                "customer": 0,
                "internal": 0,
                "before": 0,
                "after": 0,
                "no_moment": 0,
            },
        )
        for s in sessions:
            tally.counts[s.perspective] += 1
            tally.counts[s.moment or "no_moment"] += 1
            for record in s.stages:
                stage = keys.stage(record)
                if record.skipped:
                    tally.stage_skipped[stage] += 1
                for tp in record.touchpoints:
                    tally.add(s, stage, tp)
        return tally

    def add(self, session: Session, stage_id: str, tp: Touchpoint) -> None:
        key = self.keys.of(tp)
        touch = self.touches.get(key)
        if touch is None:
            name = clean_text(self.keys.label(key, tp.name))
            touch = self.touches[key] = _Touch(key=key, name=name)
        touch.mentions += 1
        touch.stages[stage_id] += 1
        touch.channels[tp.channel] += 1
        if tp.emotion is not None:
            touch.ratings.append(tp.emotion)
            touch.by_perspective[session.perspective].append(tp.emotion)
            if session.moment and (not self.paired or session.id in self.paired):
                touch.by_moment[session.moment].append(tp.emotion)
            self.stage_ratings[stage_id].append(tp.emotion)
        self._behind(touch, touch.owners, self.owners, tp.owner, tp.pain)
        entry = self._behind(touch, touch.processes, self.processes, tp.process, tp.pain)
        if entry is not None and tp.process_problem:
            entry["problems"][tp.process_problem] += 1
        if tp.pain:
            touch.pains += 1
            touch.pain_kinds[tp.pain_kind or "unspecified"] += 1
            touch.severities.append(effective_severity(tp, self.scale[0]) or 2)
        if tp.emotion is not None and tp.emotion >= self.scale[1]:
            touch.top += 1
        quote = " ".join(clean_text(tp.quote).split())
        if quote and session.consent.quotes:
            touch.quotes.append({"text": quote, "participant": participant_label(session)})
        elif quote:
            touch.quotes_withheld += 1
        opportunity = " ".join(clean_text(tp.opportunity).split())
        if opportunity:
            touch.opportunities.setdefault(opportunity, []).append(
                {"session": session.id, "alias": clean_text(session.participant.alias)}
            )

    @staticmethod
    def _behind(
        touch: _Touch,
        names: dict[str, str],
        registry: dict[str, dict[str, Any]],
        value: str,
        pain: bool,
    ) -> dict[str, Any] | None:
        """An owner or process behind a touchpoint, counted with the pains it carries."""
        text = " ".join(clean_text(value).split())
        if not text:
            return None
        names.setdefault(text.casefold(), text)
        entry = registry.setdefault(
            text.casefold(),
            {"name": text, "pains": 0, "touchpoints": {}, "problems": defaultdict(int)},
        )
        entry["touchpoints"].setdefault(touch.key, touch.name)
        if pain:
            entry["pains"] += 1
        return entry


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
) -> dict[str, Any]:
    """The analysis of *sessions* (already chosen with :func:`select_sessions`) as plain data."""
    if not sessions:
        raise ReportError(
            f"no {'completed or in-progress' if include_in_progress else 'completed'} sessions "
            f"of guide {guide.id!r}"
            + ("" if include_in_progress else " (add --include-in-progress to count the others)")
        )
    tally = _Tally.of(sessions, Keys(study, guide, lang), (guide.scale.min, guide.scale.max))
    stages = _stages(tally, guide, sessions, lang)  # (after the study's stage merges)
    rated = [s for s in stages if s["ratings"]]
    touchpoints = _touchpoints(tally, stages)
    return {
        "report": REPORT_VERSION,
        "generated_at": generated_at or now_iso(),
        "language": lang,
        "study": (
            {"id": study.id, "title": study.title, "subject": study.subject}
            if study is not None
            else None
        ),
        "guide": {"id": guide.id, "version": guide.version, "title": guide.title_text(lang)},
        "include_in_progress": include_in_progress,
        "sessions": tally.counts,
        "pairs": len(tally.paired) // 2,
        "before_after_basis": "pairs" if tally.paired else "all",
        "scale": {
            "min": guide.scale.min,
            "max": guide.scale.max,
            "labels": {str(p.value): p.text(lang) for p in guide.scale.points},
        },
        "stages": stages,
        "weakest_stage": min(rated, key=lambda s: s["mean"])["id"] if rated else None,
        "strongest_stage": max(rated, key=lambda s: s["mean"])["id"] if rated else None,
        "touchpoints": touchpoints,
        **_comparisons(touchpoints),
        "pains_by_kind": _pains_by_kind(touchpoints),
        "highlights": _highlights(touchpoints),
        "owners": _ranked(tally.owners),
        "processes": _ranked(tally.processes, problems=True),
        "opportunities": _opportunities(tally),
        "ideas": _ideas(sessions, guide),
        "mean_curve": _mean_curve(sessions, guide, lang, study) if curve else None,
    }


def _stages(
    tally: _Tally, guide: Guide, sessions: list[Session], lang: str
) -> list[dict[str, Any]]:
    """The guide's stages and those participants added (see journey_stages), each with its
    figures, how many did not live it, how many added it, and the participants' own words
    for it (where they may be shown: staff's, and customers who agreed to be quoted)."""
    words: dict[str, list[dict[str, str]]] = defaultdict(list)
    withheld: dict[str, int] = defaultdict(int)
    added: dict[str, int] = defaultdict(int)
    for session in sessions:
        shown = session.perspective == "internal" or session.consent.quotes
        for record in session.stages:
            stage = tally.keys.stage(record)
            added[stage] += record.added
            if record.skipped:
                continue  # not lived: words typed there before are not theirs about it
            text = " ".join(clean_text(record.words).split())
            if text and shown:
                words[stage].append({"text": text, "participant": participant_label(session)})
            elif text:
                withheld[stage] += 1
    return [
        {
            "id": key,
            "title": title,
            "added": key not in guide.stage_ids,
            "added_by": added.get(key, 0),
            **_figures(tally.stage_ratings.get(key, [])),
            "skipped": tally.stage_skipped.get(key, 0),
            "customer_words": words.get(key, []),
            "customer_words_withheld": withheld.get(key, 0),
        }
        for key, title in tally.keys.stages(guide, sessions, lang)
    ]


def _touchpoints(tally: _Tally, stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    order = {stage["id"]: n for n, stage in enumerate(stages)}

    def home_stage(touch: _Touch) -> str:
        best = max(touch.stages.values())
        return min(
            (sid for sid, c in touch.stages.items() if c == best), key=lambda x: order.get(x, 99)
        )

    rows = []
    for touch in tally.touches.values():
        customer = _mean(touch.by_perspective.get("customer", []))
        internal = _mean(touch.by_perspective.get("internal", []))
        before = _mean(touch.by_moment.get("before", []))
        after = _mean(touch.by_moment.get("after", []))
        negatives = [-r for r in touch.ratings if r < 0]
        rows.append(
            {
                "key": touch.key,
                "name": touch.name,
                "stage": home_stage(touch),
                "channels": sorted(touch.channels, key=lambda c: -touch.channels[c]),
                "mentions": touch.mentions,
                **_figures(touch.ratings),
                "pains": touch.pains,
                "pain_share": _r(touch.pains / touch.mentions),
                "pain_kinds": {k: touch.pain_kinds[k] for k in _KINDS if touch.pain_kinds.get(k)},
                "pain_severity": _r(statistics.fmean(touch.severities))
                if touch.severities
                else None,
                "top_ratings": touch.top,
                "severity": _r(statistics.fmean(negatives)) if negatives else 0.0,
                "customer_mean": _r(customer),
                "internal_mean": _r(internal),
                "gap": _diff(internal, customer),
                "before_mean": _r(before),
                "after_mean": _r(after),
                "change": _diff(after, before),
                "owners": sorted(touch.owners.values()),
                "processes": sorted(touch.processes.values()),
                "quotes": touch.quotes,
                "quotes_withheld": touch.quotes_withheld,
            }
        )
    rows.sort(key=lambda tp: (order.get(tp["stage"], 99), tp["name"].casefold()))
    return rows


def _comparisons(touchpoints: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Moments of truth, the perception gap and before/after change, each ranked."""
    moments = sorted(
        (tp for tp in touchpoints if tp["pains"]),
        key=lambda tp: (
            -tp["pains"],
            -(tp["pain_severity"] or 0),
            -(tp["severity"] or 0),
            tp["mean"] or 0,
            tp["name"],
        ),
    )
    gap = sorted(
        (tp for tp in touchpoints if tp["gap"] is not None),
        key=lambda tp: (-abs(tp["gap"]), tp["name"]),
    )
    before_after = sorted(
        (tp for tp in touchpoints if tp["change"] is not None),
        key=lambda tp: (tp["change"], tp["name"]),
    )

    def keep(rows: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
        return [{k: tp[k] for k in ("key", "name", "stage", *keys)} for tp in rows]

    return {
        "moments_of_truth": keep(
            moments, "pains", "mentions", "pain_kinds", "pain_severity", "severity", "mean"
        ),
        "perception_gap": keep(gap, "internal_mean", "customer_mean", "gap"),
        "before_after": keep(before_after, "before_mean", "after_mean", "change"),
    }


_KINDS = (*PAIN_KINDS, "unspecified")


def _pains_by_kind(touchpoints: list[dict[str, Any]]) -> dict[str, int]:
    """How many pains of each kind (the method's dissatisfied, disoriented, annoyed; and
    those whose kind was not said)."""
    return {k: sum(tp["pain_kinds"].get(k, 0) for tp in touchpoints) for k in _KINDS}


def _highlights(touchpoints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What works, to keep: the touchpoints rated at the top of the scale, most often so
    first."""
    rows = sorted(
        (tp for tp in touchpoints if tp["top_ratings"]),
        key=lambda tp: (-tp["top_ratings"], -(tp["mean"] or 0), tp["name"].casefold()),
    )
    return [
        {k: tp[k] for k in ("key", "name", "stage", "top_ratings", "mentions", "mean")}
        for tp in rows
    ]


def _ideas(sessions: list[Session], guide: Guide) -> dict[str, Any]:
    """The participants' own ideas of what to change (answers to the guide's questions in
    the ideas lane), apart from the interviewer's opportunities; shown where a participant's
    words may be (staff's, customers who agreed to be quoted), the others counted."""
    asked = [(s.id, q.id) for s in guide.stages for q in s.questions if q.lane == IDEAS]
    items: list[dict[str, str]] = []
    withheld = 0
    for session in sessions:
        shown = session.perspective == "internal" or session.consent.quotes
        for stage_id, qid in asked:
            value = guide.answer_of(session, stage_id, qid)
            text = " ".join(clean_text(str(value)).split()) if value not in (None, "") else ""
            if text and shown:
                items.append(
                    {
                        "text": text,
                        "participant": participant_label(session),
                        "perspective": session.perspective,
                        "stage": stage_id,
                    }
                )
            elif text:
                withheld += 1
    return {"items": items, "withheld": withheld}


def _ranked(registry: dict[str, dict[str, Any]], *, problems: bool = False) -> list[dict[str, Any]]:
    """Owners (or processes) ranked by the pains behind them; processes (*problems*) first
    by the problems noted in them (inefficiency, bottleneck, obstruction), then by pains."""
    rows = []
    for e in registry.values():
        row = {
            "name": e["name"],
            "pains": e["pains"],
            "touchpoints": sorted(e["touchpoints"].values()),
        }
        if problems:
            row["problems"] = {
                k: e["problems"][k] for k in PROCESS_PROBLEMS if e["problems"].get(k)
            }
        rows.append(row)
    return sorted(
        rows,
        key=lambda r: (-sum(r.get("problems", {}).values()), -r["pains"], r["name"].casefold()),
    )


def _opportunities(tally: _Tally) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {
            "touchpoint": touch.key,
            "name": touch.name,
            "items": [
                {"text": text, "sessions": [w["session"] for w in who]}
                for text, who in touch.opportunities.items()
            ],
        }
        for touch in tally.touches.values()
        if touch.opportunities
    ]
    rows.sort(key=lambda o: (-len(o["items"]), o["name"].casefold()))
    return rows


def _mean_curve(
    sessions: list[Session], guide: Guide, lang: str, study: Study | None
) -> dict[str, Any]:
    mean = curve_data(sessions, guide, lang, by="all", study=study)
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
