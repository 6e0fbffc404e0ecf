"""One set of limits: whatever the app and the API accept, export writes and import reads
back; past a limit, the API refuses with the field and the reason first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjtui.domain import model
from cjtui.domain.model import ModelError, new_touchpoint
from cjtui.exchange import checked_sessions, schema, to_jsonl
from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import make_session


def test_the_schema_and_the_model_state_the_same_limits() -> None:
    defs = schema()["$defs"]
    assert defs["text"]["maxLength"] == model.MAX_TEXT
    string, _number, _boolean, array = defs["answer"]["oneOf"]
    assert string["maxLength"] == model.MAX_TEXT
    assert array["maxItems"] == model.MAX_CHOICES
    assert array["items"]["maxLength"] == model.MAX_CODE
    assert defs["answers"]["maxProperties"] == model.MAX_ANSWERS
    stages = schema()["properties"]["stages"]
    assert stages["items"]["properties"]["touchpoints"]["maxItems"] == model.MAX_TOUCHPOINTS


def round_trip(session: model.Session, tmp_path: Path) -> model.Session:
    """Store, export as JSONL, import into a new store: what comes back."""
    first = Store.open(tmp_path / "a")
    first.save(session)
    line = tmp_path / "export.jsonl"
    line.write_text(to_jsonl([first.load(session.id)]), "utf-8")
    second = Store.open(tmp_path / "b")
    second.save_many(checked_sessions([line], second.guide_for))
    return second.load(session.id)


text_at_limit = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).map(lambda chunk: (chunk * (model.MAX_TEXT // len(chunk) + 1))[: model.MAX_TEXT])


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=text_at_limit)
def test_text_at_the_limit_comes_back_equal(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("limit")
    s = make_session("full", touchpoints=0)
    s.set_answer("awareness", "expected", text.strip() or "x" * model.MAX_TEXT)
    s.set_participant("alias", text[: model.MAX_TEXT])
    tp = s.add_touchpoint("awareness", new_touchpoint("n" * model.MAX_TEXT, "web", emotion=1))
    s.update_touchpoint(tp.id, note=text, owner=text, opportunity=text, process=text)
    back = round_trip(s, tmp_path)
    assert back.to_dict() == s.to_dict()


def test_counts_at_the_limit_come_back_equal(tmp_path: Path) -> None:
    s = make_session("inbound", touchpoints=0)
    for n in range(model.MAX_TOUCHPOINTS):
        s.add_touchpoint("awareness", new_touchpoint(f"tp {n}", "web", emotion=n % 5 - 2))
    back = round_trip(s, tmp_path)
    assert len(back.stage("awareness").touchpoints) == model.MAX_TOUCHPOINTS
    assert back.to_dict() == s.to_dict()


@pytest.mark.parametrize(
    "change, field",
    [
        (
            lambda s: s.set_answer("awareness", "expected", "x" * (model.MAX_TEXT + 1)),
            "awareness.expected",
        ),
        (lambda s: s.set_persona("context", "y" * (model.MAX_TEXT + 1)), "persona.context"),
        (lambda s: s.set_participant("alias", "z" * (model.MAX_TEXT + 1)), "alias"),
        (
            lambda s: s.set_answer("consideration", "sources", ["c"] * (model.MAX_CHOICES + 1)),
            "consideration.sources",
        ),
    ],
)
def test_past_a_limit_the_api_refuses_naming_the_field(change, field: str) -> None:  # type: ignore[no-untyped-def]
    s = make_session("inbound", touchpoints=0)
    before = json.dumps(s.to_dict())
    with pytest.raises(ModelError) as refused:
        change(s)
    assert str(refused.value).startswith(field)
    assert json.dumps(s.to_dict()) == before  # nothing half-changed


def test_a_touchpoint_past_the_limits_is_refused_whole() -> None:
    s = make_session("inbound", touchpoints=0)
    tp = s.add_touchpoint("awareness", new_touchpoint("ok", "web"))
    with pytest.raises(ModelError, match="opportunity: 20001 characters"):
        s.update_touchpoint(tp.id, note="fine", opportunity="o" * (model.MAX_TEXT + 1))
    assert tp.note == "" and tp.opportunity == ""
    for n in range(model.MAX_TOUCHPOINTS - 1):
        s.add_touchpoint("awareness", new_touchpoint(f"tp {n}", "web"))
    with pytest.raises(ModelError, match="at most 500 touchpoints"):
        s.add_touchpoint("awareness", new_touchpoint("one too many", "web"))


async def test_the_app_says_when_a_pasted_answer_is_too_long(store_dir: Path) -> None:
    from textual.widgets import TextArea

    from .tui_helpers import app_for

    store = Store.open(store_dir)
    s = make_session("full", touchpoints=0)
    s.set_answer("purchase", "first_use", "what they said")
    store.save(s)
    app = app_for(store, "en", resume=s.id)
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.focused
        assert isinstance(area, TextArea) and area.id == "in-first_use"
        area.insert("w" * 25_000)
        await pilot.pause()
        error = str(app.screen.query_one("#q-first_use .error").render())
        assert "Too long" in error and "20000" in error
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert any("Not saved" in str(n.message) for n in app._notifications)
    stored = Store.open(store_dir).load(s.id).stage("purchase").answers["first_use"]
    assert stored == "what they said"


def test_doctor_reports_a_stored_session_that_would_not_import(
    store: Store, runner: CliRunner
) -> None:
    s = make_session()
    store.save(s)
    document = s.to_dict()
    document["participant"]["alias"] = "a" * (model.MAX_TEXT + 5)  # written by an older cjtui
    from cjtui.base import jsonio
    from cjtui.base.fsutil import atomic_write

    atomic_write(
        store.path_of(s.id),
        jsonio.dumps({"session": {"1": document}}, indent=None).encode("utf-8"),
    )
    out = runner.invoke(main, ["--db", str(store.root), "doctor"])
    assert out.exit_code == 1
    assert "would not import" in out.output and "participant/alias" in out.output


def test_an_import_past_a_limit_says_the_field_and_reason_first(
    tmp_path: Path, store_dir: Path, runner: CliRunner
) -> None:
    s = make_session("inbound", touchpoints=0)
    document = s.to_dict()
    document["stages"][0]["answers"]["expected"] = "q" * 25_000
    path = tmp_path / "long.json"
    path.write_text(json.dumps(document), "utf-8")
    out = runner.invoke(main, ["--db", str(store_dir), "import", str(path)])
    assert out.exit_code == 1
    line = out.output.strip()
    assert "stages/0/answers/expected: longer than 20000 characters (25000)" in line
    assert len(line) < 300


def test_a_session_too_big_for_one_export_line_is_refused_at_the_store(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cjtui import exchange
    from cjtui.store import StoreError, files

    monkeypatch.setattr(files, "MAX_SESSION_BYTES", 60_000)
    monkeypatch.setattr(exchange, "MAX_LINE_BYTES", 60_000 + 64 * 1024)
    s = make_session("inbound", touchpoints=0)
    for n in range(4):
        s.add_touchpoint("awareness", new_touchpoint(f"tp {n}", "web")).note = "n" * 12_000
    store.save(s)  # about 50 KB: fits
    s.add_touchpoint("awareness", new_touchpoint("one more", "web")).note = "n" * 12_000
    with pytest.raises(StoreError, match="more than a session may hold"):
        store.save(s)
    assert len(store.load(s.id).stage("awareness").touchpoints) == 4  # the stored one stays


def test_the_largest_session_the_store_takes_imports_back(tmp_path: Path) -> None:
    from cjtui import exchange
    from cjtui.store import files

    assert exchange.MAX_LINE_BYTES > files.MAX_SESSION_BYTES


def test_answer_counts_and_choice_lengths_at_and_past_the_limits(tmp_path: Path) -> None:
    s = make_session("inbound", touchpoints=0)
    record = s.stage("awareness")
    for n in range(model.MAX_ANSWERS - len(record.answers)):
        s.set_answer("awareness", f"extra_{n}", f"answer {n}")
    assert len(record.answers) == model.MAX_ANSWERS
    with pytest.raises(ModelError, match="awareness: more than 200 answers"):
        s.set_answer("awareness", "one_more", "x")
    s.set_answer("consideration", "sources", ["c" * model.MAX_CODE] * model.MAX_CHOICES)
    with pytest.raises(ModelError, match="a choice of 201 characters"):
        s.set_answer("consideration", "sources", ["c" * (model.MAX_CODE + 1)])
    from cjtui.exchange import schema_problem

    assert schema_problem(s.to_dict()) is None  # at the limits: still a valid export


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)
answer_keys = st.sampled_from(["q", "q_2", "_x", "2bad", "bad-key", "", "Ñ", "a" * 101])
answer_values = (
    json_values
    | st.sampled_from(["x" * 20_000, "x" * 20_001, ["c" * 200], ["c" * 201], ["c"] * 101])
    | st.lists(st.text(max_size=3), max_size=4)
)


@settings(max_examples=300, deadline=None)
@given(
    persona=st.dictionaries(answer_keys, answer_values, max_size=3),
    answers=st.dictionaries(answer_keys, answer_values, max_size=3),
    event_at=st.sampled_from(
        ["2026-11-27T10:00:00Z", "2026-11-27T10:00:00.5+01:00", "yesterday", 5]
    ),
    event_kind=st.sampled_from(["answer", "created", "nope", None]),
)
def test_the_fast_checks_agree_with_the_schema(persona, answers, event_at, event_kind) -> None:  # type: ignore[no-untyped-def]
    from cjtui.exchange import _validator, schema_problem

    document = make_session("inbound", touchpoints=1).to_dict()
    document["participant"]["persona"] = persona
    document["stages"][0]["answers"] = answers
    document["events"][0] = dict(document["events"][0], at=event_at, kind=event_kind)
    assert (schema_problem(document) is None) == _validator().is_valid(document)
