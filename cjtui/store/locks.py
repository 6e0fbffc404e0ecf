"""The store's locks: one inter-process lock for writes, and one edit lease per session.

Both are flocks, which the kernel drops when a process dies: no lock or lease goes stale.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import Msg
from ..base.fsutil import create_file
from ..domain.model import now_iso
from .errors import SessionBusyError, StoreError

LOCK_FILE = ".lock"


def _lock_fd(path: Path, shown: Path) -> int:
    try:
        return create_file(path)
    except OSError as exc:
        raise StoreError(
            Msg(
                "{0}: {1}: the store's lock cannot be taken (cjtui doctor names what is there)",
                shown,
                exc.strerror or exc,
            )
        ) from None


@contextlib.contextmanager
def store_lock(
    root: Path, waiting: Callable[[str], None] | None = None, shown: Path | None = None
) -> Iterator[None]:
    """Hold the store's inter-process write lock, waiting for it as long as it takes.
    *waiting*, if given, is told once who holds it when it must wait (the holder writes
    who it is into the lock file while it holds it). *shown*: the store's folder as named
    in messages, when *root* is another way to it (through the folder held open)."""
    path = root / LOCK_FILE
    fd = _lock_fd(path, (shown or root) / LOCK_FILE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(lock_holder(fd))
            fcntl.flock(fd, fcntl.LOCK_EX)
        with contextlib.suppress(OSError):  # who holds it, for whoever waits
            os.ftruncate(fd, 0)
            os.pwrite(fd, holder_description().encode("utf-8"), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def lock_holder(fd: int) -> str:
    """Who holds the lock open as *fd*, as it wrote itself into the file."""
    try:
        said = os.pread(fd, 500, 0).decode("utf-8", "replace")
    except OSError:
        said = ""
    said = "".join(c for c in said if c.isprintable()).strip()
    return said or Msg("another process")


def store_lock_holder(root: Path) -> str | None:
    """Who holds the store's write lock now, or None (asking takes it for an instant)."""
    try:
        fd = os.open(
            root / LOCK_FILE,
            os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0),
        )
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return lock_holder(fd)
        return None
    finally:
        os.close(fd)


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


def holder_description() -> str:
    """Who is editing: user@host (pid N) since HH:MM UTC."""
    import getpass
    import socket

    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment
        user = "?"
    return f"{user}@{socket.gethostname()} (pid {os.getpid()}) since {now_iso()}"


def lease_path(folder: Path, session_id: str) -> Path:
    return folder / f"{session_id}.lock"


def acquire(folder: Path, session_id: str, holder: str | None = None) -> Lease:
    """Take the edit lease of a session, or raise SessionBusyError saying who holds it."""
    path = lease_path(folder, session_id)
    try:
        fd = create_file(path)
    except OSError as exc:
        raise StoreError(
            Msg("{0}: {1}: the session cannot be opened", path, exc.strerror or exc)
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        try:
            who = os.pread(fd, 500, 0).decode("utf-8", "replace").strip()
        finally:
            os.close(fd)
        raise SessionBusyError(
            Msg(
                "session {0} is open for editing by {1}",
                session_id[:8],
                who or Msg("another process"),
            )
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, (holder or holder_description()).encode("utf-8"), 0)
    return Lease(session_id, path, fd)


def holder(folder: Path, session_id: str) -> str | None:
    """Who has the session open for editing, or None. Asking creates nothing: whoever holds
    a session's lease holds it on its lease file, so no file means no holder."""
    path = lease_path(folder, session_id)
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError:  # a link or a folder planted there: no lease of cjtui's
        return Msg("something that is not a lease (cjtui doctor names it)")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return Msg("something that is not a lease (cjtui doctor names it)")
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        who = os.pread(fd, 500, 0).decode("utf-8", "replace").strip()
        return who or Msg("another process")
    finally:
        os.close(fd)  # closing drops a lock taken just now
    return None
