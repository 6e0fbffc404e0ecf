"""One all-or-nothing write of many sessions into the store (Store.save_many): staged to
fsynced temporary files, then renamed into place, or every step undone."""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.errors import Msg
from ..base.fsutil import fsync_dir, make_temp, write_temp
from ..domain.model import Session
from .errors import SessionBusyError, StoreError

if TYPE_CHECKING:
    from ..domain.study import Study
    from .core import Store

# A session with the dict form to write for it, when the caller has it at hand (an import).
Staged = tuple[Session, dict[str, Any] | bytes | None]
# Whether a session given again (its id stored already) replaces the stored one; or a
# session to write in its place (the stored one, changed: a conflict decided for it).
Decide = Callable[[Session, dict[str, Any] | bytes | None], bool | Session]

# Session files a batch writes ahead of its checks (see _Batch.stage), and the threads
# writing them: two fsyncs in flight let the file system commit them together.
WRITES_AHEAD = 32
WRITERS = 2


def _spare_name(folder: Path) -> Path:
    """A free temporary name in *folder* (for the backup of a file being replaced)."""
    fd, path = make_temp(folder)
    os.close(fd)
    path.unlink()
    return path


class Batch:
    """One all-or-nothing write of many sessions (see Store.save_many): staged to fsynced
    temporary files, then renamed into place, or every step undone."""

    def __init__(
        self,
        store: Store,
        *,
        replace: bool | Decide,
        summarize: Callable[[Session], list[Any]] | None,
        open_elsewhere: list[tuple[str, str]] | None = None,
    ) -> None:
        self.store = store
        self.open_elsewhere = open_elsewhere
        self.replace = replace
        self.summarize = summarize
        self.summaries: dict[str, list[Any]] = {}
        self.written: list[str] = []
        self.skipped: list[str] = []
        self.staged: list[tuple[str, Path]] = []
        # The sessions stored when the batch began, listed once (the caller holds the lock,
        # so no other cjtui adds one meanwhile): one listing, not a stat per session.
        self.stored = set(store.files.ids())
        self.placed: list[tuple[Path, Path | None]] = []  # (target, backup of what it replaced)
        self.study_files: list[tuple[Path, Path]] = []  # (study record, its staged file)

    def stage(self, sessions: Iterable[Session | Staged]) -> None:
        """Check and write each session to a fsynced temporary file as it comes.

        The writes run on worker threads: fsync waits for the disk without holding the GIL,
        so the next session is read and checked meanwhile. At most WRITES_AHEAD files are in
        flight (memory stays flat); whatever happens, every temporary file written ends up
        in ``staged`` for place() or roll_back()."""
        from concurrent.futures import Future, ThreadPoolExecutor

        seen: set[str] = set()
        pending: deque[tuple[str, Future[Path]]] = deque()
        with ThreadPoolExecutor(max_workers=WRITERS, thread_name_prefix="cjtui-write") as pool:
            try:
                for item in sessions:
                    checked = self._checked(item, seen)
                    if checked is None:
                        continue
                    session, document = checked
                    data = self.store.files.encode(session, document)
                    pending.append((session.id, pool.submit(self.store.files.write_temp, data)))
                    if self.summarize is not None:
                        self.summaries[session.id] = self.summarize(session)
                    if len(pending) > WRITES_AHEAD:
                        session_id, written = pending.popleft()
                        self.staged.append((session_id, written.result()))
                while pending:
                    session_id, written = pending.popleft()
                    self.staged.append((session_id, written.result()))
            except BaseException:
                for session_id, written in pending:  # collected, so roll_back removes them
                    with contextlib.suppress(BaseException):
                        self.staged.append((session_id, written.result()))
                raise

    def _checked(
        self, item: Session | Staged, seen: set[str]
    ) -> tuple[Session, dict[str, Any] | bytes | None] | None:
        """The session and its document, None to skip it (stored already), or why not."""
        session, document = item if isinstance(item, tuple) else (item, None)
        if not session.study:
            raise StoreError(Msg("session {0} belongs to no study; not saved", session.id[:8]))
        if session.partial and document is None:
            raise StoreError(Msg("session {0} is partial; not saved", session.id[:8]))
        if session.id in seen:
            raise StoreError(Msg("session {0} given twice", session.id))
        seen.add(session.id)
        if session.id in self.stored:
            rule = self.replace
            decided = rule(session, document) if callable(rule) else rule
            if isinstance(decided, Session):  # written instead of the session given
                session, document = decided, None
            elif not decided:
                self.skipped.append(session.id)
                return None
            busy = self.store.holder(session.id)
            if busy is not None:
                if self.open_elsewhere is not None:  # left for the next run to take
                    self.open_elsewhere.append((session.id, busy))
                    return None
                raise SessionBusyError(
                    Msg(
                        "session {0} is open for editing by {1}; not replaced", session.id[:8], busy
                    )
                )
        return session, document

    def stage_studies(self, studies: list[Study]) -> None:
        """Each study record written and fsynced to a temporary file beside its target."""
        for study in studies:
            data = self.store.studies.encode(study)
            at = self.store.folders.at
            target = at(self.store.studies.path_of(study.id))
            self.study_files.append((target, write_temp(at(self.store.studies_dir), data)))

    def place(self) -> None:
        at = self.store.folders.at
        for session_id, tmp in self.staged:
            self._place(at(self.store.path_of(session_id)), tmp)
            self.written.append(session_id)
        for record, staged in self.study_files:
            self._place(record, staged)
        fsync_dir(at(self.store.sessions_dir))
        if self.study_files:
            fsync_dir(at(self.store.studies_dir))

    def _place(self, target: Path, tmp: Path) -> None:
        backup = None
        if target.exists():
            backup = _spare_name(target.parent)
            os.link(target, backup)
        self.placed.append((target, backup))
        os.replace(tmp, target)

    def roll_back(self) -> None:
        for target, backup in reversed(self.placed):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink(missing_ok=True)
        for _, tmp in self.staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        for _, study_tmp in self.study_files:
            with contextlib.suppress(OSError):
                study_tmp.unlink(missing_ok=True)

    def drop_backups(self) -> None:
        for _, backup in self.placed:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()
