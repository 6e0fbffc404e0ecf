"""Before and after as the method means them (guides 3.0): how the participant felt at the
very start (the curve's first point), the line read aloud before each rating, what the
customer had expected rated beside how it felt (and the report's expectations, worked by
hand), an "other" channel by its name, and staff's own consent."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.analysis.curve import START, curve_data
from cjtui.analysis.report import build_report
from cjtui.domain.guide import builtin_guide, parse_guide, session_problems
from cjtui.domain.model import Session, new_touchpoint
from cjtui.exchange import CSV_COLUMNS, load_import, to_csv, to_json
from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import make_session
from .tui_helpers import app_for

GUIDES = Path(__file__).resolve().parent.parent / "cjtui" / "guides"


def _guide_with(text: str, extra: str) -> tuple[object, list[str]]:
    """The built-in inbound guide's text with *text* replaced by *extra* (or added)."""
    source = (GUIDES / "inbound.toml").read_text("utf-8")
    changed = source.replace(text, extra, 1) if text else source + extra
    return parse_guide(changed.encode("utf-8"), "mine.toml")


# ---- the guide ----------------------------------------------------------------------------


def test_the_built_in_guides_ask_the_start_and_read_a_line_before_each_rating() -> None:
    for guide_id, stage in (("inbound", "decision"), ("full", "purchase")):
        guide = builtin_guide(guide_id)
        start = guide.start_question
        assert start is not None and start.id == "start_felt"
        assert (start.min, start.max) == (guide.scale.min, guide.scale.max)
        assert [q.id for q in guide.persona][-2:] == ["trigger", "start_felt"]
        assert [s.id for s in guide.stages if s.expectation] == [stage]
        name = "Cita en la oficina"
        lines = {
            (p, m): guide.rating_line("es", p, m, name)
            for p, m in (("customer", "after"), ("customer", "before"), ("internal", None))
        }
        assert lines[("customer", "after")] == "¿Cómo se sintió con «Cita en la oficina»?"
        assert lines[("customer", "before")] == "¿Cómo espera sentirse con «Cita en la oficina»?"
        assert "cree que se siente el cliente típico" in lines[("internal", None)]
        assert "esperaba" in guide.rating_line("es", "customer", "after", name, "expected")


def test_a_guide_without_rating_lines_reads_cjtui_s_own() -> None:
    from cjtui.domain.guide import earlier_guides

    old = next(g for g in earlier_guides() if g.id == "inbound" and g.version == "2.0")
    assert old.rating == {} and old.start_question is None
    assert old.rating_line("en", "customer", "before", "Web") == (
        "How do you expect to feel about “Web”?"
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (  # an emotion question asked in a stage
            'id = "first_heard_other"\ntype = "text"',
            'id = "first_heard_other"\ntype = "emotion"',
            "an emotion question is asked in the persona only",
        ),
        (  # two of them in the persona
            "",
            '\n[[persona]]\nid = "again"\ntype = "emotion"\nprompt = { es = "¿Y?", en = "And?" }\n',
            "at most one emotion question",
        ),
        (  # a rating line the guide does not know
            "[rating]\n",
            '[rating]\nafter = { es = "x", en = "x" }\n',
            "unknown key 'after'",
        ),
        (  # expectation not true or false
            "\nexpectation = true\n",
            '\nexpectation = "yes"\n',
            "expectation must be true or false",
        ),
    ],
)
def test_a_malformed_start_rating_or_expectation_is_named(old: str, new: str, problem: str) -> None:
    guide, problems = _guide_with(old, new)
    assert guide is None and any(problem in p for p in problems), problems


# ---- the session --------------------------------------------------------------------------


def _after(alias: str, code: str, ratings: list[tuple[int | None, int]], *,
           start: int | None = None, moment: str | None = "after",
           perspective: str = "customer") -> Session:  # fmt: skip
    """A session whose decision touchpoint "Oferta" is rated *ratings*: (expected, lived)."""
    s = make_session(perspective=perspective, moment=moment, alias=alias, touchpoints=0)
    s.participant.code = code
    if start is not None:
        s.set_persona("start_felt", start)
    for expected, lived in ratings:
        tp = s.add_touchpoint("decision", new_touchpoint("Oferta", "email", emotion=lived))
        if expected is not None:
            s.update_touchpoint(tp.id, expected=expected)
    s.set_status("completed")
    return s


