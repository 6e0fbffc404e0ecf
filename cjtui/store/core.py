"""The store: a private folder of sessions, the one door every read and write goes through.

It puts together the parts that each hold one thing: session files (:mod:`.files`), locks
and edit leases (:mod:`.locks`), the summary index (:mod:`.index`), guide copies
(:mod:`.guides`) and health (:mod:`.doctor`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..base.errors import Msg
from ..base.fsutil import (
    UnsafePathError,
    create_file,
    ensure_private_dir,
    fsync_dir,
)
from ..domain.model import SCHEMA_VERSION, Session
from . import doctor as health
from . import locks, sharing, upgrade
from .batch import Batch, Decide, Staged
from .errors import CorruptSessionError, SessionNotFoundError, StoreError
from .files import SessionFiles, gc_paused
from .guard import Folders
from .guides import GuideCopies
from .index import SummaryIndex
from .studies import StudyFiles

if TYPE_CHECKING:
    from ..domain.guide import Guide
    from ..domain.study import Study

ENV_VAR = "CJTUI_DB"
APP_NAME = "cjtui"
T = TypeVar("T")


def default_store_path() -> Path:
    """``CJTUI_DB`` if set, else ``<user data dir>/cjtui/store``; computed when called."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "store"


def _read_only(root: Path) -> bool:
    """Whether *root* cannot be written: a read-only filesystem, or a folder not writable."""
    try:
        if os.statvfs(root).f_flag & os.ST_RDONLY:
            return True
    except (AttributeError, OSError):
        pass
    return not os.access(root, os.W_OK)


