"""Text as it may be shown, and the words every part shares. No other imports, so anything
may use it."""

import re

# The languages cjtui speaks: of its interface, its built-in guides and its interviews.
LANGUAGES: tuple[str, ...] = ("es", "en")
# The formats sessions are exported to and imported from.
EXPORT_FORMATS: tuple[str, ...] = ("json", "jsonl", "csv")

# C0 controls except tab and newline, DEL, and the C1 range. ESC (0x1b) is in C0, so no
# escape sequence survives: what remains of one is printable text shown literally.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
