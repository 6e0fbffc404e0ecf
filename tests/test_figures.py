"""Figures a CX lead can defend, on a study built for them: staff, customers before and
after, one customer interviewed twice in one moment, a touchpoint rated by one person, a
0–10 question. Every count below is worked out by hand.

    C1 after (twice): Web -2 (a pain) and 0; Call +1; recommend 9, then 10
    C2 after:         Web -1 (a pain); Shop +2 (rated by no one else); recommend 6
    C1 before:        Web +1                 C2 before: Web -2
    staff:            Web +2; Call 0

Lived (the main figures): people C1 and C2. Web: C1's ratings averaged first, (-2 + 0) / 2
= -1, and C2 -1: n=2 people (3 interviews, 3 ratings), mean -1, both felt it as a pain,
thin (fewer than 3 people). Expected (before): Web (1 - 2) / 2 = -0.5. Staff +2: the gap is
+2 - (-1) = +3. The change over the 2 pairs: after -1, before -0.5, change -0.5. Shop rests
on one person. Recommend: the later answer of C1 (10) and C2's 6: n=2, median 8, one
promoter, no passive, one detractor.
"""

from __future__ import annotations

import pytest

from cjtui.analysis.journey import RENDERERS as MAP_RENDERERS
from cjtui.analysis.journey import build_map
from cjtui.analysis.report import build_report, render_text
from cjtui.domain.guide import builtin_guide
from cjtui.domain.model import Session, new_touchpoint

from .conftest import make_session

GUIDE = builtin_guide("full")


def interview(code: str, moment: str | None, ratings: dict[str, int], *, staff: bool = False,
              recommend: int | None = None, pains: tuple[str, ...] = ()) -> Session:  # fmt: skip
    s = make_session(
        "full",
        perspective="internal" if staff else "customer",
        moment=moment,
        touchpoints=0,
        alias=code or "staff",
    )
    s.participant.code = code
    for name, rating in ratings.items():
        tp = s.add_touchpoint("awareness", new_touchpoint(name, "web", rating))
        if name in pains:
            s.update_touchpoint(tp.id, pain=True)
    if recommend is not None:
        s.set_answer("loyalty", "recommend", recommend)
    s.set_status("completed")
    return s


@pytest.fixture(scope="module")
def sessions() -> list[Session]:
    return [
        interview("C1", "after", {"Web": -2, "Call": 1}, recommend=9, pains=("Web",)),
        interview("C1", "after", {"Web": 0}, recommend=10),
        interview("C2", "after", {"Web": -1, "Shop": 2}, recommend=6, pains=("Web",)),
        interview("C1", "before", {"Web": 1}),
        interview("C2", "before", {"Web": -2}),
        interview("", None, {"Web": 2, "Call": 0}, staff=True),
    ]


@pytest.fixture(scope="module")
def report(sessions: list[Session]) -> dict:
    return build_report(sessions, GUIDE, "en", generated_at="2026-12-01T10:00:00Z")


def row(report: dict, key: str) -> dict:
    return next(t for t in report["touchpoints"] if t["key"] == key)


def test_people_not_interviews(report: dict) -> None:
    assert report["basis"] == "lived"
    assert report["people"] == {"lived": 2, "expected": 2, "staff": 1}
    assert report["sessions"]["total"] == 6
    web = row(report, "web")
    assert (web["people"], web["interviews"], web["ratings"]) == (2, 3, 3)
    assert (web["mean"], web["median"], web["min"], web["max"]) == (-1.0, -1.0, -1.0, -1.0)
    assert (web["pains"], web["pain_share"], web["thin"]) == (2, 1.0, True)


def test_voices_never_blended(report: dict) -> None:
    web = row(report, "web")
    assert web["by_voice"]["expected"]["mean"] == -0.5
    assert web["by_voice"]["staff"]["mean"] == 2.0
    assert (web["internal_mean"], web["customer_mean"], web["gap"]) == (2.0, -1.0, 3.0)
    call = row(report, "call")
    # Staff's 0 is beside C1's +1, never averaged into it.
    assert (call["mean"], call["people"], call["by_voice"]["staff"]["mean"]) == (1.0, 1, 0.0)


