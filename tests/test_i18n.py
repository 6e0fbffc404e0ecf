"""Every interface message exists in the Spanish and the English catalogue, translated,
with the same placeholders; every key the code asks for by name is in them; plurals follow
each language's rule."""

from __future__ import annotations

import ast
import string
import sys
from pathlib import Path

import pytest

from cjtui.base.i18n import catalogue, channel_label, detect_language, plural, t
from cjtui.domain.model import CHANNELS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import catalogues  # noqa: E402

sys.path.pop(0)
CATALOGUES = {lang: catalogues.read(lang) for lang in ("en", "es")}
KEYS = sorted(
    m.id if isinstance(m.id, str) else m.id[0]
    for m in CATALOGUES["en"]
    if m.id and m.context not in (catalogues.CONTEXT, catalogues.CLICK, catalogues.HELP)
)


def _forms(message) -> list[str]:  # type: ignore[no-untyped-def]
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


@pytest.mark.parametrize("key", KEYS)
def test_message_is_in_both_catalogues_translated_with_the_same_fields(key: str) -> None:
    found = {lang: cat.get(key) for lang, cat in CATALOGUES.items()}
    assert all(found.values()), key
    fields = set()
    for lang, message in found.items():
        forms = _forms(message)
        assert forms and all(forms), (lang, key, "left untranslated")
        for form in forms:
            fields.add(frozenset(n for _, n, _, _ in string.Formatter().parse(form) if n))
    assert len(fields) == 1, key


def _asked_by_name() -> dict[str, str]:
    """Every key the code gives t() or plural() as a literal -> where."""
    found: dict[str, str] = {}
    for path in (ROOT / "cjtui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in ("t", "plural") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found[first.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_key_the_code_asks_for_is_in_the_catalogues() -> None:
    asked = _asked_by_name()
    assert len(asked) > 300
    known = set(KEYS)
    missing = {
        k: where for k, where in asked.items()
        if k not in known and k.rpartition(".")[0] not in known
    }  # fmt: skip
    assert not missing, f"not in the catalogues (add them to both .po): {missing}"


def test_every_word_click_says_is_in_both_catalogues_translated() -> None:
    """click's own words (usage, a missing option, an unknown command…) as this click says
    them: a click that says something new fails here until extract and a translation."""
    said = catalogues.said_by_click()
    assert "Usage:" in said and "No such command {name!r}." in said  # the walk works
    for lang, cat in CATALOGUES.items():
        for message_id in said:
            found = cat.get(message_id, context=catalogues.CLICK)
            assert found is not None, (lang, message_id, "run scripts/catalogues.py extract")
            forms = _forms(found)
            assert forms and all(forms), (lang, message_id, "left untranslated")
            fields = {frozenset(n for _, n, _, _ in string.Formatter().parse(f) if n)
                      for f in forms + list(message_id if isinstance(message_id, tuple)
                                            else [message_id])}  # fmt: skip
            assert len(fields) <= 2, (lang, message_id)  # a plural's forms may differ


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--lang", "es", "frobnicate"], ["Uso: cjtui", "No existe el comando 'frobnicate'."]),
        (["--lang", "es", "show"], ["Pruebe 'cjtui show --help'", "Falta el argumento 'ID'."]),
        (
            ["--lang=es", "list", "--perspective", "robot"],
            ["Valor no válido para '--perspective'", "'robot' no es uno de"],
        ),
        (["--lang", "es", "export", "--bogus"], ["No existe la opción '--bogus'."]),
        (["--lang", "en", "show"], ["Usage: cjtui show", "Missing argument 'ID'."]),
    ],
)
def test_click_says_its_own_words_in_the_interface_language(
    args: list[str], said: list[str]
) -> None:
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    out = CliRunner().invoke(main, args, prog_name="cjtui")
    assert out.exit_code == 2
    for words in said:
        assert words in out.output, out.output
    if "es" in args or "--lang=es" in args:
        assert "Usage" not in out.output and "Try '" not in out.output


