"""The store's folders, held to what they were when the store was opened.

An app stays open on a store for hours, and in a store a team shares any member may rename
its folders. A member who swaps ``sessions/`` for a symbolic link (to a colleague's private
store, or to a folder of the group's) must not make the colleague's app list, read or write
there. So the identity (device and inode) of the store's folder and of each subfolder is
taken when the store is opened, and checked again before every listing, read and write: a
folder that is now a link, another folder, or gone stops the store for good
(StoreChangedError, one line), and every file below it is opened without following a link
in its place. Every file the store reads is read only if it is a regular file within its
size limit: a FIFO, a device, a link to one, a folder or a file of gigabytes planted under a
store file's name is refused in one line (see fsutil.read_regular_file).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import weakref
from pathlib import Path

from ..base.errors import Msg
from ..base.fsutil import UnsafePathError, read_regular_file
from .errors import StoreError

# The store's own small files: store.json and a study's log fit in far less.
MAX_FORMAT_BYTES = 64 * 1024
# The summary index: about 300 bytes a session; 64 MB holds some 200,000.
MAX_INDEX_BYTES = 64 * 1024 * 1024


class StoreChangedError(StoreError):
    """A folder of the store was replaced since the store was opened: nothing more is read
    or written there by this process."""


# Where this system shows a process's open files as paths that lead to the very file (or
# folder) opened, whatever its path has become since: Linux's /proc.
_PROC_FDS = "/proc/self/fd"


def _proc_works() -> bool:
    return sys.platform.startswith("linux") and os.path.isdir(_PROC_FDS)


class Folders:
    """The store's folders as opened (see module): each held open, and its identity noted.

    Every file of the store is read, written, listed and renamed through the folder held
    open (:meth:`at`: on Linux, ``/proc/self/fd/N/name``, which leads to the folder opened
    whatever its path leads to now), so a folder swapped between a check and the act still
    gets nothing read from or written to where the swap points; and :meth:`check` stops the
    store for good once a folder's path no longer leads to the folder held.
    """

    def __init__(self, root: Path, subfolders: tuple[Path, ...]) -> None:
        self.root = root
        self.subfolders = subfolders
        self.known: dict[Path, tuple[int, int]] | None = None
        self.broken: str | None = None
        self.fds: dict[Path, int] = {}
        self._closer: object | None = None  # closes the folders held when the store goes

    def take(self) -> None:
        """Note what each folder is now (those not made yet are noted when first seen), and
        hold each open."""
        known: dict[Path, tuple[int, int]] = {}
        for folder in (self.root, *self.subfolders):
            found = self._identity(folder, opening=True)
            if found is not None:
                known[folder] = found
                self._hold(folder, found)
        self.known = known

    def _hold(self, folder: Path, found: tuple[int, int]) -> None:
        if not _proc_works() or folder in self.fds:
            return
        nofollow = 0 if folder == self.root else getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | nofollow)
        except OSError:  # a link (or nothing) there now: swapped since it was looked at
            raise self._stop(folder, Msg("was replaced by another folder")) from None
        info = os.fstat(fd)
        if (info.st_dev, info.st_ino) != found:  # swapped while being opened
            os.close(fd)
            raise self._stop(folder, Msg("was replaced by another folder"))
        self.fds[folder] = fd
        if self._closer is None:
            self._closer = weakref.finalize(self, _close_all, self.fds)

    def at(self, path: Path) -> Path:
        """Where to act on *path* (a held folder, or a file directly in one): through the
        folder held open when this system allows, else *path* itself."""
        fd = self.fds.get(path)
        if fd is not None:
            return Path(f"{_PROC_FDS}/{fd}")
        fd = self.fds.get(path.parent)
        if fd is not None:
            return Path(f"{_PROC_FDS}/{fd}/{path.name}")
        return path

    def _identity(self, folder: Path, *, opening: bool = False) -> tuple[int, int] | None:
        try:
            # The store's own folder may be reached through a link its owner made (a
            # home on another disk); its subfolders never are.
            info = os.stat(folder) if folder == self.root else os.lstat(folder)
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(info.st_mode):
            if opening:
                raise StoreChangedError(
                    Msg(
                        "{0}: a store's folder is a symbolic link; "
                        "cjtui works on no store whose folders are links",
                        folder,
                    )
                )
            raise self._stop(folder, Msg("is now a symbolic link"))
        if not stat.S_ISDIR(info.st_mode):
            raise self._stop(folder, Msg("is no longer a folder"))
        return (info.st_dev, info.st_ino)

    def check(self) -> None:
        """Raise StoreChangedError if a folder is not the one the store was opened with."""
        if self.broken is not None:
            raise StoreChangedError(self.broken)
        if self.known is None:
            return
        for folder in (self.root, *self.subfolders):
            was = self.known.get(folder)
            now = self._identity(folder)
            if was is None:
                if now is not None:
                    self.known[folder] = now  # made since (a store being created)
                    self._hold(folder, now)
                continue
            if now is None:
                raise self._stop(folder, Msg("is gone"))
            if now != was:
                raise self._stop(folder, Msg("was replaced by another folder"))

    def _stop(self, folder: Path, what: str) -> StoreChangedError:
        self.broken = Msg(
            "{0}: {1} since the store was opened; cjtui stops working on this store "
            "(nothing more is read or written there)",
            folder,
            what,
        )
        return StoreChangedError(self.broken)


def _close_all(fds: dict[Path, int]) -> None:
    for fd in fds.values():
        with contextlib.suppress(OSError):
            os.close(fd)
    fds.clear()


def read_store_file(path: Path, limit: int, at: Path | None = None) -> bytes:
    """The bytes of one of the store's files: a regular file (never through a link) of at
    most *limit* bytes, else StoreError saying what is there instead (of *path*; read at
    *at*, the path through its folder held open, when given). FileNotFoundError passes
    through."""
    try:
        return read_regular_file(at or path, limit, follow_links=False)
    except UnsafePathError as exc:
        # (path: why, the why a message of its own: a corrupt session's line names the
        # path once, and says only the why: see cjtui.store.files.read_session_file)
        raise StoreError(Msg("{0}: {1}", path, Msg("{0}; not read", _what(exc)))) from None
    except FileNotFoundError:
        raise
    except OSError as exc:
        reason = Msg("cannot read: {0}", exc.strerror or exc)
        raise StoreError(Msg("{0}: {1}", path, reason)) from None


def _what(exc: UnsafePathError) -> str:
    if exc.errno == errno.ELOOP:
        return Msg("a symbolic link where a store file belongs")
    if exc.errno == errno.EFBIG:
        return str(exc.strerror)
    return Msg("not a regular file (a folder, a FIFO or a device)")


def kind_of(path: Path) -> str | None:
    """What *path* is when it is not a regular file (for doctor); None when it is one."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return Msg("a symbolic link")
    if stat.S_ISDIR(mode):
        return Msg("a folder")
    if stat.S_ISFIFO(mode):
        return Msg("a FIFO")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Msg("a device")
    if stat.S_ISSOCK(mode):
        return "a socket"
    return Msg("not a regular file")
