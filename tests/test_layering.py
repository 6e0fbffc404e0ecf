"""The domain never imports the UI: each module is imported alone in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN = [
    "cjtui.model",
    "cjtui.guide",
    "cjtui.store",
    "cjtui.store.files",
    "cjtui.store.index",
    "cjtui.store.doctor",
    "cjtui.curve",
    "cjtui.report",
    "cjtui.report.build",
    "cjtui.guide.parser",
    "cjtui.interview",
    "cjtui.workspace",
    "cjtui.plain",
    "cjtui.errors",
    "cjtui.launch",
    "cjtui.exchange",
    "cjtui.transcript",
    "cjtui.i18n",
    "cjtui.fsutil",
    "cjtui.jsonio",
    "cjtui.cli",
    "cjtui.prefs",
    "cjtui.runapp",
    "cjtui.store.core",
    "cjtui.guide.files",
    "cjtui.report.render",
]


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_does_not_import_textual(module: str) -> None:
    ui = "('textual', 'rich', 'textual_plotext')"
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in {ui}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
