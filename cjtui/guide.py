"""Questionnaire guides: load and validate guide TOML files, and check sessions against them.

A guide is a TOML file (see docs/guide-format.md). Loading never raises on a bad file half
way: every problem is collected with its location (``stage.question``) so that
``cjtui guides validate`` can list them all, and :func:`load_guide` raises one
:class:`GuideError` carrying the list.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import CjtuiError
from .model import CHANNELS, LANGUAGES, PERSONA_STAGE, Answer, GuideRef, Session

QUESTION_TYPES: tuple[str, ...] = (
    "text",
    "long_text",
    "choice",
    "multi_choice",
    "scale",
    "yes_no",
    "number",
)
CONDITION_OPS: tuple[str, ...] = ("equals", "not_equals", "in", "includes", "answered")
BUILTIN_GUIDES: tuple[str, ...] = ("inbound", "full")
GUIDES_DIR = Path(__file__).resolve().parent / "guides"
# An answer of free text longer than this is refused: it is an interview, not a file dump.
MAX_TEXT = 20_000


class GuideError(CjtuiError):
    """A guide file that cannot be used; ``problems`` lists every ``location: message``."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        first = problems[0] if problems else "invalid guide"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{source}: {first}{more}")


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
            return answer == self.value
        if self.op == "not_equals":
            return answer != self.value
        if self.op == "in":
            return answer in self.value
        if self.op == "includes":
            return isinstance(answer, list) and self.value in answer
        return False


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

    def prompt_text(self, lang: str) -> str:
        return _pick(self.prompt, lang)

    def help_text(self, lang: str) -> str:
        return _pick(self.help, lang)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)

    def check(self, value: Answer) -> str | None:
        """Return why *value* is not a valid answer to this question, or None if it is."""
        if value is None:
            return None
        kind = self.type
        if kind in ("text", "long_text"):
            if not isinstance(value, str):
                return "expects text"
            if len(value) > MAX_TEXT:
                return f"is longer than {MAX_TEXT} characters"
            return None
        if kind == "choice":
            if not isinstance(value, str) or self.option(value) is None:
                return f"{value!r} is not one of its options"
            return None
        if kind == "multi_choice":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return "expects a list of option codes"
            bad = [v for v in value if self.option(v) is None]
            if bad:
                return f"{bad[0]!r} is not one of its options"
            if len(set(value)) != len(value):
                return "lists an option twice"
            return None
        if kind == "yes_no":
            return None if isinstance(value, bool) else "expects true or false"
        if kind in ("scale", "number"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return "expects a number"
            if kind == "scale" and not isinstance(value, int):
                return "expects a whole number"
            if value != value or value in (float("inf"), float("-inf")):
                return "expects a finite number"
            if self.min is not None and value < self.min:
                return f"{value} is below {self.min}"
            if self.max is not None and value > self.max:
                return f"{value} is above {self.max}"
            return None
        return f"has unknown type {kind!r}"

    def is_answered(self, value: Answer) -> bool:
        return value not in (None, "", [])


@dataclass(frozen=True)
class SuggestedTouchpoint:
    name: Localized
    channel: str

    def text(self, lang: str) -> str:
        return _pick(self.name, lang)


@dataclass(frozen=True)
class Stage:
    id: str
    title: Localized
    description: Localized
    questions: tuple[Question, ...]
    touchpoints: tuple[SuggestedTouchpoint, ...] = ()

    def title_text(self, lang: str) -> str:
        return _pick(self.title, lang)

    def description_text(self, lang: str) -> str:
        return _pick(self.description, lang)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: Localized
    face: str = ""

    def text(self, lang: str) -> str:
        return _pick(self.label, lang)


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

    @property
    def ref(self) -> GuideRef:
        return GuideRef(id=self.id, version=self.version, sha256=self.sha256)

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    def title_text(self, lang: str) -> str:
        return _pick(self.title, lang)

    def description_text(self, lang: str) -> str:
        return _pick(self.description, lang)

    def consent_text(self, lang: str) -> str:
        return _pick(self.consent, lang)

    def consent_sha256(self, lang: str) -> str:
        return hashlib.sha256(self.consent_text(lang).encode("utf-8")).hexdigest()

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

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
        """(stages done, stages in the guide) for this session."""
        done = sum(
            1
            for s in self.stages
            if any(r.id == s.id for r in session.stages) and self.stage_done(s, session)
        )
        return done, len(self.stages)


def _pick(text: Localized, lang: str) -> str:
    if not text:
        return ""
    return text.get(lang) or text.get("en") or next(iter(text.values()))


# ---- loading -----------------------------------------------------------------------------


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def _localized(
    value: Any, where: str, what: str, langs: tuple[str, ...], p: _Problems, required: bool = True
) -> Localized:
    if value is None:
        if required:
            p.add(where, f"missing {what}")
        return {}
    if isinstance(value, str):
        # One string for every language is allowed for short, language-neutral text.
        return {lang: value for lang in langs}
    if not isinstance(value, dict):
        p.add(where, f"{what} must be a table of languages (es, en)")
        return {}
    out: Localized = {}
    for lang in langs:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            if required or value:
                p.add(where, f"{what} has no {lang} text")
        else:
            out[lang] = text
    for extra in value:
        if extra not in langs:
            p.add(where, f"{what} has text in {extra!r}, which the guide does not list")
    return out


def _expect_keys(table: dict[str, Any], allowed: set[str], where: str, p: _Problems) -> None:
    for key in table:
        if key not in allowed:
            p.add(where, f"unknown key {key!r}")


def _parse_question(
    raw: Any,
    stage_id: str,
    langs: tuple[str, ...],
    earlier: dict[tuple[str, str], Question],
    p: _Problems,
) -> Question | None:
    if not isinstance(raw, dict):
        p.add(stage_id, "each question must be a table")
        return None
    qid = raw.get("id")
    if not isinstance(qid, str) or not qid.isidentifier():
        p.add(f"{stage_id}.?", "question id must be a name of letters, digits and _")
        return None
    where = f"{stage_id}.{qid}"
    _expect_keys(
        raw,
        {
            "id",
            "type",
            "prompt",
            "help",
            "required",
            "options",
            "when",
            "min",
            "max",
            "min_label",
            "max_label",
        },
        where,
        p,
    )
    qtype = raw.get("type", "text")
    if qtype not in QUESTION_TYPES:
        p.add(where, f"type {qtype!r} is not one of {', '.join(QUESTION_TYPES)}")
        qtype = "text"
    prompt = _localized(raw.get("prompt"), where, "prompt", langs, p)
    help_text = _localized(raw.get("help"), where, "help", langs, p, required=False)
    required = raw.get("required", False)
    if not isinstance(required, bool):
        p.add(where, "required must be true or false")
        required = False
    options: list[Option] = []
    raw_options = raw.get("options", [])
    if qtype in ("choice", "multi_choice"):
        if not isinstance(raw_options, list) or len(raw_options) < 2:
            p.add(where, f"a {qtype} question needs at least two options")
            raw_options = raw_options if isinstance(raw_options, list) else []
        for n, opt in enumerate(raw_options, 1):
            if not isinstance(opt, dict) or not isinstance(opt.get("code"), str):
                p.add(where, f"option {n} needs a code")
                continue
            code = opt["code"]
            label = _localized(
                {k: v for k, v in opt.items() if k != "code"},
                where,
                f"option {code!r}",
                langs,
                p,
            )
            if any(o.code == code for o in options):
                p.add(where, f"option code {code!r} appears twice")
            options.append(Option(code=code, label=label))
    elif raw_options:
        p.add(where, f"a {qtype} question takes no options")
    qmin, qmax = raw.get("min"), raw.get("max")
    if qtype == "scale":
        if not isinstance(qmin, int) or not isinstance(qmax, int):
            p.add(where, "a scale question needs whole-number min and max")
            qmin, qmax = 1, 5
        elif qmin >= qmax:
            p.add(where, f"min ({qmin}) must be below max ({qmax})")
    elif qtype == "number":
        for name, val in (("min", qmin), ("max", qmax)):
            if val is not None and (isinstance(val, bool) or not isinstance(val, (int, float))):
                p.add(where, f"{name} must be a number")
        if isinstance(qmin, (int, float)) and isinstance(qmax, (int, float)) and qmin >= qmax:
            p.add(where, f"min ({qmin}) must be below max ({qmax})")
    elif qmin is not None or qmax is not None:
        p.add(where, f"a {qtype} question takes no min or max")
    min_label = _localized(raw.get("min_label"), where, "min_label", langs, p, required=False)
    max_label = _localized(raw.get("max_label"), where, "max_label", langs, p, required=False)
    when = _parse_condition(raw.get("when"), stage_id, where, earlier, p)
    return Question(
        id=qid,
        type=qtype,
        prompt=prompt,
        help=help_text,
        required=required,
        options=tuple(options),
        when=when,
        min=qmin if qtype in ("scale", "number") else None,
        max=qmax if qtype in ("scale", "number") else None,
        min_label=min_label,
        max_label=max_label,
    )


def _parse_questions(
    raw_questions: list[Any],
    stage_id: str,
    langs: tuple[str, ...],
    earlier: dict[tuple[str, str], Question],
    p: _Problems,
) -> list[Question]:
    """The questions of one stage (or the persona), each added to *earlier* for `when`."""
    questions: list[Question] = []
    for rq in raw_questions:
        q = _parse_question(rq, stage_id, langs, earlier, p)
        if q is None:
            continue
        if (stage_id, q.id) in earlier:
            p.add(f"{stage_id}.{q.id}", "question id appears twice")
        earlier[(stage_id, q.id)] = q
        questions.append(q)
    return questions


def _parse_condition(
    raw: Any,
    stage_id: str,
    where: str,
    earlier: dict[tuple[str, str], Question],
    p: _Problems,
) -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("question"), str):
        p.add(where, "when must be a table with a question and a test")
        return None
    ref = raw["question"]
    ops = [op for op in CONDITION_OPS if op in raw]
    extra = set(raw) - set(CONDITION_OPS) - {"question"}
    if extra:
        p.add(where, f"when has unknown key {sorted(extra)[0]!r}")
    if len(ops) != 1:
        p.add(where, f"when needs exactly one test of: {', '.join(CONDITION_OPS)}")
        return None
    op = ops[0]
    target_stage, _, target_q = ref.rpartition(".")
    target_stage = target_stage or stage_id
    target = earlier.get((target_stage, target_q))
    if target is None:
        p.add(where, f"when refers to {ref!r}, which is not an earlier question")
        return None
    value = raw[op]
    if op == "in" and not isinstance(value, list):
        p.add(where, "when.in must be a list")
    elif op == "answered" and not isinstance(value, bool):
        p.add(where, "when.answered must be true or false")
    elif op in ("equals", "not_equals", "includes") and target.type in (
        "choice",
        "multi_choice",
    ):
        if target.option(value) is None:
            p.add(where, f"when compares {ref!r} with {value!r}, which is not one of its options")
    elif op == "includes" and target.type != "multi_choice":
        p.add(where, "when.includes needs a multi_choice question")
    return Condition(stage=target_stage, question=target_q, op=op, value=value)


