"""A study's touchpoint catalogue: every touchpoint key its interviews use, with the names
typed for it, where it comes and how often: what `cjtui touchpoints` lists and what
`touchpoints merge` unifies. Pure: sessions in, rows out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..base.plain import clean_text
from ..domain.model import LIVED, Session, person_of, voice_of
from ..domain.study import Study


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


@dataclass
class Behind:
    """A process (or an owner) behind a study's touchpoints, after the study's merges."""

    key: str  # its name folded (case and spacing aside), or the one it was merged into
    names: Counter[str] = field(default_factory=Counter)  # as typed, with how often
    owners: Counter[str] = field(default_factory=Counter)  # of a process: who owns it
    touchpoints: Counter[str] = field(default_factory=Counter)  # names of the touchpoints
    problems: Counter[str] = field(default_factory=Counter)  # noted in it, by kind
    interviews: set[str] = field(default_factory=set)  # that name it (any voice)
    # Customers (people, as the report counts them: staff's belief and expectations before
    # apart) who felt a pain at a touchpoint tied to it.
    pained: set[str] = field(default_factory=set)

    @property
    def pains(self) -> int:
        return len(self.pained)

    @property
    def name(self) -> str:
        """Shown by the name kept in a merge, else the one typed most."""
        for name, _ in self.names.most_common():
            if " ".join(name.split()).casefold() == self.key:
                return name
        return self.names.most_common(1)[0][0] if self.names else self.key

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "names": [name for name, _ in self.names.most_common()],
            "owners": [name for name, _ in self.owners.most_common()],
            "touchpoints": [name for name, _ in self.touchpoints.most_common()],
            "mentions": sum(self.names.values()),
            "interviews": len(self.interviews),
            "pains": self.pains,
            "pains_count": "customers (people) who felt a pain at its touchpoints",
            "problems": dict(self.problems.most_common()),
        }


def behind(sessions: list[Session], study: Study, what: str) -> list[Behind]:
    """Each process (*what* ``processes``) or owner (``owners``) named behind the study's
    touchpoints, after its merges, most named first."""
    found: dict[str, Behind] = {}
    for session in sessions:
        for _, tp in session.touchpoints():
            value = tp.process if what == "processes" else tp.owner
            text = " ".join(clean_text(value).split())
            if not text:
                continue
            entry = found.setdefault(study.canonical_behind(what, text), Behind(""))
            entry.key = study.canonical_behind(what, text)
            entry.names[text] += 1
            entry.touchpoints[clean_text(tp.name)] += 1
            if what == "processes":
                owner = " ".join(clean_text(tp.owner).split())
                if owner:
                    entry.owners[owner] += 1
                if tp.process_problem:
                    entry.problems[tp.process_problem] += 1
            entry.interviews.add(session.id)
            if tp.pain and voice_of(session) == LIVED:
                entry.pained.add(person_of(session))
    return sorted(found.values(), key=lambda e: (-sum(e.names.values()), e.key))
