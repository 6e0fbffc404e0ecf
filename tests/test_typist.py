"""A typist at machine speed: whole stages typed as one burst of keys (no pause between
keys, Tab straight after the last letter, a follow-up question appearing, a scale in the
way), in random texts and orders. Every stored answer must equal what a model of the
screen says the focused field showed. Keys are posted to the app all at once, as a laggy
SSH link or a busy app delivers them."""

from __future__ import annotations

import asyncio
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events

from cjtui.domain.model import Session
from cjtui.interface.tui.fields import ScaleRow
from cjtui.store import Store

from .conftest import guide_2_0
from .tui_helpers import app_for

SIZE = (80, 24)

# What may be typed into an answer: letters (Spanish ones too), digits, a few signs.
ALPHABET = "abcdefghijklmnopqrstuvwxyzáéíóúñüABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-"
KEY_NAMES = {" ": "space", ",": "comma", ".": "full_stop", "-": "minus"}

# The decision stage of the inbound guide, as the screen shows it: the stage's words, then
# its questions; went_on appears once hesitated holds an answer.
TEXTS = ["_words", "tipped", "hesitated", "went_on", "expected", "felt", "moment_of_truth", "ideas"]
ORDER = ["_words", "tipped", "hesitated", "went_on", "ease", "expected", "felt",
         "moment_of_truth", "ideas"]  # fmt: skip


def key(ch: str) -> events.Key:
    """The key event a terminal sends for one typed character."""
    if ch in KEY_NAMES:
        return events.Key(KEY_NAMES[ch], ch)
    unicodedata.name(ch)  # a character with a name, as the driver reads it
    return events.Key(ch, ch)


def tab(step: int) -> events.Key:
    """Tab or Shift+Tab (a new event each time: an event is spent once dispatched)."""
    return events.Key("tab" if step > 0 else "shift+tab", None)


@dataclass
class Screen:
    """What the interviewer sees: which field has the cursor and what each one holds."""

    texts: dict[str, str] = field(default_factory=lambda: dict.fromkeys(TEXTS, ""))
    ease: int | None = None
    at: str = "_words"

    def shown(self) -> list[str]:
        return [f for f in ORDER if f != "went_on" or self.texts["hesitated"]]

    def type(self, ch: str, following: str | None) -> None:
        """One character typed, *following* the next character of the burst (None: a
        Tab or the end)."""
        if self.at == "ease":
            # A digit on the scale sets it, unless words follow it in the same burst (then
            # it is part of them); letters are refused.
            among_words = following is not None and following not in "0123456789-"
            if ch.isdigit() and 1 <= int(ch) <= 5 and not among_words:
                self.ease = int(ch)
            return
        self.texts[self.at] += ch

    def tab(self, step: int) -> None:
        shown = self.shown()
        self.at = shown[(shown.index(self.at) + step) % len(shown)]


Step = tuple[str, str]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("type"), st.text(alphabet=ALPHABET, min_size=1, max_size=12)),
        st.tuples(st.sampled_from(["tab", "backtab"]), st.just("")),
    ),
    min_size=4,
    max_size=24,
)


def new_session(store: Store, lang: str) -> Session:
    guide = guide_2_0("inbound")  # the field order its model of the screen knows
    s = Session.new(
        guide.ref,
        guide.stage_ids,
        study="inbound",
        language=lang,
        perspective="customer",
        moment="after",
        interviewer="typist",
        alias="A",
        segment="x",
    )
    s.give_consent(guide.consent_sha256(lang))
    store.save(s)
    return s


def value_of(answer: Any, empty: Any) -> Any:
    if answer is None:
        return empty
    return getattr(answer, "value", answer)


async def type_burst(app: Any, pilot: Any, keys: list[events.Key]) -> None:
    """Post every key at once, then wait until the app has routed and handled them all."""
    for k in keys:
        app.post_message(k)
    for _ in range(400):
        await pilot.pause(0.01)
        if app.keys_held == 0:
            break
    await pilot.pause()
    assert app.keys_held == 0


