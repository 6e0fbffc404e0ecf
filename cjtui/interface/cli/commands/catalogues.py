"""`cjtui touchpoints` and `cjtui stages`: a study's catalogues, and merging what names one
thing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from ....base.errors import Msg
from ....base.i18n import t
from ....base.plain import clean_text
from ..util import (
    CjtuiGroup,
    State,
    _catalogue_options,
    _fail,
    _merge_arguments,
    _merge_in,
    _merge_study,
    _study_sessions,
)

if TYPE_CHECKING:
    from ....domain.model import Session
    from ....domain.study import Study


# ---- touchpoints ------------------------------------------------------------------------------


@click.group("touchpoints", cls=CjtuiGroup, invoke_without_command=True)
@_catalogue_options
def touchpoints_cmd(ctx: click.Context, study_id: str | None, as_json: bool) -> None:
    """A study's touchpoint catalogue: each key, the names typed for it, its stage and how
    many mentions. Interviews meet on a key; `merge` unifies keys that name one touchpoint.

    \b
    Examples:
      cjtui touchpoints --study banco-hipoteca
      cjtui touchpoints merge --study banco-hipoteca llamada-al-centro-de-atencion \\
        llamada-al-call-center
    """
    if ctx.invoked_subcommand is not None:
        return
    from ....analysis.catalogue import catalogue
    from ....base import jsonio
    from ....base.plain import fit_cells

    study, sessions = _study_sessions(ctx, study_id, write=False)
    entries = catalogue(sessions, study)
    if as_json:
        click.echo(jsonio.dumps([e.to_dict() for e in entries]))
        return
    lang = ctx.obj.lang
    head = [t(f"catalogue.col.{c}", lang) for c in ("key", "stage", "mentions", "names")]
    click.echo(f"{head[0]:<32}  {head[1]:<14}  {head[2]:>8}  {head[3]}")
    for entry in entries:
        row = entry.to_dict()
        names = " | ".join(str(n) for n in row["names"])  # type: ignore[attr-defined]
        merged = f"  (merged: {', '.join(entry.merged)})" if entry.merged else ""
        click.echo(
            clean_text(
                f"{fit_cells(entry.key, 32)}  {fit_cells(str(row['stage']), 14)}  "
                f"{entry.mentions:>8}  {names}{merged}"
            )
        )


@touchpoints_cmd.command("merge")
@_merge_arguments
def touchpoints_merge(
    ctx: click.Context, keep: str, others: tuple[str, ...], study_here: str | None
) -> None:
    """Count the touchpoints keyed OTHER... as KEEP in every curve, report and export of
    the study. The sessions keep what was typed; the merge is recorded in the study.

    \b
    Example:
      cjtui touchpoints merge --study banco-hipoteca llamada-al-centro-de-atencion \\
        llamada-al-call-center call-to-the-contact-centre
    """
    from ....analysis.catalogue import catalogue

    state: State = ctx.obj
    study, sessions = _study_sessions(ctx, _merge_study(ctx, study_here))
    known = {e.key for e in catalogue(sessions, study)} | set(study.merges)
    unknown = [k for k in (keep, *others) if study.canonical_key(k) not in known]
    if unknown:
        _fail(
            Msg("no touchpoint {0} in study {1}: see cjtui touchpoints", repr(unknown[0]), study.id)
        )
    merged = _merge_in(state.store(), study, lambda s: s.merge(keep, list(others)))
    click.echo(t("touchpoints.merged", state.lang, study=study.id, n=len(merged), keep=keep))


@click.group("stages", cls=CjtuiGroup, invoke_without_command=True)
@_catalogue_options
def stages_cmd(ctx: click.Context, study_id: str | None, as_json: bool) -> None:
    """The stages participants added in a study's interviews (the ones the guide lacks):
    each key, the names given it, how many added it. Interviews meet on a key; `merge`
    counts stages named otherwise ("La tasación", "Tasación de la vivienda") as one.

    \b
    Examples:
      cjtui stages --study banco-hipoteca
      cjtui stages merge --study banco-hipoteca added_tasacion_de_la_vivienda added_la_tasacion
    """
    if ctx.invoked_subcommand is not None:
        return
    from ....base import jsonio
    from ....base.plain import fit_cells

    study, sessions = _study_sessions(ctx, study_id, write=False)
    rows = _added_stages(study, sessions)
    if as_json:
        click.echo(jsonio.dumps(rows))
        return
    lang = ctx.obj.lang
    head = [t(f"catalogue.col.{c}", lang) for c in ("key", "added_by", "names")]
    click.echo(f"{head[0]:<36}  {head[1]:>8}  {head[2]}")
    for row in rows:
        said = t("catalogue.merged", lang, names=", ".join(row["merged"]))
        merged = f"  ({said})" if row["merged"] else ""
        names = " | ".join(row["names"])
        click.echo(
            clean_text(f"{fit_cells(row['key'], 36)}  {row['added_by']:>8}  {names}{merged}")
        )


def _added_stages(study: Study, sessions: list[Session]) -> list[dict[str, Any]]:
    """Each stage participants added, after the study's merges: its key, the names given
    it, the keys merged into it and how many interviews added it."""
    found: dict[str, dict[str, Any]] = {}
    for session in sessions:
        for record in session.stages:
            if not record.added:
                continue
            key = study.canonical_stage(record.key)
            row = found.setdefault(key, {"key": key, "names": [], "merged": [], "added_by": 0})
            row["added_by"] += 1
            if record.title not in row["names"]:
                row["names"].append(record.title)
            if record.key != key and record.key not in row["merged"]:
                row["merged"].append(record.key)
    return sorted(found.values(), key=lambda r: (-r["added_by"], r["key"]))


@stages_cmd.command("merge")
@_merge_arguments
def stages_merge(
    ctx: click.Context, keep: str, others: tuple[str, ...], study_here: str | None
) -> None:
    """Count the added stages keyed OTHER... as KEEP (and named as KEEP is) in every curve,
    report and map of the study. The sessions keep what was typed; the merge is recorded
    in the study.

    \b
    Example:
      cjtui stages merge --study banco-hipoteca added_tasacion_de_la_vivienda added_la_tasacion
    """

    state: State = ctx.obj
    study, sessions = _study_sessions(ctx, _merge_study(ctx, study_here))
    known = {r.key for s in sessions for r in s.stages if r.added}
    unknown = [k for k in (keep, *others) if k not in known]
    if unknown:
        _fail(Msg("no added stage {0} in study {1}: see cjtui stages", repr(unknown[0]), study.id))
    merged = _merge_in(state.store(), study, lambda s: s.merge_stages(keep, list(others)))
    click.echo(t("stages.merged", state.lang, study=study.id, n=len(merged), keep=keep))


# ---- the journey map --------------------------------------------------------------------------
