"""A regular (not editable) install carries every module and data file the app needs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_holds_all_modules_and_data(tmp_path: Path) -> None:
    # Built from a clean copy: a build/ folder left in the tree would hide a missing package.
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            "build", "dist", ".venv", ".git", "__pycache__", "*.egg-info", ".*_cache"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path / "wheel"),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "wheel").glob("cjtui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "cjtui").rglob("*")
        if p.suffix in (".py", ".toml", ".json", ".tcss") and "__pycache__" not in p.parts
    }
    assert expected <= names, sorted(expected - names)
