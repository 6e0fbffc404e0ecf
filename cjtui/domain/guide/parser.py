"""The guide's TOML parser: guide files into :class:`~cjtui.domain.guide.types.Guide`.

Parsing never raises on a bad file half way: every problem is collected with its location
(``stage.question``) so that ``cjtui guides validate`` can list them all.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import replace
from typing import Any

from ...base.errors import Msg
from ...base.jsonio import not_utf8
from ...base.plain import LANGUAGES
from ..model import CHANNELS, KEY_PATTERN, PERSONA_STAGE, name_key
from . import limits
from .syntax import syntax_error
from .types import (
    CONDITION_OPS,
    QUESTION_LANES,
    QUESTION_TYPES,
    Condition,
    Guide,
    Localized,
    Option,
    Question,
    Scale,
    ScalePoint,
    Stage,
    SuggestedTouchpoint,
)


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(Msg("{0}: {1}", where, message))


def _localized(
    value: Any, where: str, what: str, langs: tuple[str, ...], p: _Problems, required: bool = True
) -> Localized:
    if value is None:
        if required:
            p.add(where, Msg("missing {0}", what))
        return {}
    if isinstance(value, str):
        # One string for every language is allowed for short, language-neutral text.
        return {lang: value for lang in langs}
    if not isinstance(value, dict):
        p.add(where, Msg("{0} must be a table of languages (es, en)", what))
        return {}
    out: Localized = {}
    for lang in langs:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            if required or value:
                p.add(where, Msg("{0} has no {1} text", what, lang))
        else:
            out[lang] = text
    for extra in value:
        if extra not in langs:
            p.add(
                where, Msg("{0} has text in {1}, which the guide does not list", what, repr(extra))
            )
    return out


def _expect_keys(table: dict[str, Any], allowed: set[str], where: str, p: _Problems) -> None:
    for key in table:
        if key not in allowed:
            p.add(where, Msg("unknown key {0}", repr(key)))


def _parse_question(  # noqa: C901 (validation of untrusted TOML, one check after another)
    raw: Any,
    stage_id: str,
    langs: tuple[str, ...],
    earlier: dict[tuple[str, str], Question],
    p: _Problems,
) -> Question | None:
    if not isinstance(raw, dict):
        p.add(stage_id, Msg("each question must be a table"))
        return None
    qid = raw.get("id")
    if not isinstance(qid, str) or not qid.isidentifier() or len(qid) > limits.MAX_ID:
        p.add(
            f"{stage_id}.?",
            Msg("question id must be a name of letters, digits and _ (at most {0})", limits.MAX_ID),
        )
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
            "lane",
            "internal",
            "before",
        },
        where,
        p,
    )
    qtype = raw.get("type", "text")
    if qtype not in QUESTION_TYPES:
        p.add(where, Msg("type {0} is not one of {1}", repr(qtype), ", ".join(QUESTION_TYPES)))
        qtype = "text"
    if qtype == "emotion" and stage_id != PERSONA_STAGE:
        p.add(
            where,
            Msg("an emotion question is asked in the persona only (how they felt at the start)"),
        )
        qtype = "text"
    prompt = _localized(raw.get("prompt"), where, "prompt", langs, p)
    help_text = _localized(raw.get("help"), where, "help", langs, p, required=False)
    required = raw.get("required", False)
    if not isinstance(required, bool):
        p.add(where, Msg("required must be true or false"))
        required = False
    options: list[Option] = []
    raw_options = raw.get("options", [])
    if qtype in ("choice", "multi_choice"):
        if not isinstance(raw_options, list) or len(raw_options) < 2:
            p.add(where, Msg("a {0} question needs at least two options", qtype))
            raw_options = raw_options if isinstance(raw_options, list) else []
        if len(raw_options) > limits.MAX_OPTIONS:
            p.add(where, Msg("{0} options; at most {1}", len(raw_options), limits.MAX_OPTIONS))
            raw_options = raw_options[: limits.MAX_OPTIONS]
        for n, opt in enumerate(raw_options, 1):
            if not isinstance(opt, dict) or not isinstance(opt.get("code"), str):
                p.add(where, Msg("option {0} needs a code", n))
                continue
            code = opt["code"]
            if not code or len(code) > limits.MAX_ID:
                p.add(where, Msg("option {0}: a code of 1 to {1} characters", n, limits.MAX_ID))
                continue
            label = _localized(
                {k: v for k, v in opt.items() if k != "code"},
                where,
                f"option {code!r}",
                langs,
                p,
            )
            if any(o.code == code for o in options):
                p.add(where, Msg("option code {0} appears twice", repr(code)))
            options.append(Option(code=code, label=label))
    elif raw_options:
        p.add(where, Msg("a {0} question takes no options", qtype))
    qmin, qmax = raw.get("min"), raw.get("max")
    if qtype == "scale":
        if not isinstance(qmin, int) or not isinstance(qmax, int):
            p.add(where, Msg("a scale question needs whole-number min and max"))
            qmin, qmax = 1, 5
        elif qmin >= qmax:
            p.add(where, Msg("min ({0}) must be below max ({1})", qmin, qmax))
        elif max(abs(qmin), abs(qmax)) > limits.MAX_SCALE_VALUE or (
            qmax - qmin + 1 > limits.MAX_SCALE_POINTS
        ):
            p.add(
                where,
                Msg(
                    "{0}..{1} is too wide for a scale (at most {2} points, "
                    "values within ±{3}); use a number question",
                    qmin,
                    qmax,
                    limits.MAX_SCALE_POINTS,
                    limits.MAX_SCALE_VALUE,
                ),
            )
            qmin, qmax = 1, 5
    elif qtype == "number":
        for name, val in (("min", qmin), ("max", qmax)):
            if val is not None and (isinstance(val, bool) or not isinstance(val, (int, float))):
                p.add(where, Msg("{0} must be a number", name))
        if isinstance(qmin, (int, float)) and isinstance(qmax, (int, float)) and qmin >= qmax:
            p.add(where, Msg("min ({0}) must be below max ({1})", qmin, qmax))
    elif qmin is not None or qmax is not None:
        p.add(where, Msg("a {0} question takes no min or max", qtype))
    min_label = _localized(raw.get("min_label"), where, "min_label", langs, p, required=False)
    max_label = _localized(raw.get("max_label"), where, "max_label", langs, p, required=False)
    when = _parse_condition(raw.get("when"), stage_id, where, earlier, p)
    lane = raw.get("lane")
    if lane is not None and lane not in QUESTION_LANES:
        p.add(where, Msg("lane must be one of {0}", ", ".join(QUESTION_LANES)))
        lane = None
    internal = _localized(raw.get("internal"), where, "internal", langs, p, required=False)
    before = _localized(raw.get("before"), where, "before", langs, p, required=False)
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
        lane=lane,
        internal=internal,
        before=before,
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
    if len(raw_questions) > limits.MAX_QUESTIONS:
        p.add(stage_id, Msg("{0} questions; at most {1}", len(raw_questions), limits.MAX_QUESTIONS))
        raw_questions = raw_questions[: limits.MAX_QUESTIONS]
    for rq in raw_questions:
        q = _parse_question(rq, stage_id, langs, earlier, p)
        if q is None:
            continue
        if (stage_id, q.id) in earlier:
            p.add(f"{stage_id}.{q.id}", Msg("question id appears twice"))
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
        p.add(where, Msg("when must be a table with a question and a test"))
        return None
    ref = raw["question"]
    ops = [op for op in CONDITION_OPS if op in raw]
    extra = set(raw) - set(CONDITION_OPS) - {"question"}
    if extra:
        p.add(where, Msg("when has unknown key {0}", repr(sorted(extra)[0])))
    if len(ops) != 1:
        p.add(where, Msg("when needs exactly one test of: {0}", ", ".join(CONDITION_OPS)))
        return None
    op = ops[0]
    target_stage, _, target_q = ref.rpartition(".")
    target_stage = target_stage or stage_id
    target = earlier.get((target_stage, target_q))
    if target is None:
        p.add(where, Msg("when refers to {0}, which is not an earlier question", repr(ref)))
        return None
    value = raw[op]
    if op == "in" and not isinstance(value, list):
        p.add(where, Msg("when.in must be a list"))
    elif op == "answered" and not isinstance(value, bool):
        p.add(where, Msg("when.answered must be true or false"))
    elif op in ("equals", "not_equals", "includes") and target.type in (
        "choice",
        "multi_choice",
    ):
        if target.option(value) is None:
            p.add(
                where,
                Msg(
                    "when compares {0} with {1}, which is not one of its options",
                    repr(ref),
                    repr(value),
                ),
            )
    elif op == "includes" and target.type != "multi_choice":
        p.add(where, Msg("when.includes needs a multi_choice question"))
    return Condition(stage=target_stage, question=target_q, op=op, value=value)


def parse_guide(data: bytes, source: str) -> tuple[Guide | None, list[str]]:  # noqa: C901 (validation of untrusted TOML, one check after another)
    """Parse guide bytes; return the guide (None if unusable) and every problem found."""
    p = _Problems()
    sha = hashlib.sha256(data).hexdigest()
    if len(data) > limits.MAX_FILE_BYTES:
        return None, [Msg("file: {0} bytes is too large for a guide (at most 256 KB)", len(data))]
    # A byte-order mark, as some editors write, is skipped for parsing only: the guide's
    # bytes (kept in the store, named by their sha256) stay exactly as given.
    text = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        raw = tomllib.loads(text.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [Msg("file: {0}", not_utf8(exc))]
    except tomllib.TOMLDecodeError as exc:
        return None, [syntax_error(exc)]
    except RecursionError:
        return None, [Msg("toml: nested too deeply (at most {0} levels)", limits.MAX_DEPTH)]
    found = limits.raw_problems(raw)
    if found:
        return None, found
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
            "consent_staff",
            "rating",
            "persona",
            "stages",
        },
        "guide",
        p,
    )
    gid = raw.get("id")
    if (
        not isinstance(gid, str)
        or not gid.replace("-", "_").isidentifier()
        or len(gid) > limits.MAX_ID
    ):
        p.add(
            "guide",
            Msg(
                "id must be a name of letters, digits, - and _ (at most {0} characters)",
                limits.MAX_ID,
            ),
        )
        gid = "?"
    version = raw.get("version")
    if not isinstance(version, str) or not version or len(version) > limits.MAX_VERSION:
        p.add(
            "guide",
            Msg(
                'version must be a string such as "1.0" (at most {0} characters)',
                limits.MAX_VERSION,
            ),
        )
        version = "?"
    langs_raw = raw.get("languages", list(LANGUAGES))
    if (
        not isinstance(langs_raw, list)
        or not langs_raw
        or any(lang not in LANGUAGES for lang in langs_raw)
    ):
        p.add("guide", Msg("languages must list some of {0}", ", ".join(LANGUAGES)))
        langs_raw = list(LANGUAGES)
    langs = tuple(langs_raw)
    title = _localized(raw.get("title"), "guide", "title", langs, p)
    description = _localized(raw.get("description"), "guide", "description", langs, p, False)
    consent = _localized(raw.get("consent"), "guide", "consent", langs, p)
    consent_staff = _localized(raw.get("consent_staff"), "guide", "consent_staff", langs, p, False)

    scale = _parse_scale(raw.get("scale"), langs, p)

    channels_raw = raw.get("channels", list(CHANNELS))
    if not isinstance(channels_raw, list) or not channels_raw:
        p.add("channels", Msg("must be a list of channels"))
        channels_raw = list(CHANNELS)
    for ch in channels_raw:
        if ch not in CHANNELS:
            p.add("channels", Msg("{0} is not one of {1}", repr(ch), ", ".join(CHANNELS)))
    channels = tuple(ch for ch in channels_raw if ch in CHANNELS) or CHANNELS

    earlier: dict[tuple[str, str], Question] = {}
    raw_persona = raw.get("persona", [])
    if not isinstance(raw_persona, list):
        p.add(PERSONA_STAGE, Msg("persona must be a list of questions"))
        raw_persona = []
    persona = _parse_questions(raw_persona, PERSONA_STAGE, langs, earlier, p)
    starts = [q for q in persona if q.type == "emotion"]
    if len(starts) > 1:
        p.add(PERSONA_STAGE, Msg("at most one emotion question (how they felt at the start)"))
    # Rated on the guide's emotion scale: its bounds are the scale's.
    persona = [
        replace(q, min=scale.min, max=scale.max) if q.type == "emotion" else q for q in persona
    ]
    rating = _parse_rating(raw.get("rating"), langs, p)

    stages: list[Stage] = []
    suggestion_keys: set[str] = set()  # one key names one touchpoint in the whole guide
    raw_stages = raw.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        p.add("stages", Msg("a guide needs at least one stage"))
        raw_stages = []
    if len(raw_stages) > limits.MAX_STAGES:
        p.add(
            "stages", Msg("{0} stages; a guide has at most {1}", len(raw_stages), limits.MAX_STAGES)
        )
        raw_stages = raw_stages[: limits.MAX_STAGES]
    for n, rs in enumerate(raw_stages, 1):
        if not isinstance(rs, dict):
            p.add(f"stage {n}", Msg("must be a table"))
            continue
        sid = rs.get("id")
        if (
            not isinstance(sid, str)
            or not sid.isidentifier()
            or sid == PERSONA_STAGE
            or len(sid) > limits.MAX_ID
        ):
            p.add(f"stage {n}", Msg("id must be a name of letters, digits and _ (not 'persona')"))
            continue
        if any(s.id == sid for s in stages):
            p.add(sid, Msg("stage id appears twice"))
        _expect_keys(
            rs,
            {"id", "title", "description", "ask_as", "expectation", "questions", "touchpoints"},
            sid,
            p,
        )
        expectation = rs.get("expectation", False)
        if not isinstance(expectation, bool):
            p.add(sid, Msg("expectation must be true or false"))
            expectation = False
        stitle = _localized(rs.get("title"), sid, "title", langs, p)
        ask_as = _localized(rs.get("ask_as"), sid, "ask_as", langs, p, False)
        sdesc = _localized(rs.get("description"), sid, "description", langs, p, False)
        raw_questions = rs.get("questions", [])
        if not isinstance(raw_questions, list) or not raw_questions:
            p.add(sid, Msg("a stage needs at least one question"))
            raw_questions = raw_questions if isinstance(raw_questions, list) else []
        questions = _parse_questions(raw_questions, sid, langs, earlier, p)
        suggestions: list[SuggestedTouchpoint] = []
        raw_tps = rs.get("touchpoints", [])
        if not isinstance(raw_tps, list):
            p.add(sid, Msg("touchpoints must be a list"))
            raw_tps = []
        if len(raw_tps) > limits.MAX_SUGGESTIONS:
            p.add(
                sid,
                Msg("{0} suggested touchpoints; at most {1}", len(raw_tps), limits.MAX_SUGGESTIONS),
            )
            raw_tps = raw_tps[: limits.MAX_SUGGESTIONS]
        for m, rt in enumerate(raw_tps, 1):
            where = f"{sid}.touchpoints[{m}]"
            if not isinstance(rt, dict):
                p.add(where, Msg("must be a table"))
                continue
            ch = rt.get("channel", "other")
            if ch not in channels:
                p.add(where, Msg("channel {0} is not among the guide's channels", repr(ch)))
            name = _localized(rt.get("name"), where, "name", langs, p)
            key = rt.get("key")
            if key is None:  # the same in every language: from the English name, or the first
                key = name_key(name.get("en") or next(iter(name.values()), "")) if name else ""
            if not isinstance(key, str) or not re.match(KEY_PATTERN, key):
                p.add(where, Msg("key must be lowercase letters, digits, '_', '-' or '.'"))
                key = ""
            elif key in suggestion_keys:
                p.add(where, Msg("key {0} is used by another suggested touchpoint", repr(key)))
            suggestion_keys.add(key)
            suggestions.append(SuggestedTouchpoint(name=name, channel=ch, key=key))
        stages.append(
            Stage(
                id=sid,
                title=stitle,
                description=sdesc,
                questions=tuple(questions),
                touchpoints=tuple(suggestions),
                ask_as=ask_as,
                expectation=expectation,
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
        consent_staff=consent_staff,
        rating=rating,
    )
    return guide, []


RATING_LINES = ("prompt", "before", "internal", "expected")


def _parse_rating(raw: Any, langs: tuple[str, ...], p: _Problems) -> dict[str, Localized]:
    """The [rating] table: a line read aloud before a touchpoint is rated, for each
    perspective and moment (prompt, before, internal) and for the expectation (expected)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        p.add("rating", Msg("must be a table"))
        return {}
    _expect_keys(raw, set(RATING_LINES), "rating", p)
    out: dict[str, Localized] = {}
    for kind in RATING_LINES:
        text = _localized(raw.get(kind), "rating", kind, langs, p, required=False)
        if text:
            out[kind] = text
    return out


