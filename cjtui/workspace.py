"""What the interview app asks of the store, in one place: list, open, start, delete, export.

The TUI's screens call a :class:`Workspace` and never touch files; the command line uses
the same listing so both show sessions alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Session, now_iso
from .store import CorruptSessionError, Store, StoreError, gc_paused
from .transcript import SUMMARY_FIELDS, SUMMARY_VERSION, Summary, summary_values

if TYPE_CHECKING:
    from .guide import Guide
    from .interview import Interview


_SHARED_FIELDS = [
    SUMMARY_FIELDS.index(name)
    for name in (
        "status",
        "guide",
        "language",
        "perspective",
        "moment",
        "interviewer",
        "segment",
        "guide_sha256",
    )
]


class Workspace:
    def __init__(self, store: Store, *, clock: Callable[[], str] = now_iso) -> None:
        self.store = store
        self.clock = clock

    def guide_or_none(self, session: Session) -> Guide | None:
        try:
            return self.store.guide_for(session)
        except StoreError:
            return None

    def summaries(self) -> tuple[list[Summary], list[CorruptSessionError]]:
        """Every session's summary (in progress first, then the most recently changed), and
        the files that could not be read."""
        with gc_paused():
            values, problems = self.store.summaries(
                lambda s: summary_values(s, self.guide_or_none(s)), SUMMARY_VERSION
            )
            shared: dict[Any, Any] = {}  # one copy of each repeated word (status, guide, …)
            rows = []
            for row in values:
                for n in _SHARED_FIELDS:
                    row[n] = shared.setdefault(row[n], row[n])
                rows.append(Summary(row))
            rows.sort(key=lambda r: r.updated_at, reverse=True)
            rows.sort(key=lambda r: r.status != "in_progress")
        return rows, problems

    def study(
        self,
        guide: Guide | str | None = None,
        *,
        include_in_progress: bool = False,
        strict: bool = False,
    ) -> tuple[list[Guide], Guide | None, list[Session]]:
        """What an analysis covers, chosen by one rule for the app and the command line:
        the guides with sessions, the one chosen (*guide*: a Guide, or a guide id; None: the
        only one, or with several the first, unless *strict*, which then raises StoreError
        naming them), and its sessions that a report covers. The summary index picks them,
        so only those are read."""
        from .report import covered_statuses

        rows, problems = self.summaries()
        if problems and strict:
            raise problems[0]
        statuses = covered_statuses(include_in_progress)
        by_guide: dict[str, list[str]] = {}
        for row in rows:
            by_guide.setdefault(row["guide"], [])
            if row["status"] in statuses:
                by_guide[row["guide"]].append(row["id"])
        if strict and guide is None:
            self._one_guide(by_guide)
        guides: dict[str, Guide] = {}
        for gid in sorted(by_guide):
            ids = by_guide[gid] or [next(r["id"] for r in rows if r["guide"] == gid)]
            found = self.guide_or_none(self.store.load(ids[0], events=False))
            if found is not None:
                guides[gid] = found
        ordered = list(guides.values())
        if isinstance(guide, str):
            chosen = guides.get(guide) or (None if strict else (ordered[0] if ordered else None))
        else:
            chosen = guide or (ordered[0] if ordered else None)
        if chosen is None and strict and by_guide:
            raise StoreError(
                f"the guide of these sessions ({', '.join(sorted(by_guide))}) is not known here; "
                "give it with --guide FILE"
            )
        if chosen is None:
            return ordered, None, []
        named = guide is not None and not isinstance(guide, str)  # a file given: its own
        ids = self._same_questionnaire(rows, by_guide, chosen, strict=strict and not named)
        return ordered, chosen, self.store.load_many(ids, events=False)

    def _one_guide(self, by_guide: dict[str, list[str]]) -> None:
        if not by_guide:
            raise StoreError(f"no sessions in {self.store.root}")
        if len(by_guide) > 1:
            raise StoreError(
                f"sessions of several guides ({', '.join(sorted(by_guide))}): "
                "choose one with --guide"
            )

    @staticmethod
    def _same_questionnaire(
        rows: list[Summary], by_guide: dict[str, list[str]], chosen: Guide, *, strict: bool
    ) -> list[str]:
        """The ids taken with exactly *chosen* (its sha256). A guide is its content: sessions
        taken with another file of the same id (another version, an edited copy) are another
        questionnaire, never counted with these; *strict* says so rather than leave them."""
        wanted = set(by_guide.get(chosen.id, []))
        ids = sorted(
            r["id"] for r in rows if r["id"] in wanted and r["guide_sha256"] == chosen.sha256
        )
        others = len(wanted) - len(ids)
        if others and strict:
            raise StoreError(
                f"{others} of the sessions of guide {chosen.id} were taken with another file "
                f"of it than the one reported on ({chosen.version}, sha256 "
                f"{chosen.sha256[:12]}…); a report counts one questionnaire: give that file "
                "with --guide"
            )
        return ids

    def start(self, guide: Guide, **fields: Any) -> Interview:
        from .interview import Interview

        return Interview.start(self.store, guide, clock=self.clock, **fields)

    @staticmethod
    def last_choices() -> dict[str, str]:
        """The guide, language and interviewer chosen for the last new interview."""
        from .prefs import load_last

        return load_last()

    @staticmethod
    def remember_choices(**choices: str) -> None:
        from .prefs import save_last

        save_last(**choices)

    def resume(self, session_id: str) -> Interview:
        from .interview import Interview

        return Interview.resume(self.store, self.store.resolve(session_id), clock=self.clock)

    def delete(self, session_id: str) -> None:
        self.store.delete(session_id)

    @staticmethod
    def export(session: Session, path: Path, *, overwrite: bool = False) -> None:
        """Write one session as JSON (exactly `cjtui export ID`), 0600, never over a link."""
        from .exchange import to_json
        from .fsutil import atomic_write

        atomic_write(
            Path(path), to_json([session], single=True).encode("utf-8"), overwrite=overwrite
        )
