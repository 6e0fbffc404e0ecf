"""`cjtui opportunities`, `processes` and `owners`: a study's backlog and the names behind
its touchpoints (see cjtui.analysis.backlog and cjtui.analysis.catalogue)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ....base.errors import Msg
from ....base.i18n import decimal, field_label, figure, plural, t
from ....base.plain import clean_text

if TYPE_CHECKING:
    from ....domain.guide import Guide
    from ....domain.model import Session
    from ....domain.study import Study

from ..util import (
    CjtuiGroup,
    State,
    _catalogue_options,
    _emit,
    _fail,
    _merge_arguments,
    _merge_in,
    _merge_study,
    _study_sessions,
    output_options,
)


def _behind_list(ctx: click.Context, study_id: str | None, as_json: bool, what: str) -> None:
    """The processes (or owners) named behind a study's touchpoints, printed."""
    from ....analysis.catalogue import behind
    from ....base import jsonio
    from ....base.i18n import counted
    from ....base.plain import fit_cells

    study, sessions = _study_sessions(ctx, study_id, write=False)
    entries = behind(sessions, study, what)
    if as_json:
        click.echo(jsonio.dumps([e.to_dict() for e in entries]))
        return
    lang: str = ctx.obj.lang
    click.echo(t(f"behind.header.{what}", lang))
    for entry in entries:
        row = entry.to_dict()
        names = " | ".join(str(n) for n in row["names"])  # type: ignore[attr-defined]
        extra = ""
        if what == "processes":
            owners = ", ".join(str(o) for o in row["owners"])  # type: ignore[attr-defined]
            problems = counted("problem", dict(entry.problems.most_common()), lang)
            extra = f"  {fit_cells(owners or '—', 18)}  {problems or '—'}"
        line = (
            f"{fit_cells(entry.name, 24)}  {len(entry.interviews):>11}  {entry.pains:>15}  "
            f"{fit_cells(names, 30)}{extra}"
        )
        click.echo(clean_text(line).rstrip())


def _behind_merge(
    ctx: click.Context, keep: str, others: tuple[str, ...], study_here: str | None, what: str
) -> None:
    from ....analysis.catalogue import behind

    state: State = ctx.obj
    study, sessions = _study_sessions(ctx, _merge_study(ctx, study_here))
    known = {e.key for e in behind(sessions, study, what)}
    unknown = [n for n in (keep, *others) if study.canonical_behind(what, n) not in known]
    if unknown:
        name = repr(unknown[0])
        _fail(
            Msg("no process {0} in study {1}: see cjtui processes", name, study.id)
            if what == "processes"
            else Msg("no owner {0} in study {1}: see cjtui owners", name, study.id)
        )
    merged = _merge_in(state.store(), study, lambda st: st.merge_behind(what, keep, list(others)))
    click.echo(t(f"behind.merged.{what}", state.lang, study=study.id, n=len(merged), keep=keep))


# ---- the opportunity backlog ----------------------------------------------------------------