async def run_typist(plan: list[Step], lang: str) -> list[str]:
    """Type *plan* in one burst; check every answer against the model; return the
    notices the app gave meanwhile."""
    root = Path(tempfile.mkdtemp(prefix="typist-"))
    store = Store.open(root / "store")
    s = new_session(store, lang)
    app = app_for(store, lang, resume=s.id)
    model = Screen()
    notices: list[str] = []
    notify = app.notify

    def noted(message: str, **kwargs: Any) -> None:
        notices.append(message)
        notify(message, **kwargs)

    app.notify = noted  # type: ignore[method-assign]
    keys: list[events.Key] = []
    flat: list[str | int] = []  # characters typed, and Tab (1) or Shift+Tab (-1)
    for kind, text in plan:
        if kind == "type":
            flat += list(text)
        else:
            flat.append(1 if kind == "tab" else -1)
    for n, item in enumerate(flat):
        if isinstance(item, int):
            model.tab(item)
            keys.append(tab(item))
            continue
        following = flat[n + 1] if n + 1 < len(flat) else None
        model.type(item, following if isinstance(following, str) else None)
        keys.append(key(item))
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("decision"))
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "in-_words"
        await type_burst(app, pilot, keys)
        focused = app.focused
        assert focused is not None and focused.id == f"in-{model.at}", (plan, focused)
        if isinstance(focused, ScaleRow):
            assert focused.value == model.ease
        app.flush(wait=True)
    stored = Store.open(root / "store").load(s.id).stage("decision")
    got = {qid: value_of(stored.answers.get(qid), "") for qid in TEXTS}
    got["_words"] = stored.words or ""
    want = dict(model.texts)
    assert got == want, plan
    assert value_of(stored.answers.get("ease"), None) == model.ease, plan
    return notices


