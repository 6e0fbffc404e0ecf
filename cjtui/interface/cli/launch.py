"""The `cjtui` entry point. `cjtui` alone (or with only --db and --lang) opens the interview
app straight away; anything else goes to the click command line (main.py beside it).

The app is the main job, started many times a day in front of a participant: skipping the
command-line library's import lets its first screen appear about as fast as a bare Textual
app's (bench/bench_tui.py).
"""

from __future__ import annotations

import sys

from ...base.plain import LANGUAGES


def app_only(args: list[str]) -> tuple[str | None, str | None] | None:
    """(db, lang) when *args* hold nothing but --db and --lang; else None."""
    db = lang = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("--db", "--lang") and i + 1 < len(args):
            name, value = arg, args[i + 1]
            i += 2
        elif arg.startswith(("--db=", "--lang=")):
            name, value = arg.split("=", 1)
            i += 1
        else:
            return None
        if name == "--db":
            db = value
        elif value in LANGUAGES:
            lang = value
        else:
            return None  # click says what is wrong with it
    return db, lang


def main() -> None:
    fast = app_only(sys.argv[1:])
    if fast is None:
        from .main import main as cli_main

        cli_main()
        return
    from ...base.errors import CjtuiError
    from ...base.i18n import detect_language, say
    from ...base.plain import clean_text
    from ...store import Store

    db, lang = fast
    try:
        store = Store.open(db)
    except (CjtuiError, OSError) as exc:
        print(f"Error: {clean_text(say(exc, detect_language(lang)))}", file=sys.stderr)
        sys.exit(1)
    for warning in store.warnings:  # said as the command line says them
        print(f"warning: {clean_text(say(warning, detect_language(lang)))}", file=sys.stderr)
    from ..runapp import run_app

    sys.exit(run_app(store, detect_language(lang), [], None))