@click.group("opportunities", cls=CjtuiGroup, invoke_without_command=True)
@click.option("--study", "study_id", metavar="ID", help="The study (needed with several).")
@click.option("--status", type=click.Choice(["proposed", "planned", "doing", "done", "dropped"]))
@click.option("--owner", help="Only the items of this owner.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "csv"]),
    default="text",
    show_default=True,
)
@output_options
@click.pass_context
def opportunities_cmd(
    ctx: click.Context,
    study_id: str | None,
    status: str | None,
    owner: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
) -> None:
    """A study's opportunity backlog, ranked: each item with its evidence counted from the
    interviews (customers who felt a pain at its touchpoints, how badly, in which stages,
    quotes they allowed), its priority (people × severity, or set by hand with a reason),
    effort, status, owner and process; then the candidates typed in interviews not yet in
    it, and the pains no item answers. `accept`, `merge`, `split`, `set` and `drop` edit it.

    \b
    Examples:
      cjtui opportunities --study banco-hipoteca
      cjtui opportunities --study banco-hipoteca --status planned --format csv -o backlog.csv
    """
    if ctx.invoked_subcommand is not None:
        return
    from ....analysis import backlog as bl

    study, sessions, guide = _backlog_context(ctx, study_id, write=False)
    scale_min = guide.scale.min
    rows = bl.ranked(sessions, study, scale_min, status=status, owner=owner)
    candidates = [c for c in bl.candidates(sessions, study, guide) if c.accepted is None]
    open_pains = bl.open_pains(sessions, study, scale_min)
    lang: str = ctx.obj.lang
    from ....domain.guide import journey_stages

    # Stages by their titles in words (the JSON keeps their ids).
    titles = dict(journey_stages(guide, sessions, lang, study.canonical_stage))
    if fmt == "json":
        from ....base import jsonio

        data = {
            "study": study.id,
            "items": [r.to_dict() for r in rows],
            "candidates": [c.to_dict() for c in candidates],
            "open_pains": [{"touchpoint": k, "people": n} for k, n in open_pains],
        }
        _emit(jsonio.dumps(data) + "\n", output, force)
    elif fmt == "csv":
        _emit(_backlog_csv(rows, lang, titles), output, force)
    else:
        from ....analysis.catalogue import catalogue

        # Touchpoints by the name most often typed (the JSON keeps their keys).
        names = {e.key: e.names.most_common(1)[0][0] for e in catalogue(sessions, study)}
        text = _backlog_text(rows, candidates, open_pains, lang, fmt == "markdown", titles, names)
        _emit(text, output, force)


BACKLOG_CSV_COLUMNS = ("title", "description", "owner", "priority", "status", "labels")


def _backlog_csv(rows: list[Any], lang: str, titles: dict[str, str]) -> str:
    """The backlog as a tracker imports it: title, description (the evidence), owner,
    priority, status, labels; every cell safe to open in a spreadsheet."""
    import csv
    import io

    from ....exchange.export import _cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(BACKLOG_CSV_COLUMNS)
    for row in rows:
        d = row.to_dict()
        ev = d["evidence"]
        description = t(
            "backlog.description", lang, people=ev["people"], severity=ev["severity"] or "—",
            stages=", ".join(titles.get(x, x) for x in ev["stages"]) or "—",
            touchpoints=", ".join(d["touchpoints"]) or "—",
        ) + "".join(f" «{q}»" for q in ev["quotes"])  # fmt: skip
        labels = ";".join(x for x in (d["process"], d["effort"] and f"effort:{d['effort']}") if x)
        writer.writerow(
            [
                _cell(v)
                for v in (d["title"], description, d["owner"], d["priority"], d["status"], labels)
            ]
        )
    return out.getvalue()


def _backlog_text(
    rows: list[Any], candidates: list[Any], open_pains: list[tuple[str, int]], lang: str,
    markdown: bool, titles: dict[str, str], names: dict[str, str],
) -> str:  # fmt: skip
    lines: list[str] = []
    bullet = "- " if markdown else "  "
    lines.append(("## " if markdown else "") + t("backlog.title", lang, n=len(rows)))
    for row in rows:
        d = row.to_dict()
        ev = d["evidence"]
        lines.append(
            f"{'### ' if markdown else ''}{d['id']}  {d['title']}  "
            + t(
                "backlog.priority",
                lang,
                priority=decimal(d["priority"], lang, 1),
                basis=t(
                    "backlog.basis." + ("set" if d["priority_basis"] == "set" else "evidence"), lang
                ),
            )
        )
        lines.append(
            bullet + t("backlog.line", lang, status=t(f"backlog.status.{d['status']}", lang),
                       effort=d["effort"] or "—",
                       owner=d["owner"] or "—", process=d["process"] or "—")
        )  # fmt: skip
        lines.append(
            bullet + plural("backlog.evidence", ev["people"], lang,
                            severity=figure(ev["severity"], lang) if ev["severity"] else "—",
                            stages=", ".join(titles.get(x, x) for x in ev["stages"]) or "—")
        )  # fmt: skip
        if d["reason"]:
            lines.append(bullet + t("backlog.reason", lang, reason=d["reason"]))
        lines += [f"{bullet}«{q}»" for q in ev["quotes"]]
    lines.append("")
    lines.append(("## " if markdown else "") + t("backlog.candidates", lang, n=len(candidates)))
    for c in candidates:
        where = ", ".join(sorted(names.get(k, k) for k in c.touchpoints))
        where = where or t("backlog.no_touchpoint", lang)
        lines.append(f"{bullet}{c.id}  {c.text}  ({where}; "
                     f"{plural('backlog.interviews', len(c.interviews), lang)})")  # fmt: skip
    lines.append("")
    lines.append(("## " if markdown else "") + t("backlog.open", lang, n=len(open_pains)))
    for key, people in open_pains:
        lines.append(f"{bullet}{names.get(key, key)}: {plural('backlog.people', people, lang)}")
    return "\n".join(clean_text(line) for line in lines) + "\n"


