"""The domain never imports the UI: each module is imported alone in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN = [
    "cjtui.domain.model",
    "cjtui.domain.guide",
    "cjtui.store",
    "cjtui.store.files",
    "cjtui.store.index",
    "cjtui.store.doctor",
    "cjtui.analysis.curve",
    "cjtui.analysis.report",
    "cjtui.analysis.report.build",
    "cjtui.domain.guide.parser",
    "cjtui.services.interview",
    "cjtui.services.workspace",
    "cjtui.base.plain",
    "cjtui.base.errors",
    "cjtui.interface.cli.launch",
    "cjtui.exchange",
    "cjtui.analysis.transcript",
    "cjtui.base.i18n",
    "cjtui.base.fsutil",
    "cjtui.base.jsonio",
    "cjtui.interface.cli.main",
    "cjtui.store.prefs",
    "cjtui.interface.runapp",
    "cjtui.store.core",
    "cjtui.domain.guide.files",
    "cjtui.analysis.report.render",
]


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_does_not_import_textual(module: str) -> None:
    ui = "('textual', 'rich', 'textual_plotext')"
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in {ui}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