def parse_guide(data: bytes, source: str) -> tuple[Guide | None, list[str]]:
    """Parse guide bytes; return the guide (None if unusable) and every problem found."""
    p = _Problems()
    sha = hashlib.sha256(data).hexdigest()
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [f"file: not UTF-8 text ({exc.reason} at byte {exc.start})"]
    except tomllib.TOMLDecodeError as exc:
        return None, [f"toml: {exc}"]
    _expect_keys(
        raw,
        {
            "id",
            "version",
            "languages",
            "title",
            "description",
            "scale",
            "channels",
            "consent",
            "persona",
            "stages",
        },
        "guide",
        p,
    )
    gid = raw.get("id")
    if not isinstance(gid, str) or not gid.replace("-", "_").isidentifier():
        p.add("guide", "id must be a short name of letters, digits, - and _")
        gid = "?"
    version = raw.get("version")
    if not isinstance(version, str) or not version:
        p.add("guide", 'version must be a string such as "1.0"')
        version = "?"
    langs_raw = raw.get("languages", list(LANGUAGES))
    if (
        not isinstance(langs_raw, list)
        or not langs_raw
        or any(lang not in LANGUAGES for lang in langs_raw)
    ):
        p.add("guide", f"languages must list some of {', '.join(LANGUAGES)}")
        langs_raw = list(LANGUAGES)
    langs = tuple(langs_raw)
    title = _localized(raw.get("title"), "guide", "title", langs, p)
    description = _localized(raw.get("description"), "guide", "description", langs, p, False)
    consent = _localized(raw.get("consent"), "guide", "consent", langs, p)

    scale = _parse_scale(raw.get("scale"), langs, p)

    channels_raw = raw.get("channels", list(CHANNELS))
    if not isinstance(channels_raw, list) or not channels_raw:
        p.add("channels", "must be a list of channels")
        channels_raw = list(CHANNELS)
    for ch in channels_raw:
        if ch not in CHANNELS:
            p.add("channels", f"{ch!r} is not one of {', '.join(CHANNELS)}")
    channels = tuple(ch for ch in channels_raw if ch in CHANNELS) or CHANNELS

    earlier: dict[tuple[str, str], Question] = {}
    raw_persona = raw.get("persona", [])
    if not isinstance(raw_persona, list):
        p.add(PERSONA_STAGE, "persona must be a list of questions")
        raw_persona = []
    persona = _parse_questions(raw_persona, PERSONA_STAGE, langs, earlier, p)

    stages: list[Stage] = []
    raw_stages = raw.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        p.add("stages", "a guide needs at least one stage")
        raw_stages = []
    for n, rs in enumerate(raw_stages, 1):
        if not isinstance(rs, dict):
            p.add(f"stage {n}", "must be a table")
            continue
        sid = rs.get("id")
        if not isinstance(sid, str) or not sid.isidentifier() or sid == PERSONA_STAGE:
            p.add(f"stage {n}", "id must be a name of letters, digits and _ (not 'persona')")
            continue
        if any(s.id == sid for s in stages):
            p.add(sid, "stage id appears twice")
        _expect_keys(rs, {"id", "title", "description", "questions", "touchpoints"}, sid, p)
        stitle = _localized(rs.get("title"), sid, "title", langs, p)
        sdesc = _localized(rs.get("description"), sid, "description", langs, p, False)
        raw_questions = rs.get("questions", [])
        if not isinstance(raw_questions, list) or not raw_questions:
            p.add(sid, "a stage needs at least one question")
            raw_questions = raw_questions if isinstance(raw_questions, list) else []
        questions = _parse_questions(raw_questions, sid, langs, earlier, p)
        suggestions: list[SuggestedTouchpoint] = []
        raw_tps = rs.get("touchpoints", [])
        if not isinstance(raw_tps, list):
            p.add(sid, "touchpoints must be a list")
            raw_tps = []
        for m, rt in enumerate(raw_tps, 1):
            where = f"{sid}.touchpoints[{m}]"
            if not isinstance(rt, dict):
                p.add(where, "must be a table")
                continue
            ch = rt.get("channel", "other")
            if ch not in channels:
                p.add(where, f"channel {ch!r} is not among the guide's channels")
            name = _localized(rt.get("name"), where, "name", langs, p)
            suggestions.append(SuggestedTouchpoint(name=name, channel=ch))
        stages.append(
            Stage(
                id=sid,
                title=stitle,
                description=sdesc,
                questions=tuple(questions),
                touchpoints=tuple(suggestions),
            )
        )

    if p.items:
        return None, p.items
    guide = Guide(
        id=gid,
        version=version,
        sha256=sha,
        source=source,
        languages=langs,
        title=title,
        description=description,
        scale=scale,
        channels=channels,
        consent=consent,
        persona=tuple(persona),
        stages=tuple(stages),
        raw=data,
    )
    return guide, []


