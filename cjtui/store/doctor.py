"""Keeping a store healthy: leftovers of interrupted writes cleaned up on their own, and
`cjtui doctor`, which checks every file and says what it found.

A killed process can leave temporary files behind (a write caught between its temp file and
the rename). Each temporary name carries the pid and host of the process that made it, so the
first write of each cjtui process removes those whose process is gone, as SQLite replays a
hot journal: safe while other writers work, since their processes are alive.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.errors import Msg, carried
from ..base.fsutil import FILE_MODE, is_temp_name, temp_owner, this_host
from ..domain.study import MAX_STUDY_BYTES
from .errors import CorruptSessionError, StoreError
from .files import MAX_SESSION_BYTES, UUID_FILE
from .guard import kind_of
from .index import INDEX_FILE
from .locks import LOCK_FILE

if TYPE_CHECKING:
    from .core import Store

# Says why a stored session document would not import again (None: it would).
Check = Callable[[dict[str, Any]], Msg | None]

# A temporary file that does not name its process (older versions) is a leftover once it is
# this old: no write takes that long.
UNNAMED_TEMP_AGE = 15 * 60


@dataclass
class Problem:
    """Something `cjtui doctor` found; ``repaired`` says what --repair did about it."""

    path: Path
    message: str
    repairable: bool
    repaired: str = ""
    unreadable: bool = False  # a session file that cannot be read as a session

    def line(self) -> str:
        if self.repaired:
            return Msg("{0}: {1} -> {2}", self.path, self.message, self.repaired)
        return Msg("{0}: {1}", self.path, self.message)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


def is_leftover(path: Path, now: float | None = None) -> bool:
    """Whether the temporary file *path* was left by a process that is gone."""
    owner = temp_owner(path.name)
    if owner is not None:
        pid, host = owner
        return host == this_host() and not _alive(pid)
    try:
        age = (now or time.time()) - path.lstat().st_mtime
    except FileNotFoundError:
        return False
    return age > UNNAMED_TEMP_AGE


def clean_leftovers(folders: list[tuple[Path, Path]]) -> list[Path]:
    """Remove the temporary files in *folders* left by processes that are gone; the paths
    removed. Files of live processes (another interviewer saving now) are left alone."""
    removed = []
    for shown, folder in folders:  # (as named, where to act: through the folder held open)
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            path = folder / name
            # Only a regular file of cjtui's own naming: never a link, FIFO or folder
            # planted under such a name (doctor names those).
            if is_temp_name(name) and kind_of(path) is None and is_leftover(path):
                try:
                    path.unlink()
                except FileNotFoundError:
                    continue
                removed.append(shown / name)
    return removed


def doctor(
    store: Store,
    *,
    repair: bool = False,
    importable: Check | None = None,
    progress: Callable[[], None] | None = None,
) -> list[Problem]:
    """Every problem in the store; with *repair*, bad session files are moved aside to a
    ``.corrupt`` copy (never deleted) and modes are tightened. Temporary files of live
    writers are not problems; leftovers of dead ones are cleaned by every write anyway."""
    problems: list[Problem] = []
    if store.sharing is not None:  # a shared store: its groups and modes first
        problems += _check_sharing(store, repair)
    planted = _check_kinds(store)
    problems += planted
    # A lock that is not a file cannot be taken: the rest is checked without it.
    lock = (
        contextlib.nullcontext()
        if any(p.path == store.root / LOCK_FILE for p in planted)
        else store.lock()
    )
    odd = {p.path for p in planted}
    old_schema: dict[str, Problem] = {}
    with lock:
        problems += _check_folder(store, odd, old_schema, repair, importable, progress)
        problems += _upgrade_stragglers(store, old_schema, repair)
        for kept, message in store.guide_copies.problems():
            if kept not in odd:
                problems.append(Problem(kept, message, False))
        problems += _check_studies(store, repair, odd)
    return problems


def _check_folder(
    store: Store,
    odd: set[Path],
    old_schema: dict[str, Problem],
    repair: bool,
    importable: Check | None,
    progress: Callable[[], None] | None,
) -> list[Problem]:
    """Every file in the sessions folder; sessions on an earlier schema go to *old_schema*
    (upgraded together afterwards)."""
    problems: list[Problem] = []
    at = store.folders.at
    for name in sorted(os.listdir(at(store.sessions_dir))):
        path = store.sessions_dir / name
        if progress is not None and UUID_FILE.match(name):
            progress()
        if path in odd:
            continue
        if is_temp_name(name):
            # A live writer's file is no problem; one whose writer is gone (or, for a
            # name that does not say, one older than any write takes) is left over.
            if is_leftover(at(path)):
                problem = Problem(path, Msg("temporary file left by an interrupted write"), True)
                if repair:
                    at(path).unlink(missing_ok=True)
                    problem.repaired = Msg("removed")
                problems.append(problem)
            continue
        if name.endswith(".lock") or name.endswith(".corrupt"):
            continue
        if not UUID_FILE.match(name):
            problems.append(Problem(path, Msg("not a session file (left alone)"), False))
            continue
        schema = _old_schema(store, name[:-5])
        if schema is not None:  # repaired by hand after an upgrade passed it by
            old_schema[name[:-5]] = Problem(
                path,
                Msg(
                    "written by an earlier cjtui (schema {0}); doctor --repair upgrades it", schema
                ),
                True,
            )
            continue
        problems += _check_session(store, path, repair, importable)
    return problems


def _old_schema(store: Store, session_id: str) -> int | None:
    """The schema of a session file written by an earlier cjtui, or None (current, or not
    readable: _check_session says why)."""
    from ..domain.model import OLD_SCHEMA_VERSIONS

    try:
        schema = store.files.read(session_id, events=False).get("schema")
    except StoreError:
        return None
    return schema if schema in OLD_SCHEMA_VERSIONS else None


def _upgrade_stragglers(store: Store, found: dict[str, Problem], repair: bool) -> list[Problem]:
    """Sessions left on an earlier schema (damaged when the store was upgraded, repaired by
    hand since); with *repair*, upgraded as the store's upgrade would have, in one step."""
    if not found or not repair:
        return list(found.values())
    from .upgrade import upgrade_sessions

    upgraded, made = upgrade_sessions(store, sorted(found))
    if upgraded:
        store.save_many_locked(upgraded, studies=lambda _staged: made)
    done = {s.id for s in upgraded}
    from ..domain.model import SCHEMA_VERSION

    for session_id, problem in found.items():
        if session_id in done:
            problem.repaired = f"upgraded to schema {SCHEMA_VERSION}"
        else:
            problem.message = Msg(
                "{0} (it cannot be: its content is not valid for that schema)", problem.message
            )
    return list(found.values())


