"""Which study each imported session goes to."""

from __future__ import annotations

from ..base.errors import Msg
from ..domain.model import (
    Session,
)
from ..domain.study import Study
from .reading import ImportFileError


class StudyPlacer:
    """Which study each imported session goes to (the *place* of checked_sessions):
    *into* when given; else the study the session names; a session of an earlier schema,
    a study on its guide (the store's, or one made from the guide). A study named but not
    in the store is made from its record (a .study.json imported with it) or its guide.
    A study is one questionnaire: a session taken with another guide file is refused."""

    def __init__(self, stored: list[Study], records: list[Study], *, into: str | None) -> None:
        self.studies = {s.id: s for s in stored}
        self.stored = set(self.studies)
        self.recorded: set[str] = set()
        for record in records:
            known = self.studies.get(record.id)
            if known is not None and known.guide.sha256 != record.guide.sha256:
                raise ImportFileError(
                    Msg(
                        "study {0}: the store's is on another guide file than the record's",
                        record.id,
                    )
                )
            if known is None:
                self.studies[record.id] = record
                self.recorded.add(record.id)
        self.into = into
        # Sessions placed in another study than the one they named: (id, that study, the
        # sha256 of the consent text they agreed to).
        self.moves: list[tuple[str, str, str | None]] = []

    def place(self, session: Session) -> str:
        from ..domain.study import free_study_id, new_study

        target = self.into or session.study
        if session.study and session.study not in (target, "pending"):
            self.moves.append((session.id, session.study, session.consent.text_sha256))
        if not target:  # an earlier schema: a study on its guide
            for known in sorted(self.studies.values(), key=lambda s: s.created_at):
                if known.guide.sha256 == session.guide.sha256:
                    return known.id
            target = free_study_id(session.guide.id, self.studies)
        study = self.studies.get(target)
        if study is None:
            ref = session.guide
            study = self.studies[target] = new_study(target, ref, title=f"{ref.id} {ref.version}")
        if study.guide.sha256 != session.guide.sha256:
            ref = session.guide
            raise ImportFileError(
                Msg(
                    "session {0} was taken with guide {1} {2} (sha256 "
                    "{3}…); study {4} is on {5} {6} (sha256 {7}…)",
                    session.id[:8],
                    ref.id,
                    ref.version,
                    ref.sha256[:12],
                    study.id,
                    study.guide.id,
                    study.guide.version,
                    study.guide.sha256[:12],
                )
            )
        return target

    def new_studies(self) -> list[Study]:
        return [s for i, s in sorted(self.studies.items()) if i not in self.stored]
