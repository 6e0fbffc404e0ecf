"""Session files: the one module that reads and writes them.

A session file is a TinyDB database with one table, ``session``, holding one document (id 1):
``{"session": {"1": {...the session...}}}``. Writes go through TinyDB with a storage that
reads strictly (a file it cannot read is never written over) and writes atomically (temp
file, fsync, rename, 0600). Reads take a fast path over the same layout: listing or
exporting thousands of sessions never imports TinyDB, and a session can be read without its
audit trail (half its bytes) by parsing only what comes before it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base import jsonio
from ..base.errors import Msg, carried
from ..base.fsutil import atomic_write, is_temp_name, write_temp
from ..domain.model import SCHEMA_VERSION, ModelError, Session
from .errors import CorruptSessionError, SessionNotFoundError, StoreError
from .guard import read_store_file

if TYPE_CHECKING:
    from tinydb import TinyDB

SESSION_TABLE = "session"
# The most a session file may hold. Real interviews are 10–50 KB; this bound makes every
# stored session fit in one line of a JSONL export, which import reads back (exchange's
# MAX_LINE_BYTES is derived from it).
MAX_SESSION_BYTES = 16 * 1024 * 1024


def check_size(session_id: str, data: bytes) -> None:
    if len(data) > MAX_SESSION_BYTES:
        raise StoreError(
            Msg(
                "session {0}: {1} bytes, more than a session may hold ({2}); not saved",
                session_id[:8],
                len(data),
                MAX_SESSION_BYTES,
            )
        )


UUID_FILE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$")
# Raw control bytes (C0 and DEL, and C1 in UTF-8) never appear in JSON that cjtui writes.
_C0_BYTES = bytes(range(0x20)) + b"\x7f"
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_EVENTS_KEY = b', "events": ['
_TAIL = b"]}}}"


def has_raw_control(data: bytes) -> bool:
    """Whether *data* holds a raw control character (fast: C loops, no backtracking)."""
    return len(data.translate(None, _C0_BYTES)) != len(data) or bool(_C1_UTF8.search(data))


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


class SessionFiles:
    """The folder of session files: naming, reading, writing, staging for batches."""

    def __init__(
        self,
        folder: Path,
        root: Path,
        check: Callable[[], None] = lambda: None,
        at: Callable[[Path], Path] = lambda path: path,
    ):
        self.folder = folder  # as named in messages; acted on through at()
        self.root = root  # named in messages ("no session … in <store>")
        # Raises if the store's folders are not those it was opened with (see .guard).
        self.check = check
        # Where to act on a path: through the folder held open (see guard.Folders.at).
        self.at = at
        # Each session file as this process last read it whole (and found it a session) or
        # wrote it: its identity (see file_identity). A save over a file still so needs not
        # read it again to know it is a session (the guard against writing over what cannot
        # be read): a file changed by anything else is read and checked first.
        self.known: dict[str, tuple[int, int, int, int]] = {}

    def path_of(self, session_id: str) -> Path:
        return self.folder / f"{session_id}.json"

    def ids(self) -> list[str]:
        """Ids of every session file (temp files and strays are ignored)."""
        self.check()
        try:
            names = os.listdir(self.at(self.folder))
        except FileNotFoundError:
            return []
        return sorted(n[:-5] for n in names if UUID_FILE.match(n) and not is_temp_name(n))

    # ---- reading ----------------------------------------------------------------------------

    def read(self, session_id: str, *, events: bool = True) -> dict[str, Any]:
        """The session's stored dict. ``events=False`` leaves out the audit trail."""
        path = self.path_of(session_id)
        self.check()
        try:
            data = read_session_file(path, self.at(path))
        except FileNotFoundError:
            raise SessionNotFoundError(
                Msg("no session with id {0} in {1}", repr(session_id), self.root)
            ) from None
        if not events:
            document = _without_events(data)
            if document is not None:
                return document
        return parse_document(path, data)

    def load(self, session_id: str, *, events: bool = True) -> Session:
        path = self.path_of(session_id)
        before = identity(self.at(path)) if events else None
        document = self.read(session_id, events=events)
        try:
            session = Session.from_dict(document, keep_events=events)
        except ModelError as exc:
            raise CorruptSessionError(path, carried(exc)) from None
        if session.id != session_id:
            raise CorruptSessionError(
                path, Msg("holds session {0}, not {1}", session.id, session_id)
            )
        if before is not None and before == identity(self.at(path)):  # read, unchanged
            self.known[session_id] = before
        return session

    def exported(self, ids: Iterable[str] | None = None) -> Iterator[str]:
        """Every session as one line of export JSON, in id order.

        A session file holds the session in exactly its export form, so when a file looks
        like what cjtui writes (its wrapper, its id, and no raw control character anywhere)
        its text is passed through without being parsed and written again: ten times faster
        for a big export. Anything else is parsed and checked, and a file that is not a
        session raises CorruptSessionError.
        """
        wrapper = f'{{"{SESSION_TABLE}": {{"1": '.encode()
        prefix = f'{{"schema": {SCHEMA_VERSION}, "id": "ID", '.encode()
        with gc_paused():
            for session_id in self.ids() if ids is None else ids:
                self.check()
                path = self.path_of(session_id)
                try:
                    data = read_session_file(path, self.at(path))
                except FileNotFoundError:
                    continue
                inner = data[len(wrapper) : -2]
                if (
                    data.startswith(wrapper)
                    and data.endswith(b"}}")
                    and inner.startswith(prefix.replace(b"ID", session_id.encode()))
                    and not has_raw_control(data)
                ):
                    try:
                        yield inner.decode("utf-8")
                        continue
                    except UnicodeDecodeError:
                        pass
                yield jsonio.dumps(self.load(session_id).to_dict(), indent=None)

    # ---- writing ----------------------------------------------------------------------------

    def write(self, session_id: str, document: dict[str, Any]) -> None:
        """Write one session through TinyDB (the caller holds the store's lock).

        TinyDB reads (and so checks) the file before writing: a corrupt one raises before
        anything is written. update/insert rather than upsert: upsert writes an empty table
        first, which a kill at the wrong moment would leave behind.
        """
        self.check()
        shown = self.path_of(session_id)
        path = self.at(shown)
        known = self.known.pop(session_id, None)
        if known is not None and known == identity(path):
            # The file as this process last read or wrote it: written over at once, in the
            # layout TinyDB writes (one document, id 1, in table "session").
            data = jsonio.dumps({SESSION_TABLE: {"1": document}}, indent=None).encode("utf-8")
            check_size(session_id, data)
            atomic_write(path, data, shown=shown)
        else:
            table = _database(path, shown).table(SESSION_TABLE)
            if path.exists():
                table.update(document, doc_ids=[1])  # reads and checks the file first
            else:
                from tinydb.table import Document

                table.insert(Document(document, doc_id=1))
        written = identity(path)
        if written is not None:
            self.known[session_id] = written

    def stage(self, session: Session, document: dict[str, Any] | bytes | None = None) -> Path:
        """The session's file written, fsynced, to a new private temporary file in the
        folder, for a batch to rename into place. *document*, when given, is the session's
        dict form already at hand (written as it is)."""
        self.check()
        return self.write_temp(self.encode(session, document))

    def encode(self, session: Session, document: dict[str, Any] | bytes | None = None) -> bytes:
        """The bytes of *session*'s file, its size checked. *document*: see :meth:`stage`."""
        if isinstance(document, bytes):  # a checked line, as cjtui writes a session
            data = b'{"' + SESSION_TABLE.encode() + b'": {"1": ' + document + b"}}"
        else:
            if document is None:
                if session.partial:
                    raise StoreError(Msg("session {0} is partial; not saved", session.id[:8]))
                document = session.to_dict()
            data = jsonio.dumps({SESSION_TABLE: {"1": document}}, indent=None).encode("utf-8")
        check_size(session.id, data)
        return data

    def write_temp(self, data: bytes) -> Path:
        """*data* written and fsynced to a new private temporary file in the folder. Safe to
        call from a worker thread (a batch overlaps these disk waits with its checks)."""
        return write_temp(self.at(self.folder), data)


