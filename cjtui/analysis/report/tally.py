"""One typed tally of a study's interviews, from which the report and the map are made, so
that a count means the same in every output.

Every figure says whose voice it is and what it counts:

- **Voices** are never blended. Customers interviewed after an interaction (or with no
  moment) say what they *lived*; customers interviewed before one say what they *expect*;
  staff say what they *believe* of customers. Each is tallied apart; the report's main
  figures are one of them (its :attr:`Tally.basis`), the others are shown beside it.
- **People, not interviews.** A participant is their participant code within the study (an
  interview without one is a person of its own). A participant interviewed twice in one
  voice counts once: their ratings of a touchpoint are averaged first, and "felt by N" is
  people. ``interviews`` and ``ratings`` are given beside ``people`` where they differ.
- **How strong.** Next to every mean: people, median, and the spread of people's means
  (min–max); a figure resting on fewer people than the study's threshold is ``thin``.

Pure: sessions in, frozen dataclasses out; :meth:`to_json` turns them into plain data at
the edge.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...base.plain import clean_text
from ...domain.model import (
    LIVED,
    STAFF,
    VOICES,
    Session,
    Touchpoint,
    effective_severity,
    person_of,
    voice_of,
)
from ...domain.study import THIN_BELOW
from .shapes import ExpectationJSON, FiguresJSON, PainsJSON, SaidJSON


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


@dataclass(frozen=True)
class Figures:
    """A set of ratings as people gave them: each person's ratings averaged first."""

    people: int = 0
    interviews: int = 0
    ratings: int = 0
    mean: float | None = None
    median: float | None = None
    low: float | None = None  # the lowest and highest person's mean: the spread
    high: float | None = None
    negative_share: float | None = None  # share of people whose mean is below neutral
    thin: bool = False

    @classmethod
    def of(
        cls, by_person: Mapping[str, Sequence[float]], interviews: int, thin_below: int
    ) -> Figures:
        means = [statistics.fmean(v) for v in by_person.values() if v]
        if not means:
            return cls(interviews=interviews)
        return cls(
            people=len(means),
            interviews=interviews,
            ratings=sum(len(v) for v in by_person.values()),
            mean=_r(statistics.fmean(means)),
            median=_r(float(statistics.median(means))),
            low=_r(min(means)),
            high=_r(max(means)),
            negative_share=_r(sum(1 for m in means if m < 0) / len(means)),
            thin=len(means) < thin_below,
        )

    def to_json(self) -> FiguresJSON:
        return {
            "people": self.people,
            "interviews": self.interviews,
            "ratings": self.ratings,
            "mean": self.mean,
            "median": self.median,
            "min": self.low,
            "max": self.high,
            "negative_share": self.negative_share,
            "thin": self.thin,
        }


@dataclass(frozen=True)
class Pains:
    """The pains one voice felt at a touchpoint, counted in people."""

    people: int = 0  # people who felt it as a pain
    kinds: Mapping[str, int] = field(default_factory=dict)  # people per kind
    severity: float | None = None  # the mean of each person's worst severity (1–3)
    top: int = 0  # people who rated it at the top of the scale: what works

    def to_json(self) -> PainsJSON:
        return {
            "pains": self.people,
            "pain_kinds": dict(self.kinds),
            "pain_severity": self.severity,
            "top_ratings": self.top,
        }


@dataclass(frozen=True)
class Change:
    """Before and after, on the participants interviewed at both moments only."""

    pairs: int
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return _r(self.after - self.before)


@dataclass(frozen=True)
class Said:
    """Words a participant said (a quote) or an interviewer's summary of them."""

    text: str
    participant: str  # the participant's code (or alias), never their name
    voice: str
    verbatim: bool  # the participant's own words: shown in quotation marks

    def to_json(self) -> SaidJSON:
        return {
            "text": self.text,
            "participant": self.participant,
            "voice": self.voice,
            "verbatim": self.verbatim,
        }


@dataclass(frozen=True)
class TouchRow:
    key: str
    name: str
    stage: str  # where most of the main voice's people placed it
    channels: tuple[tuple[str, int], ...]  # (channel, people), most given first
    figures: Mapping[str, Figures]  # by voice
    pains: Mapping[str, Pains]  # by voice
    change: Change | None
    owners: tuple[str, ...]
    processes: tuple[str, ...]
    quotes: tuple[Said, ...]
    quotes_withheld: int


