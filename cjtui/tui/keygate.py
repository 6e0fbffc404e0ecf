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

from textual import events
from textual.app import App
from textual.dom import DOMNode

# Longest a key may hold the next one (seconds): a node closed with our callback queued,
# or an action that blocks, never stops the keyboard for longer.
WATCHDOG = 0.75
# Rounds of waiting for screens a key opened or closed to settle.
MAX_ROUNDS = 3


class OrderedKeys(App[Any]):
    """An App that routes key presses and pastes strictly one after another."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Event] = deque()
        self._in_flight = 0  # the number of the key being handled (0: none)
        self._keys_routed = 0
        self._since = 0.0  # when the key in flight was routed

    def _on_mount(self, event: events.Mount) -> None:
        self.set_interval(WATCHDOG / 3, self._watchdog)

    def _watchdog(self) -> None:
        if self._in_flight and time.monotonic() - self._since > WATCHDOG:
            self._release(self._in_flight)

    @property
    def keys_held(self) -> int:
        """Keys read but not yet routed (for tests and the status of a busy app)."""
        return len(self._held) + (1 if self._in_flight else 0)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._in_flight:
                self._held.append(event)
                return
            await self._route(event)
            return
        await super().on_event(event)

    async def _route(self, event: events.Event) -> None:
        self._keys_routed += 1
        number = self._in_flight = self._keys_routed
        self._since = time.monotonic()
        screen = self.screen
        focused = self.focused
        target: DOMNode = focused or screen
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
        """The key has been handled. If it opened or closed a screen, or moved focus, wait
        once more for what that set off (a screen mounting and taking focus, the fields
        told they lost or gained it), then let the next key go."""
        screen, focused = self.screen, self.focused
        if (screen, focused) != was and rounds < MAX_ROUNDS:
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
