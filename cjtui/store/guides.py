"""Guide copies: every custom guide a session was taken with is kept in the store, so its
sessions can always be shown, resumed and checked, whatever becomes of the guide's file."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.errors import Msg
from ..base.fsutil import atomic_write
from ..domain.model import GuideRef, Session
from .errors import StoreError
from .guard import read_store_file

if TYPE_CHECKING:
    from ..domain.guide import Guide


SHA256 = re.compile(r"[0-9a-f]{64}")


class GuideCopies:
    def __init__(
        self,
        folder: Path,
        check: Callable[[], None] = lambda: None,
        at: Callable[[Path], Path] = lambda path: path,
    ):
        self.folder = folder
        self.check = check  # the store's folders as opened (see .guard)
        self.at = at  # where to act on a path: through its folder held open
        self._cache: dict[tuple[str, str], Guide] = {}

    def keep(self, guide: Guide) -> None:
        """Keep a copy of a custom guide (built-in guides ship with cjtui)."""
        from ..domain.guide import shipped_guide

        if shipped_guide(guide.sha256) is not None or not guide.raw:
            return
        path = self.folder / f"{guide.sha256}.toml"
        self.check()
        if not os.path.lexists(self.at(path)):
            atomic_write(self.at(path), guide.raw, shown=path)

    def exact(self, session: Session) -> Guide | None:
        """The very guide file a session was taken with (built in, or kept here), or None.
        A kept copy that no longer parses raises StoreError saying why."""
        return self.by_ref(session.guide)

    def by_ref(self, ref: GuideRef) -> Guide | None:
        """The guide file *ref* names by its sha256 (built in, or kept here), or None."""
        from ..domain.guide import parse_guide, shipped_guide
        from ..domain.guide.limits import MAX_FILE_BYTES

        shipped = shipped_guide(ref.sha256)
        if shipped is not None:
            return shipped
        if not SHA256.fullmatch(ref.sha256):
            return None  # not a name a kept copy can have (and never a path)
        kept = self.folder / f"{ref.sha256}.toml"
        self.check()
        try:
            raw = read_store_file(kept, MAX_FILE_BYTES, self.at(kept))
        except FileNotFoundError:
            return None
        parsed, problems = parse_guide(raw, str(kept))
        if parsed is None:
            raise StoreError(Msg("{0}: kept guide no longer valid: {1}", kept, problems[0]))
        if parsed.sha256 != ref.sha256:
            # Edited after it was kept: participants would be read another text than the
            # one their session names.
            raise StoreError(
                Msg(
                    "{0}: kept guide changed since it was kept (sha256 {1}…)",
                    kept,
                    parsed.sha256[:12],
                )
            )
        return parsed

    def guide_for(self, session: Session) -> Guide:
        """The very guide a session was taken with (by its sha256: shipped with cjtui, now
        or in an earlier version, or kept here); never another file of the same id."""
        key = (session.guide.id, session.guide.sha256)
        if key not in self._cache:
            found = self.exact(session)
            if found is None:
                raise StoreError(missing_guide(session, Msg("this store does not have")))
            self._cache[key] = found
        return self._cache[key]

    def problems(self) -> list[tuple[Path, str]]:
        """Each kept guide that no longer parses, with why."""
        from ..domain.guide import parse_guide
        from ..domain.guide.limits import MAX_FILE_BYTES

        out: list[tuple[Path, str]] = []
        names = sorted(n for n in os.listdir(self.at(self.folder)) if n.endswith(".toml"))
        for kept in (self.folder / name for name in names):
            try:
                raw = read_store_file(kept, MAX_FILE_BYTES, self.at(kept))
            except (OSError, StoreError) as exc:
                why = exc.strerror if isinstance(exc, OSError) else exc
                out.append((kept, Msg("kept guide cannot be read: {0}", why)))
                continue
            guide, found = parse_guide(raw, str(kept))
            if guide is None:
                out.append((kept, Msg("kept guide is not valid: {0}", found[0])))
            elif guide.sha256 != kept.stem:
                out.append(
                    (kept, Msg("kept guide changed since it was kept: its content is not its name"))
                )
        return out


def missing_guide(session: Session, why: str) -> Msg:
    """The one message for a session whose very guide file is not at hand."""
    ref = session.guide
    return Msg(
        "session {0} was taken with guide {1} {2} (sha256 {3}…), which {4}: give that file "
        "with --guide",
        session.id[:8],
        ref.id,
        ref.version,
        ref.sha256[:12],
        why,
    )
