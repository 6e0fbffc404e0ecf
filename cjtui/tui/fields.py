"""The widgets of a question form: the rating row (scales and emotions, set with single keys)
and the question field, which picks the fitting Textual widget for each question type.
They own no storage: they post messages upward."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import (
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    TextArea,
)
from textual.widgets.selection_list import Selection

from ..guide import Question
from ..i18n import t
from ..model import clean_text
from .text import lit
from .widgets import text_input


class RatingRow(Widget, can_focus=True):
    """A row of scale points set with single keys (1..9 or the point's own digit) or ← →."""

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
        self,
        points: list[tuple[int, str]],
        value: int | None = None,
        *,
        digits_are_values: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.points = points
        self.value = value
        # A 0..10 scale is typed by its own digits; a -2..+2 scale by 1..5.
        self.digits_are_values = digits_are_values

    def key_for(self, index: int) -> str:
        if self.digits_are_values:
            return str(self.points[index][0])
        return str(index + 1) if index < 9 else ""

    def render(self) -> Content:
        parts = []
        for index, (value, label) in enumerate(self.points):
            key = self.key_for(index)
            text = f" {label} " if not key or key == label else f" {key}:{label} "
            style = "reverse bold" if value == self.value else ""
            parts.append(Content.styled(text, style) if style else Content(text))
        return Content("").join(parts)

    def set_value(self, value: int | None) -> None:
        if value != self.value:
            self.value = value
            self.refresh()
            self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        values = [v for v, _ in self.points]
        if self.value is None:
            index = len(values) // 2 if step > 0 else len(values) // 2
        else:
            index = max(0, min(len(values) - 1, values.index(self.value) + step))
        self.set_value(values[index])

    def action_clear(self) -> None:
        self.set_value(None)

    def on_key(self, event: Any) -> None:
        key = event.key
        if not key.isdigit():
            return
        for index, (value, _) in enumerate(self.points):
            if self.key_for(index) == key:
                self.set_value(value)
                event.stop()
                return


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


class QuestionField(Vertical):
    """One question: its prompt (required ones marked *), help, the fitting widget, and an
    inline message. Posts :class:`QuestionField.Edited` as the answer changes."""

    @dataclass
    class Edited(Message):
        field: QuestionField
        value: Any
        typed: bool  # text being typed (buffer it) rather than a choice made (save at once)

    def __init__(self, stage_id: str, question: Question, value: Any, lang: str) -> None:
        super().__init__(id=f"q-{question.id}", classes="question")
        self.stage_id = stage_id
        self.question = question
        self.value = value
        self.lang = lang

    @property
    def input_id(self) -> str:
        return f"in-{self.question.id}"

    def compose(self) -> ComposeResult:
        q, lang, value = self.question, self.lang, self.value
        prompt = Content.assemble(
            lit(q.prompt_text(lang)), (" *", "bold $error") if q.required else ""
        )
        yield Label(prompt, classes="prompt")
        if q.help_text(lang):
            yield Label(lit(q.help_text(lang)), classes="help")
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
            area = TextArea(str(value or ""), id=wid, soft_wrap=True, compact=True)
            area.show_line_numbers = False
            yield area
        elif q.type == "choice" and len(q.options) > 4:
            yield Select(
                [(lit(o.text(lang)), o.code) for o in q.options],
                value=value if value is not None else Select.NULL,
                prompt=t("stage.choose", lang),
                id=wid,
                compact=True,
            )
        elif q.type in ("choice", "yes_no"):
            with RadioSet(id=wid, classes="inline"):
                if q.type == "yes_no":
                    yield RadioButton(lit(t("key.yes", lang)), value=value is True)
                    yield RadioButton(lit(t("key.no", lang)), value=value is False)
                else:
                    for o in q.options:
                        yield RadioButton(lit(o.text(lang)), value=value == o.code)
        elif q.type == "multi_choice":
            chosen = value if isinstance(value, list) else []
            yield SelectionList[str](
                *[Selection(lit(o.text(lang)), o.code, o.code in chosen) for o in q.options],
                id=wid,
                compact=True,
            )
        elif q.type == "scale":
            lo, hi = int(q.min or 0), int(q.max or 5)
            points = [(v, str(v)) for v in range(lo, hi + 1)]
            yield RatingRow(points, value, digits_are_values=lo >= 0 and hi <= 9, id=wid)
            ends = " — ".join(
                x for x in (q.min_label.get(lang, ""), q.max_label.get(lang, "")) if x
            )
            if ends:
                yield Label(
                    lit(f"{lo} = {q.min_label.get(lang, '')}   {hi} = {q.max_label.get(lang, '')}"),
                    classes="help",
                )
        yield Label("", classes="error")

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
        self._edited(event.text_area.text, typed=True)

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
