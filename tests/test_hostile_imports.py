"""Import files built to break the reader get one line and exit 1, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.interface.cli.main import main

from .conftest import SAMPLES, tree_digest

SAMPLE = (SAMPLES / "en_energy_customer_skipped_stage.json").read_text("utf-8")


def deep_in_an_event() -> str:
    events = SAMPLE.index('"events"')
    first = SAMPLE.index("{", SAMPLE.index("[", events))
    return SAMPLE[: first + 1] + '"extra": ' + "[" * 5000 + "]" * 5000 + ", " + SAMPLE[first + 1 :]


CASES = {
    "deep nesting inside an event": (deep_in_an_event(), "nested too deeply"),
    "a 5,000-digit number": (
        SAMPLE.replace('"emotion": -2', '"emotion": ' + "9" * 5000, 1),
        "a number of 5000 digits",
    ),
    "a 40-digit number": (
        SAMPLE.replace('"emotion": -2', '"emotion": ' + "1" * 40, 1),
        "a number of 40 digits",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_import_is_one_line(
    name: str, tmp_path: Path, store_dir: Path, runner: CliRunner
) -> None:
    text, message = CASES[name]
    path = tmp_path / "hostile.json"
    path.write_text(text, "utf-8")
    runner.invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)])
    before = tree_digest(store_dir)
    out = runner.invoke(main, ["--db", str(store_dir), "import", str(path)])
    assert out.exit_code == 1
    assert message in out.output and "Traceback" not in out.output
    assert out.output.count("\n") == 1
    assert tree_digest(store_dir) == before


def test_a_different_guide_file_with_the_same_id_is_refused(
    tmp_path: Path, store_dir: Path, runner: CliRunner
) -> None:
    from cjtui.domain.guide import GUIDES_DIR

    original = (GUIDES_DIR / "inbound.toml").read_text("utf-8")
    mine = tmp_path / "inbound.toml"
    mine.write_text(original.replace('title = { es = "', 'title = { es = "Otra: ', 1), "utf-8")
    assert mine.read_text("utf-8") != original
    from cjtui.store import Store

    Store.open(store_dir)
    before = tree_digest(store_dir)
    out = runner.invoke(
        main,
        [
            "--db",
            str(store_dir),
            "import",
            "--guide",
            str(mine),
            str(SAMPLES / "es_banco_interna.json"),
        ],
    )
    assert out.exit_code == 1
    assert "was taken with guide inbound" in out.output and "not with the file given" in out.output
    assert tree_digest(store_dir) == before


def test_a_raw_delete_character_is_cleaned_on_import(
    tmp_path: Path, store_dir: Path, runner: CliRunner
) -> None:
    from cjtui.store import Store

    text = SAMPLE.replace('"alias": "', '"alias": "DEL\x7fhere ', 1)
    path = tmp_path / "del.json"
    path.write_text(text, "utf-8")
    out = runner.invoke(main, ["--db", str(store_dir), "import", str(path)])
    assert out.exit_code == 0, out.output
    (session,) = Store.open(store_dir).all()
    assert "\x7f" not in session.participant.alias
    assert b"\x7f" not in Store.open(store_dir).path_of(session.id).read_bytes()


def test_a_report_never_counts_two_questionnaires_with_one_id_as_one(
    tmp_path: Path, store_dir: Path, runner: CliRunner
) -> None:
    from cjtui.domain.guide import GUIDES_DIR, load_guide
    from cjtui.domain.model import Session
    from cjtui.store import Store

    from .conftest import make_session

    store = Store.open(store_dir)
    builtin = make_session("inbound", alias="On the built-in")
    builtin.set_status("completed")
    store.save(builtin)
    edited = tmp_path / "inbound.toml"
    edited.write_text(
        (GUIDES_DIR / "inbound.toml").read_text("utf-8").replace("Awareness", "Discovery"),
        "utf-8",
    )
    other = load_guide(edited)
    assert other.id == "inbound" and other.sha256 != builtin.guide.sha256
    store.keep_guide(other)
    s = Session.new(other.ref, other.stage_ids, language="en", perspective="internal", study="s1")
    s.set_status("completed")
    store.save(s)
    # A study is one questionnaire: the two files are two studies, never counted as one.
    out = runner.invoke(main, ["--db", str(store_dir), "report", "--format", "json"])
    assert out.exit_code == 1
    assert "2 studies (inbound, s1)" in out.output
    mine = runner.invoke(
        main, ["--db", str(store_dir), "report", "--format", "json", "--study", "s1"]
    )
    assert mine.exit_code == 0, mine.output  # that file's sessions only
    assert '"total": 1' in mine.output and "Discovery" in mine.output


def test_a_lone_surrogate_is_cleaned_not_a_crash(
    tmp_path: Path, store_dir: Path, runner: CliRunner
) -> None:
    from cjtui.store import Store

    for name, separators in (("spaced", (", ", ": ")), ("compact", (",", ":"))):
        document = json.loads(SAMPLE)
        line = json.dumps(document, ensure_ascii=False, separators=separators)
        key = '"alias"' + separators[1] + '"'
        path = tmp_path / f"{name}.jsonl"
        path.write_text(line.replace(key, key + "\\ud800", 1) + "\n", "utf-8")
        out = runner.invoke(main, ["--db", str(store_dir / name), "import", str(path)])
        assert out.exit_code == 0, out.output
        (session,) = Store.open(store_dir / name).all()
        assert not any("\ud800" <= c <= "\udfff" for c in session.participant.alias)
        listed = runner.invoke(main, ["--db", str(store_dir / name), "list"])
        assert listed.exit_code == 0, listed.output


def test_an_export_imports_into_the_very_same_bytes(
    tmp_path: Path, store_dir: Path, runner: CliRunner
) -> None:
    from cjtui.store import Store

    first = store_dir / "first"
    assert runner.invoke(main, ["--db", str(first), "import", str(SAMPLES)]).exit_code == 0
    jsonl = tmp_path / "all.jsonl"
    out = runner.invoke(main, ["--db", str(first), "export", "--format", "jsonl", "-o", str(jsonl)])
    assert out.exit_code == 0
    second = store_dir / "second"
    assert runner.invoke(main, ["--db", str(second), "import", str(jsonl)]).exit_code == 0
    a, b = Store.open(first), Store.open(second)
    assert a.ids() == b.ids()
    for session_id in a.ids():
        assert a.path_of(session_id).read_bytes() == b.path_of(session_id).read_bytes()
        assert b.load(session_id, events=False).participant == a.load(session_id).participant


def _keywords(node: object) -> set[str]:
    """Every validation keyword the session schema uses, at any depth."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("properties", "$defs", "definitions", "items", "additionalProperties"):
                found.add(key)
            if key in ("properties", "$defs", "definitions"):
                for inner in value.values():
                    found |= _keywords(inner)
            else:
                found |= _keywords(value)
    elif isinstance(node, list):
        for inner in node:
            found |= _keywords(inner)
    return found