def _check_kinds(store: Store) -> list[Problem]:
    """Everything under a name the store reads that is not a regular file (a FIFO, a
    device, a link, a folder), or is over the size cjtui would read: named, left alone
    (anyone may have planted it; doctor removes nothing it did not write)."""
    from .guard import MAX_FORMAT_BYTES, MAX_INDEX_BYTES
    from .sharing import FORMAT_FILE

    limits = {FORMAT_FILE: MAX_FORMAT_BYTES, INDEX_FILE: MAX_INDEX_BYTES, LOCK_FILE: 4096}
    out: list[Problem] = []
    places = [(store.root / name, limit) for name, limit in limits.items()]
    for folder, limit in (
        (store.sessions_dir, MAX_SESSION_BYTES + 1024),
        (store.studies_dir, MAX_STUDY_BYTES),
        (store.guides_dir, 256 * 1024),
    ):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        places += [(folder / name, limit) for name in names]
    for path, limit in places:
        what = kind_of(path)
        if what is not None:
            out.append(
                Problem(path, Msg("{0} where the store keeps a file (left alone)", what), False)
            )
            continue
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        size = info.st_size
        if path.name.endswith(".lock") and info.st_nlink > 1:  # would truncate its target
            out.append(
                Problem(path, Msg("a hard link to another file where a lock belongs"), False)
            )
            continue
        if size > limit:
            out.append(
                Problem(
                    path,
                    Msg("{0} bytes, over the {1} cjtui reads (left alone)", size, limit),
                    False,
                )
            )
    return out


