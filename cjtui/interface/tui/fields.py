"""The widgets of a question form: the rating row (scales and emotions, set with single keys)
and the question field, which picks the fitting Textual widget for each question type.
They own no storage: they post messages upward."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    TextArea,
)
from textual.widgets.selection_list import Selection

from ...base.i18n import t
from ...base.plain import clean_text
from ...domain.guide import Question, Scale
from ...domain.model import MAX_TEXT
from .keygate import TypingGuard
from .text import face, lit
from .widgets import text_input


# The multi-line field lives here, not in widgets.py: TextArea is costly to import, and
# only the interview's screens need it.
class AnswerArea(TextArea):
    """A multi-line answer field: focus puts the cursor after the last word, and
    Ctrl+End / Ctrl+Home go to the end / start of the whole answer."""

    BINDINGS = [
        Binding("ctrl+end", "answer_end", show=False),
        Binding("ctrl+home", "answer_start", show=False),
    ]

    def on_focus(self) -> None:
        self.action_answer_end()

    def action_answer_end(self) -> None:
        self.move_cursor(self.document.end)

    def action_answer_start(self) -> None:
        self.move_cursor((0, 0))


def text_area(value: str, *, id: str) -> AnswerArea:
    area = AnswerArea(value, id=id, soft_wrap=True, compact=True)
    area.show_line_numbers = False
    return area


class RatingRow(Widget, can_focus=True):
    """A row of rating points, each set with one key (1 for the first point, 2 for the
    next…) or moved through with ← →. The emotion rating: 1–5 give −2…+2, and the row shows
    which key gives which value (``1:-2 😠``)."""

    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("backspace,delete", "clear", show=False),
    ]

    @dataclass
    class Changed(Message):
        row: RatingRow
        value: int | None

        @property
        def control(self) -> RatingRow:
            return self.row

    def __init__(
        self, points: list[tuple[int, str]], value: int | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.points = points
        self.value = value

    @property
    def values(self) -> list[int]:
        return [v for v, _ in self.points]

    def key_for(self, index: int) -> str:
        return str(index + 1) if index < 9 else ""

    def render(self) -> Content:
        parts = []
        for index, (value, label) in enumerate(self.points):
            key = self.key_for(index)
            text = label if not key or key == label else f"{key}:{label}"
            if value == self.value:  # chosen: bracketed, so it reads without colour too
                parts.append(Content.styled(f"[{text}]", "reverse bold"))
            else:
                parts.append(Content(f" {text} "))
        return Content("").join(parts)

    def set_value(self, value: int | None) -> None:
        if value != self.value:
            self.value = value
            self.refresh()
            self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        values = self.values
        if self.value is None or self.value not in values:
            index = len(values) // 2
        else:
            index = max(0, min(len(values) - 1, values.index(self.value) + step))
        self.set_value(values[index])

    def action_clear(self) -> None:
        self.set_value(None)

    def on_key(self, event: Any) -> None:
        self.typed(event)

    def typed(self, event: Any) -> None:
        """A key pressed on the row (one handler: Textual calls ``on_key`` of every class)."""
        if _among_words(self):
            return  # a digit among words being typed: the question refuses them all
        if event.key.isdigit():
            for index, value in enumerate(self.values):
                if self.key_for(index) == event.key:
                    self.set_value(value)
                    event.stop()
                    return


def _among_words(widget: Widget) -> bool:
    """Whether a key on a rating row is followed in the same burst by a printable key
    other than a digit or a minus: then it is part of words being typed, not a rating."""
    typed_on = getattr(widget.app, "typed_on", None)
    return bool(callable(typed_on) and typed_on("0123456789-"))


def emotion_points(scale: Scale, ascii_faces: bool) -> list[tuple[int, str]]:
    """The emotion scale's points as a rating row shows them: ``-2 😠`` … ``+2 😀``."""
    return [
        (
            p.value,
            f"{p.value:+d} {face(p.value, p.face, ascii_faces)}"
            if p.value
            else f"0 {face(0, p.face, ascii_faces)}",
        )
        for p in scale.points
    ]