def test_every_schema_keyword_has_a_reason_of_its_own() -> None:
    """A hostile import breaks one of the schema's rules: each rule has its own reason said
    by cjtui (in every language), never jsonschema's English nor the catch-all."""
    import importlib
    import inspect

    module = importlib.import_module("cjtui.exchange.schema")

    not_rules = {"$schema", "$id", "$ref", "title", "description", "properties", "$comment",
                 "items", "default", "examples", "format"}  # fmt: skip
    rules = _keywords(module.schema()) - not_rules
    body = inspect.getsource(module._reason)
    missing = sorted(k for k in rules if f'"{k}"' not in body)
    assert "required" in rules and "maxLength" in rules  # the walk found the rules
    assert not missing, missing


SPANISH_CASES = {
    "a key the format has not": (
        json.dumps({"hello": "world"}),
        '(raíz): clave inesperada "hello"',
    ),
    "a missing field": (
        json.dumps({k: v for k, v in json.loads(SAMPLE).items() if k != "stages"}),
        'falta "stages"',
    ),
    "a wrong type": (
        SAMPLE.replace('"segment": "Moved home"', '"segment": 5', 1),
        "participant/segment: debe ser de tipo texto: 5",
    ),
    "a value not among the choices": (
        SAMPLE.replace('"moment": null', '"moment": 3', 1),
        'moment: debe ser uno de "before", "after", null: 3',
    ),
    "a text too long": (
        SAMPLE.replace('"alias": "', '"alias": "' + "x" * 20_000, 1),
        'participant/alias: más de 20000 caracteres (20006): "xxx',
    ),
}


