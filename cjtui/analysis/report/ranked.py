"""The report's rankings of its touchpoints: the moments of truth, the perception gap,
before and after, and what works (each from the touchpoints' typed rows)."""

from __future__ import annotations

from .shapes import BeforeAfter, Gap, Highlight, Moment, TouchpointFigures


def moments(touchpoints: list[TouchpointFigures]) -> list[Moment]:
    """Moments of truth: felt by the most people, how badly; figures resting on one person
    last."""
    moments = sorted(
        (tp for tp in touchpoints if tp["pains"]),
        key=lambda tp: (
            tp["pains"] <= 1,  # felt by one person: thin evidence, ranked last
            -tp["pains"],
            -(tp["pain_severity"] or 0),
            -(tp["severity"] or 0),
            tp["mean"] or 0,
            tp["name"],
        ),
    )
    return [
        {
            "key": tp["key"],
            "name": tp["name"],
            "stage": tp["stage"],
            "pains": tp["pains"],
            "people": tp["people"],
            "interviews": tp["interviews"],
            "mentions": tp["mentions"],
            "pain_kinds": tp["pain_kinds"],
            "pain_severity": tp["pain_severity"],
            "severity": tp["severity"],
            "mean": tp["mean"],
            "thin": tp["thin"],
        }  # fmt: skip
        for tp in moments
    ]


def gaps(touchpoints: list[TouchpointFigures]) -> list[Gap]:
    """The perception gap (staff's mean minus customers'), the largest first."""
    gap = sorted(
        (tp for tp in touchpoints if tp["gap"] is not None),
        key=lambda tp: (-abs(tp["gap"] or 0), tp["name"]),
    )
    return [
        {
            "key": tp["key"],
            "name": tp["name"],
            "stage": tp["stage"],
            "internal_mean": tp["internal_mean"],
            "staff_people": tp["staff_people"],
            "customer_mean": tp["customer_mean"],
            "people": tp["people"],
            "gap": tp["gap"],
        }  # fmt: skip
        for tp in gap
    ]


def before_after(touchpoints: list[TouchpointFigures]) -> list[BeforeAfter]:
    """The change from before to after over pairs, the worst first."""
    changed = sorted(
        (tp for tp in touchpoints if tp["change"] is not None),
        key=lambda tp: (tp["change"] or 0, tp["name"]),
    )
    return [
        {
            "key": tp["key"],
            "name": tp["name"],
            "stage": tp["stage"],
            "before_mean": tp["before_mean"],
            "after_mean": tp["after_mean"],
            "change": tp["change"],
            "change_pairs": tp["change_pairs"],
        }  # fmt: skip
        for tp in changed
    ]


def highlights(touchpoints: list[TouchpointFigures]) -> list[Highlight]:
    """What works, to keep: the touchpoints people rated at the top of the scale, by most
    people first."""
    rows = sorted(
        # Rated at the top by someone, and positive for the people who rated it: a single
        # +2 does not make a painful touchpoint one that works.
        (tp for tp in touchpoints if tp["top_ratings"] and (tp["mean"] or 0) > 0),
        key=lambda tp: (-tp["top_ratings"], -(tp["mean"] or 0), tp["name"].casefold()),
    )
    return [
        {
            "key": tp["key"],
            "name": tp["name"],
            "stage": tp["stage"],
            "top_ratings": tp["top_ratings"],
            "people": tp["people"],
            "mean": tp["mean"],
            "thin": tp["thin"],
        }  # fmt: skip
        for tp in rows
    ]
