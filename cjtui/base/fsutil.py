"""Private, atomic file writes: the only way cjtui puts bytes on disk.

Interview data is personal, so every folder cjtui creates is 0700 and every file 0600,
whatever the umask; in a store a team shares (see share), folders are 2770 and files 0660,
in the store's group, and still nothing is for others. Every write goes to a temporary file
in the target's folder, is fsynced, and is renamed over the target, so a killed process
leaves the old file or the new one, never a torn one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from .errors import Msg

DIR_MODE = 0o700
FILE_MODE = 0o600
# A store shared by a team (cjtui init --group): its folders setgid and group-writable,
# its files group-readable and -writable, nothing for others.
SHARED_DIR_MODE = 0o2770
SHARED_FILE_MODE = 0o660
TEMP_PREFIX = ".cjtui-"
TEMP_SUFFIX = ".tmp"

# The shared stores this process has opened: their folder -> their group's id. Every file
# cjtui writes below one of them is made 0660 and given that group (whatever the umask);
# everywhere else, 0600 as always.
_SHARED: dict[str, int] = {}


def share(root: Path, gid: int) -> None:
    """Write everything below *root* for its group *gid* (see SHARED_FILE_MODE)."""
    _SHARED[os.path.abspath(root)] = gid


def shared_gid(path: Path | str) -> int | None:
    """The group that files in *path* (a folder, or a file in one) are written for; None
    for a private place."""
    if not _SHARED:
        return None
    where = os.path.abspath(path)
    if where.startswith("/proc/self/fd/"):  # a store's folder held open: where it is now
        where = os.path.realpath(where)
    for root, gid in _SHARED.items():
        if where == root or where.startswith(root + os.sep):
            return gid
    return None


def set_file_access(fd: int, folder: Path | str) -> None:
    """Give a file cjtui has just created in *folder* its mode (and group, in a shared
    store), whatever the umask."""
    gid = shared_gid(folder)
    if gid is None:
        os.fchmod(fd, FILE_MODE)
        return
    if os.fstat(fd).st_gid != gid:
        os.fchown(fd, -1, gid)
    os.fchmod(fd, SHARED_FILE_MODE)


def create_file(path: Path, flags: int = os.O_RDWR) -> int:
    """Open *path*, creating it when it is not there (a lock or lease file); never through
    a symbolic link, and only if it is a regular file (UnsafePathError). Private, it is
    created 0600 (or stricter, by the umask); in a shared
    store, one of this user's is given the group's mode and group (another member's is
    theirs to keep so)."""
    nonblock = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted there never waits
    fd = os.open(path, flags | os.O_CREAT | nonblock | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise UnsafePathError(errno.EINVAL, Msg("not a regular file"), str(path))
    if info.st_nlink > 1:  # a hard link to another file (a session): never truncated
        os.close(fd)
        raise UnsafePathError(errno.EMLINK, Msg("is a hard link to another file"), str(path))
    if _SHARED and shared_gid(path.parent) is not None and os.fstat(fd).st_uid == os.getuid():
        with contextlib.suppress(OSError):
            set_file_access(fd, path.parent)
    return fd


class UnsafePathError(OSError):
    """A target that cjtui will not write to (a symlink, a FIFO, someone else's folder)."""


def ensure_private_dir(path: Path, *, follow: bool = True) -> list[str]:
    """Create *path* (and parents cjtui makes) as 0700; tighten an existing looser folder.

    Returns warnings about what was fixed. Refuses a folder owned by another user, and,
    unless *follow*, a symbolic link in its place (never made private where it points).
    """
    warnings: list[str] = []
    gid = shared_gid(path)
    if not path.exists():
        missing: list[Path] = []
        probe = path
        while not probe.exists():
            missing.append(probe)
            probe = probe.parent
        for folder in reversed(missing):
            with contextlib.suppress(FileExistsError):
                folder.mkdir(mode=DIR_MODE)
            if gid is not None and shared_gid(folder) == gid:
                os.chown(folder, -1, gid)
                os.chmod(folder, SHARED_DIR_MODE)
            else:
                os.chmod(folder, DIR_MODE)
        return warnings
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        if not follow:
            raise UnsafePathError(
                errno.ELOOP, Msg("is a symbolic link; not following it"), str(path)
            )
        info = path.stat()
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePathError(errno.ENOTDIR, Msg("not a folder"), str(path))
    if gid is not None:  # a shared store's folder: checked as a whole when it is opened
        return warnings
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise UnsafePathError(errno.EPERM, Msg("folder belongs to another user"), str(path))
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, DIR_MODE)
        warnings.append(
            Msg(
                "{0}: tightened permissions from {1} to 700",
                path,
                format(stat.S_IMODE(info.st_mode), "o"),
            )
        )
    return warnings


def fsync_dir(folder: Path) -> None:
    """Make a rename in *folder* durable."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_target(path: Path, *, overwrite: bool) -> None:
    """Refuse to write over a symlink or a non-regular file, or an existing file unless asked."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePathError(
            errno.ELOOP, Msg("is a symbolic link; not writing through it"), str(path)
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePathError(errno.EINVAL, Msg("is not a regular file"), str(path))
    if not overwrite:
        raise FileExistsError(
            errno.EEXIST, Msg("already exists (use --force to replace it)"), str(path)
        )


