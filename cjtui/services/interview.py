"""One interview in progress: what the screens call to change a session and keep it saved.

The screens own no storage code: they call an :class:`Interview`, which applies each change
to the session model and saves it through the store. Text being typed is *buffered* (no
audit event per keystroke) and committed by :meth:`Interview.flush`, which the TUI calls a
moment after typing stops, when a field is left, before changing screen, and when the
terminal goes away. A save that fails (disk full, say) keeps every change in memory and
reports the error; the next flush tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..base.errors import CjtuiError, Msg, carried
from ..base.fsutil import current_user
from ..base.plain import fold
from ..domain.guide import PERSONA_STAGE, Guide, Question
from ..domain.model import (
    Answer,
    ModelError,
    Session,
    Touchpoint,
    name_key,
    new_touchpoint,
    now_iso,
)
from ..domain.study import Study
from ..store import Lease, Store, StoreChangedError, StoreError


@dataclass(frozen=True)
class AnswerKey:
    """Text being typed as the answer to a stage's question."""

    stage: str
    question: str


@dataclass(frozen=True)
class PersonaKey:
    """Text being typed as the answer to a profile question."""

    question: str


@dataclass(frozen=True)
class ParticipantKey:
    """Text being typed into a field of the participant (alias, segment)."""

    field: str


@dataclass(frozen=True)
class TouchpointKey:
    """Text being typed into a field of a touchpoint (name, note, process, owner, …)."""

    touchpoint: str
    field: str


@dataclass(frozen=True)
class StageTextKey:
    """Text being typed about a stage: its words (what it was for the participant), or an
    added stage's name."""

    stage: str
    field: str


T = TypeVar("T")

# What a buffered value is for; frozen dataclasses, so two kinds never compare equal.
Key = AnswerKey | PersonaKey | ParticipantKey | TouchpointKey | StageTextKey


def question_key(stage_id: str, question_id: str) -> AnswerKey | PersonaKey:
    """The key of a question's answer: the profile's own, or a stage's."""
    if stage_id == PERSONA_STAGE:
        return PersonaKey(question_id)
    return AnswerKey(stage_id, question_id)


