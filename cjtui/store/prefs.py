"""What the interviewer chose last (guide, language, interviewer name, the folder last
exported to), offered again on the next new interview or export. Personal, small and
private: one JSON file in the user's state folder (0600 in a 0700 folder), written
atomically; a missing or damaged file means no defaults."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..base import jsonio
from ..base.fsutil import atomic_write, ensure_private_dir

PREFS_ENV = "CJTUI_STATE"
KEYS = ("guide", "language", "interviewer", "study", "export_dir")
MAX_TEXT = 4096  # a folder's path is the longest


def prefs_path() -> Path:
    """``$CJTUI_STATE/last.json``, else the user state folder's ``cjtui/last.json``."""
    env = os.environ.get(PREFS_ENV)
    if env:
        return Path(env).expanduser() / "last.json"
    from platformdirs import user_state_path

    return user_state_path("cjtui", appauthor=False) / "last.json"


def load_last() -> dict[str, str]:
    """The last choices, each a short string; {} when there are none or the file is bad."""
    try:
        data: Any = jsonio.loads(prefs_path().read_bytes())
    except (OSError, jsonio.JSONFormatError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        k: v for k, v in data.items() if k in KEYS and isinstance(v, str) and len(v) <= MAX_TEXT
    }


def save_last(**choices: str) -> None:
    """Remember *choices* (guide, language, interviewer, study, export_dir) beside the
    others kept; a write that fails is ignored: defaults are a convenience, never a reason
    to stop an interview."""
    data = load_last()
    data.update((k, str(v)[:MAX_TEXT]) for k, v in choices.items() if k in KEYS)
    path = prefs_path()
    try:
        ensure_private_dir(path.parent, follow=False)
        atomic_write(path, jsonio.dumps(data).encode("utf-8"))
    except OSError:
        pass
