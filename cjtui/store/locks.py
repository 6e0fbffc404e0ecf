"""The store's locks: one inter-process lock for writes, and one edit lease per session.

Both are flocks, which the kernel drops when a process dies: no lock or lease goes stale.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..fsutil import create_file
from ..model import now_iso
from .errors import SessionBusyError

LOCK_FILE = ".lock"


@contextlib.contextmanager
def store_lock(root: Path) -> Iterator[None]:
    """Hold the store's inter-process write lock (blocking)."""
    fd = create_file(root / LOCK_FILE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
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
    fd = create_file(path)
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


def holder(folder: Path, session_id: str) -> str | None:
    """Who has the session open for editing, or None. Asking creates nothing: whoever holds
    a session's lease holds it on its lease file, so no file means no holder."""
    path = lease_path(folder, session_id)
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        who = os.pread(fd, 500, 0).decode("utf-8", "replace").strip()
        return who or "another process"
    finally:
        os.close(fd)  # closing drops a lock taken just now
    return None
