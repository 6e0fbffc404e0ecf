"""Upgrading a store written by an earlier cjtui, in place, the first time this one opens it.

Schema 2 sessions (cjtui 0.2) are rewritten as schema 3: nothing of theirs changes, the new
fields start empty (see model.upgrade_document). Schema 1 sessions had no study: each is
put in a study made from its guide (one per guide file: a study pins one guide), given a
participant code field, a key for each touchpoint (a guide's suggestion key where the name
is one of its suggestions, else the name's words) and an empty quote (the old note stays
the interviewer's note). The sessions are rewritten as one all-or-nothing batch (temporary
files, fsync, rename); only then is the store's format written. A kill part-way leaves
every file whole, and the next open carries on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..base import jsonio
from ..base.errors import Msg
from ..base.fsutil import atomic_write
from ..base.plain import fold
from ..domain.model import (
    OLD_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    GuideRef,
    ModelError,
    Session,
    upgrade_document,
)
from ..domain.study import Study, free_study_id, new_study
from .errors import CorruptSessionError, StoreError
from .sharing import FORMAT_FILE, read_format

if TYPE_CHECKING:
    from .core import Store

# 1: sessions without studies (no store.json); 2: studies; 3: sessions of schema 3.
STORE_FORMAT = 3


def current(store: Store) -> bool:
    return read_format(store.root).get("format") == STORE_FORMAT


def mark_current(store: Store, **more: Any) -> None:
    """Write store.json: this format, what it said besides (a shared store's group), and
    *more*."""
    data = {**read_format(store.root), "format": STORE_FORMAT, **more}
    atomic_write(store.root / FORMAT_FILE, (jsonio.dumps(data) + "\n").encode())


def upgrade(store: Store, said: dict[str, Any] | None = None) -> list[str]:
    """Upgrade *store* if an earlier cjtui wrote it; one line for each thing done. *said*:
    what its store.json said when it was opened, if read already."""
    if (said if said is not None else read_format(store.root)).get("format") == STORE_FORMAT:
        return []
    notes: list[str] = []
    with store.lock():
        if current(store):  # another process did it meanwhile
            return []
        upgraded, made = upgrade_sessions(store, store.files.ids())
        for study in made:
            notes.append(
                Msg("made study {0} for the sessions of guide {1}", repr(study.id), study.guide.id)
            )
        if upgraded or made:
            # The sessions and the studies made for them: one all-or-nothing step.
            store.save_many_locked(upgraded, studies=lambda _staged: made)
        if upgraded:
            notes.append(Msg("upgraded {0} sessions to schema {1}", len(upgraded), SCHEMA_VERSION))
        mark_current(store)
    return notes


def upgrade_sessions(store: Store, ids: list[str]) -> tuple[list[Session], list[Study]]:
    """The sessions of *ids* written by an earlier cjtui, upgraded (not yet written), and
    the studies made for schema-1 ones (one a guide file). A session that cannot be read or
    upgraded is left out (doctor names it). The caller holds the store's lock."""
    studies: dict[str, Study] = {}
    for study_id in store.studies.ids():
        try:
            study = store.studies.load(study_id)
        except StoreError:
            continue  # a damaged record: doctor names it
        studies[study.guide.sha256] = study
    made: dict[str, Study] = {}
    upgraded = []
    for session_id in ids:
        try:
            data = store.files.read(session_id)
        except CorruptSessionError:
            continue
        if not isinstance(data, dict) or data.get("schema") not in OLD_SCHEMA_VERSIONS:
            continue
        if data.get("schema") == 1:
            session = _upgraded(store, data, studies, made)
        else:
            session = _as_current(data)
        if session is not None:
            upgraded.append(session)
    return upgraded, sorted(made.values(), key=lambda s: s.id)


def _upgraded(
    store: Store, data: dict[str, Any], studies: dict[str, Study], made: dict[str, Study]
) -> Session | None:
    guide = data.get("guide")
    if not isinstance(guide, dict):
        return None
    try:
        ref = GuideRef(str(guide["id"]), str(guide["version"]), str(guide["sha256"]))
    except KeyError:
        return None
    study = studies.get(ref.sha256)
    if study is None:
        taken = {s.id for s in studies.values()} | set(store.studies.ids())
        study = new_study(free_study_id(ref.id, taken), ref, title=f"{ref.id} {ref.version}")
        studies[ref.sha256] = made[ref.sha256] = study
    try:
        session = Session.from_dict(upgrade_document(data, study.id))
    except ModelError:
        return None  # doctor names it
    _key_suggestions(store, session)
    return session


def _as_current(data: dict[str, Any]) -> Session | None:
    study = data.get("study")
    try:
        return Session.from_dict(upgrade_document(data, study if isinstance(study, str) else ""))
    except ModelError:
        return None  # doctor names it


def _key_suggestions(store: Store, session: Session) -> None:
    """Touchpoints named as one of the guide's suggestions (in any language) take its key."""
    try:
        guide = store.guide_for(session)
    except StoreError:
        return
    named = guide.suggested_names()
    for _, tp in session.touchpoints():
        tp.key = named.get(fold(tp.name), (tp.name, tp.key))[1]