def _parse_scale(raw: Any, langs: tuple[str, ...], p: _Problems) -> Scale:
    default = Scale(min=-2, max=2, points=())
    if raw is None:
        p.add("scale", "missing the emotion scale (min, max and a label per point)")
        return default
    if not isinstance(raw, dict):
        p.add("scale", "must be a table")
        return default
    smin, smax = raw.get("min"), raw.get("max")
    if not isinstance(smin, int) or not isinstance(smax, int) or isinstance(smin, bool):
        p.add("scale", "min and max must be whole numbers")
        return default
    if not smin < 0 < smax:
        p.add(
            "scale", f"must run from negative through 0 (neutral) to positive, not {smin}..{smax}"
        )
        return default
    points: list[ScalePoint] = []
    raw_points = raw.get("points", [])
    if not isinstance(raw_points, list):
        p.add("scale", "points must be a list")
        raw_points = []
    for rp in raw_points:
        if not isinstance(rp, dict) or not isinstance(rp.get("value"), int):
            p.add("scale", "each point needs a whole-number value")
            continue
        value = rp["value"]
        if not smin <= value <= smax:
            p.add(f"scale.{value}", f"is outside {smin}..{smax}")
        face = rp.get("face", "")
        label = _localized(
            {k: v for k, v in rp.items() if k not in ("value", "face")},
            f"scale.{value}",
            "label",
            langs,
            p,
        )
        points.append(
            ScalePoint(value=value, label=label, face=face if isinstance(face, str) else "")
        )
    have = {pt.value for pt in points}
    for value in range(smin, smax + 1):
        if value not in have:
            p.add(f"scale.{value}", "has no label")
    return Scale(min=smin, max=smax, points=tuple(sorted(points, key=lambda pt: pt.value)))


