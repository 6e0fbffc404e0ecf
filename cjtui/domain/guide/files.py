"""Guides from files: the built-in guides shipped with cjtui, and guide files by path."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ...base.errors import Msg
from ...base.fsutil import read_regular_file
from .limits import MAX_FILE_BYTES
from .parser import parse_guide
from .types import Guide, GuideError

BUILTIN_GUIDES: tuple[str, ...] = ("inbound", "full")
GUIDES_DIR = Path(__file__).resolve().parent.parent.parent / "guides"


def read_guide_file(path: Path) -> bytes:
    """A guide file's bytes: a regular file of at most MAX_FILE_BYTES (a FIFO or a device is
    refused, never waited on); OSError otherwise."""
    return read_regular_file(path, MAX_FILE_BYTES)


def load_guide(path: str | Path) -> Guide:
    """Load a guide file; raises GuideError with every problem, or OSError if unreadable."""
    path = Path(path)
    try:
        data = read_guide_file(path)
    except OSError as exc:
        raise GuideError(str(path), [Msg("file: cannot read: {0}", exc.strerror or exc)]) from None
    guide, problems = parse_guide(data, str(path))
    if guide is None:
        raise GuideError(str(path), problems)
    return guide


def validate_file(path: str | Path) -> list[str]:
    """Every problem in a guide file as ``file: location: message`` (empty when valid)."""
    path = Path(path)
    try:
        data = read_guide_file(path)
    except OSError as exc:
        return [Msg("{0}: cannot read: {1}", path, exc.strerror or exc)]
    _, problems = parse_guide(data, str(path))
    return [Msg("{0}: {1}", path, problem) for problem in problems]


@cache
def builtin_guide(name: str) -> Guide:
    """One of the guides shipped with cjtui, by id."""
    if name not in BUILTIN_GUIDES:
        raise GuideError(
            name, [Msg("guide: no built-in guide {0} ({1})", repr(name), ", ".join(BUILTIN_GUIDES))]
        )
    data = (GUIDES_DIR / f"{name}.toml").read_bytes()
    guide, problems = parse_guide(data, f"built-in:{name}")
    if guide is None:
        raise GuideError(f"built-in:{name}", problems)
    return guide


def builtin_guides() -> list[Guide]:
    return [builtin_guide(name) for name in BUILTIN_GUIDES]


@cache
def earlier_guides() -> tuple[Guide, ...]:
    """Every earlier version of the built-in guides, byte for byte as it shipped: a session
    (and a study) taken with one is always shown and checked with that very questionnaire,
    whatever the current version asks."""
    out = []
    for path in sorted((GUIDES_DIR / "earlier").glob("*.toml")):
        guide, problems = parse_guide(path.read_bytes(), f"built-in:{path.stem}")
        if guide is None:
            raise GuideError(f"built-in:{path.stem}", problems)
        out.append(guide)
    return tuple(out)


def shipped_guide(sha256: str) -> Guide | None:
    """The guide shipped with cjtui (current or earlier) whose file has this sha256."""
    for guide in (*builtin_guides(), *earlier_guides()):
        if guide.sha256 == sha256:
            return guide
    return None


def resolve_guide(name_or_path: str) -> Guide:
    """A built-in guide by id, or a guide file by path."""
    if name_or_path in BUILTIN_GUIDES:
        return builtin_guide(name_or_path)
    path = Path(name_or_path)
    if not path.exists():
        raise GuideError(
            name_or_path,
            [Msg("guide: no built-in guide or file by that name ({0})", ", ".join(BUILTIN_GUIDES))],
        )
    return load_guide(path)
