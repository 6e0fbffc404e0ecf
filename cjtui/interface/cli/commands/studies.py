"""`cjtui study`: make, list, show, edit and close studies."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ....base.errors import Msg
from ....base.i18n import field_label, spoken_time, t
from ....base.plain import LANGUAGES, clean_text
from ..util import (
    CjtuiGroup,
    State,
    _emit,
    _fail,
    output_options,
    pass_state,
)
from .retention import _retention_shown

if TYPE_CHECKING:
    pass


@click.group("study", cls=CjtuiGroup, invoke_without_command=True)
@click.pass_context
def study_cmd(ctx: click.Context) -> None:
    """Studies: a journey of one organisation mapped with one guide (staff first, then
    customers, before and after). Every session belongs to one; analysis never mixes two.

    With no subcommand, lists them.

    \b
    Examples:
      cjtui study new banco-hipoteca --guide inbound --title "Banco X · hipoteca"
      cjtui study list
      cjtui study show banco-hipoteca
      cjtui study close banco-hipoteca
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(study_list)


@study_cmd.command("new")
@click.argument("study_id", metavar="ID")
@click.option("--guide", "guide_name", required=True, metavar="NAME|PATH", help="Its guide.")
@click.option("--title", default="", help="What the study is called (default: its id).")
@click.option("--subject", default="", help='The organisation and journey: "Banco X · hipoteca".')
@click.option("--controller", default="", help="Who is responsible for the data.")
@click.option("--contact", default="", help="How participants reach them.")
@click.option("--retain-until", metavar="DATE", help="Data is kept until this day (YYYY-MM-DD).")
@click.option(
    "--recording",
    type=click.Choice(["none", "audio", "video"]),
    help="Whether interviews are recorded (said in the consent text).",
)
@click.option("--recipients", default="", help="Who receives the results (a client, say).")
@click.option("--legal-basis", default="", help="The legal basis for processing the data.")
@click.option("--authority", default="", help="The supervisory authority one may complain to.")
@click.option(
    "--language", "languages", multiple=True, type=click.Choice(LANGUAGES), help="Repeatable."
)
@pass_state
def study_new(
    state: State,
    study_id: str,
    guide_name: str,
    title: str,
    subject: str,
    controller: str,
    contact: str,
    retain_until: str | None,
    recording: str | None,
    recipients: str,
    legal_basis: str,
    authority: str,
    languages: tuple[str, ...],
) -> None:
    """Make a study: its id (a short slug), its guide (pinned by its sha256) and who
    answers for its data. The guide's consent text may name {controller}, {contact},
    {retain_until}, {recording}, {recipients}, {legal_basis} and {authority}: they are
    filled from here, and what the study does not say is flagged before it is read.

    \b
    Example:
      cjtui study new banco-hipoteca --guide inbound --title "Hipoteca 2026" \\
        --subject "Banco X" --controller "Banco X, DPO" \\
        --contact dpo@bancox.example --retain-until 2027-12-31 --recording audio \\
        --recipients "Banco X's customer team" \\
        --legal-basis "your consent (art. 6.1.a GDPR)" \\
        --authority "the Spanish Data Protection Agency (AEPD, aepd.es)" --language es
    """
    from ....domain.guide import resolve_guide
    from ....domain.study import new_study

    guide = resolve_guide(guide_name)
    study = new_study(
        study_id,
        guide.ref,
        title=title,
        subject=subject,
        languages=list(languages) or [lang for lang in LANGUAGES if lang in guide.languages],
        controller=controller,
        contact=contact,
        retain_until=retain_until,
        recording=recording or "",
        recipients=recipients,
        legal_basis=legal_basis,
        authority=authority,
    )
    store = state.store()
    store.keep_guide(guide)
    store.save_study(study, new=True)
    click.echo(
        t("study.made", state.lang, id=study.id, title=clean_text(study.title), guide=guide.id)
    )


@study_cmd.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@pass_state
def study_list(state: State, as_json: bool) -> None:
    """List the studies: id, status, sessions, guide, title.

    \b
    Example:
      cjtui study list
    """
    from ....base import jsonio
    from ....base.plain import fit_cells
    from ....services.workspace import Workspace

    studies = Workspace(state.store(write=False)).study_overview()
    if as_json:
        click.echo(
            jsonio.dumps(
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "status": s.status,
                        "guide": s.guide.id,
                        "sessions": n,
                    }
                    for s, n in studies
                ]
            )
        )
        return
    if not studies:
        click.echo(t("study.none", state.lang))
        return
    lang = state.lang
    head = [t(f"study.col.{c}", lang) for c in ("id", "status", "sessions", "guide", "title")]
    click.echo(
        f"{fit_cells(head[0], 20)}  {fit_cells(head[1], 8)}  {head[2]:>10}  "
        f"{fit_cells(head[3], 10)}  {head[4]}"
    )
    for s, n in studies:
        click.echo(
            f"{fit_cells(s.id, 20)}  {fit_cells(t(f'study.status.{s.status}', lang), 8)}  "
            f"{n:>10}  {fit_cells(clean_text(s.guide.id), 10)}  {clean_text(s.title)}"
        )


