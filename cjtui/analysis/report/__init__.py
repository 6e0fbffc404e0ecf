"""The study report: :mod:`.build` turns sessions of one guide into plain data (the JSON
report), :mod:`.render` writes it as text, Markdown, JSON or one self-contained HTML page."""

from .build import REPORT_VERSION, ReportError, build_report, covered_statuses, select_sessions
from .render import RENDERERS, render_html, render_json, render_markdown, render_text

__all__ = [
    "RENDERERS",
    "REPORT_VERSION",
    "ReportError",
    "build_report",
    "covered_statuses",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "select_sessions",
]
