"""The touchpoint editor: every field of one touchpoint, saved as it changes, its rows
reached with Ctrl+G and their number, the line to read aloud above the rating."""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantFocus
from textual.suggester import SuggestFromList
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    Select,
    Static,
    TextArea,
)

from ....base.i18n import channel_label, t
from ....base.plain import clean_text, one_line
from ....domain.model import PAIN_KINDS, PROCESS_PROBLEMS, SEVERITIES, Touchpoint
from ....services.interview import TouchpointEditor
from ..base import AppModal
from ..fields import RatingRow, TickBox, emotion_points, text_area
from ..text import lit, settle_cursors
from ..widgets import KeyBar, text_input


class KeyedSelect(Select[Any]):
    """A dropdown whose options are numbered: the digit chooses at once, without opening it
    (1 for the first option…). Its options are (label, value) pairs, as Select's."""

    def __init__(self, options: list[tuple[Content, Any]], **kwargs: Any) -> None:
        self.codes = [value for _, value in options]
        numbered = [
            (Content.assemble((f"{n} ", "bold"), label) if n <= 9 else label, value)
            for n, (label, value) in enumerate(options, 1)
        ]
        super().__init__(numbered, **kwargs)

    def on_key(self, event: events.Key) -> None:
        key = event.character or ""
        if self.expanded or not (key.isdigit() and key.isascii()):
            return
        n = int(key)
        if 1 <= n <= min(9, len(self.codes)):
            event.stop()
            event.prevent_default()
            self.value = self.codes[n - 1]


# The editor's rows, each reached at once with Alt and its number (shown before its label);
# pressing a row's key again goes on to the next field of that row.
EDITOR_ROWS: tuple[tuple[str, ...], ...] = (
    ("name",),
    ("channel", "channel_name"),
    ("emotion", "expected"),
    ("pain", "pain_kind", "severity"),
    ("quote",),
    ("note",),
    ("process", "process_problem"),
    ("owner",),
    ("opportunity",),
)
TEXT_FIELDS = ("name", "channel_name", "quote", "note", "process", "owner", "opportunity")


