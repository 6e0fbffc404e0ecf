"""A full disk at every step: a small file system (tmpfs of a fixed size, mounted for the
test) is filled so that it has room for only so many bytes more, for every amount from none
to enough, and an import, a delete and a study edit are run on a store there. Afterwards
the store is exactly as before or exactly as after, nothing is left half-written, and
doctor finds it healthy. Mounting needs root on Linux (CI runs so); elsewhere it skips,
saying why."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.base.fsutil import is_temp_name
from cjtui.interface.cli.main import main

from .conftest import SAMPLES

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not hasattr(os, "getuid") or os.getuid() != 0,
    reason="needs root on Linux to mount a small file system (CI runs so)",
)

PAGE = 4096
SIZE = 4 * 1024 * 1024


@pytest.fixture(scope="module")
def small_disk() -> Iterator[Path]:
    where = Path(tempfile.mkdtemp(prefix="cjtui-small-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(where)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        shutil.rmtree(where, ignore_errors=True)
        pytest.skip(f"cannot mount a small file system here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)
        shutil.rmtree(where, ignore_errors=True)


def run(store: Path, *args: str) -> tuple[int, str]:
    out = CliRunner().invoke(main, ["--db", str(store), "--lang", "en", *args])
    if out.exception is not None and not isinstance(out.exception, SystemExit):
        raise out.exception
    return out.exit_code, out.output


def state(store: Path) -> dict[str, str]:
    """What the store holds: its sessions and study records (the index is a cache, the
    lock and leases hold no data), with every file whole."""
    found = {}
    for folder in ("sessions", "studies", "guides"):
        for path in sorted((store / folder).iterdir()):
            assert not is_temp_name(path.name), f"left over: {path}"
            if path.suffix == ".lock":
                continue
            data = path.read_bytes()
            if folder == "studies":  # the log's times differ between two runs: not the data
                data = re.sub(rb'"at": "[^"]*"', b'"at": ""', data)
            found[f"{folder}/{path.name}"] = hashlib.sha256(data).hexdigest()
    return found


def _leave_free(disk: Path, room: int) -> None:
    """Fill *disk* so that about *room* bytes are left (to the page)."""
    filler = disk / "filler"
    filler.unlink(missing_ok=True)
    info = os.statvfs(disk)
    free = info.f_bavail * info.f_frsize
    if free - room > 0:
        fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            os.posix_fallocate(fd, 0, free - room)
        finally:
            os.close(fd)


@contextlib.contextmanager
def store_on(disk: Path, base: Path) -> Iterator[Path]:
    for path in disk.iterdir():
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    store = disk / "store"
    shutil.copytree(base, store, symlinks=True)
    yield store


def _each_room(
    disk: Path, base: Path, args: tuple[str, ...], tmp_path: Path
) -> tuple[int, list[int]]:
    """Run *args* on a copy of *base* with room for 0, 1, 2… pages more until it passes;
    every time, the store is as before or as after, and doctor says it is healthy. Returns
    how many pages it needed and the exit codes seen."""
    whole = tmp_path / "whole"
    shutil.copytree(base, whole, symlinks=True)
    code, output = run(whole, *args)
    assert code == 0, output
    before, after = state(base), state(whole)
    assert before != after
    codes = []
    for pages in range(0, 200):
        with store_on(disk, base) as store:
            _leave_free(disk, pages * PAGE)
            code, output = run(store, *args)
            (disk / "filler").unlink(missing_ok=True)
            codes.append(code)
            now = state(store)
            assert now in (before, after), (pages, output)
            if code != 0:
                assert now == before, (pages, output)
                assert "Traceback" not in output and len(output.strip().splitlines()) <= 3
            doctor_code, said = run(store, "doctor")
            assert doctor_code == 0 and "0 problems" in said, (pages, output, said)
            if code == 0:
                assert now == after, (pages, output)
                return pages, codes
    raise AssertionError("never had room enough")


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("base") / "store"
    code, output = run(root, "import", str(SAMPLES))
    assert code == 0, output
    return root


def test_an_import_with_the_disk_full_at_every_step(
    small_disk: Path, base_store: Path, tmp_path: Path
) -> None:
    """An export of one study and its record into a store without it: the sessions and the
    study record land together or not at all."""
    source = tmp_path / "source"
    shutil.copytree(base_store, source)
    export = tmp_path / "bank.jsonl"
    code, output = run(source, "export", "--study", "banco-hipoteca", "--format", "jsonl")
    export.write_text(output, "utf-8")
    record = tmp_path / "banco-hipoteca.study.json"
    assert run(source, "study", "show", "banco-hipoteca", "--json", "-o", str(record))[0] == 0
    empty = tmp_path / "empty"
    assert run(empty, "init")[0] == 0
    pages, codes = _each_room(small_disk, empty, ("import", str(export), str(record)), tmp_path)
    assert pages >= 3 and codes.count(1) == pages  # it failed at each step before it passed


def test_a_delete_with_the_disk_full_at_every_step(
    small_disk: Path, base_store: Path, tmp_path: Path
) -> None:
    """The study's log entry is written before the session goes: with no room for it, the
    session stays."""
    pages, codes = _each_room(
        small_disk, base_store, ("delete", "2d8b3e4a", "--yes", "--force"), tmp_path
    )
    assert pages >= 1 and codes.count(1) == pages


def test_a_study_edit_with_the_disk_full_at_every_step(
    small_disk: Path, base_store: Path, tmp_path: Path
) -> None:
    args = ("study", "edit", "banco-hipoteca", "--title", "Hipoteca 2027 " + "x" * 200)
    pages, codes = _each_room(small_disk, base_store, args, tmp_path)
    assert pages >= 1 and codes.count(1) == pages
