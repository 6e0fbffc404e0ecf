"""`cjtui export`, `import` and `schema`: sessions out of and into a store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ....base.errors import Msg
from ....base.i18n import plural, t
from ..util import (
    FORMATS,
    State,
    _emit,
    _fail,
    _filters,
    filter_options,
    output_options,
    pass_state,
)

if TYPE_CHECKING:
    pass


# ---- export / import / schema --------------------------------------------------------------


@click.command("export")
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
    from ....services.exporting import export_ids, export_text
    from ..progress import Progress

    if excel and fmt != "csv":
        _fail(Msg("--excel goes with --format csv"))
    store = state.store(write=False)
    ids = export_ids(store, session_ids, study_id, _filters(kwargs))
    with Progress("progress.export", state.lang, len(ids)) as progress:
        done = export_text(
            store, ids, fmt, named=len(session_ids), redact=redact, excel=excel, over=progress.over
        )
    _emit(done.text, output, force)
    if output is not None:
        click.echo(t("export.done", state.lang, count=done.count, path=output), err=True)


@click.command("import")
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
    from ....domain.guide import resolve_guide
    from ....exchange import IMPORT_CASES
    from ....services.importing import import_files, lines_in, session_files
    from ..progress import Progress

    store = state.store()
    lang = state.lang
    guides = [resolve_guide(str(p)) for p in guide_paths]
    with Progress("progress.import", lang) as progress:
        if progress.on:  # counted only for a terminal: a piped import reads each file once
            progress.total = lines_in(session_files(files))
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
    click.echo(plural("import.done", result.imported, lang, store=result.store))
    if result.cases:
        counts = {case: result.cases.get(case, 0) for case in IMPORT_CASES}
        click.echo(t("import.cases", lang, new=result.new, updated=result.updated, **counts))
    for session_id in result.decided:
        click.echo(t("import.decided_ours", lang, id=session_id[:8]), err=True)
    for session_id, holder in result.open_here:
        click.echo(t("import.open_here", lang, id=session_id[:8], who=holder), err=True)
    if result.incomplete:
        sys.exit(1)


@click.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of an exported session.

    \b
    Example:
      cjtui schema > session.schema.json
    """
    from ....exchange import schema_text

    click.echo(schema_text(), nl=False)
