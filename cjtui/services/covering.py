"""What an analysis covers (a plot, a report, a map): the sessions named by id, or a study's
sessions through the filters, never both; always one study and its guide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..base.errors import Msg
from ..store import StoreError
from .workspace import Filters, Workspace

if TYPE_CHECKING:
    from ..domain.guide import Guide
    from ..domain.model import Session
    from ..domain.study import Study


@dataclass
class Covered:
    """One study, its guide and the sessions an analysis takes; *in_progress*: whether
    sessions in progress count (sessions named by id always do)."""

    study: Study
    guide: Guide
    sessions: list[Session]
    in_progress: bool

    def language(self, given: str | None, default: str) -> str:
        """The analysis's language: the one asked for, else one interview's own, else
        *default* (the interface's)."""
        if given:
            return given
        return self.sessions[0].language if len(self.sessions) == 1 else default


def given_sessions(
    workspace: Workspace, session_ids: tuple[str, ...] | list[str], study_id: str | None
) -> Covered:
    """The sessions named by id (any unique prefix), their one study and its guide: those
    of several studies, or of another study than *study_id*, are refused."""
    store = workspace.store
    ids = list(dict.fromkeys(store.resolve(p) for p in session_ids))
    sessions = [store.load(i, events=False) for i in ids]
    if len({s.study for s in sessions}) > 1:
        raise StoreError(
            Msg("those sessions belong to different studies; take one study at a time")
        )
    study = workspace.load_study(sessions[0].study)
    if study_id is not None and study.id != study_id:
        raise StoreError(Msg("those sessions belong to study {0}, not {1}", study.id, study_id))
    return Covered(study, workspace.study_guide(study), sessions, in_progress=True)


def covered(
    workspace: Workspace,
    session_ids: tuple[str, ...] | list[str],
    study_id: str | None,
    filters: Filters,
    *,
    include_in_progress: bool,
    progress: Callable[[int], Any] | None = None,
    either: Msg | None = None,
) -> Covered:
    """The sessions named by id, or else those a report counts in the study given (or the
    store's only study) through *filters* (Workspace.analysis: the one rule); ids and
    filters together are refused (*either* says so)."""
    if session_ids:
        if filters.active:
            raise StoreError(either or Msg("give session IDs, or --study and filters, not both"))
        return given_sessions(workspace, session_ids, study_id)
    study, guide, sessions = workspace.analysis(
        study_id, filters, include_in_progress=include_in_progress, strict=True, progress=progress
    )
    if not sessions and filters.active:  # said of the filters, not of the study's sessions
        raise StoreError(Msg("no sessions of study {0} match these filters", study.id))
    return Covered(study, guide, sessions, include_in_progress)
