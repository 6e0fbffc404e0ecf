"""`cjtui retention`: a study's data past the day it is kept until, listed and deleted."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ....base.i18n import t

if TYPE_CHECKING:
    from ....domain.study import Study

from ..util import State, _said, confirm, pass_state


@click.command("retention")
@click.option("--study", "study_id", metavar="ID", required=True, help="The study.")
@click.option("--delete", "delete", is_flag=True, help="Delete the sessions past the date.")
@click.option("--yes", is_flag=True, help="Do not ask before deleting.")
@pass_state
def retention_cmd(state: State, study_id: str, delete: bool, yes: bool) -> None:
    """Say whether a study's data is past the day it is kept until (its retention date, read
    to every participant), list its sessions when it is, and with --delete delete them for
    good, each deletion recorded in the study's log as deletions are (for retention).

    \b
    Examples:
      cjtui retention --study banco-hipoteca
      cjtui retention --study banco-hipoteca --delete
    """
    from ....analysis.transcript import summary_lines
    from ....base.i18n import number, plural
    from ....services.workspace import Workspace

    lang = state.lang
    workspace = Workspace(state.store(write=delete))
    study, past, rows = workspace.past_retention(study_id)
    if not study.retain_until:
        click.echo(t("retention.none", lang, id=study.id))
        return
    if past is None:
        click.echo(
            t("retention.not_past", lang, id=study.id, until=long_date(study.retain_until, lang))
        )
        return
    click.echo(
        plural("retention.past", len(rows), lang, id=study.id, days=number(past, lang),
               until=long_date(study.retain_until, lang))
    )  # fmt: skip
    if not rows:
        return
    click.echo("\n".join([t("list.header", lang), *summary_lines(rows, lang)]))
    if not delete:
        click.echo(t("retention.hint", lang, id=study.id))
        return
    if not yes:
        confirm(plural("retention.confirm", len(rows), lang, id=study.id), lang)
    deleted, left = workspace.delete_past_retention(study_id)
    click.echo(plural("retention.deleted", len(deleted), lang, id=study.id))
    for session_id, why in left:
        click.echo(t("retention.left", lang, id=session_id[:8], why=_said(why, lang)), err=True)
    if left:
        sys.exit(1)


def _retention_shown(study: Study, lang: str) -> str:
    """The study's retention date, and how long ago it passed when it has."""
    from ....base.i18n import number, spoken_date
    from ....domain.model import now_iso

    if not study.retain_until:
        return "—"
    past = study.days_past_retention(now_iso())
    until = spoken_date(study.retain_until, lang)
    if past is None:
        return until
    days = number(past, lang)
    return t("retention.show", lang, until=until, days=days, id=study.id)


def long_date(day: str, lang: str) -> str:
    """A day as said aloud: "31 de diciembre de 2027", "31 December 2027"."""
    from ....base.i18n import spoken_date

    return spoken_date(day, lang)
