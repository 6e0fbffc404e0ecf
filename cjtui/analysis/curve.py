"""The emotion curve's data: sessions turned into curve data (pure).

:func:`curve_data` lays the touchpoints of one or more sessions on one journey axis
(matched across sessions by key, after the study's merges, in stage order), after how they
felt at the start where the guide asks it, and gives one series per session, or one mean
series per group (perspective, moment, or all) with its min–max band and the count at each
point. It knows nothing of plotting: :mod:`cjtui.analysis.drawing` draws it, in a terminal and as
SVG, so the app, the command line, the report and the map draw the same curve.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..base.plain import fold, one_line
from ..domain.guide import Guide, journey_stages
from ..domain.model import (
    EXPECTED,
    LIVED,
    STAFF,
    Session,
    StageRecord,
    Touchpoint,
    person_of,
    voice_of,
)
from ..domain.study import Study

GROUPINGS: tuple[str, ...] = ("session", "perspective", "moment", "all")
# Colours and markers told apart with colour and without it (NO_COLOR, 16 colours).
# The curve's first point, before the first stage: how the participant felt at the very start
# (the guide's persona emotion question). A touchpoint key never starts with "_".
START = "_start"


@lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    """How touchpoints are matched across sessions: case, accents, spacing and end
    punctuation do not count (``"Envío de documentación."`` ~ ``"envio de documentacion"``)."""
    return fold(name).strip(" .,;:!?¡¿«»\"'()[]")


@dataclass(frozen=True)
class AxisPoint:
    x: int  # 1-based place in the journey
    stage: str
    key: str  # normalised name (unique on the axis)
    label: str  # the name as first written


@dataclass(frozen=True)
class StageSpan:
    stage: str
    title: str
    first: int  # x of the stage's first point
    last: int


@dataclass
class Series:
    """One line on the plot: a session, or the mean of a group of sessions."""

    name: str
    values: list[float | None]  # per axis point; None where nothing was rated
    pains: list[bool]
    counts: list[int] = field(default_factory=list)  # ratings behind each value
    low: list[float | None] = field(default_factory=list)  # min–max band (means only)
    high: list[float | None] = field(default_factory=list)
    sessions: int = 1
    dashed: bool = False  # drawn dotted behind the others: staff's belief, for comparison
    # A mean line's group (customer, internal, before, after, none, all), or whose voice a
    # single line is (customer, internal) where that sets its marker.
    group: str = ""

    @property
    def is_mean(self) -> bool:
        return bool(self.low)


@dataclass
class CurveData:
    axis: list[AxisPoint] = field(default_factory=list)
    stages: list[StageSpan] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    y_min: int = -2
    y_max: int = 2
    y_labels: dict[int, str] = field(default_factory=dict)
    # Titles of the stages a single session marked as not lived (they have no span).
    not_lived: list[str] = field(default_factory=list)

    @property
    def rated(self) -> bool:
        return any(v is not None for s in self.series for v in s.values)


# ---- building the data -----------------------------------------------------------------------


class Keys:
    """How touchpoints meet across a study's interviews: by key, after the study's merges
    (a Spanish and an English interview meet on a guide suggestion's key), each shown by
    its guide suggestion's name in the language asked, else by the first name typed."""

    def __init__(
        self, study: Study | None = None, guide: Guide | None = None, lang: str = "en"
    ) -> None:
        self.study = study
        self.names: dict[str, str] = {}
        if guide is not None:
            for stage in guide.stages:
                for suggestion in stage.touchpoints:
                    self.names[suggestion.key] = suggestion.text(lang)

    def stage(self, record: StageRecord) -> str:
        """The stage a record is counted in: its key, after the study's stage merges."""
        key = record.key
        return self.study.canonical_stage(key) if self.study is not None else key

    def stages(self, guide: Guide, sessions: list[Session], lang: str) -> list[tuple[str, str]]:
        """The journey's stages (see guide.journey_stages), after the study's merges."""
        study = self.study
        return journey_stages(guide, sessions, lang, study.canonical_stage if study else None)

    def of(self, tp: Touchpoint) -> str:
        key = tp.key or normalize_name(tp.name) or tp.id
        return self.study.canonical_key(key) if self.study is not None else key

    def label(self, key: str, typed: str) -> str:
        return self.names.get(key) or typed

    def behind(self, what: str, name: str) -> str:
        """The key a process's or owner's name is counted as, after the study's merges."""
        from ..domain.study import behind_key

        if self.study is not None:
            return self.study.canonical_behind(what, name)
        return behind_key(name)


def base_key(key: str) -> str:
    """An axis key without the " #2" that tells a touchpoint met twice in one session."""
    return key.split(" #")[0]


def _session_axis(session: Session, keys: Keys) -> list[tuple[str, str, str]]:
    """(stage, key, label) for each touchpoint of one session, keys made unique."""
    seen: Counter[str] = Counter()
    out = []
    for record, tp in session.touchpoints():
        key = keys.of(tp)
        label = keys.label(key, tp.name)
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key} #{seen[key]}"
        out.append((keys.stage(record), key, label))
    return out


