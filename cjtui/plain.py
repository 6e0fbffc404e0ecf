"""Text as it may be shown: control characters out. No other imports, so anything may use it."""

import re

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
