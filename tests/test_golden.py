"""A refactor leaves what users read as it was: the samples' reports and maps (every format,
es and en), exports, transcripts, backlogs and catalogues, byte for byte (their sha256 in
tests/fixtures/golden.json). A deliberate change of an output updates them:
``python -m tests.golden --digests`` (and ``python -m tests.golden DIR`` writes the outputs
themselves, to compare two trees with diff)."""

from __future__ import annotations

import json
from pathlib import Path

from .golden import DIGESTS, digests, outputs


def test_what_users_read_is_byte_identical(tmp_path: Path) -> None:
    made = digests(outputs(tmp_path / "store"))
    kept = json.loads(DIGESTS.read_text("utf-8"))
    assert len(made) > 60
    changed = sorted(name for name in made if made[name] != kept.get(name))
    gone = sorted(set(kept) - set(made))
    assert not changed and not gone, (
        f"changed: {changed}; no longer made: {gone}. If deliberate: python -m tests.golden "
        "--digests"
    )
