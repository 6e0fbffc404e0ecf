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
import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import jsonio
from .errors import CjtuiError
from .fsutil import (
    FILE_MODE,
    TEMP_PREFIX,
    atomic_write,
    ensure_private_dir,
    fsync_dir,
    is_temp_name,
    make_temp,
)
from .model import ModelError, Session, now_iso

if TYPE_CHECKING:
    from .guide import Guide

ENV_VAR = "CJTUI_DB"
APP_NAME = "cjtui"
SESSION_TABLE = "session"
INDEX_FILE = "index.json"
# Raw control bytes (C0 and DEL, and C1 in UTF-8) never appear in JSON that cjtui writes.
_C0_BYTES = bytes(range(0x20)) + b"\x7f"
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def has_raw_control(data: bytes) -> bool:
    """Whether *data* holds a raw control character (fast: C loops, no backtracking)."""
    return len(data.translate(None, _C0_BYTES)) != len(data) or bool(_C1_UTF8.search(data))


_UUID_FILE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$")


class StoreError(CjtuiError):
    """A store problem, with a one-line message meant for the person at the terminal."""


class CorruptSessionError(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: corrupt session file ({reason}); it was left untouched")


class SessionNotFoundError(StoreError):
    pass


class SessionBusyError(StoreError):
    """Another process has the session open for editing."""


@dataclass
class Lease:
    """The right to edit one session, held as an flock on ``<id>.lock`` for as long as this
    process keeps it (the kernel drops it when the process dies, so no lease goes stale)."""

    session_id: str
    path: Path
    fd: int

    def release(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
            os.close(self.fd)
            self.fd = -1


@dataclass
class Problem:
    """Something `cjtui doctor` found; ``repaired`` says what --repair did about it."""

    path: Path
    message: str
    repairable: bool
    repaired: str = ""

    def line(self) -> str:
        done = f" -> {self.repaired}" if self.repaired else ""
        return f"{self.path}: {self.message}{done}"


def holder_description() -> str:
    """Who is editing: user@host (pid N) since HH:MM UTC."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment
        user = "?"
    return f"{user}@{socket.gethostname()} (pid {os.getpid()}) since {now_iso()}"


def default_store_path() -> Path:
    """``CJTUI_DB`` if set, else ``<user data dir>/cjtui/store``; computed when called."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "store"


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
                # The lock file belongs to the store from the start, so that writing nothing
                # (a refused import, say) leaves the store exactly as it was.
                os.close(os.open(store.root / ".lock", os.O_RDWR | os.O_CREAT, FILE_MODE))
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

    def _db(self, session_id: str) -> Any:
        # TinyDB is imported by the first write: listing and reading never need it.
        from .tinystore import session_db

        return session_db(self.path_of(session_id))

    def _read(self, session_id: str, *, events: bool = True) -> dict[str, Any]:
        path = self.path_of(session_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise SessionNotFoundError(
                f"no session with id {session_id!r} in {self.root}"
            ) from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
        if not events:
            document = _without_events(data)
            if document is not None:
                return document
        return parse_document(path, data)

    def load(self, session_id: str, *, events: bool = True) -> Session:
        """One session. Reads go straight to the file (the same document TinyDB writes),
        which is several times faster than a TinyDB query when thousands are read.
        ``events=False`` leaves out the audit trail (read-only: see Session.from_dict)."""
        document = self._read(session_id, events=events)
        path = self.path_of(session_id)
        try:
            session = Session.from_dict(document, keep_events=events)
        except ModelError as exc:
            raise CorruptSessionError(path, str(exc)) from None
        if session.id != session_id:
            raise CorruptSessionError(path, f"holds session {session.id}, not {session_id}")
        return session

    def documents(self, *, events: bool = True) -> Iterator[dict[str, Any]]:
        """Every session as its stored dict (exactly what export writes), lightly checked:
        the schema version and the id. Much faster than loading sessions. ``events=False``
        leaves the audit trail out (an empty list), for the touchpoint table."""
        with gc_paused():
            for session_id in self.ids():
                document = self._read(session_id, events=events)
                if document.get("schema") != 1 or document.get("id") != session_id:
                    raise CorruptSessionError(self.path_of(session_id), "not this session's data")
                yield document

    def exported(self) -> Iterator[str]:
        """Every session as one line of export JSON, in id order.

        A session file holds the session in exactly its export form, so when a file looks
        like what cjtui writes (its wrapper, its id, and no raw control character anywhere)
        its text is passed through without being parsed and written again: ten times faster
        for a big export. Anything else is parsed and checked, and a file that is not a
        session raises CorruptSessionError.
        """
        with gc_paused():
            for session_id in self.ids():
                path = self.path_of(session_id)
                try:
                    data = path.read_bytes()
                except FileNotFoundError:
                    continue
                wrapper = f'{{"{SESSION_TABLE}": {{"1": '.encode()
                inner = data[len(wrapper) : -2]
                if (
                    data.startswith(wrapper)
                    and data.endswith(b"}}")
                    and inner.startswith(f'{{"schema": 1, "id": "{session_id}", '.encode())
                    and not has_raw_control(data)
                ):
                    try:
                        yield inner.decode("utf-8")
                        continue
                    except UnicodeDecodeError:
                        pass
                session = self.load(session_id)
                yield jsonio.dumps(session.to_dict(), indent=None)

    def save(self, session: Session) -> None:
        """Write one session atomically. A corrupt file in its place is refused, not replaced."""
        with self.lock():
            self._write(session)

    def save_document(self, session_id: str, document: dict[str, Any]) -> None:
        """Write a session given as its dict (a snapshot taken elsewhere, for a background
        writer): the same atomic, checked write as :meth:`save`."""
        with self.lock():
            self._write_document(session_id, document)

    def _write(self, session: Session) -> None:
        if session.partial:
            raise StoreError(
                f"session {session.id[:8]} was read without its audit trail; not saved"
            )
        self._write_document(session.id, session.to_dict())

    def _write_document(self, session_id: str, document: dict[str, Any]) -> None:
        table = self._db(session_id).table(SESSION_TABLE)
        # TinyDB reads (and so checks) the file before writing: a corrupt one raises before
        # anything is written. update/insert rather than upsert: upsert writes an empty table
        # first, which a kill at the wrong moment would leave behind.
        if self.path_of(session_id).exists():  # update reads (and checks) the file itself
            table.update(document, doc_ids=[1])
        else:
            from tinydb.table import Document

            table.insert(Document(document, doc_id=1))

    def delete(self, session_id: str) -> None:
        """Remove a session for good (a participant's right to have it deleted).

        Refused while another process has it open for editing.
        """
        with self.lock():
            if not self.path_of(session_id).exists():
                raise SessionNotFoundError(f"no session with id {session_id!r} in {self.root}")
            lease = self.acquire(session_id)
            try:
                self.path_of(session_id).unlink()
                lease.path.unlink(missing_ok=True)
            finally:
                lease.release()

    # ---- editing leases ---------------------------------------------------------------------

    def acquire(self, session_id: str, holder: str | None = None) -> Lease:
        """Take the edit lease of a session, or raise SessionBusyError saying who holds it."""
        path = self.sessions_dir / f"{session_id}.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                who = os.pread(fd, 500, 0).decode("utf-8", "replace").strip()
            finally:
                os.close(fd)
            raise SessionBusyError(
                f"session {session_id[:8]} is open for editing by {who or 'another process'}"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, (holder or holder_description()).encode("utf-8"), 0)
        return Lease(session_id, path, fd)

    def holder(self, session_id: str) -> str | None:
        """Who has the session open for editing, or None."""
        try:
            lease = self.acquire(session_id)
        except SessionBusyError as exc:
            return str(exc).split(" by ", 1)[-1]
        lease.release()
        return None

    def load_many(self, ids: Iterable[str], *, events: bool = True) -> list[Session]:
        """Several sessions at once (the collector paused while they are built)."""
        with gc_paused():
            return [self.load(session_id, events=events) for session_id in ids]

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

    # ---- the summary index ------------------------------------------------------------------

    def summaries(
        self, summarize: Callable[[Session], list[Any]], version: str
    ) -> tuple[list[list[Any]], list[CorruptSessionError]]:
        """A summary of every session, and the files that cannot be read.

        Summaries are cached in ``index.json`` by each file's modification time and size, so
        listing 10,000 sessions reads one small file and stats the others; only sessions
        changed since the last listing are read again. *version* names the summary's shape:
        a different one rebuilds the index.
        """
        cached, seen_mtime = self._read_index(version)
        try:
            folder_mtime = os.stat(self.sessions_dir).st_mtime_ns
        except FileNotFoundError:
            return [], []
        if seen_mtime == folder_mtime:
            # Every write renames a file into the folder, which changes the folder's mtime:
            # the same mtime means no session was written, added or removed since.
            return [item[2] for item in cached.values()], []
        fresh: dict[str, list[Any]] = {}
        problems: list[CorruptSessionError] = []
        changed = False
        with gc_paused():
            try:
                entries = list(os.scandir(self.sessions_dir))
            except FileNotFoundError:
                entries = []
            for entry in entries:
                if not _UUID_FILE.match(entry.name):
                    continue
                session_id = entry.name[:-5]
                try:
                    info = entry.stat()
                except FileNotFoundError:
                    continue
                known = cached.get(session_id)
                if known and known[0] == info.st_mtime_ns and known[1] == info.st_size:
                    fresh[session_id] = known
                    continue
                changed = True
                try:
                    session = self.load(session_id, events=False)
                except CorruptSessionError as exc:
                    problems.append(exc)
                    continue
                except SessionNotFoundError:
                    continue
                fresh[session_id] = [info.st_mtime_ns, info.st_size, summarize(session)]
        # The folder's mtime as it was before the scan: a change made during it shows later.
        mtime = None if problems else folder_mtime
        if changed or len(fresh) != len(cached) or mtime != seen_mtime:
            self._write_index(version, fresh, mtime)
        return [item[2] for item in fresh.values()], problems

    def _read_index(self, version: str) -> tuple[dict[str, list[Any]], int | None]:
        try:
            data = jsonio.loads_trusted((self.root / INDEX_FILE).read_bytes())
        except (OSError, jsonio.JSONFormatError):
            return {}, None  # missing or damaged: it is only a cache, rebuilt from the sessions
        if not isinstance(data, dict) or data.get("version") != version:
            return {}, None
        entries = data.get("sessions")
        mtime = data.get("folder_mtime")
        return (entries if isinstance(entries, dict) else {}), (
            mtime if isinstance(mtime, int) else None
        )

    def _write_index(
        self, version: str, entries: dict[str, list[Any]], folder_mtime: int | None
    ) -> None:
        data = jsonio.dumps(
            {"version": version, "folder_mtime": folder_mtime, "sessions": entries}, indent=None
        )
        with contextlib.suppress(OSError):  # a cache that cannot be written is not an error
            atomic_write(self.root / INDEX_FILE, data.encode("utf-8"))

    def doctor(self, *, repair: bool = False) -> list[Problem]:
        """Every problem in the store; with *repair*, bad session files are moved aside to a
        ``.corrupt`` copy (never deleted), modes are tightened and leftover temp files go."""
        problems: list[Problem] = []
        with self.lock():
            for name in sorted(os.listdir(self.sessions_dir)):
                path = self.sessions_dir / name
                if name.startswith(TEMP_PREFIX):
                    problem = Problem(path, "temporary file left by an interrupted write", True)
                    if repair:
                        path.unlink(missing_ok=True)
                        problem.repaired = "removed"
                    problems.append(problem)
                    continue
                if name.endswith(".lock") or name.endswith(".corrupt"):
                    continue
                if not _UUID_FILE.match(name):
                    problems.append(Problem(path, "not a session file (left alone)", False))
                    continue
                if path.is_symlink() or not path.is_file():
                    problems.append(Problem(path, "not a regular file", False))
                    continue
                mode = path.stat().st_mode & 0o777
                if mode & 0o077:
                    problem = Problem(path, f"readable by others (mode {mode:o})", True)
                    if repair:
                        os.chmod(path, FILE_MODE)
                        problem.repaired = "mode set to 600"
                    problems.append(problem)
                try:
                    session = self.load(name[:-5])
                except CorruptSessionError as exc:
                    problem = Problem(path, exc.reason, True)
                    if repair:
                        aside = _free_name(path.with_name(name + ".corrupt"))
                        os.rename(path, aside)
                        problem.repaired = f"moved aside to {aside.name}"
                    problems.append(problem)
                    continue
                try:
                    self.guide_for(session)
                except StoreError as exc:
                    problems.append(Problem(path, str(exc), False))
            from .guide import parse_guide

            for kept in sorted(self.guides_dir.glob("*.toml")):
                guide, found = parse_guide(kept.read_bytes(), str(kept))
                if guide is None:
                    problems.append(Problem(kept, f"kept guide is not valid: {found[0]}", False))
        return problems

    def save_many(
        self,
        sessions: Iterable[Session],
        *,
        replace: bool = False,
        summarize: tuple[Callable[[Session], list[Any]], str] | None = None,
    ) -> tuple[list[str], list[str]]:
        """Write *sessions* all or nothing. Returns (written ids, skipped ids already stored).

        Streaming: each session is written to a temporary file as it comes (memory stays
        flat however many there are), one sync makes them all durable, and then each is
        renamed into place. If anything fails, files written by this call are removed and
        replaced ones restored, so the store is as it was. *summarize* (the function and
        version given to :meth:`summaries`) adds the new sessions to the summary index.
        """
        summaries: dict[str, list[Any]] = {}
        written: list[str] = []
        skipped: list[str] = []
        staged: list[tuple[str, Path]] = []
        placed: list[tuple[Path, Path | None]] = []  # (target, backup of what it replaced)
        with self.lock():
            try:
                seen: set[str] = set()
                for session in sessions:
                    if session.partial:
                        raise StoreError(f"session {session.id[:8]} is partial; not saved")
                    if session.id in seen:
                        raise StoreError(f"session {session.id} given twice")
                    seen.add(session.id)
                    path = self.path_of(session.id)
                    if path.exists():
                        if not replace:
                            skipped.append(session.id)
                            continue
                        busy = self.holder(session.id)
                        if busy is not None:
                            raise SessionBusyError(
                                f"session {session.id[:8]} is open for editing by {busy}; "
                                "not replaced"
                            )
                    staged.append((session.id, _stage(self.sessions_dir, _document(session))))
                    if summarize is not None:
                        summaries[session.id] = summarize[0](session)
                if staged:
                    os.sync()  # one flush to disk for the whole batch
                for session_id, tmp in staged:
                    target = self.path_of(session_id)
                    backup = None
                    if target.exists():
                        backup = _stage_path(self.sessions_dir)
                        os.link(target, backup)
                    placed.append((target, backup))
                    os.replace(tmp, target)
                    written.append(session_id)
                fsync_dir(self.sessions_dir)
            except BaseException:
                for target, backup in reversed(placed):
                    with contextlib.suppress(OSError):
                        if backup is not None:
                            os.replace(backup, target)
                        else:
                            target.unlink(missing_ok=True)
                for _, tmp in staged:
                    with contextlib.suppress(OSError):
                        tmp.unlink(missing_ok=True)
                raise
            for _, backup in placed:
                if backup is not None:
                    with contextlib.suppress(OSError):
                        backup.unlink()
        if summarize is not None and written:
            self._index_add(summarize[1], summaries)
        return written, skipped

    def _index_add(self, version: str, summaries: dict[str, list[Any]]) -> None:
        """Put freshly written sessions in the summary index (a cache: best effort)."""
        entries, _ = self._read_index(version)
        for session_id, row in summaries.items():
            try:
                info = self.path_of(session_id).stat()
            except OSError:
                continue
            entries[session_id] = [info.st_mtime_ns, info.st_size, row]
        self._write_index(version, entries, None)  # the next listing checks every file

    # ---- guides ---------------------------------------------------------------------------

    def keep_guide(self, guide: Guide) -> None:
        """Keep a copy of a custom guide so its sessions can always be shown and checked."""
        from .guide import builtin_guides

        if any(g.sha256 == guide.sha256 for g in builtin_guides()) or not guide.raw:
            return
        path = self.guides_dir / f"{guide.sha256}.toml"
        if not path.exists():
            atomic_write(path, guide.raw)

    def guide_for(self, session: Session) -> Guide:
        """The guide a session was taken with: by hash, else the built-in of the same id."""
        ref = session.guide
        key = (ref.id, ref.sha256)
        cache = self.__dict__.setdefault("_guides", {})
        if key not in cache:
            cache[key] = self._find_guide(session)
        return cache[key]  # type: ignore[no-any-return]

    def _find_guide(self, session: Session) -> Guide:
        from .guide import GuideError, builtin_guide, builtin_guides, parse_guide

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


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of small objects are built: it
    would otherwise spend most of a big load scanning them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_document(path: Path, data: bytes) -> dict[str, Any]:
    """The session dict inside a session file's bytes; CorruptSessionError if it is not one."""
    try:
        parsed = jsonio.loads_trusted(data)
    except jsonio.JSONFormatError as exc:
        raise CorruptSessionError(path, str(exc)) from None
    table = parsed.get(SESSION_TABLE) if isinstance(parsed, dict) else None
    if not isinstance(table, dict) or set(parsed) != {SESSION_TABLE} or list(table) != ["1"]:
        raise CorruptSessionError(path, "not one session document")
    document = table["1"]
    if not isinstance(document, dict):
        raise CorruptSessionError(path, "not one session document")
    return document


_EVENTS_KEY = b', "events": ['
_TAIL = b"]}}}"


def _without_events(data: bytes) -> dict[str, Any] | None:
    """The session dict without its audit trail, parsing only what comes before it, or None
    when the file is not laid out exactly as cjtui writes it (the caller then parses it all).

    cjtui writes "events" last; no `, "events": [` can stand inside a JSON string (its quotes
    would be escaped), and no value in an event has a key "events", so the last occurrence
    is the audit trail's own. Half the bytes of a session are its trail.
    """
    cut = data.rfind(_EVENTS_KEY)
    if cut < 0 or not data.endswith(_TAIL) or not data.startswith(b'{"session": {"1": {'):
        return None
    try:
        parsed = jsonio.loads_trusted(data[:cut] + b"}}}")
        document = parsed[SESSION_TABLE]["1"]
    except (jsonio.JSONFormatError, KeyError, TypeError):
        return None
    if not isinstance(document, dict) or "events" in document:
        return None
    document["events"] = []
    return document


def _document(session: Session) -> bytes:
    """A session file's bytes: the TinyDB document the store's storage writes."""
    return jsonio.dumps({SESSION_TABLE: {"1": session.to_dict()}}, indent=None).encode("utf-8")


def _stage_path(folder: Path) -> Path:
    fd, path = make_temp(folder)
    os.close(fd)
    path.unlink()
    return path


def _stage(folder: Path, data: bytes) -> Path:
    """*data* in a new private temporary file in *folder* (not yet synced)."""
    fd, path = make_temp(folder)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        path.unlink()
        raise
    os.close(fd)
    return path


def _free_name(path: Path) -> Path:
    """*path*, or *path* with .1, .2 … added if it exists (nothing is ever overwritten)."""
    candidate, n = path, 0
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}")
    return candidate
