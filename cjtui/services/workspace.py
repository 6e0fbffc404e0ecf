"""What the interview app asks of the store, in one place: list, open, start, delete, export.

The TUI's screens call a :class:`Workspace` and never touch files; the command line uses
the same listing so both show sessions alike.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields
from itertools import compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..analysis.transcript import SUMMARY_FIELDS, SUMMARY_VERSION, summaries_ok, summary_values
from ..analysis.transcript import Summary as Summary  # the app's rows, through this service
from ..base.errors import Msg
from ..base.plain import clean_text, fold
from ..domain.model import Session, instant, now_iso
from ..store import (
    CorruptSessionError,
    SessionBusyError,
    Store,
    StoreError,
    gc_paused,
)
from ..store import StoreChangedError as StoreChangedError  # for the app (reaches no store)

if TYPE_CHECKING:
    from ..domain.guide import Guide
    from ..domain.study import Study
    from .interview import Interview


T = TypeVar("T")
_UPDATED_AT = SUMMARY_FIELDS.index("updated_at")
_STATUS = SUMMARY_FIELDS.index("status")
_STUDY_AT = SUMMARY_FIELDS.index("study")


@dataclass(frozen=True)
class Filters:
    """Which sessions of a study a command covers: each given filter must hold. Text
    filters compare as a search does (case and accents do not count); since and until are
    the day the interview started, inclusive; changed_since is when it last changed."""

    perspective: str | None = None
    moment: str | None = None  # before, after, or "none"
    segment: str | None = None
    interviewer: str | None = None
    language: str | None = None
    status: str | None = None
    since: str | None = None  # YYYY-MM-DD
    until: str | None = None
    # Changed on or after this UTC time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ): what is new
    # since a last export.
    changed_since: str | None = None

    def keep(self, row: Summary) -> bool:
        if self.perspective is not None and row["perspective"] != self.perspective:
            return False
        if self.moment is not None and (row["moment"] or "none") != self.moment:
            return False
        if self.language is not None and row["language"] != self.language:
            return False
        if self.status is not None and row["status"] != self.status:
            return False
        for name in ("segment", "interviewer"):
            wanted = getattr(self, name)
            if wanted is not None and fold(row[name] or "") != fold(wanted):
                return False
        if self.changed_since is not None and not _on_or_after(
            row["updated_at"], self.changed_since
        ):
            return False
        day = row["started_on"] or ""
        if self.since is not None and day < self.since:
            return False
        return not (self.until is not None and day > self.until)

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))


class Workspace:
    def __init__(self, store: Store, *, clock: Callable[[], str] = now_iso) -> None:
        self.store = store
        self.clock = clock

    @classmethod
    def of(
        cls, store: Store | str | Path | None, *, clock: Callable[[], str] = now_iso
    ) -> Workspace:
        """The workspace of *store*: a Store, or a store folder opened (None: the default
        store). The app is built from one, and reaches the store only through it."""
        if not isinstance(store, Store):
            store = Store.open(store)
        return cls(store, clock=clock)

    def guide_or_none(self, session: Session) -> Guide | None:
        try:
            return self.store.guide_for(session)
        except StoreError:
            return None

    def summaries(self) -> tuple[list[Summary], list[CorruptSessionError]]:
        """Every session's summary (in progress first, then the most recently changed), and
        the files that could not be read."""
        with gc_paused():
            values, problems = self.store.summaries(
                lambda s: summary_values(s, self.guide_or_none(s)), SUMMARY_VERSION, summaries_ok
            )
            # (A word repeated over the rows, a status or a guide, is one string for all of
            # them as the index gives it: see cjtui.store.index, its coded fields.)
            # Sorted as plain lists (itemgetter at C speed), then made Summaries.
            values.sort(key=itemgetter(_UPDATED_AT), reverse=True)
            values.sort(key=lambda row: row[_STATUS] != "in_progress")
            rows = list(map(Summary, values))
        return rows, problems

    # ---- studies ------------------------------------------------------------------------

    def studies(self) -> list[Study]:
        return self.store.all_studies()

    def study_ids(self, rows: list[Summary] | None = None) -> list[str]:
        """Every study in the store: those with a record, and any a session names."""
        ids = set(self.store.studies.ids())
        if rows is not None:  # (each row's study read at C speed: 10,000 of them)
            ids.update(map(list.__getitem__, rows, repeat(_STUDY_AT)))
        return sorted(ids)

    def study_overview(self) -> list[tuple[Study, int]]:
        """Every study, with how many sessions it holds (what `study list` and the app's
        study picker show)."""
        rows, _ = self.summaries()
        counts = Counter(row["study"] for row in rows)
        return [(self.load_study(i, rows), counts[i]) for i in self.study_ids(rows)]

    def choose_study(self, study_id: str | None, rows: list[Summary]) -> str:
        """The one rule for which study a command or screen works in: the one given (it
        must exist), else the store's only study; with several and none given, StoreError
        listing them (analysis never mixes two studies silently)."""
        known = self.study_ids(rows)
        if study_id is not None:
            if study_id not in known:
                raise StoreError(
                    Msg(
                        "no study {0} in {1}; studies: {2}",
                        repr(study_id),
                        self.store.root,
                        ", ".join(known) or Msg("none yet (cjtui study new)"),
                    )
                )
            return study_id
        if not known:
            raise StoreError(
                Msg("no studies in {0} yet (cjtui study new, or import)", self.store.root)
            )
        if len(known) > 1:
            raise StoreError(
                Msg(
                    "this store holds {0} studies ({1}): choose one with --study ID",
                    len(known),
                    ", ".join(known),
                )
            )
        return known[0]

    def study_guide(self, study: Study) -> Guide:
        """The very guide a study is pinned to (built in, or kept in the store)."""
        guide = self.store.guide_copies.by_ref(study.guide)
        if guide is None:
            raise StoreError(
                Msg(
                    "study {0}: its guide {1} {2} (sha256 {3}…) is not in this store",
                    study.id,
                    study.guide.id,
                    study.guide.version,
                    study.guide.sha256[:12],
                )
            )
        return guide

    def rows(
        self, study_id: str | None = None, filters: Filters | None = None
    ) -> tuple[list[Summary], list[CorruptSessionError]]:
        """The summaries of one study's sessions (all studies when *study_id* is None),
        filtered, and the files that could not be read. A study that is not in the store
        is StoreError naming those that are."""
        rows, problems = self.summaries()
        if study_id is not None:
            self.choose_study(study_id, rows)  # it must exist
        keep = filters or Filters()
        if keep.active:
            rows = [r for r in rows if keep.keep(r)]
        if study_id is not None:  # compared at C speed: 10,000 rows are not looked at by name
            studies = map(list.__getitem__, rows, repeat(_STUDY_AT))
            rows = list(compress(rows, map(study_id.__eq__, studies)))
        return rows, problems

    def analysis(
        self,
        study_id: str | None,
        filters: Filters | None = None,
        *,
        include_in_progress: bool = False,
        strict: bool = True,
        progress: Callable[[int], Callable[[], None]] | None = None,
    ) -> tuple[Study, Guide, list[Session]]:
        """What an analysis (report, plot, the app's analysis screen) covers: one study
        (see choose_study), its guide, and its sessions that the filters keep and a report
        counts (completed; in progress too when asked). *progress*, given how many sessions
        are read, gives what to call after each."""
        from ..analysis.report import covered_statuses

        everything, problems = self.summaries()
        if problems and strict:
            raise problems[0]
        chosen = self.choose_study(study_id, everything)
        study = self.load_study(chosen, everything)
        guide = self.study_guide(study)
        statuses = covered_statuses(include_in_progress)
        keep = filters or Filters()
        ids = sorted(
            r["id"]
            for r in everything
            if r["study"] == chosen and r["status"] in statuses and keep.keep(r)
        )
        tick = progress(len(ids)) if progress is not None else None
        return study, guide, self.store.load_many(ids, events=False, progress=tick)

    def load_study(self, study_id: str, rows: list[Summary] | None = None) -> Study:
        """The study's record; for a study only its sessions name (its file lost), one
        rebuilt in memory from their guide, so its sessions can still be analysed."""
        if self.store.studies.exists(study_id):
            return self.store.study(study_id)
        from ..domain.study import new_study

        for row in rows if rows is not None else self.summaries()[0]:
            if row["study"] == study_id:
                session = self.store.load(row["id"], events=False)
                return new_study(study_id, session.guide, title=study_id)
        return self.store.study(study_id)  # raises, naming the studies there are

    def default_study(
        self, preferred: str | None = None, rows: list[Summary] | None = None
    ) -> str | None:
        """The study the app opens on: *preferred* (the last one used) if it still exists,
        else the only study, else None (several, or none yet)."""
        ids = self.study_ids(rows if rows is not None else self.summaries()[0])
        if preferred in ids:
            return preferred
        return ids[0] if len(ids) == 1 else None

    def study_for_start(self, study_id: str | None, guide: Guide) -> Study:
        """The study a new interview with *guide* goes to: *study_id*'s, else the open
        study on that guide, else a new one made from it (so a first interview asks
        nothing about studies)."""
        from ..domain.study import free_study_id

        if study_id is not None:  # Interview.start refuses it if it is on another guide
            return self.store.study(study_id)
        on_guide = [s for s in self.studies() if s.guide.sha256 == guide.sha256 and s.is_open]
        if len(on_guide) == 1:
            return on_guide[0]
        candidate = free_study_id(guide.id, set(self.study_ids()))
        return self.make_study(candidate, guide, guide.title_text("en") or guide.id)

    def make_study(self, study_id: str, guide: Guide, title: str = "") -> Study:
        """A new study (the app's short form; `cjtui study new` for every field)."""
        from ..domain.study import new_study

        study = new_study(study_id, guide.ref, title=title or study_id)
        self.store.keep_guide(guide)
        self.store.save_study(study, new=True)
        return study

    def suggest_code(self, study_id: str | None, alias: str) -> str:
        """A participant code for *alias* in the study: the one a session of the same alias
        (case and accents aside) already has, so before and after pair up; else the next
        free P-NNN."""
        rows, _ = self.rows(study_id)
        wanted = fold(alias)
        numbers = [0]
        for row in rows:
            code = row["code"] or ""
            if wanted and code and fold(row["alias"] or "") == wanted:
                return str(code)
            if code.startswith("P-") and code[2:].isdigit():
                numbers.append(int(code[2:]))
        return f"P-{max(numbers) + 1:03d}"

    def start(self, guide: Guide, study: Study, **fields: Any) -> Interview:
        from .interview import Interview

        interview = Interview.start(self.store, guide, study=study, clock=self.clock, **fields)
        self._connect(interview)
        return interview

    def _connect(self, interview: Interview) -> None:
        """What an interview may ask of its study: the touchpoint names its other interviews
        use, and (for a customer) how staff believed customers feel at each touchpoint."""
        study_id, own = interview.session.study, interview.session.id
        interview.study_touchpoints = lambda: self.study_touchpoints(study_id, own)
        if interview.session.perspective == "customer":
            interview.staff_beliefs = lambda: self.staff_beliefs(study_id)

    def staff_beliefs(self, study_id: str) -> dict[str, tuple[float, int]]:
        """How the study's staff (its completed internal interviews) believed customers feel
        at each touchpoint: key (after the study's merges) -> (mean rating, ratings)."""
        from ..analysis.curve import Keys

        rows, _ = self.rows(study_id, Filters(perspective="internal", status="completed"))
        if not rows:
            return {}
        keys = Keys(self.load_study(study_id, rows))
        ratings: dict[str, list[int]] = {}
        for session in self.store.load_many([r["id"] for r in rows], events=False):
            for _, tp in session.touchpoints():
                if tp.emotion is not None:
                    ratings.setdefault(keys.of(tp), []).append(tp.emotion)
        return {k: (sum(v) / len(v), len(v)) for k, v in ratings.items()}

    def study_touchpoints(self, study_id: str, but: str = "") -> dict[str, tuple[str, str]]:
        """The touchpoint names the study's interviews use (other than *but*), folded ->
        (the name as typed, its key), most mentioned first."""
        from collections import Counter

        rows, _ = self.rows(study_id)
        counts: Counter[tuple[str, str]] = Counter()
        for session in self.store.load_many(
            [r["id"] for r in rows if r["id"] != but], events=False
        ):
            for _, tp in session.touchpoints():
                counts[(clean_text(tp.name), tp.key)] += 1
        known: dict[str, tuple[str, str]] = {}
        for (name, key), _ in counts.most_common():
            known.setdefault(fold(name), (name, key))
        return known

    @staticmethod
    def last_choices() -> dict[str, str]:
        """The guide, language and interviewer chosen for the last new interview."""
        from ..store.prefs import load_last

        return load_last()

    @staticmethod
    def remember_choices(**choices: str) -> None:
        from ..store.prefs import save_last

        save_last(**choices)

    def resume(self, session_id: str) -> Interview:
        from .interview import Interview

        interview = Interview.resume(self.store, self.store.resolve(session_id), clock=self.clock)
        try:
            interview.study = self.load_study(interview.session.study)
        except StoreError:
            interview.study = None
        self._connect(interview)
        return interview

    @staticmethod
    def started_by(session: Session) -> str:
        """Who started a session: the user its first change records (sessions written before
        0.3 record none: their interviewer as typed)."""
        first = session.events[0].by if session.events else ""
        return first or session.interviewer

    # ---- the opportunity backlog (see cjtui.analysis.backlog) -----------------------------

    def backlog(self, study_id: str | None) -> tuple[Study, list[Any], list[Any]]:
        """A study's backlog rows (ranked, with their evidence) and the candidates from its
        interviews not yet in it."""
        from ..analysis import backlog as bl

        study, guide, sessions = self.analysis(study_id, include_in_progress=True, strict=False)
        rows = bl.ranked(sessions, study, guide.scale.min)
        waiting = [c for c in bl.candidates(sessions, study, guide) if c.accepted is None]
        return study, rows, waiting

    def change_backlog(
        self, study_id: str | None, change: Callable[[Study, list[Session], Guide], T]
    ) -> T:
        """Apply *change* (the study as stored now, its sessions, its guide) under the
        store's lock and write the study (a study only its sessions named gets its record
        now)."""
        study, guide, sessions = self.analysis(study_id, include_in_progress=True, strict=False)
        if not self.store.studies.exists(study.id):
            self.store.save_study(study)
        return self.store.update_study(study.id, lambda st: change(st, sessions, guide))

    def backlog_accept(
        self, study_id: str | None, candidate_ids: list[str], title: str = ""
    ) -> dict[str, Any]:
        """Accept the candidates *candidate_ids* as one backlog item (logged as yours);
        StudyError naming one the study's interviews do not have."""
        from ..analysis import backlog as bl
        from ..base.fsutil import current_user
        from ..domain.study import StudyError

        def change(study: Study, sessions: list[Session], guide: Guide) -> dict[str, Any]:
            known = {c.id: c for c in bl.candidates(sessions, study, guide)}
            missing = [c for c in candidate_ids if c not in known]
            if missing:
                raise StudyError(
                    Msg(
                        "no candidate {0} in study {1}: see cjtui opportunities",
                        repr(missing[0]),
                        study.id,
                    )
                )
            return bl.accept(study, [known[c] for c in candidate_ids], title, by=current_user())

        return self.change_backlog(study_id, change)

    def backlog_merge(self, study_id: str | None, keep: str, others: list[str]) -> dict[str, Any]:
        from ..analysis import backlog as bl
        from ..base.fsutil import current_user

        return self.change_backlog(
            study_id, lambda study, _s, _g: bl.merge(study, keep, others, by=current_user())
        )

    def backlog_split(
        self, study_id: str | None, item_id: str, touchpoints: list[str], title: str = ""
    ) -> dict[str, Any]:
        from ..analysis import backlog as bl
        from ..base.fsutil import current_user

        return self.change_backlog(
            study_id,
            lambda study, _s, _g: bl.split(study, item_id, touchpoints, title, by=current_user()),
        )

    def backlog_update(self, study_id: str | None, item_id: str, **changes: Any) -> dict[str, Any]:
        from ..analysis import backlog as bl
        from ..base.fsutil import current_user

        return self.change_backlog(
            study_id, lambda study, _s, _g: bl.update(study, item_id, by=current_user(), **changes)
        )

    def past_retention(self, study_id: str) -> tuple[Study, int | None, list[Summary]]:
        """A study, how many days today is past the day its data is kept until (None: not
        past, or no such day), and its sessions (every status) when it is past."""
        study = self.store.study(study_id)
        past = study.days_past_retention(self.clock())
        if past is None:
            return study, None, []
        rows, problems = self.summaries()
        if problems:
            raise problems[0]
        return study, past, [row for row in rows if row["study"] == study_id]

    def expired_studies(self) -> list[tuple[Study, int]]:
        """Each study whose data is past the day it is kept until, with by how many days."""
        today = self.clock()
        out = []
        for study_id in self.store.studies.ids():
            try:
                study = self.store.studies.load(study_id)
            except StoreError:
                continue  # a damaged record: doctor names it
            past = study.days_past_retention(today)
            if past is not None:
                out.append((study, past))
        return out

    def delete_past_retention(self, study_id: str) -> tuple[list[str], list[tuple[str, object]]]:
        """Delete every session of a study past its retention day, each logged as deletions
        are (the log says it was for retention); (deleted ids, (id, why) of those left: open
        elsewhere, say)."""
        _, past, rows = self.past_retention(study_id)
        deleted: list[str] = []
        left: list[tuple[str, object]] = []
        if past is None:
            return deleted, left
        for row in rows:
            try:
                self.delete(row["id"], force=True, why="retention")
            except StoreError as exc:
                left.append((row["id"], exc))
                continue
            deleted.append(row["id"])
        return deleted, left

    def deletable(self, session: Session, *, force: bool = False) -> str:
        """Who started *session*; NotYoursError when another user did and *force* is not
        given (asked before anything else: a person is not asked to confirm a deletion
        that will be refused)."""
        from ..base.fsutil import current_user

        starter = self.started_by(session)
        recorded = session.events[0].by if session.events else ""
        if recorded and recorded != current_user() and not force:
            raise NotYoursError(
                Msg(
                    "session {0} was started by {1}: deleting it takes --force",
                    session.id[:8],
                    starter,
                ),
                starter,
            )
        return starter

    def delete(self, session_id: str, *, force: bool = False, why: str = "") -> None:
        """Delete a session for good, and say so in its study's log: who deleted one started
        by whom, and when (nothing that would tell which it was: a deletion leaves no trace
        of the interview). One that another user started is deleted only with *force* (the
        CLI's --force, the app's second confirmation); sessions written before 0.3 do not
        say who started them."""
        from ..base.fsutil import current_user

        session = self.store.load(session_id)
        me = current_user()
        starter = self.deletable(session, force=force)
        busy = self.store.holder(session_id)
        if busy is not None:
            raise SessionBusyError(
                Msg("session {0} is open for editing by {1}", session_id[:8], busy)
            )
        # Logged first: a deletion the log cannot record (a full disk, a log over its
        # limit) does not happen. Should the deletion then fail, the entry is taken back.
        logged = self.store.studies.exists(session.study)
        if logged:
            self.store.update_study(
                session.study,
                lambda study: study.record(
                    "deleted", by=me, started_by=starter, **({"why": why} if why else {})
                ),
            )
        try:
            self.store.delete(session_id)
        except BaseException:
            if logged:
                with contextlib.suppress(Exception):
                    self.store.update_study(session.study, _unlog_last_deletion)
            raise

    @staticmethod
    def export(session: Session, path: Path, *, overwrite: bool = False) -> None:
        """Write one session as JSON (exactly `cjtui export ID`), 0600, never over a link."""
        from ..base.fsutil import atomic_write
        from ..exchange import to_json

        atomic_write(
            Path(path), to_json([session], single=True).encode("utf-8"), overwrite=overwrite
        )


def _unlog_last_deletion(study: Study) -> None:
    if study.log and study.log[-1].get("kind") == "deleted":
        study.log.pop()


class NotYoursError(StoreError):
    """A session another interviewer started, to be deleted only when asked twice."""

    def __init__(self, message: str, started_by: str) -> None:
        super().__init__(message)
        self.started_by = started_by


def _on_or_after(stamp: str | None, since: str) -> bool:
    """Whether the time *stamp* is at or after *since*, as instants (times written with
    different offsets, or with fractions of a second, compare as the moments they are)."""
    moment, start = instant(stamp), instant(since)
    if moment is None or start is None:
        return (stamp or "") >= since
    return moment >= start