class Store:
    """A folder of sessions. Create with :meth:`open`."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.sessions_dir = self.root / "sessions"
        self.guides_dir = self.root / "guides"
        self.studies_dir = self.root / "studies"
        # The folders as opened: checked again before every listing, read and write.
        self.folders = Folders(self.root, (self.sessions_dir, self.guides_dir, self.studies_dir))
        at = self.folders.at
        self.studies = StudyFiles(self.studies_dir, self.folders.check, at)
        self.upgraded: list[str] = []  # what opening it upgraded (see .upgrade)
        self.read_only = False  # opened to read on a read-only filesystem or folder
        self.warnings: list[str] = []
        self.files = SessionFiles(self.sessions_dir, self.root, self.folders.check, at)
        self.index = SummaryIndex(self.root, self.sessions_dir, at)
        self.guide_copies = GuideCopies(self.guides_dir, self.folders.check, at)
        # Leftovers of interrupted writes removed by this process's first write.
        self.cleaned: list[Path] | None = None
        self.sharing: sharing.Sharing | None = None  # the team's group, for a shared store

    @classmethod
    def open(
        cls, root: str | Path | None = None, *, create: bool = True, check: bool = True
    ) -> Store:
        """Open (and by default create) a store; folders are made 0700.

        With *create* False (commands that only read) nothing is created: a missing store
        reads as empty, and a folder that is not a store is refused untouched. A store
        shared by a team (see .sharing) is checked first and refused when it is not safe;
        *check* False opens it all the same (doctor, to say what is wrong and repair it)."""
        store = cls(Path(root) if root is not None else default_store_path())
        if store.root.exists() and not store.root.is_dir():
            raise StoreError(Msg("{0}: not a store folder (it is a file)", store.root))
        said: dict[str, Any] = {}  # what store.json says (a store not made yet: nothing)
        if store.root.is_dir():
            if not os.access(store.root, os.R_OK | os.X_OK):
                raise StoreError(sharing.not_yours(store.root))
            said = sharing.read_format(store.root)  # read once: sharing, then the format
            store.sharing = sharing.sharing_of(store.root, said)
            if store.sharing is not None:
                sharing.enter(store.root, store.sharing, check=check)
        if not create and store.root.exists() and not store.sessions_dir.is_dir():
            if hasattr(os, "getuid") and store.root.stat().st_uid != os.getuid():
                raise StoreError(Msg("{0}: folder belongs to another user", store.root))
            raise StoreError(
                Msg("{0}: not a cjtui store (no sessions folder); nothing was changed", store.root)
            )
        if not create and store.sessions_dir.is_dir() and _read_only(store.root):
            # A backup snapshot or a read-only mount: commands that only read work on it,
            # creating nothing and taking no lock (nothing can write there meanwhile).
            store.read_only = True
            if said.get("format") != upgrade.STORE_FORMAT:
                raise StoreError(
                    Msg(
                        "{0}: written by an earlier cjtui and "
                        "read-only: open it writable once to upgrade it",
                        store.root,
                    )
                )
            store.folders.take()
            return store
        if create or store.root.exists():
            store._make(check=check)
            store.folders.take()
            store.upgraded = upgrade.upgrade(store, said)
        else:
            store.folders.take()
        return store

    def _make(self, *, check: bool) -> None:
        """The store's folders made (or made private), and its lock file."""
        try:
            for folder in (self.root, self.sessions_dir, self.guides_dir, self.studies_dir):
                self.warnings += ensure_private_dir(folder, follow=folder == self.root)
            # The lock file belongs to the store from the start, so that writing nothing
            # (a refused import, say) leaves the store exactly as it was.
            try:
                os.close(create_file(self.root / locks.LOCK_FILE))
            except UnsafePathError:
                if check:  # (doctor opens it all the same, to name what is there)
                    raise
        except OSError as exc:
            raise StoreError(
                Msg("{0}: {1}", exc.filename or self.root, exc.strerror or exc)
            ) from None

    def check(self) -> None:
        """Raise StoreChangedError if a folder of the store was replaced since it was
        opened (see .guard): called before every listing, read and write."""
        self.folders.check()

    # ---- locking --------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's write lock. The first time in a process, leftovers of writes
        that processes now gone were killed in the middle of are cleaned up first."""
        self.check()
        if self.read_only:  # nothing writes on a read-only store: there is no lock to take
            yield
            return
        with locks.store_lock(self.folders.at(self.root), shown=self.root):
            self.check()  # again: the folders may have been swapped while it waited
            if self.cleaned is None:
                self.cleaned = self.heal()
            yield

    def lock_holder(self) -> str | None:
        """Who holds the store's write lock now (as it said when it took it), or None."""
        if self.read_only:
            return None
        return locks.store_lock_holder(self.folders.at(self.root))

    def heal(self) -> list[Path]:
        folders = [self.sessions_dir, self.root, self.guides_dir, self.studies_dir]
        return health.clean_leftovers([(f, self.folders.at(f)) for f in folders])

    def acquire(self, session_id: str, holder: str | None = None) -> locks.Lease:
        """Take the edit lease of a session, or raise SessionBusyError saying who holds it."""
        return locks.acquire(self.folders.at(self.sessions_dir), session_id, holder)

    def holder(self, session_id: str) -> str | None:
        """Who has the session open for editing, or None."""
        return locks.holder(self.folders.at(self.sessions_dir), session_id)

    # ---- reading ----------------------------------------------------------------------------

    def path_of(self, session_id: str) -> Path:
        return self.files.path_of(session_id)

    def ids(self) -> list[str]:
        return self.files.ids()

    def exists(self, session_id: str) -> bool:
        self.check()
        return self.folders.at(self.path_of(session_id)).exists()

    def resolve(self, prefix: str) -> str:
        """The full id of the one session whose id starts with *prefix*."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise SessionNotFoundError(Msg("an empty id matches nothing"))
        matches = [i for i in self.ids() if i.startswith(prefix)]
        if not matches:
            raise SessionNotFoundError(
                Msg("no session with id {0} in {1}", repr(prefix), self.root)
            )
        if len(matches) > 1:
            shown = ", ".join(matches[:3]) + (", …" if len(matches) > 3 else "")
            raise SessionNotFoundError(
                Msg(
                    "id {0} matches {1} sessions ({2}); give more of it",
                    repr(prefix),
                    len(matches),
                    shown,
                )
            )
        return matches[0]

    def load(self, session_id: str, *, events: bool = True) -> Session:
        """One session. ``events=False`` leaves out the audit trail (read-only: see
        Session.from_dict)."""
        return self.files.load(session_id, events=events)

    def load_many(
        self,
        ids: Iterable[str],
        *,
        events: bool = True,
        progress: Callable[[], None] | None = None,
    ) -> list[Session]:
        """Several sessions at once (the collector paused while they are built);
        *progress* is called after each."""
        out = []
        with gc_paused():
            for session_id in ids:
                out.append(self.load(session_id, events=events))
                if progress is not None:
                    progress()
        return out

    def all(self, *, events: bool = True) -> Iterator[Session]:
        """Every session, in id order; the first corrupt file raises CorruptSessionError."""
        with gc_paused():
            for session_id in self.ids():
                yield self.load(session_id, events=events)

    def scan(self) -> tuple[list[Session], list[CorruptSessionError]]:
        """Every session that loads, and the problem with each file that does not."""
        good: list[Session] = []
        bad: list[CorruptSessionError] = []
        with gc_paused():
            for session_id in self.ids():
                try:
                    good.append(self.load(session_id))
                except CorruptSessionError as exc:
                    bad.append(exc)
                except SessionNotFoundError:
                    continue  # deleted meanwhile
        return good, bad

    def documents(
        self, ids: Iterable[str] | None = None, *, events: bool = True
    ) -> Iterator[dict[str, Any]]:
        """Every session (or those of *ids*) as its stored dict (exactly what export
        writes), lightly checked: the schema version and the id."""
        with gc_paused():
            for session_id in self.ids() if ids is None else ids:
                document = self.files.read(session_id, events=events)
                if document.get("schema") != SCHEMA_VERSION or document.get("id") != session_id:
                    raise CorruptSessionError(
                        self.path_of(session_id), Msg("not this session's data")
                    )
                yield document

    def exported(self, ids: Iterable[str] | None = None) -> Iterator[str]:
        """Every session (or those of *ids*) as one line of export JSON, in id order (see
        SessionFiles)."""
        return self.files.exported(ids)

    def summaries(
        self,
        summarize: Callable[[Session], list[Any]],
        version: str,
        valid: Callable[[dict[str, Any]], set[str]] | None = None,
    ) -> tuple[list[list[Any]], list[CorruptSessionError]]:
        """A summary of every session, and the files that cannot be read (see SummaryIndex:
        a file changed by anything else is read again)."""
        self.check()
        self.index.valid = valid
        return self.index.summaries(
            lambda session_id: self.load(session_id, events=False), summarize, version
        )

    # ---- writing ----------------------------------------------------------------------------

    def save(self, session: Session) -> None:
        """Write one session atomically. A corrupt file in its place is refused, not replaced."""
        if session.partial:
            raise StoreError(
                Msg("session {0} was read without its audit trail; not saved", session.id[:8])
            )
        self.save_document(session.id, session.to_dict())

    def save_document(
        self,
        session_id: str,
        document: dict[str, Any],
        wanted: Callable[[], bool] | None = None,
    ) -> None:
        """Write a session given as its dict (a snapshot taken elsewhere, for a background
        writer): the same atomic, checked write as :meth:`save`. *wanted*, asked once the
        lock is held, may call the write off (it waited, and the change went elsewhere)."""
        if not document.get("study"):
            raise StoreError(Msg("session {0} belongs to no study; not saved", session_id[:8]))
        with self.lock():
            if wanted is not None and not wanted():
                return
            self.files.write(session_id, document)

    def delete(self, session_id: str) -> None:
        """Remove a session for good (a participant's right to have it deleted): its file,
        its lease file and its row in the index, at once. Refused while another process has
        it open for editing."""
        with self.lock():
            path = self.folders.at(self.path_of(session_id))
            if not path.exists():
                raise SessionNotFoundError(
                    Msg("no session with id {0} in {1}", repr(session_id), self.root)
                )
            lease = self.acquire(session_id)
            try:
                path.unlink()
                lease.path.unlink(missing_ok=True)
            finally:
                lease.release()
            self.index.forget(session_id)
            fsync_dir(self.folders.at(self.sessions_dir))

    def save_many(
        self,
        sessions: Iterable[Session | Staged],
        *,
        replace: bool | Decide = False,
        summarize: tuple[Callable[[Session], list[Any]], str] | None = None,
        open_elsewhere: list[tuple[str, str]] | None = None,
        studies: Callable[[list[str]], list[Study]] | None = None,
    ) -> tuple[list[str], list[str]]:
        """Write *sessions* all or nothing. Returns (written ids, skipped ids already stored).

        A session may come with its document (its dict form, already at hand: an import),
        which is then written as it is. Streaming: each session is written to a temporary
        file as it comes and fsynced (memory stays flat however many there are), then each
        is renamed into place and the
        folder fsynced: only the files written are flushed, nothing else on the machine. If
        anything fails, files written by this call are removed and replaced ones restored,
        so the store is as it was. *summarize* (the function and version given to
        :meth:`summaries`) adds the new sessions to the summary index. *replace* says what
        becomes of a session already stored: kept (False), replaced (True), or as a
        function of the session given and its document decides (an import from another
        store: see exchange.import_case). A session to be replaced that is open for editing
        (its lease held) stops the whole batch, unless *open_elsewhere* is given: then it is
        left as it is and named there, (id, who holds it), and the rest goes on.
        *studies*, called with the ids of the sessions staged, gives the study records to write
        in the same step (an import's new studies, and what records from elsewhere add):
        the sessions never land without their studies, nor the studies without them.
        """
        with self.lock():
            batch = self.save_many_locked(
                sessions,
                replace=replace,
                summarize=summarize[0] if summarize else None,
                open_elsewhere=open_elsewhere,
                studies=studies,
            )
        if summarize is not None and batch.written:
            self.index.add(summarize[1], batch.summaries)
        return batch.written, batch.skipped

    def save_many_locked(
        self,
        sessions: Iterable[Session | Staged],
        *,
        replace: bool | Decide = True,
        summarize: Callable[[Session], list[Any]] | None = None,
        open_elsewhere: list[tuple[str, str]] | None = None,
        studies: Callable[[list[str]], list[Study]] | None = None,
    ) -> Batch:
        """save_many's all-or-nothing write, for a caller that holds the lock already."""
        batch = Batch(self, replace=replace, summarize=summarize, open_elsewhere=open_elsewhere)
        try:
            batch.stage(sessions)
            if studies is not None:
                batch.stage_studies(studies([session_id for session_id, _ in batch.staged]))
            batch.place()
        except BaseException:
            batch.roll_back()
            raise
        batch.drop_backups()
        return batch

    # ---- studies ------------------------------------------------------------------------------

    def study(self, study_id: str) -> Study:
        """The study *study_id*, or StoreError naming the studies there are."""
        self.check()
        if not self.studies.exists(study_id):
            known = ", ".join(self.studies.ids()) or "none yet (cjtui study new)"
            raise StoreError(Msg("no study {0} in this store; studies: {1}", repr(study_id), known))
        return self.studies.load(study_id)

    def all_studies(self) -> list[Study]:
        self.check()
        return self.studies.all()

    def save_study(self, study: Study, *, new: bool = False) -> None:
        """Write *study*; *new*: refuse if a study of that id exists."""
        with self.lock():
            if new and self.studies.exists(study.id):
                raise StoreError(Msg("study {0} exists already", repr(study.id)))
            self.studies.save(study)

    def update_study(self, study_id: str, change: Callable[[Study], T]) -> T:
        """Apply *change* to the study as stored now and write it, under the store's lock
        (two interviewers changing one study never undo each other). Returns what *change*
        returns."""
        with self.lock():
            study = self.study(study_id)
            result = change(study)
            self.studies.save(study)
        return result

    # ---- guides and health ------------------------------------------------------------------

    def keep_guide(self, guide: Guide) -> None:
        """Keep a copy of a custom guide so its sessions can always be shown and checked."""
        self.guide_copies.keep(guide)

    def guide_for(self, session: Session) -> Guide:
        return self.guide_copies.guide_for(session)

    def exact_guide(self, session: Session) -> Guide | None:
        """The very guide file *session* was taken with, if cjtui or this store has it."""
        return self.guide_copies.exact(session)

    def doctor(
        self,
        *,
        repair: bool = False,
        importable: health.Check | None = None,
        progress: Callable[[], None] | None = None,
    ) -> list[health.Problem]:
        """Every problem in the store (see cjtui.store.doctor); *importable* says why a
        stored session would not import again, if it would not."""
        return health.doctor(self, repair=repair, importable=importable, progress=progress)