def _backlog_context(
    ctx: click.Context, study_id: str | None, *, write: bool
) -> tuple[Study, list[Session], Guide]:
    from ....services.workspace import Workspace

    state: State = ctx.obj
    workspace = Workspace(state.store(write=write))
    study, guide, sessions = workspace.analysis(study_id, include_in_progress=True)
    return study, sessions, guide


def _workspace(ctx: click.Context) -> Any:
    """The workspace the backlog's edits go through (the app's too)."""
    from ....services.workspace import Workspace

    state: State = ctx.obj
    return Workspace(state.store())


@opportunities_cmd.command("accept")
@click.argument("candidate_ids", nargs=-1, required=True, metavar="CANDIDATE...")
@click.option("--title", default="", help="The item's short title (default: the first's words).")
@click.option("--study", "study_here", metavar="ID", help="The study (needed with several).")
@click.pass_context
def opportunities_accept(
    ctx: click.Context, candidate_ids: tuple[str, ...], title: str, study_here: str | None
) -> None:
    """Accept candidates (one idea, perhaps written several ways) as one backlog item.

    \b
    Example:
      cjtui opportunities accept --study banco-hipoteca c-1a2b3c c-4d5e6f \\
        --title "Simular sin dar datos"
    """
    study_id = _merge_study(ctx, study_here)
    made = _workspace(ctx).backlog_accept(study_id, list(candidate_ids), title)
    click.echo(t("backlog.accepted", ctx.obj.lang, id=made["id"], title=made["title"]))


@opportunities_cmd.command("merge")
@_merge_arguments
def opportunities_merge(
    ctx: click.Context, keep: str, others: tuple[str, ...], study_here: str | None
) -> None:
    """Fold backlog items OTHER... into KEEP (one idea): their touchpoints and candidates
    join it.

    \b
    Example:
      cjtui opportunities merge --study banco-hipoteca O1 O2 O3
    """
    _workspace(ctx).backlog_merge(_merge_study(ctx, study_here), keep, list(others))
    from ....base.i18n import plural

    click.echo(plural("backlog.merged", len(others), ctx.obj.lang, id=keep))


@opportunities_cmd.command("split")
@click.argument("item_id", metavar="ITEM")
@click.option("--touchpoint", "touchpoints", multiple=True, required=True, metavar="KEY")
@click.option("--title", default="", help="The new item's title.")
@click.option("--study", "study_here", metavar="ID", help="The study (needed with several).")
@click.pass_context
def opportunities_split(
    ctx: click.Context, item_id: str, touchpoints: tuple[str, ...], title: str,
    study_here: str | None,
) -> None:  # fmt: skip
    """Move touchpoints of an item to a new item of their own (two ideas seen as one).

    \b
    Example:
      cjtui opportunities split --study banco-hipoteca O1 --touchpoint tasacion \\
        --title "Tasación más rápida"
    """
    study_id = _merge_study(ctx, study_here)
    made = _workspace(ctx).backlog_split(study_id, item_id, list(touchpoints), title)
    click.echo(t("backlog.accepted", ctx.obj.lang, id=made["id"], title=made["title"]))


