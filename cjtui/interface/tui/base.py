"""What every screen of cjtui shares: typed access to the app and to the interview open in
it, so screens say ``self.app.workspace`` and ``self.interview`` and the type checker knows
what they are."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from ...services.interview import Interview
    from .app import CjtuiApp

ResultT = TypeVar("ResultT")


class NoInterviewError(RuntimeError):
    """A screen of an interview was used with no interview open (a bug)."""


def open_interview(app: CjtuiApp, who: object) -> Interview:
    """The interview open in *app*; NoInterviewError names *who* asked when there is none."""
    if app.interview is None:
        raise NoInterviewError(f"{type(who).__name__} needs an open interview")
    return app.interview


class _InApp:
    """Typed access to the cjtui app and its interview, for screens and dialogs alike."""

    if TYPE_CHECKING:
        # Only the type changes: Textual's own `app`, known to be the cjtui app.
        @property
        def app(self) -> CjtuiApp: ...

    @property
    def lang(self) -> str:
        """The interface's language: the one place screens and dialogs learn it from."""
        return self.app.lang

    @property
    def interview(self) -> Interview:
        """The interview open in the app (screens of an interview only)."""
        return open_interview(self.app, self)


# mypy sees the typing-only `app` of _InApp as a second definition beside Textual's; it is
# the same attribute, narrowed.
class AppScreen(_InApp, Screen[ResultT]):  # type: ignore[misc]
    """A full screen of the cjtui app."""


class AppModal(_InApp, ModalScreen[ResultT]):  # type: ignore[misc]
    """A dialog of the cjtui app; it returns its result with dismiss() and opens no file."""
