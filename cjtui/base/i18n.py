"""What cjtui says to a person, in the interface's language.

Guides carry their own text; everything else cjtui says is in gettext's catalogues, one per
language (cjtui/locale/LANG/LC_MESSAGES/cjtui.po, compiled to the .mo the package ships and
the standard library reads; scripts/catalogues.py keeps them at development time):

- the interface's own words by key: ``t(key, lang, **values)``; a count with its plural
  forms, ``plural(key, n, lang)`` (the catalogue's plural rule chooses the form);
- what the domain says (a :class:`cjtui.base.errors.Msg`: a template and its values):
  ``say(message, lang)`` looks the template up and fills it in. Nothing is parsed back.

A key or a template missing from a catalogue, or left untranslated, fails the tests.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

from .errors import Msg, carried
from .plain import LANGUAGES

__all__ = [
    "LANGUAGES", "catalogue", "channel_label", "detect_language", "key_label", "plural", "say",
    "t",
]  # fmt: skip

# Labels of Textual's own key bindings that the key bar can show (a Select's open menu).
TEXTUAL_LABELS: dict[str, dict[str, str]] = {
    "Dismiss menu": {"es": "Cerrar menú", "en": "Close menu"},
    "Dismiss code": {"es": "Cerrar", "en": "Close"},
}


def key_label(description: str, lang: str) -> str:
    """A key bar label in the interface's language: a binding's description is a message
    key (``key.quit``), or one of Textual's own labels."""
    label = _known(description, lang)
    if label is not None:
        return label
    entry = TEXTUAL_LABELS.get(description)
    return (entry.get(lang) or entry["en"]) if entry else description


def t(key: str, lang: str, **values: object) -> str:
    """The interface's words *key* in *lang* (es or en), filled in with *values*; a count
    with its plural forms is :func:`plural`'s."""
    text = catalogue(lang if lang in LANGUAGES else "en").gettext(key)
    return text.format(**values) if values else text


def _known(key: str, lang: str) -> str | None:
    """The catalogue's words for *key*, or None where it has none (gettext gives the key)."""
    text = t(key, lang)
    return None if text == key else text


