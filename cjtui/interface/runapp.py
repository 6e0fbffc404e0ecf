"""Running the interview app from the command line (`cjtui`, `cjtui interview`): the one
place both entry points share, so neither imports the other."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.guide import Guide
    from ..store import Store


def run_app(store: Store, lang: str, guides: list[Guide], resume: str | None) -> int:
    """Open the interview app; when it ends, everything is saved. Returns the exit status."""
    # Textual costs a quarter of a second to import: only the app pays for it.
    from ..services.recovery import take_back
    from .tui.app import make_app

    taken = take_back(store)  # last changes that could not reach the store before
    app = make_app(store, lang=lang, guides=guides, resume=resume)
    app.startup_notices = taken
    app.run()
    if app.left_unsaved:
        # The writer may still wait for the store's lock: what it holds is in the recovery
        # file, so the process goes now rather than wait with it.
        _say(app.exit_line)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exit_status(app.return_code))
    app.close_interview()
    _say(app.exit_line)
    return exit_status(app.return_code)


def _say(line: str | None) -> None:
    if line:
        print(line, file=sys.stderr)


def exit_status(return_code: int | None) -> int:
    """The process's exit status for how the app ended: 0 when the interviewer quit, 128+N
    after signal N (a dropped connection), and non-zero whenever an error ended it."""
    return return_code or 0