def identity(path: Path) -> tuple[int, int, int, int] | None:
    """A regular file's identity (inode, size, modification and change time), or None: any
    write by anything changes it (a rename gives a new inode, and the change time cannot be
    set back)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def read_session_file(path: Path, at: Path | None = None) -> bytes:
    """A session file's bytes: a regular file (never through a link) within the size a
    session may hold; a FIFO, a device, a folder or a huge file planted under a session's
    name is a corrupt session (named, never read). *at*: where to read it (through its
    folder held open). FileNotFoundError passes through."""
    try:
        return read_store_file(path, MAX_SESSION_BYTES + 1024, at)
    except FileNotFoundError:
        raise
    except StoreError as exc:
        raise CorruptSessionError(path, _unread(carried(exc), path)) from None


def _unread(why: str, path: Path) -> str:
    """Why a store file was not read, without its path (the corrupt session's line names
    it once): the why of read_store_file's "path: why", still a message."""
    if isinstance(why, Msg) and why.template == "{0}: {1}" and str(why.args[0]) == str(path):
        reason = why.args[1]
        if isinstance(reason, str):
            return reason
    return why.removeprefix(f"{path}: ")


def file_bytes(session: Session) -> bytes:
    """A session file's bytes: the TinyDB document the storage writes."""
    return jsonio.dumps({SESSION_TABLE: {"1": session.to_dict()}}, indent=None).encode("utf-8")


