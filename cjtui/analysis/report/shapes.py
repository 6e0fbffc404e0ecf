"""The report's document, typed: each part of the JSON the report writes (its format is in
the README, "Report (JSON)"), as the builder makes it and the renderers, the map and the
app read it. The type checker holds every key a reader asks for to one the builder
writes, with its type; the document is JSON as it is, so writing it is one dump."""

from __future__ import annotations

from typing import NotRequired, TypedDict

from ..backlog import BacklogRow


class FiguresJSON(TypedDict):
    """A voice's ratings, counted in people (each person's ratings averaged first)."""

    people: int
    interviews: int
    ratings: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None
    negative_share: float | None
    thin: bool


class SaidJSON(TypedDict):
    """Words a participant said (verbatim) or the interviewer's summary of them."""

    text: str
    participant: str
    voice: str
    verbatim: bool


class StudyRef(TypedDict):
    id: str
    title: str
    subject: str


class GuideRef(TypedDict):
    id: str
    version: str
    title: str


class Sessions(TypedDict):
    total: int
    customer: int
    internal: int
    before: int
    after: int
    no_moment: int
    in_progress: int


class Period(TypedDict):
    first: str | None
    last: str | None


class Scale(TypedDict):
    min: int
    max: int
    labels: dict[str, str]


class StageFigures(FiguresJSON):
    id: str
    title: str
    added: bool
    added_by: int
    skipped: int
    not_lived: dict[str, int]
    by_voice: dict[str, FiguresJSON]
    customer_words: list[SaidJSON]
    staff_words: list[SaidJSON]
    customer_words_withheld: int


class PainsJSON(TypedDict):
    """The pains one voice felt at a touchpoint, in people."""

    pains: int
    pain_kinds: dict[str, int]
    pain_severity: float | None
    top_ratings: int


class TouchpointFigures(FiguresJSON, PainsJSON):
    key: str
    name: str
    stage: str
    channels: list[str]
    channel_people: dict[str, int]
    mentions: int
    pain_share: float | None
    severity: float
    by_voice: dict[str, FiguresJSON]
    customer_mean: float | None
    internal_mean: float | None
    staff_people: int
    gap: float | None
    before_mean: float | None
    after_mean: float | None
    change: float | None
    change_pairs: int
    owners: list[str]
    processes: list[str]
    quotes: list[SaidJSON]
    staff_quotes: list[SaidJSON]
    quotes_withheld: int


class Moment(TypedDict):
    """A moment of truth: a touchpoint felt as a pain, by how many people, how badly."""

    key: str
    name: str
    stage: str
    pains: int
    people: int
    interviews: int
    mentions: int
    pain_kinds: dict[str, int]
    pain_severity: float | None
    severity: float
    mean: float | None
    thin: bool


class Gap(TypedDict):
    """Staff's belief against customers' experience at one touchpoint."""

    key: str
    name: str
    stage: str
    internal_mean: float | None
    staff_people: int
    customer_mean: float | None
    people: int
    gap: float | None


class BeforeAfter(TypedDict):
    key: str
    name: str
    stage: str
    before_mean: float | None
    after_mean: float | None
    change: float | None
    change_pairs: int


class Highlight(TypedDict):
    """What works, to keep: rated at the top of the scale."""

    key: str
    name: str
    stage: str
    top_ratings: int
    people: int
    mean: float | None
    thin: bool


class Behind(TypedDict):
    """An owner or a process behind touchpoints, with the people who felt pains there."""

    name: str
    pains: int
    people: int
    touchpoints: list[str]
    problems: NotRequired[dict[str, int]]  # a process's problems noted, by kind


class OpportunityItem(TypedDict):
    text: str
    sessions: list[str]
    voices: list[str]


class Opportunity(TypedDict):
    touchpoint: str
    name: str
    people: int
    severity: float | None
    items: list[OpportunityItem]


class Idea(TypedDict):
    text: str
    participant: str
    perspective: str
    voice: str
    stage: str


class Ideas(TypedDict):
    items: list[Idea]
    withheld: int


class ScaleQuestion(TypedDict):
    """A scale question's answers in people (ease 1–5, recommend 0–10…)."""

    stage: str
    question: str
    prompt: str
    min: int | float | None
    max: int | float | None
    min_label: str
    max_label: str
    people: int
    distribution: dict[str, int]
    median: float | None
    thin: bool
    promoters: NotRequired[float]  # a 0–10 question's shares
    passives: NotRequired[float]
    detractors: NotRequired[float]


class Tallied(TypedDict):
    label: str
    people: int


class Choice(TypedDict):
    question: str
    prompt: str
    tally: list[Tallied]


class PersonaCard(TypedDict):
    segment: str
    people: int
    choices: list[Choice]
    summaries: list[SaidJSON]


class CurvePoint(TypedDict):
    x: int
    key: str
    name: str
    stage: str
    mean: float | None
    min: float | None
    max: float | None
    count: int


class MeanCurve(TypedDict):
    points: list[CurvePoint]


class ExpectationJSON(TypedDict):
    key: str
    name: str
    stage: str
    people: int
    expected: float
    lived: float
    gap: float
    short: int
    voice: str


class OpenPain(TypedDict):
    touchpoint: str
    name: str
    stage: str | None
    people: int


class BacklogJSON(TypedDict):
    items: list[BacklogRow]
    open_pains: list[OpenPain]


class Heading(TypedDict):
    """What a report and a map both open with (see report.render.heard_and_whose)."""

    language: str
    guide: GuideRef
    sessions: Sessions
    people: dict[str, int]
    period: Period
    pairs: int
    basis: str


class Report(TypedDict):
    """The report (format 2): what a study's interviews say, by voice, in people."""

    report: int
    generated_at: str
    language: str
    study: StudyRef | None
    guide: GuideRef
    include_in_progress: bool
    basis: str
    voices: list[str]
    thin_below: int
    sessions: Sessions
    people: dict[str, int]
    period: Period
    pairs: int
    before_after_basis: str
    scale: Scale
    stages: list[StageFigures]
    weakest_stage: str | None
    strongest_stage: str | None
    touchpoints: list[TouchpointFigures]
    moments_of_truth: list[Moment]
    perception_gap: list[Gap]
    before_after: list[BeforeAfter]
    pains_by_kind: dict[str, int]
    highlights: list[Highlight]
    owners: list[Behind]
    processes: list[Behind]
    opportunities: list[Opportunity]
    ideas: Ideas
    scales: list[ScaleQuestion]
    persona: list[PersonaCard]
    mean_curve: MeanCurve | None
    start: dict[str, FiguresJSON]
    expectations: list[ExpectationJSON]
    backlog: NotRequired[BacklogJSON]  # only for a study that keeps a backlog