def load_guide(path: str | Path) -> Guide:
    """Load a guide file; raises GuideError with every problem, or OSError if unreadable."""
    path = Path(path)
    data = path.read_bytes()
    guide, problems = parse_guide(data, str(path))
    if guide is None:
        raise GuideError(str(path), problems)
    return guide


def validate_file(path: str | Path) -> list[str]:
    """Every problem in a guide file as ``file: location: message`` (empty when valid)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"{path}: cannot read: {exc.strerror or exc}"]
    _, problems = parse_guide(data, str(path))
    return [f"{path}: {problem}" for problem in problems]


@cache
def builtin_guide(name: str) -> Guide:
    """One of the guides shipped with cjtui, by id."""
    if name not in BUILTIN_GUIDES:
        raise GuideError(name, [f"guide: no built-in guide {name!r} ({', '.join(BUILTIN_GUIDES)})"])
    data = (GUIDES_DIR / f"{name}.toml").read_bytes()
    guide, problems = parse_guide(data, f"built-in:{name}")
    if guide is None:
        raise GuideError(f"built-in:{name}", problems)
    return guide


def builtin_guides() -> list[Guide]:
    return [builtin_guide(name) for name in BUILTIN_GUIDES]


def resolve_guide(name_or_path: str) -> Guide:
    """A built-in guide by id, or a guide file by path."""
    if name_or_path in BUILTIN_GUIDES:
        return builtin_guide(name_or_path)
    path = Path(name_or_path)
    if not path.exists():
        raise GuideError(
            name_or_path,
            [f"guide: no built-in guide or file by that name ({', '.join(BUILTIN_GUIDES)})"],
        )
    return load_guide(path)


# ---- sessions against their guide ---------------------------------------------------------


def session_problems(session: Session, guide: Guide) -> list[str]:
    """What in *session* does not fit *guide*: stage and question ids, types, the scale."""
    problems: list[str] = []
    if session.guide.id != guide.id:
        problems.append(f"guide: session uses {session.guide.id!r}, not {guide.id!r}")
    if session.language not in guide.languages:
        problems.append(f"language: the guide has no {session.language!r} text")
    ids = [record.id for record in session.stages]
    if ids != guide.stage_ids:
        problems.append(
            f"stages: {', '.join(ids) or 'none'} do not match the guide's "
            f"{', '.join(guide.stage_ids)}"
        )
    for qid, value in session.participant.persona.items():
        q = guide.question(PERSONA_STAGE, qid)
        if q is None:
            problems.append(f"{PERSONA_STAGE}.{qid}: no such question in the guide")
        elif (why := q.check(value)) is not None:
            problems.append(f"{PERSONA_STAGE}.{qid}: {why}")
    scale = guide.scale
    for record in session.stages:
        stage = guide.stage(record.id)
        if stage is None:
            continue
        for qid, value in record.answers.items():
            q = stage.question(qid)
            if q is None:
                problems.append(f"{record.id}.{qid}: no such question in the guide")
            elif (why := q.check(value)) is not None:
                problems.append(f"{record.id}.{qid}: {why}")
        for tp in record.touchpoints:
            if tp.emotion is not None and not scale.min <= tp.emotion <= scale.max:
                problems.append(
                    f"{record.id}.{tp.id}: emotion {tp.emotion} is outside {scale.min}..{scale.max}"
                )
    return problems
