"""What every `cjtui` command shares: the state (the store, the language), the one way
to fail and to write output, and the options several commands take."""

from __future__ import annotations

import gc
import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ...base.errors import CjtuiError, Msg
from ...base.i18n import catalogue, detect_language, say, t
from ...base.plain import EXPORT_FORMATS, LANGUAGES, clean_text

if TYPE_CHECKING:
    from ...analysis.journey.shapes import JourneyMap
    from ...domain.model import Session
    from ...domain.study import Study
    from ...store import Store

FORMATS = EXPORT_FORMATS


class State:
    """What every command shares: the store path (opened on first use) and the language."""

    def __init__(self, db: Path | None, lang: str | None):
        self.db = db
        self.lang_given = lang
        self.lang = detect_language(lang)
        self._store: Store | None = None

    def store(self, *, write: bool = True, check: bool = True) -> Store:
        """The store. A command that only reads (*write* False) creates nothing, and refuses
        a folder that is not a cjtui store without touching it. *check* False opens a
        shared store that is not safe all the same (doctor, to say why and repair it)."""
        from ...store import Store

        if self._store is None:
            self._store = Store.open(self.db, create=write, check=check)
            for warning in self._store.warnings:
                click.echo(f"warning: {clean_text(say(warning, _lang()))}", err=True)
        return self._store


def _fail(message: object) -> NoReturn:
    """Stop with one line on stderr, exit 1: said in the interface's language (a message
    of the domain looked up in the catalogue; codes and paths stay as they are)."""
    ctx = click.get_current_context(silent=True)
    state = ctx.find_object(State) if ctx is not None else None
    lang = state.lang if state is not None else "en"
    raise click.ClickException(clean_text(say(message, lang)).replace("\n", " "))


def confirm(question: str, lang: str) -> None:
    """Ask *question*, yes or no, in *lang* (Spanish takes s/sí as well as y/yes): anything
    but yes stops the command (exit 1), as click's abort does."""
    yes = ("y", "yes", "s", "si", "sí") if lang == "es" else ("y", "yes")
    options = t("confirm.options", lang)
    answer = click.prompt(f"{question} {options}", default="", show_default=False, err=True).strip()
    if answer.casefold() not in yes:
        click.echo(t("confirm.aborted", lang), err=True)
        raise SystemExit(1)


def _lang() -> str:
    """The interface's language of the command running."""
    ctx = click.get_current_context(silent=True)
    state = ctx.find_object(State) if ctx is not None else None
    return state.lang if state is not None else "en"


def _said(message: object, lang: str) -> str:
    """A line from the domain (a problem found, say) in the interface's language."""
    return clean_text(say(message, lang))


# click's own words (Usage, Missing option, No such command…) go through gettext in each
# of these modules of click's; cjtui's catalogues hold them in context "click" (extracted
# from click's code by scripts/catalogues.py), and speak_click points them there.
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)
CLICK = "click"  # the catalogues' context of click's own words


