"""Plain-text views of sessions: the one-line summary and the readable transcript.

Everything here returns strings with interview text already stripped of control characters,
so a caller may print them to a terminal as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..base.i18n import channel_label, spoken_time, t
from ..base.plain import clean_text, fit_cells, one_line
from ..domain.model import (
    MOMENTS,
    PERSONA_STAGE,
    PERSPECTIVES,
    STATUSES,
    Answer,
    Session,
    Touchpoint,
)
from ..domain.study import is_study_id

if TYPE_CHECKING:  # the guide module is imported only where a guide is at hand
    from ..domain.guide import Guide, Question

# The shape of summary_values(): a change there must change this, so cached summaries are
# rebuilt.
SUMMARY_VERSION = "6"
SUMMARY_FIELDS: tuple[str, ...] = (
    "id",
    "status",
    "guide",
    "language",
    "perspective",
    "moment",
    "alias",
    "interviewer",
    "stages_done",
    "stages_total",
    "touchpoints",
    "updated_at",
    "segment",
    "guide_sha256",
    "study",
    "code",
    "started_on",
)


def summary_values(session: Session, guide: Guide | None) -> list[Any]:
    """What `cjtui list` shows for a session, in SUMMARY_FIELDS order (how the index keeps
    it: a list, not a dict, is a third of the memory for 10,000 sessions)."""
    if guide is not None:
        done, total = guide.progress(session)
    else:
        done, total = None, len(session.stages)
    return [
        session.id,
        session.status,
        session.guide.id,
        session.language,
        session.perspective,
        session.moment,
        session.participant.alias,
        session.interviewer,
        done,
        total,
        sum(len(r.touchpoints) for r in session.stages),
        session.updated_at,
        session.participant.segment,
        session.guide.sha256,
        session.study,
        session.participant.code,
        session.started_at[:10],  # the day: what filters use, and repeated (kept once)
    ]


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_TEXT = (str,)
_FIELD_TYPES: tuple[tuple[type, ...], ...] = (
    _TEXT,  # id
    _TEXT,  # status
    _TEXT,  # guide
    _TEXT,  # language
    _TEXT,  # perspective
    (str, type(None)),  # moment
    _TEXT,  # alias
    _TEXT,  # interviewer
    (int, type(None)),  # stages_done
    (int,),  # stages_total
    (int,),  # touchpoints
    _TEXT,  # updated_at
    _TEXT,  # segment
    _TEXT,  # guide_sha256
    _TEXT,  # study
    _TEXT,  # code
    _TEXT,  # started_on
)


_SHAPES_OK: set[tuple[type, ...]] = set()  # field types of rows found right
_VALUES_OK: set[Any] = {None}  # texts found one line, counts found not negative
_STUDIES_OK: set[str] = set()  # study ids found right


def summaries_ok(rows: dict[str, Any]) -> set[str]:
    """The ids of the index rows (session id -> summary values) that are not of the shape
    summary_values gives (see _rows_ok): most often none, found by looking at the rows a
    column at a time (at C speed); only when something is wrong is each row looked at."""
    return set() if _all_right(rows) else _rows_ok(rows)


def _all_right(rows: dict[str, Any]) -> bool:
    """Whether every row is right, each column looked at whole: the rows are lists of the
    right length naming their own session, each column's values of its types, the words
    from their lists, every study a study's id, every text one line of printable characters
    and every count not negative."""
    values = list(rows.values())
    width = len(_FIELD_TYPES)
    if {type(v) for v in values} - {list} or {len(v) for v in values} - {width}:
        return False
    columns = list(zip(*values, strict=True)) if values else [()] * width
    if list(columns[0]) != list(rows):
        return False
    for column, allowed in zip(columns, _FIELD_TYPES, strict=True):
        if not set(map(type, column)) <= set(allowed):
            return False
    if not (
        set(columns[1]) <= set(STATUSES)
        and set(columns[4]) <= set(PERSPECTIVES)
        and set(columns[5]) <= set(MOMENTS)
        and all(s in _STUDIES_OK or _study_ok(s) for s in set(columns[14]))
    ):
        return False
    texts = [v for column in columns for v in set(column) if type(v) is str]
    counts = [v for column in columns[8:11] for v in column if type(v) is int]
    return not _CONTROL.search("".join(texts)) and min(counts, default=0) >= 0


def _rows_ok(rows: dict[str, Any]) -> set[str]:
    """The ids of the index rows (session id -> summary values) that are not of the shape
    summary_values gives. The index is a file any member of a shared store can write; a
    row is kept only if it names its own session, each field is of its type, the words come
    from their lists, the study is a study's id and every text is one line of printable
    characters (otherwise the session is read again from its file). Checked in bulk: the
    values of every row are gathered in one set (at C speed) and each distinct one checked
    once; rows are looked at one by one only when a bad value is among them."""
    bad: set[str] = set()
    seen: set[Any] = set()
    width = len(_FIELD_TYPES)
    for session_id, values in rows.items():
        if type(values) is not list or len(values) != width or values[0] != session_id:
            bad.add(session_id)
            continue
        kinds = tuple(map(type, values))
        if kinds not in _SHAPES_OK:
            if not all(k in allowed for k, allowed in zip(kinds, _FIELD_TYPES, strict=True)):
                bad.add(session_id)
                continue
            _SHAPES_OK.add(kinds)
        study = values[14]
        if (
            values[1] not in STATUSES
            or values[4] not in PERSPECTIVES
            or values[5] not in MOMENTS
            or (study not in _STUDIES_OK and not _study_ok(study))
        ):
            bad.add(session_id)
            continue
        seen.update(values)
    for value in seen.difference(_VALUES_OK):
        if not _value_ok(value):  # somewhere a bad value: each row is looked at
            return bad | {
                i for i, v in rows.items() if i not in bad and not all(map(_value_ok, set(v)))
            }
    return bad


def _study_ok(study: str) -> bool:
    if is_study_id(study):
        _STUDIES_OK.add(study)
        return True
    return False


def _value_ok(value: Any) -> bool:
    """A text of one line, a count not negative (remembered when so)."""
    if type(value) is str and _CONTROL.search(value):
        return False
    if type(value) is int and value < 0:
        return False
    if len(_VALUES_OK) < 100_000:
        _VALUES_OK.add(value)
    return True


class Summary(list[Any]):
    """One line of the session list, in SUMMARY_FIELDS order; ``row["alias"]`` and
    ``row.alias`` both work. A list underneath: 10,000 of them are cheap to build and hold."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return list.__getitem__(self, _FIELD_INDEX[key])
        return list.__getitem__(self, key)

    def __getattr__(self, name: str) -> Any:
        try:
            return list.__getitem__(self, _FIELD_INDEX[name])
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, Any]:
        return dict(zip(SUMMARY_FIELDS, self, strict=True))


