"""The interview record: sessions, participants, stages, touchpoints and their audit trail.

This module owns the shape of a session and every change that can be made to one. It does
no I/O and knows nothing of guides' files, the store or any user interface: each mutation
updates the session in memory and appends one audit event, and the caller decides when to
persist it.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .errors import CjtuiError, Msg
from .plain import LANGUAGES, clean_text, fold

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

    @property
    def channel_text(self) -> str:
        """The channel's name for "other" where the interviewer gave one, else ""."""
        return self.channel_name if self.channel == "other" else ""


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


@dataclass
class Session:
    """One interview, from consent to the emotion curve."""

    id: str
    guide: GuideRef
    language: str
    perspective: str
    moment: str | None
    interviewer: str
    status: str
    started_at: str
    updated_at: str
    completed_at: str | None
    participant: Participant
    consent: Consent
    stages: list[StageRecord]
    events: list[Event] = field(default_factory=list)
    study: str = ""  # the study it belongs to (every saved session has one)
    # True for a session read without its audit trail (see from_dict): never saved.
    partial: bool = field(default=False, repr=False, compare=False)
    # Who is making changes now (a user name): each event of the audit trail records it.
    actor: str = field(default="", repr=False, compare=False)

    # ---- construction -------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        guide: GuideRef,
        stage_ids: list[str],
        *,
        language: str,
        perspective: str,
        moment: str | None = None,
        interviewer: str = "",
        alias: str = "",
        segment: str = "",
        code: str = "",
        study: str = "",
        at: str | None = None,
        session_id: str | None = None,
        actor: str = "",
    ) -> Session:
        """Start a session with one empty record per stage, in the guide's order."""
        if language not in LANGUAGES:
            raise ModelError(
                Msg("language must be one of {0}, not {1}", ", ".join(LANGUAGES), repr(language))
            )
        if perspective not in PERSPECTIVES:
            raise ModelError(
                Msg(
                    "perspective must be one of {0}, not {1}",
                    ", ".join(PERSPECTIVES),
                    repr(perspective),
                )
            )
        if moment not in MOMENTS:
            raise ModelError(Msg("moment must be before, after or none, not {0}", repr(moment)))
        if not stage_ids:
            raise ModelError(Msg("a session needs at least one stage"))
        at = at or now_iso()
        session = cls(
            id=session_id or new_id(),
            guide=guide,
            language=language,
            perspective=perspective,
            moment=moment,
            interviewer=clean_text(interviewer),
            status="in_progress",
            started_at=at,
            updated_at=at,
            completed_at=None,
            participant=Participant(
                alias=clean_text(alias), segment=clean_text(segment), code=code.strip()
            ),
            consent=Consent(),
            stages=[StageRecord(id=s) for s in stage_ids],
            study=study,
            actor=actor,
        )
        session.check_codes()
        session.events.append(Event(at=at, kind="created", by=actor))
        return session

    # ---- lookups ------------------------------------------------------------------------

    def stage(self, stage_id: str) -> StageRecord:
        for record in self.stages:
            if record.id == stage_id:
                return record
        raise ModelError(Msg("no stage {0} in this session", repr(stage_id)))

    def find_touchpoint(self, touchpoint_id: str) -> tuple[StageRecord, Touchpoint]:
        for record in self.stages:
            for tp in record.touchpoints:
                if tp.id == touchpoint_id:
                    return record, tp
        raise ModelError(Msg("no touchpoint {0} in this session", repr(touchpoint_id)))

    def touchpoints(self) -> list[tuple[StageRecord, Touchpoint]]:
        """Every touchpoint in journey order, with the stage it belongs to."""
        return [(record, tp) for record in self.stages for tp in record.touchpoints]

    @property
    def may_quote(self) -> bool:
        """Whether the participant's words may be shown in outputs: they agreed to be quoted;
        or a staff interview taken before staff were asked (their professional view, shown
        as it always was). Staff who were asked and declined are not quoted."""
        if self.consent.quotes:
            return True
        return self.perspective == "internal" and not self.consent.given

    @property
    def may_record(self) -> bool:
        """A customer session records nothing about the participant before consent."""
        return self.perspective != "customer" or self.consent.given

    # ---- mutations (each appends one audit event) -----------------------------------------

    def _log(self, at: str | None, kind: str, **where: Any) -> Event:
        event = Event(at=at or now_iso(), kind=kind, by=self.actor, **where)
        if self._continues_typing(event):
            # The same text typed on after a pause: the run's last event takes the new text
            # and time, so the trail grows with the text, not with the square of its length.
            last = self.events[-1]
            last.new, last.at = event.new, event.at
            self.updated_at = event.at
            return last
        self.events.append(event)
        self.updated_at = event.at
        return event

    def decide_conflict(self, other_trail: str, at: str | None = None) -> None:
        """Record that this version is kept over another one of the same interview (an
        import's conflict decided with --keep ours); *other_trail*: that version's
        trail_digest. Its time changes, so the next export carries it to the other side,
        whose import then takes it as continuing its own."""
        self._log(at, "conflict_decided", field="kept", new=other_trail)

    def trail_digest(self) -> str:
        """The sha256 of the audit trail: what a decided conflict names the version it set
        aside by (the same on every server for the same trail)."""
        import hashlib

        from . import jsonio

        events = [e.to_dict() for e in self.events]
        return hashlib.sha256(jsonio.dumps(events, indent=None).encode("utf-8")).hexdigest()

    def _continues_typing(self, event: Event) -> bool:
        """Whether *event* continues a run of text typed into one field: the two events
        before it are changes of the same field, the last within TYPING_RUN of it, and all
        hold text. A run then keeps two events: its first (old text to the first words, at
        its start) and its last (updated to the latest text and time), so the audit trail
        still tells when typing began and ended, and what the text was before and after."""
        if event.kind not in _TYPED_KINDS or len(self.events) < 2:
            return False
        last, before = self.events[-1], self.events[-2]
        same = (event.kind, event.stage, event.target, event.field, event.by)
        if (last.kind, last.stage, last.target, last.field, last.by) != same:
            return False
        if (before.kind, before.stage, before.target, before.field, before.by) != same:
            return False
        if not all(isinstance(v, str) for v in (event.new, last.new, last.old)):
            return False
        if last.old != before.new:
            return False
        try:
            gap = parse_iso(event.at) - parse_iso(last.at)
        except ValueError:
            return False
        return 0 <= gap.total_seconds() <= TYPING_RUN

    def _require_consent(self) -> None:
        if not self.may_record:
            raise ModelError(
                Msg("consent has not been given: nothing about the participant is kept")
            )

    def _require_open(self) -> None:
        if self.status == "abandoned":
            raise ModelError(Msg("this session was abandoned and can no longer change"))

    def give_consent(
        self, text_sha256: str, *, quotes: bool = False, at: str | None = None
    ) -> None:
        old = self.consent.to_dict()
        at = at or now_iso()
        self.consent = Consent(given=True, at=at, text_sha256=text_sha256, quotes=quotes)
        self._log(at, "consent", old=old, new=self.consent.to_dict())

    def set_participant(self, field_name: str, value: str, at: str | None = None) -> bool:
        """Set the alias, segment or code. Returns False when nothing changed."""
        if field_name not in ("alias", "segment", "code"):
            raise ModelError(Msg("participant has no field {0}", repr(field_name)))
        self._require_open()
        self._require_consent()
        value = clean_text(value)
        check_text(field_name, value)
        if field_name == "code":
            value = value.strip()
            if not _CODE.match(value):
                raise ModelError(
                    Msg(
                        "participant code {0}: up to 20 letters, digits and '-' (P-017)",
                        repr(value[:30]),
                    )
                )
        old = getattr(self.participant, field_name)
        if old == value:
            return False
        setattr(self.participant, field_name, value)
        self._log(at, "participant", field=field_name, old=old, new=value)
        return True

    def set_persona(self, question_id: str, value: Answer, at: str | None = None) -> bool:
        """Record a persona answer (None clears it). Returns False when nothing changed."""
        self._require_open()
        self._require_consent()
        value = clean_answer(value)
        check_answer(f"{PERSONA_STAGE}.{question_id}", value)
        old = self.participant.persona.get(question_id)
        if old == value:
            return False
        if question_id not in self.participant.persona and len(self.participant.persona) >= (
            MAX_ANSWERS
        ):
            raise ModelError(Msg("{0}: more than {1} answers", PERSONA_STAGE, MAX_ANSWERS))
        if value is None:
            self.participant.persona.pop(question_id, None)
        else:
            self.participant.persona[question_id] = value
        self._log(at, "persona", stage=PERSONA_STAGE, target=question_id, old=old, new=value)
        return True

    def set_answer(
        self, stage_id: str, question_id: str, value: Answer, at: str | None = None
    ) -> bool:
        """Record one answer (None clears it). Returns False when nothing changed."""
        self._require_open()
        self._require_consent()
        record = self.stage(stage_id)
        value = clean_answer(value)
        check_answer(f"{stage_id}.{question_id}", value)
        old = record.answers.get(question_id)
        if old == value:
            return False
        if question_id not in record.answers and len(record.answers) >= MAX_ANSWERS:
            raise ModelError(Msg("{0}: more than {1} answers", stage_id, MAX_ANSWERS))
        if value is None:
            record.answers.pop(question_id, None)
        else:
            record.answers[question_id] = value
        self._log(at, "answer", stage=stage_id, target=question_id, old=old, new=value)
        return True

    def set_skipped(self, stage_id: str, skipped: bool, at: str | None = None) -> bool:
        """Mark a stage the participant never went through (or undo that)."""
        self._require_open()
        self._require_consent()
        record = self.stage(stage_id)
        if record.skipped == skipped:
            return False
        record.skipped = skipped
        self._log(at, "stage_skipped", stage=stage_id, old=not skipped, new=skipped)
        return True

    def add_stage(self, title: str, after: str | None, at: str | None = None) -> StageRecord:
        """Add a stage the participant lived that the guide lacks, named in their words,
        after the stage *after* (None: first). Its touchpoints are added as any stage's."""
        self._require_open()
        self._require_consent()
        title = clean_text(title).strip()
        if not title:
            raise ModelError(Msg("an added stage needs a name"))
        check_text("stage title", title)
        if sum(1 for r in self.stages if r.added) >= MAX_ADDED_STAGES:
            raise ModelError(Msg("a session holds at most {0} added stages", MAX_ADDED_STAGES))
        index = 0 if after is None else self.stages.index(self.stage(after)) + 1
        taken = {r.id for r in self.stages}
        n = 1
        while f"{ADDED_STAGE_PREFIX}{n}" in taken:
            n += 1
        record = StageRecord(id=f"{ADDED_STAGE_PREFIX}{n}", added=True, title=title)
        self.stages.insert(index, record)
        self._log(at, "stage_added", stage=record.id, new={"title": title, "after": after})
        return record

    def set_stage_text(
        self, stage_id: str, field_name: str, value: str, at: str | None = None
    ) -> bool:
        """Set a stage's words (what it was for the participant) or an added stage's title.
        Returns False when nothing changed."""
        self._require_open()
        self._require_consent()
        record = self.stage(stage_id)
        if field_name not in ("words", "title") or (field_name == "title" and not record.added):
            raise ModelError(
                Msg("stage {0} has no field {1} to change", repr(stage_id), repr(field_name))
            )
        value = clean_text(value)
        check_text(f"{stage_id}.{field_name}", value)
        if field_name == "title" and not value.strip():
            raise ModelError(Msg("an added stage needs a name"))
        old = getattr(record, field_name)
        if old == value:
            return False
        setattr(record, field_name, value)
        self._log(at, "stage_changed", stage=stage_id, field=field_name, old=old, new=value)
        return True

    def remove_stage(self, stage_id: str, at: str | None = None) -> StageRecord:
        """Remove an added stage (a guide's stage can only be marked not lived)."""
        self._require_open()
        self._require_consent()
        record = self.stage(stage_id)
        if not record.added:
            raise ModelError(
                Msg("stage {0} is the guide's: mark it not lived instead", repr(stage_id))
            )
        index = self.stages.index(record)
        self.stages.remove(record)
        after = self.stages[index - 1].id if index > 0 else None
        self._log(at, "stage_removed", stage=stage_id, old={**record.to_dict(), "after": after})
        return record

    def add_touchpoint(
        self, stage_id: str, touchpoint: Touchpoint, index: int | None = None, at: str | None = None
    ) -> Touchpoint:
        self._require_open()
        self._require_consent()
        record = self.stage(stage_id)
        if len(record.touchpoints) >= MAX_TOUCHPOINTS:
            raise ModelError(
                Msg("{0}: a stage holds at most {1} touchpoints", stage_id, MAX_TOUCHPOINTS)
            )
        tp = _clean_touchpoint(touchpoint)
        if not tp.key:
            tp.key = name_key(tp.name)
        if not _KEY.match(tp.key):
            raise ModelError(Msg("touchpoint key {0} is not valid", repr(tp.key[:40])))
        for name in _TEXT_FIELDS:
            check_text(f"{stage_id}.{tp.id}.{name}", getattr(tp, name))
        if tp.channel not in CHANNELS:
            raise ModelError(
                Msg("channel must be one of {0}, not {1}", ", ".join(CHANNELS), repr(tp.channel))
            )
        if any(existing.id == tp.id for _, existing in self.touchpoints()):
            raise ModelError(Msg("touchpoint id {0} is already used in this session", repr(tp.id)))
        if index is None:
            record.touchpoints.append(tp)
        else:
            record.touchpoints.insert(index, tp)
        self._log(at, "touchpoint_added", stage=stage_id, target=tp.id, new=tp.to_dict())
        return tp

    def update_touchpoint(
        self, touchpoint_id: str, at: str | None = None, **changes: Any
    ) -> list[str]:
        """Change touchpoint fields; one event per field that changed. Returns their names.

        Setting a rating without saying ``pain`` keeps pain at its default (on for a negative
        rating) unless the interviewer had already set it against that default.
        """
        self._require_open()
        self._require_consent()
        record, tp = self.find_touchpoint(touchpoint_id)
        unknown = set(changes) - set(TOUCHPOINT_FIELDS)
        if unknown:
            raise ModelError(Msg("touchpoint has no field {0}", repr(sorted(unknown)[0])))
        if "channel" in changes and changes["channel"] not in CHANNELS:
            raise ModelError(
                Msg(
                    "channel must be one of {0}, not {1}",
                    ", ".join(CHANNELS),
                    repr(changes["channel"]),
                )
            )
        for name, value in changes.items():
            if name in _CODED and (why := _CODED[name](value)) is not None:
                raise ModelError(Msg("{0}.{1}: {2}", record.id, tp.id, why))
        _follow(tp, changes)
        for name, value in changes.items():  # every change checked before any is made
            if isinstance(value, str):
                check_text(f"{record.id}.{tp.id}.{name}", clean_text(value))
        changed: list[str] = []
        for name in TOUCHPOINT_FIELDS:
            if name not in changes:
                continue
            value = changes[name]
            if isinstance(value, str):
                value = clean_text(value)
            old = getattr(tp, name)
            if old == value:
                continue
            setattr(tp, name, value)
            changed.append(name)
            self._log(
                at,
                "touchpoint_changed",
                stage=record.id,
                target=tp.id,
                field=name,
                old=old,
                new=value,
            )
        return changed

    def remove_touchpoint(self, touchpoint_id: str, at: str | None = None) -> Touchpoint:
        self._require_open()
        self._require_consent()
        record, tp = self.find_touchpoint(touchpoint_id)
        record.touchpoints.remove(tp)
        self._log(at, "touchpoint_removed", stage=record.id, target=tp.id, old=tp.to_dict())
        return tp

    def move_touchpoint(self, touchpoint_id: str, offset: int, at: str | None = None) -> bool:
        """Move a touchpoint up (negative) or down within its stage. False if it cannot move."""
        self._require_open()
        self._require_consent()
        record, tp = self.find_touchpoint(touchpoint_id)
        old_index = record.touchpoints.index(tp)
        new_index = max(0, min(len(record.touchpoints) - 1, old_index + offset))
        if new_index == old_index:
            return False
        record.touchpoints.insert(new_index, record.touchpoints.pop(old_index))
        self._log(
            at, "touchpoint_moved", stage=record.id, target=tp.id, old=old_index, new=new_index
        )
        return True

    def set_status(self, status: str, at: str | None = None) -> bool:
        if status not in STATUSES:
            raise ModelError(
                Msg("status must be one of {0}, not {1}", ", ".join(STATUSES), repr(status))
            )
        if status == self.status:
            return False
        old = self.status
        event = self._log(at, "status", old=old, new=status)
        self.status = status
        self.completed_at = event.at if status == "completed" else None
        return True

    # ---- derived views --------------------------------------------------------------------

    def last_position(self) -> tuple[str | None, str | None]:
        """The stage and question (or touchpoint) of the latest change, for resuming there;
        the stage's own words or name as ``stage.words`` / ``stage.title`` (no question id
        has a dot)."""
        event = self.last_change()
        if event is None:
            return None, None
        if event.kind == "stage_changed":
            return event.stage, f"stage.{event.field}"
        return event.stage, event.target

    def last_change(self) -> Event | None:
        """The latest change made in a step the interview still has (not in an added stage
        since removed), or None."""
        here = {PERSONA_STAGE, *(r.id for r in self.stages)}
        for event in reversed(self.events):
            if event.stage is not None and event.stage in here:
                return event
        return None

    def stage_timings(self) -> dict[str, dict[str, Any]]:
        """Per stage: first and last change and the seconds between them (from the events)."""
        timings: dict[str, dict[str, Any]] = {}
        for event in self.events:
            if event.stage is None:
                continue
            entry = timings.setdefault(event.stage, {"first": event.at, "last": event.at})
            entry["last"] = event.at
        for entry in timings.values():
            span = parse_iso(entry["last"]) - parse_iso(entry["first"])
            entry["seconds"] = int(span.total_seconds())
        return timings

    # ---- serialisation --------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "study": self.study,
            "guide": self.guide.to_dict(),
            "language": self.language,
            "perspective": self.perspective,
            "moment": self.moment,
            "interviewer": self.interviewer,
            "status": self.status,
            "started_at": self.started_at,
            "updated_at": self.updated_at,
            "completed_at": self.completed_at,
            "participant": self.participant.to_dict(),
            "consent": self.consent.to_dict(),
            "stages": [s.to_dict() for s in self.stages],
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, keep_events: bool = True) -> Session:
        """Build a session from its dict form. Raises ModelError on a wrong shape.

        ``keep_events=False`` skips the audit trail, for analyses that never look at it;
        such a session is marked ``partial`` and the store refuses to save it.
        """
        try:
            if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
                if data.get("schema") in OLD_SCHEMA_VERSIONS:
                    raise ModelError(
                        Msg(
                            "written by an earlier cjtui (schema "
                            "{0}): import it so that it is upgraded",
                            data.get("schema"),
                        )
                    )
                raise ModelError(Msg("unsupported schema version {0}", repr(data.get("schema"))))
            session = cls(
                id=str(data["id"]),
                study=data["study"],
                guide=GuideRef(**data["guide"]),
                language=data["language"],
                perspective=data["perspective"],
                moment=data["moment"],
                interviewer=data["interviewer"],
                status=data["status"],
                started_at=data["started_at"],
                updated_at=data["updated_at"],
                completed_at=data["completed_at"],
                participant=Participant(**data["participant"]),
                consent=Consent(**data["consent"]),
                stages=[
                    StageRecord(
                        id=s["id"],
                        skipped=s["skipped"],
                        answers=_copy(s["answers"]),
                        touchpoints=[Touchpoint(**t) for t in s["touchpoints"]],
                        words=s["words"],
                        added=s["added"],
                        title=s["title"],
                    )
                    for s in data["stages"]
                ],
                events=[Event(**e) for e in data["events"]] if keep_events else [],
            )
            if not isinstance(data["events"], list):
                raise ModelError(Msg("events must be a list"))
            session.partial = not keep_events
        except ModelError:
            raise
        except (KeyError, TypeError, AttributeError) as exc:
            raise ModelError(Msg("not a session: {0}: {1}", exc.__class__.__name__, exc)) from None
        session.check()
        return session

    def cleaned(self) -> Session:
        """This session with control characters stripped from every text (as typed input
        is); applied to imports, so hostile files cannot smuggle escape sequences in."""
        self.interviewer = clean_text(self.interviewer)
        self.participant.alias = clean_text(self.participant.alias)
        self.participant.segment = clean_text(self.participant.segment)
        self.participant.code = clean_text(self.participant.code)
        self.participant.persona = {k: clean_answer(v) for k, v in self.participant.persona.items()}
        for record in self.stages:
            record.words = clean_text(record.words)
            record.title = clean_text(record.title)
            record.answers = {k: clean_answer(v) for k, v in record.answers.items()}
            record.touchpoints = [_clean_touchpoint(tp) for tp in record.touchpoints]
        for event in self.events:
            event.by = clean_text(event.by)
            event.old = _clean_value(event.old)
            event.new = _clean_value(event.new)
        return self

    def check(self) -> None:  # noqa: C901 (one check per field of untrusted data)
        """Check the rules that hold for any session, whatever its guide."""
        try:
            uuid.UUID(self.id)
        except ValueError:
            raise ModelError(Msg("id {0} is not a UUID", repr(self.id))) from None
        if self.language not in LANGUAGES:
            raise ModelError(
                Msg("language {0} is not one of {1}", repr(self.language), ", ".join(LANGUAGES))
            )
        self.check_codes()
        if self.perspective not in PERSPECTIVES:
            raise ModelError(
                Msg("perspective {0} is not customer or internal", repr(self.perspective))
            )
        if self.moment not in MOMENTS:
            raise ModelError(Msg("moment {0} is not before, after or null", repr(self.moment)))
        if self.status not in STATUSES:
            raise ModelError(
                Msg("status {0} is not one of {1}", repr(self.status), ", ".join(STATUSES))
            )
        for stamp in (self.started_at, self.updated_at, self.completed_at):
            if stamp is not None:
                try:
                    parse_iso(stamp)
                except ValueError:
                    raise ModelError(Msg("timestamp {0} is not ISO 8601", repr(stamp))) from None
        if self.perspective == "customer" and not self.consent.given:
            if any(r.answers or r.touchpoints for r in self.stages) or self.participant.persona:
                raise ModelError(Msg("a customer session holds answers but no consent"))
        seen_stages: set[str] = set()
        seen_tps: set[str] = set()
        if sum(1 for r in self.stages if r.added) > MAX_ADDED_STAGES:
            raise ModelError(Msg("a session holds at most {0} added stages", MAX_ADDED_STAGES))
        for record in self.stages:
            if record.id in seen_stages:
                raise ModelError(Msg("stage {0} appears twice", repr(record.id)))
            seen_stages.add(record.id)
            self._check_stage(record)
            for tp in record.touchpoints:
                if tp.id in seen_tps:
                    raise ModelError(Msg("touchpoint id {0} appears twice", repr(tp.id)))
                seen_tps.add(tp.id)
                if tp.channel not in CHANNELS:
                    raise ModelError(
                        Msg("{0}.{1}: unknown channel {2}", record.id, tp.id, repr(tp.channel))
                    )
                if not isinstance(tp.key, str) or not _KEY.match(tp.key):
                    raise ModelError(
                        Msg(
                            "{0}.{1}: touchpoint key {2} is not valid",
                            record.id,
                            tp.id,
                            repr(tp.key),
                        )
                    )
                if tp.emotion is not None and (
                    isinstance(tp.emotion, bool) or not isinstance(tp.emotion, int)
                ):
                    raise ModelError(
                        Msg("{0}.{1}: emotion must be a whole number", record.id, tp.id)
                    )
                if tp.expected is not None and (
                    isinstance(tp.expected, bool) or not isinstance(tp.expected, int)
                ):
                    raise ModelError(
                        Msg("{0}.{1}: expected must be a whole number", record.id, tp.id)
                    )
                for name, rule in _CODED.items():
                    if (why := rule(getattr(tp, name))) is not None:
                        raise ModelError(Msg("{0}.{1}: {2}", record.id, tp.id, why))
        for event in self.events:
            if event.kind not in EVENT_KINDS:
                raise ModelError(Msg("unknown event kind {0}", repr(event.kind)))
            if not isinstance(event.by, str) or len(event.by) > MAX_USER:
                raise ModelError(
                    Msg("an event's user is not a name of at most {0} characters", MAX_USER)
                )

    @staticmethod
    def _check_stage(record: StageRecord) -> None:
        for name in ("words", "title"):
            value = getattr(record, name)
            if not isinstance(value, str):
                raise ModelError(Msg("stage {0}: {1} must be text", repr(record.id), name))
            check_text(f"{record.id}.{name}", value)
        if not isinstance(record.added, bool):
            raise ModelError(Msg("stage {0}: added must be true or false", repr(record.id)))
        if record.added != record.id.startswith(ADDED_STAGE_PREFIX):
            raise ModelError(
                Msg(
                    "stage {0}: an added stage's id, and only one, starts with {1}",
                    repr(record.id),
                    repr(ADDED_STAGE_PREFIX),
                )
            )
        if record.added and not record.title.strip():
            raise ModelError(Msg("stage {0}: an added stage needs a name", repr(record.id)))
        if not record.added and record.title:
            raise ModelError(
                Msg("stage {0}: a guide's stage takes the guide's title", repr(record.id))
            )

    def check_codes(self) -> None:
        """The study id and the participant code are well formed (a session being built may
        have no study yet; the store refuses to save one without)."""
        if not isinstance(self.study, str) or (self.study and not _STUDY.match(self.study)):
            raise ModelError(Msg("study id {0} is not a short slug", repr(str(self.study)[:60])))
        code = self.participant.code
        if not isinstance(code, str) or not _CODE.match(code):
            raise ModelError(Msg("participant code {0} is not valid (P-017)", repr(str(code)[:30])))


