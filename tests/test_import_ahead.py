"""A big JSON Lines import checks its lines ahead on a worker process (cjtui.exchange.ahead):
the same sessions stored, byte for byte, as when every line is checked here; a bad line far
into the file still refused by its line number with the reader's words, nothing imported;
a worker that cannot answer leaves its lines to be checked here."""

from __future__ import annotations

import json
import uuid
from concurrent.futures import Future
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.exchange import ahead
from cjtui.interface.cli.main import main

from .conftest import SAMPLES

LINES = ahead.WORTH + 3 * ahead.CHUNK + 5  # past the worker's start, several chunks


def _big_jsonl(path: Path, broken_at: int | None = None, dup_at: int | None = None) -> Path:
    template = json.loads((SAMPLES / "en_energy_customer_skipped_stage.json").read_text("utf-8"))
    with path.open("w", encoding="utf-8") as out:
        for n in range(1, LINES + 1):
            line = json.dumps(
                dict(template, id=str(uuid.UUID(int=n, version=4))), ensure_ascii=False
            )
            if n == broken_at:
                line = line[:-1]  # the closing brace gone
            if n == dup_at:
                line = line.replace('"language": "en"', '"language": "en", "language": "es"', 1)
            out.write(line + "\n")
    return path


def _stored(store: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((store / "sessions").glob("*.json"))}


def test_lines_checked_ahead_are_stored_as_lines_checked_here(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _big_jsonl(tmp_path / "big.jsonl")
    seen: list[bool] = []
    real = ahead._answered

    def counted(done):  # type: ignore[no-untyped-def]
        for item in real(done):
            seen.append(item[2])
            yield item

    monkeypatch.setattr(ahead, "_answered", counted)
    out = runner.invoke(main, ["--db", str(tmp_path / "a"), "import", str(source)])
    assert out.exit_code == 0, out.output
    if ahead._cpus() >= 2:  # the worker ran and passed every line
        assert len(seen) == LINES and all(seen)
    monkeypatch.setattr(ahead, "WORTH", 10**9)  # every line checked here
    out = runner.invoke(main, ["--db", str(tmp_path / "b"), "import", str(source)])
    assert out.exit_code == 0, out.output
    a, b = _stored(tmp_path / "a"), _stored(tmp_path / "b")
    assert len(a) == LINES and a == b


@pytest.mark.parametrize(
    ("broken_at", "dup_at", "said"),
    [
        (LINES - 2, None, f"line {LINES - 2}: not JSON: ',' expected between two items (column "),
        (
            None,
            ahead.WORTH + 70,
            f"line {ahead.WORTH + 70}: not JSON cjtui can read: duplicate key",
        ),
    ],
)
def test_a_bad_line_far_in_is_refused_by_its_number_and_nothing_is_imported(
    tmp_path: Path, runner: CliRunner, broken_at: int | None, dup_at: int | None, said: str
) -> None:
    source = _big_jsonl(tmp_path / "big.jsonl", broken_at, dup_at)
    store = tmp_path / "store"
    out = runner.invoke(main, ["--db", str(store), "import", str(source)])
    assert out.exit_code == 1
    line = out.output.strip()
    assert said in line and "\n" not in line, line
    assert not (store / "sessions").exists() or not _stored(store)  # all or nothing


def test_a_worker_that_cannot_answer_leaves_its_lines_to_be_checked_here() -> None:
    class Broken:
        def submit(self, *_: object) -> Future[list[bool]]:
            raise RuntimeError("cannot schedule new futures after shutdown")

    class Dead:
        def submit(self, *_: object) -> Future[list[bool]]:
            job: Future[list[bool]] = Future()
            job.set_exception(OSError("the worker was killed"))
            return job

    lines = [(n, b"{}") for n in range(1, 2 * ahead.CHUNK + 1)]
    for pool in (Broken(), Dead()):
        got = list(ahead._through(pool, ahead._chunks(iter(lines))))  # type: ignore[arg-type]
        assert [(n, line) for n, line, _ in got] == lines  # every line, in order
        assert not any(ok for _, _, ok in got)  # none passed: each is checked here


def test_the_worker_passes_only_strict_json_of_a_current_session_the_schema_takes() -> None:
    good = (SAMPLES / "en_energy_customer_skipped_stage.json").read_bytes()
    data = json.loads(good)
    dup = good.replace(b'"language": "en"', b'"language": "en", "language": "es"', 1)
    old = json.dumps(dict(data, schema=2)).encode()
    wrong = json.dumps(dict(data, moment=3)).encode()
    assert ahead.verdicts([good, dup, old, wrong, b"{", b"[]"]) == [
        True, False, False, False, False, False,
    ]  # fmt: skip