@study_cmd.command("show")
@click.argument("study_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="The study's record, as import reads it.")
@output_options
@pass_state
def study_show(
    state: State, study_id: str, as_json: bool, output: Path | None, force: bool
) -> None:
    """Show a study: what it maps, its guide, who answers for the data, its consent texts
    and merged touchpoints, and its log. --json prints the record (save it as
    NAME.study.json beside exported sessions and import recreates the study); with -o it
    is written to a private file (0600), as exports are: it holds the consent texts read
    and the deletion log.

    \b
    Examples:
      cjtui study show banco-hipoteca
      cjtui study show banco-hipoteca --json -o banco-hipoteca.study.json
    """
    from ....base import jsonio

    if output is not None and not as_json:
        _fail(Msg("-o writes the study's record: give --json too"))
    study = state.store(write=False).study(study_id)
    if as_json:
        _emit(jsonio.dumps(study.to_dict()) + "\n", output, force)
        return
    lang = state.lang
    lines = [
        ("id", study.id),
        ("title", study.title),
        ("subject", study.subject or "—"),
        ("guide", f"{study.guide.id} {study.guide.version} (sha256 {study.guide.sha256[:12]}…)"),
        ("languages", ", ".join(study.languages)),
        ("controller", study.controller or "—"),
        ("contact", study.contact or "—"),
        ("retain_until", _retention_shown(study, lang)),
        ("recording", t(f"study.recording.{study.recording}", lang) if study.recording else "—"),
        ("recipients", study.recipients or "—"),
        ("legal_basis", study.legal_basis or "—"),
        ("authority", study.authority or "—"),
        ("status", t(f"study.status.{study.status}", lang)),
        ("created", spoken_time(study.created_at, lang)),
        ("consent_texts", str(len(study.consent_texts))),
        ("merges", str(len(study.merges))),
    ]
    for name, value in lines:
        label = t(f"study.field.{name}", lang) + ":"
        click.echo(f"{label.ljust(max(24, len(label) + 1))}{clean_text(value)}")
    for entry in study.log[-20:]:
        when = spoken_time(str(entry.get("at", "")), lang)
        said = " ".join(clean_text(f"{when}: {_logged(entry, lang)}").split())
        click.echo(f"  {said}")


def _logged(entry: dict[str, Any], lang: str) -> str:
    """One entry of a study's log in words (a kind this cjtui does not know: its fields)."""
    kind = entry.get("kind", "")
    if kind == "backlog":
        kind = f"backlog.{entry.get('action', '')}"
    key = f"study.log.{kind}"
    values = {
        k: (
            ", ".join(field_label(str(x), lang) if k == "fields" else str(x) for x in v)
            if isinstance(v, list)
            else str(v)
        )
        for k, v in entry.items()
        if k not in ("at", "kind", "action")
    }
    values.setdefault("by", "—")
    raw = " ".join([str(entry.get("kind", "")), *(f"{k}={v}" for k, v in values.items())])
    try:
        said = t(key, lang, **values)
    except (KeyError, IndexError):  # an entry without the fields its words need
        return raw
    return raw if said == key else said


@study_cmd.command("edit")
@click.argument("study_id", metavar="ID")
@click.option("--title")
@click.option("--subject")
@click.option("--controller")
@click.option("--contact")
@click.option("--retain-until", metavar="DATE")
@click.option("--recording", type=click.Choice(["none", "audio", "video"]))
@click.option("--recipients")
@click.option("--legal-basis")
@click.option("--authority")
@click.option("--status", type=click.Choice(["open", "closed"]))
@click.option(
    "--thin-below",
    type=click.IntRange(1, 1000),
    metavar="N",
    help="Mark figures resting on fewer than N people as thin evidence (default 3).",
)
@pass_state
def study_edit(state: State, /, study_id: str, **changes: Any) -> None:
    """Change a study's title, subject, controller, contact, retention date, what its
    consent text says (recording, recipients, legal basis, authority), status or
    thin-evidence threshold. Its guide cannot change: a study is one questionnaire.

    \b
    Examples:
      cjtui study edit banco-hipoteca --retain-until 2028-06-30
      cjtui study edit banco-hipoteca --thin-below 5
    """
    given = {k: v for k, v in changes.items() if v is not None}
    if not given:
        _fail(Msg("nothing to change: give --title, --subject, --controller, --contact, "
              "--retain-until, --recording, --recipients, --legal-basis, --authority, "
              "--status or --thin-below"))  # fmt: skip

    if "retain_until" in given:  # said of the option given, before the study is read
        from datetime import date

        try:
            date.fromisoformat(given["retain_until"])
        except ValueError:
            _fail(Msg("--{0} {1} is not a date (YYYY-MM-DD)", "retain-until",
                      repr(given["retain_until"])))  # fmt: skip

    def change(study: Any) -> None:
        for name, value in given.items():
            setattr(study, name, value)
        study.check()
        study.record("edited", fields=sorted(given))

    state.store().update_study(study_id, change)
    fields = ", ".join(field_label(name, state.lang) for name in sorted(given))
    click.echo(t("study.changed", state.lang, id=study_id, fields=fields))


@study_cmd.command("close")
@click.argument("study_id", metavar="ID")
@pass_state
def study_close(state: State, study_id: str) -> None:
    """Close a study: it takes no new interviews (its sessions stay, and can be
    analysed and finished). `cjtui study edit ID --status open` reopens it.

    \b
    Example:
      cjtui study close banco-hipoteca
    """

    def change(study: Any) -> None:
        study.status = "closed"
        study.record("closed")

    state.store().update_study(study_id, change)
    click.echo(t("study.closed_now", state.lang, id=study_id))