MONTHS = {
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip


def spoken_date(day: str, lang: str) -> str:
    """A day (YYYY-MM-DD) as it is read aloud in *lang*: "31 de diciembre de 2027",
    "31 December 2027"; anything else as it is."""
    try:
        year, month, dom = (int(part) for part in day[:10].split("-"))
        name = MONTHS.get(lang, MONTHS["en"])[month - 1]
    except (ValueError, IndexError):
        return day
    return f"{dom} de {name} de {year}" if lang == "es" else f"{dom} {name} {year}"


def spoken_time(moment: str, lang: str) -> str:
    """A moment (ISO 8601, in UTC) as it is read in *lang*: "5 de diciembre de 2026, 09:13
    UTC", "5 December 2026, 09:13 UTC"; anything else as it is."""
    if len(moment) < 16 or moment[10:11] != "T" or not moment.endswith("Z"):
        return spoken_date(moment, lang) if len(moment) == 10 else moment
    day = spoken_date(moment[:10], lang)
    return moment if day == moment[:10] else f"{day}, {moment[11:16]} UTC"


def plural(key: str, n: int, lang: str, **values: object) -> str:
    """A count in words, in the plural form the language's rule gives for *n* (the
    catalogue's Plural-Forms); ``{n}`` in the text is the number."""
    words = catalogue(lang if lang in LANGUAGES else "en")
    return words.ngettext(key, key, n).format(n=n, **values)


def field_label(name: str, lang: str) -> str:
    """A study's or a backlog item's field as a person names it ("retain_until": "fecha
    de conservación"); a field without a label, as it is."""
    return _known(f"field.{name}", lang) or name


def counted(kind: str, counts: dict[str, int], lang: str) -> str:
    """Coded counts in words: "annoyed 4, disoriented 1" (*kind* is ``pain_kind`` or
    ``problem``, the prefix of their labels)."""
    return ", ".join(f"{t(f'{kind}.{code}', lang)} {n}" for code, n in counts.items())


def channel_label(channel: str, lang: str, name: str = "") -> str:
    """A channel's name in *lang*; "other" with the name the interviewer gave it, if any
    ("Otro: feria del sector")."""
    label = _known(f"channel.{channel}", lang) or channel
    return f"{label}: {name}" if channel == "other" and name.strip() else label


def detect_language(explicit: str | None = None) -> str:
    """``--lang`` if given, else Spanish when the environment says so (CJTUI_LANG, then
    gettext's LANGUAGE list, its first language cjtui speaks, then the locale), else
    English."""
    if explicit in LANGUAGES:
        return explicit
    cjtui = os.environ.get("CJTUI_LANG", "")
    if cjtui:
        return "es" if cjtui.lower().startswith("es") else "en"
    for wanted in os.environ.get("LANGUAGE", "").split(":"):
        for lang in LANGUAGES:
            if wanted.lower().startswith(lang):
                return lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


# ---- numbers and dates, as each language writes them ------------------------------------------


def number(n: int, lang: str) -> str:
    """*n* with the thousands grouped as *lang* writes them: 9,000 in English; in Spanish
    2530 but 12.000 (four figures are not grouped)."""
    text = f"{n:,}"
    if lang != "es":
        return text
    return str(n) if abs(n) < 10_000 else text.replace(",", ".")


def decimal(
    value: float, lang: str, places: int = 2, *, signed: bool = False, bare_zero: bool = False
) -> str:
    """*value* with *places* decimals, the decimal mark *lang*'s (+0.75 / +0,75); *signed*
    puts + before a positive value; *bare_zero*, no sign before a value that shows as zero."""
    text = f"{value:+.{places}f}" if signed else f"{value:.{places}f}"
    if bare_zero and text[:1] in "+-" and text[1:].strip("0.") == "":
        text = text[1:]
    return text.replace(".", ",") if lang == "es" else text


def figure(value: object, lang: str) -> str:
    """A number as Python writes it (7, 7.5), the decimal mark *lang*'s (7,5)."""
    text = str(value)
    return text.replace(".", ",") if lang == "es" and isinstance(value, float) else text


def percent(share: float, lang: str) -> str:
    """A share (0.5) as a whole percentage, written as *lang* does (50% / 50 %)."""
    return f"{share * 100:.0f}" + (" %" if lang == "es" else "%")


# ---- what the domain says, in the interface's language ---------------------------------------

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "cjtui"
MESSAGE = "message"  # the catalogues' context of the domain's messages (Msg templates)


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The language's compiled catalogue (cjtui/locale/LANG/LC_MESSAGES/cjtui.mo): English
    is the language the code speaks, and needs none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def say(value: object, lang: str) -> str:
    """A message of the domain (a Msg, an error carrying one, an OSError) in *lang*: its
    template looked up in the language's catalogue and filled with its values, each value
    that is itself a message said the same way; values that are data (codes, ids, paths,
    text typed in interviews) stay as they are. Never parsed back from English."""
    if isinstance(value, OSError) and value.strerror:
        reason = _said_value(value.strerror, lang)
        return f"{value.filename}: {reason}" if value.filename else str(reason)
    if isinstance(value, BaseException):
        value = carried(value)
    if lang == "en" or not isinstance(value, str):
        return str(value)
    if isinstance(value, Msg):
        template = catalogue(lang).pgettext(MESSAGE, value.template)
        return template.format(*(_said_value(v, lang) for v in value.args))
    # A whole line the catalogue knows (the system's own words, say), else as it is.
    return catalogue(lang).pgettext(MESSAGE, value)


# The system's own words for why a file could not be used (an OSError's reason): said
# whole, in the language, wherever they are put in a message.
OS_REASONS = frozenset({
    "No such file or directory", "Permission denied", "File exists", "Is a directory",
    "Not a directory", "No space left on device", "Read-only file system",
    "Operation not permitted", "Directory not empty", "Too many levels of symbolic links",
    "File too large",
})  # fmt: skip


def _said_value(value: object, lang: str) -> object:
    if isinstance(value, (Msg, BaseException)):
        return say(value, lang)
    if isinstance(value, str) and value in OS_REASONS:
        return catalogue(lang).pgettext(MESSAGE, value)
    return value
