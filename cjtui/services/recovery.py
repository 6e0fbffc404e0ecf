"""Recovery files: the last change of an interview that could not reach its store.

When the interviewer leaves while another process holds the store's lock (a long import, a
stuck colleague), or the store stops being safe to write (its folder replaced), the session
as it stands in memory is kept in the user's own state folder (``recovery/<id>.json``, 0600
in a 0700 folder, never in the store), and the next start on that store takes it back: the
session is written if the store holds it with its audit trail as a beginning of the kept
one (nothing changed there since), and the file goes. A session changed there since, or
deleted, is never overwritten or brought back: the file stays and a line says so.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base import jsonio
from ..base.errors import Msg
from ..base.fsutil import atomic_write, ensure_private_dir, read_regular_file
from ..domain.model import ModelError, Session, now_iso

if TYPE_CHECKING:
    from ..store import Store

MAX_RECOVERY_BYTES = 17 * 1024 * 1024  # a session at its largest, with room


def recovery_dir() -> Path:
    from ..store.prefs import prefs_path

    return prefs_path().parent / "recovery"


def _store_key(root: Path) -> str:
    return os.path.realpath(root)


def keep(root: Path, document: dict[str, Any]) -> Path:
    """Keep *document* (a session's dict form) for the store at *root*; the file's path."""
    folder = recovery_dir()
    ensure_private_dir(folder.parent, follow=False)
    ensure_private_dir(folder, follow=False)  # never through a link planted in its place
    path = folder / f"{document['id']}.json"
    data = {"store": _store_key(root), "kept_at": now_iso(), "session": document}
    atomic_write(path, jsonio.dumps(data, indent=None).encode("utf-8"))
    return path


def take_back(store: Store) -> list[str]:
    """Write back every recovery file kept for *store*; one line for each file looked at."""
    folder = recovery_dir()
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    lines: list[str] = []
    for name in names:
        if not name.endswith(".json"):
            continue
        path = folder / name
        try:
            data = jsonio.loads(read_regular_file(path, MAX_RECOVERY_BYTES, follow_links=False))
            if data.get("store") != _store_key(store.root):
                continue  # another store's
            document = data["session"]
            session = Session.from_dict(document)
        except (OSError, jsonio.JSONFormatError, KeyError, TypeError, AttributeError):
            lines.append(Msg("{0}: not a recovery file cjtui can read; left alone", path))
            continue
        except ModelError as exc:
            lines.append(Msg("{0}: not a session cjtui can take back ({1}); left alone", path, exc))
            continue
        lines.append(_take_one(store, path, session, document))
    return lines


def _take_one(store: Store, path: Path, session: Session, document: dict[str, Any]) -> str:
    from ..store import SessionBusyError, SessionNotFoundError, StoreError

    short = session.id[:8]
    try:
        stored = store.load(session.id)
    except SessionNotFoundError:
        # Deleted on purpose, or moved away for a while by someone: the file is kept (it
        # is the interviewer's own), and they decide.
        return Msg(
            "session {0}: not in the store; not taken back: the recovery file stays at {1} "
            "(delete it if the session was deleted on purpose)",
            short,
            path,
        )
    except StoreError as exc:
        return Msg(
            "session {0}: not taken back ({1}); the recovery file stays at {2}", short, exc, path
        )
    kept_events = document.get("events", [])
    stored_events = stored.to_dict()["events"]
    if stored_events[: len(kept_events)] == kept_events:  # saved after all, or gone on
        path.unlink(missing_ok=True)
        return Msg("session {0}: the store has its last change already", short)
    if kept_events[: len(stored_events)] != stored_events:
        return Msg(
            "session {0}: changed in the store since its last change was kept; not taken "
            "back: the recovery file stays at {1}",
            short,
            path,
        )
    try:
        lease = store.acquire(session.id)
    except SessionBusyError as exc:
        return Msg("session {0}: not taken back now ({1}); the next start tries again", short, exc)
    try:
        store.save_document(session.id, document)
    finally:
        lease.release()
    path.unlink(missing_ok=True)
    return Msg(
        "session {0}: its last change, kept when cjtui could not save it, is taken back", short
    )
