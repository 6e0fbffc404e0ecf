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

import errno
import os
import stat
from pathlib import Path

from ..fsutil import UnsafePathError, read_regular_file
from .errors import StoreError

# The store's own small files: store.json and a study's log fit in far less.
MAX_FORMAT_BYTES = 64 * 1024
# The summary index: about 300 bytes a session; 64 MB holds some 200,000.
MAX_INDEX_BYTES = 64 * 1024 * 1024


class StoreChangedError(StoreError):
    """A folder of the store was replaced since the store was opened: nothing more is read
    or written there by this process."""


class Folders:
    """The identities of a store's folders as opened (see module)."""

    def __init__(self, root: Path, subfolders: tuple[Path, ...]) -> None:
        self.root = root
        self.subfolders = subfolders
        self.known: dict[Path, tuple[int, int]] | None = None
        self.broken: str | None = None

    def take(self) -> None:
        """Note what each folder is now (those not made yet are noted when first seen)."""
        known: dict[Path, tuple[int, int]] = {}
        for folder in (self.root, *self.subfolders):
            found = self._identity(folder, opening=True)
            if found is not None:
                known[folder] = found
        self.known = known

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
                    f"{folder}: a store's folder is a symbolic link; cjtui works on no store "
                    "whose folders are links"
                )
            raise self._stop(folder, "is now a symbolic link")
        if not stat.S_ISDIR(info.st_mode):
            raise self._stop(folder, "is no longer a folder")
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
                continue
            if now is None:
                raise self._stop(folder, "is gone")
            if now != was:
                raise self._stop(folder, "was replaced by another folder")

    def _stop(self, folder: Path, what: str) -> StoreChangedError:
        self.broken = (
            f"{folder}: {what} since the store was opened; cjtui stops working on this store "
            "(nothing more is read or written there)"
        )
        return StoreChangedError(self.broken)


def read_store_file(path: Path, limit: int) -> bytes:
    """The bytes of one of the store's files: a regular file (never through a link) of at
    most *limit* bytes, else StoreError saying what is there instead. FileNotFoundError
    passes through."""
    try:
        return read_regular_file(path, limit, follow_links=False)
    except UnsafePathError as exc:
        raise StoreError(f"{path}: {_what(exc)}; not read") from None
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _what(exc: UnsafePathError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link where a store file belongs"
    if exc.errno == errno.EFBIG:
        return str(exc.strerror)
    return "not a regular file (a folder, a FIFO or a device)"


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
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