def upgrade_document(data: Any, study: str) -> Any:
    """A session's dict form of an earlier schema as the current one. Schema 1 to 2 puts it
    in *study*, with no participant code, each touchpoint keyed by its name (see name_key),
    its note kept as the interviewer's note and no quote. Schema 2 to 3 gives each stage no
    words of the participant's and marks none added, and each touchpoint no kind of pain, no
    severity of its own and no process problem, and each event no user ("" : not recorded).
    Anything else (another version, a wrong shape) is given back unchanged, for the checks
    to name what is wrong."""
    if isinstance(data, dict) and data.get("schema") == 1:
        data = _upgrade_1(data, study)
    if not isinstance(data, dict) or data.get("schema") != 2:
        return data
    out = {"schema": SCHEMA_VERSION, **{k: v for k, v in data.items() if k != "schema"}}
    stages = data.get("stages")
    if isinstance(stages, list):
        out["stages"] = [_upgrade_stage_2(stage) for stage in stages]
    events = data.get("events")
    if isinstance(events, list):  # who made each change was not recorded before 0.3
        out["events"] = [
            _ordered({"by": "", **e}, _EVENT_KEYS) if isinstance(e, dict) else e for e in events
        ]
    return out


def _upgrade_stage_2(stage: Any) -> Any:
    """A schema-2 stage as schema 3, its keys in the order cjtui writes them."""
    if not isinstance(stage, dict):
        return stage
    added = {"added": False, "title": "", "words": ""}
    out = _ordered({**added, **stage}, _STAGE_KEYS)
    touchpoints = stage.get("touchpoints")
    if isinstance(touchpoints, list):
        fresh = {"pain_kind": "", "severity": None, "process_problem": ""}
        out["touchpoints"] = [
            _ordered({**fresh, **tp}, _TOUCHPOINT_KEYS) if isinstance(tp, dict) else tp
            for tp in touchpoints
        ]
    return out


