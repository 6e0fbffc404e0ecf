"""Importing sessions: the use case the command line (and any other front end) calls.

:func:`import_files` checks every session of the files given against the schema and its
guide as it is read, stages it, decides what becomes of a session already stored (by its
audit trail: see exchange.import_case), and writes everything, with the study records the
import makes or adds to, in one all-or-nothing step. It returns an :class:`ImportResult`
saying what happened; it prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..base.errors import CjtuiError, Msg
from ..domain.model import Session

if TYPE_CHECKING:
    from ..domain.guide import Guide
    from ..domain.study import Study
    from ..store import Store

T = TypeVar("T")


class NoSessionFiles(CjtuiError):
    """A folder given holds no session files (one line; nothing is written)."""


@dataclass
class ImportResult:
    """What an import did: counts and the sessions named in each case."""

    store: Path
    written: list[str] = field(default_factory=list)
    updated: int = 0  # of those written, stored already and replaced
    decided: list[str] = field(default_factory=list)  # conflicts decided for ours
    cases: dict[str, int] = field(default_factory=dict)  # how each stored one relates
    conflicts: list[tuple[str, list[str]]] = field(default_factory=list)  # (id, what differs)
    newer_there: list[str] = field(default_factory=list)  # continued elsewhere: --update
    open_here: list[tuple[str, str]] = field(default_factory=list)  # (id, who has it open)
    made: list[tuple[str, str | None]] = field(default_factory=list)  # (study, its guide)
    absorbed: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # (id, from, into)

    @property
    def imported(self) -> int:
        """Sessions the import wrote (a decided conflict rewrites ours: not counted)."""
        return len(self.written) - len(self.decided)

    @property
    def new(self) -> int:
        return self.imported - self.updated

    @property
    def incomplete(self) -> bool:
        """Whether something is left for a person or the next run (the exit status)."""
        return bool(self.conflicts or self.open_here)


def session_files(files: Iterable[Path]) -> list[Path]:
    """The files given, each folder replaced by its .json and .jsonl files."""
    paths: list[Path] = []
    for f in files:
        if f.is_dir() and not f.is_symlink():
            found = sorted(p for p in f.iterdir() if p.suffix in (".json", ".jsonl"))
            if not found:
                raise NoSessionFiles(Msg("{0}: no .json or .jsonl files in this folder", f))
            paths.extend(found)
        else:
            paths.append(f)
    return paths


def lines_in(paths: list[Path]) -> int | None:
    """How many sessions JSONL files hold (one a line), to say how far an import is; None
    when a JSON document is among them (its count is known only once it is read)."""
    total = 0
    for path in paths:
        if path.suffix != ".jsonl":
            return None
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    total += chunk.count(b"\n")
        except OSError:
            return None  # said by the import itself
    return total


def import_files(
    store: Store,
    files: Iterable[Path],
    *,
    update: bool = False,
    keep: str | None = None,
    replace: bool = False,
    guides: list[Guide] | None = None,
    study_id: str | None = None,
    progress: Callable[[Iterator[Any]], Iterator[Any]] | None = None,
) -> ImportResult:
    """Import the sessions (and study records) of *files* into *store*, all or nothing.

    *update* takes sessions continued elsewhere; *keep* (``ours`` or ``theirs``) decides
    conflicts; *replace* overwrites every stored one; *guides* are guide files the sessions
    may have been taken with; *study_id* puts every session in that study (moved, logged);
    *progress* wraps the stream of sessions (to count them as they go by)."""
    from ..analysis.transcript import SUMMARY_VERSION, summary_values
    from ..exchange import STUDY_SUFFIX, StudyPlacer, checked_sessions, read_study_file
    from .workspace import Workspace

    extra = list(guides or [])
    guide_for = _guide_for(store, extra)
    paths = session_files(files)
    records = [read_study_file(p) for p in paths if p.name.endswith(STUDY_SUFFIX)]
    paths = [p for p in paths if not p.name.endswith(STUDY_SUFFIX)]
    if study_id is not None:
        store.study(study_id)  # it must exist
    placer = StudyPlacer(store.all_studies(), records, into=study_id)
    workspace = Workspace(store)
    result = ImportResult(store.root)
    seen = _SeenAgain(store, result, update=update, keep=keep, replace=replace)
    studies = _StudiesToWrite(store, placer, records, result)
    # One pass: each session is checked and staged as it is read; the first problem undoes
    # every staged one, so nothing is imported unless everything is. A session open in an
    # app here is left as it is and named; the rest is imported. The study records go in
    # the same all-or-nothing step as the sessions.
    sessions: Iterator[Any] = checked_sessions(paths, guide_for, placer.place)
    if progress is not None:
        sessions = progress(sessions)
    written, _ = store.save_many(
        sessions,
        replace=seen.decide,
        summarize=(lambda s: summary_values(s, workspace.guide_or_none(s)), SUMMARY_VERSION),
        open_elsewhere=result.open_here,
        studies=studies,
    )
    for guide in extra:
        store.keep_guide(guide)
    result.written = written
    result.updated = sum(1 for i in written if i in seen.taken)
    result.decided = [i for i in result.decided if i in written]
    return result


def _guide_for(store: Store, extra: list[Guide]) -> Callable[[Session], Guide]:
    """The guide each imported session is checked against: a file given with --guide, or
    one the store has; never another file that merely has the same id."""
    from ..exchange import ImportFileError

    def guide_for(session: Session) -> Guide:
        # A guide is its content: a session goes with the file it was taken with (the same
        # sha256), never with another file that merely has the same id.
        for guide in extra:
            if guide.sha256 == session.guide.sha256:
                return guide
        for guide in extra:
            if guide.id == session.guide.id:
                ref = session.guide
                raise ImportFileError(
                    Msg(
                        "session {0} was taken with guide {1} {2} "
                        "(sha256 {3}…), not with the file given ({4} {5}, sha256 {6}…)",
                        session.id[:8],
                        ref.id,
                        ref.version,
                        ref.sha256[:12],
                        guide.id,
                        guide.version,
                        guide.sha256[:12],
                    )
                )
        exact = store.exact_guide(session)
        if exact is None:
            from ..store.guides import missing_guide

            raise ImportFileError(missing_guide(session, Msg("this store does not have")))
        return exact

    return guide_for


class _StudiesToWrite:
    """After an import's sessions are staged (the store's lock held): the studies it made,
    and for each study known here, what its record from elsewhere adds (consent texts read
    there, merges, log entries), and the moves into the study given."""

    def __init__(
        self, store: Store, placer: Any, records: list[Study], result: ImportResult
    ) -> None:
        self.store, self.placer, self.records, self.result = store, placer, records, result

    def __call__(self, staged: list[str]) -> list[Study]:
        from ..base.fsutil import current_user

        made = list(self.placer.new_studies())
        self.result.made = [
            (s.id, None if s.id in self.placer.recorded else s.guide.id) for s in made
        ]
        changed = {study.id: study for study in made}
        for record in self.records:
            if record.id not in self.placer.stored:
                continue
            study = self.store.studies.load(record.id)  # as stored now: the lock is held
            taken = study.absorb(record)
            if any(taken.values()):
                self.result.absorbed.append((record.id, taken))
                changed[study.id] = study
        written = set(staged)
        target = self.placer.into
        for session_id, came_from, consent in self.placer.moves:
            if session_id not in written or target is None:
                continue
            study = changed.get(target) or self.store.studies.load(target)
            study.record("moved_in", session=session_id, came_from=came_from, by=current_user())
            # The text it consented to goes with it, when the study it came from has it.
            source = self.placer.studies.get(came_from)
            if consent and source is not None and consent in source.consent_texts:
                study.consent_texts.setdefault(consent, source.consent_texts[consent])
            changed[target] = study
            self.result.moved.append((session_id, came_from, target))
        return list(changed.values())


class _SeenAgain:
    """What an import does with a session already stored (see exchange.import_case): the
    counts of each case, the conflicts (with what differs) and the sessions continued
    elsewhere left for --update go to the result."""

    def __init__(
        self,
        store: Store,
        result: ImportResult,
        *,
        update: bool,
        keep: str | None,
        replace: bool,
    ) -> None:
        self.store, self.result = store, result
        self.update, self.keep, self.replace = update, keep, replace
        self.taken: set[str] = set()

    def decide(self, session: Session, document: dict[str, Any] | bytes | None) -> bool | Session:
        from ..base import jsonio
        from ..exchange import differences, import_case
        from ..store import StoreError

        given = session
        if session.partial:  # read without its trail: the trail is what tells
            data = jsonio.loads(document) if isinstance(document, bytes) else document
            if not isinstance(data, dict):
                raise StoreError(Msg("session {0} is partial; not saved", session.id[:8]))
            given = Session.from_dict(data)
        stored = self.store.load(session.id)
        case = import_case(given, stored)
        cases = self.result.cases
        cases[case] = cases.get(case, 0) + 1
        take = (
            self.replace
            or {
                "unchanged": False,
                "continued": self.update,
                "behind": False,
                "conflict": self.keep == "theirs",
            }[case]
        )
        if case == "continued" and not take:
            self.result.newer_there.append(session.id)
        if case == "conflict" and self.keep is None and not self.replace:
            self.result.conflicts.append((session.id, differences(given, stored)))
        if case == "conflict" and self.keep == "ours" and not self.replace:
            # Ours is kept, and says so: its time changes (the next export carries it)
            # and the other side's import takes it as going on from theirs.
            from ..base.fsutil import current_user

            stored.actor = current_user()
            stored.decide_conflict(given.trail_digest())
            self.result.decided.append(session.id)
            return stored
        if take:
            self.taken.add(session.id)
        return take