def test_expected_and_the_other_channel_s_name_are_kept_only_when_given(tmp_path: Path) -> None:
    plain = make_session(touchpoints=1)
    written = plain.to_dict()["stages"][0]["touchpoints"][0]
    assert "expected" not in written and "channel_name" not in written  # as before 3.0
    s = _after("A", "P-1", [(1, -2)])
    tp = s.stages[2].touchpoints[0]
    s.update_touchpoint(tp.id, channel="other", channel_name="feria del sector")
    data = s.to_dict()["stages"][2]["touchpoints"][0]
    assert (data["expected"], data["channel"], data["channel_name"]) == (
        1,
        "other",
        "feria del sector",
    )
    # Exported and read back: the same, and the CSV's last two columns say them.
    path = tmp_path / "s.json"
    path.write_text(to_json([s]), "utf-8")
    [back] = load_import([path], lambda _s: builtin_guide("inbound"))
    assert back.stages[2].touchpoints[0].to_dict() == data
    row = next(csv.DictReader(io.StringIO(to_csv([s]))))
    assert CSV_COLUMNS[-2:] == ("expected", "channel_name")
    assert (row["expected"], row["channel_name"]) == ("1", "feria del sector")
    # Another channel takes no name: it goes with "other".
    s.update_touchpoint(tp.id, channel="phone")
    assert tp.channel_name == "" and "channel_name" not in tp.to_dict()


def test_an_expectation_off_the_scale_is_refused() -> None:
    s = _after("A", "P-1", [(1, -2)])
    s.stages[2].touchpoints[0].expected = 7
    problems = session_problems(s, builtin_guide("inbound"))
    assert any("the expected rating 7 is outside -2..2" in p for p in problems), problems


# ---- the curve and the report, by hand ----------------------------------------------------


def test_the_curve_starts_with_how_they_felt() -> None:
    guide = builtin_guide("inbound")
    s = _after("A", "P-1", [(None, -2)], start=-1)
    data = curve_data(s, guide, "en")
    assert [(p.key, p.stage, p.label) for p in data.axis[:1]] == [(START, START, "how they felt")]
    assert data.series[0].values[:2] == [-1.0, -2.0]
    assert data.stages[0].stage == START and data.stages[0].title == "At the start"
    # No start asked (or not answered): no such point.
    assert curve_data(_after("B", "P-2", [(None, 1)]), guide, "en").axis[0].key != START


def test_the_report_lists_expectations_missed_worked_by_hand() -> None:
    """A expected +1 and lived -2; B expected 0 and lived +1; C met the offer twice,
    expecting +2 then 0 and living -1 both times (counted once, by C's means: expected +1,
    lived -1). People 3; expected (1 + 0 + 1) / 3 = 0.667; lived (-2 + 1 - 1) / 3 = -0.667;
    gap -1.33; it fell short for A and C. Staff's belief and a customer before the
    interaction are not counted."""
    sessions = [
        _after("A", "P-1", [(1, -2)], start=-1),
        _after("B", "P-2", [(0, 1)], start=1),
        _after("C", "P-3", [(2, -1), (0, -1)], start=0),
        _after("Staff", "", [(2, 2)], perspective="internal", moment=None, start=2),
        _after("Before", "P-1", [(None, 2)], moment="before", start=-2),
    ]
    report = build_report(sessions, builtin_guide("inbound"), "en")
    [row] = report["expectations"]
    assert (row["key"], row["people"], row["expected"], row["lived"]) == (
        "oferta",
        3,
        0.667,
        -0.667,
    )
    assert (row["gap"], row["short"], row["voice"]) == (-1.33, 2, "lived")
    # How they felt at the start: customers (before and after alike: A counts once, the
    # mean of -1 and -2), staff's belief apart.
    start = report["start"]
    assert start["lived"]["people"] == 3 and start["lived"]["mean"] == round((-1.5 + 1 + 0) / 3, 3)
    assert (start["staff"]["people"], start["staff"]["mean"]) == (1, 2.0)
    from cjtui.analysis.report import render_text

    text = render_text(report)
    assert "Customers' expectations, the most missed first" in text and "2/3" in text
    assert "At the start: how they felt before the first stage" in text


def test_no_expectations_section_where_the_guide_asks_none() -> None:
    s = make_session(touchpoints=1)
    s.set_status("completed")
    report = build_report([s], builtin_guide("inbound"), "en")
    assert report["expectations"] == [] and report["start"] == {}
    from cjtui.analysis.report import render_text

    assert "expectations" not in render_text(report).lower()


# ---- in the app ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("perspective", "moment", "stage", "asked", "line"),
    [
        ("customer", "after", "decision", True, "How did you feel about “Offer”?"),
        ("customer", "before", "decision", False, "How do you expect to feel about “Offer”?"),
        ("internal", None, "decision", False, "typical customer feels about “Offer”?"),
        ("customer", "after", "awareness", False, "How did you feel about “Offer”?"),
    ],
)
async def test_the_editor_reads_the_line_for_the_moment_and_asks_the_expectation_where_due(
    store_dir: Path, perspective: str, moment: str | None, stage: str, asked: bool, line: str
) -> None:
    from textual.widgets import Input, Static

    from cjtui.interface.tui.screens.editor import TouchpointModal

    s = make_session(perspective=perspective, moment=moment, touchpoints=0)
    s.add_touchpoint(stage, new_touchpoint("Offer", "email", emotion=1))
    store = Store.open(store_dir)
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=(80, 24)) as pilot:
        app.go_to_step(app.steps().index(stage))
        await pilot.pause()
        await pilot.press("ctrl+t", "enter")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, TouchpointModal)
        aloud = editor.query_one("#tp-aloud", Static)
        assert line in str(aloud.render())
        assert bool(editor.query("#tp-expected")) is asked
        # One line a row at 80 columns, whatever the channel's name ("Email" here).
        ys = [editor.query_one(f"#tp-{n}").region.y for n in ("name", "channel", "emotion")]
        assert ys == [ys[0], ys[0] + 1, ys[0] + 2], ys
        # The line follows the name as it is typed, not as it was last saved.
        await pilot.press("ctrl+g", "1", "end", *" desk")
        await pilot.pause()
        assert editor.query_one("#tp-name", Input).value == "Offer desk"
        assert "“Offer desk”" in str(aloud.render())