_FIELD_INDEX = {name: n for n, name in enumerate(SUMMARY_FIELDS)}


def _fit(text: str, width: int) -> str:
    """*text* in exactly *width* terminal columns (see plain.fit_cells)."""
    return fit_cells(text, width)


_AT = {name: n for n, name in enumerate(SUMMARY_FIELDS)}
_ID, _STATUS, _PERSPECTIVE, _MOMENT = _AT["id"], _AT["status"], _AT["perspective"], _AT["moment"]
_ALIAS, _DONE, _TOTAL = _AT["alias"], _AT["stages_done"], _AT["stages_total"]
_UPDATED, _STUDY = _AT["updated_at"], _AT["study"]


def summary_lines(rows: Iterable[Sequence[Any]], lang: str) -> list[str]:
    """Each session as `cjtui list` prints it, in columns (those that repeat over 10,000
    rows, a status or a study, made once for each value)."""
    table = [tuple(row) for row in rows]

    def made(n: int, make: Callable[[Any], str]) -> dict[Any, str]:
        return {value: make(value) for value in {fields[n] for fields in table}}

    statuses = made(_STATUS, lambda v: _fit(t("status." + v, lang), 11))
    studies = made(_STUDY, lambda v: _fit(v, 10))
    perspectives = made(_PERSPECTIVE, lambda v: _fit(t("perspective." + v, lang), 11))
    moments = made(
        _MOMENT, lambda v: _fit(t(f"moment.{v}", lang) if v else t("moment.none", lang), 7)
    )
    out = []
    for fields in table:
        done = "?" if fields[_DONE] is None else fields[_DONE]
        progress = f"{done}/{fields[_TOTAL]}"
        out.append(
            f"{fields[_ID][:8]}  {statuses[fields[_STATUS]]}  {studies[fields[_STUDY]]}  "
            f"{perspectives[fields[_PERSPECTIVE]]}  {moments[fields[_MOMENT]]}  "
            f"{_fit(fields[_ALIAS] or '—', 17)}  {progress:<8}  "
            f"{fields[_UPDATED][:16].replace('T', ' ')}"
        )
    return out


def answer_text(
    question: Question | None, value: Answer, lang: str, guide: Guide | None = None
) -> str:
    """An answer as a person reads it: option labels, yes/no, numbers."""
    if value is None or value == "" or value == []:
        return t("no_answer", lang)
    if question is not None:
        if question.type == "choice" and isinstance(value, str):
            option = question.option(value)
            return option.text(lang) if option else value
        if question.type == "multi_choice" and isinstance(value, list):
            labels = []
            for code in value:
                option = question.option(code)
                labels.append(option.text(lang) if option else code)
            return ", ".join(labels)
        if question.type == "scale" and question.max is not None:
            return f"{value} / {question.max}"
        if question.type == "emotion" and isinstance(value, int) and guide is not None:
            return emotion_text(guide, value, lang)  # "-1 Mal 🙁", as a touchpoint's
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    return clean_text(str(value))