@dataclass(frozen=True)
class Expectation:
    """Where customers rated, in one interview, what they had expected next to how a
    touchpoint felt: each person's ratings averaged first, then the people's means."""

    key: str
    name: str
    stage: str
    people: int  # customers who rated both, as people
    expected: float
    lived: float
    short: int  # of them, the people for whom it fell short of what they expected

    @property
    def gap(self) -> float:
        """Lived minus expected: below 0, the expectation was missed."""
        return round(self.lived - self.expected, 2)

    def to_json(self) -> ExpectationJSON:
        return {
            "key": self.key,
            "name": self.name,
            "stage": self.stage,
            "people": self.people,
            "expected": self.expected,
            "lived": self.lived,
            "gap": self.gap,
            "short": self.short,
            "voice": LIVED,  # customers who lived it, counted as people
        }


@dataclass(frozen=True)
class StageRow:
    key: str
    figures: Mapping[str, Figures]  # by voice
    not_lived: Mapping[str, int]  # people per voice who did not live it
    words: Mapping[str, tuple[Said, ...]]  # by voice, where they may be shown
    words_withheld: int


@dataclass
class _Touch:
    key: str
    name: str
    ratings: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    mentioned: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    interviews: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    pains: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    kinds: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    top: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    placed: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    channels: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    # (person, moment) -> ratings: for before/after pairs
    moments: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    owners: dict[str, str] = field(default_factory=dict)
    processes: dict[str, str] = field(default_factory=dict)
    quotes: list[Said] = field(default_factory=list)
    quotes_withheld: int = 0
    # The interviewer's opportunities, by their text: (session id, voice) of each interview.
    opportunities: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # What each customer who lived it had expected, next to how it felt: person -> pairs.
    expected: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class _Behind:
    """An owner or a process behind touchpoints (one name, case aside)."""

    name: str
    touchpoints: dict[str, str] = field(default_factory=dict)  # key -> touchpoint's name
    felt: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # by voice
    problems: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # notes


