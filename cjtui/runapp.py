"""Running the interview app from the command line (`cjtui`, `cjtui interview`): the one
place both entry points share, so neither imports the other."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .guide import Guide
    from .store import Store


def run_app(store: Store, lang: str, guides: list[Guide], resume: str | None) -> int:
    """Open the interview app; when it ends, everything is saved. Returns the exit status."""
    # Textual costs a quarter of a second to import: only the app pays for it.
    from .tui.app import make_app

    app = make_app(store, lang=lang, guides=guides, resume=resume)
    app.run()
    app.close_interview()
    return exit_status(app.return_code)


def exit_status(return_code: int | None) -> int:
    """The process's exit status for how the app ended: 0 when the interviewer quit, 128+N
    after signal N (a dropped connection), and non-zero whenever an error ended it."""
    return return_code or 0