def emotion_text(guide: Guide | None, emotion: int | None, lang: str) -> str:
    if emotion is None:
        return t("unrated", lang)
    sign = f"{emotion:+d}" if emotion else "0"
    if guide is None:
        return sign
    point = guide.scale.point(emotion)
    if point is None:
        return sign
    face = f" {point.face}" if point.face else ""
    return f"{sign} {point.text(lang)}{face}"


def _indent(text: str, prefix: str) -> str:
    lines = clean_text(text).splitlines() or [""]
    return "\n".join(prefix + line for line in lines)


def transcript(  # noqa: C901 (one section of the transcript after another)
    session: Session,
    guide: Guide | None,
    lang: str | None = None,
    *,
    consent_text: str | None = None,
) -> str:
    """A readable transcript: header, participant, then each stage's answers and touchpoints.
    *consent_text*: the exact text the participant agreed to (kept by the study), shown."""
    lang = lang or session.language
    out: list[str] = []
    add = out.append
    add(t("show.session", lang, id=session.id))
    title = guide.title_text(lang) if guide else session.guide.id
    add(f"  {t('show.guide', lang)}: {title} ({session.guide.id} {session.guide.version})")
    add(f"  {t('show.study', lang)}: {session.study}")
    add(f"  {t('show.language', lang)}: {t(f'language_name.{session.language}', lang)}")
    add(f"  {t('show.perspective', lang)}: {t('perspective.' + session.perspective, lang)}")
    moment = t(f"moment.{session.moment}", lang) if session.moment else t("moment.none", lang)
    add(f"  {t('show.moment', lang)}: {moment}")
    add(f"  {t('show.interviewer', lang)}: {clean_text(session.interviewer) or '—'}")
    add(f"  {t('show.status', lang)}: {t('status.' + session.status, lang)}")
    add(f"  {t('show.started', lang)}: {spoken_time(session.started_at, lang)}")
    add(f"  {t('show.updated', lang)}: {spoken_time(session.updated_at, lang)}")
    if session.completed_at:
        add(f"  {t('show.completed', lang)}: {session.completed_at}")
    if session.consent.given:
        consent = t("show.consent_given", lang, at=spoken_time(session.consent.at or "", lang))
        if session.consent.quotes:
            consent += f"; {t('show.quotes_ok', lang)}"
    else:
        consent = t("show.consent_none", lang)
    add(f"  {t('show.consent', lang)}: {consent}")
    if consent_text:
        add(f"  {t('show.consent_text', lang)}:")
        add(_indent(clean_text(consent_text).strip(), "    "))
    add("")
    add(t("show.participant", lang))
    add(f"  {t('show.alias', lang)}: {clean_text(session.participant.alias) or '—'}")
    if session.participant.code:
        add(f"  {t('show.code', lang)}: {session.participant.code}")
    add(f"  {t('show.segment', lang)}: {clean_text(session.participant.segment) or '—'}")
    persona_questions = list(guide.persona) if guide else []
    known = {q.id for q in persona_questions}
    for q in persona_questions:
        value = session.participant.persona.get(q.id)
        if value is None:
            continue
        add(f"  {q.prompt_text(lang, session.perspective, session.moment)}")
        add(_indent(answer_text(q, value, lang, guide), "    "))
    for qid, value in session.participant.persona.items():
        if qid not in known:
            add(f"  {PERSONA_STAGE}.{qid}")
            add(_indent(answer_text(None, value, lang), "    "))
    total = len(session.stages)
    for n, record in enumerate(session.stages, 1):
        stage = guide.stage(record.id) if guide and not record.added else None
        title = guide.stage_title(record, lang) if guide else (record.title or record.id)
        add("")
        add(t("show.stage", lang, n=n, total=total, title=clean_text(title)))
        add("─" * 60)
        if record.added:
            add(f"  {t('show.added_stage', lang)}")
        if record.skipped:
            add(f"  {t('skipped', lang)}")
        if record.words:
            add(f"  {t('show.words_not_lived' if record.skipped else 'show.words', lang)}")
            add(_indent(clean_text(record.words), "    "))
        questions = guide.visible_questions(stage, session) if (guide and stage) else []
        shown = set()
        for q in questions:
            shown.add(q.id)
            add(f"  {q.prompt_text(lang, session.perspective, session.moment)}")
            add(_indent(answer_text(q, record.answers.get(q.id), lang), "    "))
        for qid, value in record.answers.items():
            if qid not in shown:
                add(f"  {record.id}.{qid}")
                add(_indent(answer_text(None, value, lang), "    "))
        add(f"  {t('show.touchpoints', lang)}:")
        if not record.touchpoints:
            add(f"    {t('show.no_touchpoints', lang)}")
        for tp in record.touchpoints:
            mark = f"  ✖ {t('pain', lang)}{_pain_detail(tp, lang)}" if tp.pain else ""
            add(
                f"    • {clean_text(tp.name)} "
                f"[{channel_label(tp.channel, lang, one_line(tp.channel_name, 40))}] "
                f"{emotion_text(guide, tp.emotion, lang)}{mark}"
            )
            if tp.expected is not None:
                add(
                    "        "
                    + t("show.expected", lang, rating=emotion_text(guide, tp.expected, lang))
                )
            quote_label = "show.quote" if session.consent.quotes else "show.quote_private"
            for key, value in (
                (quote_label, tp.quote),
                ("show.note", tp.note),
                ("show.process", tp.process + _problem(tp, lang)),
                ("show.owner", tp.owner),
                ("show.opportunity", tp.opportunity),
            ):
                if value:
                    add(_indent(f"{t(key, lang)}: {value}", "        "))
    return "\n".join(out) + "\n"