@pytest.mark.parametrize("name", SPANISH_CASES)
def test_a_hostile_import_is_refused_in_spanish(
    name: str, tmp_path: Path, store_dir: Path, runner: CliRunner
) -> None:
    text, said = SPANISH_CASES[name]
    path = tmp_path / "hostile.json"
    path.write_text(text, "utf-8")
    out = runner.invoke(main, ["--db", str(store_dir), "--lang", "es", "import", str(path)])
    assert out.exit_code == 1
    line = out.output.strip()
    assert said in line, line
    assert "\n" not in line
    for english in ("is a required property", "Additional properties", "is not of type",
                    "longer than", "must be"):  # fmt: skip
        assert english not in line, line


BROKEN_JSON = {
    "{": "Expecting property name enclosed in double quotes",
    "[1,": "Expecting value",
    '{"a" 1}': "Expecting ':' delimiter",
    '{"a": 1 "b": 2}': "Expecting ',' delimiter",
    '"abc': "Unterminated string starting at",
    '"a\x01b"': "Invalid control character at",
    '"\\q"': "Invalid \\escape",
    '"\\u12"': "Invalid \\uXXXX escape",
    "[] []": "Extra data",
    "\ufeff{}": "Unexpected UTF-8 BOM (decode using utf-8-sig)",
}


@pytest.mark.parametrize("text", BROKEN_JSON)
def test_every_json_syntax_reason_is_said_by_cjtui(text: str) -> None:
    """Each reason the standard library's JSON reader gives is one cjtui says in every
    language (never the reader's English), with where it is."""
    from cjtui.base import jsonio
    from cjtui.base.errors import carried
    from cjtui.base.i18n import say

    with pytest.raises(json.JSONDecodeError) as raw:
        json.loads(text)
    assert raw.value.msg == BROKEN_JSON[text]  # the reader still says this
    with pytest.raises(jsonio.JSONFormatError) as said:
        jsonio.loads(text)
    message = carried(said.value)
    english, spanish = say(message, "en"), say(message, "es")
    assert english.startswith("not JSON: ") and raw.value.msg not in english
    assert spanish.startswith("no es JSON: ") and "(columna " in spanish
    assert spanish.split(": ", 1)[1] != english.split(": ", 1)[1]  # said in Spanish


def test_a_broken_store_file_is_said_in_spanish(tmp_path: Path, runner: CliRunner) -> None:
    """A session file garbled (not JSON) or holding a value of the wrong kind: doctor and
    show say why in the interface's language, never the parser's or Python's English."""
    store = tmp_path / "store"
    assert runner.invoke(main, ["--db", str(store), "import", str(SAMPLES)]).exit_code == 0
    files = sorted((store / "sessions").glob("*.json"))
    files[0].write_text("{broken", "utf-8")
    document = json.loads(files[1].read_text("utf-8"))
    document["session"]["1"]["perspective"] = "robot"
    files[1].write_text(json.dumps(document), "utf-8")
    document = json.loads(files[2].read_text("utf-8"))
    document["session"]["1"]["stages"] = "nope"
    files[2].write_text(json.dumps(document), "utf-8")
    out = runner.invoke(main, ["--db", str(store), "--lang", "es", "doctor"])
    assert out.exit_code == 1
    assert "no es JSON: falta una clave entre comillas dobles (columna 2)" in out.output
    assert "no es una sesión: un campo tiene un valor de otro tipo" in out.output
    assert "la perspectiva 'robot' no es customer ni internal" in out.output
    for english in ("Expecting", "TypeError", "string indices", "is not customer"):
        assert english not in out.output, out.output
    shown = runner.invoke(main, ["--db", str(store), "--lang", "es", "show", files[1].stem[:8]])
    assert shown.exit_code == 1 and "is not customer" not in shown.output