class ScaleRow(RatingRow):
    """A numeric scale (0–10, 1–7, …) where the key pressed is the value said: 8 gives 8.

    Numbers of more than one digit are typed as such: on 0–10, 1 then 0 gives 10 (the second
    digit follows within :attr:`TYPING_WINDOW` seconds); ``-`` starts a negative number on a
    scale that has them. ← → still move one point. A scale too wide to show point by point
    shows its value between arrows."""

    TYPING_WINDOW = 1.2
    MAX_POINTS_SHOWN = 11

    def __init__(
        self, low: int, high: int, value: int | None = None, *, id: str | None = None
    ) -> None:
        self.low, self.high = low, high
        points = [(v, str(v)) for v in range(low, high + 1)] if self.compact_ok(low, high) else []
        super().__init__(points, value, id=id)
        self._typed = ""
        self._typed_at = 0.0

    @classmethod
    def compact_ok(cls, low: int, high: int) -> bool:
        return high - low + 1 <= cls.MAX_POINTS_SHOWN

    @property
    def values(self) -> list[int]:
        return [v for v, _ in self.points] if self.points else [self.low, self.high]

    def key_for(self, index: int) -> str:
        return str(self.points[index][0])

    def render(self) -> Content:
        if self.points:
            return super().render()
        shown = "—" if self.value is None else str(self.value)
        return Content.assemble(
            " ◀ ", (f" {shown} ", "reverse bold"), f" ▶  ({self.low}–{self.high})"
        )

    def action_move(self, step: int) -> None:
        self._typed = ""
        if self.points:
            super().action_move(step)
            return
        if self.value is None:
            self.set_value((self.low + self.high) // 2)
        else:
            self.set_value(max(self.low, min(self.high, self.value + step)))

    def typed(self, event: Any) -> None:
        key = event.character or ""
        if not (key.isdigit() and key.isascii()) and key != "-" or _among_words(self):
            return
        event.stop()
        now = time.monotonic()
        recent = now - self._typed_at <= self.TYPING_WINDOW
        self._typed_at = now
        if key == "-":
            self._typed = "-" if self.low < 0 else ""
            return
        for typed in ((self._typed + key) if recent else key, key):
            number = int(typed) if typed.lstrip("-") else None
            if number is not None and self.low <= number <= self.high:
                self._typed = typed
                self.set_value(number)
                return
            if not self._could_grow(typed):
                continue
            self._typed = typed  # a prefix of a value in range: wait for the next digit
            return
        self._typed = ""
        self.app.bell()

    def _could_grow(self, typed: str) -> bool:
        """Whether more digits after *typed* could still give a value on the scale."""
        if typed in ("", "-") or typed.lstrip("-").startswith("0"):
            return False
        sign = -1 if typed.startswith("-") else 1
        digits = typed.lstrip("-")
        for extra in range(1, len(str(max(abs(self.low), abs(self.high)))) + 1):
            lo_n, hi_n = int(digits + "0" * extra), int(digits + "9" * extra)
            lo_v, hi_v = sorted((sign * lo_n, sign * hi_n))
            if hi_v >= self.low and lo_v <= self.high:
                return True
        return False


class ChoiceButton(RadioButton):
    """A radio button whose state reads without colour: ● when chosen, blank when not
    (also in a plain capture of the terminal)."""

    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "●" if self.value else " "
        super().watch_value()


class TickBox(Checkbox):
    """A checkbox whose state reads without colour: X when ticked, blank when not."""

    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()


class ChoiceSet(RadioSet):
    """A single choice. Focus opens it on the option chosen (not the first), and ← → stop
    at the ends rather than wrap round to the other end."""

    def _highlighted(self) -> int:
        buttons = list(self.query(RadioButton))
        return next((n for n, b in enumerate(buttons) if b.has_class("-selected")), 0)

    def _move_to(self, index: int) -> None:
        now = self._highlighted()
        while now != index:
            step = 1 if index > now else -1
            if step > 0:
                super().action_next_button()
            else:
                super().action_previous_button()
            if self._highlighted() == now:
                return  # nothing more to move to
            now = self._highlighted()

    def on_focus(self) -> None:
        if self.pressed_index >= 0:
            self._move_to(self.pressed_index)

    def action_next_button(self) -> None:
        if self._highlighted() < len(self.query(RadioButton)) - 1:
            super().action_next_button()
        else:
            self.app.bell()

    def action_previous_button(self) -> None:
        if self._highlighted() > 0:
            super().action_previous_button()
        else:
            self.app.bell()


class TickList(SelectionList[str]):
    """A multiple choice whose ticks read without colour: ✓ in the box of a chosen option."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if len(segments) < 3 or index >= self.option_count:
            return line
        chosen = self.get_option_at_index(index).value in self.selected
        inner = segments[1]
        segments[1] = type(inner)("✓" if chosen else " ", inner.style, inner.control)
        return Strip(segments, line.cell_length)


def parse_number(text: str) -> int | float | None:
    """A whole or decimal number (comma or point), or None."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


class QuestionField(TypingGuard, Vertical):
    """One question: its prompt (required ones marked *), help, the fitting widget, and an
    inline message. Posts :class:`QuestionField.Edited` as the answer changes."""

    @dataclass
    class Edited(Message):
        field: QuestionField
        value: Any
        typed: bool  # text being typed (buffer it) rather than a choice made (save at once)

    def __init__(
        self,
        stage_id: str,
        question: Question,
        value: Any,
        lang: str,
        *,
        perspective: str = "customer",
        key: str = "",
        prompt: str | None = None,
        scale: Scale | None = None,
        ascii_faces: bool = False,
    ) -> None:
        self.key = key or question.id  # the field's name on screen (#q-KEY, #in-KEY)
        # The question as put to this participant (see Interview.prompt), when given.
        self.prompt = prompt
        super().__init__(id=f"q-{self.key}", classes="question")
        self.stage_id = stage_id
        self.question = question
        self.value = value
        self.lang = lang
        self.perspective = perspective  # staff are asked in the internal wording
        self.scale = scale  # the guide's emotion scale, for an emotion question
        self.ascii_faces = ascii_faces

    @property
    def input_id(self) -> str:
        return f"in-{self.key}"

    def compose(self) -> ComposeResult:
        q, lang, value = self.question, self.lang, self.value
        said = self.prompt if self.prompt is not None else q.prompt_text(lang, self.perspective)
        prompt = Content.assemble(lit(said), (" *", "bold $error") if q.required else "")
        yield Label(prompt, classes="prompt")
        hint = self._hint()
        if hint:
            yield Label(lit(hint), classes="help")
        wid = self.input_id
        # Stored text goes into editable fields cleaned: an editor shows what it holds as is,
        # escape sequences and all.
        if isinstance(value, str):
            value = clean_text(value)
        if q.type == "text":
            yield text_input(str(value or ""), id=wid)
        elif q.type == "number":
            yield text_input("" if value is None else str(value), id=wid)
        elif q.type == "long_text":
            yield text_area(str(value or ""), id=wid)
        elif q.type == "choice" and len(q.options) > 4:
            yield Select(
                [(lit(o.text(lang)), o.code) for o in q.options],
                value=value if value is not None else Select.NULL,
                prompt=t("stage.choose", lang),
                id=wid,
                compact=True,
            )
        elif q.type in ("choice", "yes_no"):
            with ChoiceSet(id=wid, classes="inline"):
                if q.type == "yes_no":
                    yield ChoiceButton(lit(t("key.yes", lang)), value=value is True)
                    yield ChoiceButton(lit(t("key.no", lang)), value=value is False)
                else:
                    for o in q.options:
                        yield ChoiceButton(lit(o.text(lang)), value=value == o.code)
        elif q.type == "multi_choice":
            chosen = value if isinstance(value, list) else []
            yield TickList(
                *[Selection(lit(o.text(lang)), o.code, o.code in chosen) for o in q.options],
                id=wid,
                compact=True,
            )
        elif q.type in ("scale", "emotion"):
            yield from self._rating_row(value)
        yield Label("", classes="error")

    def _rating_row(self, value: Any) -> ComposeResult:
        """A scale question's row of points, or the emotion scale's for an emotion one."""
        q, lang, wid = self.question, self.lang, self.input_id
        if q.type == "emotion" and self.scale is not None:
            # How they felt at the start: the emotion scale, set as a touchpoint's rating is.
            points = emotion_points(self.scale, self.ascii_faces)
            yield RatingRow(points, value if isinstance(value, int) else None, id=wid)
            words = " · ".join(f"{n}: {p.text(lang)}" for n, p in enumerate(self.scale.points, 1))
            yield Label(lit(words), classes="help")
            return
        lo, hi = int(q.min or 0), int(q.max or 5)
        yield ScaleRow(lo, hi, value, id=wid)
        ends = [
            f"{n} = {words}"
            for n, words in ((lo, q.min_label.get(lang, "")), (hi, q.max_label.get(lang, "")))
            if words
        ]
        ui = getattr(self.app, "lang", self.lang)
        keys = t("stage.scale_keys_10" if hi >= 10 else "stage.scale_keys", ui, low=lo, high=hi)
        yield Label(lit("   ".join([*ends, keys])), classes="help")

    def _hint(self) -> str:
        """The line under the prompt. The guide's hint is written for the customer's
        wording ("what happened, not what usually happens"); staff, asked in the internal
        wording what they believe of the customer, get a hint that fits it."""
        if self.perspective == "internal" and self.question.internal:
            return t("stage.staff_hint", self.lang)
        return self.question.help_text(self.lang)

    def typed_value(self) -> tuple[bool, Any]:
        """(True, value) with what a text field holds now; (False, None) for other widgets
        or a number that does not parse."""
        if self.question.type not in ("text", "long_text", "number"):
            return False, None
        widget = self.query_one(f"#{self.input_id}")
        text = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        if self.question.type != "number":
            return True, text
        if not text.strip():
            return True, None
        number = parse_number(text)
        if number is None or self.question.check(number) is not None:
            return False, None
        return True, number

    def show_error(self, message: str) -> None:
        # Called on every keystroke: only touch the DOM when the message changes, as an
        # update would otherwise lay the whole form out again for each character.
        if message == getattr(self, "_error", None):
            return
        self._error = message
        label = self.query_one(".error", Label)
        label.update(lit(message))
        label.display = bool(message)
        self.set_class(bool(message), "-invalid")

    def on_mount(self) -> None:
        self.show_error("")

    def on_key(self, event: events.Key) -> None:
        """A printable key that reached the question unused (a letter on a scale or a
        choice), or words typed onto a choice (a Space among letters must not tick an
        option), is refused aloud: the row flashes and a notice says what the field takes,
        so words typed here are never silently lost nor put elsewhere."""
        if self.question.type in ("text", "long_text", "number"):
            return
        self.guard_typing(event)

    def typing_refused(self, event: events.Key) -> None:
        self.add_class("-refused")
        self.set_timer(0.6, lambda: self.remove_class("-refused"))
        ui = getattr(self.app, "lang", self.lang)
        kind = "scale" if self.question.type in ("scale", "emotion") else "choice"
        self.notify(t(f"stage.refused_{kind}", ui), severity="warning", timeout=4)

    def _edited(self, value: Any, typed: bool) -> None:
        self.value = value
        self.post_message(self.Edited(self, value, typed))

    @on(Input.Changed)
    def _input(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value
        if self.question.type != "number":
            self._edited(text, typed=True)
            return
        if not text.strip():
            self.show_error("")
            self._edited(None, typed=True)
            return
        number = parse_number(text)
        if number is None:
            self.show_error(t("stage.number", self.lang))
            return
        problem = self.question.check(number)
        if problem is not None:
            self.show_error(
                t("stage.range", self.lang, min=self.question.min, max=self.question.max)
            )
            return
        self.show_error("")
        self._edited(number, typed=True)

    @on(TextArea.Changed)
    def _area(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if len(text) > MAX_TEXT:
            # Said where it is, and not taken: what was saved stays, the text stays here.
            ui = getattr(self.app, "lang", self.lang)
            self.show_error(t("stage.too_long", ui, n=len(text), max=MAX_TEXT))
            return
        if getattr(self, "_error", ""):
            self.show_error("")
        self._edited(text, typed=True)

    @on(Select.Changed)
    def _select(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        if value != self.value:
            self._edited(value, typed=False)

    @on(RadioSet.Changed)
    def _radio(self, event: RadioSet.Changed) -> None:
        event.stop()
        index = event.index
        if self.question.type == "yes_no":
            value: Any = index == 0
        else:
            value = self.question.options[index].code
        if value != self.value:
            self._edited(value, typed=False)

    @on(SelectionList.SelectedChanged)
    def _multi(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        value = [o.code for o in self.question.options if o.code in chosen]
        if value != (self.value or []):
            self._edited(value or None, typed=False)

    @on(RatingRow.Changed)
    def _rating(self, event: RatingRow.Changed) -> None:
        event.stop()
        self._edited(event.value, typed=False)
