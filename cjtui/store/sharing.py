"""A store a team shares on one server: one folder, one group, nothing for others.

``cjtui --db PATH init --group GROUP`` makes one: the folder and its subfolders belong to
GROUP, are setgid and 2770; every file cjtui writes there is 0660 in GROUP whatever the
umask (see fsutil.share). The store's ``store.json`` records the group. Every time such a
store is opened it is checked first, and refused in one line (nothing read or written) when
someone could get at it who should not: a folder or file open to others, a folder of another
group than the recorded one, or the person running cjtui not in the group.
``cjtui doctor --repair`` puts back the modes and groups it can (those of its own files).
A private store (the default) stays exactly as it was: 0700 and 0600, its owner's only.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base import jsonio
from ..base.errors import Msg
from ..base.fsutil import SHARED_DIR_MODE, SHARED_FILE_MODE, is_temp_name, share
from .errors import StoreError

FORMAT_FILE = "store.json"
SUBFOLDERS = ("sessions", "guides", "studies")


@dataclass(frozen=True)
class Sharing:
    """The group a shared store is for."""

    group: str
    gid: int


def read_format(root: Path) -> dict[str, Any]:
    """What ``store.json`` says ({} when there is none, or it is not readable as JSON).
    Something other than a small regular file there (a FIFO, a link, a folder, gigabytes)
    is refused with StoreError: whether the store is shared cannot be known then."""
    from .guard import MAX_FORMAT_BYTES, read_store_file

    try:
        data = jsonio.loads(read_store_file(root / FORMAT_FILE, MAX_FORMAT_BYTES))
    except (OSError, jsonio.JSONFormatError):
        return {}
    return data if isinstance(data, dict) else {}


def sharing_of(root: Path, said: dict[str, Any] | None = None) -> Sharing | None:
    """The store's group if it is shared; None for a private store. *said*: what its
    store.json says, if read already."""
    shared = (said if said is not None else read_format(root)).get("shared")
    if shared is None:
        return None
    group = shared.get("group") if isinstance(shared, dict) else None
    if not isinstance(group, str) or not group:
        raise StoreError(Msg("{0}: 'shared' names no group", root / FORMAT_FILE))
    import grp

    try:
        return Sharing(group, grp.getgrnam(group).gr_gid)
    except KeyError:
        raise StoreError(
            Msg("{0}: shared with group {1}, which this machine does not have", root, group)
        ) from None


def not_yours(root: Path) -> str:
    """Why a store folder this user cannot read is refused: a team's they are not in, or
    someone's private one."""
    info = root.stat()
    if info.st_mode & stat.S_ISGID and info.st_mode & 0o070:
        import grp

        try:
            group = grp.getgrgid(info.st_gid).gr_name
        except KeyError:
            group = str(info.st_gid)
        return Msg("{0}: shared with group {1}, which you are not in", root, group)
    return Msg("{0}: not readable by you", root)


def member(gid: int) -> bool:
    """Whether the person running cjtui is in the group (the superuser counts as one)."""
    return os.getuid() == 0 or os.getgid() == gid or gid in os.getgroups()


def problems(root: Path, sharing: Sharing) -> list[tuple[Path, str, bool]]:
    """What is wrong with a shared store's access: (path, what, whether doctor --repair can
    put it right). Folders must be setgid, of the group, open to it and closed to others;
    files of the group, closed to others."""
    found: list[tuple[Path, str, bool]] = []
    for folder in (root, *(root / name for name in SUBFOLDERS)):
        try:
            info = folder.lstat()
        except FileNotFoundError:
            continue
        if folder != root and not stat.S_ISDIR(info.st_mode):  # never listed through
            found.append((folder, Msg("a symbolic link or a file where a folder belongs"), False))
            continue
        found += _access(folder, info, sharing, folder=True)
        with os.scandir(folder) as entries:  # its files (the root's: lock, index, format)
            for entry in entries:
                if is_temp_name(entry.name) or (folder == root and entry.name in SUBFOLDERS):
                    continue
                found += _access(Path(entry.path), entry.stat(follow_symlinks=False), sharing)
    return found


def _access(
    path: Path, info: os.stat_result, sharing: Sharing, *, folder: bool = False
) -> list[tuple[Path, str, bool]]:
    mode = stat.S_IMODE(info.st_mode)
    mine = info.st_uid == os.getuid()
    out: list[tuple[Path, str, bool]] = []
    if mode & 0o007:
        out.append((path, Msg("open to others (mode {0})", format(mode, "o")), mine))
    if info.st_gid != sharing.gid:
        out.append((path, Msg("of group id {0}, not {1}", info.st_gid, sharing.group), mine))
    if folder and mode & 0o2070 != 0o2070:
        out.append(
            (
                path,
                Msg("not setgid and open to {0} (mode {1})", sharing.group, format(mode, "o")),
                mine,
            )
        )
    elif not folder and stat.S_ISREG(info.st_mode) and mode & 0o060 != 0o060:
        out.append(
            (
                path,
                Msg(
                    "not readable and writable by {0} (mode {1})", sharing.group, format(mode, "o")
                ),
                mine,
            )
        )
    return out


def repair(path: Path, sharing: Sharing) -> str:
    """Put a path's group and mode right (it must be this user's); what was done."""
    folder = path.is_dir() and not path.is_symlink()
    os.chown(path, -1, sharing.gid, follow_symlinks=False)
    os.chmod(path, SHARED_DIR_MODE if folder else SHARED_FILE_MODE)
    mode = format(SHARED_DIR_MODE if folder else SHARED_FILE_MODE, "o")
    return Msg("group {0}, mode {1}", sharing.group, mode)


def enter(root: Path, sharing: Sharing, *, check: bool = True) -> None:
    """Open a shared store: refused in one line when it is not safe (see module), else every
    write below it is made for the group from now on."""
    if not member(sharing.gid):
        raise StoreError(
            Msg("{0}: shared with group {1}, which you are not in", root, sharing.group)
        )
    if check:
        found = problems(root, sharing)
        if found:
            path, what, _ = found[0]
            raise StoreError(
                Msg(
                    "{0}: {1}: a shared store refuses to work so ({2} "
                    "problems; cjtui doctor --repair fixes what it can)",
                    path,
                    what,
                    len(found),
                )
            )
    share(root, sharing.gid)


def make_shared(root: Path, group: str) -> Sharing:
    """Make *root* a store shared with *group* (new, or a private store of this user's,
    whose files then all go to the group): folders 2770, files 0660, recorded in
    store.json. Refused for a group the user is not in."""
    import grp

    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        raise StoreError(Msg("no group {0} on this machine (groupadd {1})", group, group)) from None
    if not member(gid):
        raise StoreError(
            Msg("you are not in group {0}: a store shared with it would lock you out", group)
        )
    sharing = Sharing(group, gid)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here.stat().st_uid != os.getuid():
            raise StoreError(Msg("{0}: belongs to another user; not made shared", here))
        repair(here, sharing)
        for name in filenames:
            if (here / name).lstat().st_uid == os.getuid():
                repair(here / name, sharing)
        dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
    share(root, gid)
    return sharing
