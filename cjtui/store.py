"""The session store: one TinyDB file per session in a private folder.

Layout of a store folder (``--db PATH``, ``CJTUI_DB``, or the platform's user data dir)::

    store/
      sessions/<uuid>.json    one TinyDB database per session (table "session", doc 1)
      guides/<sha256>.toml    a copy of each custom guide a session was taken with
      .lock                   inter-process lock for writes

One file per session keeps the cost of saving an answer independent of how many sessions
the store holds (bench/bench_save.py measures it). Every write goes through
:func:`cjtui.fsutil.atomic_write`; a file that does not parse is reported, never rewritten.
This is the only module that reads or writes session files.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from . import jsonio
from .fsutil import FILE_MODE, atomic_write, ensure_private_dir, is_temp_name
from .guide import Guide, GuideError, builtin_guide, builtin_guides, parse_guide
from .model import ModelError, Session

ENV_VAR = "CJTUI_DB"
APP_NAME = "cjtui"
SESSION_TABLE = "session"
_UUID_FILE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$")


class StoreError(Exception):
    """A store problem, with a one-line message meant for the person at the terminal."""


class CorruptSessionError(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: corrupt session file ({reason}); it was left untouched")


class SessionNotFoundError(StoreError):
    pass


def default_store_path() -> Path:
    """``CJTUI_DB`` if set, else ``<user data dir>/cjtui/store``; computed when called."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "store"


class SessionFileStorage(Storage):
    """TinyDB storage that reads strictly and writes atomically (temp, fsync, rename)."""

    def __init__(self, path: str | Path):
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
        try:
            parsed = jsonio.loads(data)
        except jsonio.JSONFormatError as exc:
            raise CorruptSessionError(self.path, str(exc)) from None
        if not isinstance(parsed, dict) or not all(isinstance(v, dict) for v in parsed.values()):
            raise CorruptSessionError(self.path, "not a TinyDB document")
        return parsed

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, jsonio.dumps(data, indent=None).encode("utf-8"))

    def close(self) -> None:
        pass


