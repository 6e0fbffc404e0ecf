"""The summary index: one small file (``index.json``) that lets `list`, `report` and the app's
Home show 10,000 sessions without reading them all.

Each row is kept with the identity of the file it was read from: inode, size, modification
and change time. Every listing stats each file (cheap, even for 10,000) and reads again any
whose identity changed, so a file restored, edited, garbled or removed by anything other than
cjtui is noticed by the next listing. The change time cannot be set back by a user (``cp -p``
and ``touch`` keep an old mtime, not an old ctime), and every cjtui write renames a new file
into place (a new inode).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import jsonio
from ..fsutil import atomic_write
from ..model import Session
from .errors import CorruptSessionError, SessionNotFoundError
from .files import UUID_FILE, gc_paused

INDEX_FILE = "index.json"
Summarize = Callable[[Session], list[Any]]
Load = Callable[[str], Session]


def file_identity(info: os.stat_result) -> list[int]:
    return [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


class SummaryIndex:
    def __init__(self, root: Path, folder: Path):
        self.path = root / INDEX_FILE
        self.folder = folder

    def read(self, version: str) -> dict[str, list[Any]]:
        """{session id: [identity, summary]}; {} when missing, damaged or of another shape."""
        try:
            data = jsonio.loads_trusted(self.path.read_bytes())
        except (OSError, jsonio.JSONFormatError):
            return {}  # it is only a cache, rebuilt from the sessions
        if not isinstance(data, dict) or data.get("version") != version:
            return {}
        entries = data.get("sessions")
        return entries if isinstance(entries, dict) else {}

    def write(self, version: str, entries: dict[str, list[Any]]) -> bool:
        data = jsonio.dumps({"version": version, "sessions": entries}, indent=None)
        try:
            atomic_write(self.path, data.encode("utf-8"))
        except OSError:  # a cache that cannot be written is not an error
            return False
        return True

    def summaries(
        self, load: Load, summarize: Summarize, version: str
    ) -> tuple[list[list[Any]], list[CorruptSessionError]]:
        """A summary of every session file, and the problem with each that cannot be read."""
        cached = self.read(version)
        fresh: dict[str, list[Any]] = {}
        problems: list[CorruptSessionError] = []
        changed = False
        with gc_paused():
            try:
                entries = list(os.scandir(self.folder))
            except FileNotFoundError:
                return [], []
            for entry in entries:
                if not UUID_FILE.match(entry.name):
                    continue
                session_id = entry.name[:-5]
                try:
                    identity = file_identity(entry.stat())
                except FileNotFoundError:
                    continue
                known = cached.get(session_id)
                if known and known[0] == identity:
                    fresh[session_id] = known
                    continue
                changed = True
                try:
                    session = load(session_id)
                except CorruptSessionError as exc:
                    problems.append(exc)
                    continue
                except SessionNotFoundError:
                    continue
                fresh[session_id] = [identity, summarize(session)]
        if changed or len(fresh) != len(cached):
            self.write(version, fresh)
        return [item[1] for item in fresh.values()], problems

    def add(self, version: str, summaries: dict[str, list[Any]]) -> None:
        """Put freshly written sessions in the index (best effort: it is a cache)."""
        entries = self.read(version)
        for session_id, row in summaries.items():
            try:
                info = (self.folder / f"{session_id}.json").stat()
            except OSError:
                continue
            entries[session_id] = [file_identity(info), row]
        self.write(version, entries)

    def forget(self, session_id: str) -> None:
        """Remove every trace of a session from the index at once (its alias, interviewer
        …): the row goes, or, if the index cannot be rewritten, the whole index does."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return
        if session_id.encode() not in raw:
            return
        try:
            data = jsonio.loads_trusted(raw)
            del data["sessions"][session_id]
            if self.write(str(data["version"]), data["sessions"]):
                return
        except (jsonio.JSONFormatError, KeyError, TypeError):
            pass
        with contextlib.suppress(OSError):
            self.path.unlink()
