"""Shared fixtures: every test gets its own store folder and never touches the real data dir."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.domain.guide import Guide, builtin_guide, shipped_guide
from cjtui.domain.model import Session, new_touchpoint
from cjtui.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_sessions"
# The sample sessions as cjtui 0.2 shipped them (schema 2, guides 1.1), frozen: the
# figures worked out by hand, and the proof that interviews of then still work now.
SAMPLES_0_2 = ROOT / "tests" / "fixtures" / "samples_0_2"


def shipped(session: Session) -> Guide:
    """The very guide *session* was taken with (current or earlier, shipped with cjtui)."""
    guide = shipped_guide(session.guide.sha256)
    assert guide is not None, session.guide
    return guide


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.delenv("CJTUI_STATE", raising=False)
    monkeypatch.delenv("CJTUI_DB", raising=False)
    monkeypatch.delenv("CJTUI_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_dir: Path) -> Store:
    return Store.open(store_dir)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def tree_digest(root: Path) -> dict[str, str]:
    """Every file below *root* with the sha256 of its bytes (to prove nothing changed)."""
    out: dict[str, str] = {}
    if not root.exists():
        return out
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def make_session(
    guide_id: str = "inbound",
    *,
    perspective: str = "customer",
    language: str = "en",
    moment: str | None = "after",
    alias: str = "Ana",
    touchpoints: int = 2,
) -> Session:
    """A small valid session with consent, one answer per stage and some rated touchpoints."""
    guide = builtin_guide(guide_id)
    s = Session.new(
        guide.ref,
        guide.stage_ids,
        study=guide.id,
        language=language,
        perspective=perspective,
        moment=moment,
        interviewer="tester",
        alias=alias,
        segment="test",
    )
    if perspective == "customer":
        s.give_consent(guide.consent_sha256(language))
    for stage in guide.stages:
        first = stage.questions[0]
        s.set_answer(stage.id, first.id, "answer" if first.type.endswith("text") else None)
        for n in range(touchpoints):
            s.add_touchpoint(stage.id, new_touchpoint(f"{stage.id} tp {n}", "web", emotion=n - 1))
    return s


def guide_2_0(guide_id: str) -> Guide:
    """A built-in guide as version 2.0 shipped it (frozen): tests that model a stage's
    fields in order keep to one questionnaire."""
    from cjtui.domain.guide import earlier_guides

    return next(g for g in earlier_guides() if g.id == guide_id and g.version == "2.0")