def _shared_axis(
    sessions: list[Session],
    axes: list[list[tuple[str, str, str]]],
    stage_order: list[str],
    keys: Keys,
) -> list[tuple[str, str, str]]:
    """One axis for many sessions: each touchpoint name once, in its most usual stage, ordered
    by stage and then by where it usually comes within the stage."""
    stages: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, list[float]] = defaultdict(list)
    labels: dict[str, str] = {}
    for session, session_axis in zip(sessions, axes, strict=True):
        # Where each key first comes in its stage (one pass a stage, not one a point).
        first: dict[str, dict[str, int]] = {}
        size: dict[str, int] = {}
        for record in session.stages:
            stage = keys.stage(record)
            places_in = first.setdefault(stage, {})
            for i, t in enumerate(record.touchpoints):
                places_in.setdefault(keys.of(t), i)
            size[stage] = size.get(stage, 0) + len(record.touchpoints)
        for stage_id, key, label in session_axis:
            index = first[stage_id][base_key(key)]
            stages[key][stage_id] += 1
            places[key].append(index / max(1, size[stage_id]))
            labels.setdefault(key, label)
    order = {s: n for n, s in enumerate(stage_order)}

    def home_stage(key: str) -> str:
        counts = stages[key]
        best = max(counts.values())
        return min((s for s, c in counts.items() if c == best), key=lambda s: order.get(s, 99))

    ordered = sorted(
        labels,
        key=lambda k: (order.get(home_stage(k), 99), statistics.fmean(places[k]), labels[k]),
    )
    return [(home_stage(k), k, labels[k]) for k in ordered]


def _group_name(group: str, by: str, lang: str) -> str:
    from ..base.i18n import t

    if by == "perspective":
        return t("curve.expected" if group == "expected" else f"perspective.{group}", lang)
    if by == "moment":
        return t(f"moment.{group}", lang) if group != "none" else t("curve.no_moment", lang)
    return t("curve.all", lang)


def _session_name(session: Session, lang: str) -> str:
    """A session's line in a legend, in the interface's language: "Alondra (cliente, antes)"."""
    from ..base.i18n import t

    alias = one_line(session.participant.alias, 18) or session.id[:8]
    moment = f", {t(f'moment.{session.moment}', lang)}" if session.moment else ""
    return f"{alias} ({t(f'perspective.{session.perspective}', lang)}{moment})"