def test_click_speaks_the_locale_language_without_a_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    monkeypatch.delenv("CJTUI_LANG", raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    out = CliRunner().invoke(main, ["show"])
    assert "Falta el argumento 'ID'." in out.output


def test_plurals_follow_each_language() -> None:
    assert plural("backlog.people", 1, "es") == "1 persona"
    assert plural("backlog.people", 0, "es") == "0 personas"
    assert plural("backlog.people", 2_000_000, "es") == "2000000 personas"  # Spanish "many"
    assert plural("backlog.people", 1, "en") == "1 person"
    assert plural("backlog.merged", 1, "es", id="O1") == "Oportunidad O1: se le sumó 1 más."
    assert plural("backlog.merged", 2, "es", id="O1") == "Oportunidad O1: se le sumaron 2 más."
    assert catalogue("es").ngettext("backlog.people", "backlog.people", 5) == "{n} personas"


def test_every_channel_has_labels() -> None:
    for channel in CHANNELS:
        for lang in ("es", "en"):
            assert channel_label(channel, lang) != channel or channel == "web", channel


def test_language_from_flag_env_and_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("CJTUI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    assert detect_language("es") == "es"
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert detect_language(None) == "es"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert detect_language(None) == "en"
    monkeypatch.setenv("LANGUAGE", "fr:es:en")  # gettext's list: the first cjtui speaks
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert detect_language(None) == "es"
    monkeypatch.setenv("CJTUI_LANG", "en")
    assert detect_language(None) == "en"
    monkeypatch.setenv("CJTUI_LANG", "es")
    assert detect_language(None) == "es"
    assert t("show.stage", "es", n=1, total=3, title="Decisión") == "Etapa 1/3 · Decisión"


def test_numbers_and_dates_are_written_as_each_language_writes_them() -> None:
    from cjtui.base.i18n import decimal, figure, number, percent, spoken_date, spoken_time

    assert decimal(-0.75, "en", signed=True) == "-0.75"
    assert decimal(-0.75, "es", signed=True) == "-0,75"
    assert decimal(0.0, "es", signed=True) == "+0,00"
    assert decimal(0.0, "es", signed=True, bare_zero=True) == "0,00"
    assert decimal(-0.001, "en", 1, signed=True, bare_zero=True) == "0.0"
    assert decimal(4.0, "es", 1) == "4,0"
    assert percent(0.5, "en") == "50%" and percent(0.5, "es") == "50 %"
    assert figure(2.5, "es") == "2,5" and figure(7, "es") == "7" and figure(2.5, "en") == "2.5"
    assert number(9000, "en") == "9,000" and number(2530, "es") == "2530"  # RAE: 4 figures
    assert number(12000, "es") == "12.000" and number(1_234_567, "es") == "1.234.567"
    assert spoken_time("2026-12-05T09:13:08Z", "es") == "5 de diciembre de 2026, 09:13 UTC"
    assert spoken_time("2026-12-05T09:13:08Z", "en") == "5 December 2026, 09:13 UTC"
    assert spoken_time("not a time", "en") == "not a time"
    assert spoken_date("2026-09-02", "es") == "2 de septiembre de 2026"
    assert spoken_date("2026-10-24T10:00:00Z", "en") == "24 October 2026"
    assert spoken_date("not a date", "es") == "not a date"


def test_a_spanish_report_and_map_write_decimals_with_a_comma(tmp_path: Path) -> None:
    """Every figure a person reads in Spanish (report and map, text, Markdown and HTML) has
    a decimal comma and its dates in words; the English keeps the point."""
    import re

    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    from .conftest import SAMPLES

    runner = CliRunner()
    db = str(tmp_path / "store")
    assert (
        runner.invoke(main, ["--db", db, "import", *map(str, SAMPLES.glob("*.json"))]).exit_code
        == 0
    )
    point = re.compile(r"(?<![\d.])[+-]?\d+\.\d+(?![\d.])")
    for command in ("report", "map"):
        for fmt in ("text", "markdown", "html"):
            args = ["--db", db, "--lang", "es", command, "--study", "banco-hipoteca"]
            out = runner.invoke(main, [*args, "--format", fmt])
            assert out.exit_code == 0, out.output
            text = out.output
            if fmt == "html":  # the figures a person reads, not the drawing's coordinates
                for hidden in (r"<style.*?</style>", r"<[^>]*>"):
                    text = re.sub(hidden, " ", text, flags=re.S)
            found = [m for m in point.findall(text) if m not in ("3.0", "2.0", "1.0")]
            assert not found, (command, fmt, found[:5])
            assert re.search(r"[+-]?\d+,\d\d", text), (command, fmt)
        if command == "report":
            assert "del 2 de septiembre de 2026 al 24 de octubre de 2026" in out.output
    english = runner.invoke(
        main, ["--db", db, "--lang", "en", "report", "--study", "banco-hipoteca"]
    )
    assert (
        "-0.75" in english.output and "from 2 September 2026 to 24 October 2026" in english.output
    )


def test_click_words_kept_on_commands_are_said_in_spanish() -> None:
    """A type's name in an error and as a placeholder, 'required', the usage line's
    placeholders and --version: in Spanish with --lang es, and English again after."""
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    runner = CliRunner()
    out = runner.invoke(main, ["--lang", "es", "plot", "--width", "abc"], prog_name="cjtui")
    assert "'abc' no es un número entero válido." in out.output
    out = runner.invoke(main, ["--lang", "es", "map", "-h"], prog_name="cjtui")
    assert out.output.startswith("Uso: cjtui map [OPCIONES] [ID]")
    assert "NÚMERO ENTERO" in out.output and "INTEGER" not in out.output
    out = runner.invoke(main, ["--lang", "es", "-h"], prog_name="cjtui")
    assert "[OPCIONES] [COMANDO] [ARGUMENTOS]..." in out.output
    out = runner.invoke(main, ["--lang", "es", "study", "new", "-h"], prog_name="cjtui")
    assert "[obligatoria]" in out.output and "[required]" not in out.output
    assert runner.invoke(main, ["--lang", "es", "--version"]).output.startswith("cjtui, versión ")
    # The same objects, in English again in the same process.
    out = runner.invoke(main, ["--lang", "en", "plot", "--width", "abc"], prog_name="cjtui")
    assert "'abc' is not a valid integer range." in out.output
    assert runner.invoke(main, ["--lang", "en", "--version"]).output.startswith("cjtui, version ")


def test_a_guide_outline_says_types_and_conditions_in_the_language() -> None:
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    out = CliRunner().invoke(main, ["--lang", "es", "guides", "show", "full"])
    assert out.exit_code == 0
    assert "[texto largo, obligatoria]" in out.output and "[una opción]" in out.output
    assert "(si consideration.considered es «Sí»)" in out.output
    assert "[long_text" not in out.output and " equals " not in out.output
    english = CliRunner().invoke(main, ["--lang", "en", "guides", "show", "full"])
    assert "(if consideration.considered is «Yes»)" in english.output


def test_a_study_log_is_said_in_words(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    from .conftest import SAMPLES

    runner = CliRunner()
    db = ["--db", str(tmp_path / "store")]
    assert runner.invoke(main, [*db, "import", str(SAMPLES)]).exit_code == 0
    out = runner.invoke(main, [*db, "--lang", "es", "study", "show", "banco-hipoteca"])
    assert out.exit_code == 0
    assert "estudio creado" in out.output
    assert "oportunidades: O1 aceptada a partir de" in out.output
    assert "action=" not in out.output and "keep=" not in out.output
    assert "responsable de los datos: " in out.output  # a long label keeps its space


def test_every_help_text_is_in_both_catalogues_translated() -> None:
    """Each command's help (its prose and its examples) and each option's: a help written
    or changed in the code fails here until extract and a translation."""
    said = catalogues.said_in_help()
    assert len(said) > 100  # the walk found the commands
    for lang, cat in CATALOGUES.items():
        for text in said:
            found = cat.get(text, context=catalogues.HELP)
            assert found is not None, (lang, text[:60], "run scripts/catalogues.py extract")
            assert found.string, (lang, text[:60], "left untranslated")


def test_help_is_said_in_the_interface_language() -> None:
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    runner = CliRunner()
    out = runner.invoke(main, ["--lang", "es", "-h"], prog_name="cjtui")
    assert "Recoge entrevistas de customer journey" in out.output
    assert "Capture customer-journey" not in out.output
    assert "Muestra la versión y termina." in out.output  # an option's help
    out = runner.invoke(main, ["--lang", "es", "delete", "-h"], prog_name="cjtui")
    assert "Borra una sesión para siempre" in out.output
    assert "Ejemplo:" in out.output and "# la empezó un compañero" in out.output
    assert "No pedir confirmación." in out.output
    out = runner.invoke(main, ["--lang", "en", "delete", "-h"], prog_name="cjtui")
    assert "Delete a session for good" in out.output and "# started by a colleague" in out.output


def test_the_help_option_follows_the_language_of_each_command_line() -> None:
    """click makes a command's --help option once and keeps it: its words follow the
    language of each command line all the same, and -h stays one of its names."""
    from click.testing import CliRunner

    from cjtui.interface.cli.main import main

    runner = CliRunner()
    for lang, words in (("es", "Muestra esta ayuda y termina."),
                        ("en", "Show this message and exit."),
                        ("es", "Muestra esta ayuda y termina.")):  # fmt: skip
        out = runner.invoke(main, ["--lang", lang, "report", "-h"], prog_name="cjtui")
        assert out.exit_code == 0
        assert "-h, --help" in out.output and words in out.output, (lang, out.output[-300:])


def test_every_module_of_click_that_speaks_is_spoken_for() -> None:
    """Each module of click that gets its words through gettext is one cjtui points at
    its catalogue (CLICK_MODULES), or one named here with why it is left: a click that
    moves its words to a new module fails here."""
    from pathlib import Path as _Path

    import click

    from cjtui.interface.cli.util import CLICK_MODULES

    left = {
        "click._termui_impl": "a progress bar's ETA and the editor: cjtui uses neither",
        "click._winconsole": "Windows only",
        "click.shell_completion": "shell completion: not offered",
    }
    speaking = {
        f"click.{path.stem}"
        for path in _Path(click.__file__).parent.glob("*.py")
        if "from gettext import" in path.read_text("utf-8")
    }
    assert "click.core" in speaking  # the scan works
    assert speaking == set(CLICK_MODULES) | set(left), speaking ^ (set(CLICK_MODULES) | set(left))