def _parse_scale(raw: Any, langs: tuple[str, ...], p: _Problems) -> Scale:
    default = Scale(min=-2, max=2, points=())
    if raw is None:
        p.add("scale", Msg("missing the emotion scale (min, max and a label per point)"))
        return default
    if not isinstance(raw, dict):
        p.add("scale", Msg("must be a table"))
        return default
    smin, smax = raw.get("min"), raw.get("max")
    if not isinstance(smin, int) or not isinstance(smax, int) or isinstance(smin, bool):
        p.add("scale", Msg("min and max must be whole numbers"))
        return default
    if not smin < 0 < smax:
        p.add(
            "scale",
            Msg("must run from negative through 0 (neutral) to positive, not {0}..{1}", smin, smax),
        )
        return default
    if smax - smin + 1 > limits.MAX_EMOTION_POINTS:
        p.add(
            "scale",
            Msg(
                "{0}..{1} has too many points (at most {2})", smin, smax, limits.MAX_EMOTION_POINTS
            ),
        )
        return default
    points: list[ScalePoint] = []
    raw_points = raw.get("points", [])
    if not isinstance(raw_points, list):
        p.add("scale", Msg("points must be a list"))
        raw_points = []
    for rp in raw_points:
        if not isinstance(rp, dict) or not isinstance(rp.get("value"), int):
            p.add("scale", Msg("each point needs a whole-number value"))
            continue
        value = rp["value"]
        if not smin <= value <= smax:
            p.add(f"scale.{value}", Msg("is outside {0}..{1}", smin, smax))
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
            p.add(f"scale.{value}", Msg("has no label"))
    return Scale(min=smin, max=smax, points=tuple(sorted(points, key=lambda pt: pt.value)))
