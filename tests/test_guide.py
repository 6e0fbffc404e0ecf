"""Guides: the built-ins are complete in both languages; every broken guide says what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjtui.domain.guide import (
    BUILTIN_GUIDES,
    GuideError,
    builtin_guide,
    load_guide,
    resolve_guide,
    session_problems,
    validate_file,
)
from cjtui.domain.model import CHANNELS

from .conftest import make_session

MINIMAL = """
id = "mini"
version = "1"
languages = ["en"]
title = { en = "Mini" }
consent = { en = "OK?" }
[scale]
min = -1
max = 1
points = [
  { value = -1, en = "Bad" },
  { value = 0, en = "Meh" },
  { value = 1, en = "Good" },
]
[[stages]]
id = "only"
title = { en = "Only" }
[[stages.questions]]
id = "q1"
type = "choice"
prompt = { en = "Pick" }
options = [{ code = "a", en = "A" }, { code = "b", en = "B" }]
[[stages.questions]]
id = "q2"
type = "text"
prompt = { en = "Why?" }
when = { question = "q1", equals = "b" }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "guide.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", BUILTIN_GUIDES)
def test_builtin_guides_are_valid_and_complete_in_both_languages(name: str) -> None:
    guide = builtin_guide(name)
    assert guide.languages == ("es", "en")
    assert (guide.scale.min, guide.scale.max) == (-2, 2)
    assert [p.value for p in guide.scale.points] == [-2, -1, 0, 1, 2]
    assert set(guide.channels) == set(CHANNELS)
    texts = [guide.title, guide.consent]
    for q in guide.persona:
        texts.append(q.prompt)
    for stage in guide.stages:
        texts += [stage.title, stage.description]
        assert stage.touchpoints, f"{stage.id} suggests no touchpoints"
        for q in stage.questions:
            texts.append(q.prompt)
            texts += [o.label for o in q.options]
    for text in texts:
        assert text.get("es") and text.get("en"), text
    # Spanish and English are really different texts, not copies.
    assert guide.stages[0].questions[0].prompt["es"] != guide.stages[0].questions[0].prompt["en"]


def test_inbound_has_three_stages_and_full_adds_purchase_and_loyalty() -> None:
    assert builtin_guide("inbound").stage_ids == ["awareness", "consideration", "decision"]
    assert builtin_guide("full").stage_ids == [
        "awareness",
        "consideration",
        "decision",
        "purchase",
        "loyalty",
    ]


def test_persona_asks_needs_frustrations_and_motivations() -> None:
    ids = {q.id for q in builtin_guide("full").persona}
    assert {"needs", "frustrations", "motivations"} <= ids


def test_minimal_guide_loads_and_when_condition_works(tmp_path: Path) -> None:
    guide = load_guide(write(tmp_path, MINIMAL))
    assert guide.id == "mini" and guide.stage_ids == ["only"]
    q2 = guide.question("only", "q2")
    assert q2 is not None and q2.when is not None
    assert q2.when.holds("b") and not q2.when.holds("a") and not q2.when.holds(None)


def test_when_conditions_hide_and_show_questions_in_a_session() -> None:
    guide = builtin_guide("inbound")
    s = make_session("inbound")
    stage = guide.stage("decision")
    assert stage is not None
    shown = lambda: [q.id for q in guide.visible_questions(stage, s)]  # noqa: E731
    assert "went_on" not in shown() and "hesitated" not in shown()
    s.set_answer("decision", "hesitated_any", "no")  # "No, ninguno": nothing follows
    assert "went_on" not in shown()
    s.set_answer("decision", "hesitated_any", "yes")
    assert "hesitated" in shown() and "went_on" in shown()
    s.set_answer("decision", "hesitated_any", None)
    assert "went_on" not in shown()
    s.set_answer("decision", "tipped", None)
    assert [q.id for q in guide.missing_required(stage, s)] == ["tipped"]


