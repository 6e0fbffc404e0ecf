"""The guide's types and queries: a questionnaire (stages, questions, options, conditions,
the emotion scale, suggested touchpoints) and what can be asked of it about a session (which
questions show, which required ones are missing, progress). No file or TOML here: see
:mod:`cjtui.domain.guide.parser` and :mod:`cjtui.domain.guide.files`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...base.errors import CjtuiError, Msg
from ...base.i18n import t
from ...base.plain import fold
from ..model import MAX_TEXT, PERSONA_STAGE, Answer, GuideRef, Session, StageRecord

QUESTION_TYPES: tuple[str, ...] = (
    "text",
    "long_text",
    "choice",
    "multi_choice",
    "scale",
    "yes_no",
    "number",
    # On the guide's emotion scale; in the persona only, at most once: how the participant
    # felt at the very start, before the first stage (the curve starts there).
    "emotion",
)
CONDITION_OPS: tuple[str, ...] = ("equals", "not_equals", "in", "includes", "answered")


class GuideError(CjtuiError):
    """A guide file that cannot be used; ``problems`` lists every ``location: message``."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        first: str = problems[0] if problems else Msg("invalid guide")
        if len(problems) > 1:
            first = Msg("{0} (and {1} more)", first, len(problems) - 1)
        super().__init__(Msg("{0}: {1}", source, first))


Localized = dict[str, str]


@dataclass(frozen=True)
class Option:
    code: str
    label: Localized

    def text(self, lang: str) -> str:
        return self.label.get(lang) or next(iter(self.label.values()), self.code)


@dataclass(frozen=True)
class Condition:
    """Show a question only when an earlier answer meets this test."""

    stage: str
    question: str
    op: str
    value: Any = None

    def holds(self, answer: Answer) -> bool:
        if self.op == "answered":
            return (answer not in (None, "", [])) == bool(self.value)
        if answer is None:
            return False
        if self.op == "equals":
            return bool(answer == self.value)
        if self.op == "not_equals":
            return bool(answer != self.value)
        if self.op == "in":
            return answer in self.value
        if self.op == "includes":
            return isinstance(answer, list) and self.value in answer
        return False