async def test_a_row_s_key_goes_to_its_first_field_then_on(store_dir: Path) -> None:
    """The editor opens on the rating; Ctrl+G 3 stays there (the row's first field), and
    again goes on to what was expected: a rating typed then lands where the screen shows."""
    from cjtui.interface.tui.screens.editor import TouchpointModal

    s = make_session(touchpoints=0)
    s.add_touchpoint("decision", new_touchpoint("Offer", "email", emotion=None))
    store = Store.open(store_dir)
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=(80, 24)) as pilot:
        app.go_to_step(app.steps().index("decision"))
        await pilot.pause()
        await pilot.press("ctrl+t", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TouchpointModal)
        await pilot.press("4", "ctrl+g", "3")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "tp-emotion"
        await pilot.press("ctrl+g", "3", "2")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "tp-expected"
        # "Other" shows the name field; another channel hides it and drops the name.
        await pilot.press("ctrl+g", "2", "9")  # the guide's channels: "other" is the ninth
        await pilot.pause()
        tp = app.interview.session.stage("decision").touchpoints[0]
        assert tp.channel == "other" and app.screen.query_one("#tp-channel_name").display
        await pilot.press("tab", *"fair stand")
        await pilot.pause()
        app.flush(wait=True)
        assert tp.channel_name == "fair stand"
        await pilot.press("escape")
        await pilot.pause()
    stored = Store.open(store_dir).load(s.id).stage("decision").touchpoints[0]
    assert (stored.emotion, stored.expected) == (1, -1)  # 4 → +1, then 2 → -1
    assert (stored.channel, stored.channel_name) == ("other", "fair stand")


def test_samples_before_rate_what_is_to_come_and_staff_gave_consent() -> None:
    from .conftest import SAMPLES

    sessions = load_import(sorted(SAMPLES.glob("*.json")), lambda s: builtin_guide(s.guide.id))
    for s in sessions:
        assert s.guide.version == "3.0", s.id
        if s.study == "banco-hipoteca" and s.moment == "before":
            rated = {r.id for r in s.stages if r.touchpoints}
            assert rated == {"decision"}, (s.id, rated)  # what is still to come
        if s.perspective == "internal":
            assert s.consent.given, s.id  # staff's own consent, read and accepted
    staff = next(s for s in sessions if s.id.startswith("2d8b3e4a"))
    text = json.loads((SAMPLES / "banco-hipoteca.study.json").read_text())["consent_texts"]
    assert "su visión profesional" in text[staff.consent.text_sha256]


def test_the_cli_exports_what_was_expected(runner: CliRunner, store_dir: Path) -> None:
    from .conftest import SAMPLES

    db = ["--db", str(store_dir), "--lang", "en"]
    assert runner.invoke(main, [*db, "import", str(SAMPLES)]).exit_code == 0
    out = runner.invoke(main, [*db, "export", "--study", "banco-hipoteca", "--format", "csv"])
    rows = [r for r in csv.DictReader(io.StringIO(out.output)) if r["expected"]]
    assert {r["touchpoint"] for r in rows} == {
        "Envío de documentación",
        "Oferta vinculante por correo",
    }
    other = [r for r in csv.DictReader(io.StringIO(out.output)) if r["channel"] == "other"]
    assert [r["channel_name"] for r in other] == ["visita del tasador (empresa externa)"]


async def test_a_long_channel_name_keeps_the_editor_one_line_a_row(store_dir: Path) -> None:
    """«Correo electrónico» at 80 columns: the channel's row stays one line (its name is
    cut, never wrapped into a line the rows below drop to)."""
    s = make_session(language="es", touchpoints=0)
    s.add_touchpoint("decision", new_touchpoint("Oferta", "email", emotion=1))
    store = Store.open(store_dir)
    store.save(s)
    app = app_for(store, "es", resume=s.id)
    async with app.run_test(size=(80, 24)) as pilot:
        app.go_to_step(app.steps().index("decision"))
        await pilot.pause()
        await pilot.press("ctrl+t", "enter")
        await pilot.pause()
        editor = app.screen
        ys = [editor.query_one(f"#tp-{n}").region.y for n in ("name", "channel", "emotion")]
        assert ys == [ys[0], ys[0] + 1, ys[0] + 2], ys
