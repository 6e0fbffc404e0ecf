"""An export: which sessions (by id, a study's through filters, or all), written in one
format, whole or redacted (the use case behind `cjtui export`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ..base.errors import Msg
from ..store import Store, StoreError
from .workspace import Filters, Workspace

T = TypeVar("T")


class Walk(Protocol):
    """Walks the items read one by one (a progress bar's over())."""

    def __call__(self, items: Iterable[T], /) -> Iterator[T]: ...


@dataclass(frozen=True)
class Exported:
    text: str
    count: int  # sessions in it


def export_ids(
    store: Store, session_ids: tuple[str, ...], study_id: str | None, filters: Filters
) -> list[str]:
    """The ids an export takes: those named (any unique prefix), else the study's and the
    filters' (the whole store with neither); ids with a study or filters are refused."""
    if session_ids and (study_id is not None or filters.active):
        raise StoreError(Msg("give session IDs, or --study and filters, not both"))
    if session_ids:
        return list(dict.fromkeys(store.resolve(p) for p in session_ids))
    if study_id is None and not filters.active:
        return store.ids()
    rows, problems = Workspace(store).rows(study_id, filters)
    if problems:
        raise problems[0]
    return sorted(r["id"] for r in rows)


def _each(items: Iterable[T]) -> Iterator[T]:
    yield from items


def export_text(
    store: Store,
    ids: list[str],
    fmt: str,
    *,
    named: int = 0,
    redact: bool = False,
    excel: bool = False,
    over: Walk = _each,
) -> Exported:
    """The sessions *ids* as one export in *fmt* (json, jsonl, csv); *named*: how many were
    named by id (one alone is written as one session, not a list); *redact*: names and
    words that identify people taken out; *over* walks the sessions read (progress)."""
    from ..exchange import lines_to_json, lines_to_jsonl, redacted, render

    if excel and fmt != "csv":
        raise StoreError(Msg("--excel goes with --format csv"))
    if redact or named:
        sessions = [store.load(i) for i in over(ids)]
        if redact:
            sessions = [redacted(s) for s in sessions]
        return Exported(render(sessions, fmt, single=named == 1, excel=excel), len(sessions))
    if fmt == "csv":  # (the table has no use for the audit trails)
        documents = list(over(store.documents(ids, events=False)))
        return Exported(render(documents, fmt, excel=excel), len(documents))
    lines = list(over(store.exported(ids)))
    text = lines_to_json(lines) if fmt == "json" else lines_to_jsonl(lines)
    return Exported(text, len(lines))