BROKEN = [
    ("id = ", "toml: "),
    (MINIMAL.replace('version = "1"', "version = 1"), "guide: version must be a string"),
    (MINIMAL.replace('title = { en = "Mini" }', ""), "guide: missing title"),
    (MINIMAL.replace("min = -1\nmax = 1", "min = 1\nmax = 5"), "scale: must run from negative"),
    (MINIMAL.replace("min = -1", 'min = "low"'), "scale: min and max must be whole numbers"),
    (MINIMAL.replace('{ value = 0, en = "Meh" },', ""), "scale.0: has no label"),
    (MINIMAL.replace('type = "choice"', 'type = "essay"'), "only.q1: type 'essay' is not one of"),
    (
        MINIMAL.replace('options = [{ code = "a", en = "A" }, { code = "b", en = "B" }]', ""),
        "only.q1: a choice question needs at least two options",
    ),
    (
        MINIMAL.replace('{ code = "b", en = "B" }', '{ code = "a", en = "B" }'),
        "only.q1: option code 'a' appears twice",
    ),
    (
        MINIMAL.replace('equals = "b"', 'equals = "zzz"'),
        "only.q2: when compares 'q1' with 'zzz', which is not one of its options",
    ),
    (
        MINIMAL.replace('question = "q1"', 'question = "nope"'),
        "only.q2: when refers to 'nope', which is not an earlier question",
    ),
    (MINIMAL.replace('id = "q2"', 'id = "q1"'), "only.q1: question id appears twice"),
    (
        MINIMAL.replace('prompt = { en = "Why?" }', 'prompt = { es = "¿Por qué?" }'),
        "only.q2: prompt has no en text",
    ),
    (
        MINIMAL + '\n[[stages.touchpoints]]\nname = { en = "Fax" }\nchannel = "fax"\n',
        "only.touchpoints[1]: channel 'fax' is not among the guide's channels",
    ),
    (MINIMAL.replace('id = "only"', 'id = "only stage"'), "stage 1: id must be a name"),
    (MINIMAL + "\nsurprise = 1\n", "unknown key 'surprise'"),
    (
        MINIMAL.replace('type = "text"', 'type = "scale"'),
        "only.q2: a scale question needs whole-number min and max",
    ),
]


@pytest.mark.parametrize("text, expected", BROKEN)
def test_each_broken_guide_gives_its_message(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    problems = validate_file(path)
    assert problems, "a broken guide must not validate"
    assert all(p.startswith(f"{path}: ") for p in problems)
    assert any(expected in p for p in problems), problems
    with pytest.raises(GuideError):
        load_guide(path)


def test_validate_reports_every_problem_not_just_the_first(tmp_path: Path) -> None:
    text = MINIMAL.replace('type = "choice"', 'type = "essay"').replace(
        'version = "1"', "version = 1"
    )
    problems = validate_file(write(tmp_path, text))
    assert len(problems) >= 2
    assert all(re.match(r".+: [\w.\[\] ]+: .+", p) for p in problems)


def test_resolve_unknown_guide_is_a_clear_error() -> None:
    with pytest.raises(GuideError, match="no built-in guide or file"):
        resolve_guide("nonexistent")


def test_session_problems_catch_out_of_scale_and_unknown_ids() -> None:
    guide = builtin_guide("inbound")
    s = make_session("inbound")
    assert session_problems(s, guide) == []
    s.stages[0].touchpoints[0].emotion = 7
    s.stages[1].answers["nope"] = "x"
    s.stages[2].answers["ease"] = 9
    problems = session_problems(s, guide)
    assert any("emotion 7 is outside -2..2" in p for p in problems)
    assert any(p.startswith("consideration.nope: no such question") for p in problems)
    assert any(p.startswith("decision.ease: 9 is above 5") for p in problems)
    assert session_problems(s, builtin_guide("full"))[0].startswith("guide:")


def _tomllib_reasons() -> list[str]:
    """Every reason the standard library's TOML reader can give, from its own code (a value
    it puts in, a key or a character, stands as 'x')."""
    import ast
    import inspect
    from tomllib import _parser

    found: list[str] = []
    for node in ast.walk(ast.parse(inspect.getsource(_parser))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "suffixed_err":
            text = node.args[2]
            if isinstance(text, ast.Constant):
                found.append(text.value)
            elif isinstance(text, ast.JoinedStr):
                found.append("".join(v.value if isinstance(v, ast.Constant) else "'x'"
                                     for v in text.values))  # fmt: skip
    return found


def test_every_toml_syntax_reason_is_said_by_cjtui() -> None:
    from cjtui.domain.guide.syntax import reason

    reasons = _tomllib_reasons()
    assert len(reasons) > 15 and "Invalid value" in reasons  # the walk works
    unknown = [r for r in reasons if reason(r) is None]
    assert not unknown, unknown


@pytest.mark.parametrize(
    ("text", "english", "spanish"),
    [
        ('id = "x"\nname = \n', "(line 2, column 8)", "un valor que no es TOML válido"),
        ('id = "x"\n[a.b]\n[a.b]\n', "table a.b declared twice", "la tabla a.b está declarada dos"),
        ('id = "x\n', "not allowed in text", "(línea 1, columna 8)"),
        ("id = [1, 2\n", "at the end of the file", "al final del archivo"),
    ],
)
def test_a_toml_syntax_error_is_one_line_in_the_interface_language(
    text: str, english: str, spanish: str, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    path = tmp_path / "bad.toml"
    path.write_text(text, "utf-8")
    for lang, said in (("en", english), ("es", spanish)):
        out = CliRunner().invoke(main, ["--lang", lang, "guides", "validate", str(path)])
        assert out.exit_code == 1
        line = out.output.strip()
        assert "\n" not in line and said in line, line
        assert "toml: " in line
        if lang == "es":
            assert "Invalid" not in line and "(at " not in line, line
