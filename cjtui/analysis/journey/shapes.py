"""The journey map's document, typed: each part of the JSON the map writes (its format is in
the README, "Map (JSON)"), as build_map makes it and the renderers, the workbook and the app
read it; most of its figures are the report's (cjtui.analysis.report.shapes)."""

from __future__ import annotations

from typing import NotRequired, TypedDict

from ..drawing.svg import Line, Point
from ..report.shapes import (
    BacklogJSON,
    GuideRef,
    Period,
    PersonaCard,
    SaidJSON,
    Scale,
    ScaleQuestion,
    Sessions,
    StudyRef,
)


class VoiceFigures(TypedDict):
    mean: float | None
    people: int
    thin: bool


class MapStage(TypedDict):
    id: str
    title: str
    added: bool
    added_by: int
    customer_words: list[SaidJSON]
    customer_words_more: int
    customer_words_withheld: int
    staff_words: list[SaidJSON]
    not_lived: int
    not_lived_by_voice: dict[str, int]
    mean: float | None
    people: int
    thin: bool
    by_voice: dict[str, VoiceFigures]


class Tally(TypedDict):
    label: str
    count: int


class TextAnswer(TypedDict):
    text: str
    participant: str
    verbatim: bool
    times: NotRequired[int]  # given by more than one participant


class LaneAnswers(TypedDict):
    """What the answers to one question say in a lane's cell: a tally of choices, a mean of
    numbers, or texts (the interviewer's summaries); staff's belief beside."""

    question: str
    prompt: str
    count: int
    people: int
    kind: str  # "tally", "mean" or "text"
    yes_no: NotRequired[bool]
    tally: NotRequired[list[Tally]]
    mean: NotRequired[float | None]
    answers: NotRequired[list[TextAnswer]]
    more: NotRequired[int]
    withheld: NotRequired[int]
    staff: NotRequired[LaneAnswers]


class Lane(TypedDict):
    id: str
    title: str
    cells: dict[str, list[LaneAnswers]]  # by stage


class MapTouchpoint(TypedDict):
    key: str
    name: str
    channel: str
    mentions: int
    people: int
    mean: float | None
    thin: bool


class Curve(TypedDict):
    axis: list[Point]
    series: list[Line]


class MapPain(TypedDict):
    key: str
    name: str
    participants: int  # people who felt it (kept for 1.x readers)
    people: int
    of_people: int
    thin: bool
    mentions: int
    kinds: dict[str, int]
    severity: float
    pain_severity: float | None
    moment_of_truth: bool


class MapHighlight(TypedDict):
    key: str
    name: str
    top_ratings: int
    people: int


class Backstage(TypedDict):
    key: str
    name: str
    processes: list[str]
    problems: dict[str, dict[str, int]]
    owners: list[str]


class MapOpportunity(TypedDict):
    text: str
    voices: list[str]
    touchpoint: str
    name: str
    stage: str | None
    participants: int
    people: int
    severity: float
    proposed_in: int
    rank: int  # 1 for the first


class MapIdea(TypedDict):
    text: str
    participant: str
    stage: str
    voice: str
    times: NotRequired[int]


class MapIdeas(TypedDict):
    items: list[MapIdea]
    more: dict[str, int]
    withheld: int


class JourneyMap(TypedDict):
    """The journey map (format 2): stages across, lanes down."""

    map: int
    generated_at: str
    language: str
    study: StudyRef | None
    guide: GuideRef
    sessions: Sessions
    people: dict[str, int]
    period: Period
    persona: list[PersonaCard]
    scales: list[ScaleQuestion]
    basis: str
    thin_below: int
    pairs: int
    compare: str
    scale: Scale
    stages: list[MapStage]
    lanes: list[Lane]
    touchpoints: dict[str, list[MapTouchpoint]]
    curve: Curve
    pains: dict[str, list[MapPain]]
    highlights: dict[str, list[MapHighlight]]
    backstage: dict[str, list[Backstage]]
    opportunities: list[MapOpportunity]
    ideas: MapIdeas
    backlog: NotRequired[BacklogJSON]
