"""A study: the unit a customer-journey project works in.

A CX team maps one journey of one organisation ("Banco X · hipoteca") with one guide: staff
first, then customers, before and after an interaction, compared. Every session belongs to
exactly one study, and analysis never mixes two. This module holds the study's record and
its rules; it does no I/O (the store keeps studies beside the sessions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..base.errors import CjtuiError, Msg
from ..base.plain import LANGUAGES, clean_text
from .model import (
    ADDED_STAGE_PREFIX,
    STUDY_PATTERN,
    GuideRef,
    check_text,
    instant,
    now_iso,
    parse_iso,
)
from .model import slug as _slug

STUDY_VERSION = 1
# Below this many people a figure is thin evidence (a study may set its own threshold).
THIN_BELOW = 3
STUDY_ID = re.compile(STUDY_PATTERN)  # the one rule, as the session's study field
MAX_STUDY_BYTES = 4 * 1024 * 1024  # a study's record: consent texts and merges, with room
STATUSES: tuple[str, ...] = ("open", "closed")
STAGE_MERGE = "stage:"  # how a merge of added stages is kept among the touchpoints' merges
# How merges of the processes and owners behind touchpoints are kept there too, by the
# name's folded form (case and spacing aside): "process:captación digital".
BEHIND_MERGE = {"processes": "process:", "owners": "owner:"}


def behind_key(name: str) -> str:
    """A process's or owner's name as names are compared: one line, case aside."""
    return " ".join(clean_text(name).split()).casefold()


MAX_FIELD = 500  # a title, an organisation, a controller, a contact
MAX_CONSENT_TEXTS = 100
MAX_MERGES = 5_000
MAX_LOG = 10_000
LOG_KINDS: tuple[str, ...] = (
    "created", "edited", "closed", "reopened", "merged", "deleted", "moved_in", "backlog",
)  # fmt: skip
# What a study may fill into a guide's consent text.
PLACEHOLDERS: tuple[str, ...] = (
    "controller", "contact", "retain_until", "title", "subject",
    "recording", "recipients", "legal_basis", "authority",
)  # fmt: skip
# What a consent text may need from the study, in the order a participant hears it.
CONSENT_FIELDS: tuple[str, ...] = (
    "controller", "contact", "retain_until", "recording", "recipients", "legal_basis",
    "authority",
)  # fmt: skip
RECORDINGS: tuple[str, ...] = ("none", "audio", "video")
# The study's opportunity backlog (see cjtui.analysis.backlog): the shape of its items.
BACKLOG_STATUSES: tuple[str, ...] = ("proposed", "planned", "doing", "done", "dropped")
EFFORTS: tuple[str, ...] = ("S", "M", "L")
MAX_BACKLOG_ITEMS = 500
MAX_BACKLOG_TITLE = 200
MAX_BACKLOG_NOTE = 2000
BACKLOG_ITEM_KEYS = (
    "id", "title", "touchpoints", "candidates", "owner", "process", "effort", "status",
    "priority", "reason", "note",
)  # fmt: skip


class StudyError(CjtuiError):
    """A study record or a change to one that breaks the rules."""


def check_backlog(items: Any) -> list[dict[str, Any]]:
    """The backlog of a study record, checked (StudyError naming what is wrong)."""
    if not isinstance(items, list) or len(items) > MAX_BACKLOG_ITEMS:
        raise StudyError(Msg("backlog must be a list of at most {0} items", MAX_BACKLOG_ITEMS))
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, dict) or not set(item) <= set(BACKLOG_ITEM_KEYS):
            raise StudyError(Msg("a backlog item holds only {0}", ", ".join(BACKLOG_ITEM_KEYS)))
        item_id = item.get("id")
        if not isinstance(item_id, str) or not item_id.startswith("O") or item_id in seen:
            raise StudyError(Msg("each backlog item has its own id (O1, O2…)"))
        seen.add(item_id)
        _check_item(item_id, item)
    return items


def _check_item(item_id: str, item: dict[str, Any]) -> None:
    for name in ("title", "owner", "process", "reason"):
        value = item.get(name, "")
        if not isinstance(value, str) or len(value) > MAX_BACKLOG_TITLE or "\n" in value:
            raise StudyError(Msg("backlog {0}: {1} must be one line of text", item_id, name))
    note = item.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_BACKLOG_NOTE:
        raise StudyError(
            Msg("backlog {0}: note must be text of {1} at most", item_id, MAX_BACKLOG_NOTE)
        )
    for name in ("touchpoints", "candidates"):
        values = item.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise StudyError(Msg("backlog {0}: {1} must be a list of text", item_id, name))
    if item.get("status", "proposed") not in BACKLOG_STATUSES:
        statuses = ", ".join(BACKLOG_STATUSES)
        raise StudyError(Msg("backlog {0}: status must be one of {1}", item_id, statuses))
    if item.get("effort", "") not in ("", *EFFORTS):
        raise StudyError(Msg("backlog {0}: effort must be S, M or L", item_id))
    priority = item.get("priority")
    if priority is not None and (
        isinstance(priority, bool) or not isinstance(priority, (int, float))
    ):
        raise StudyError(Msg("backlog {0}: priority must be a number", item_id))


def check_study_id(study_id: str) -> str:
    if not isinstance(study_id, str) or not is_study_id(study_id):
        raise StudyError(
            Msg(
                "study id {0} is not a short slug: 1-40 lowercase letters, "
                "digits and '-', e.g. banco-hipoteca",
                repr(clean_text(str(study_id))[:60]),
            )
        )
    return study_id


def is_study_id(name: str) -> bool:
    return bool(STUDY_ID.match(name))


def free_study_id(text: str, taken: set[str] | dict[str, Any]) -> str:
    """A study id made from *text* (a guide's id, say) that is not in *taken*: its slug,
    then slug-2, slug-3…"""
    base = _slug(text, 40) or "study"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[:36]}-{n}"
    return candidate


def _check_date(what: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    try:
        date.fromisoformat(str(value))
    except ValueError:
        raise StudyError(
            Msg("{0} {1} is not a date (YYYY-MM-DD)", what, repr(clean_text(str(value))[:40]))
        ) from None
    return str(value)


def _log_entry_ok(entry: Any) -> bool:
    """A log entry of a known kind that says when (a time), holding plain values."""
    if not isinstance(entry, dict) or entry.get("kind") not in LOG_KINDS:
        return False
    if not isinstance(entry.get("at"), str) or instant(entry["at"]) is None:
        return False
    plain = (str, int, float, bool, type(None), list)
    return all(isinstance(value, plain) for value in entry.values())


def _field(what: str, value: Any) -> str:
    if not isinstance(value, str):
        raise StudyError(Msg("{0} must be text", what))
    # One line: a title, subject, controller or contact is shown on one line (a newline in
    # one would forge rows in `study list`).
    text = " ".join(clean_text(value).split())
    if len(text) > MAX_FIELD:
        raise StudyError(Msg("{0}: {1} characters (at most {2})", what, len(text), MAX_FIELD))
    return text


@dataclass
class Study:
    """One study: what it maps, with which guide, who answers for the data, until when."""

    id: str
    title: str
    guide: GuideRef
    subject: str = ""  # the organisation and journey it maps: "Banco X · hipoteca"
    languages: list[str] = field(default_factory=lambda: list(LANGUAGES))
    controller: str = ""  # who is responsible for the data
    contact: str = ""  # how participants reach them
    retain_until: str | None = None  # YYYY-MM-DD: the data is kept until then
    # What the consent text says of the study (see CONSENT_FIELDS): whether the interview
    # is recorded (none, audio, video), who receives the results, on what legal basis the
    # data is processed, and the authority a participant may complain to.
    recording: str = ""
    recipients: str = ""
    legal_basis: str = ""
    authority: str = ""
    status: str = "open"
    created_at: str = field(default_factory=now_iso)
    # Below this many people a figure is marked as thin evidence in reports and maps.
    thin_below: int = THIN_BELOW
    # Each consent text read to a participant, once, by its sha256.
    consent_texts: dict[str, str] = field(default_factory=dict)
    # Touchpoint keys unified: a key -> the key it is counted as.
    merges: dict[str, str] = field(default_factory=dict)
    log: list[dict[str, Any]] = field(default_factory=list)
    # The opportunity backlog (see cjtui.analysis.backlog): items resting on the
    # interviews' evidence.
    backlog: list[dict[str, Any]] = field(default_factory=list)

    # ---- rules ----------------------------------------------------------------------------

    def check(self) -> Study:
        check_study_id(self.id)
        for name in (
            "title", "subject", "controller", "contact", "recipients", "legal_basis",
            "authority",
        ):  # fmt: skip
            setattr(self, name, _field(name, getattr(self, name)))
        if self.recording not in ("", *RECORDINGS):
            raise StudyError(Msg("recording must be one of {0}", ", ".join(RECORDINGS)))
        if not self.title:
            raise StudyError(Msg("a study needs a title"))
        if not self.languages or any(lang not in LANGUAGES for lang in self.languages):
            raise StudyError(Msg("languages must be some of {0}", ", ".join(LANGUAGES)))
        if len(set(self.languages)) != len(self.languages):
            raise StudyError(Msg("a language is given twice"))
        self.retain_until = _check_date("retain_until", self.retain_until)
        if (
            not isinstance(self.thin_below, int)
            or isinstance(self.thin_below, bool)
            or not 1 <= self.thin_below <= 1000
        ):
            raise StudyError(Msg("thin_below must be a whole number from 1 to 1000"))
        if self.status not in STATUSES:
            raise StudyError(
                Msg("status must be open or closed, not {0}", repr(clean_text(str(self.status))))
            )
        try:
            parse_iso(self.created_at)
        except (TypeError, ValueError):
            raise StudyError(Msg("created_at is not an ISO 8601 time")) from None
        return self.check_records()

    def check_records(self) -> Study:
        """The consent texts, merges, log and backlog are well formed and within their
        limits."""
        check_backlog(self.backlog)
        if len(self.consent_texts) > MAX_CONSENT_TEXTS:
            raise StudyError(Msg("more than {0} consent texts", MAX_CONSENT_TEXTS))
        for sha, text in self.consent_texts.items():
            if not re.fullmatch(r"[0-9a-f]{64}", sha) or not isinstance(text, str):
                raise StudyError(Msg("consent texts are kept by their sha256"))
            check_text("consent text", text)
        if len(self.merges) > MAX_MERGES:
            raise StudyError(Msg("more than {0} merged touchpoints", MAX_MERGES))
        for other, keep in self.merges.items():
            if not (isinstance(other, str) and isinstance(keep, str)):
                raise StudyError(Msg("merges map a touchpoint key to a key"))
            if len(other) > 200 or len(keep) > 200 or other == keep:
                raise StudyError(
                    Msg("merge {0} -> {1} is not valid", repr(other[:40]), repr(keep[:40]))
                )
        if len(self.log) > MAX_LOG:
            raise StudyError(Msg("more than {0} entries in the study's log", MAX_LOG))
        if not all(_log_entry_ok(entry) for entry in self.log):
            raise StudyError(Msg("an entry of the study's log is not valid"))
        return self

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def canonical_key(self, key: str) -> str:
        """The key a touchpoint key is counted as, after merges (followed to the end)."""
        seen = {key}
        while key in self.merges:
            key = self.merges[key]
            if key in seen:  # a cycle cannot be written (merge refuses it); be safe anyway
                break
            seen.add(key)
        return key

    def canonical_stage(self, key: str) -> str:
        """The stage an added stage's key is counted as, after merges (a guide's stage is
        never merged). Stage merges are kept with the touchpoints' under ``stage:KEY``: no
        touchpoint key has a colon."""
        if not key.startswith(ADDED_STAGE_PREFIX):
            return key
        return self.canonical_key(STAGE_MERGE + key)[len(STAGE_MERGE) :]

    def merge_stages(self, keep: str, others: list[str], at: str | None = None) -> list[str]:
        """Count every added stage in *others* as *keep* (added stages named differently
        by different participants, "La tasación" and "Tasación de la vivienda")."""
        for key in (keep, *others):
            if not key.startswith(ADDED_STAGE_PREFIX):
                raise StudyError(
                    Msg(
                        "{0} is not a stage participants added (added_…)",
                        repr(clean_text(key)[:60]),
                    )
                )
        merged = self.merge(STAGE_MERGE + keep, [STAGE_MERGE + o for o in others], at)
        return [key[len(STAGE_MERGE) :] for key in merged]

    def canonical_behind(self, what: str, name: str) -> str:
        """The key a process's (*what* ``processes``) or owner's (``owners``) name is
        counted as, after the study's merges: its folded form, or the one it was merged
        into."""
        prefix = BEHIND_MERGE[what]
        return self.canonical_key(prefix + behind_key(name))[len(prefix) :]

    def merge_behind(
        self, what: str, keep: str, others: list[str], at: str | None = None
    ) -> list[str]:
        """Count the processes (or owners) named *others* as *keep* ("Simulación online" as
        "Captación digital"), case and spacing aside. Returns the names merged."""
        prefix = BEHIND_MERGE[what]
        if not behind_key(keep) or not all(behind_key(o) for o in others):
            raise StudyError(Msg("a process or owner to merge needs a name"))
        merged = self.merge(prefix + behind_key(keep), [prefix + behind_key(o) for o in others], at)
        return [key[len(prefix) :] for key in merged]

    def record(self, kind: str, at: str | None = None, **detail: Any) -> None:
        self.log.append({"at": at or now_iso(), "kind": kind, **detail})

    def merge(self, keep: str, others: list[str], at: str | None = None) -> list[str]:
        """Count every key in *others* as *keep* from now on. Returns the keys merged."""
        keep = self.canonical_key(keep)
        merged = []
        for other in others:
            other = self.canonical_key(other)
            if other == keep:
                continue
            self.merges[other] = keep
            merged.append(other)
        for key, target in list(self.merges.items()):  # keep chains one step long
            self.merges[key] = self.canonical_key(target)
        if merged:
            self.record("merged", at, keep=keep, others=merged)
        return merged

    def absorb(self, other: Study) -> dict[str, int]:
        """Take in what another copy of this study (a record from another server) knows and
        this one does not: the consent texts read there (each checked against its sha256),
        the touchpoint merges made there (where this copy has not merged that key otherwise)
        and its log's entries. Title, controller and the rest stay as they are here. Returns
        how many of each were taken."""
        import hashlib

        taken = {"consent_texts": 0, "merges": 0, "log": 0}
        for sha, text in other.consent_texts.items():
            if sha not in self.consent_texts and (
                hashlib.sha256(text.encode("utf-8")).hexdigest() == sha
            ):
                self.consent_texts[sha] = text
                taken["consent_texts"] += 1
        for key, target in other.merges.items():
            if key not in self.merges and self.canonical_key(target) != key:
                self.merges[key] = self.canonical_key(target)
                taken["merges"] += 1
        known = {_log_key(e) for e in self.log}
        for entry in other.log:
            if _log_key(entry) not in known:
                self.log.append(dict(entry))
                taken["log"] += 1
        if taken["log"]:
            self.log.sort(key=lambda e: str(e.get("at", "")))
        self.check()
        return taken

    def keep_consent_text(self, text: str) -> str:
        """Keep the exact consent text read (once) and return its sha256."""
        import hashlib

        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.consent_texts.setdefault(sha, text)
        return sha

    def days_past_retention(self, today: str) -> int | None:
        """How many days *today* (YYYY-MM-DD) is past the day the study's data is kept
        until; None when it has no such day or the day has not passed."""
        if not self.retain_until:
            return None
        past = (date.fromisoformat(today[:10]) - date.fromisoformat(self.retain_until)).days
        return past if past > 0 else None

    def missing_for_consent(self, text: str | None = None) -> list[str]:
        """What the consent text needs from the study and it does not say: to be filled in
        before it is read to anyone. With *text*, what that text names ({recording}…);
        without, the controller, contact and retention date every text names."""
        wanted = (
            [name for name in CONSENT_FIELDS if "{" + name + "}" in text]
            if text is not None
            else ["controller", "contact", "retain_until"]
        )
        return [name for name in wanted if not getattr(self, name)]

    def fill_consent(self, text: str, lang: str = "en") -> str:
        """A guide's consent text with the study's placeholders filled: {controller},
        {contact}, {retain_until}, {title}, {subject}; what the study does not say yet is
        marked as such, in *lang*. Other braces are left as they are."""
        from ..base.i18n import spoken_date, t

        missing = t("consent.not_given", lang)
        values = {
            "controller": self.controller or missing,
            "contact": self.contact or missing,
            # A day as it is read aloud: "31 de diciembre de 2027", not "2027-12-31".
            "retain_until": spoken_date(self.retain_until, lang) if self.retain_until else missing,
            "recording": t(f"consent.recording.{self.recording}", lang)
            if self.recording
            else missing,
            "recipients": self.recipients or missing,
            "legal_basis": self.legal_basis or missing,
            "authority": self.authority or missing,
            "title": self.title,
            "subject": self.subject or self.title,
        }
        # In one pass: a value that holds a placeholder's name ("{contact}") stays as it is.
        pattern = re.compile("{(" + "|".join(PLACEHOLDERS) + ")}")
        return pattern.sub(lambda m: values[m.group(1)], text)

    # ---- serialisation --------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return (
            {
                "study": STUDY_VERSION,
                "id": self.id,
                "title": self.title,
                "subject": self.subject,
                "guide": self.guide.to_dict(),
                "languages": list(self.languages),
                "controller": self.controller,
                "contact": self.contact,
                "retain_until": self.retain_until,
                **{
                    name: getattr(self, name)
                    for name in ("recording", "recipients", "legal_basis", "authority")
                    if getattr(self, name)
                },
                "status": self.status,
                "created_at": self.created_at,
                "consent_texts": dict(self.consent_texts),
                "merges": dict(self.merges),
                "log": [dict(e) for e in self.log],
            }
            | ({"thin_below": self.thin_below} if self.thin_below != THIN_BELOW else {})
            | ({"backlog": [dict(i) for i in self.backlog]} if self.backlog else {})
        )

    @classmethod
    def from_dict(cls, data: Any) -> Study:
        """A study from its dict form; StudyError naming what is wrong."""
        if not isinstance(data, dict):
            raise StudyError(Msg("not a study (expected a JSON object)"))
        if data.get("study") != STUDY_VERSION:
            raise StudyError(Msg("not a study of version {0}", STUDY_VERSION))
        known = {
            "study", "id", "title", "subject", "guide", "languages", "controller", "contact",
            "retain_until", "status", "created_at", "consent_texts", "merges", "log",
            "thin_below", "recording", "recipients", "legal_basis", "authority", "backlog",
        }  # fmt: skip
        unknown = sorted(set(data) - known)
        if unknown:
            raise StudyError(Msg("unknown field {0} in a study", repr(clean_text(unknown[0])[:40])))
        try:
            guide = data["guide"]
            if not isinstance(guide, dict) or set(guide) != {"id", "version", "sha256"}:
                raise StudyError(Msg("guide must be {{id, version, sha256}}"))
            if not all(isinstance(v, str) and len(v) <= 200 for v in guide.values()):
                raise StudyError(Msg("guide must be {{id, version, sha256}} as text"))
            study = cls(
                id=data["id"],
                title=data["title"],
                subject=data.get("subject", ""),
                guide=GuideRef(**guide),
                languages=list(data["languages"]),
                controller=data.get("controller", ""),
                contact=data.get("contact", ""),
                retain_until=data.get("retain_until"),
                recording=data.get("recording", ""),
                recipients=data.get("recipients", ""),
                legal_basis=data.get("legal_basis", ""),
                authority=data.get("authority", ""),
                status=data.get("status", "open"),
                created_at=data["created_at"],
                consent_texts=dict(data.get("consent_texts", {})),
                merges=dict(data.get("merges", {})),
                log=list(data.get("log", [])),
                thin_below=data.get("thin_below", THIN_BELOW),
                backlog=[dict(i) if isinstance(i, dict) else i for i in data.get("backlog", [])],
            )
        except StudyError:
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise StudyError(Msg("not a study: {0}: {1}", exc.__class__.__name__, exc)) from None
        return study.check()


def new_study(
    study_id: str,
    guide: GuideRef,
    *,
    title: str = "",
    subject: str = "",
    languages: list[str] | None = None,
    controller: str = "",
    contact: str = "",
    retain_until: str | None = None,
    at: str | None = None,
    **consent: str,
) -> Study:
    study = Study(
        id=check_study_id(study_id),
        title=title or study_id,
        guide=guide,
        subject=subject,
        languages=list(languages or LANGUAGES),
        controller=controller,
        contact=contact,
        retain_until=retain_until,
        created_at=at or now_iso(),
        recording=consent.get("recording", ""),
        recipients=consent.get("recipients", ""),
        legal_basis=consent.get("legal_basis", ""),
        authority=consent.get("authority", ""),
    )
    study.record("created", study.created_at)
    return study.check()


def _log_key(entry: dict[str, Any]) -> str:
    """A log entry as one comparable string (entries are small JSON objects)."""
    import json

    return json.dumps(entry, sort_keys=True, ensure_ascii=False)
