"""The parts of a session: its limits and codes, the participant, consent, touchpoints,
stage records and audit events, and the rules their values follow. No I/O."""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ...base.errors import CjtuiError, Msg
from ...base.plain import clean_text, fold

if TYPE_CHECKING:
    from .session import Session

SCHEMA_VERSION = 3
# Version 1 had no study, participant code, touchpoint key or quote; version 2 had no
# stage words, added stages, kinds of pain, severity or process problems: see
# upgrade_document.
OLD_SCHEMA_VERSIONS = (1, 2)
# The stage id under which persona answers are logged (no journey stage may use it).
PERSONA_STAGE = "persona"

PERSPECTIVES: tuple[str, ...] = ("customer", "internal")
MOMENTS: tuple[str | None, ...] = ("before", "after", None)
STATUSES: tuple[str, ...] = ("in_progress", "completed", "abandoned")
CHANNELS: tuple[str, ...] = (
    "in_person",
    "physical",
    "mail",
    "phone",
    "web",
    "mobile_app",
    "other",
    # Since guides 3.0: email apart from post, and chat or messaging.
    "email",
    "chat",
)
TOUCHPOINT_FIELDS: tuple[str, ...] = (
    "name",
    "key",
    "channel",
    "emotion",
    "quote",
    "note",
    "pain",
    "pain_kind",
    "severity",
    "process",
    "process_problem",
    "owner",
    "opportunity",
    # Since cjtui 0.4: what the customer had expected, on the same scale, next to how it
    # felt (asked where the guide says so); and the "other" channel's own name.
    "expected",
    "channel_name",
)
# The fields written only when they hold something (sessions without them read the same).
OPTIONAL_TOUCHPOINT_FIELDS: tuple[str, ...] = ("expected", "channel_name")
# The method's kinds of pain: where the customer is dissatisfied, disoriented or annoyed.
PAIN_KINDS: tuple[str, ...] = ("dissatisfied", "disoriented", "annoyed")
# How bad a pain is, where the interviewer judges it differs from the rating: 1 minor,
# 2 moderate, 3 severe (see effective_severity for the default a rating gives).
SEVERITIES: tuple[int, ...] = (1, 2, 3)
# What is wrong with the process behind a touchpoint: inefficiency, bottleneck, obstruction.
PROCESS_PROBLEMS: tuple[str, ...] = ("inefficiency", "bottleneck", "obstruction")
# A stage the participant lived that the guide lacks: its record's id, and how many.
ADDED_STAGE_PREFIX = "added_"
MAX_ADDED_STAGES = 20
EVENT_KINDS: tuple[str, ...] = (
    "created",
    "consent",
    "participant",
    "persona",
    "answer",
    "stage_skipped",
    "touchpoint_added",
    "touchpoint_changed",
    "touchpoint_removed",
    "touchpoint_moved",
    "stage_added",
    "stage_changed",
    "stage_removed",
    "status",
    # An import's conflict decided for this side (--keep ours): new = the sha256 of the
    # other side's audit trail, which this version now supersedes (see exchange.import_case).
    "conflict_decided",
)

# Answer values are JSON scalars or lists of strings (multi_choice).
Answer = str | int | float | bool | list[str] | None


class ModelError(CjtuiError):
    """A change or a record that breaks the session model's rules."""


# What one session may hold: the same numbers as the published JSON Schema (a test checks
# they agree), so that whatever the app and the API accept, export writes and import reads.
MAX_TEXT = 20_000  # an answer, an alias, a note, a touchpoint's name…
MAX_CHOICES = 100  # codes picked in one multi_choice answer
MAX_CODE = 200  # one picked code
MAX_ANSWERS = 200  # answers in one stage, or in the profile
MAX_TOUCHPOINTS = 500  # touchpoints in one stage
MAX_USER = 100  # a user name in the audit trail


def check_text(what: str, value: str) -> None:
    """ModelError naming *what* when *value* is longer than a session may hold."""
    if len(value) > MAX_TEXT:
        raise ModelError(
            Msg(
                "{0}: {1} characters, more than the {2} an answer may hold",
                what,
                len(value),
                MAX_TEXT,
            )
        )


def check_answer(what: str, value: Answer) -> None:
    """ModelError naming *what* when an answer value breaks the session's limits."""
    if isinstance(value, str):
        check_text(what, value)
    elif isinstance(value, list):
        if len(value) > MAX_CHOICES:
            raise ModelError(
                Msg("{0}: {1} choices picked, more than {2}", what, len(value), MAX_CHOICES)
            )
        for item in value:
            if len(item) > MAX_CODE:
                raise ModelError(
                    Msg("{0}: a choice of {1} characters (at most {2})", what, len(item), MAX_CODE)
                )


