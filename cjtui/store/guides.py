"""Guide copies: every custom guide a session was taken with is kept in the store, so its
sessions can always be shown, resumed and checked, whatever becomes of the guide's file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..fsutil import atomic_write
from ..model import GuideRef, Session
from .errors import StoreError

if TYPE_CHECKING:
    from ..guide import Guide


class GuideCopies:
    def __init__(self, folder: Path):
        self.folder = folder
        self._cache: dict[tuple[str, str], Guide] = {}

    def keep(self, guide: Guide) -> None:
        """Keep a copy of a custom guide (built-in guides ship with cjtui)."""
        from ..guide import builtin_guides

        if any(g.sha256 == guide.sha256 for g in builtin_guides()) or not guide.raw:
            return
        path = self.folder / f"{guide.sha256}.toml"
        if not path.exists():
            atomic_write(path, guide.raw)

    def exact(self, session: Session) -> Guide | None:
        """The very guide file a session was taken with (built in, or kept here), or None.
        A kept copy that no longer parses raises StoreError saying why."""
        return self.by_ref(session.guide)

    def by_ref(self, ref: GuideRef) -> Guide | None:
        """The guide file *ref* names by its sha256 (built in, or kept here), or None."""
        from ..guide import builtin_guides, parse_guide

        for guide in builtin_guides():
            if guide.sha256 == ref.sha256:
                return guide
        kept = self.folder / f"{ref.sha256}.toml"
        if not kept.exists():
            return None
        parsed, problems = parse_guide(kept.read_bytes(), str(kept))
        if parsed is None:
            raise StoreError(f"{kept}: kept guide no longer valid: {problems[0]}")
        return parsed

    def guide_for(self, session: Session) -> Guide:
        """The guide a session was taken with: by hash, else the built-in of the same id."""
        key = (session.guide.id, session.guide.sha256)
        if key not in self._cache:
            self._cache[key] = self._find(session)
        return self._cache[key]

    def _find(self, session: Session) -> Guide:
        from ..guide import GuideError, builtin_guide

        exact = self.exact(session)
        if exact is not None:
            return exact
        ref = session.guide
        try:  # sessions taken with an earlier file of a built-in guide
            return builtin_guide(ref.id)
        except GuideError:
            raise StoreError(
                f"unknown guide {ref.id!r} (version {ref.version}); give it with --guide FILE"
            ) from None

    def problems(self) -> list[tuple[Path, str]]:
        """Each kept guide that no longer parses, with why."""
        from ..guide import parse_guide

        out = []
        for kept in sorted(self.folder.glob("*.toml")):
            guide, found = parse_guide(kept.read_bytes(), str(kept))
            if guide is None:
                out.append((kept, f"kept guide is not valid: {found[0]}"))
        return out
