"""Keys in the order they were typed, each where the screen shows the cursor.

Textual hands a key to the widget focused *when the key is read* and moves on to the next
one at once. A key that moves focus from a widget's own handler (Tab, a binding that opens a
dialog or changes screen, a field that appears) does so only when that widget gets round to
it, so the keys read meanwhile (a burst from a laggy SSH link, or typed while the app was
busy) go to the widget that *had* focus: three answers typed with Tab between them land in
the first. :class:`OrderedKeys` routes one key at a time: the next key is held until the
last one has been handled all the way up (the focused widget, each of its containers, the
screen, the app), and until any screen it opened has settled and taken focus. Then the next
key is given to whatever has focus now.

Each step of that wait is a callback posted behind the key in a node's own message queue,
twice, so that messages the key caused there (an Input's Changed) are handled first.
A watchdog lets the keys go on should a node close with the callback still queued.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from typing import Any

from textual import events, on
from textual.app import App, ScreenStackError
from textual.dom import DOMNode

# Longest a key may hold the next one (seconds): a node closed with our callback queued,
# or an action that blocks, never stops the keyboard for longer.
WATCHDOG = 2.5
# Rounds of waiting for screens a key opened or closed (and the dialogs those open in turn:
# a picker closing, an editor opening) to settle.
MAX_ROUNDS = 5


class OrderedKeys(App[Any]):
    """An App that routes key presses and pastes strictly one after another."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Event] = deque()
        self._in_flight = 0  # the number of the key being handled (0: none)
        self._keys_routed = 0
        self._since = 0.0  # when the key in flight was routed

    @on(events.Mount)
    def _start_watchdog(self) -> None:
        self.set_interval(WATCHDOG / 3, self._watchdog)

    def _watchdog(self) -> None:
        if self._in_flight and time.monotonic() - self._since > WATCHDOG:
            self._release(self._in_flight)

    @property
    def keys_held(self) -> int:
        """Keys read but not yet routed (for tests and the status of a busy app)."""
        return len(self._held) + (1 if self._in_flight else 0)

    def typed_on(self, but: str = "") -> bool:
        """Whether the key being handled is followed, in the same burst, by a printable
        key (other than the characters in *but*): then a letter is part of words being
        typed, not a command (a word typed into a pane of commands must not run them)."""
        following = self._held[0] if self._held else None
        if isinstance(following, events.Paste):
            return True
        return (
            isinstance(following, events.Key)
            and following.is_printable
            and (following.character or "") not in but
        )

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            for each in self._unmeld(event):
                if self._in_flight:
                    self._held.append(each)
                else:
                    await self._route(each)
            return
        await super().on_event(event)

    def _unmeld(self, event: events.Event) -> list[events.Event]:
        """Esc and a letter typed in one burst reach a terminal program as Alt+letter:
        where nothing is bound to that Alt key, they are given back as the two keys."""
        key = event.key if isinstance(event, events.Key) else ""
        if key.startswith("alt+shift+") and len(key) == 11 and key[10].isalpha():
            key = "alt+" + key[10].upper()  # Esc and a capital: Alt+Shift+letter
        if not key.startswith("alt+") or len(key) != 5 or not key[4].isprintable():
            return [event]
        try:
            if event.key in self.screen.active_bindings:  # type: ignore[attr-defined]
                return [event]
        except ScreenStackError:
            return [event]
        char = key[4]
        return [events.Key("escape", "\x1b"), events.Key(char, char)]

    async def _route(self, event: events.Event) -> None:
        try:
            screen = self.screen
        except ScreenStackError:  # the app is closing: nothing is left to take keys
            self._held.clear()
            return
        before = getattr(screen, "before_key", None)
        taken = callable(before) and isinstance(event, events.Key) and before(event)
        self._keys_routed += 1
        number = self._in_flight = self._keys_routed
        self._since = time.monotonic()
        focused = self.focused
        target: DOMNode = focused or screen
        if not taken:  # (a screen that waited for this key, Ctrl+G and a number, took it)
            await super().on_event(event)
        self._hop(number, target.ancestors_with_self, 0, True, (screen, focused), 1)

    def _hop(
        self,
        number: int,
        nodes: Sequence[DOMNode],
        index: int,
        again: bool,
        was: tuple[DOMNode, DOMNode | None],
        rounds: int,
    ) -> None:
        """Wait behind the key in nodes[index]'s queue (twice), then in the next node's."""
        if number != self._in_flight:
            return  # released by the watchdog meanwhile
        if index == len(nodes):
            self._settle(number, was, rounds)
            return
        node = nodes[index]
        step = (index, False) if again else (index + 1, True)
        if not node.call_later(self._hop, number, nodes, step[0], step[1], was, rounds):
            self._hop(number, nodes, index + 1, True, was, rounds)  # a closed queue

    def _settle(self, number: int, was: tuple[DOMNode, DOMNode | None], rounds: int) -> None:
        """The key has been handled. Wait once more down the focused chain, and again while
        a round opens or closes a screen or moves focus, for what that set off (a screen
        mounting and taking focus, the fields told they lost or gained it); then let the
        next key go."""
        try:
            screen, focused = self.screen, self.focused
        except ScreenStackError:
            self._held.clear()
            self._in_flight = 0
            return
        # Always once more down the focused chain: a binding run by the app (Enter on a
        # list) posts its message to the widget after the key went by, and what that
        # message does (a dialog closing and another opening) must land first.
        if ((screen, focused) != was or rounds == 1) and rounds < MAX_ROUNDS:
            nodes: list[DOMNode] = []
            for node in (was[1], focused, screen):
                if node is not None and node.is_attached:
                    nodes += [n for n in node.ancestors_with_self if n not in nodes]
            nodes = [n for n in nodes if n is not self] + [self]
            self._hop(number, nodes, 0, True, (screen, focused), rounds + 1)
            return
        self._release(number)

    def _release(self, number: int) -> None:
        if number != self._in_flight:
            return
        self._in_flight = 0
        if self._held:
            self.call_next(self._route_held)

    async def _route_held(self) -> None:
        if self._in_flight or not self._held:
            return
        await self._route(self._held.popleft())


class TypingGuard:
    """For a widget or screen whose single printable keys are commands (the touchpoint
    pane, Home, a yes/no question, a choice list's Space): words typed there by mistake are
    refused, not run. A printable key is taken as typing when another printable key follows
    it in the same burst, or when it comes within :attr:`TYPING_WINDOW` seconds of a key
    refused as typing; a printable key nothing binds is refused too. Call
    :meth:`guard_typing` first thing in ``on_key``; :meth:`typing_refused` is told once per
    run of typing."""

    TYPING_WINDOW = 1.0
    _typing_until = 0.0

    def guard_typing(self, event: events.Key) -> bool:
        """Refuse *event* if it is typing (stopped, True), else leave it be (False)."""
        if not event.is_printable:
            return False
        node: Any = self
        now = time.monotonic()
        typing = now < self._typing_until
        typed_on = getattr(node.app, "typed_on", None)
        if not typing and callable(typed_on) and typed_on():
            typing = True
        if not typing and event.key in node.screen.active_bindings:
            return False  # a command, on its own
        event.stop()
        event.prevent_default()
        first = now >= self._typing_until  # not already in a run of refused typing
        self._typing_until = now + self.TYPING_WINDOW
        if first:
            self.typing_refused(event)
        return True

    def typing_refused(self, event: events.Key) -> None:
        """Say once that what was typed here was not taken (flash, a notice)."""
