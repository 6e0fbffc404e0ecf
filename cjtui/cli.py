"""The `cjtui` command line: thin click commands over the store, guides and exchange modules.

Only the commands that open the interview TUI import Textual, and they do it inside the
command, so `cjtui list` and friends start quickly (tests/test_layering.py checks it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .cliutil import (
    FORMATS,
    CjtuiGroup,
    State,
    _emit,
    _emit_workbook,
    _fail,
    _filters,
    _lang,
    _said,
    _session_arg,
    filter_options,
    output_options,
    pass_state,
)
from .errors import CjtuiError
from .i18n import t
from .plain import LANGUAGES, clean_text

if TYPE_CHECKING:
    from .guide import Guide
    from .model import Session
    from .store import Store
    from .study import Study
    from .workspace import Workspace


# Commands import what they use inside their bodies: `cjtui --help` loads none of the domain,
# so it starts about as fast as importing click itself (bench/bench_cli.py).
@click.group(
    cls=CjtuiGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    # Its readability is cjtui's to check (a shared store says whose group it is).
    type=click.Path(path_type=Path, file_okay=False, readable=False),
    envvar="CJTUI_DB",
    show_envvar=True,
    help="Store folder (default: cjtui/store under your user data folder).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="Language of the interface (default: from the locale).",
)
@click.version_option(__version__, prog_name="cjtui")
@click.pass_context
def main(ctx: click.Context, db: Path | None, lang: str | None) -> None:
    """Capture customer-journey interviews and their emotion curves.

    With no command, opens the interview app on the default store.

    \b
    Examples:
      cjtui
      cjtui list
      cjtui --db ./study show 3f2a
      cjtui export --format csv -o touchpoints.csv
    """
    ctx.obj = State(db, lang)
    if ctx.invoked_subcommand is None:
        ctx.invoke(interview_cmd)


@main.command("interview")
@click.option(
    "--guide",
    "guide_paths",
    multiple=True,
    metavar="NAME|PATH",
    help="Offer this guide (built-in name or TOML file) first; repeatable.",
)
@click.option("--resume", "resume", metavar="ID", help="Reopen this session where it stopped.")
@pass_state
def interview_cmd(state: State, guide_paths: tuple[str, ...], resume: str | None) -> None:
    """Open the interview app: pick or start a session and take it stage by stage.

    Every answer is saved as it is given; if the terminal goes away the session is saved
    and can be resumed.

    \b
    Examples:
      cjtui interview
      cjtui interview --guide full
      cjtui interview --guide my_guide.toml
      cjtui interview --resume 3f2a
    """
    store = state.store()
    guides = []  # the app adds the built-ins after these
    if guide_paths:
        from .guide import resolve_guide

        guides = [resolve_guide(g) for g in guide_paths]
    if resume is not None:
        resume = store.resolve(resume)
        store.load(resume)  # a corrupt or unreadable session fails here, before the screen opens
        holder = store.holder(resume)
        if holder is not None:
            _fail(f"session {resume[:8]} is open for editing by {holder}")
    from .runapp import run_app

    code = run_app(store, state.lang, guides, resume)
    if code:
        sys.exit(code)


# ---- list / show / delete ------------------------------------------------------------------


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@filter_options
@pass_state
def list_cmd(state: State, /, as_json: bool, study_id: str | None, **kwargs: Any) -> None:
    """List the sessions in the store (or of one study, filtered), in progress first,
    newest change first.

    Each line: id prefix, status, study, perspective, moment, alias, stages done, last change.

    \b
    Examples:
      cjtui list
      cjtui list --study banco-hipoteca --perspective customer --moment before
      cjtui list --json
    """
    from . import jsonio
    from .transcript import summary_lines
    from .workspace import Workspace

    filters = _filters(kwargs)
    store = state.store(write=False)
    rows, problems = Workspace(store).rows(study_id, filters)
    if as_json:
        click.echo(jsonio.dumps([row.as_dict() for row in rows]))
    elif not rows and not problems:
        click.echo(t("list.empty", state.lang, store=store.root))
    else:
        lines = [t("list.header", state.lang)]
        lines += summary_lines(rows, state.lang)
        click.echo("\n".join(lines))
    if problems:
        for problem in problems:
            click.echo(f"Error: {_said(str(problem), state.lang)}", err=True)
        click.echo(t("list.run_doctor", state.lang), err=True)
        sys.exit(1)


@main.command("init")
@click.option(
    "--group",
    metavar="GROUP",
    help="Share the store with this group (you must be in it): folders 2770, files 0660.",
)
@pass_state
def init_cmd(state: State, group: str | None) -> None:
    """Make a store: private (only you, as every store is by default), or shared with a
    team's group on this server.

    A shared store's folder and everything in it belong to GROUP and are closed to others;
    every member can list, interview, resume their own sessions, export, report and map.
    An existing private store of yours becomes shared, every file going to the group.

    \b
    Examples:
      cjtui --db /srv/cx/banco init --group cx-banco
      cjtui init                                  # the default store, private
    """
    from .store import Store
    from .store.sharing import make_shared

    root = state.db if state.db is not None else None
    if group is not None and root is not None:
        # Folders made on the way would be private to you, locking the team out: the
        # folder that holds the store must exist already (made for the group by whoever
        # administers the server).
        parent = Path(root).expanduser().absolute().parent
        if not parent.is_dir():
            _fail(
                f"{parent} does not exist: create it for the group first "
                f"(mkdir -p {parent} && chgrp {group} {parent} && chmod 2770 {parent})"
            )
    store = Store.open(root)
    if group is None:
        if store.sharing is not None:
            _fail(f"{store.root}: already shared with group {store.sharing.group}")
        click.echo(t("init.private", state.lang, path=store.root))
        return
    if store.sharing is not None:
        if store.sharing.group != group:
            _fail(f"{store.root}: already shared with group {store.sharing.group}")
        click.echo(t("init.shared", state.lang, path=store.root, group=group))
        return
    with store.lock():
        make_shared(store.root, group)
        from .store.upgrade import mark_current

        mark_current(store, shared={"group": group})
    Store.open(store.root)  # checked as any shared store is from now on
    click.echo(t("init.shared", state.lang, path=store.root, group=group))


@main.command("doctor")
@click.option("--repair", is_flag=True, help="Move bad files aside, fix modes, remove leftovers.")
@pass_state
def doctor_cmd(state: State, repair: bool) -> None:
    """Check every file in the store and list each problem (exit 1 if any remain).

    Temporary files left by writes that were interrupted (a killed process) are cleaned up
    on their own, by this and by any command that writes, and listed apart: they are not
    problems. With --repair, a session file that cannot be read is renamed to
    <file>.corrupt (never deleted, so it can still be rescued by hand) and files readable by
    others are made private. Good sessions are not touched.

    \b
    Examples:
      cjtui doctor
      cjtui doctor --repair
    """
    from .exchange import schema_problem

    # Without --repair doctor only reads: it works on a read-only store (a backup) too.
    try:
        store = state.store(write=repair, check=False)
    except CjtuiError:
        # A store that cannot be opened at all: what is planted where it keeps its format
        # and its lock is named (left alone), then why it cannot be opened.
        from .store import default_store_path
        from .store.guard import kind_of
        from .store.locks import LOCK_FILE
        from .store.sharing import FORMAT_FILE

        root = state.db if state.db is not None else default_store_path()
        for name in (FORMAT_FILE, LOCK_FILE):
            what = kind_of(root / name)
            if what is not None:
                line = f"{root / name}: {what} where the store keeps a file (left alone)"
                click.echo(_said(line, state.lang))
        raise
    from .progress import Progress

    with Progress("progress.doctor", state.lang, len(store.ids())) as progress:
        problems = store.doctor(repair=repair, importable=schema_problem, progress=progress)
    for path in store.cleaned or []:
        click.echo(clean_text(f"{path}: {t('doctor.cleaned', state.lang)}"))
    for problem in problems:
        click.echo(_said(problem.line(), state.lang))
    left = [p for p in problems if not p.repaired]
    from .workspace import Workspace

    for study, past in Workspace(store).expired_studies():  # a warning, not a fault
        until = study.retain_until or ""
        click.echo(t("doctor.retention", state.lang, id=study.id, until=until, days=past), err=True)
    sessions = len(store.ids())
    lang = state.lang
    click.echo(
        t("doctor.summary", lang, sessions=sessions, problems=len(problems))
        + (t("doctor.leftovers", lang, n=len(store.cleaned)) if store.cleaned else "")
        + (t("doctor.repaired", lang, n=len(problems) - len(left)) if repair else "")
        + (
            t("doctor.run_repair", lang, n=sum(p.repairable for p in left))
            if not repair and any(p.repairable for p in left)
            else ""
        )
    )
    if left:
        sys.exit(1)


@main.command("show")
@_session_arg
@click.option("--study", "study_id", metavar="ID", help="The session must be of this study.")
@pass_state
def show_cmd(state: State, session_id: str, study_id: str | None) -> None:
    """Print a session as a readable transcript, stage by stage.

    ID may be any unique prefix of the session's id. The transcript is in the session's
    language unless --lang is given.

    \b
    Example:
      cjtui show 3f2a
    """
    from .transcript import transcript
    from .workspace import Workspace

    store = state.store(write=False)
    session = store.load(store.resolve(session_id))
    if study_id is not None and session.study != study_id:
        _fail(f"session {session.id[:8]} belongs to study {session.study}, not {study_id}")
    lang = state.lang_given or session.language
    workspace = Workspace(store)
    agreed = None
    if session.consent.text_sha256 and store.studies.exists(session.study):
        agreed = store.study(session.study).consent_texts.get(session.consent.text_sha256)
    click.echo(
        transcript(session, workspace.guide_or_none(session), lang, consent_text=agreed),
        nl=False,
    )


@main.command("delete")
@_session_arg
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--force", is_flag=True, help="Delete it even if another interviewer started it.")
@pass_state
def delete_cmd(state: State, session_id: str, yes: bool, force: bool) -> None:
    """Delete a session for good (for example when a participant asks).

    The deletion is recorded in the study's log (who and when; nothing of the interview).
    In a store shared by a team, a session another interviewer started takes --force.

    \b
    Example:
      cjtui delete 3f2a --yes
      cjtui delete 3f2a --yes --force   # started by a colleague
    """
    from .workspace import Workspace

    store = state.store()
    full = store.resolve(session_id)
    session = store.load(full)
    if not yes:
        alias = clean_text(session.participant.alias) or "—"
        click.confirm(t("delete.confirm", state.lang, id=full[:8], alias=alias), abort=True)
    Workspace(store).delete(full, force=force)
    click.echo(t("delete.done", state.lang, id=full))


# ---- export / import / schema --------------------------------------------------------------


@main.command("export")
@click.argument("session_ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="json: an array (one object for a single ID); jsonl: a session per line; "
    "csv: a row per touchpoint.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="With --format csv: the variant Excel opens directly in Spanish (and most "
    "European) locales: a byte-order mark, ';' between cells.",
)
@click.option(
    "--redact",
    is_flag=True,
    help="A copy fit to share outside the team: aliases replaced by participant codes; "
    "persona free text, interviewer, audit trail and quotes without consent removed.",
)
@filter_options
@output_options
@pass_state
def export_cmd(
    state: State,
    /,
    session_ids: tuple[str, ...],
    fmt: str,
    excel: bool,
    redact: bool,
    study_id: str | None,
    output: Path | None,
    force: bool,
    **kwargs: Any,
) -> None:
    """Export sessions (all of them by default, or one study's, filtered) as JSON, JSON
    Lines or CSV. A CSV cell shows a quote only where the participant agreed to be quoted.

    \b
    Examples:
      cjtui export 3f2a > session.json
      cjtui export --format jsonl -o store.jsonl
      cjtui export --study banco-hipoteca --format csv -o touchpoints.csv
      cjtui export --study banco-hipoteca --redact -o to-share.json
      cjtui export --format csv --excel -o puntos.csv
    """
    if excel and fmt != "csv":
        _fail("--excel goes with --format csv")
    from .exchange import lines_to_json, lines_to_jsonl, redacted, render

    filters = _filters(kwargs)
    store = state.store(write=False)
    if session_ids and (study_id is not None or filters.active):
        _fail("give session IDs, or --study and filters, not both")
    ids: list[str] | None = None  # None: every session
    if session_ids:
        ids = list(dict.fromkeys(store.resolve(p) for p in session_ids))
    elif study_id is not None or filters.active:
        from .workspace import Workspace

        rows, problems = Workspace(store).rows(study_id, filters)
        if problems:
            raise problems[0]
        ids = sorted(r["id"] for r in rows)
    from .progress import Progress

    every = ids if ids is not None else store.ids()
    with Progress("progress.export", state.lang, len(every)) as progress:
        if redact or session_ids:
            sessions = [store.load(i) for i in progress.over(every)]
            if redact:
                sessions = [redacted(s) for s in sessions]
            count = len(sessions)
            text = render(sessions, fmt, single=len(session_ids) == 1, excel=excel)
        elif fmt == "csv":
            # (the table has no use for the audit trails)
            documents = list(progress.over(store.documents(every, events=False)))
            count = len(documents)
            text = render(documents, fmt, excel=excel)
        else:
            lines = list(progress.over(store.exported(every)))
            count = len(lines)
            text = lines_to_json(lines) if fmt == "json" else lines_to_jsonl(lines)
    _emit(text, output, force)
    if output is not None:
        click.echo(t("export.done", state.lang, count=count, path=output), err=True)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--update",
    is_flag=True,
    help="Take sessions continued elsewhere (their audit trail extends the stored one).",
)
@click.option(
    "--keep",
    type=click.Choice(["theirs", "ours"]),
    help="For sessions changed both here and there since they parted: whose to keep.",
)
@click.option("--replace", is_flag=True, help="Overwrite every session whose id is stored.")
@click.option(
    "--guide",
    "guide_paths",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="A custom guide file the sessions were taken with (repeatable).",
)
@click.option(
    "--study",
    "study_id",
    metavar="ID",
    help="Put every session imported in this study (it must exist, on the same guide).",
)
@pass_state
def import_cmd(
    state: State,
    files: tuple[Path, ...],
    update: bool,
    keep: str | None,
    replace: bool,
    guide_paths: tuple[Path, ...],
    study_id: str | None,
) -> None:
    """Import sessions from .json or .jsonl files (or folders of them).

    Every session is checked against the schema and its guide first; if any fails, nothing
    is imported. A session already stored (another store's export, say) is told apart by
    its audit trail: the same, unchanged (skipped); continued elsewhere, its trail
    extending ours (taken with --update); taken on here since (ours kept); or changed on
    both sides (a conflict: neither is overwritten, both are named with what differs, and
    the exit status is 1; --keep theirs or --keep ours decides). --replace overwrites every
    stored one. Each session goes to the study it names, or to --study ID. Files written by
    an earlier cjtui are upgraded; without --study, schema-1 ones go to a study made from
    their guide, named in the output. A NAME.study.json file (cjtui study show ID --json)
    recreates its study.

    \b
    Examples:
      cjtui import store.jsonl
      cjtui import sample_sessions/
      cjtui import --update from-server-b.jsonl
      cjtui import --update --keep theirs from-server-b.jsonl
      cjtui import --study banco-hipoteca old_export.json
      cjtui import --guide my_guide.toml field_notes.json
    """
    from .exchange import IMPORT_CASES
    from .guide import resolve_guide
    from .importing import import_files, lines_in, session_files
    from .progress import Progress

    store = state.store()
    lang = state.lang
    guides = [resolve_guide(str(p)) for p in guide_paths]
    with Progress("progress.import", lang, lines_in(session_files(files))) as progress:
        result = import_files(
            store, files, update=update, keep=keep, replace=replace, guides=guides,
            study_id=study_id, progress=progress.over,
        )  # fmt: skip
    for made, guide in result.made:
        if guide is None:
            click.echo(t("study.made_from_record", lang, id=made), err=True)
        else:
            click.echo(t("study.made_from_guide", lang, id=made, guide=guide), err=True)
    for study, taken in result.absorbed:
        click.echo(t("import.absorbed", lang, study=study, **taken), err=True)
    for session_id, old, new in result.moved:
        click.echo(t("import.moved", lang, id=session_id[:8], old=old, new=new), err=True)
    for session_id, what in result.conflicts:
        click.echo(t("import.conflict", lang, id=session_id[:8], what=", ".join(what)), err=True)
    for session_id in result.newer_there:
        click.echo(t("import.newer_there", lang, id=session_id[:8]), err=True)
    click.echo(t("import.done", lang, written=result.imported, store=result.store))
    if result.cases:
        counts = {case: result.cases.get(case, 0) for case in IMPORT_CASES}
        click.echo(t("import.cases", lang, new=result.new, updated=result.updated, **counts))
    for session_id in result.decided:
        click.echo(t("import.decided_ours", lang, id=session_id[:8]), err=True)
    for session_id, holder in result.open_here:
        click.echo(t("import.open_here", lang, id=session_id[:8], who=holder), err=True)
    if result.incomplete:
        sys.exit(1)


def _given_sessions(
    workspace: Workspace, session_ids: tuple[str, ...], study_id: str | None
) -> tuple[Study, Guide, list[Session]]:
    """The sessions named by id (any unique prefix), their one study and its guide: those
    of several studies, or of another study than --study, are refused."""
    store = workspace.store
    ids = list(dict.fromkeys(store.resolve(p) for p in session_ids))
    sessions = [store.load(i, events=False) for i in ids]
    if len({s.study for s in sessions}) > 1:
        _fail("those sessions belong to different studies; take one study at a time")
    study = workspace.load_study(sessions[0].study)
    if study_id is not None and study.id != study_id:
        _fail(f"those sessions belong to study {study.id}, not {study_id}")
    return study, workspace.study_guide(study), sessions


def _analysis(
    store: Store, study_id: str | None, filters: Any, include_in_progress: bool
) -> tuple[Study, Guide, list[Session]]:
    """The study, its guide and the sessions a report or plot covers (Workspace.analysis:
    the one rule): completed ones (in progress too when asked) of the study given, or of
    the store's only study; several studies and none given stop with the list of them."""
    from .progress import Progress
    from .workspace import Workspace

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


@main.command("plot")
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

    from .curve import curve_data, render_text

    filters = _filters(kwargs)
    store = state.store(write=False)
    from .workspace import Workspace

    workspace = Workspace(store)
    if session_ids:
        if filters.active:
            _fail("give session IDs, or --study and filters, not both")
        study, guide, sessions = _given_sessions(workspace, session_ids, study_id)
    else:
        study, guide, sessions = _analysis(store, study_id, filters, include_in_progress)
        if not sessions:
            _fail(f"no completed sessions in study {study.id} (with these filters)")
    tty = sys.stdout.isatty()
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    lang = state.lang_given or (sessions[0].language if len(sessions) == 1 else state.lang)
    data = curve_data(sessions, guide, lang, by=by, study=study)
    color = tty and not os.environ.get("NO_COLOR")
    click.echo(render_text(data, width=width, height=height, color=color))


@main.command("report")
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
    from .report import RENDERERS, ReportError, build_report

    filters = _filters(kwargs)
    store = state.store(write=False)
    study, guide, sessions = _analysis(store, study_id, filters, include_in_progress)
    from .store import gc_paused

    try:
        with gc_paused():  # thousands of sessions in memory: no collection walks them meanwhile
            if fmt == "xlsx":  # the report's figures laid out as the map's workbook
                from .journey import build_map

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
        _fail(str(exc))
    _emit(RENDERERS[fmt](report), output, force)


@main.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of an exported session.

    \b
    Example:
      cjtui schema > session.schema.json
    """
    from .exchange import schema_text

    click.echo(schema_text(), nl=False)


# ---- guides ---------------------------------------------------------------------------------


@main.group("guides", cls=CjtuiGroup, invoke_without_command=True)
@click.pass_context
def guides_cmd(ctx: click.Context) -> None:
    """List the built-in questionnaire guides, show one, or validate a guide file.

    \b
    Examples:
      cjtui guides
      cjtui guides show full
      cjtui guides validate my_guide.toml
    """
    from .guide import builtin_guides

    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None
    for guide in builtin_guides():
        click.echo(
            f"{guide.id:<9} {guide.version:<5} {len(guide.stages)} {t('guides.stages', state.lang)}"
            f"  {guide.title_text(state.lang)}"
        )


@guides_cmd.command("show")
@click.argument("name_or_path", metavar="NAME|PATH")
@pass_state
def guides_show(state: State, name_or_path: str) -> None:
    """Print a guide (built-in name or file) as a readable outline.

    \b
    Example:
      cjtui --lang es guides show inbound
    """
    from .guide import resolve_guide
    from .transcript import guide_outline

    click.echo(guide_outline(resolve_guide(name_or_path), state.lang), nl=False)


@guides_cmd.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_state
def guides_validate(state: State, paths: tuple[Path, ...]) -> None:
    """Check guide files; print every problem as `file: stage.question: message`.

    Exits 1 if any file has a problem.

    \b
    Example:
      cjtui guides validate my_guide.toml
    """
    from .guide import validate_file

    failed = False
    for path in paths:
        problems = validate_file(path)
        for problem in problems:
            click.echo(_said(problem, state.lang), err=True)
        if problems:
            failed = True
        else:
            click.echo(t("guides.valid", state.lang, path=path))
    if failed:
        sys.exit(1)


__all__ = ["main"]


# ---- studies --------------------------------------------------------------------------------


@main.command("map")
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

    from .journey import MAP_LANES, RENDERERS, build_map
    from .report import ReportError
    from .workspace import Workspace

    chosen = tuple(x.strip() for x in lanes.split(",")) if lanes else MAP_LANES
    unknown = [x for x in chosen if x not in MAP_LANES]
    if unknown:
        _fail(f"--lanes: no lane {unknown[0]!r} (lanes: {', '.join(MAP_LANES)})")
    filters = _filters(kwargs)
    store = state.store(write=False)
    workspace = Workspace(store)
    if session_id is not None:
        if filters.active:
            _fail("give an ID, or --study and filters, not both")
        study, guide, sessions = _given_sessions(workspace, (session_id,), study_id)
        include_in_progress = True
    else:
        study, guide, sessions = _analysis(store, study_id, filters, include_in_progress)
    lang = state.lang_given or (sessions[0].language if len(sessions) == 1 else state.lang)
    from .store import gc_paused

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
        _fail(str(exc))
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


# ---- groups of commands kept in their own modules --------------------------------------------

from .commands.backlog import opportunities_cmd, owners_cmd, processes_cmd  # noqa: E402
from .commands.catalogues import stages_cmd, touchpoints_cmd  # noqa: E402
from .commands.retention import retention_cmd  # noqa: E402
from .commands.studies import study_cmd  # noqa: E402

for _command in (
    study_cmd,
    touchpoints_cmd,
    stages_cmd,
    opportunities_cmd,
    processes_cmd,
    owners_cmd,
    retention_cmd,
):
    main.add_command(_command)
