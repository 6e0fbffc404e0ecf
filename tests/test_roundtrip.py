"""Round-trip fuzz: sessions full of arbitrary Unicode and hostile text survive
export -> import unchanged (Hypothesis)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjtui.domain.guide import builtin_guide
from cjtui.domain.model import CHANNELS, Session, new_touchpoint
from cjtui.exchange import check_import, to_json, to_jsonl
from cjtui.store import Store

HOSTILE = st.sampled_from(
    [
        "[bold]x[/]",
        "[@click=app.quit]",
        "[/",
        "[link=http://e.vil]l[/link]",
        "\x1b]0;t\x07",
        "\x1b]8;;u\x1b\\",
        "\x1b]52;c;eA==\x07",
        "\x1b[2J",
        "\x1b[6n",
        "\x1b",
        "\x07",
        "\x9b1m",
        "ñandú",
        "😀",
        "\u202e",
        "\r\n",
        "\t",
        "\x00",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), HOSTILE), max_size=4).map("".join)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    guide = builtin_guide(draw(st.sampled_from(["inbound", "full"])))
    s = Session.new(
        guide.ref,
        guide.stage_ids,
        study=guide.id,
        language=draw(st.sampled_from(["es", "en"])),
        perspective=draw(st.sampled_from(["customer", "internal"])),
        moment=draw(st.sampled_from(["before", "after", None])),
        interviewer=draw(TEXT),
        alias=draw(TEXT),
        segment=draw(TEXT),
    )
    if s.perspective == "customer":
        s.give_consent(guide.consent_sha256(s.language), quotes=draw(st.booleans()))
    s.set_persona("needs", draw(TEXT) or None)
    for stage in guide.stages:
        if draw(st.booleans()):
            s.set_skipped(stage.id, True)
        for q in stage.questions:
            if q.type in ("text", "long_text") and draw(st.booleans()):
                s.set_answer(stage.id, q.id, draw(TEXT))
        for _ in range(draw(st.integers(0, 3))):
            tp = s.add_touchpoint(
                stage.id, new_touchpoint(draw(TEXT), draw(st.sampled_from(CHANNELS)))
            )
            s.update_touchpoint(
                tp.id,
                emotion=draw(st.one_of(st.none(), st.integers(-2, 2))),
                note=draw(TEXT),
                owner=draw(TEXT),
                process=draw(TEXT),
                opportunity=draw(TEXT),
            )
    if draw(st.booleans()):
        s.set_status("completed")
    return s


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sessions(), min_size=1, max_size=3, unique_by=lambda s: s.id), st.booleans())
def test_export_then_import_gives_the_same_sessions(batch: list[Session], jsonl: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("out.jsonl" if jsonl else "out.json")
        text = to_jsonl(batch) if jsonl else to_json(batch)
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        path.write_text(text, encoding="utf-8")
        store = Store.open(Path(tmp) / "store")
        plan = check_import([path], store.guide_for)
        written, skipped = store.save_many(plan.sessions())
        assert skipped == [] and sorted(written) == sorted(s.id for s in batch)
        for original in batch:
            back = store.load(original.id)
            assert back.to_dict() == original.to_dict()
            assert json.loads(to_json([back], single=True)) == original.to_dict()