@opportunities_cmd.command("set")
@click.argument("item_id", metavar="ITEM")
@click.option("--title")
@click.option("--status", type=click.Choice(["proposed", "planned", "doing", "done", "dropped"]))
@click.option("--owner")
@click.option("--process")
@click.option("--effort", type=click.Choice(["S", "M", "L"]))
@click.option("--priority", type=float, help="Set by hand (with --reason): overrides the evidence.")
@click.option("--reason", help="Why the priority is set by hand.")
@click.option("--note")
@click.option("--study", "study_here", metavar="ID", help="The study (needed with several).")
@click.pass_context
def opportunities_set(
    ctx: click.Context, /, item_id: str, study_here: str | None, **given: Any
) -> None:
    """Set a backlog item's title, status, owner, process, effort, note, or priority (by
    hand, with a reason).

    \b
    Example:
      cjtui opportunities set --study banco-hipoteca O1 --status planned \\
        --owner "Canal digital" --effort M
    """
    _workspace(ctx).backlog_update(_merge_study(ctx, study_here), item_id, **given)
    lang = ctx.obj.lang
    fields = ", ".join(
        field_label(k, lang) for k in sorted(k for k, v in given.items() if v is not None)
    )
    click.echo(t("backlog.changed", lang, id=item_id, fields=fields))


@opportunities_cmd.command("drop")
@click.argument("item_id", metavar="ITEM")
@click.option("--reason", default="", help="Why it is dropped.")
@click.option("--study", "study_here", metavar="ID", help="The study (needed with several).")
@click.pass_context
def opportunities_drop(
    ctx: click.Context, item_id: str, reason: str, study_here: str | None
) -> None:
    """Drop a backlog item (kept, with its status "dropped", so the decision is on record).

    \b
    Example:
      cjtui opportunities drop --study banco-hipoteca O10 --reason "nadie lo sufrió"
    """
    _workspace(ctx).backlog_update(
        _merge_study(ctx, study_here), item_id, status="dropped", note=reason or None
    )
    click.echo(
        t("backlog.changed", ctx.obj.lang, id=item_id, fields=field_label("status", ctx.obj.lang))
    )


@click.group("processes", cls=CjtuiGroup, invoke_without_command=True)
@_catalogue_options
def processes_cmd(ctx: click.Context, study_id: str | None, as_json: bool) -> None:
    """The internal processes named behind a study's touchpoints: each name (after merges),
    the names typed for it, how often, the pains felt there, its owners and the problems
    noted in it. `merge` counts names that mean one process as one, in every report and map.

    \b
    Examples:
      cjtui processes --study banco-hipoteca
      cjtui processes merge --study banco-hipoteca "Captación digital" "Simulación online"
    """
    if ctx.invoked_subcommand is None:
        _behind_list(ctx, study_id, as_json, "processes")


@processes_cmd.command("merge")
@_merge_arguments
def processes_merge(
    ctx: click.Context, keep: str, others: tuple[str, ...], study_here: str | None
) -> None:
    """Count the processes named OTHER... as KEEP (case and spacing aside) in every report
    and map of the study. The sessions keep what was typed; the merge is recorded in the
    study's log.

    \b
    Example:
      cjtui processes merge --study energia Facturación Billing
    """
    _behind_merge(ctx, keep, others, study_here, "processes")


@click.group("owners", cls=CjtuiGroup, invoke_without_command=True)
@_catalogue_options
def owners_cmd(ctx: click.Context, study_id: str | None, as_json: bool) -> None:
    """The owners named behind a study's touchpoints (a team, a role): each name after
    merges, the names typed for it, how often and the pains felt where they own. `merge`
    counts names that mean one owner as one.

    \b
    Examples:
      cjtui owners --study banco-hipoteca
      cjtui owners merge --study banco-hipoteca "Riesgos" "Dpto. de riesgos"
    """
    if ctx.invoked_subcommand is None:
        _behind_list(ctx, study_id, as_json, "owners")


@owners_cmd.command("merge")
@_merge_arguments
def owners_merge(
    ctx: click.Context, keep: str, others: tuple[str, ...], study_here: str | None
) -> None:
    """Count the owners named OTHER... as KEEP (case and spacing aside) in every report and
    map of the study; recorded in the study's log.

    \b
    Example:
      cjtui owners merge --study banco-hipoteca "Riesgos" "Dpto. de riesgos"
    """
    _behind_merge(ctx, keep, others, study_here, "owners")