_STAGE_KEYS = ("id", "added", "title", "skipped", "words", "answers", "touchpoints")
_TOUCHPOINT_KEYS = tuple(Touchpoint().to_dict()) + OPTIONAL_TOUCHPOINT_FIELDS
_EVENT_KEYS = ("at", "by", "kind", "stage", "target", "field", "old", "new")  # as to_dict


def _ordered(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """*data* with *keys* first, in that order (any others after, for the checks to name)."""
    return {**{k: data[k] for k in keys if k in data}, **data}


def _upgrade_1(data: dict[str, Any], study: str) -> dict[str, Any]:
    out = {"schema": 2, "id": data.get("id"), "study": study}
    out.update((k, v) for k, v in data.items() if k not in ("schema", "id"))
    participant = data.get("participant")
    if isinstance(participant, dict):
        out["participant"] = {
            "alias": participant.get("alias"),
            "code": "",
            **{k: v for k, v in participant.items() if k != "alias"},
        }
    stages = data.get("stages")
    if isinstance(stages, list):
        out["stages"] = [_upgrade_stage(stage) for stage in stages]
    return out


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


def _upgrade_stage(stage: Any) -> Any:
    if not isinstance(stage, dict) or not isinstance(stage.get("touchpoints"), list):
        return stage
    touchpoints = []
    for tp in stage["touchpoints"]:
        if isinstance(tp, dict) and isinstance(tp.get("name"), str):
            tp = {"key": name_key(tp["name"]), "quote": "", **tp}
        touchpoints.append(tp)
    return {**stage, "touchpoints": touchpoints}


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
