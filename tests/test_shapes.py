"""The typed documents (cjtui.analysis.report.shapes, cjtui.analysis.journey.shapes) are the
JSON the report and the map write: every dict of the samples' reports and maps, in both
languages and both comparisons, has exactly the keys its TypedDict names (each required one,
no other) and values of its types. The type checker holds the code to the types; this holds
the types to what is written (and so to the README's formats)."""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any, NotRequired, Union, get_args, get_origin, get_type_hints

import pytest
from click.testing import CliRunner

from cjtui.analysis.journey.shapes import JourneyMap
from cjtui.analysis.report.shapes import Report
from cjtui.interface.cli.main import main

from .conftest import SAMPLES


def _problems(value: Any, kind: Any, where: str) -> list[str]:
    """Where *value* is not of *kind* (a TypedDict, list, dict, union, plain type)."""
    origin = get_origin(kind)
    if kind is Any:
        return []
    if origin is NotRequired:
        return _problems(value, get_args(kind)[0], where)
    if origin in (Union, types.UnionType):
        found = [_problems(value, option, where) for option in get_args(kind)]
        return [] if any(not f for f in found) else min(found, key=len)
    if typing.is_typeddict(kind):
        return _object_problems(value, kind, where)
    if origin in (list, dict):
        return _container_problems(value, kind, where)
    return _plain_problems(value, kind, where)


def _object_problems(value: Any, kind: Any, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    # (Read from the hints: the TypedDict's own required keys miss NotRequired under
    # postponed annotations on Python 3.11.)
    hints = get_type_hints(kind, include_extras=True)
    required = [k for k, hint in hints.items() if get_origin(hint) is not NotRequired]
    out = [f"{where}: missing {k}" for k in required if k not in value]
    out += [f"{where}: unknown key {k}" for k in value if k not in hints]
    for key, item in value.items():
        if key in hints:
            out += _problems(item, hints[key], f"{where}.{key}")
    return out


def _container_problems(value: Any, kind: Any, where: str) -> list[str]:
    if get_origin(kind) is list:
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        (inner,) = get_args(kind)
        return [p for n, item in enumerate(value) for p in _problems(item, inner, f"{where}[{n}]")]
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    _, inner = get_args(kind)
    return [p for k, item in value.items() for p in _problems(item, inner, f"{where}.{k}")]


def _plain_problems(value: Any, kind: Any, where: str) -> list[str]:
    if kind is type(None):
        return [] if value is None else [f"{where}: not null"]
    if kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{where}: not a number"]
    if kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else [f"{where}: not a whole number"]
    return [] if isinstance(value, kind) else [f"{where}: not {kind.__name__}"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shapes") / "store"
    out = CliRunner().invoke(main, ["--db", str(root), "import", str(SAMPLES)])
    assert out.exit_code == 0, out.output
    return root


CASES = [
    (study, lang, extra)
    for study in ("banco-hipoteca", "energy-billing", "online-retail")
    for lang in ("es", "en")
    for extra in ([], ["--perspective", "customer"])
]


@pytest.mark.parametrize(("study", "lang", "extra"), CASES)
def test_the_report_written_is_its_type(
    study: str, lang: str, extra: list[str], store: Path
) -> None:
    args = ["--db", str(store), "--lang", lang, "report", "--study", study, "--format", "json"]
    out = CliRunner().invoke(main, [*args, *extra])
    assert out.exit_code == 0, out.output
    document = json.loads(out.output)
    assert document["stages"] and document["touchpoints"]  # a real report, not an empty one
    assert _problems(document, Report, "report") == []


@pytest.mark.parametrize(("study", "lang", "extra"), CASES)
def test_the_map_written_is_its_type(study: str, lang: str, extra: list[str], store: Path) -> None:
    compare = ["--compare", "moment"] if extra else []
    args = ["--db", str(store), "--lang", lang, "map", "--study", study, "--format", "json"]
    out = CliRunner().invoke(main, [*args, *extra, *compare])
    assert out.exit_code == 0, out.output
    document = json.loads(out.output)
    assert document["lanes"] and document["curve"]["axis"]
    assert _problems(document, JourneyMap, "map") == []


def test_the_check_finds_what_breaks_a_type() -> None:
    """The checker itself: a missing key, an unknown one and a wrong type are each found."""
    from cjtui.analysis.report.shapes import FiguresJSON

    good = {"people": 1, "interviews": 1, "ratings": 1, "mean": 0.5, "median": None,
            "min": -1, "max": 2.0, "negative_share": 0.0, "thin": True}  # fmt: skip
    assert _problems(good, FiguresJSON, "f") == []
    assert _problems({**good, "extra": 1}, FiguresJSON, "f") == ["f: unknown key extra"]
    assert _problems({k: v for k, v in good.items() if k != "thin"}, FiguresJSON, "f") == [
        "f: missing thin"
    ]
    assert _problems({**good, "people": "1"}, FiguresJSON, "f") == ["f.people: not a whole number"]