def current_user() -> str:
    """The user running cjtui, by their user id (not by an environment variable anyone can
    set): what the audit trail records as having made a change."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):  # no such user in the password database, or not POSIX
        import getpass

        try:
            return getpass.getuser()
        except Exception:  # no user name in this environment
            return ""


_HOST: list[str] = []


def _owner_tag() -> str:
    """This process as it is written into its temporary files' names: pid and host."""
    if not _HOST:
        import socket

        name = "".join(c for c in socket.gethostname() if c.isalnum() or c in "-.")
        _HOST.append(name[:40] or "host")
    return f"{os.getpid()}@{_HOST[0]}"


def temp_owner(name: str) -> tuple[int, str] | None:
    """(pid, host) of the process that made the temporary file *name*; None when the name
    does not say (files left by versions that did not write it)."""
    if not is_temp_name(name):
        return None
    middle = name[len(TEMP_PREFIX) : -len(TEMP_SUFFIX)]
    tag, _, _rand = middle.rpartition("~")
    pid, _, host = tag.partition("@")
    if not pid.isdigit() or not host:
        return None
    return int(pid), host


def this_host() -> str:
    return _owner_tag().partition("@")[2]


def make_temp(folder: Path) -> tuple[int, Path]:
    """A new temporary file in *folder* (O_EXCL; 0600, or 0660 and the group's in a shared
    store): its fd and path.

    Its name carries the pid and host of this process, so that a later cjtui can tell a
    leftover of a process that is gone (and remove it) from a file still being written.
    (tempfile.mkstemp does the same, but importing tempfile costs start-up time.)
    """
    owner = _owner_tag()
    for _ in range(100):
        path = folder / f"{TEMP_PREFIX}{owner}~{os.urandom(6).hex()}{TEMP_SUFFIX}"
        try:
            flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(path, flags, FILE_MODE)
        except FileExistsError:
            continue
        try:
            set_file_access(fd, folder)  # 0600 whatever the umask; the group's when shared
        except BaseException:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        return fd, path
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def write_temp(folder: Path, data: bytes) -> Path:
    """*data* written and fsynced to a new private temporary file in *folder* (for a batch
    to rename into place); removed again if the write fails."""
    fd, path = make_temp(folder)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink()
        raise
    os.close(fd)
    return path


def _about(exc: OSError, path: Path, written: tuple[int, int] | None = None) -> OSError:
    """*exc* said of *path*: the file a person asked for, not a temporary name; *written*:
    how many bytes of how many got out before it failed (nothing of them is kept)."""
    reason: str = exc.strerror or str(exc)
    if written is not None:
        reason = Msg("{0} ({1} of {2} bytes written; nothing kept)", reason, *written)
    said = OSError(exc.errno, reason)
    said.filename = str(path)
    return said


def atomic_write(
    path: Path, data: bytes, *, overwrite: bool = True, shown: Path | None = None
) -> None:
    """Write *data* to *path* atomically as a 0600 file (0660 and the group's, in a shared
    store: see share). *shown*: the path to name in errors, when *path* is another way to
    it (through a folder held open).

    On any error the target is untouched and the temporary file is removed.
    """
    path = Path(path)
    named = shown or path
    try:
        check_target(path, overwrite=overwrite)
    except OSError as exc:
        exc.filename = str(named)
        raise
    folder = path.parent
    try:
        fd, tmp = make_temp(folder)
    except OSError as exc:
        raise _about(exc, named) from None
    done = 0
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
            done += written
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if not overwrite:
            # link() fails if the target appeared meanwhile: never replace a file silently.
            os.link(tmp, path)
            tmp.unlink()
        else:
            os.replace(tmp, path)
    except BaseException as exc:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
            # Said of the file asked for (never the temporary one), with how far it got.
            raise _about(exc, named, (done, len(data))) from None
        raise
    fsync_dir(folder)


def is_temp_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def open_regular(path: Path, *, follow_links: bool = True) -> tuple[int, int]:
    """Open *path* for reading if it is a regular file: its fd and size. A FIFO, a device or
    a folder (and, unless *follow_links*, a symbolic link) is refused before it is opened,
    since opening one can wait for ever or act on it, and again after, in case it was
    swapped in between. UnsafePathError says which; other OSErrors pass through."""
    info = os.stat(path) if follow_links else os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePathError(
            errno.ELOOP, Msg("is a symbolic link; give the file itself"), str(path)
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePathError(errno.EINVAL, Msg("not a regular file"), str(path))
    nofollow = 0 if follow_links else getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | nofollow)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnsafePathError(errno.EINVAL, Msg("not a regular file"), str(path))
    return fd, info.st_size


def read_regular_file(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """The bytes of *path* if it is a regular file (see open_regular) of at most *limit*
    bytes; a file over the limit is refused before anything is read. A file of a store is
    read with *follow_links* False: a link planted in its place is refused, not followed."""
    fd, size = open_regular(path, follow_links=follow_links)
    try:
        if size > limit:
            raise UnsafePathError(
                errno.EFBIG, Msg("{0} bytes is over the limit of {1}", size, limit), str(path)
            )
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while being read
            raise UnsafePathError(errno.EFBIG, Msg("over the limit of {0} bytes", limit), str(path))
        return data
    finally:
        os.close(fd)