def parse_document(path: Path, data: bytes) -> dict[str, Any]:
    """The session dict inside a session file's bytes; CorruptSessionError if it is not one."""
    try:
        parsed = jsonio.loads_trusted(data)
    except jsonio.JSONFormatError as exc:
        raise CorruptSessionError(path, carried(exc)) from None
    table = parsed.get(SESSION_TABLE) if isinstance(parsed, dict) else None
    if not isinstance(table, dict) or set(parsed) != {SESSION_TABLE} or list(table) != ["1"]:
        raise CorruptSessionError(path, Msg("not one session document"))
    document = table["1"]
    if not isinstance(document, dict):
        raise CorruptSessionError(path, Msg("not one session document"))
    return document


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


_STORAGE: list[type] = []


def _database(path: Path, shown: Path) -> TinyDB:
    """The session file at *path* (acted on there; named *shown* in messages) as a TinyDB
    database."""
    # TinyDB is imported by the first write: listing and reading never need it.
    from tinydb import TinyDB

    if not _STORAGE:
        _STORAGE.append(_storage_class())
    return TinyDB(path, shown, storage=_STORAGE[0])


def _storage_class() -> type:
    from tinydb.storages import Storage

    class SessionFileStorage(Storage):
        """TinyDB storage that reads strictly and writes atomically (temp, fsync, rename)."""

        def __init__(self, file: Path, shown: Path):
            super().__init__()
            self.path = Path(file)
            self.shown = Path(shown)

        def read(self) -> dict[str, dict[str, Any]] | None:
            try:
                data = read_session_file(self.shown, self.path)
            except FileNotFoundError:
                return None
            # Every read checks the shape too, so a save never writes over what it cannot read.
            document = parse_document(self.shown, data)
            try:
                Session.from_dict(document, keep_events=False)
            except ModelError as exc:
                raise CorruptSessionError(self.shown, carried(exc)) from None
            return {SESSION_TABLE: {"1": document}}

        def write(self, data: dict[str, dict[str, Any]]) -> None:
            encoded = jsonio.dumps(data, indent=None).encode("utf-8")
            check_size(self.shown.stem, encoded)
            atomic_write(self.path, encoded, shown=self.shown)

        def close(self) -> None:
            pass

    return SessionFileStorage
