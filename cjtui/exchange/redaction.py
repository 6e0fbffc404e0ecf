"""A copy of a session fit to share outside the team."""

from __future__ import annotations

from ..domain.model import (
    Session,
)


def redacted(session: Session) -> Session:
    """A copy of *session* fit to share outside the team: the alias replaced by the
    participant code (or the id's first 8 characters), persona free text, the interviewer
    and the audit trail removed, and quotes kept only where consent allows."""
    import copy

    out = copy.deepcopy(session)
    out.participant.alias = out.participant.code or f"#{out.id[:8]}"
    out.participant.persona = {
        k: v for k, v in out.participant.persona.items() if not isinstance(v, str)
    }
    out.interviewer = ""
    out.events = []
    if not out.consent.quotes:
        for _, tp in out.touchpoints():
            tp.quote = ""
    return out


# ---- the same session from another store ------------------------------------------------------