def curve_data(
    sessions: Session | list[Session],
    guide: Guide | None,
    lang: str | None = None,
    *,
    by: str = "session",
    study: Study | None = None,
    ui_lang: str | None = None,
) -> CurveData:
    """Curve data for one session, or many laid on one axis.

    *by* is ``session`` (a line per session), or ``perspective``, ``moment`` or ``all`` (a
    mean line per group, with its min–max band and counts). Names of stages, touchpoints
    and scale points are in *lang*; the legend's words (customer, before…) in *ui_lang*,
    the interface's (default: *lang*).
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}")
    if isinstance(sessions, Session):
        sessions = [sessions]
    lang = lang or (sessions[0].language if sessions else "en")
    data = CurveData()
    if guide is not None:
        data.y_min, data.y_max = guide.scale.min, guide.scale.max
        data.y_labels = {p.value: p.text(lang) for p in guide.scale.points}
    keys = Keys(study, guide, lang)
    titles = (
        dict(keys.stages(guide, sessions, lang))
        if guide is not None
        else {keys.stage(r): r.title or r.id for s in sessions for r in s.stages}
    )
    stage_order = list(titles)
    axes = [_session_axis(s, keys) for s in sessions]  # computed once: used twice below
    axis_of = {id(s): a for s, a in zip(sessions, axes, strict=True)}
    if len(sessions) == 1 and by == "session":
        axis = axes[0]
    else:
        axis = _shared_axis(sessions, axes, stage_order, keys)
    starts = _start_ratings(sessions, guide)
    if starts:
        axis = [(START, START, _start_label(ui_lang or lang, "curve.start_point")), *axis]
    data.axis = [
        AxisPoint(x=n, stage=stage, key=key, label=one_line(label, 40) or "?")
        for n, (stage, key, label) in enumerate(axis, 1)
    ]
    _add_stages(data, guide, titles, sessions, lang)
    if starts:
        data.stages.insert(0, StageSpan(START, _start_label(ui_lang or lang), 1, 1))
    index = {p.key: p.x - 1 for p in data.axis}
    found = {id(s): _ratings(s, axis_of[id(s)], index) for s in sessions}
    for session_id, rating in starts.items():
        found[session_id][0] = ([rating], False)
    if by == "session":
        data.series = [
            _session_series(s, found[id(s)], len(data.axis), ui_lang or lang) for s in sessions
        ]
    else:
        data.series = _group_series(sessions, found, len(data.axis), by, lang)
    return data


Ratings = dict[int, tuple[list[int], bool]]  # axis slot -> (ratings there, felt as a pain)


def _start_ratings(sessions: list[Session], guide: Guide | None) -> dict[int, int]:
    """How each session's participant felt at the very start, where the guide asks it and
    they answered (by id() of the session)."""
    if guide is None or guide.start_question is None:
        return {}
    out = {}
    for session in sessions:
        rating = guide.start_rating(session)
        if rating is not None:
            out[id(session)] = rating
    return out


def _start_label(lang: str, key: str = "curve.start") -> str:
    from ..base.i18n import t

    return t(key, lang)


def _add_stages(
    data: CurveData,
    guide: Guide | None,
    titles: dict[str, str],
    sessions: list[Session],
    lang: str,
) -> None:
    """Each stage's span on the axis (the guide's and those participants added); for one
    session, the stages it did not live."""
    for stage_id, title in titles.items():
        xs = [p.x for p in data.axis if p.stage == stage_id]
        if xs:
            data.stages.append(StageSpan(stage_id, one_line(title, 30), min(xs), max(xs)))
    if len(sessions) == 1 and guide is not None:
        skipped = {r.id for r in sessions[0].stages if r.skipped}
        data.not_lived = [
            one_line(stage.title_text(lang), 30) for stage in guide.stages if stage.id in skipped
        ]


def _ratings(
    session: Session, session_axis: list[tuple[str, str, str]], index: dict[str, int]
) -> Ratings:
    """Where each of the session's touchpoints falls on the axis, with its rating and pain."""
    out: Ratings = {}
    for (_stage, key, _label), (_, tp) in zip(session_axis, session.touchpoints(), strict=True):
        slot = index.get(key)
        if slot is None:
            continue
        values, pain = out.get(slot, ([], False))
        if tp.emotion is not None:
            values.append(tp.emotion)
        out[slot] = (values, pain or tp.pain)
    return out


def _session_series(session: Session, found: Ratings, size: int, lang: str) -> Series:
    values: list[float | None] = [None] * size
    pains = [False] * size
    counts = [0] * size
    for slot, (vals, pain) in found.items():
        values[slot] = statistics.fmean(vals) if vals else None
        pains[slot] = pain
        counts[slot] = len(vals)
    return Series(_session_name(session, lang), values, pains, counts)


