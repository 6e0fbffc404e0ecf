"""Curve data checked against values worked out by hand from sample_sessions/."""

from __future__ import annotations

import pytest

from cjtui.analysis.curve import curve_data, normalize_name
from cjtui.analysis.drawing.terminal import render_text
from cjtui.domain.guide import builtin_guide
from cjtui.domain.model import Session
from cjtui.exchange import load_import

from .conftest import SAMPLES_0_2, shipped

BANK_BEFORE = "0b6f1c2e-3d4a-4b5c-9d6e-7f8091a2b3c4"
BANK_AFTER = "1c7a2d3f-4e5b-4c6d-8e7f-8091a2b3c4d5"
BANK_INTERNAL = "2d8b3e4a-5f6c-4d7e-9f80-91a2b3c4d5e6"
ENERGY = "8de19ea0-bfc2-4d34-9fe6-f708192a3b4c"


@pytest.fixture(scope="module")
def samples() -> dict[str, Session]:
    sessions = load_import(sorted(SAMPLES_0_2.glob("*.json")), shipped)
    return {s.id: s for s in sessions}


def test_normalized_names_ignore_case_accents_spacing_and_end_punctuation() -> None:
    assert normalize_name("  Envío de   Documentación. ") == "envio de documentacion"
    assert normalize_name("«Cita en la oficina»") == "cita en la oficina"
    assert normalize_name("Checkout") == normalize_name("CHECKOUT!")


def test_one_session_curve_is_its_touchpoints_in_journey_order(samples) -> None:
    data = curve_data(samples[BANK_AFTER], builtin_guide("inbound"))
    assert [p.label for p in data.axis] == [
        "Anuncio en el metro",
        "Simulador de hipoteca en la web",
        "Llamada al centro de atención",
        "Cita en la oficina",
        "Envío de documentación",
        "Oferta vinculante por correo",
    ]
    assert [p.stage for p in data.axis] == ["awareness"] * 2 + ["consideration"] * 2 + [
        "decision"
    ] * 2
    (series,) = data.series
    assert series.values == [0, -1, -1, 2, -2, 1]
    assert series.pains == [False, True, True, False, True, False]
    assert [(s.stage, s.first, s.last) for s in data.stages] == [
        ("awareness", 1, 2),
        ("consideration", 3, 4),
        ("decision", 5, 6),
    ]
    assert (data.y_min, data.y_max) == (-2, 2)
    assert data.y_labels[-2] == "Muy mal" and data.y_labels[0] == "Ni bien ni mal"


def test_sessions_share_one_axis_matched_by_name(samples) -> None:
    sessions = [samples[BANK_BEFORE], samples[BANK_AFTER]]
    data = curve_data(sessions, builtin_guide("inbound"))
    assert [p.key for p in data.axis] == [
        "anuncio-en-el-metro",
        "simulador-de-hipoteca-en-la-web",
        "llamada-al-centro-de-atencion",
        "cita-en-la-oficina",
        "envio-de-documentacion",
        "oferta-vinculante-por-correo",
    ]
    before, after = data.series
    assert before.values == [1, -1, -2, None, None, None]
    assert after.values == [0, -1, -1, 2, -2, 1]
    assert before.name == "Lucía (hipoteca) (cliente, antes)"
    # The legend speaks the interface's language, the names the interview's.
    english = curve_data(sessions, builtin_guide("inbound"), ui_lang="en")
    assert english.series[0].name == "Lucía (hipoteca) (customer, before)"
    assert english.stages[0].title == data.stages[0].title


def test_perspective_means_with_band_and_counts(samples) -> None:
    """Three voices, three lines, never averaged together: what customers lived (after),
    what they expected (before) and what staff believe."""
    sessions = [samples[i] for i in (BANK_BEFORE, BANK_AFTER, BANK_INTERNAL)]
    data = curve_data(sessions, builtin_guide("inbound"), "en", by="perspective")
    customer, expected, internal = data.series
    assert customer.name == "customer (n=1)" and internal.name == "internal (n=1)"
    assert expected.name == "customer, before (expected) (n=1)"
    # Anuncio, Simulador, Llamada: lived 0, -1, -1; expected 1, -1, -2; staff 1, 1, 0.
    assert customer.values[:3] == [0.0, -1.0, -1.0]
    assert expected.values[:3] == [1.0, -1.0, -2.0]
    assert internal.values[:3] == [1.0, 1.0, 0.0]
    assert customer.counts[:3] == [1, 1, 1]
    assert customer.pains[:3] == [False, True, True]
    assert internal.pains[:3] == [False, False, False]