class TouchpointModal(AppModal[Touchpoint]):
    """Every field of one touchpoint, saved as it changes through the editor it is given
    (typed text is held by the interview like any answer, choices are saved at once). Esc
    closes and returns the touchpoint as edited. Ctrl+G and a row's number (or Alt and
    it, where the terminal sends Alt keys as such) go straight to that row."""

    BINDINGS = [
        Binding("escape", "close", "key.close"),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
        Binding("ctrl+g", "goto", "key.editor_rows", key_display="^g 1…9"),
        *[Binding(f"alt+{n}", f"row({n})", show=False) for n in range(1, len(EDITOR_ROWS) + 1)],
        # On to the next or previous stage: the editor closes first, everything kept.
        Binding("ctrl+n", "stage(1)", show=False),
        Binding("ctrl+p", "stage(-1)", show=False),
    ]
    HELP = "help.editor"

    _goto = False  # Ctrl+G pressed: the next key, a digit, is a row's number
    _moved = False  # a row's key has been pressed since the editor opened

    def __init__(self, editor: TouchpointEditor, *, focus: str = "emotion") -> None:
        super().__init__(classes="modal")
        self.editor = editor
        self.tp = editor.touchpoint
        self.first_focus = focus
        session = editor.interview.session
        record, _ = session.find_touchpoint(self.tp.id)
        stage = None if record.added else editor.guide.stage(record.id)
        # What the customer had expected, next to how it felt: where the guide asks it, in a
        # customer's interview of what happened (before one, the rating is the expectation).
        self.asks_expected = bool(
            stage is not None
            and stage.expectation
            and session.perspective == "customer"
            and session.moment != "before"
        )
        self.perspective = session.perspective
        self.moment = session.moment

    def _label(self, row: int, key: str) -> Label:
        return Label(Content.assemble((f"{row} ", "bold"), lit(t(key, self.lang))))

    def compose(self) -> ComposeResult:
        app = self.app
        lang = app.lang
        guide = self.editor.guide
        tp = self.tp
        points = emotion_points(guide.scale, app.ascii_faces)
        keys = "1–" + str(min(9, len(points)))
        with Vertical(classes="dialog editor"):
            yield Static(lit(t("tp.edit_title", lang)), classes="dialog-title")
            # The line read to the participant before the rating, naming the touchpoint.
            yield Static(lit(self._aloud()), id="tp-aloud", classes="aloud")
            with VerticalScroll(classes="editor-form"), Grid(classes="form"):
                yield self._label(1, "tp.name")
                name = text_input(clean_text(tp.name), id="tp-name")
                # The names the study already uses (and the guide's), offered as it is typed:
                # → takes the one shown, so one touchpoint keeps one name (and key).
                name.suggester = SuggestFromList(
                    self.editor.interview.touchpoint_names(), case_sensitive=False
                )
                yield name
                yield self._label(2, "tp.channel")
                with Horizontal(classes="row"):
                    yield KeyedSelect(
                        [  # in the guide's order ("other" last), and the one it has
                            (lit(channel_label(c, lang)), c)
                            for c in (
                                *guide.channels,
                                *(() if tp.channel in guide.channels else (tp.channel,)),
                            )
                        ],
                        value=tp.channel,
                        allow_blank=False,
                        id="tp-channel",
                        compact=True,
                    )
                    # "Other" takes its name: what it was, in the interviewer's words.
                    other = text_input(
                        clean_text(tp.channel_name),
                        id="tp-channel_name",
                        placeholder=t("tp.channel_name", lang),
                    )
                    other.display = tp.channel == "other"
                    yield other
                yield self._label(3, "tp.emotion")
                with Horizontal(classes="row"):
                    yield RatingRow(points, tp.emotion, id="tp-emotion")
                    yield Label(
                        lit(self._emotion_words(tp.emotion)),
                        id="tp-emotion-label",
                        classes="help",
                    )
                if self.asks_expected:
                    yield Label(Content.assemble("  ", lit(t("tp.expected", lang))))
                    with Horizontal(classes="row"):
                        yield RatingRow(points, tp.expected, id="tp-expected")
                        yield Label(
                            lit(self._emotion_words(tp.expected)),
                            id="tp-expected-label",
                            classes="help",
                        )
                yield self._label(4, "tp.pain")
                with Horizontal(classes="row"):
                    yield TickBox(lit("✖"), tp.pain, id="tp-pain", compact=True)
                    # What kind of pain, and how bad where the rating does not say it.
                    yield KeyedSelect(
                        [(lit(t(f"pain_kind.{k}", lang)), k) for k in PAIN_KINDS],
                        value=tp.pain_kind or Select.NULL,
                        prompt=t("tp.pain_kind", lang),
                        id="tp-pain_kind",
                        compact=True,
                    )
                    yield KeyedSelect(
                        [(lit(t(f"severity.{n}", lang)), n) for n in SEVERITIES],
                        value=tp.severity if tp.severity is not None else Select.NULL,
                        prompt=t("tp.severity", lang),
                        id="tp-severity",
                        compact=True,
                    )
                yield self._label(5, "tp.quote")
                yield text_area(clean_text(tp.quote), id="tp-quote")
                yield self._label(6, "tp.note")
                yield text_area(clean_text(tp.note), id="tp-note")
                yield self._label(7, "tp.process")
                with Horizontal(classes="row"):
                    yield text_input(clean_text(tp.process), id="tp-process")
                    yield KeyedSelect(
                        [(lit(t(f"problem.{k}", lang)), k) for k in PROCESS_PROBLEMS],
                        value=tp.process_problem or Select.NULL,
                        prompt=t("tp.problem", lang),
                        id="tp-process_problem",
                        compact=True,
                    )
                yield self._label(8, "tp.owner")
                yield text_input(clean_text(tp.owner), id="tp-owner")
                yield self._label(9, "tp.opportunity")
                yield text_area(clean_text(tp.opportunity), id="tp-opportunity")
            yield Static(lit(t("tp.emotion_help", lang, keys=keys)), id="tp-hint", classes="help")
            yield KeyBar()

    def before_key(self, event: events.Key) -> bool:
        """Called by the app before each key is routed. After Ctrl+G, a digit 1–9 is the
        row's number (taken here, before any field could type it: True); any other key
        ends the wait and goes on as usual."""
        if not self._goto:
            return False
        self._goto = False
        char = event.character or ""
        if char in "123456789" and char:
            self.action_row(int(char))
            self._hint()
            return True
        self._hint()
        return False

    def action_stage(self, step: int) -> None:
        """Ctrl+N / Ctrl+P in the editor: close it (everything kept) and move on, as on
        the stage, so words meant for the next stage never land in a touchpoint."""
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        self.action_close()
        action = getattr(below, "action_next" if step > 0 else "action_prev", None)
        if callable(action):
            action()

    def action_goto(self) -> None:
        self._goto = True
        self.query_one("#tp-hint", Static).update(lit(t("tp.goto_help", self.lang)))

    @on(DescendantFocus)
    def _focused(self, event: DescendantFocus) -> None:
        self._hint()
        self._read_aloud()

    def _hint(self) -> None:
        """The line under the rows: what the focused field takes, and how to move."""
        if not self.is_attached or self._goto:
            return
        lang = self.lang
        focused = self.focused
        if isinstance(focused, RatingRow):
            keys = "1–" + str(min(9, len(focused.points)))
            words = self._emotion_words(focused.value)
            said = f"{words} · " + t("tp.emotion_help", lang, keys=keys)
        elif isinstance(focused, Select):
            said = t("tp.select_help", lang)
        elif isinstance(focused, TextArea):
            said = t("tp.area_help", lang)
        else:
            said = t("tp.text_help", lang)
        line = said + " · " + t("tp.goto_hint", lang) + " · " + t("tp.saved_live", lang)
        self.query_one("#tp-hint", Static).update(lit(line))

    def action_row(self, row: int) -> None:
        """Alt+n: to row n's first field; again, to the next field of that row."""
        if not 1 <= row <= len(EDITOR_ROWS):
            return
        names = tuple(n for n in EDITOR_ROWS[row - 1] if self._shown(n))
        focused = self.focused
        here = (focused.id or "")[3:] if focused is not None else ""
        # Where the editor opened (the rating), the row's key first says "here".
        again = here in names and (self._moved or here != self.first_focus)
        name = names[(names.index(here) + 1) % len(names)] if again else names[0]
        self._moved = True
        self.query_one(f"#tp-{name}").focus()

    def _shown(self, name: str) -> bool:
        """Whether the field *name* is on show (the expectation where asked, the other
        channel's name while the channel is "other")."""
        if name == "expected":
            return self.asks_expected
        if name == "channel_name":
            return self.tp.channel == "other"
        return True

    def _aloud(self, which: str = "", name: str | None = None) -> str:
        """The line to read before a rating: by perspective and moment, naming the
        touchpoint (*name*, as typed so far; else as saved); *which* = "expected" gives the
        expectation's."""
        name = one_line(clean_text(self.tp.name if name is None else name), 60)
        line = self.editor.guide.rating_line(
            self.editor.interview.session.language, self.perspective, self.moment, name, which
        )
        return t("tp.read_aloud", self.lang) + ": " + line

    def _emotion_words(self, value: int | None) -> str:
        lang = self.lang
        if value is None:
            return t("unrated", lang)
        return self.editor.guide.scale.label(value, lang)

    def on_mount(self) -> None:
        settle_cursors(self, self.app.cursor_blink)
        self.query_one(f"#tp-{self.first_focus}").focus()

    def harvest(self) -> None:
        """Hold what the text fields hold now (see CjtuiApp.flush)."""
        if not self.is_attached:
            return
        for name in TEXT_FIELDS:
            widget = self.query_one(f"#tp-{name}")
            value = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
            if value != getattr(self.tp, name):
                self.editor.typed(name, value)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        name = (event.input.id or "")[3:]
        self.editor.typed(name, event.value)
        if name == "name":
            self._read_aloud(event.value)  # the name as it stands, not as last saved
        self.app.typing()

    def _read_aloud(self, name: str | None = None) -> None:
        focused = self.focused
        which = "expected" if focused is not None and focused.id == "tp-expected" else ""
        if name is None:
            name = self.query_one("#tp-name", Input).value
        self.query_one("#tp-aloud", Static).update(lit(self._aloud(which, name)))

    @on(TextArea.Changed)
    def _typed_long(self, event: TextArea.Changed) -> None:
        event.stop()
        self.editor.typed((event.text_area.id or "")[3:], event.text_area.text)
        self.app.typing()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.app.flush()
        self.focus_next()

    @on(Select.Changed, "#tp-channel")
    def _channel(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is not Select.NULL and event.value != self.tp.channel:
            self.editor.choose(channel=event.value)
            other = self.query_one("#tp-channel_name", Input)
            other.display = self.tp.channel == "other"
            if other.value != self.tp.channel_name:  # the name goes with "other"
                other.value = self.tp.channel_name
            self.app.refresh_status()

    @on(RatingRow.Changed, "#tp-emotion")
    def _rated(self, event: RatingRow.Changed) -> None:
        event.stop()
        self.editor.choose(emotion=event.value)
        self.query_one("#tp-pain", Checkbox).value = self.tp.pain
        self.query_one("#tp-emotion-label", Label).update(lit(self._emotion_words(event.value)))
        self._hint()
        self.app.refresh_status()

    @on(RatingRow.Changed, "#tp-expected")
    def _expected(self, event: RatingRow.Changed) -> None:
        event.stop()
        self.editor.choose(expected=event.value)
        label = self.query_one("#tp-expected-label", Label)
        label.update(lit(self._emotion_words(event.value)))
        self._hint()

    @on(Select.Changed, "#tp-pain_kind, #tp-severity, #tp-process_problem")
    def _coded(self, event: Select.Changed) -> None:
        """A kind of pain, a severity or a process problem: saved at once (blank: none)."""
        event.stop()
        name = (event.select.id or "")[3:]
        empty: Any = None if name == "severity" else ""
        value = empty if event.value is Select.NULL else event.value
        if value != getattr(self.tp, name):
            self.editor.choose(**{name: value})

    @on(Checkbox.Changed, "#tp-pain")
    def _pain(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value != self.tp.pain:
            self.editor.choose(pain=event.value)
            self.app.refresh_status()

    def action_close(self) -> None:
        self.app.flush()
        self.dismiss(self.tp)
