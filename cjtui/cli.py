"""The `cjtui` command line: thin click commands over the store, guides and exchange modules.

Only the commands that open the interview TUI import Textual, and they do it inside the
command, so `cjtui list` and friends start quickly (tests/test_layering.py checks it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .errors import CjtuiError
from .i18n import detect_language, t
from .plain import EXPORT_FORMATS, LANGUAGES, clean_text

if TYPE_CHECKING:
    from .guide import Guide
    from .model import Session
    from .store import Store

# Commands import what they use inside their bodies: `cjtui --help` loads none of the domain,
# so it starts about as fast as importing click itself (bench/bench_cli.py).
FORMATS = EXPORT_FORMATS


class State:
    """What every command shares: the store path (opened on first use) and the language."""

    def __init__(self, db: Path | None, lang: str | None):
        self.db = db
        self.lang_given = lang
        self.lang = detect_language(lang)
        self._store: Store | None = None

    def store(self, *, write: bool = True) -> Store:
        """The store. A command that only reads (*write* False) creates nothing, and refuses
        a folder that is not a cjtui store without touching it."""
        from .store import Store

        if self._store is None:
            self._store = Store.open(self.db, create=write)
            for warning in self._store.warnings:
                click.echo(f"warning: {warning}", err=True)
        return self._store


def _fail(message: str) -> NoReturn:
    raise click.ClickException(clean_text(message).replace("\n", " "))


def _os_message(exc: OSError) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"


class CjtuiGroup(click.Group):
    """A group whose domain errors end as one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CjtuiError as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(_os_message(exc))


pass_state = click.make_pass_decorator(State)


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """-o/--output and --force, shared by the commands that write a file."""
    func = click.option("--force", is_flag=True, help="Replace the output file if it exists.")(func)
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Write to this file (created 0600) instead of standard output.",
    )(func)


def _emit(text: str, output: Path | None, force: bool) -> None:
    """Print *text*, or write it to *output*: private, atomic, never through a link, and
    never over an existing file without --force."""
    from .fsutil import UnsafePathError, atomic_write

    if output is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write(output, text.encode("utf-8"), overwrite=force)
    except (UnsafePathError, FileExistsError) as exc:
        _fail(f"{output}: {exc.strerror}")