def guide_outline(guide: Guide, lang: str) -> str:
    """`cjtui guides show`: a guide as a readable outline."""
    out: list[str] = []
    add = out.append
    add(f"{guide.title_text(lang)}  ({guide.id} {guide.version}, {', '.join(guide.languages)})")
    if guide.description_text(lang):
        add(_indent(guide.description_text(lang), "  "))
    add("")
    add(f"{t('guides.scale', lang)}: {guide.scale.min}..{guide.scale.max}")
    for point in guide.scale.points:
        add(f"  {point.value:+d}  {point.face}  {point.text(lang)}")
    add("")
    add(f"{t('guides.persona', lang)}:")
    for q in guide.persona:
        add(_question_line(guide, q, lang))
    for n, stage in enumerate(guide.stages, 1):
        add("")
        add(t("show.stage", lang, n=n, total=len(guide.stages), title=stage.title_text(lang)))
        if stage.description_text(lang):
            add(_indent(stage.description_text(lang), "  "))
        for q in stage.questions:
            add(_question_line(guide, q, lang))
        if stage.touchpoints:
            names = ", ".join(
                f"{s.text(lang)} ({channel_label(s.channel, lang)})" for s in stage.touchpoints
            )
            add(f"  {t('guides.suggested', lang)}: {names}")
    add("")
    add(f"{t('guides.consent', lang)}:")
    add(_indent(guide.consent_text(lang).strip(), "  "))
    return "\n".join(out) + "\n"


def _question_line(guide: Guide, q: Question, lang: str) -> str:
    flags = [t(f"qtype.{q.type}", lang)]
    if q.required:
        flags.append(t("required", lang))
    if q.type in ("scale", "number") and q.min is not None:
        flags.append(f"{q.min}..{q.max}")
    line = f"  - {q.id}: {q.prompt_text(lang)} [{', '.join(flags)}]"
    if q.when is not None:
        looked_at = f"{q.when.stage}.{q.when.question}"
        line += f" ({t('guides.when', lang)} {looked_at} {_condition(guide, q, lang)})"
    if q.options:
        line += "\n      " + " | ".join(f"{o.code}: {o.text(lang)}" for o in q.options)
    return line


def _condition(guide: Guide, q: Question, lang: str) -> str:
    """What a question's condition asks of the answer it looks at, in words: an option by
    its label ("es «Otro»"), answered or not."""
    cond = q.when
    assert cond is not None
    if cond.op == "answered":
        return t("cond.answered" if cond.value is not False else "cond.unanswered", lang)
    asked = guide.question(cond.stage, cond.question)

    def label(code: object) -> str:
        option = asked.option(str(code)) if asked is not None else None
        return f"«{option.text(lang)}»" if option is not None else repr(code)

    values = cond.value if isinstance(cond.value, list) else [cond.value]
    return t(f"cond.{cond.op}", lang, value=", ".join(label(v) for v in values))


def _pain_detail(tp: Touchpoint, lang: str) -> str:
    """ " (disoriented; severe)": the kind and severity the interviewer noted for a pain."""
    said = [t(f"pain_kind.{tp.pain_kind}", lang)] if tp.pain_kind else []
    if tp.severity is not None:
        said.append(t(f"severity.{tp.severity}", lang))
    return f" ({'; '.join(said)})" if said else ""


def _problem(tp: Touchpoint, lang: str) -> str:
    return (
        f" [{t(f'problem.{tp.process_problem}', lang)}]"
        if tp.process_problem and tp.process
        else ""
    )