class Store:
    """A folder of sessions. Create with :meth:`open`."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.sessions_dir = self.root / "sessions"
        self.guides_dir = self.root / "guides"
        self.warnings: list[str] = []

    @classmethod
    def open(cls, root: str | Path | None = None, *, create: bool = True) -> Store:
        """Open (and by default create) a store; folders are made 0700."""
        store = cls(Path(root) if root is not None else default_store_path())
        if store.root.exists() and not store.root.is_dir():
            raise StoreError(f"{store.root}: not a store folder (it is a file)")
        if create or store.root.exists():
            try:
                for folder in (store.root, store.sessions_dir, store.guides_dir):
                    store.warnings += ensure_private_dir(folder)
            except OSError as exc:
                raise StoreError(f"{exc.filename or store.root}: {exc.strerror or exc}") from None
        return store

    # ---- locking --------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's inter-process write lock (blocking)."""
        lock_path = self.root / ".lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    # ---- sessions -------------------------------------------------------------------------

    def path_of(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}.json"

    def ids(self) -> list[str]:
        """Ids of every session file in the store (temp files and strays are ignored)."""
        try:
            names = os.listdir(self.sessions_dir)
        except FileNotFoundError:
            return []
        return sorted(n[:-5] for n in names if _UUID_FILE.match(n) and not is_temp_name(n))

    def exists(self, session_id: str) -> bool:
        return self.path_of(session_id).exists()

    def resolve(self, prefix: str) -> str:
        """The full id of the one session whose id starts with *prefix*."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise SessionNotFoundError("an empty id matches nothing")
        matches = [i for i in self.ids() if i.startswith(prefix)]
        if not matches:
            raise SessionNotFoundError(f"no session with id {prefix!r} in {self.root}")
        if len(matches) > 1:
            shown = ", ".join(matches[:3]) + (", …" if len(matches) > 3 else "")
            raise SessionNotFoundError(
                f"id {prefix!r} matches {len(matches)} sessions ({shown}); give more of it"
            )
        return matches[0]

    def _db(self, session_id: str) -> TinyDB:
        return TinyDB(self.path_of(session_id), storage=SessionFileStorage)

    def load(self, session_id: str) -> Session:
        path = self.path_of(session_id)
        if not path.exists():
            raise SessionNotFoundError(f"no session with id {session_id!r} in {self.root}")
        db = self._db(session_id)
        docs = db.table(SESSION_TABLE).all()
        if len(docs) != 1:
            raise CorruptSessionError(path, f"holds {len(docs)} sessions, not 1")
        try:
            session = Session.from_dict(dict(docs[0]))
        except ModelError as exc:
            raise CorruptSessionError(path, str(exc)) from None
        if session.id != session_id:
            raise CorruptSessionError(path, f"holds session {session.id}, not {session_id}")
        return session

    def save(self, session: Session) -> None:
        """Write one session atomically. A corrupt file in its place is refused, not replaced."""
        with self.lock():
            self._write(session)

    def _write(self, session: Session) -> None:
        db = self._db(session.id)
        # upsert reads the file first: a corrupt one raises before anything is written.
        db.table(SESSION_TABLE).upsert(Document(session.to_dict(), doc_id=1))

    def delete(self, session_id: str) -> None:
        """Remove a session for good (a participant's right to have it deleted)."""
        with self.lock():
            try:
                self.path_of(session_id).unlink()
            except FileNotFoundError:
                raise SessionNotFoundError(
                    f"no session with id {session_id!r} in {self.root}"
                ) from None

    def all(self) -> Iterator[Session]:
        """Every session, in id order; the first corrupt file raises CorruptSessionError."""
        for session_id in self.ids():
            yield self.load(session_id)

    def save_many(
        self, sessions: list[Session], *, replace: bool = False
    ) -> tuple[list[str], list[str]]:
        """Write *sessions* all or nothing. Returns (written ids, skipped ids already stored).

        If any write fails, the sessions written by this call are removed and replaced ones
        are restored, so the store is as it was.
        """
        written: list[str] = []
        skipped: list[str] = []
        undo: list[tuple[Path, bytes | None]] = []
        with self.lock():
            try:
                for session in sessions:
                    path = self.path_of(session.id)
                    old = path.read_bytes() if path.exists() else None
                    if old is not None and not replace:
                        skipped.append(session.id)
                        continue
                    undo.append((path, old))
                    if old is not None:
                        # Replacing: write the new file outright, whatever the old one held.
                        path.unlink()
                    self._write(session)
                    written.append(session.id)
            except BaseException:
                for path, old in reversed(undo):
                    with contextlib.suppress(OSError):
                        if old is None:
                            path.unlink(missing_ok=True)
                        else:
                            atomic_write(path, old)
                raise
        return written, skipped

    # ---- guides ---------------------------------------------------------------------------

    def keep_guide(self, guide: Guide) -> None:
        """Keep a copy of a custom guide so its sessions can always be shown and checked."""
        if any(g.sha256 == guide.sha256 for g in builtin_guides()) or not guide.raw:
            return
        path = self.guides_dir / f"{guide.sha256}.toml"
        if not path.exists():
            atomic_write(path, guide.raw)

    def guide_for(self, session: Session) -> Guide:
        """The guide a session was taken with: by hash, else the built-in of the same id."""
        ref = session.guide
        for guide in builtin_guides():
            if guide.sha256 == ref.sha256:
                return guide
        kept = self.guides_dir / f"{ref.sha256}.toml"
        if kept.exists():
            guide, problems = parse_guide(kept.read_bytes(), str(kept))
            if guide is not None:
                return guide
            raise StoreError(f"{kept}: kept guide no longer valid: {problems[0]}")
        try:
            return builtin_guide(ref.id)
        except GuideError:
            raise StoreError(
                f"unknown guide {ref.id!r} (version {ref.version}); give it with --guide FILE"
            ) from None
