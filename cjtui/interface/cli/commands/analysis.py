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
    from ....domain.guide import Guide
    from ....domain.model import Session
    from ....domain.study import Study
    from ....services.workspace import Workspace
    from ....store import Store


def _given_sessions(
    workspace: Workspace, session_ids: tuple[str, ...], study_id: str | None
) -> tuple[Study, Guide, list[Session]]:
    """The sessions named by id (any unique prefix), their one study and its guide: those
    of several studies, or of another study than --study, are refused."""
    store = workspace.store
    ids = list(dict.fromkeys(store.resolve(p) for p in session_ids))
    sessions = [store.load(i, events=False) for i in ids]
    if len({s.study for s in sessions}) > 1:
        _fail(Msg("those sessions belong to different studies; take one study at a time"))
    study = workspace.load_study(sessions[0].study)
    if study_id is not None and study.id != study_id:
        _fail(Msg("those sessions belong to study {0}, not {1}", study.id, study_id))
    return study, workspace.study_guide(study), sessions


def _analysis(
    store: Store, study_id: str | None, filters: Any, include_in_progress: bool
) -> tuple[Study, Guide, list[Session]]:
    """The study, its guide and the sessions a report or plot covers (Workspace.analysis:
    the one rule): completed ones (in progress too when asked) of the study given, or of
    the store's only study; several studies and none given stop with the list of them."""
    from ....services.workspace import Workspace
    from ..progress import Progress

    shown: list[Progress] = []

    def progress(total: int) -> Progress:
        shown.append(Progress("progress.read", _lang(), total))
        return shown[-1]

    try:
        return Workspace(store).analysis(
            study_id, filters, include_in_progress=include_in_progress, strict=True,
            progress=progress,
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

    filters = _filters(kwargs)
    store = state.store(write=False)
    from ....services.workspace import Workspace

    workspace = Workspace(store)
    if session_ids:
        if filters.active:
            _fail(Msg("give session IDs, or --study and filters, not both"))
        study, guide, sessions = _given_sessions(workspace, session_ids, study_id)
    else:
        study, guide, sessions = _analysis(store, study_id, filters, include_in_progress)
        if not sessions:
            _fail(Msg("no completed sessions in study {0} (with these filters)", study.id))
    tty = sys.stdout.isatty()
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    lang = state.lang_given or (sessions[0].language if len(sessions) == 1 else state.lang)
    data = curve_data(sessions, guide, lang, by=by, study=study)
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
    from ....analysis.report import RENDERERS, ReportError, build_report

    filters = _filters(kwargs)
    store = state.store(write=False)
    study, guide, sessions = _analysis(store, study_id, filters, include_in_progress)
    from ....store import gc_paused

    try:
        with gc_paused():  # thousands of sessions in memory: no collection walks them meanwhile
            if fmt == "xlsx":  # the report's figures laid out as the map's workbook
                from ....analysis.journey import build_map

                data = build_map(
                    sessions, guide, state.lang, study=study,
                    include_in_progress=include_in_progress,
                )  # fmt: skip
                _emit_workbook(data, output, force)
                return
            report = build_report(
                sessions, guide, state.lang, include_in_progress=include_in_progress, study=study
            )
    except ReportError as exc:
        _fail(exc)
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
    from ....analysis.report import ReportError
    from ....services.workspace import Workspace

    chosen = tuple(x.strip() for x in lanes.split(",")) if lanes else MAP_LANES
    unknown = [x for x in chosen if x not in MAP_LANES]
    if unknown:
        _fail(Msg("--lanes: no lane {0} (lanes: {1})", repr(unknown[0]), ", ".join(MAP_LANES)))
    filters = _filters(kwargs)
    store = state.store(write=False)
    workspace = Workspace(store)
    if session_id is not None:
        if filters.active:
            _fail(Msg("give an ID, or --study and filters, not both"))
        study, guide, sessions = _given_sessions(workspace, (session_id,), study_id)
        include_in_progress = True
    else:
        study, guide, sessions = _analysis(store, study_id, filters, include_in_progress)
    lang = state.lang_given or (sessions[0].language if len(sessions) == 1 else state.lang)
    from ....store import gc_paused

    try:
        with gc_paused():  # thousands of sessions in memory: no collection walks them meanwhile
            data = build_map(
                sessions,
                guide,
                lang,
                study=study,
                compare=compare,
                include_in_progress=include_in_progress,
            )
    except ReportError as exc:
        _fail(exc)
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