def test_the_change_rests_on_the_pairs(report: dict) -> None:
    web = row(report, "web")
    assert (web["before_mean"], web["after_mean"], web["change"]) == (-0.5, -1.0, -0.5)
    assert web["change_pairs"] == 2 and report["pairs"] == 2


def test_one_person_is_thin_evidence_and_ranks_last(report: dict) -> None:
    shop = row(report, "shop")
    assert (shop["people"], shop["mean"], shop["thin"]) == (1, 2.0, True)
    assert report["thin_below"] == 3
    moments = [(m["key"], m["people"], m["thin"]) for m in report["moments_of_truth"]]
    assert moments == [("web", 2, True)]


def test_a_zero_to_ten_question_gives_shares_never_a_bare_score(report: dict) -> None:
    recommend = next(q for q in report["scales"] if q["question"] == "recommend")
    assert (recommend["people"], recommend["median"]) == (2, 8.0)
    assert recommend["distribution"]["10"] == 1 and recommend["distribution"]["6"] == 1
    assert recommend["distribution"]["9"] == 0  # C1's earlier answer: one person, one answer
    assert (recommend["promoters"], recommend["passives"], recommend["detractors"]) == (
        0.5,
        0.0,
        0.5,
    )
    assert "nps" not in recommend and "score" not in recommend


def test_the_persona_counts_people(report: dict) -> None:
    (card,) = report["persona"]
    assert (card["segment"], card["people"]) == ("test", 2)


def test_the_text_report_says_what_it_counts(report: dict) -> None:
    text = render_text(report, width=140)
    heard = "Heard: 2 customers (lived), 2 customers before (expected), 1 staff member (belief)"
    assert heard in text
    assert "† a figure resting on fewer than 3 people: thin evidence." in text
    web = next(line for line in text.splitlines() if line.startswith("Web "))
    assert "2†" in web and "-0.50 (n=2†)" in web and "+2.00 (n=1†)" in web


def test_the_map_counts_the_same(sessions: list[Session], report: dict) -> None:
    data = build_map(sessions, GUIDE, "en")
    (pain,) = data["pains"]["awareness"]
    assert (pain["people"], pain["of_people"], pain["thin"]) == (2, 2, True)
    web = next(tp for tp in data["touchpoints"]["awareness"] if tp["key"] == "web")
    assert (web["people"], web["mean"]) == (
        row(report, "web")["people"],
        row(report, "web")["mean"],
    )
    assert [s["group"] for s in data["curve"]["series"]] == ["customer", "internal"]
    assert data["curve"]["series"][0]["name"] == "customer (n=2)"
    markdown = MAP_RENDERERS["markdown"](data)
    assert "felt by 2/2†" in markdown


def test_a_study_sets_its_own_threshold(sessions: list[Session]) -> None:
    from cjtui.domain.study import Study

    study = Study(id="full", title="Full", guide=GUIDE.ref, thin_below=2)
    report = build_report(sessions, GUIDE, "en", study=study)
    assert row(report, "web")["thin"] is False and row(report, "shop")["thin"] is True
    assert Study.from_dict(study.to_dict()).thin_below == 2
    assert "thin_below" not in Study(id="x", title="X", guide=GUIDE.ref).to_dict()


def test_a_report_of_staff_alone_says_so_in_its_title(sessions: list[Session]) -> None:
    staff = [s for s in sessions if s.perspective == "internal"]
    report = build_report(staff, GUIDE, "en")
    assert report["basis"] == "staff"
    assert render_text(report).startswith("Customer journey report, internal interviews only")


def test_moments_felt_by_one_person_rank_last_and_what_works_is_positive(
    sessions: list[Session],
) -> None:
    extra = [
        interview("C3", "after", {"Web": -1, "Shop": -2}, pains=("Web", "Shop")),
        interview("C4", "after", {"Web": 2}),  # one +2 among the pains: Web does not "work"
    ]
    report = build_report([*sessions, *extra], GUIDE, "en")
    moments = [(m["key"], m["pains"]) for m in report["moments_of_truth"]]
    assert moments == [("web", 3), ("shop", 1)]  # Shop felt by one person: last
    web = row(report, "web")
    assert web["top_ratings"] == 1 and web["mean"] < 0
    assert [h["key"] for h in report["highlights"]] == []  # Shop: 0 on average, Web below
    text = render_text(report)
    assert "measured on 2 participants interviewed both before and after" in text