def _group_series(
    sessions: list[Session], found: dict[int, Ratings], size: int, by: str, lang: str
) -> list[Series]:
    """One mean series per group, of people: a participant interviewed more than once in
    the group counts once (their ratings averaged first), and a point's count is people.
    Its band is the lowest and highest person's mean; a point is a pain for the group when
    at least half its people felt it so. By perspective, customers interviewed before an
    interaction (what they expect) are a group of their own, never averaged with what
    customers lived."""
    groups: dict[str, list[Session]] = defaultdict(list)
    for session in sessions:
        if by == "perspective":
            groups[_VOICE_GROUP[voice_of(session)]].append(session)
        elif by == "moment":
            groups[session.moment or "none"].append(session)
        else:
            groups["all"].append(session)
    preferred = {"customer": 0, "expected": 1, "internal": 2, "before": 0, "after": 1, "none": 2}
    series = []
    for group in sorted(groups, key=lambda g: preferred.get(g, 9)):
        members = groups[group]
        people: list[dict[str, list[int]]] = [defaultdict(list) for _ in range(size)]
        pains: list[dict[str, bool]] = [{} for _ in range(size)]
        for session in members:
            person = person_of(session)
            for slot, (vals, pain) in found[id(session)].items():
                people[slot][person].extend(vals)
                pains[slot][person] = pains[slot].get(person, False) or pain
        means = [[statistics.fmean(v) for v in slot.values() if v] for slot in people]
        who = len({person_of(s) for s in members})
        series.append(
            Series(
                name=f"{_group_name(group, by, lang)} (n={who})",
                group=group,
                values=[statistics.fmean(m) if m else None for m in means],
                pains=[
                    bool(means[i]) and sum(pains[i].values()) * 2 >= len(pains[i])
                    for i in range(size)
                ],
                counts=[len(m) for m in means],
                low=[min(m) if m else None for m in means],
                high=[max(m) if m else None for m in means],
                sessions=who,
                dashed=group == "internal",
            )
        )
    return series


# The voice each mean line speaks in: its group by perspective, or by moment.
PERSPECTIVE_GROUPS = ("customer", "expected", "internal")
GROUP_VOICE = {
    "customer": LIVED, "expected": EXPECTED, "internal": STAFF,
    "before": EXPECTED, "after": LIVED, "none": LIVED,
}  # fmt: skip
_VOICE_GROUP = {GROUP_VOICE[g]: g for g in PERSPECTIVE_GROUPS}


def with_staff(data: CurveData, staff: dict[str, tuple[float, int]], name: str) -> CurveData:
    """*data* (one customer's curve) with staff's belief at the same touchpoints added as a
    dotted line behind it: the perception gap while the customer is still in the room."""
    found = [staff.get(base_key(point.key)) for point in data.axis]
    if not any(found):
        return data
    n = max((c for _, c in staff.values()), default=0)
    behind = Series(
        name=f"{name} (n≤{n})",
        values=[f[0] if f else None for f in found],
        pains=[False] * len(found),
        counts=[f[1] if f else 0 for f in found],
        dashed=True,
        group="internal",
    )
    customer = [replace(x, group=x.group or "customer") for x in data.series]
    return replace(data, series=[behind, *customer])


def largest_gaps(
    data: CurveData, staff: dict[str, tuple[float, int]], count: int = 3
) -> list[tuple[str, float, float]]:
    """The touchpoints where staff's mean is furthest from the customer's rating: (name,
    staff mean, customer rating), largest difference first."""
    customer = data.series[-1] if data.series else None
    if customer is None:
        return []
    gaps = []
    for point, value in zip(data.axis, customer.values, strict=True):
        found = staff.get(base_key(point.key))
        if found is not None and value is not None:
            gaps.append((point.label, found[0], value))
    gaps.sort(key=lambda g: (-abs(g[1] - g[2]), g[0]))
    return gaps[:count]