class Interview:
    """A session being taken, its guide, and the store it is saved into."""

    def __init__(
        self,
        store: Store,
        session: Session,
        guide: Guide,
        *,
        clock: Callable[[], str] = now_iso,
        persisted: bool = True,
    ) -> None:
        self.store = store
        self.session = session
        session.actor = session.actor or current_user()  # every change records who made it
        self.guide = guide
        self.study: Study | None = None  # known when started here (its consent text)
        # The touchpoint names the study's other interviews use, with their keys (see
        # known_touchpoints); given by the Workspace, read once when first needed.
        self.study_touchpoints: Callable[[], dict[str, tuple[str, str]]] | None = None
        self._known: dict[str, tuple[str, str]] | None = None
        # How the study's staff believed customers feel at each touchpoint (a customer
        # session only); shown beside the touchpoints when the interviewer asks for it.
        self.staff_beliefs: Callable[[], dict[str, tuple[float, int]]] | None = None
        self._staff: dict[str, tuple[float, int]] | None = None
        self.show_staff = False
        self.clock = clock
        self.persisted = persisted
        self.pending: dict[Key, Any] = {}
        # Set by this process's own saves only: a session just opened has been saved by
        # someone, some time ago, and the bar says so in other words.
        self.last_saved: str | None = None
        self.last_error: str | None = None
        # Why the last value typed was not taken (too long for a session), until read.
        self.refused: str | None = None
        self.dirty = False
        self.lease: Lease | None = None
        # Where saves run: None writes at once; an executor with one worker (the TUI's)
        # writes off the caller's thread, in the order the saves were asked for.
        self.background: Executor | None = None
        self.on_saved: Callable[[], None] | None = None
        self._pending_save: Future[bool] | None = None
        # Set when a save found the store's folders replaced (see store.guard): the app
        # stops working on the store.
        self.store_changed: StoreChangedError | None = None
        # Set when the session was kept in a recovery file instead: a save still waiting
        # for the store's lock is then called off (the next start takes the file back).
        self.abandoned = False

    # ---- starting ------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        store: Store,
        guide: Guide,
        *,
        language: str,
        perspective: str,
        moment: str | None,
        interviewer: str,
        alias: str,
        segment: str = "",
        code: str = "",
        study: Study,
        clock: Callable[[], str] = now_iso,
    ) -> Interview:
        """A new session in *study* (taken with its guide). A customer one waits for
        consent, and so does staff's where the guide gives staff a consent of their own;
        any other internal one is saved at once."""
        if study.guide.sha256 != guide.sha256:
            raise StoreError(
                Msg(
                    "study {0} is taken with guide {1} {2}, not {3} {4}",
                    study.id,
                    study.guide.id,
                    study.guide.version,
                    guide.id,
                    guide.version,
                )
            )
        if not study.is_open:
            raise StoreError(Msg("study {0} is closed: it takes no new interviews", study.id))
        session = Session.new(
            guide.ref,
            guide.stage_ids,
            language=language,
            perspective=perspective,
            moment=moment,
            interviewer=interviewer,
            alias=alias,
            segment=segment,
            code=code,
            study=study.id,
            at=clock(),
            actor=current_user(),
        )
        interview = cls(store, session, guide, clock=clock, persisted=False)
        interview.study = study
        if perspective != "customer" and not guide.consent_staff:
            interview._first_save()
        return interview

    @classmethod
    def resume(
        cls, store: Store, session_id: str, *, clock: Callable[[], str] = now_iso
    ) -> Interview:
        """Reopen a stored session for editing; SessionBusyError if another process has it."""
        lease = store.acquire(session_id)
        try:
            session = store.load(session_id)
            interview = cls(store, session, store.guide_for(session), clock=clock)
        except BaseException:
            lease.release()
            raise
        interview.lease = lease
        return interview

    def close(self) -> bool:
        """Save what is pending, wait for it, and give up the edit lease."""
        self.flush()
        ok = self.wait()
        if self.lease is not None:
            self.lease.release()
            self.lease = None
        return ok

    @property
    def needs_consent(self) -> bool:
        """Whether consent is still to be read before anything is kept: always to a
        customer; to staff where the guide gives them a consent of their own (a new
        interview: one kept before staff were asked goes on as it was)."""
        if self.session.consent.given:
            return False
        if self.session.perspective == "customer":
            return True
        return bool(self.guide.consent_staff) and not self.persisted

    def consent_text(self) -> str:
        """The consent text read to the participant: the guide's, in the session's language,
        with the study's controller, contact and retention date filled in."""
        text = self.guide.consent_text(self.session.language, self.session.perspective)
        if self.study is None:
            return text
        return self.study.fill_consent(text, self.session.language)

    def accept_consent(self, *, quotes: bool = False) -> bool:
        """Record consent to the exact text read (its sha256; the study keeps the text
        once, so what a participant agreed to can be shown later); the first save."""
        text = self.consent_text()
        if self.study is not None:
            sha = self.store.update_study(self.study.id, lambda s: s.keep_consent_text(text))
        else:
            sha = self.guide.consent_sha256(self.session.language, self.session.perspective)
        self.session.give_consent(sha, quotes=quotes, at=self.clock())
        return self._first_save()

    def _first_save(self) -> bool:
        self.store.keep_guide(self.guide)
        self.lease = self.store.acquire(self.session.id)
        self.persisted = True
        return self.save()

    # ---- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the session. False (with :attr:`last_error`) if the write failed.

        With a :attr:`background` executor the session is snapshotted here and written by
        the executor's worker; True then means "queued", and :meth:`wait` tells the outcome.
        """
        if not self.persisted:
            return True
        if self.background is None:
            return self._write(self.session.to_dict())
        document = self.session.to_dict()  # a snapshot: later edits do not race the writer
        self.dirty = True  # until the write is confirmed
        future = self.background.submit(self._write, document)
        future.add_done_callback(lambda _: self.on_saved() if self.on_saved else None)
        self._pending_save = future
        return True

    def _write(self, document: dict[str, Any]) -> bool:
        try:
            self.store.save_document(self.session.id, document, lambda: not self.abandoned)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.last_error = Msg("{0} ({1})", reason, exc.filename) if exc.filename else reason
            self.dirty = True
            return False
        except CjtuiError as exc:  # the store refused (its folder replaced, say)
            self.last_error = carried(exc)
            self.dirty = True
            if isinstance(exc, StoreChangedError):
                self.store_changed = exc
            return False
        self.last_error = None
        self.dirty = False
        self.last_saved = self.clock()
        return True

    def save_pending(self) -> bool:
        """Whether a save handed to the background writer is still under way."""
        return self._pending_save is not None and not self._pending_save.done()

    def wait(self, timeout: float = 10.0) -> bool:
        """Wait for the last save handed to the background writer; True if all is saved."""
        future = self._pending_save
        if future is not None:
            try:
                future.result(timeout)
            except Exception:  # a timeout, or the writer itself failed: reported below
                pass
        return self.last_error is None and not (future is not None and not future.done())

    def keep_for_recovery(self) -> Path | None:
        """What was typed, committed, and the session kept in a recovery file outside the
        store (see cjtui.services.recovery), for when it cannot be saved there; None when nothing of
        it was ever saved (an interview before consent is not kept) or it cannot be kept."""
        from . import recovery

        self._commit()
        if not self.persisted:
            return None
        try:
            path = recovery.keep(self.store.root, self.session.to_dict())
        except OSError:
            return None
        self.abandoned = True
        return path

    def buffer(self, key: Key, value: Any) -> None:
        """Hold a value being typed; :meth:`flush` commits it."""
        self.pending[key] = value

    def flush(self) -> bool:
        """Commit buffered values to the session and save if anything changed (or a save failed)."""
        if self._commit() or self.dirty:
            return self.save()
        return True

    def _commit(self) -> bool:
        """Apply what was typed to the session; True if anything changed. A value the
        session may not hold (too long, say) is not applied: :attr:`refused` says why, and
        the text stays in its field on screen."""
        pending, self.pending = self.pending, {}
        changed = False
        for key, value in pending.items():
            try:
                changed |= self._apply(key, value)
            except ModelError as exc:
                self.refused = carried(exc)
        return changed

    def _apply(self, key: Key, value: Any) -> bool:
        at = self.clock()
        if isinstance(key, AnswerKey):
            return self.session.set_answer(key.stage, key.question, value, at=at)
        if isinstance(key, PersonaKey):
            return self.session.set_persona(key.question, value, at=at)
        if isinstance(key, ParticipantKey):
            return self.session.set_participant(key.field, value, at=at)
        if isinstance(key, StageTextKey):
            try:
                return self.session.set_stage_text(key.stage, key.field, value, at=at)
            except ModelError:
                if not str(value).strip():
                    return False  # an added stage's name being retyped: kept until one is
                raise
        try:
            changes: dict[str, Any] = {key.field: value}
            if key.field == "name" and isinstance(value, str):
                changes.update(self._key_for_name(key.touchpoint, value))
            return bool(self.session.update_touchpoint(key.touchpoint, at=at, **changes))
        except ModelError:
            return False  # the touchpoint was removed meanwhile

    # ---- one name for one touchpoint ----------------------------------------------------

    def known_touchpoints(self) -> dict[str, tuple[str, str]]:
        """Every touchpoint name known in this study, folded -> (the name, its key): the
        guide's suggestions in every language, then the names the study's other interviews
        use. Typing one of them gives its key, so the same thing meets on one axis."""
        if self._known is None:
            known = self.guide.suggested_names()
            if self.study_touchpoints is not None:
                for folded, pair in self.study_touchpoints().items():
                    known.setdefault(folded, pair)
            self._known = known
        return self._known

    def staff(self) -> dict[str, tuple[float, int]]:
        """Staff's mean rating (and how many ratings) by touchpoint key; {} when the study
        holds no internal interview (read once)."""
        if self._staff is None:
            self._staff = self.staff_beliefs() if self.staff_beliefs is not None else {}
        return self._staff

    def staff_key(self, tp: Touchpoint) -> str:
        """A touchpoint's key as the staff's means are kept: the one rule of curve.Keys
        (after the study's merges)."""
        from ..analysis.curve import Keys

        return Keys(self.study).of(tp)

    def touchpoint_names(self) -> list[str]:
        """The names to offer while a touchpoint's name is typed: this language's first."""
        own = [
            s.text(self.session.language) for stage in self.guide.stages for s in stage.touchpoints
        ]
        return list(dict.fromkeys([*own, *(name for name, _ in self.known_touchpoints().values())]))

    def _key_for_name(self, touchpoint_id: str, name: str) -> dict[str, str]:
        """The key a renamed touchpoint takes: a known name's key; else, if its key came
        from its old name, the new name's words (a key chosen otherwise stays)."""
        try:
            _, tp = self.session.find_touchpoint(touchpoint_id)
        except ModelError:
            return {}
        known = self.known_touchpoints()
        old = known.get(fold(tp.name))
        if tp.key != name_key(tp.name) and (old is None or old[1] != tp.key):
            return {}
        found = known.get(fold(name))
        return {"key": found[1] if found else name_key(name)}

    def _change(self, func: Callable[[], T]) -> T:
        """Apply a structural change after committing what was typed, then save."""
        self._commit()
        result = func()
        self.save()
        return result

    # ---- answers -------------------------------------------------------------------------

    def answer(self, stage_id: str, question_id: str, value: Answer) -> bool:
        """Record an answer at once (choices, ratings); typed text goes through :meth:`buffer`."""
        self.buffer(question_key(stage_id, question_id), value)
        return self.flush()

    def value(self, stage_id: str, question_id: str) -> Answer:
        """The current answer, including one still being typed."""
        key = question_key(stage_id, question_id)
        if key in self.pending:
            typed: Answer = self.pending[key]
            return typed
        return self.guide.answer_of(self.session, stage_id, question_id)

    def skip_stage(self, stage_id: str, skipped: bool) -> None:
        self._change(lambda: self.session.set_skipped(stage_id, skipped, at=self.clock()))

    def prompt(self, question: Question) -> str:
        """A question as it is put to this participant: in the session's language, to staff
        in its internal wording and to a customer before the interaction in its "before"
        wording where the guide gives them, with the study's subject named where it says
        {subject}."""
        session = self.session
        text = question.prompt_text(session.language, session.perspective, session.moment)
        return self.fill_subject(text)

    def fill_subject(self, text: str) -> str:
        """*text* with {subject} said as the study names its subject (its title, when it
        names none): "Banco Horizonte" rather than "a company of this kind"."""
        if "{subject}" not in text:
            return text
        subject = ""
        if self.study is not None:
            subject = self.study.subject or self.study.title
        return text.replace("{subject}", subject or "…")

    def stage_text(self, stage_id: str, field: str) -> str:
        """A stage's words (or an added stage's name), including text still being typed."""
        key = StageTextKey(stage_id, field)
        if key in self.pending:
            return str(self.pending[key])
        return str(getattr(self.session.stage(stage_id), field))

    def add_stage(self, title: str, after: str | None) -> str:
        """Add a stage the participant lived that the guide lacks, after *after*; its id."""
        return self._change(lambda: self.session.add_stage(title, after, at=self.clock())).id

    def remove_stage(self, stage_id: str) -> None:
        """Remove a stage the participant added (with whatever it holds)."""
        self.pending = {
            k: v
            for k, v in self.pending.items()
            if not (isinstance(k, StageTextKey) and k.stage == stage_id)
        }
        self._change(lambda: self.session.remove_stage(stage_id, at=self.clock()))

    # ---- touchpoints ---------------------------------------------------------------------

    def add_touchpoint(
        self, stage_id: str, name: str, channel: str = "other", *, key: str = ""
    ) -> Touchpoint:
        """Add a touchpoint; *key* is a guide suggestion's (the same in every language),
        else the key follows the name typed."""
        return self._change(
            lambda: self.session.add_touchpoint(
                stage_id, new_touchpoint(name, channel, key=key), at=self.clock()
            )
        )

    def update_touchpoint(self, touchpoint_id: str, **fields: Any) -> list[str]:
        return self._change(
            lambda: self.session.update_touchpoint(touchpoint_id, at=self.clock(), **fields)
        )

    def remove_touchpoint(self, touchpoint_id: str) -> Touchpoint:
        self.pending = {
            k: v
            for k, v in self.pending.items()
            if not (isinstance(k, TouchpointKey) and k.touchpoint == touchpoint_id)
        }
        return self._change(lambda: self.session.remove_touchpoint(touchpoint_id, at=self.clock()))

    def restore_touchpoint(self, stage_id: str, touchpoint: Touchpoint, index: int) -> Touchpoint:
        """Put a removed touchpoint back where it was (undo), with everything it held."""
        return self._change(
            lambda: self.session.add_touchpoint(stage_id, touchpoint, index, at=self.clock())
        )

    def move_touchpoint(self, touchpoint_id: str, offset: int) -> bool:
        return self._change(
            lambda: self.session.move_touchpoint(touchpoint_id, offset, at=self.clock())
        )

    # ---- finishing -----------------------------------------------------------------------

    def missing_required(self) -> list[tuple[str, Question]]:
        """(stage id, question) for every required question on show with no answer."""
        self.flush()
        missing: list[tuple[str, Question]] = []
        for q in self.guide.persona:
            if q.required and self.guide.is_visible(q, self.session):
                if not q.is_answered(self.session.participant.persona.get(q.id)):
                    missing.append((PERSONA_STAGE, q))
        for stage in self.guide.stages:
            missing += [(stage.id, q) for q in self.guide.missing_required(stage, self.session)]
        return missing

    def complete(self) -> list[tuple[str, Question]]:
        """Mark the session completed, unless required answers are missing (returned)."""
        missing = self.missing_required()
        if not missing:
            self._change(lambda: self.session.set_status("completed", at=self.clock()))
        return missing


class TouchpointEditor:
    """What the touchpoint editor may do to one touchpoint, and nothing more: change a
    choice (saved at once) or hold typed text (saved after a pause, like answers)."""

    def __init__(self, interview: Interview, touchpoint: Touchpoint) -> None:
        self.interview = interview
        self.touchpoint = touchpoint

    @property
    def guide(self) -> Guide:
        return self.interview.guide

    def choose(self, **fields: Any) -> list[str]:
        """Set channel, emotion or pain; saved at once. Returns the fields that changed."""
        return self.interview.update_touchpoint(self.touchpoint.id, **fields)

    def typed(self, field: str, value: str) -> None:
        """Hold text being typed into a field (name, note, process, owner, opportunity)."""
        self.interview.buffer(TouchpointKey(self.touchpoint.id, field), value)