def test_a_mean_line_counts_people(samples) -> None:
    """Two interviews of one participant (one code) are one person: their ratings are
    averaged first, and the band is the lowest and highest person's mean."""
    sessions = [samples[i] for i in (BANK_BEFORE, BANK_AFTER, ENERGY)]
    (mean,) = curve_data(sessions, builtin_guide("inbound"), "en", by="all").series
    assert mean.sessions == 2 and mean.name == "all (n=2)"
    keys = [p.key for p in curve_data(sessions, builtin_guide("inbound"), "en").axis]
    llamada = keys.index("llamada-al-centro-de-atencion")
    # Lucía: -2 before, -1 after -> -1.5, one person (the energy customer never called).
    assert mean.values[llamada] == pytest.approx(-1.5) and mean.counts[llamada] == 1
    assert (mean.low[llamada], mean.high[llamada]) == (-1.5, -1.5)


def test_moment_and_all_groupings(samples) -> None:
    sessions = [samples[i] for i in (BANK_BEFORE, BANK_AFTER, BANK_INTERNAL, ENERGY)]
    by_moment = curve_data(sessions, builtin_guide("inbound"), "en", by="moment")
    assert [s.name for s in by_moment.series] == ["before (n=1)", "after (n=1)", "no moment (n=2)"]
    everyone = curve_data(sessions, builtin_guide("inbound"), "en", by="all")
    (mean,) = everyone.series
    assert mean.sessions == 3  # people: Lucía (twice), the staff member, the energy customer
    keys = [p.key for p in everyone.axis]
    assert keys.index("envio-de-documentacion") < keys.index("welcome-letter")
    llamada = keys.index("llamada-al-centro-de-atencion")
    # Lucía -1.5 (her two interviews), staff 0.
    assert mean.values[llamada] == pytest.approx(-0.75) and mean.counts[llamada] == 2


def test_plain_text_curve_has_no_escape_codes_and_neutral_line(samples) -> None:
    text = render_text(curve_data(samples[BANK_AFTER], builtin_guide("inbound")), 80, 20)
    assert "\x1b" not in text
    lines = text.splitlines()
    zero = next(i for i, line in enumerate(lines) if "0 Ni bien ni mal" in line)
    plus = next(i for i, line in enumerate(lines) if "+2 Muy bien" in line)
    minus = next(i for i, line in enumerate(lines) if "-2 Muy mal" in line)
    assert plus < zero < minus, "positive above the axis, negative below"
    assert "─" in lines[zero], "the neutral line is drawn"
    assert text.count("✖") == 3, "each pain has its own marker"


def test_hostile_labels_cannot_reach_the_terminal(samples) -> None:
    s = Session.from_dict(samples[BANK_AFTER].to_dict())
    s.stages[0].touchpoints[0].name = "\x1b]0;pwned\x07[bold]x"
    text = render_text(curve_data(s, builtin_guide("inbound")), 120, 20)
    assert "\x1b" not in text and "\x07" not in text


def test_stages_not_lived_are_named_on_the_curve(samples) -> None:  # type: ignore[no-untyped-def]
    from cjtui.analysis.drawing.terminal import render_text

    skipped = next(s for s in samples.values() if any(r.skipped for r in s.stages))
    data = curve_data(skipped, builtin_guide(skipped.guide.id), "en")
    assert data.not_lived and all(t for t in data.not_lived)
    out = render_text(data, width=80, height=20)
    assert "∅ " + data.not_lived[0] in out


def test_rated_points_stand_apart_from_the_line_between_them(samples) -> None:  # type: ignore[no-untyped-def]
    from cjtui.analysis.drawing.terminal import MARKERS, render_text

    session = next(iter(samples.values()))
    data = curve_data(session, builtin_guide(session.guide.id), "en")
    out = render_text(data, width=100, height=24)
    rated = sum(1 for v in data.series[0].values if v is not None)
    pains = sum(data.series[0].pains)
    # one large marker per rated point (✖ for pains); the line between is drawn in braille
    assert out.count(MARKERS[0]) + out.count("✖") == rated
    assert out.count("✖") == pains
    assert any("\u2800" <= ch <= "\u28ff" for ch in out)


def test_every_point_is_numbered_when_names_do_not_fit(samples) -> None:  # type: ignore[no-untyped-def]
    from cjtui.analysis.drawing.terminal import render_text

    sessions = [s for s in samples.values() if s.guide.id == "full"]
    data = curve_data(sessions, builtin_guide("full"), "en", by="perspective")
    out = render_text(data, width=60, height=20)
    axis_line = [line for line in out.splitlines() if line.strip().startswith("1 ")][0]
    assert axis_line.split() == [str(p.x) for p in data.axis]
