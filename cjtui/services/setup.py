"""Setting a store up and checking it: the use cases behind `cjtui init` and `cjtui doctor`,
each returning what it found for the command line (or any other caller) to say."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.errors import Msg
from ..store import Store, StoreError, default_store_path

if TYPE_CHECKING:
    from ..domain.study import Study
    from ..store.doctor import Problem


def init_store(root: Path | None, group: str | None) -> Store:
    """Make the store at *root* (the default store when None): private, or shared with
    *group* (an existing private store of the caller's becomes shared, every file going to
    the group). A store shared already is refused for another group, and for a private one."""
    from ..store.sharing import make_shared
    from ..store.upgrade import mark_current

    if group is not None and root is not None:
        # Folders made on the way would be private to the caller, locking the team out: the
        # folder that holds the store must exist already (made for the group by whoever
        # administers the server).
        parent = Path(root).expanduser().absolute().parent
        if not parent.is_dir():
            raise StoreError(
                Msg(
                    "{0} does not exist: create it for the group first (mkdir -p {1} && "
                    "chgrp {2} {3} && chmod 2770 {4})",
                    parent,
                    parent,
                    group,
                    parent,
                    parent,
                )  # fmt: skip
            )
    store = Store.open(root)
    shared = store.sharing.group if store.sharing is not None else None
    if shared is not None and shared != group:
        raise StoreError(Msg("{0}: already shared with group {1}", store.root, shared))
    if group is None or shared == group:
        return store
    with store.lock():
        make_shared(store.root, group)
        mark_current(store, shared={"group": group})
    return Store.open(store.root)  # checked as any shared store is from now on


def planted(root: Path | None) -> list[Msg]:
    """For a store that cannot be opened at all: anything planted where it keeps its format
    and its lock (named, never touched)."""
    from ..store.guard import kind_of
    from ..store.locks import LOCK_FILE
    from ..store.sharing import FORMAT_FILE

    folder = root if root is not None else default_store_path()
    found = []
    for name in (FORMAT_FILE, LOCK_FILE):
        what = kind_of(folder / name)
        if what is not None:
            line = Msg("{0}: {1} where the store keeps a file (left alone)", folder / name, what)
            found.append(line)
    return found


@dataclass
class Checkup:
    """What `doctor` found in a store."""

    problems: list[Problem]
    cleaned: list[Path]  # temporary files of interrupted writes, removed (not problems)
    sessions: int
    repair: bool
    expired: list[tuple[Study, int]] = field(default_factory=list)  # past their keeping day

    @property
    def left(self) -> list[Problem]:
        return [p for p in self.problems if not p.repaired]

    @property
    def repaired(self) -> int:
        return len(self.problems) - len(self.left)

    @property
    def repairable(self) -> int:
        return sum(p.repairable for p in self.left)


def check_store(
    store: Store, *, repair: bool, progress: Callable[[], None] | None = None
) -> Checkup:
    """Check every file of *store* (see cjtui.store.doctor), repairing what can be when
    *repair*: each session must also be one an export would import back."""
    from ..exchange import schema_problem
    from .workspace import Workspace

    problems = store.doctor(repair=repair, importable=schema_problem, progress=progress)
    # Readable sessions: the files left, but for those that cannot be read (still there).
    unreadable = {p.path for p in problems if p.unreadable and not p.repaired}
    return Checkup(
        problems=problems,
        cleaned=list(store.cleaned or []),
        sessions=len(store.ids()) - len(unreadable),
        repair=repair,
        expired=Workspace(store).expired_studies(),
    )