def _session_arg(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("session_id", metavar="ID")(func)


@click.group(
    cls=CjtuiGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    type=click.Path(path_type=Path, file_okay=False),
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
@pass_state
def list_cmd(state: State, as_json: bool) -> None:
    """List the sessions in the store, in progress first, newest change first.

    Each line: id prefix, status, guide, perspective, moment, alias, stages done, last change.

    \b
    Example:
      cjtui list --json
    """
    from . import jsonio
    from .transcript import summary_line
    from .workspace import Workspace

    store = state.store(write=False)
    rows, problems = Workspace(store).summaries()
    if as_json:
        click.echo(jsonio.dumps([row.as_dict() for row in rows]))
    elif not rows and not problems:
        click.echo(t("list.empty", state.lang, store=store.root))
    else:
        click.echo(t("list.header", state.lang))
        for row in rows:
            click.echo(summary_line(row, state.lang))
    if problems:
        for problem in problems:
            click.echo(f"Error: {clean_text(str(problem))}", err=True)
        click.echo("Run `cjtui doctor` to see every problem in the store.", err=True)
        sys.exit(1)


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

    store = state.store()
    problems = store.doctor(repair=repair, importable=schema_problem)
    for path in store.cleaned or []:
        click.echo(clean_text(f"{path}: left by an interrupted write -> cleaned up"))
    for problem in problems:
        click.echo(clean_text(problem.line()))
    left = [p for p in problems if not p.repaired]
    sessions = len(store.ids())
    click.echo(
        f"{sessions} sessions readable; {len(problems)} problems found"
        + (f"; {len(store.cleaned)} leftovers cleaned up" if store.cleaned else "")
        + (f", {len(problems) - len(left)} repaired" if repair else "")
        + (
            f" (run `cjtui doctor --repair` to fix {sum(p.repairable for p in left)})"
            if not repair and any(p.repairable for p in left)
            else ""
        )
    )
    if left:
        sys.exit(1)


@main.command("show")
@_session_arg
@pass_state
def show_cmd(state: State, session_id: str) -> None:
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
    lang = state.lang_given or session.language
    click.echo(transcript(session, Workspace(store).guide_or_none(session), lang), nl=False)


@main.command("delete")
@_session_arg
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_state
def delete_cmd(state: State, session_id: str, yes: bool) -> None:
    """Delete a session for good (for example when a participant asks).

    \b
    Example:
      cjtui delete 3f2a --yes
    """
    store = state.store()
    full = store.resolve(session_id)
    session = store.load(full)
    if not yes:
        alias = clean_text(session.participant.alias) or "—"
        click.confirm(t("delete.confirm", state.lang, id=full[:8], alias=alias), abort=True)
    store.delete(full)
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
@output_options
@pass_state
def export_cmd(
    state: State,
    session_ids: tuple[str, ...],
    fmt: str,
    excel: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Export sessions (all of them by default) as JSON, JSON Lines or CSV.

    \b
    Examples:
      cjtui export 3f2a > session.json
      cjtui export --format jsonl -o study.jsonl
      cjtui export --format csv -o touchpoints.csv
      cjtui export --format csv --excel -o puntos.csv
    """
    if excel and fmt != "csv":
        _fail("--excel goes with --format csv")
    from .exchange import lines_to_json, lines_to_jsonl, render

    store = state.store(write=False)
    if session_ids:
        ids = list(dict.fromkeys(store.resolve(p) for p in session_ids))
        sessions = [store.load(i) for i in ids]
        count = len(sessions)
        text = render(sessions, fmt, single=len(session_ids) == 1, excel=excel)
    elif fmt == "csv":
        documents = list(store.documents(events=False))  # the table has no use for them
        count = len(documents)
        text = render(documents, fmt, excel=excel)
    else:
        lines = list(store.exported())
        count = len(lines)
        text = lines_to_json(lines) if fmt == "json" else lines_to_jsonl(lines)
    _emit(text, output, force)
    if output is not None:
        click.echo(t("export.done", state.lang, count=count, path=output), err=True)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True))
@click.option("--replace", is_flag=True, help="Overwrite sessions whose id is already stored.")
@click.option(
    "--guide",
    "guide_paths",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="A custom guide file the sessions were taken with (repeatable).",
)
@pass_state
def import_cmd(
    state: State, files: tuple[Path, ...], replace: bool, guide_paths: tuple[Path, ...]
) -> None:
    """Import sessions from .json or .jsonl files (or folders of them).

    Every session is checked against the schema and its guide first; if any fails, nothing
    is imported. Sessions already stored are skipped unless --replace is given.

    \b
    Examples:
      cjtui import study.jsonl
      cjtui import sample_sessions/
      cjtui import --guide my_guide.toml field_notes.json
    """
    from .exchange import ImportFileError, checked_sessions
    from .guide import resolve_guide
    from .workspace import Workspace

    store = state.store()
    extra = [resolve_guide(str(p)) for p in guide_paths]

    def guide_for(session: Session) -> Guide:
        # A guide is its content: a session goes with the file it was taken with (the same
        # sha256), never with another file that merely has the same id.
        for guide in extra:
            if guide.sha256 == session.guide.sha256:
                return guide
        for guide in extra:
            if guide.id == session.guide.id:
                ref = session.guide
                raise ImportFileError(
                    f"session {session.id[:8]} was taken with guide {ref.id} {ref.version} "
                    f"(sha256 {ref.sha256[:12]}…), not with the file given ({guide.id} "
                    f"{guide.version}, sha256 {guide.sha256[:12]}…)"
                )
        exact = store.exact_guide(session)
        if exact is None:
            ref = session.guide
            raise ImportFileError(
                f"session {session.id[:8]} was taken with guide {ref.id} {ref.version} "
                f"(sha256 {ref.sha256[:12]}…), which this store does not have: give that "
                "file with --guide"
            )
        return exact

    paths: list[Path] = []
    for f in files:
        if f.is_dir() and not f.is_symlink():
            found = sorted(p for p in f.iterdir() if p.suffix in (".json", ".jsonl"))
            if not found:
                _fail(f"{f}: no .json or .jsonl files in this folder")
            paths.extend(found)
        else:
            paths.append(f)
    from .transcript import SUMMARY_VERSION, summary_values

    workspace = Workspace(store)
    # One pass: each session is checked and staged as it is read; the first problem undoes
    # every staged one, so nothing is imported unless everything is.
    written, skipped = store.save_many(
        checked_sessions(paths, guide_for),
        replace=replace,
        summarize=(lambda s: summary_values(s, workspace.guide_or_none(s)), SUMMARY_VERSION),
    )
    for guide in extra:
        store.keep_guide(guide)
    for session_id in skipped:
        click.echo(t("import.skipped", state.lang, id=session_id), err=True)
    click.echo(t("import.done", state.lang, written=len(written), store=store.root))


def _study(
    store: Store, guide_name: str | None, include_in_progress: bool
) -> tuple[Guide, list[Session]]:
    """The guide and the sessions a report or plot covers (Workspace.study's one rule):
    completed ones (in-progress too when asked) of the guide named, or of the one guide in
    the store."""
    from .guide import resolve_guide
    from .workspace import Workspace

    given = resolve_guide(guide_name) if guide_name is not None else None
    _, guide, sessions = Workspace(store).study(
        given, include_in_progress=include_in_progress, strict=True
    )
    assert guide is not None  # strict: a guide was given, or found, or StoreError said why
    return guide, sessions


@main.command("plot")
@click.argument("session_ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--by",
    type=click.Choice(["session", "perspective", "moment", "all"]),
    default="session",
    show_default=True,
    help="One line per session, or the mean line of each perspective, moment, or of all.",
)
@click.option("--guide", "guide_name", metavar="NAME|PATH", help="Plot the sessions of this guide.")
@click.option(
    "--include-in-progress", is_flag=True, help="With --guide: count unfinished sessions."
)
@click.option("--width", type=click.IntRange(40, 400), help="Columns (default: the terminal's).")
@click.option("--height", type=click.IntRange(10, 200), default=22, show_default=True)
@pass_state
def plot_cmd(
    state: State,
    session_ids: tuple[str, ...],
    by: str,
    guide_name: str | None,
    include_in_progress: bool,
    width: int | None,
    height: int,
) -> None:
    """Draw emotion curves: positive above the axis, neutral on it, negative below.

    Give session IDs, or --guide to take that guide's completed sessions. Several sessions
    share one journey axis (touchpoints matched by name) with a legend; --by perspective
    compares staff's belief with customers (the perception gap), --by moment before with
    after, each as a mean line with its min-max band. Pains are marked with a cross.
    Output to a pipe or file is plain text without colour.

    \b
    Examples:
      cjtui plot 3f2a
      cjtui plot --guide inbound --by perspective
      cjtui plot 3f2a 7c1d --width 100 > curves.txt
    """
    import shutil

    from .curve import curve_data, render_text

    store = state.store(write=False)
    if session_ids:
        ids = list(dict.fromkeys(store.resolve(p) for p in session_ids))
        sessions = [store.load(i, events=False) for i in ids]
        if len({s.guide.id for s in sessions}) > 1:
            _fail("those sessions use different guides; plot one guide at a time")
        from .guide import resolve_guide
        from .workspace import Workspace

        # The sessions share one guide (checked above): the one they were taken with.
        guide = (
            resolve_guide(guide_name)
            if guide_name is not None
            else Workspace(store).guide_or_none(sessions[0]) or resolve_guide(sessions[0].guide.id)
        )
    elif guide_name is not None:
        guide, sessions = _study(store, guide_name, include_in_progress)
        if not sessions:
            _fail(f"no completed sessions of guide {guide.id!r} in {store.root}")
    else:
        _fail("give session IDs, or --guide NAME to plot a guide's sessions")
    tty = sys.stdout.isatty()
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    lang = state.lang_given or (sessions[0].language if len(sessions) == 1 else state.lang)
    data = curve_data(sessions, guide, lang, by=by)
    color = tty and not os.environ.get("NO_COLOR")
    click.echo(render_text(data, width=width, height=height, color=color))


@main.command("report")
@click.option("--guide", "guide_name", metavar="NAME|PATH", help="The guide to report on.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
    help="html is one self-contained file to open or attach to a mail.",
)
@output_options
@click.option("--include-in-progress", is_flag=True, help="Count unfinished sessions too.")
@pass_state
def report_cmd(
    state: State,
    guide_name: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    include_in_progress: bool,
) -> None:
    """Analyse every completed session of one guide: the journey map of a study.

    Per stage and per touchpoint (matched across sessions by name): ratings, mean, median and
    share negative; the moments of truth; the perception gap (internal minus customers);
    before/after change; owners and processes ranked by the pains behind them; every
    improvement opportunity; and the mean curve. The JSON shape is documented in the README.

    \b
    Examples:
      cjtui report --guide inbound
      cjtui report --guide full --format html -o study.html
      cjtui report --format json | jq '.moments_of_truth[0]'
    """
    from .report import RENDERERS, ReportError, build_report

    store = state.store(write=False)
    guide, sessions = _study(store, guide_name, include_in_progress)
    try:
        report = build_report(sessions, guide, state.lang, include_in_progress=include_in_progress)
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
            click.echo(clean_text(problem), err=True)
        if problems:
            failed = True
        else:
            click.echo(t("guides.valid", state.lang, path=path))
    if failed:
        sys.exit(1)


__all__ = ["main"]