def speak_click(lang: str) -> None:
    """Make click say its own words (usage, a missing option or argument, an unknown command
    or choice, the help's headings) in *lang*, from cjtui's catalogue."""
    words = catalogue(lang)

    def gettext(message: str) -> str:
        return words.pgettext(CLICK, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return words.npgettext(CLICK, singular, plural, n)

    for name in CLICK_MODULES:
        module = sys.modules.get(name) or __import__(name, fromlist=["_"])
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


# click's words that its code does not give gettext as they are: a parameter type's name
# (said in errors, and upper-cased as a placeholder: TEXT, FLOAT), "required" (given as a
# variable), and the placeholders of a usage line. scripts/catalogues.py adds them.
CLICK_WORDS = (
    "required",
    "[OPTIONS]",
    "[COMMAND] [ARGS]...",
    "text",
    "integer",
    "integer range",
    "float",
    "float range",
    "boolean",
    "uuid",
    "filename",
    "datetime",
    "choice",
    "file",
    "directory",
    "path",
)
_ENGLISH_NAMES: dict[int, tuple[click.ParamType[Any], str]] = {}  # every type met: its own name


def speak_click_words(command: click.Command, lang: str) -> None:
    """The words click keeps on the commands themselves, in *lang*: each parameter type's
    name and the usage line's placeholders, through the whole tree under *command*."""
    words = catalogue(lang)
    command.options_metavar = words.pgettext(CLICK, "[OPTIONS]")
    if isinstance(command, click.Group):
        command.subcommand_metavar = words.pgettext(CLICK, "[COMMAND] [ARGS]...")
        for sub in command.commands.values():
            speak_click_words(sub, lang)
    for param in command.params:
        kind = param.type
        english = _ENGLISH_NAMES.setdefault(id(kind), (kind, kind.name))[1]
        kind.name = words.pgettext(CLICK, english)


HELP = "help"  # the catalogues' context of the commands' help


def help_parts(text: str) -> tuple[str, str]:
    """A command's help as the catalogues hold it: its prose, and its block of examples
    (what follows click's no-rewrap mark, \\b), each a message of its own."""
    prose, _, block = inspect.cleandoc(text).partition("\b\n")
    return prose.strip(), block.rstrip()


_ENGLISH_HELP: dict[int, tuple[click.Command, str | None, list[str | None]]] = {}


def english_help(command: click.Command) -> tuple[str | None, list[str | None]]:
    """The help of *command* and of each of its parameters as the code says them (in
    English), whatever language they were last said in."""
    _, help_text, params = _ENGLISH_HELP.get(
        id(command),
        (command, command.help, [getattr(p, "help", None) for p in command.params]),
    )
    return help_text, params


def speak_help(command: click.Command, lang: str, parent: click.Context | None = None) -> None:
    """Every command's help and every option's, under *command*, in *lang* (English: as the
    code says them); the help option click makes once per command (--help, -h) too, asked
    for through a context like the one click will make for the command (so it takes the
    same names)."""
    words = catalogue(lang)
    ctx = click.Context(command, parent=parent, **command.context_settings)
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        help_option.help = words.pgettext(CLICK, "Show this message and exit.")

    def said(text: str) -> str:
        return words.pgettext(HELP, text) if text else text

    _, help_text, params = _ENGLISH_HELP.setdefault(
        id(command),
        (command, command.help, [getattr(p, "help", None) for p in command.params]),
    )
    if help_text:
        prose, block = help_parts(help_text)
        command.help = said(prose) + (f"\n\n\b\n{said(block)}" if block else "")
    for param, english in zip(command.params, params, strict=True):
        if english and isinstance(param, click.Option):
            param.help = said(english)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            speak_help(sub, lang, ctx)


def language_asked(args: list[str]) -> str:
    """The interface's language for a command line: its --lang (before the command), else
    the locale's."""
    given: str | None = None
    for n, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(args):
            given = args[n + 1]
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
    return detect_language(given)


def version_option(version: str) -> Callable[[Any], Any]:
    """--version: the program's name and version, said in the interface's language."""

    def said(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if not value or ctx.resilient_parsing:
            return
        click.echo(t("version", _spoken, version=version))
        ctx.exit()

    return click.option(
        "--version",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=said,
        help="Show the version and exit.",
    )


# The language click's words (and the commands' help) were last set to in this process:
# English, as click and the code say them, until another is asked for.
_spoken = "en"


class CjtuiGroup(click.Group):
    """A group whose domain errors end as one line on stderr and exit status 1, and whose
    own words (click's: usage, errors in the command line, help headings) are said in the
    interface's language."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        argv = list(args) if args is not None else sys.argv[1:]
        lang = language_asked(argv)
        global _spoken
        # Nothing to do when they speak it already (English at start-up: no catalogue read).
        if lang != _spoken:
            speak_click(lang)
            speak_click_words(self, lang)
            speak_help(self, lang)
            _spoken = lang
        return super().main(argv, *rest, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CjtuiError as exc:
            _fail(exc)
        except BrokenPipeError:
            # The reader went away (`cjtui list | head`): nothing is wrong, and nothing more
            # is printed, not even Python's own complaint when stdout is flushed at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            _fail(exc if exc.strerror else str(exc))


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
    from ...base.fsutil import UnsafePathError, atomic_write

    if output is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write(output, text.encode("utf-8"), overwrite=force)
    except (UnsafePathError, FileExistsError) as exc:
        _fail(Msg("{0}: {1}", output, exc.strerror))


def _emit_workbook(data: JourneyMap, output: Path | None, force: bool) -> None:
    """Write the map *data* as an xlsx workbook to *output* (a file is needed: a workbook
    is not for a terminal)."""
    from ...analysis.journey.workbook import workbook
    from ...base.fsutil import UnsafePathError, atomic_write

    if output is None:
        _fail(Msg("--format xlsx writes a workbook: give -o FILE.xlsx"))
    failed: OSError | None = None
    try:
        made = workbook(data)
    except OSError as exc:  # openpyxl's own temporary files (a full disk, a size limit)
        failed = exc
    if failed is not None:
        # The frames the error holds keep openpyxl's half-written archive: let it go now,
        # quietly, rather than when the process ends (with a traceback on the terminal).
        failed.__traceback__ = None
        gc.collect()
        _fail(Msg("{0}: {1}", output, failed.strerror or str(failed)))
    try:
        atomic_write(output, made, overwrite=force)
    except (UnsafePathError, FileExistsError) as exc:
        _fail(Msg("{0}: {1}", output, exc.strerror))


def _session_arg(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("session_id", metavar="ID")(func)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--study and the filters shared by list, export, plot and report (one rule:
    Workspace.analysis / Workspace.rows)."""
    options = [
        click.option(
            "--changed-since",
            metavar="DATE|TIME",
            help="Sessions changed on or after this day or UTC time (2026-11-27, "
            "2026-11-27T18:00:00Z): what is new since a last export.",
        ),
        click.option("--until", metavar="DATE", help="Interviews started on or before this day."),
        click.option("--since", metavar="DATE", help="Interviews started on or after this day."),
        click.option("--status", type=click.Choice(["in_progress", "completed", "abandoned"])),
        click.option("--language", type=click.Choice(LANGUAGES)),
        click.option("--interviewer", metavar="NAME", help="Case and accents do not count."),
        click.option("--segment", metavar="TEXT", help="Case and accents do not count."),
        click.option("--moment", type=click.Choice(["before", "after", "none"])),
        click.option("--perspective", type=click.Choice(["customer", "internal"])),
        click.option("--study", "study_id", metavar="ID", help="Only this study's sessions."),
    ]
    for option in options:
        func = option(func)
    return func


def _filters(kwargs: dict[str, Any]) -> Any:
    """The Filters the options of filter_options gave (taken out of *kwargs*)."""
    from datetime import date

    from ...services.workspace import Filters

    values = {name: kwargs.pop(name) for name in FILTER_NAMES}
    for name in ("since", "until"):
        if values[name] is not None:
            try:
                date.fromisoformat(values[name])
            except ValueError:
                _fail(Msg("--{0} {1} is not a date (YYYY-MM-DD)", name, repr(values[name])))
    if values["since"] and values["until"] and values["since"] > values["until"]:
        _fail(Msg("--since {0} is after --until {1}: no day is in between", values["since"],
                  values["until"]))  # fmt: skip
    if values["changed_since"] is not None:
        values["changed_since"] = _utc_moment(values["changed_since"])
    return Filters(**values)


def _utc_moment(text: str) -> str:
    """A day or a time, checked: the filter compares it as an instant (model.instant), so
    a time with any offset, or none (UTC), means the moment it names."""
    from ...domain.model import instant

    if instant(text) is None:
        _fail(Msg("--changed-since {0} is not a day or a time (2026-11-27T18:00:00Z)", repr(text)))
    return text


FILTER_NAMES = (
    "perspective", "moment", "segment", "interviewer", "language", "status", "since", "until",
    "changed_since",
)  # fmt: skip


def _study_sessions(
    ctx: click.Context, study_id: str | None, *, write: bool = True
) -> tuple[Study, list[Session]]:
    """The study a catalogue or a merge is about (--study, or the store's only one) and all
    its sessions, in progress too."""
    from ...services.workspace import Workspace

    state: State = ctx.obj
    study, _, sessions = Workspace(state.store(write=write)).analysis(
        study_id, include_in_progress=True
    )
    return study, sessions


def _merge_study(ctx: click.Context, study_here: str | None) -> str | None:
    """The study a `merge` is about: its own --study, else the group's."""
    return study_here or (ctx.parent.params.get("study_id") if ctx.parent else None)


def _merge_in(store: Store, study: Study, merge: Callable[[Study], list[str]]) -> list[str]:
    """Record a merge in *study* (a study only its sessions named gets its record now)."""
    if not store.studies.exists(study.id):
        store.save_study(study)
    return store.update_study(study.id, merge)


def _merge_arguments(func: Callable[..., Any]) -> Callable[..., Any]:
    """KEEP OTHER... and --study, as every `… merge` takes them (with the context)."""
    func = click.pass_context(func)
    func = click.option(
        "--study", "study_here", metavar="ID", help="The study (needed with several)."
    )(func)
    func = click.argument("others", nargs=-1, required=True, metavar="OTHER...")(func)
    return click.argument("keep", metavar="KEEP")(func)


def _catalogue_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--study and --json, as every catalogue (touchpoints, stages, processes) takes them."""
    func = click.pass_context(func)
    func = click.option(
        "--json", "as_json", is_flag=True, help="Print a JSON array instead of a table."
    )(func)
    return click.option(
        "--study", "study_id", metavar="ID", help="The study (needed with several)."
    )(func)
