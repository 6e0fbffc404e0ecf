"""The command line, through click's CliRunner: every command, every bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.exchange import CSV_COLUMNS, session_files
from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import SAMPLES, make_session, tree_digest

SAMPLE_FILES = session_files(sorted(SAMPLES.glob("*.json")))


def run(runner: CliRunner, store_dir: Path, *args: str, input: str | None = None):
    return runner.invoke(main, ["--db", str(store_dir), *args], input=input)


@pytest.fixture
def filled(runner: CliRunner, store_dir: Path) -> Path:
    result = run(runner, store_dir, "import", str(SAMPLES))
    assert result.exit_code == 0, result.output
    return store_dir


# ---- samples and round trips ---------------------------------------------------------------


def test_there_are_enough_varied_sample_sessions() -> None:
    sessions = [json.loads(p.read_text("utf-8")) for p in SAMPLE_FILES]
    assert len(sessions) >= 8
    assert {s["guide"]["id"] for s in sessions} == {"inbound", "full"}
    assert {s["language"] for s in sessions} == {"es", "en"}
    assert {s["perspective"] for s in sessions} == {"customer", "internal"}
    assert {"before", "after"} <= {s["moment"] for s in sessions}
    assert "in_progress" in {s["status"] for s in sessions}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_each_sample_is_exactly_what_export_writes(
    runner: CliRunner, filled: Path, path: Path
) -> None:
    session_id = json.loads(path.read_text("utf-8"))["id"]
    result = run(runner, filled, "export", session_id)
    assert result.exit_code == 0
    assert result.output == path.read_text("utf-8")


def test_import_of_an_export_gives_back_the_same_sessions(
    runner: CliRunner, filled: Path, tmp_path: Path
) -> None:
    for fmt in ("json", "jsonl"):
        out = tmp_path / f"all.{fmt}"
        assert run(runner, filled, "export", "--format", fmt, "-o", str(out)).exit_code == 0
        other = tmp_path / f"other-{fmt}"
        result = run(runner, other, "import", str(out))
        assert result.exit_code == 0, result.output
        a = {s.id: s.to_dict() for s in Store.open(filled).all()}
        b = {s.id: s.to_dict() for s in Store.open(other).all()}
        assert a == b and len(a) == len(SAMPLE_FILES)


# ---- list / show / delete ------------------------------------------------------------------


def test_list_shows_in_progress_first_with_progress(runner: CliRunner, filled: Path) -> None:
    result = run(runner, filled, "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("ID ")
    assert len(lines) == 1 + len(SAMPLE_FILES)
    assert "in progress" in lines[1] and "7cd08d9f" in lines[1] and "2/3" in lines[1]
    rows = json.loads(run(runner, filled, "list", "--json").output)
    assert rows[0]["status"] == "in_progress"
    assert {r["stages_total"] for r in rows} == {3, 4, 5}  # 4: a stage the couple added


def test_list_speaks_spanish(runner: CliRunner, filled: Path) -> None:
    result = run(runner, filled, "--lang", "es", "list")
    assert "PERSPECTIVA" in result.output and "en curso" in result.output


def test_list_on_empty_store_says_how_to_start(runner: CliRunner, store_dir: Path) -> None:
    result = run(runner, store_dir, "list")
    assert result.exit_code == 0
    assert "cjtui interview" in result.output


def test_show_prints_a_transcript_in_the_session_language(runner: CliRunner, filled: Path) -> None:
    result = run(runner, filled, "show", "5abe")
    assert result.exit_code == 0
    out = result.output
    assert "Etapa 4/5 · Compra y uso" in out
    assert "Portabilidad del móvil [Teléfono] -2 Muy mal 😠  ✖ DOLOR" in out
    assert "Oportunidad: Avisar por SMS" in out
    english = run(runner, filled, "--lang", "en", "show", "5abe").output
    assert "Stage 4/5 · Purchase and use" in english


def test_show_prints_hostile_text_literally(runner: CliRunner, store_dir: Path) -> None:
    s = make_session()
    s.update_touchpoint(s.stages[0].touchpoints[0].id, note="[bold red]x[/] and [@click=app.quit]")
    Store.open(store_dir).save(s)
    out = run(runner, store_dir, "show", s.id[:8]).output
    assert "[bold red]x[/] and [@click=app.quit]" in out


def test_unknown_or_ambiguous_id_is_one_line_and_exit_1(runner: CliRunner, filled: Path) -> None:
    for args in (["show", "zzzz"], ["export", "zzzz"], ["delete", "zzzz", "--yes"]):
        result = run(runner, filled, *args)
        assert result.exit_code == 1
        assert result.output.count("\n") == 1 and "no session with id 'zzzz'" in result.output


def test_delete_asks_then_removes(runner: CliRunner, filled: Path) -> None:
    assert run(runner, filled, "delete", "8de1", input="n\n").exit_code == 1
    assert len(Store.open(filled).ids()) == len(SAMPLE_FILES)
    result = run(runner, filled, "delete", "8de1", input="y\n")
    assert result.exit_code == 1 and "started by" in result.output  # a colleague's
    result = run(runner, filled, "delete", "8de1", "--force", input="y\n")
    assert result.exit_code == 0
    assert len(Store.open(filled).ids()) == len(SAMPLE_FILES) - 1


def test_a_spanish_yes_is_yes(runner: CliRunner, filled: Path) -> None:
    """Asked in Spanish, «s» (or «sí») answers yes; anything else does nothing, and says so."""
    es = ["--db", str(filled), "--lang", "es"]
    asked = runner.invoke(main, [*es, "delete", "8de1", "--force"], input="no\n")
    assert asked.exit_code == 1 and "[s/N]" in asked.output
    assert "No se ha hecho nada." in asked.output
    assert len(Store.open(filled).ids()) == len(SAMPLE_FILES)
    done = runner.invoke(main, [*es, "delete", "8de1", "--force"], input="s\n")
    assert done.exit_code == 0, done.output
    assert len(Store.open(filled).ids()) == len(SAMPLE_FILES) - 1


# ---- export ---------------------------------------------------------------------------------


def test_export_json_is_an_array_unless_one_id(runner: CliRunner, filled: Path) -> None:
    many = json.loads(run(runner, filled, "export").output)
    assert isinstance(many, list) and len(many) == len(SAMPLE_FILES)
    two = json.loads(run(runner, filled, "export", "5abe", "8de1").output)
    assert [s["id"][:4] for s in two] == ["5abe", "8de1"]
    one = json.loads(run(runner, filled, "export", "5abe").output)
    assert isinstance(one, dict) and one["id"].startswith("5abe")


def test_export_jsonl_is_one_session_per_line(runner: CliRunner, filled: Path) -> None:
    lines = run(runner, filled, "export", "--format", "jsonl").output.splitlines()
    assert len(lines) == len(SAMPLE_FILES)
    assert all(json.loads(line)["schema"] == 3 for line in lines)


def test_export_csv_is_one_row_per_touchpoint(runner: CliRunner, filled: Path) -> None:
    out = run(runner, filled, "export", "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    sessions = list(Store.open(filled).all())
    assert len(rows) == sum(len(r.touchpoints) for s in sessions for r in s.stages)
    porting = next(
        r
        for r in rows
        if r["touchpoint"] == "Portabilidad del móvil" and r["perspective"] == "customer"
    )
    assert porting["emotion"] == "-2" and porting["pain"] == "true"
    assert porting["owner"] == "Operaciones de red" and porting["stage"] == "purchase"
    assert porting["participant"] == "Cedro" and porting["moment"] == "after"


def test_export_csv_neutralises_formulas(runner: CliRunner, store_dir: Path) -> None:
    s = make_session(touchpoints=1)
    s.update_touchpoint(s.stages[0].touchpoints[0].id, name='=HYPERLINK("x")')
    Store.open(store_dir).save(s)
    out = run(runner, store_dir, "export", "--format", "csv").output
    assert "'=HYPERLINK" in out


def test_export_to_file_is_private_and_never_overwrites_without_force(
    runner: CliRunner, filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    old = os.umask(0o022)
    try:
        assert run(runner, filled, "export", "-o", str(out)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    first = out.read_bytes()
    result = run(runner, filled, "export", "5abe", "-o", str(out))
    assert result.exit_code == 1 and "--force" in result.output
    assert out.read_bytes() == first
    assert run(runner, filled, "export", "5abe", "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes() != first


def test_export_refuses_to_write_through_a_symlink(
    runner: CliRunner, filled: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    result = run(runner, filled, "export", "-o", str(link), "--force")
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert victim.read_text() == "keep me"


# ---- import: every bad input is one line, exit 1, and the store is untouched ---------------


def _sample() -> dict:
    return json.loads((SAMPLES / "es_telco_cliente_despues.json").read_text("utf-8"))


def _bad_cases(tmp: Path) -> list[tuple[str, Path, str]]:
    cases: list[tuple[str, Path, str]] = []

    def add(name: str, content: bytes | str, expected: str, suffix: str = ".json") -> None:
        path = tmp / f"{name}{suffix}"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        cases.append((name, path, expected))

    good = _sample()
    add("empty", b"", "empty file")
    add("blank", "   \n\n", "empty file")
    add("not_json", "hello, world", "not JSON")
    add("truncated", json.dumps(good)[:500], "not JSON")
    add("trailing", json.dumps(good) + "garbage", "not JSON")
    add("nul", json.dumps(good).replace('"es"', '"e\x00s"', 1), "NUL byte")
    add("nan", json.dumps(good).replace('"emotion": 2', '"emotion": NaN', 1), "NaN is not allowed")
    add(
        "dupkey",
        json.dumps(good).replace('"language": "es"', '"language": "es", "language": "en"'),
        "duplicate key 'language'",
    )
    add("deep", "[" * 100_000 + "]" * 100_000, "nested too deeply")
    add("empty_array", "[]", "holds no sessions")
    add(
        "wrong_shape",
        json.dumps({"hello": "world"}),
        '(top): unexpected key "hello"',
    )
    add(
        "missing_field",
        json.dumps({k: v for k, v in good.items() if k != "stages"}),
        '"stages" is missing',
    )
    add("wrong_type", json.dumps(good | {"moment": 3}), "moment")
    out_of_range = _sample()
    out_of_range["stages"][3]["touchpoints"][1]["emotion"] = 5
    add("out_of_range", json.dumps(out_of_range), "emotion 5 is outside -2..2")
    unknown_guide = _sample()
    unknown_guide["guide"] = {"id": "secret", "version": "9", "sha256": "0" * 64}
    add(
        "unknown_guide",
        json.dumps(unknown_guide),
        "guide secret 9 (sha256 000000000000…), which this store does not have",
    )
    bad_stage = _sample()
    bad_stage["stages"][0]["id"] = "dreaming"
    add("unknown_stage", json.dumps(bad_stage), "do not match the guide's")
    bad_question = _sample()
    bad_question["stages"][0]["answers"]["favourite_colour"] = "red"
    add(
        "unknown_question", json.dumps(bad_question), "awareness.favourite_colour: no such question"
    )
    bad_choice = _sample()
    bad_choice["stages"][0]["answers"]["first_heard"] = "telepathy"
    add("bad_choice", json.dumps(bad_choice), "'telepathy' is not one of its options")
    add("twice", json.dumps([good, good]), "appears twice")
    add("bad_jsonl", json.dumps(good) + "\n{oops\n", "line 2: not JSON", suffix=".jsonl")
    add("not_utf8", b"\xff\xfe{}", "not UTF-8")
    return cases


def test_every_bad_import_is_one_line_exit_1_and_store_unchanged(
    runner: CliRunner, filled: Path, tmp_path: Path
) -> None:
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    before = tree_digest(filled)
    for name, path, expected in _bad_cases(bad_dir):
        result = run(runner, filled, "import", "--replace", str(path))
        assert result.exit_code == 1, (name, result.output)
        assert result.output.count("\n") == 1, (name, result.output)
        assert str(path) in result.output, (name, result.output)
        assert expected in result.output, (name, result.output)
        assert tree_digest(filled) == before, name


def test_symlink_and_fifo_imports_are_refused(
    runner: CliRunner, filled: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(SAMPLE_FILES[0])
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    before = tree_digest(filled)
    assert "symbolic link" in run(runner, filled, "import", str(link)).output
    assert "not a regular file" in run(runner, filled, "import", str(fifo)).output
    assert tree_digest(filled) == before


def test_import_is_all_or_nothing_across_files(
    runner: CliRunner, store_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = run(runner, store_dir, "import", str(SAMPLE_FILES[0]), str(bad))
    assert result.exit_code == 1
    assert Store.open(store_dir).ids() == []


def test_import_skips_stored_ids_unless_replace(
    runner: CliRunner, filled: Path, tmp_path: Path
) -> None:
    changed = _sample()
    changed["participant"]["alias"] = "Ramiro (corrected)"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    result = run(runner, filled, "import", str(path))
    # Changed by hand (no change in its audit trail): a conflict, nothing overwritten.
    assert result.exit_code == 1
    assert "Conflict in 5abe6b7d" in result.output and "(participant)" in result.output
    assert "Imported 0" in result.output and "conflicts: 1" in result.output
    assert Store.open(filled).load(changed["id"]).participant.alias == "Cedro"
    result = run(runner, filled, "import", "--replace", str(path))
    assert "Imported 1" in result.output
    assert Store.open(filled).load(changed["id"]).participant.alias == "Ramiro (corrected)"


def test_import_with_a_custom_guide_keeps_a_copy(
    runner: CliRunner, store_dir: Path, tmp_path: Path
) -> None:
    from cjtui.domain.guide import load_guide
    from cjtui.domain.model import Session

    guide_path = tmp_path / "mine.toml"
    text = (Path(__file__).parent.parent / "cjtui" / "guides" / "inbound.toml").read_text("utf-8")
    guide_path.write_text(text.replace('id = "inbound"', 'id = "mine"', 1), encoding="utf-8")
    guide = load_guide(guide_path)
    s = Session.new(guide.ref, guide.stage_ids, language="en", perspective="internal", study="s1")
    s.set_answer("awareness", "expected", "x")
    data = tmp_path / "s.json"
    data.write_text(json.dumps(s.to_dict()))
    assert "which this store does not have" in run(runner, store_dir, "import", str(data)).output
    result = run(runner, store_dir, "import", "--guide", str(guide_path), str(data))
    assert result.exit_code == 0, result.output
    assert (store_dir / "guides" / f"{guide.sha256}.toml").exists()
    assert "Stage 1/3 · Awareness" in run(runner, store_dir, "show", s.id[:8]).output


# ---- guides / schema / help ------------------------------------------------------------------


def test_guides_list_show_and_validate(runner: CliRunner, tmp_path: Path) -> None:
    listed = runner.invoke(main, ["guides"]).output
    assert "inbound" in listed and "full" in listed
    shown = runner.invoke(main, ["--lang", "es", "guides", "show", "full"]).output
    assert "Etapa 5/5 · Fidelidad y recomendación" in shown
    assert "Muy mal" in shown
    ok = runner.invoke(main, ["guides", "validate", str(SAMPLES.parent / "cjtui/guides/full.toml")])
    assert ok.exit_code == 0 and "valid" in ok.output
    broken = tmp_path / "b.toml"
    broken.write_text('id = "b"\nversion = 1\n')
    result = runner.invoke(main, ["guides", "validate", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}: guide: version must be a string" in result.output
    assert f"{broken}: stages: a guide needs at least one stage" in result.output
    missing = runner.invoke(main, ["guides", "show", "nope"])
    assert missing.exit_code == 1 and "no built-in guide or file" in missing.output


def test_schema_is_valid_json_schema_and_matches_samples(runner: CliRunner) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(runner.invoke(main, ["schema"]).output)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in SAMPLE_FILES:
        assert not list(validator.iter_errors(json.loads(path.read_text("utf-8")))), path


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=" ".join)
def test_every_command_has_help_with_an_example(runner: CliRunner, path: tuple[str, ...]) -> None:
    result = runner.invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, path


def test_cli_commands_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; "
        "from cjtui.interface.cli.main import main; "
        "CliRunner().invoke(main, ['guides']); CliRunner().invoke(main, ['schema']); "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("escape", ["\\u001b]0;x\\u0007", "\\r", "\\b", "\\f", "\u009b"])
def test_import_strips_control_characters(
    runner: CliRunner, store_dir: Path, tmp_path: Path, escape: str
) -> None:
    text = (SAMPLES / "es_telco_cliente_despues.json").read_text("utf-8")
    path = tmp_path / "ctl.json"
    path.write_text(text.replace('"alias": "Cedro"', f'"alias": "Ced{escape}ro"'), "utf-8")
    assert run(runner, store_dir, "import", str(path)).exit_code == 0
    alias = Store.open(store_dir).load(_sample()["id"]).participant.alias
    assert alias.startswith("Ced") and alias.endswith("ro")
    assert not any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) <= 0x9F for c in alias)


@pytest.mark.parametrize(
    "args, expected",
    [
        ([], (None, None)),
        (["--db", "x", "--lang", "es"], ("x", "es")),
        (["--db=x", "--lang=en"], ("x", "en")),
        (["--lang", "fr"], None),
        (["list"], None),
        (["--db", "x", "interview"], None),
        (["--help"], None),
        (["--db"], None),
    ],
)
def test_only_db_and_lang_open_the_app_without_the_command_line(args, expected) -> None:  # type: ignore[no-untyped-def]
    from cjtui.interface.cli.launch import app_only

    assert app_only(args) == expected


def test_bad_store_from_the_fast_path_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    target = tmp_path / "file"
    target.write_text("x")
    out = subprocess.run(
        [sys.executable, "-m", "cjtui", "--db", str(target)], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert out.stderr.strip() == f"Error: {target}: not a store folder (it is a file)"


def test_a_reader_that_goes_away_is_no_error(filled: Path) -> None:
    """`cjtui list | head -1`: the reader closes the pipe; cjtui stops quietly."""
    import subprocess

    cjtui = Path(sys.executable).with_name("cjtui")
    for command in (
        ["list"],
        ["export", "--format", "jsonl"],
        ["report", "--study", "banco-hipoteca"],
    ):
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone before the first line is written
        proc = subprocess.run(
            [str(cjtui), "--db", str(filled), *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
        )
        os.close(write_end)
        assert (proc.returncode, proc.stderr) == (0, b""), command