def clean_answer(value: Answer) -> Answer:
    """Strip control characters from the text inside an answer value."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(v) for v in value]
    return value


# A study's id; a participant's pseudonymous code within a study (P-017); a touchpoint's
# key (the same touchpoint in every interview and language: "search_result").
STUDY_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$"
CODE_PATTERN = r"^(?:[A-Za-z0-9][A-Za-z0-9-]{0,19})?$"
KEY_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,99}$"
_STUDY = re.compile(STUDY_PATTERN)
_CODE = re.compile(CODE_PATTERN)
_KEY = re.compile(KEY_PATTERN)


def slug(text: str, limit: int) -> str:
    """*text*'s words folded (case, accents and spacing do not count), joined by '-', at
    most *limit* characters; '' when nothing is left."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))[:limit].strip("-")


def name_key(name: str) -> str:
    """The key of a touchpoint typed as *name*: its slug.
    "Llamada al Call Center" -> "llamada-al-call-center"."""
    return slug(name, 100) or "unnamed"


# Whose voice an interview is, in the order figures show them: customers' lived experience
# (after an interaction, or no moment), customers' expectation (before one), staff's belief.
LIVED, EXPECTED, STAFF = "lived", "expected", "staff"
VOICES: tuple[str, ...] = (LIVED, EXPECTED, STAFF)


def voice_of(session: Session) -> str:
    """Whose voice an interview is: staff's belief, a customer's expectation (interviewed
    before the interaction) or a customer's lived experience (after, or no moment)."""
    if session.perspective == "internal":
        return STAFF
    return EXPECTED if session.moment == "before" else LIVED


def person_of(session: Session) -> str:
    """Who the participant is within the study: their code, else the interview alone."""
    code = " ".join(clean_text(session.participant.code).split())
    return f"code:{code.casefold()}" if code else f"session:{session.id}"


def now_iso() -> str:
    """The current time as ISO 8601 in UTC, to the second (``2026-11-27T07:30:00Z``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """Parse a timestamp written by :func:`now_iso` (or any ISO 8601 with an offset)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def instant(text: str | None) -> datetime | None:
    """A stored time as an instant, for comparing times written with different offsets
    (a day alone is its first moment, UTC); None when it is no time."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def _short_id() -> str:
    return uuid.uuid4().hex[:8]


@dataclass
class GuideRef:
    """Which guide a session was taken with: its id, version and the file's sha256."""

    id: str
    version: str
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "sha256": self.sha256}


@dataclass
class Participant:
    """Who is interviewed: an alias (never a required real name), a segment, persona answers."""

    alias: str = ""
    segment: str = ""
    persona: dict[str, Answer] = field(default_factory=dict)
    code: str = ""  # pseudonymous, within the study: links before and after (P-017)

    def to_dict(self) -> dict[str, Any]:
        return {
            "alias": self.alias,
            "code": self.code,
            "segment": self.segment,
            "persona": dict(self.persona),
        }


@dataclass
class Consent:
    """Whether consent was given, when, to which text (sha256), and whether quotes may be used."""

    given: bool = False
    at: str | None = None
    text_sha256: str | None = None
    quotes: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "given": self.given,
            "at": self.at,
            "text_sha256": self.text_sha256,
            "quotes": self.quotes,
        }


@dataclass
class Touchpoint:
    """One contact between customer and organisation, rated on the guide's emotion scale."""

    id: str = field(default_factory=_short_id)
    name: str = ""
    channel: str = "other"
    emotion: int | None = None
    note: str = ""  # the interviewer's observation
    quote: str = ""  # the participant's own words, verbatim
    key: str = ""  # the same touchpoint across interviews (see name_key); set when added
    pain: bool = False
    pain_kind: str = ""  # one of PAIN_KINDS, or "" (not said)
    severity: int | None = None  # the interviewer's judgement (SEVERITIES); None: the rating's
    process: str = ""
    process_problem: str = ""  # one of PROCESS_PROBLEMS, or "" (none noticed)
    owner: str = ""
    opportunity: str = ""
    expected: int | None = None  # what the customer had expected, on the emotion scale
    channel_name: str = ""  # what the "other" channel was, in the interviewer's words

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "channel": self.channel,
            "emotion": self.emotion,
            "quote": self.quote,
            "note": self.note,
            "pain": self.pain,
            "pain_kind": self.pain_kind,
            "severity": self.severity,
            "process": self.process,
            "process_problem": self.process_problem,
            "owner": self.owner,
            "opportunity": self.opportunity,
        }
        if self.expected is not None:
            out["expected"] = self.expected
        if self.channel_name:
            out["channel_name"] = self.channel_name
        return out


