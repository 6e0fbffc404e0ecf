"""The store's errors: each with a one-line message meant for the person at the terminal."""

from __future__ import annotations

from pathlib import Path

from ..errors import CjtuiError


class StoreError(CjtuiError):
    """A store problem, with a one-line message meant for the person at the terminal."""


class CorruptSessionError(StoreError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: corrupt session file ({reason}); it was left untouched")


class SessionNotFoundError(StoreError):
    pass


class SessionBusyError(StoreError):
    """Another process has the session open for editing."""