def _check_studies(store: Store, repair: bool, odd: set[Path]) -> list[Problem]:
    """Each study record that cannot be read (damaged, not a regular file, too big, of
    another study); with *repair*, set aside as ``.corrupt`` (never deleted), saying what is
    lost with it: its title, controller and consent texts, until restored from a backup or
    the other server's record. Its sessions stay and keep their study's id."""
    out: list[Problem] = []
    files = store.studies
    for study_id in files.ids():
        if files.path_of(study_id) in odd:
            continue  # named by _check_kinds
        try:
            files.load(study_id)
        except StoreError as exc:
            path = files.path_of(study_id)
            problem = Problem(path, Msg("study record cannot be read: {0}", exc), True)
            if repair:
                aside = _free_name(store.folders.at(path.with_name(path.name + ".corrupt")))
                os.replace(store.folders.at(path), aside)
                problem.repaired = Msg(
                    "set aside as {0}: its title, controller, contact, retention date, "
                    "consent texts, merges and log are not in the store until it is "
                    "restored (from a backup, or the study record of another server)",
                    aside.name,
                )
            out.append(problem)
    return out


def _check_session(
    store: Store, path: Path, repair: bool, importable: Check | None
) -> list[Problem]:
    here = store.folders.at(path)  # where to act: through the folder held open
    if here.is_symlink() or not here.is_file():
        return [Problem(path, Msg("not a regular file"), False, unreadable=True)]
    problems = []
    mode = here.lstat().st_mode & 0o777
    if mode & 0o077 and store.sharing is None:  # (a shared store's are checked apart)
        problem = Problem(path, Msg("readable by others (mode {0})", format(mode, "o")), True)
        if repair:
            os.chmod(here, FILE_MODE)
            problem.repaired = Msg("mode set to 600")
        problems.append(problem)
    try:
        session = store.load(path.name[:-5])
    except CorruptSessionError as exc:
        problem = Problem(path, exc.reason, True, unreadable=True)
        if repair:
            aside = _free_name(here.with_name(path.name + ".corrupt"))
            os.rename(here, aside)
            problem.repaired = Msg("moved aside to {0}", aside.name)
        return [*problems, problem]
    try:
        store.guide_for(session)
    except StoreError as exc:
        problems.append(Problem(path, carried(exc), False))
    if importable is not None:
        why = importable(store.files.read(session.id))
        if why is not None:
            problems.append(Problem(path, Msg("would not import from an export: {0}", why), False))
    return problems


def _check_sharing(store: Store, repair: bool) -> list[Problem]:
    """A shared store's folders and files that are open to others or not the group's; with
    *repair*, those of this user's own put right (another member's are theirs to fix)."""
    from . import sharing

    assert store.sharing is not None
    found: dict[Path, Problem] = {}
    for path, what, mine in sharing.problems(store.root, store.sharing):
        problem = found.get(path)
        if problem is None:
            problem = found[path] = Problem(path, what, mine)
        else:
            problem.message = Msg("{0}; {1}", problem.message, what)
    if repair:
        for path, problem in found.items():
            if problem.repairable:
                problem.repaired = sharing.repair(path, store.sharing)
    return list(found.values())


def _free_name(path: Path) -> Path:
    """*path*, or *path* with .1, .2 … added if it exists (nothing is ever overwritten)."""
    candidate, n = path, 0
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}")
    return candidate