def effective_severity(tp: Touchpoint, scale_min: int) -> int | None:
    """How bad a pain is: the interviewer's judgement where given, else what its rating
    says (the scale's lowest point severe, any other negative rating moderate, the rest
    minor); None for a touchpoint that is not a pain."""
    if not tp.pain:
        return None
    if tp.severity is not None:
        return tp.severity
    if tp.emotion is None:
        return 2
    if tp.emotion <= scale_min:
        return 3
    return 2 if tp.emotion < 0 else 1


@dataclass
class StageRecord:
    """What one stage of the journey holds: answers by question id, and touchpoints in order."""

    id: str
    skipped: bool = False
    answers: dict[str, Answer] = field(default_factory=dict)
    touchpoints: list[Touchpoint] = field(default_factory=list)
    words: str = ""  # what this stage was for the participant, in their words
    added: bool = False  # a stage the participant lived that the guide lacks
    title: str = ""  # an added stage's name (a guide's stage takes the guide's title)

    @property
    def key(self) -> str:
        """How a stage meets across interviews: a guide stage by its id, an added stage by
        its name's words (so two participants who add "Appraisal" meet in one column)."""
        if not self.added:
            return self.id
        return ADDED_STAGE_PREFIX + (name_key(self.title).replace("-", "_").replace(".", "_"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "added": self.added,
            "title": self.title,
            "skipped": self.skipped,
            "words": self.words,
            "answers": _copy(self.answers),
            "touchpoints": [t.to_dict() for t in self.touchpoints],
        }


@dataclass
class Event:
    """One change in the audit trail: when, what kind, where, and the old and new values."""

    at: str
    kind: str
    stage: str | None = None
    target: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None
    by: str = ""  # who made the change (their user name on the machine); "" before 0.3

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "by": self.by,
            "kind": self.kind,
            "stage": self.stage,
            "target": self.target,
            "field": self.field,
            "old": _copy(self.old),
            "new": _copy(self.new),
        }


def _follow(tp: Touchpoint, changes: dict[str, Any]) -> None:
    """What follows from *changes* to *tp*: a typed name's key follows the name (a guide
    suggestion's key stays); a rating sets pain to its default unless the interviewer had
    set it against that default."""
    if "key" in changes and not _KEY.match(str(changes["key"])):
        raise ModelError(Msg("touchpoint key {0} is not valid", repr(str(changes["key"])[:40])))
    if "name" in changes and "key" not in changes and tp.key == name_key(tp.name):
        changes["key"] = name_key(clean_text(changes["name"]))
    if "emotion" in changes and "pain" not in changes:
        if tp.pain == _default_pain(tp.emotion):
            changes["pain"] = _default_pain(changes["emotion"])
    # An "other" channel's name goes with it: another channel takes none.
    if changes.get("channel", "other") != "other" and "channel_name" not in changes:
        if tp.channel_name:
            changes["channel_name"] = ""


_TEXT_FIELDS = ("name", "quote", "note", "process", "owner", "opportunity", "channel_name")


def _coded(what: str, allowed: tuple[Any, ...], empty: Any) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if value == empty and type(value) is type(empty):
            return None
        if isinstance(value, bool) or value not in allowed:
            shown = ", ".join(str(a) for a in allowed)
            return Msg("{0} must be one of {1}, not {2}", what, shown, repr(str(value)[:40]))
        return None

    return check


# The touchpoint fields that take one of a few codes: the rule each follows.
_CODED: dict[str, Callable[[Any], str | None]] = {
    "pain_kind": _coded(Msg("the pain's kind"), PAIN_KINDS, ""),
    "severity": _coded(Msg("the severity"), SEVERITIES, None),
    "process_problem": _coded(Msg("the process problem"), PROCESS_PROBLEMS, ""),
}


# Kinds of event that record text typed into a field, and how long a pause still continues
# the same run of typing.
_TYPED_KINDS = frozenset(
    {"answer", "persona", "participant", "touchpoint_changed", "stage_changed"}
)
TYPING_RUN = 15 * 60


def _copy(value: Any) -> Any:
    """A copy of JSON-like data (dicts, lists, scalars): what deepcopy does, many times faster."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean_value(v) for k, v in value.items()}
    return value


def _default_pain(emotion: int | None) -> bool:
    return emotion is not None and emotion < 0


def _clean_touchpoint(tp: Touchpoint) -> Touchpoint:
    out = copy.copy(tp)
    for name in _TEXT_FIELDS:
        setattr(out, name, clean_text(getattr(out, name)))
    return out


def new_touchpoint(
    name: str, channel: str = "other", emotion: int | None = None, **fields: Any
) -> Touchpoint:
    """A touchpoint whose pain flag starts at its default for the rating given."""
    fields.setdefault("pain", _default_pain(emotion))
    return Touchpoint(name=name, channel=channel, emotion=emotion, **fields)
