"""`cjtui plot`, `report` and `map`: a study's interviews analysed and drawn."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ....base.errors import Msg
from ..util import (
    State,
    _emit,
    _emit_workbook,
    _fail,
    _filters,
    _lang,
    filter_options,
    output_options,
    pass_state,
)

if TYPE_CHECKING:
    from ....services.covering import Covered


def _covered(
    state: State,
    session_ids: tuple[str, ...],
    study_id: str | None,
    kwargs: dict[str, Any],
    include_in_progress: bool,
    either: Msg | None = None,
) -> Covered:
    """What the analysis covers (cjtui.services.covering): sessions by id, or the study's
    through the filters; reading many shows progress."""
    from ....services.covering import covered
    from ....services.workspace import Workspace
    from ..progress import Progress

    shown: list[Progress] = []

    def progress(total: int) -> Progress:
        shown.append(Progress("progress.read", _lang(), total))
        return shown[-1]

    workspace = Workspace(state.store(write=False))
    try:
        return covered(
            workspace, session_ids, study_id, _filters(kwargs),
            include_in_progress=include_in_progress, progress=progress, either=either,
        )  # fmt: skip
    finally:
        for bar in shown:
            bar.close()


@click.command("plot")
@click.argument("session_ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--by",
    type=click.Choice(["session", "perspective", "moment", "all"]),
    default="session",
    show_default=True,
    help="One line per session, or the mean line of each perspective, moment, or of all.",
)
@click.option(
    "--include-in-progress", is_flag=True, help="With --study: count unfinished sessions."
)
@click.option("--width", type=click.IntRange(40, 400), help="Columns (default: the terminal's).")
@click.option("--height", type=click.IntRange(10, 200), default=22, show_default=True)
@filter_options
@pass_state
def plot_cmd(
    state: State,
    /,
    session_ids: tuple[str, ...],
    by: str,
    study_id: str | None,
    include_in_progress: bool,
    width: int | None,
    height: int,
    **kwargs: Any,
) -> None:
    """Draw emotion curves: positive above the axis, neutral on it, negative below.

    Give session IDs, or --study (with filters) to take that study's completed sessions;
    with one study in the store, no ID plots all of it. Several sessions share one journey
    axis (touchpoints matched by key, after the study's merges) with a legend; --by perspective
    compares staff's belief with customers (the perception gap), --by moment before with
    after, each as a mean line with its min-max band. Pains are marked with a cross.
    Output to a pipe or file is plain text without colour.

    \b
    Examples:
      cjtui plot 3f2a
      cjtui plot --study banco-hipoteca --by perspective
      cjtui plot 3f2a 7c1d --width 100 > curves.txt
    """
    import shutil

    from ....analysis.curve import curve_data
    from ....analysis.drawing.terminal import render_text

    chosen = _covered(state, session_ids, study_id, kwargs, include_in_progress)
    if not chosen.sessions:
        _fail(Msg("no completed sessions in study {0} (with these filters)", chosen.study.id))
    tty = sys.stdout.isatty()
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    lang = chosen.language(state.lang_given, state.lang)
    data = curve_data(chosen.sessions, chosen.guide, lang, by=by, study=chosen.study)
    color = tty and not os.environ.get("NO_COLOR")
    click.echo(render_text(data, width=width, height=height, color=color))


@click.command("report")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "html", "xlsx"]),
    default="text",
    show_default=True,
    help="html is one self-contained file to open or attach to a mail; xlsx a workbook the "
    "owners can edit (the map as a grid, the touchpoints, the opportunities; with -o).",
)
@output_options
@click.option("--include-in-progress", is_flag=True, help="Count unfinished sessions too.")
@filter_options
@pass_state
def report_cmd(
    state: State,
    /,
    fmt: str,
    output: Path | None,
    force: bool,
    include_in_progress: bool,
    study_id: str | None,
    **kwargs: Any,
) -> None:
    """Analyse every completed session of one study (filtered if asked).

    With several studies in the store, --study is needed: analysis never mixes two.
    Per stage and per touchpoint (matched across sessions by key, after the study's
    merges): ratings, mean, median and share negative; the moments of truth; the
    perception gap (internal minus customers); before/after change (on a participant's
    before and after pairs where there are some); owners and processes ranked by the pains
    behind them; every improvement opportunity; and the mean curve. The JSON shape is
    documented in the README.

    \b
    Examples:
      cjtui report --study banco-hipoteca
      cjtui report --study banco-hipoteca --perspective customer --since 2026-09-01
      cjtui report --study retail --format html -o study.html
      cjtui report --format json | jq '.moments_of_truth[0]'
      cjtui report --study banco-hipoteca --format xlsx -o hipoteca.xlsx
    """
    from ....analysis.journey import build_map
    from ....analysis.report import RENDERERS, build_report
    from ....store import gc_paused

    c = _covered(state, (), study_id, kwargs, include_in_progress)
    with gc_paused():  # thousands of sessions in memory: no collection walks them meanwhile
        if fmt == "xlsx":  # the report's figures laid out as the map's workbook
            data = build_map(c.sessions, c.guide, state.lang, study=c.study,
                             include_in_progress=c.in_progress)  # fmt: skip
            _emit_workbook(data, output, force)
            return
        report = build_report(
            c.sessions, c.guide, state.lang, include_in_progress=c.in_progress, study=c.study
        )
    _emit(RENDERERS[fmt](report), output, force)


@click.command("map")
@click.argument("session_id", required=False, metavar="[ID]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "html", "svg", "xlsx"]),
    default="text",
    show_default=True,
    help="html is one self-contained page (printable on A3 landscape); svg the curve; xlsx "
    "a workbook the owners can edit (with -o).",
)
@click.option(
    "--lanes",
    metavar="LANE,...",
    help="Only these lanes, in this order: doing, thinking, feeling, expecting, doubts, "
    "touchpoints, curve, pains, backstage, opportunities.",
)
@click.option(
    "--compare",
    type=click.Choice(["perspective", "moment"]),
    default="perspective",
    show_default=True,
    help="The curve's lines: staff and customers, or before and after.",
)
@click.option(
    "--width", type=click.IntRange(40, 400), help="Text columns (default: the terminal's)."
)
@click.option("--include-in-progress", is_flag=True, help="Count unfinished sessions too.")
@filter_options
@output_options
@pass_state
def map_cmd(
    state: State,
    /,
    session_id: str | None,
    fmt: str,
    lanes: str | None,
    compare: str,
    width: int | None,
    include_in_progress: bool,
    study_id: str | None,
    output: Path | None,
    force: bool,
    **kwargs: Any,
) -> None:
    """Draw the customer journey map: the study's stages across, lanes down (what customers
    do, think, feel, expect and doubt; touchpoints by channel; the emotion curve; pains,
    marked ✖ and the moments of truth ★; the process and owner behind each touchpoint; the
    opportunities, ranked by the pains they answer). Of one interview (ID), or of a study
    (--study, with the filters of report).

    \b
    Examples:
      cjtui map 3f2a
      cjtui map --study banco-hipoteca --perspective customer --width 120
      cjtui map --study banco-hipoteca --format html -o mapa.html
      cjtui map --study online-retail --lanes touchpoints,curve,pains,opportunities
      cjtui map --study banco-hipoteca --format xlsx -o mapa.xlsx
    """
    import shutil

    from ....analysis.journey import MAP_LANES, RENDERERS, build_map

    chosen = tuple(x.strip() for x in lanes.split(",")) if lanes else MAP_LANES
    unknown = [x for x in chosen if x not in MAP_LANES]
    if unknown:
        _fail(Msg("--lanes: no lane {0} (lanes: {1})", repr(unknown[0]), ", ".join(MAP_LANES)))
    ids = (session_id,) if session_id is not None else ()
    either = Msg("give an ID, or --study and filters, not both")
    c = _covered(state, ids, study_id, kwargs, include_in_progress, either)
    from ....store import gc_paused

    with gc_paused():  # thousands of sessions in memory: no collection walks them meanwhile
        data = build_map(
            c.sessions, c.guide, c.language(state.lang_given, state.lang), study=c.study,
            compare=compare, include_in_progress=c.in_progress,
        )  # fmt: skip
    if fmt == "xlsx":
        _emit_workbook(data, output, force)
        return
    if fmt == "text":
        if width is None:
            tty = sys.stdout.isatty() and output is None
            width = shutil.get_terminal_size((100, 24)).columns if tty else 100
        text = RENDERERS["text"](data, width=width, lanes=chosen)
    else:
        text = RENDERERS[fmt](data, lanes=chosen)
    _emit(text, output, force)