@dataclass
class Tally:
    """Every touchpoint and stage of every interview, read once, kept by voice and person."""

    keys: Any  # cjtui.analysis.curve.Keys: how touchpoints and stages are matched across interviews
    scale: tuple[int, int] = (-2, 2)
    thin_below: int = THIN_BELOW
    order: dict[str, int] = field(default_factory=dict)  # the journey's stages, in order
    sessions: list[Session] = field(default_factory=list)
    touches: dict[str, _Touch] = field(default_factory=dict)
    stage_ratings: dict[str, dict[str, dict[str, list[int]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    )
    stage_interviews: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    not_lived: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # by stage
    # What each stage was for them (the interviewer's summary), by stage and voice, where
    # it may be shown; the others counted.
    words: dict[str, dict[str, list[Said]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    words_withheld: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Owners and processes behind the touchpoints: ("owners" | "processes") -> name -> them.
    behind: dict[str, dict[str, _Behind]] = field(
        default_factory=lambda: {"owners": {}, "processes": {}}
    )
    held: set[str] = field(default_factory=set)  # the voices read
    # How each person felt at the very start (the guide's persona emotion question), by voice.
    start_question: str | None = None
    starts: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    @classmethod
    def of(
        cls,
        sessions: Iterable[Session],
        keys: Any,
        scale: tuple[int, int],
        thin_below: int = THIN_BELOW,
        start_question: str | None = None,
    ) -> Tally:
        tally = cls(keys=keys, scale=scale, thin_below=thin_below, start_question=start_question)
        for session in sessions:
            tally.add(session)
        return tally

    # ---- reading ---------------------------------------------------------------------------

    def add(self, session: Session) -> None:
        self.sessions.append(session)
        voice, person = voice_of(session), person_of(session)
        self.held.add(voice)
        shown = session.may_quote
        if self.start_question is not None:
            start = session.participant.persona.get(self.start_question)
            if isinstance(start, int) and not isinstance(start, bool):
                # Lived by every customer, before the interaction or after it: staff's
                # belief is the only other voice here.
                self.starts[STAFF if voice == STAFF else LIVED][person].append(start)
        for record in session.stages:
            stage = self.keys.stage(record)
            self.added[stage] += record.added
            if record.skipped:
                # Not lived: nothing placed or said there counts as lived there.
                self.not_lived[stage][voice].add(person)
                continue
            text = " ".join(clean_text(record.words).split())
            if text and shown:  # typed by the interviewer: a summary, not a quote
                said = Said(text, participant_label(session), voice, False)
                self.words[stage][voice].append(said)
            elif text:
                self.words_withheld[stage] += 1
            for tp in record.touchpoints:
                self._touch(session, voice, person, stage, tp)

    def _touch(self, session: Session, voice: str, person: str, stage: str, tp: Touchpoint) -> None:
        key = self.keys.of(tp)
        touch = self.touches.get(key)
        if touch is None:
            name = clean_text(self.keys.label(key, tp.name))
            touch = self.touches[key] = _Touch(key=key, name=name)
        touch.mentioned[voice].add(person)
        touch.interviews[voice].add(session.id)
        touch.placed[voice][person] = stage
        touch.channels[voice][tp.channel].add(person)
        if tp.emotion is not None:
            touch.ratings[voice][person].append(tp.emotion)
            self.stage_ratings[stage][voice][person].append(tp.emotion)
            self.stage_interviews[stage][voice].add(session.id)
            if session.perspective == "customer" and session.moment in ("before", "after"):
                touch.moments[(person, session.moment)].append(tp.emotion)
            if tp.expected is not None and voice == LIVED:
                touch.expected[person].append((tp.expected, tp.emotion))
            if tp.emotion >= self.scale[1]:
                touch.top[voice].add(person)
        if tp.pain:
            severity = effective_severity(tp, self.scale[0]) or 2
            worst = touch.pains[voice].get(person, 0)
            touch.pains[voice][person] = max(worst, severity)
            touch.kinds[voice][tp.pain_kind or "unspecified"].add(person)
        self._behind(touch, "owners", tp.owner, voice, person, tp.pain, "")
        self._behind(touch, "processes", tp.process, voice, person, tp.pain, tp.process_problem)
        opportunity = " ".join(clean_text(tp.opportunity).split())
        if opportunity:
            touch.opportunities.setdefault(opportunity, []).append((session.id, voice))
        quote = " ".join(clean_text(tp.quote).split())
        if quote and session.may_quote:
            touch.quotes.append(Said(quote, participant_label(session), voice, True))
        elif quote:
            touch.quotes_withheld += 1

    def _behind(  # noqa: PLR0913 (one touchpoint's owner or process, as it was given)
        self,
        touch: _Touch,
        what: str,
        value: str,
        voice: str,
        person: str,
        pain: bool,
        problem: str,
    ) -> None:
        """An owner or process behind *touch*: its name, the people who felt a pain there
        (by voice), the problems noted in it."""
        text = " ".join(clean_text(value).split())
        if not text:
            return
        key = self.keys.behind(what, text)  # after the study's merges of names
        (touch.owners if what == "owners" else touch.processes).setdefault(key, text)
        entry = self.behind[what].setdefault(key, _Behind(text))
        if text.casefold() == key and entry.name.casefold() != key:
            entry.name = text  # shown by the name kept in a merge, as first typed
        entry.touchpoints.setdefault(touch.key, touch.name)
        if pain:
            entry.felt[voice].add(person)
        if problem:
            entry.problems[problem] += 1

    # ---- what the outputs show -------------------------------------------------------------

    def voices(self) -> list[str]:
        """The voices this tally holds, in order."""
        return [v for v in VOICES if v in self.held]

    @property
    def basis(self) -> str:
        """The voice of the main figures: customers' lived experience where there is any,
        else their expectations, else (a study of staff alone) staff's belief."""
        return self.voices()[0] if self.sessions else LIVED

    def people(self, voice: str | None = None) -> int:
        return len({person_of(s) for s in self.sessions if voice in (None, voice_of(s))})

    def interviews(self, voice: str | None = None) -> int:
        return sum(1 for s in self.sessions if voice in (None, voice_of(s)))

    def pairs(self) -> set[str]:
        """The customers interviewed both before and after (by participant code)."""
        before = {
            person_of(s)
            for s in self.sessions
            if s.perspective == "customer" and s.moment == "before" and s.participant.code
        }
        after = {
            person_of(s)
            for s in self.sessions
            if s.perspective == "customer" and s.moment == "after" and s.participant.code
        }
        return before & after

    def touch_rows(self) -> list[TouchRow]:
        pairs = self.pairs()
        voices = self.voices()
        rows = []
        for touch in self.touches.values():
            rows.append(
                TouchRow(
                    key=touch.key,
                    name=touch.name,
                    stage=self._home(touch),
                    channels=self._channels(touch),
                    figures={
                        v: Figures.of(touch.ratings[v], len(touch.interviews[v]), self.thin_below)
                        for v in voices
                        if touch.mentioned.get(v)
                    },
                    pains={v: self._pains(touch, v) for v in voices},
                    change=self._change(touch, pairs) if pairs else None,
                    owners=tuple(sorted(self.behind["owners"][k].name for k in touch.owners)),
                    # Each by its name after the study's merges (the name kept).
                    processes=tuple(
                        sorted(self.behind["processes"][k].name for k in touch.processes)
                    ),
                    quotes=tuple(touch.quotes),
                    quotes_withheld=touch.quotes_withheld,
                )
            )
        return rows

    def expectations(self) -> list[Expectation]:
        """Each touchpoint where customers who lived it also said what they had expected,
        the most missed first."""
        rows = []
        for touch in self.touches.values():
            pairs = {person: got for person, got in touch.expected.items() if got}
            if not pairs:
                continue
            expected = {p: statistics.fmean(e for e, _ in got) for p, got in pairs.items()}
            lived = {p: statistics.fmean(v for _, v in got) for p, got in pairs.items()}
            rows.append(
                Expectation(
                    key=touch.key,
                    name=touch.name,
                    stage=self._home(touch),
                    people=len(pairs),
                    expected=_r(statistics.fmean(expected.values())) or 0.0,
                    lived=_r(statistics.fmean(lived.values())) or 0.0,
                    short=sum(1 for p in pairs if lived[p] < expected[p]),
                )
            )
        rows.sort(key=lambda r: (r.gap, -r.people, r.name.casefold()))
        return rows

    def start_figures(self) -> dict[str, Figures]:
        """How people felt at the very start, by voice (where the guide asks it)."""
        return {
            voice: Figures.of(people, len(people), self.thin_below)
            for voice, people in self.starts.items()
            if people
        }

    def stage_row(self, key: str) -> StageRow:
        ratings = self.stage_ratings.get(key, {})
        counted = self.stage_interviews.get(key, {})
        return StageRow(
            key=key,
            figures={
                v: Figures.of(ratings.get(v, {}), len(counted.get(v, ())), self.thin_below)
                for v in self.voices()
            },
            not_lived={v: len(p) for v, p in self.not_lived.get(key, {}).items()},
            words={v: tuple(w) for v, w in self.words.get(key, {}).items()},
            words_withheld=self.words_withheld.get(key, 0),
        )

    def _home(self, touch: _Touch) -> str:
        """The stage where most people of the first voice that mentioned it placed it."""
        for voice in self.voices():
            placed = touch.placed.get(voice)
            if placed:
                counts: dict[str, int] = defaultdict(int)
                for stage in placed.values():
                    counts[stage] += 1
                return min(counts, key=lambda s: (-counts[s], self.order.get(s, 99)))
        return ""

    def _channels(self, touch: _Touch) -> tuple[tuple[str, int], ...]:
        for voice in self.voices():  # the channels the main voice gave
            given = touch.channels.get(voice)
            if given:
                return tuple(
                    sorted(((c, len(p)) for c, p in given.items()), key=lambda cp: (-cp[1], cp[0]))
                )
        return ()

    def _pains(self, touch: _Touch, voice: str) -> Pains:
        felt = touch.pains.get(voice, {})
        kinds = touch.kinds.get(voice, {})
        return Pains(
            people=len(felt),
            kinds={k: len(p) for k, p in kinds.items() if p},
            severity=_r(statistics.fmean(felt.values())) if felt else None,
            top=len(touch.top.get(voice, ())),
        )

    @staticmethod
    def _change(touch: _Touch, pairs: set[str]) -> Change | None:
        both = [
            p for p in pairs if touch.moments.get((p, "before")) and touch.moments.get((p, "after"))
        ]
        if not both:
            return None
        before = statistics.fmean(statistics.fmean(touch.moments[(p, "before")]) for p in both)
        after = statistics.fmean(statistics.fmean(touch.moments[(p, "after")]) for p in both)
        return Change(len(both), _r(before), _r(after))


def participant_label(session: Session) -> str:
    """How a report names a participant: the study's pseudonymous code, else the alias."""
    return session.participant.code or clean_text(session.participant.alias) or session.id[:8]