# The journey map's lanes that questions feed: what the customer does, thinks, feels,
# expects and doubts at each stage.
LANES: tuple[str, ...] = ("doing", "thinking", "feeling", "expecting", "doubts")
# A question whose answers are the participant's own ideas of what to change: kept apart
# from the interviewer's opportunities, and shown beside them.
IDEAS = "ideas"
QUESTION_LANES: tuple[str, ...] = (*LANES, IDEAS)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: Localized
    help: Localized = field(default_factory=dict)
    required: bool = False
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    min: int | float | None = None
    max: int | float | None = None
    min_label: Localized = field(default_factory=dict)
    max_label: Localized = field(default_factory=dict)
    lane: str | None = None  # the journey map's lane its answers feed (see QUESTION_LANES)
    internal: Localized = field(default_factory=dict)  # the prompt put to staff, if other
    # The prompt put to a customer before the interaction (what they expect), if other.
    before: Localized = field(default_factory=dict)

    def prompt_text(
        self, lang: str, perspective: str = "customer", moment: str | None = None
    ) -> str:
        """The prompt in *lang*; to staff (an internal interview), its internal wording,
        and to a customer before the interaction, its "before" wording, where the guide
        gives one."""
        if perspective == "internal" and self.internal:
            return pick(self.internal, lang)
        if perspective == "customer" and moment == "before" and self.before:
            return pick(self.before, lang)
        return pick(self.prompt, lang)

    def help_text(self, lang: str) -> str:
        return pick(self.help, lang)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    def check(self, value: Answer) -> str | None:  # noqa: C901 (one rule per question type)
        """Return why *value* is not a valid answer to this question, or None if it is."""
        if value is None:
            return None
        kind = self.type
        if kind in ("text", "long_text"):
            if not isinstance(value, str):
                return Msg("expects text")
            if len(value) > MAX_TEXT:
                return Msg("is longer than {0} characters", MAX_TEXT)
            return None
        if kind == "choice":
            if not isinstance(value, str) or self.option(value) is None:
                return Msg("{0} is not one of its options", repr(value))
            return None
        if kind == "multi_choice":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return Msg("expects a list of option codes")
            bad = [v for v in value if self.option(v) is None]
            if bad:
                return Msg("{0} is not one of its options", repr(bad[0]))
            if len(set(value)) != len(value):
                return Msg("lists an option twice")
            return None
        if kind == "yes_no":
            return None if isinstance(value, bool) else Msg("expects true or false")
        if kind in ("scale", "number", "emotion"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return Msg("expects a number")
            if kind != "number" and not isinstance(value, int):
                return Msg("expects a whole number")
            if value != value or value in (float("inf"), float("-inf")):
                return Msg("expects a finite number")
            if self.min is not None and value < self.min:
                return Msg("{0} is below {1}", value, self.min)
            if self.max is not None and value > self.max:
                return Msg("{0} is above {1}", value, self.max)
            return None
        return Msg("has unknown type {0}", repr(kind))

    def is_answered(self, value: Answer) -> bool:
        return value not in (None, "", [])


@dataclass(frozen=True)
class SuggestedTouchpoint:
    name: Localized
    channel: str
    key: str = ""  # the same in every language: how interviews of a study meet on one axis

    def text(self, lang: str) -> str:
        return pick(self.name, lang)


@dataclass(frozen=True)
class Stage:
    id: str
    title: Localized
    description: Localized
    questions: tuple[Question, ...]
    touchpoints: tuple[SuggestedTouchpoint, ...] = ()
    # The moment in everyday words, as it is said to the participant ("el momento en que
    # empezó a buscar"): the stage's own name ("awareness") is the method's, not theirs.
    ask_as: Localized = field(default_factory=dict)
    # Whether each touchpoint of this stage is also rated for what the customer had
    # expected, next to how it felt (in a customer's interview after the interaction).
    expectation: bool = False

    def title_text(self, lang: str) -> str:
        return pick(self.title, lang)

    def ask_as_text(self, lang: str) -> str:
        return pick(self.ask_as, lang) if self.ask_as else ""

    def description_text(self, lang: str) -> str:
        return pick(self.description, lang)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: Localized
    face: str = ""

    def text(self, lang: str) -> str:
        return pick(self.label, lang)


@dataclass(frozen=True)
class Scale:
    min: int
    max: int
    points: tuple[ScalePoint, ...]

    def point(self, value: int) -> ScalePoint | None:
        return next((p for p in self.points if p.value == value), None)

    def label(self, value: int, lang: str) -> str:
        point = self.point(value)
        return point.text(lang) if point else str(value)


@dataclass(frozen=True)
class Guide:
    id: str
    version: str
    sha256: str
    source: str
    languages: tuple[str, ...]
    title: Localized
    description: Localized
    scale: Scale
    channels: tuple[str, ...]
    consent: Localized
    persona: tuple[Question, ...]
    stages: tuple[Stage, ...]
    raw: bytes = field(repr=False, default=b"")
    # The consent read to staff (their answers are their professional view), if the guide
    # gives one; else staff are read the customers' consent.
    consent_staff: Localized = field(default_factory=dict)
    # The lines read aloud before a touchpoint is rated, by perspective and moment (see
    # rating_line); each may name the touchpoint as {touchpoint}.
    rating: dict[str, Localized] = field(default_factory=dict)

    @property
    def ref(self) -> GuideRef:
        return GuideRef(id=self.id, version=self.version, sha256=self.sha256)

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    def title_text(self, lang: str) -> str:
        return pick(self.title, lang)

    def description_text(self, lang: str) -> str:
        return pick(self.description, lang)

    def consent_text(self, lang: str, perspective: str = "customer") -> str:
        """The consent read before an interview: staff's own where the guide gives one."""
        if perspective == "internal" and self.consent_staff:
            return pick(self.consent_staff, lang)
        return pick(self.consent, lang)

    def consent_sha256(self, lang: str, perspective: str = "customer") -> str:
        text = self.consent_text(lang, perspective)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    @property
    def start_question(self) -> Question | None:
        """The persona's emotion question (how the participant felt at the very start), if
        the guide asks it: its answer is the curve's first point."""
        return next((q for q in self.persona if q.type == "emotion"), None)

    def start_rating(self, session: Session) -> int | None:
        question = self.start_question
        if question is None:
            return None
        value = session.participant.persona.get(question.id)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def rating_line(
        self, lang: str, perspective: str, moment: str | None, touchpoint: str, which: str = ""
    ) -> str:
        """The line read aloud before a touchpoint is rated: how the customer felt (after,
        or with no moment), expects to feel (before), or, to staff, how they believe the
        customer feels; *which* = "expected" gives the expectation's line. The guide's own
        wording where it gives one, else the interface's."""
        if which == "expected":
            kind = "expected"
        elif perspective == "internal":
            kind = "internal"
        else:
            kind = "before" if moment == "before" else "prompt"
        wording = self.rating.get(kind)
        name = touchpoint.strip() or "…"
        if wording:
            return pick(wording, lang).replace("{touchpoint}", name)
        return t(f"rating.{kind}", lang, touchpoint=name)

    def suggested_names(self) -> dict[str, tuple[str, str]]:
        """Every suggested touchpoint's name in every language, as a search compares it
        (see plain.fold) -> (the name, its key): a touchpoint named so is that suggestion."""
        named: dict[str, tuple[str, str]] = {}
        for stage in self.stages:
            for suggestion in stage.touchpoints:
                for name in suggestion.name.values():
                    named.setdefault(fold(name), (name, suggestion.key))
        return named

    def stage_title(self, record: StageRecord, lang: str) -> str:
        """A session's stage as named: the guide's title, or an added stage's own name."""
        stage = None if record.added else self.stage(record.id)
        return stage.title_text(lang) if stage is not None else record.title or record.id

    def question(self, stage_id: str, question_id: str) -> Question | None:
        if stage_id == PERSONA_STAGE:
            return next((q for q in self.persona if q.id == question_id), None)
        stage = self.stage(stage_id)
        return stage.question(question_id) if stage else None

    # ---- questions shown for a session -------------------------------------------------

    def answer_of(self, session: Session, stage_id: str, question_id: str) -> Answer:
        if stage_id == PERSONA_STAGE:
            return session.participant.persona.get(question_id)
        for record in session.stages:
            if record.id == stage_id:
                return record.answers.get(question_id)
        return None

    def is_visible(self, question: Question, session: Session) -> bool:
        cond = question.when
        if cond is None:
            return True
        return cond.holds(self.answer_of(session, cond.stage, cond.question))

    def visible_questions(self, stage: Stage, session: Session) -> list[Question]:
        return [q for q in stage.questions if self.is_visible(q, session)]

    def missing_required(self, stage: Stage, session: Session) -> list[Question]:
        """Required questions on show in *stage* that have no answer yet."""
        record = session.stage(stage.id)
        if record.skipped:
            return []
        return [
            q
            for q in self.visible_questions(stage, session)
            if q.required and not q.is_answered(record.answers.get(q.id))
        ]

    def stage_done(self, stage: Stage, session: Session) -> bool:
        record = session.stage(stage.id)
        if record.skipped:
            return True
        touched = bool(record.answers or record.touchpoints)
        return touched and not self.missing_required(stage, session)

    def progress(self, session: Session) -> tuple[int, int]:
        """(stages done, stages) for this session: the guide's, and those the participant
        added (done once they hold words or a touchpoint, or were marked not lived)."""
        done = sum(
            1
            for s in self.stages
            if any(r.id == s.id for r in session.stages) and self.stage_done(s, session)
        )
        added = [r for r in session.stages if r.added]
        done += sum(1 for r in added if r.skipped or r.words or r.touchpoints)
        return done, len(self.stages) + len(added)


def pick(text: Localized, lang: str) -> str:
    if not text:
        return ""
    return text.get(lang) or text.get("en") or next(iter(text.values()))


def journey_stages(
    guide: Guide,
    sessions: list[Session],
    lang: str,
    canonical: Callable[[str], str] | None = None,
) -> list[tuple[str, str]]:
    """The stages of *sessions* as one journey: (stage key, title) for the guide's stages
    in its order, and for each stage participants added (met across interviews by its
    name's words, see StageRecord.key, and the study's stage merges: *canonical*) after
    the stage it followed where it was first added, named as the stage kept is named."""
    same = canonical or (lambda key: key)
    order = [s.id for s in guide.stages]
    titles = {s.id: s.title_text(lang) for s in guide.stages}
    own: set[str] = set()  # the stages named by a record of their own (not a merged one)
    for session in sessions:
        before: str | None = None
        for record in session.stages:
            key = same(record.key)
            if record.added and key not in titles:
                order.insert(order.index(before) + 1 if before in order else 0, key)
                titles[key] = record.title
            if record.added and record.key == key and key not in own:
                titles[key] = record.title  # the stage kept in a merge gives the name
                own.add(key)
            before = key
    return [(key, titles[key]) for key in order]


def session_problems(session: Session, guide: Guide) -> list[str]:  # noqa: C901 (one check per part of the session)
    """What in *session* does not fit *guide*: stage and question ids, types, the scale."""
    problems: list[str] = []
    if session.guide.id != guide.id:
        problems.append(
            Msg("guide: session uses {0}, not {1}", repr(session.guide.id), repr(guide.id))
        )
    if session.language not in guide.languages:
        problems.append(Msg("language: the guide has no {0} text", repr(session.language)))
    ids = [record.id for record in session.stages if not record.added]
    if ids != guide.stage_ids:
        problems.append(
            Msg(
                "stages: {0} do not match the guide's {1}",
                ", ".join(ids) or "none",
                ", ".join(guide.stage_ids),
            )
        )
    for qid, value in session.participant.persona.items():
        q = guide.question(PERSONA_STAGE, qid)
        if q is None:
            problems.append(Msg("{0}.{1}: no such question in the guide", PERSONA_STAGE, qid))
        elif (why := q.check(value)) is not None:
            problems.append(Msg("{0}.{1}: {2}", PERSONA_STAGE, qid, why))
    scale = guide.scale
    for record in session.stages:
        stage = guide.stage(record.id)
        for qid, value in record.answers.items() if stage is not None else ():
            q = stage.question(qid) if stage is not None else None
            if q is None:
                problems.append(Msg("{0}.{1}: no such question in the guide", record.id, qid))
            elif (why := q.check(value)) is not None:
                problems.append(Msg("{0}.{1}: {2}", record.id, qid, why))
        for tp in record.touchpoints:  # an added stage's too: one scale for the whole curve
            where = f"{record.id}.{tp.id}"
            if tp.emotion is not None and not scale.min <= tp.emotion <= scale.max:
                problems.append(
                    Msg(
                        "{0}: emotion {1} is outside {2}..{3}",
                        where,
                        tp.emotion,
                        scale.min,
                        scale.max,
                    )
                )
            if tp.expected is not None and not scale.min <= tp.expected <= scale.max:
                problems.append(
                    Msg(
                        "{0}: the expected rating {1} is outside {2}..{3}",
                        where,
                        tp.expected,
                        scale.min,
                        scale.max,
                    )
                )
    return problems
