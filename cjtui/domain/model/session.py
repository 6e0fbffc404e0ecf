"""The interview record: a session and every change that can be made to one.

This package owns the shape of a session and every change that can be made to one. It does
no I/O and knows nothing of guides' files, the store or any user interface: each mutation
updates the session in memory and appends one audit event, and the caller decides when to
persist it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...base.errors import Msg
from ...base.plain import LANGUAGES, clean_text
from .base import (
    _CODE,
    _CODED,
    _KEY,
    _TEXT_FIELDS,
    _TYPED_KINDS,
    ADDED_STAGE_PREFIX,
    CHANNELS,
    MAX_ADDED_STAGES,
    MAX_ANSWERS,
    MAX_TOUCHPOINTS,
    MOMENTS,
    PERSONA_STAGE,
    PERSPECTIVES,
    STATUSES,
    TOUCHPOINT_FIELDS,
    TYPING_RUN,
    Answer,
    Consent,
    Event,
    GuideRef,
    ModelError,
    Participant,
    StageRecord,
    Touchpoint,
    _clean_touchpoint,
    _follow,
    check_answer,
    check_text,
    clean_answer,
    name_key,
    new_id,
    now_iso,
    parse_iso,
)
from .record import SessionRecord


@dataclass
class Session(SessionRecord):
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

        from ...base import jsonio

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
