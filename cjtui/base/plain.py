"""Text as it may be shown, and the words every part shares. No other imports, so anything
may use it."""

import re
from functools import cache, lru_cache

# The languages cjtui speaks: of its interface, its built-in guides and its interviews.
LANGUAGES: tuple[str, ...] = ("es", "en")
# The formats sessions are exported to and imported from.
EXPORT_FORMATS: tuple[str, ...] = ("json", "jsonl", "csv")

# C0 controls except tab and newline, DEL, and the C1 range. ESC (0x1b) is in C0, so no
# escape sequence survives: what remains of one is printable text shown literally.
# A lone UTF-16 surrogate (from a "\ud800" escape in JSON) is no character at all and cannot
# be written as UTF-8: it goes too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Return *text* without control characters other than newline and tab.

    A carriage return is folded into a newline first, so pasted Windows text keeps its lines.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def one_line(text: str, width: int) -> str:
    """*text* on one line (runs of white space folded, control characters out), shortened
    to *width* characters with an ellipsis."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


# Characters that reorder or break a line of text: bidi embeddings, overrides and isolates,
# the marks, and the line and paragraph separators. In a table row they would scramble the
# columns after them; shown as a visible stand-in instead.
_LINE_BREAKERS = {
    **{
        c: "\ufffd"
        for c in (0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    },
    0x2028: " ",
    0x2029: " ",
}


@cache
def _char_width(ch: str) -> int:
    import unicodedata

    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\u2060\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Columns *text* takes in a terminal: wide (East Asian, most emoji) 2, combining and
    zero-width marks 0, others 1."""
    if text.isascii():  # (printable ASCII: one column each; the common case, at C speed)
        return len(text)
    return sum(map(_char_width, text))


def fit_cells(text: str, width: int) -> str:
    """*text* on one line in exactly *width* terminal columns: shortened with … or padded,
    with characters that reorder or break the line neutralised."""
    if (
        len(text) <= width
        and text.isascii()
        and text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
    ):
        return text.ljust(width)  # (nothing to clean or fold, one column each: most text)
    return _fit_cells(text, width)


@lru_cache(maxsize=4096)  # a list of 10,000 rows repeats its statuses, studies, moments…
def _fit_cells(text: str, width: int) -> str:
    text = one_line(text, 10 * width + 10).translate(_LINE_BREAKERS)
    used = cell_width(text)
    if used > width:  # keep what fits in width - 1 columns, then the ellipsis
        kept, used = [], 0
        for ch in text:
            w = _char_width(ch)
            if used + w > width - 1:
                break
            kept.append(ch)
            used += w
        text, used = "".join(kept) + "…", used + 1
    return text + " " * (width - used)


def fold(text: str) -> str:
    """*text* as a search compares it: case, accents and spacing do not count."""
    import unicodedata

    text = unicodedata.normalize("NFKD", clean_text(text)).casefold()
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())
