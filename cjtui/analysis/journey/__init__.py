"""The customer journey map: :mod:`.build` turns one study's sessions into plain data (the
JSON map), :mod:`.render` writes it as a text grid, Markdown, JSON, HTML or SVG."""

from .build import COMPARISONS, MAP_LANES, MAP_VERSION, build_map, stage_curve
from .render import RENDERERS, render_html, render_json, render_markdown, render_svg, render_text

__all__ = [
    "COMPARISONS",
    "MAP_LANES",
    "MAP_VERSION",
    "RENDERERS",
    "build_map",
    "render_html",
    "render_json",
    "render_markdown",
    "render_svg",
    "render_text",
    "stage_curve",
]
