"""A session as a record: what it says of itself (its last change, time per stage), how it is
written and read back (to_dict, from_dict), and the checks any session passes whatever its
guide. Kept apart from the changes an interview makes (:mod:`cjtui.domain.model.session`)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, cast

from ...base.errors import Msg
from ...base.plain import LANGUAGES, clean_text
from .base import (
    _CODE,
    _CODED,
    _KEY,
    _STUDY,
    ADDED_STAGE_PREFIX,
    CHANNELS,
    EVENT_KINDS,
    MAX_ADDED_STAGES,
    MAX_USER,
    MOMENTS,
    OLD_SCHEMA_VERSIONS,
    PERSONA_STAGE,
    PERSPECTIVES,
    SCHEMA_VERSION,
    STATUSES,
    Consent,
    Event,
    GuideRef,
    ModelError,
    Participant,
    StageRecord,
    Touchpoint,
    _clean_touchpoint,
    _clean_value,
    _copy,
    check_text,
    clean_answer,
    parse_iso,
)

if TYPE_CHECKING:
    from .session import Session


class SessionRecord:
    """The record side of a :class:`Session` (a mixin: its fields are Session's)."""

    if TYPE_CHECKING:  # Session's fields, as this side reads them
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
        events: list[Event]
        study: str
        partial: bool
        actor: str

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
            session = cast("type[Session]", cls)(
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
        except (KeyError, TypeError, AttributeError):
            # (Python's own words for it are not said: a value is where another kind was.)
            raise ModelError(Msg("not a session: a field holds the wrong kind of value")) from None
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
        return cast("Session", self)

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
