"""The message catalogues, at development time (Babel): what cjtui says to a person, by
language, in gettext's files under cjtui/locale/LANG/LC_MESSAGES/cjtui.po, compiled to the
.mo files the package ships (the runtime reads them with the standard library's gettext).

    python scripts/catalogues.py extract   # the messages the code says, into every .po
    python scripts/catalogues.py compile   # every .po into its .mo

`extract` finds each Msg("template", …) in cjtui/ (context "message"): a template new to a
catalogue is added untranslated, one the code no longer says is dropped, the others keep
their translation. The interface's own words (t("key"), plural("key", n): msgid the key, a
plural's forms as msgstr[0] and msgstr[1]) are kept as the catalogues hold them. The tests
fail on a message missing from a catalogue, on one left untranslated, and on a .mo older
than its .po."""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from cjtui.base.i18n import OS_REASONS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cjtui"
LOCALE = PACKAGE / "locale"
DOMAIN = "cjtui"
LANGUAGES = ("en", "es")
CONTEXT = "message"
CLICK = "click"  # click's own words (cjtui.interface.cli.util.speak_click)
HELP = "help"  # the commands' help (cjtui.interface.cli.util.speak_help)
# The Spanish for the system's own words (cjtui.base.i18n.OS_REASONS: an OSError's reason), said
# whole: no Msg in the code makes them.
SYSTEM_ES = {
    "No such file or directory": "No existe el archivo o el directorio",
    "Permission denied": "Permiso denegado",
    "File exists": "El archivo ya existe",
    "Is a directory": "Es un directorio",
    "Not a directory": "No es un directorio",
    "No space left on device": "No queda espacio en el dispositivo",
    "Read-only file system": "Sistema de archivos de solo lectura",
    "Operation not permitted": "Operación no permitida",
    "Directory not empty": "El directorio no está vacío",
    "Too many levels of symbolic links": "Demasiados niveles de enlaces simbólicos",
    "File too large": "Archivo demasiado grande",
}


def said_in_code(package: Path = PACKAGE) -> dict[str, list[tuple[str, int]]]:
    """Every Msg template in the package -> where it is said (file, line)."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id != "Msg" or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                where = (path.relative_to(ROOT).as_posix(), node.lineno)
                found.setdefault(first.value, []).append(where)
    return found


def said_by_click() -> dict[object, list[tuple[str, int]]]:
    """Every message click says through gettext (the modules cjtui.interface.cli.util.CLICK_MODULES
    names) -> where (its module, line): a plural as its (singular, plural)."""
    import importlib

    from babel.messages.extract import extract_from_file

    from cjtui.interface.cli.util import CLICK_MODULES, CLICK_WORDS

    found: dict[object, list[tuple[str, int]]] = {word: [] for word in CLICK_WORDS}
    for name in CLICK_MODULES:
        path = importlib.import_module(name).__file__
        assert path is not None
        for line, message, _comments, _context in extract_from_file("python", path):
            found.setdefault(message, []).append((name, line))
    return found


def said_in_help() -> dict[str, list[tuple[str, int]]]:
    """Every command's help (its prose and its examples apart, as cjtui.interface.cli.util
    .help_parts splits them) and every option's, in the order of the command tree."""
    import click

    from cjtui.interface.cli.main import main
    from cjtui.interface.cli.util import english_help, help_parts

    found: dict[str, list[tuple[str, int]]] = {}

    def walk(command: click.Command, path: str) -> None:
        help_text, params = english_help(command)
        if help_text:
            for part in help_parts(help_text):
                if part:
                    found.setdefault(part, []).append((path, 0))
        for param, text in zip(command.params, params, strict=True):
            if text and isinstance(param, click.Option):
                found.setdefault(text, []).append((f"{path} {param.opts[0]}", 0))
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                walk(sub, f"{path} {name}")

    walk(main, "cjtui")
    return found


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="cjtui")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def extract() -> None:
    said = said_in_code()
    for lang in LANGUAGES:
        old = read(lang)
        new = Catalog(locale=lang, domain=DOMAIN, project="cjtui", fuzzy=False)
        for template, places in said.items():
            kept = old.get(template, context=CONTEXT)
            # English is the language the code speaks: its catalogue says each as it is.
            string = template if lang == "en" else (kept.string if kept is not None else "")
            new.add(
                template,
                string,
                locations=places,
                context=CONTEXT,
                flags=("python-brace-format",),
            )
        for message_id, places in said_by_click().items():
            kept = old.get(message_id, context=CLICK)
            if lang == "en":
                string: object = message_id
            elif kept is not None:
                string = kept.string
            else:
                string = ("", "", "") if isinstance(message_id, tuple) else ""
            new.add(message_id, string, locations=places, context=CLICK)
        for text, places in said_in_help().items():
            kept = old.get(text, context=HELP)
            string = text if lang == "en" else (kept.string if kept is not None else "")
            new.add(text, string, locations=places, context=HELP)
        for line in sorted(OS_REASONS):
            kept = old.get(line, context=CONTEXT)
            spanish = SYSTEM_ES.get(line) or (kept.string if kept is not None else "")
            new.add(line, line if lang == "en" else spanish, context=CONTEXT)
        # The interface's own words (msgid: their key; a plural, its forms) stay as they
        # are: keys made at run time (t(f"perspective.{p}")) cannot be found in the code.
        for message in old:
            if message.id and message.context not in (CONTEXT, CLICK, HELP):
                new[message.id] = message
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        po_path(lang).write_bytes(po_bytes(new))
        untranslated = [m.id for m in new if m.id and not m.string]
        print(f"{po_path(lang).relative_to(ROOT)}: {len(new)} messages, "
              f"{len(untranslated)} untranslated")  # fmt: skip


def compile_all() -> None:
    for lang in LANGUAGES:
        mo = po_path(lang).with_suffix(".mo")
        mo.write_bytes(mo_bytes(read(lang)))
        print(mo.relative_to(ROOT))


if __name__ == "__main__":
    {"extract": extract, "compile": compile_all}[sys.argv[1] if len(sys.argv) > 1 else ""]()
