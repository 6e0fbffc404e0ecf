"""The benchmark harness runs (on a small store); its timings are not checked here."""

from __future__ import annotations

import importlib
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BENCH_REPEAT", "1")
    monkeypatch.setenv("BENCH_ROUNDS", "1")
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    for name in ("common", "bench_save", "bench_cli", "bench_tui", "bench_typing"):
        sys.modules.pop(name, None)
    return importlib


def check_rows(rows: list) -> None:  # type: ignore[type-arg]
    assert rows
    for what, value, reference, ratio, limit in rows:
        assert isinstance(what, str) and value and reference
        assert ratio > 0 and limit > 0


def test_save_benchmark_runs(bench) -> None:  # type: ignore[no-untyped-def]
    check_rows(bench.import_module("bench_save").main(["--sizes", "2,6", "--repeat", "3"]))


def test_cli_benchmark_runs(bench) -> None:  # type: ignore[no-untyped-def]
    rows = bench.import_module("bench_cli").main(["--n", "6"])
    check_rows(rows)
    assert {r[0] for r in rows} >= {"cjtui --help", "cjtui list (10 sessions)"}


def test_tui_benchmark_runs(bench) -> None:  # type: ignore[no-untyped-def]
    rows = bench.import_module("bench_tui").main(["--n", "6"])
    check_rows(rows)
    assert any("keystroke" in r[0] for r in rows)


def test_typing_benchmark_runs(bench) -> None:  # type: ignore[no-untyped-def]
    check_rows(bench.import_module("bench_typing").main(["--chars", "500"]))
