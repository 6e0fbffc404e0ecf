"""The TinyDB side of the store: the storage class that reads strictly and writes atomically.

Imported on the first write only (see Store._db), so listing and reading sessions do not pay
for importing TinyDB.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from . import jsonio
from .fsutil import atomic_write
from .model import ModelError, Session
from .store import SESSION_TABLE, CorruptSessionError, StoreError, parse_document


def session_db(path: Path) -> TinyDB:
    return TinyDB(path, storage=SessionFileStorage)


class SessionFileStorage(Storage):
    """TinyDB storage that reads strictly and writes atomically (temp, fsync, rename)."""

    def __init__(self, path: str | Path):
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot read: {exc.strerror or exc}") from None
        # Every read checks the shape too, so a save never writes over a file it cannot read.
        document = parse_document(self.path, data)
        try:
            Session.from_dict(document, keep_events=False)
        except ModelError as exc:
            raise CorruptSessionError(self.path, str(exc)) from None
        return {SESSION_TABLE: {"1": document}}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, jsonio.dumps(data, indent=None).encode("utf-8"))

    def close(self) -> None:
        pass
