"""Helpers that keep interview text literal on screen, and translate key labels."""

from __future__ import annotations

import os
import sys

from rich.text import Text
from textual.content import Content
from textual.dom import DOMNode

from ...base.plain import clean_text, one_line

__all__ = ["cell", "face", "lit", "one_line", "plain_faces", "settle_cursors"]

ASCII_FACES = {-2: ">:(", -1: ":(", 0: ":|", 1: ":)", 2: ":D"}


def lit(text: object) -> Content:
    """Text shown exactly as typed: no markup parsing, no control characters."""
    return Content(clean_text(str(text)))


def cell(text: object, style: str = "") -> Text:
    """A table cell shown exactly as typed (DataTable measures rich Text, not Content)."""
    return Text(clean_text(str(text)), style=style, no_wrap=True, overflow="ellipsis")


def plain_faces() -> bool:
    """Use ASCII faces when asked to (CJTUI_ASCII) or when the terminal is not UTF-8."""
    if os.environ.get("CJTUI_ASCII"):
        return True
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    lang = os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG") or ""
    return not (encoding.startswith("utf") or "utf" in lang.lower().replace("-", ""))


def face(value: int, emoji: str, ascii_only: bool) -> str:
    if ascii_only or not emoji:
        return ASCII_FACES.get(max(-2, min(2, value)), "")
    return emoji


def settle_cursors(root: DOMNode, blink: bool) -> None:
    """Stop text cursors blinking below *root* when asked (stable snapshots)."""
    if blink:
        return
    from textual.widgets import Input, TextArea

    for widget in root.query(Input):
        widget.cursor_blink = False
    for area in root.query(TextArea):
        area.cursor_blink = False


def said(exc: BaseException | str, lang: str) -> str:
    """An error as the person reads it: the domain's English line in the interface's
    language (see cjtui.base.i18n.say), codes and paths as they are."""
    from ...base.i18n import say

    return say(exc, lang)
