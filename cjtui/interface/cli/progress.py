"""Progress of long work on the terminal: one line on stderr, rewritten in place.

Shown only when stderr is a terminal and the work has run for half a second (a small store
never sees it), at most ten times a second, and wiped when the work ends, so that piped
output and logs stay as they were. Counts are said in the interface's language.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from ...base.i18n import number, t

T = TypeVar("T")
DELAY = 0.5  # seconds of work before anything is shown
EVERY = 0.1  # seconds between two updates


class Progress:
    """Counts items of long work and says so (see module). Use as a context manager."""

    def __init__(
        self,
        key: str,
        lang: str,
        total: int | None = None,
        stream: TextIO | None = None,
        *,
        force: bool = False,
    ) -> None:
        self.key, self.lang, self.total = key, lang, total
        self.stream = stream if stream is not None else sys.stderr
        self.on = force or bool(getattr(self.stream, "isatty", lambda: False)())
        self.done = 0
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __call__(self, n: int = 1) -> None:
        self.done += n
        if not self.on:
            return
        now = time.monotonic()
        if now - self.started < DELAY or now - self.shown_at < EVERY:
            return
        self.shown_at = now
        self.show()

    def line(self) -> str:
        done = number(self.done, self.lang)
        if self.total:
            share = min(100, self.done * 100 // self.total)
            total = number(self.total, self.lang)
            return t(self.key + ".of", self.lang, done=done, total=total, share=share)
        return t(self.key, self.lang, done=done)

    def show(self) -> None:
        text = self.line()
        pad = max(0, self.width - len(text))
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self.width = len(text)

    def close(self) -> None:
        """Wipe the line, if one was shown."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0

    def over(self, items: Iterable[T]) -> Iterator[T]:
        """*items*, counting each as it goes by."""
        for item in items:
            yield item
            self()