@settings(
    max_examples=14,
    deadline=None,
    # Each example runs the app for about a second: no shrinking (the plan is printed).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=steps, lang=st.sampled_from(["es", "en"]))
def test_a_burst_of_keys_lands_where_the_screen_shows_the_cursor(
    plan: list[Step], lang: str
) -> None:
    asyncio.run(run_typist(plan, lang))


def test_tab_straight_after_the_answer_that_calls_for_a_follow_up() -> None:
    """The case found in interviews: 'did you hesitate?' answered, Tab at once, the
    follow-up 'what made you go on?' takes the next words, the scale the digit."""
    plan: list[Step] = [
        ("tab", ""),
        ("type", "el precio"),
        ("tab", ""),
        ("type", "si, con la tasacion"),
        ("tab", ""),
        ("type", "me llamaron"),
        ("tab", ""),
        ("type", "4"),
        ("tab", ""),
        ("type", "rapidez"),
    ]
    asyncio.run(run_typist(plan, "es"))


def test_letters_on_a_scale_are_refused_aloud_and_stored_nowhere() -> None:
    plan: list[Step] = [("tab", ""), ("tab", ""), ("tab", ""), ("type", "abc 3"), ("tab", "")]
    notices = asyncio.run(run_typist(plan, "en"))
    # Said once for the burst, not once a letter.
    assert [n for n in notices if "text is not typed here" in n] == [
        "This answer is a number on the scale: text is not typed here. "
        "Tab goes to the next question."
    ]


async def test_the_field_tab_reaches_is_scrolled_into_view() -> None:
    root = Path(tempfile.mkdtemp(prefix="typist-"))
    store = Store.open(root / "store")
    s = new_session(store, "es")
    app = app_for(store, "es", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("decision"))
        await pilot.pause()
        form = app.screen.query_one("#form")
        seen = []
        for _ in range(len(ORDER) - 1):  # round the stage (went_on hidden) and back to the top
            await type_burst(app, pilot, [tab(1)])
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            seen.append(focused.id)
            assert form.region.contains_region(focused.region), (focused.id, focused.region)
        assert "in-ideas" in seen and seen[-1] == "in-_words"


async def test_a_before_interview_on_guides_3_typed_in_one_burst_lands_as_shown() -> None:
    """The current guide (3.0), a customer before the interaction: the stage's opener in
    everyday words and the "before" wordings on screen; four answers typed in one burst,
    each Tab straight after the last letter, the choice in between passed by Tab (its
    letters would be refused): every answer lands in the field the cursor was in."""
    from cjtui.domain.guide import builtin_guide

    root = Path(tempfile.mkdtemp(prefix="typist3-"))
    store = Store.open(root / "store")
    guide = builtin_guide("inbound")
    assert guide.version == "3.0"
    s = Session.new(
        guide.ref, guide.stage_ids, study="inbound", language="es", perspective="customer",
        moment="before", interviewer="typist", alias="A", segment="x",
    )  # fmt: skip
    s.give_consent(guide.consent_sha256("es"))
    store.save(s)
    words = {
        "_words": "cuando vi el piso",
        "expected": "una cuota clara",
        "felt": "con prisa, la verdad",
        "doubts": "no saber si me la dan",
    }
    keys: list[events.Key] = []
    for qid in words:
        keys += [key(ch) for ch in words[qid]]
        keys.append(tab(1))
        if qid == "_words":
            keys.append(tab(1))  # over the choice of how they heard of the company
    app = app_for(store, "es", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(app.steps().index("awareness"))
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "in-_words"
        prompt = str(app.screen.query_one("#q-expected .prompt").render())
        assert prompt.startswith("¿Qué espera encontrar?")
        await type_burst(app, pilot, keys)
        assert app.focused is not None and app.focused.id == "in-change"
        app.flush(wait=True)
    stored = Store.open(root / "store").load(s.id).stage("awareness")
    assert stored.words == words["_words"]
    assert {q: stored.answers.get(q) for q in list(words)[1:]} == {
        q: words[q] for q in list(words)[1:]
    }
    assert stored.answers.get("first_heard") is None  # nothing typed landed in the choice


async def test_the_profile_s_start_and_the_expectation_typed_in_one_burst_land_as_shown() -> None:
    """Guides 3.0's profile typed in one burst, each Tab straight after the last letter: the
    answers, the age choice passed by Tab, the trigger, and a digit on the start's rating
    row. Then, in the decision's editor, a burst: a rating, Ctrl+G 3 where the editor
    opened (it stays), Ctrl+G 3 again (on to what was expected), a rating there."""
    from cjtui.domain.guide import builtin_guide
    from cjtui.domain.model import new_touchpoint

    root = Path(tempfile.mkdtemp(prefix="typist3p-"))
    store = Store.open(root / "store")
    guide = builtin_guide("inbound")
    s = Session.new(
        guide.ref, guide.stage_ids, study="inbound", language="es", perspective="customer",
        moment="after", interviewer="typist", alias="A", segment="x",
    )  # fmt: skip
    s.give_consent(guide.consent_sha256("es"))
    s.add_touchpoint("decision", new_touchpoint("Oferta", "email"))
    store.save(s)
    words = {
        "context": "enfermera",
        "story": "vimos un piso y llamamos",
        "needs": "una cuota clara",
        "motivations": "la claridad",
        "frustrations": "el papeleo",
        "trigger": "salio el piso de al lado",
    }
    keys: list[events.Key] = []
    for qid, text in words.items():
        keys += [key(ch) for ch in text]
        keys.append(tab(1))
        if qid == "context":
            keys.append(tab(1))  # over the age group's choice
    keys.append(key("2"))  # the start's rating row: 2 is -1
    app = app_for(store, "es", resume=s.id)
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_step(0)
        await pilot.pause()
        app.screen.query_one("#in-context").focus()
        await pilot.pause()
        await type_burst(app, pilot, keys)
        assert app.focused is not None and app.focused.id == "in-start_felt"
        app.go_to_step(app.steps().index("decision"))
        await pilot.pause()
        await pilot.press("ctrl+t", "enter")
        await pilot.pause()
        burst = [key("4"), events.Key("ctrl+g", None), key("3"), events.Key("ctrl+g", None),
                 key("3"), key("2")]  # fmt: skip
        await type_burst(app, pilot, burst)
        assert app.focused is not None and app.focused.id == "tp-expected"
        app.flush(wait=True)
    stored = Store.open(root / "store").load(s.id)
    assert {q: stored.participant.persona.get(q) for q in words} == words
    assert stored.participant.persona.get("age_range") is None  # nothing typed into it
    assert stored.participant.persona["start_felt"] == -1
    tp = stored.stage("decision").touchpoints[0]
    assert (tp.emotion, tp.expected) == (1, -1)
