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

from ..base import jsonio
from ..base.fsutil import atomic_write
from ..domain.model import Session
from .errors import CorruptSessionError, SessionNotFoundError, StoreError
from .files import UUID_FILE, gc_paused
from .guard import MAX_INDEX_BYTES, read_store_file

INDEX_FILE = "index.json"
Summarize = Callable[[Session], list[Any]]
Load = Callable[[str], Session]


def _layout(version: str) -> str:
    """The version written in the index: the summary's shape and the row's layout."""
    return f"{version}/{ROW_LAYOUT}"


ROW_LAYOUT = "flat-identity-words"
# A summary field is written as a number into the index's word list when every row has a
# text there and few distinct ones (a status, a guide, an interviewer): 10,000 rows then
# parse into a few hundred strings, not 80,000 (the peak memory of Home).
WORDS_AT_MOST = 0.5  # distinct values per row, at most, for a field to be coded


def file_identity(info: os.stat_result) -> list[int]:
    return [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


class SummaryIndex:
    def __init__(self, root: Path, folder: Path, at: Callable[[Path], Path] = lambda path: path):
        self.path = root / INDEX_FILE
        self.folder = folder
        self.at = at  # where to act on a path: through its folder held open
        # Whether a row's summary is of the shape the summarizer writes (see read).
        # The ids of rows whose summary is not of the shape the summarizer writes.
        self.valid: Callable[[dict[str, Any]], set[str]] | None = None

    def read(self, version: str) -> dict[str, list[Any]]:
        """{session id: [inode, size, mtime, ctime, summary]} (one flat list a session: a
        third less memory than nesting); {} when missing, damaged or of another shape."""
        try:
            raw = read_store_file(self.path, MAX_INDEX_BYTES, self.at(self.path))
            data = jsonio.loads_trusted(raw)
            del raw  # the bytes go before the rows are decoded
            if not isinstance(data, dict) or data.get("version") != _layout(version):
                return {}
            entries = data["sessions"]
            _decode(entries, data["coded"], data["words"])
        except (OSError, StoreError, UnicodeDecodeError, jsonio.JSONFormatError):
            return {}  # it is only a cache, rebuilt from the sessions
        except (KeyError, TypeError, IndexError, AttributeError):
            return {}
        if not isinstance(entries, dict):
            return {}
        # A row anyone could have written: one not of the shape cjtui writes is dropped,
        # so its session is read again from its file.
        kept = {session_id: row for session_id, row in entries.items() if _row_ok(row)}
        if self.valid is not None:
            for session_id in self.valid({i: row[4] for i, row in kept.items()}):
                del kept[session_id]
        return kept

    def write(self, version: str, entries: dict[str, list[Any]]) -> bool:
        coded, words, rows = _encode(entries)
        data = jsonio.dumps(
            {"version": _layout(version), "coded": coded, "words": words, "sessions": rows},
            indent=None,
        )
        try:
            atomic_write(self.at(self.path), data.encode("utf-8"), shown=self.path)
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
        try:
            entries = os.scandir(self.at(self.folder))
        except FileNotFoundError:
            return [], []
        with gc_paused(), entries:
            for entry in entries:  # one at a time: 10,000 entries are not held at once
                name = entry.name
                if not (name.endswith(".json") and UUID_FILE.match(name)):
                    continue
                session_id = name[:-5]
                try:
                    info = entry.stat()
                except FileNotFoundError:
                    continue
                known = cached.get(session_id)
                # The very file the row was read from (inode, size, mtime, ctime): compared
                # inline, as it is 10,000 times.
                if (
                    known
                    and len(known) == 5
                    and known[0] == info.st_ino
                    and known[1] == info.st_size
                    and known[2] == info.st_mtime_ns
                    and known[3] == info.st_ctime_ns
                ):
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
                fresh[session_id] = [*file_identity(info), summarize(session)]
        if changed or len(fresh) != len(cached):
            self.write(version, fresh)
        return [item[4] for item in fresh.values()], problems

    def add(self, version: str, summaries: dict[str, list[Any]]) -> None:
        """Put freshly written sessions in the index (best effort: it is a cache)."""
        entries = self.read(version)
        for session_id, row in summaries.items():
            try:
                info = self.at(self.folder / f"{session_id}.json").stat()
            except OSError:
                continue
            entries[session_id] = [*file_identity(info), row]
        self.write(version, entries)

    def forget(self, session_id: str) -> None:
        """Remove every trace of a session from the index at once (its alias, interviewer
        …): the row goes, or, if the index cannot be rewritten, the whole index does."""
        try:
            raw = read_store_file(self.path, MAX_INDEX_BYTES, self.at(self.path))
        except (OSError, StoreError):
            return
        if session_id.encode() not in raw:
            return
        try:
            data = jsonio.loads_trusted(raw)
            entries = data["sessions"]
            _decode(entries, data["coded"], data["words"])
            del entries[session_id]
            if self.write(str(data["version"]).rsplit("/", 1)[0], entries):
                return
        except (jsonio.JSONFormatError, KeyError, TypeError, IndexError, AttributeError):
            pass
        with contextlib.suppress(OSError):
            self.at(self.path).unlink()


def _row_ok(row: Any) -> bool:
    """Whether an index row is [inode, size, mtime, ctime, summary list]."""
    return (
        type(row) is list
        and len(row) == 5
        and all(type(n) is int for n in row[:4])
        and type(row[4]) is list
    )


def _encode(entries: dict[str, list[Any]]) -> tuple[list[int], list[str], dict[str, list[Any]]]:
    """(the summary fields coded, the words, the rows with those fields as word numbers).
    The rows given are not changed (they are the ones in use)."""
    summaries = [row[4] for row in entries.values() if len(row) == 5]
    width = min((len(summary) for summary in summaries), default=0)
    coded = []
    for n in range(width):
        values = {summary[n] for summary in summaries if type(summary[n]) is str}
        if len(values) <= max(1, len(summaries) * WORDS_AT_MOST) and all(
            type(summary[n]) is str for summary in summaries
        ):
            coded.append(n)
    if not coded:
        return [], [], entries
    numbers: dict[str, int] = {}
    rows = {}
    for session_id, row in entries.items():
        if len(row) != 5:
            continue
        summary = list(row[4])
        for n in coded:
            summary[n] = numbers.setdefault(summary[n], len(numbers))
        rows[session_id] = [*row[:4], summary]
    return coded, list(numbers), rows


def _decode(entries: dict[str, list[Any]], coded: list[int], words: list[str]) -> None:
    """The word numbers of the *coded* fields replaced by their words, in place (every row
    then shares one string for each word). Raises if the index is not of that shape."""
    if not coded:
        return
    for row in entries.values():
        summary = row[4]
        for n in coded:
            summary[n] = words[summary[n]]
