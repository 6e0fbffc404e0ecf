"""The `cjtui` command line: thin click commands over the store, guides and exchange modules.

Only the commands that open the interview TUI import Textual, and they do it inside the
command, so `cjtui list` and friends start quickly (tests/test_layering.py checks it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ... import __version__
from ...base.errors import CjtuiError, Msg
from ...base.i18n import plural, t
from ...base.plain import LANGUAGES, clean_text
from .util import (
    CjtuiGroup,
    State,
    _fail,
    _filters,
    _said,
    _session_arg,
    confirm,
    filter_options,
    pass_state,
    version_option,
)

if TYPE_CHECKING:
    from ...services.setup import Checkup


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
@version_option(__version__)
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
        from ...domain.guide import resolve_guide

        guides = [resolve_guide(g) for g in guide_paths]
    if resume is not None:
        resume = store.resolve(resume)
        store.load(resume)  # a corrupt or unreadable session fails here, before the screen opens
        holder = store.holder(resume)
        if holder is not None:
            _fail(Msg("session {0} is open for editing by {1}", resume[:8], holder))
    from ..runapp import run_app

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
    from ...analysis.transcript import summary_lines
    from ...base import jsonio
    from ...services.workspace import Workspace

    filters = _filters(kwargs)
    store = state.store(write=False)
    rows, problems = Workspace(store).rows(study_id, filters)
    if as_json:
        click.echo(jsonio.dumps([row.as_dict() for row in rows]))
    elif not rows and not problems and study_id is not None:
        click.echo(t("list.empty_study", state.lang, study=study_id))
    elif not rows and not problems:
        click.echo(t("list.empty", state.lang, store=store.root))
    else:
        lines = [t("list.header", state.lang)]
        lines += summary_lines(rows, state.lang)
        click.echo("\n".join(lines))
    if problems:
        for problem in problems:
            click.echo(f"Error: {_said(problem, state.lang)}", err=True)
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
    from ...services.setup import init_store

    store = init_store(state.db, group)
    key = "init.private" if group is None else "init.shared"
    click.echo(t(key, state.lang, path=store.root, group=group))


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
    from ...services.setup import check_store, planted
    from .progress import Progress

    # Without --repair doctor only reads: it works on a read-only store (a backup) too.
    try:
        store = state.store(write=repair, check=False)
    except CjtuiError:  # it cannot be opened at all: what is planted in it, then why
        for line in planted(state.db):
            click.echo(_said(line, state.lang))
        raise
    with Progress("progress.doctor", state.lang, len(store.ids())) as progress:
        checkup = check_store(store, repair=repair, progress=progress)
    _say_checkup(checkup, state.lang)
    if checkup.left:
        sys.exit(1)


def _say_checkup(checkup: Checkup, lang: str) -> None:
    """What doctor found: each file cleaned and each problem, studies past their keeping
    day (on stderr: a warning, not a fault), and the count."""
    for path in checkup.cleaned:
        click.echo(clean_text(f"{path}: {t('doctor.cleaned', lang)}"))
    for problem in checkup.problems:
        click.echo(_said(problem.line(), lang))
    for study, past in checkup.expired:
        until = study.retain_until or ""
        click.echo(t("doctor.retention", lang, id=study.id, until=until, days=past), err=True)
    summary = t(
        "doctor.summary",
        lang,
        sessions=plural("doctor.readable", checkup.sessions, lang),
        problems=plural("doctor.problems", len(checkup.problems), lang),
    )
    if checkup.cleaned:
        summary += plural("doctor.leftovers", len(checkup.cleaned), lang)
    if checkup.repair:
        summary += plural("doctor.repaired", checkup.repaired, lang)
    elif checkup.repairable:
        summary += t("doctor.run_repair", lang, n=checkup.repairable)
    click.echo(summary)


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
    from ...analysis.transcript import transcript
    from ...services.workspace import Workspace

    store = state.store(write=False)
    session = store.load(store.resolve(session_id))
    if study_id is not None and session.study != study_id:
        _fail(
            Msg(
                "session {0} belongs to study {1}, not {2}", session.id[:8], session.study, study_id
            )
        )
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
    from ...services.workspace import Workspace

    store = state.store()
    full = store.resolve(session_id)
    session = store.load(full)
    Workspace(store).deletable(session, force=force)  # refused before being asked
    if not yes:
        alias = clean_text(session.participant.alias) or "—"
        confirm(t("delete.confirm", state.lang, id=full[:8], alias=alias), state.lang)
    Workspace(store).delete(full, force=force)
    click.echo(t("delete.done", state.lang, id=full))


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
    from ...domain.guide import builtin_guides

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
    from ...analysis.transcript import guide_outline
    from ...domain.guide import resolve_guide

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
    from ...domain.guide import validate_file

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


# ---- groups of commands kept in their own modules --------------------------------------------

from .commands.analysis import map_cmd, plot_cmd, report_cmd  # noqa: E402
from .commands.backlog import opportunities_cmd, owners_cmd, processes_cmd  # noqa: E402
from .commands.catalogues import stages_cmd, touchpoints_cmd  # noqa: E402
from .commands.exchange import export_cmd, import_cmd, schema_cmd  # noqa: E402
from .commands.retention import retention_cmd  # noqa: E402
from .commands.studies import study_cmd  # noqa: E402

for _command in (
    export_cmd,
    import_cmd,
    schema_cmd,
    plot_cmd,
    report_cmd,
    map_cmd,
    study_cmd,
    touchpoints_cmd,
    stages_cmd,
    opportunities_cmd,
    processes_cmd,
    owners_cmd,
    retention_cmd,
):
    main.add_command(_command)
