"""The store's errors: each with a one-line message meant for the person at the terminal."""

from __future__ import annotations

from pathlib import Path

from ..base.errors import CjtuiError, Msg


class StoreError(CjtuiError):
    """A store problem, with a one-line message meant for the person at the terminal."""


class CorruptSessionError(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(
            Msg("{0}: corrupt session file ({1}); it was left untouched", path, reason)
        )


class SessionNotFoundError(StoreError):
    pass


class SessionBusyError(StoreError):
    """Another process has the session open for editing."""
