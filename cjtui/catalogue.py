"""A study's touchpoint catalogue: every touchpoint key its interviews use, with the names
typed for it, where it comes and how often: what `cjtui touchpoints` lists and what
`touchpoints merge` unifies. Pure: sessions in, rows out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import Session
from .plain import clean_text
from .study import Study


@dataclass
class Entry:
    key: str  # after the study's merges
    names: Counter[str] = field(default_factory=Counter)  # as typed, with how often
    stages: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    merged: list[str] = field(default_factory=list)  # keys counted as this one
    languages: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "names": [name for name, _ in self.names.most_common()],
            "stage": self.stages.most_common(1)[0][0] if self.stages else None,
            "mentions": self.mentions,
            "languages": sorted(self.languages),
            "merged": sorted(self.merged),
        }


def catalogue(sessions: list[Session], study: Study) -> list[Entry]:
    """One entry per touchpoint of the study (after its merges), most mentioned first."""
    entries: dict[str, Entry] = {}
    for session in sessions:
        for record, tp in session.touchpoints():
            key = study.canonical_key(tp.key)
            entry = entries.setdefault(key, Entry(key))
            entry.names[clean_text(tp.name)] += 1
            entry.stages[record.id] += 1
            entry.mentions += 1
            entry.languages.add(session.language)
            if tp.key != key and tp.key not in entry.merged:
                entry.merged.append(tp.key)
    return sorted(entries.values(), key=lambda e: (-e.mentions, e.key))
