"""Sessions from another store: how one relates to the same session here, by the audit trails."""

from __future__ import annotations

from typing import Any

from ..domain.model import (
    Session,
    instant,
)

# How a session given again relates to the one stored (see import_case).
IMPORT_CASES: tuple[str, ...] = ("unchanged", "continued", "behind", "conflict")


def import_case(given: Session, stored: Session) -> str:
    """How *given* (an import's) relates to *stored* (the same id here), by their audit
    trails: ``unchanged`` (the same), ``continued`` (taken on elsewhere: its trail extends
    ours), ``behind`` (ours extends it: taken on here) or ``conflict`` (both changed since
    they parted). A run of typing that went on counts as the same change going on."""
    mine, theirs = [e.to_dict() for e in stored.events], [e.to_dict() for e in given.events]
    if mine == theirs:
        return "unchanged" if given.to_dict() == stored.to_dict() else "conflict"
    if _extends(theirs, mine):
        return "continued"
    if _extends(mine, theirs):
        return "behind"
    # A conflict decided on one side (--keep ours) names the version it set aside: that
    # version, met again, is behind the decided one.
    if _sets_aside(given, stored):
        return "continued"
    if _sets_aside(stored, given):
        return "behind"
    return "conflict"


def _sets_aside(kept: Session, other: Session) -> bool:
    """Whether *kept* records a conflict decided for it over *other*, as *other* is now."""
    decided = [e.new for e in kept.events if e.kind == "conflict_decided"]
    return bool(decided) and other.trail_digest() in decided


def _extends(longer: list[dict[str, Any]], shorter: list[dict[str, Any]]) -> bool:
    """Whether the trail *longer* goes on from *shorter*: the same events, the last one
    perhaps a run of typing that went on (the same field, by the same person, later)."""
    if len(longer) < len(shorter) or not shorter:
        return False
    if longer[: len(shorter) - 1] != shorter[:-1]:
        return False
    last, then = shorter[-1], longer[len(shorter) - 1]
    if last == then:
        return True
    same = ("kind", "stage", "target", "field", "by", "old")
    if not all(last[k] == then[k] for k in same):
        return False
    before, after = instant(last["at"]), instant(then["at"])
    if before is None or after is None or after < before:
        return False
    # A run of typing goes on only when the later text extends the earlier one: two
    # servers that typed on in the same answer after they parted are a conflict, never
    # one silently replacing the other; a choice goes on only as the same choice.
    was, now = last["new"], then["new"]
    if isinstance(was, str) and isinstance(now, str):
        return now.startswith(was)
    return bool(was == now)


def differences(given: Session, stored: Session, most: int = 6) -> list[str]:
    """What differs between two versions of one session, briefly: which answers, stage
    words, touchpoints and statuses (not the values: the terminal shows no interview text
    it was not asked for)."""
    out: list[str] = []
    if given.status != stored.status:
        out.append(f"status {stored.status} here, {given.status} there")
    if given.participant.to_dict() != stored.participant.to_dict():
        out.append("participant")
    theirs = {r.id: r for r in given.stages}
    for record in stored.stages:
        other = theirs.pop(record.id, None)
        if other is None:
            out.append(f"stage {record.id} only here")
            continue
        keys = sorted(
            k
            for k in {*record.answers, *other.answers}
            if record.answers.get(k) != other.answers.get(k)
        )
        out += [f"{record.id}.{k}" for k in keys]
        if record.words != other.words or record.title != other.title:
            out.append(f"{record.id} words")
        if [t.to_dict() for t in record.touchpoints] != [t.to_dict() for t in other.touchpoints]:
            out.append(f"{record.id} touchpoints")
    out += [f"stage {stage_id} only there" for stage_id in theirs]
    if not out:
        out.append("audit trail")
    return out[:most] + ([f"{len(out) - most} more"] if len(out) > most else [])
