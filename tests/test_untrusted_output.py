"""Interview text written for other programs stays inert: no formula in a spreadsheet, no
tag, link or markup in a Markdown report."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from cjtui.analysis.report import build_report, render_markdown
from cjtui.domain.guide import builtin_guide
from cjtui.exchange import formula_like, to_csv
from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import make_session

FORMULAS = [
    '=HYPERLINK("http://x")',
    " =1+1",
    "\u00a0=1+1",
    "\u200b=cmd|' /C calc'!A0",
    "\u3000@SUM(A1)",
    "\uff1dSUM(A1)",
    "\ufeff+1",
    "\t=1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_quoted_in_csv(text: str) -> None:
    assert formula_like(text)
    s = make_session(touchpoints=0)
    from cjtui.domain.model import new_touchpoint

    s.add_touchpoint("awareness", new_touchpoint(text, "web", emotion=0))
    rows = list(csv.reader(io.StringIO(to_csv([s]))))
    header, row = rows[0], rows[1]
    cell = row[header.index("touchpoint")]
    assert cell.startswith("'"), cell


@pytest.mark.parametrize("text", ["hello", "5 stars", "Año 2026", "a=b"])
def test_plain_text_is_left_as_it_is(text: str) -> None:
    assert not formula_like(text)


def test_markdown_report_keeps_interview_text_inert(store_dir: Path, runner: CliRunner) -> None:
    from cjtui.domain.model import new_touchpoint

    store = Store.open(store_dir)
    s = make_session(touchpoints=0)
    hostile = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** `code`"
    tp = s.add_touchpoint("awareness", new_touchpoint(hostile, "web", emotion=-2))
    s.update_touchpoint(tp.id, owner="# Heading owner", opportunity="<script>x()</script>")
    s.set_status("completed")
    store.save(s)
    text = render_markdown(build_report([s], builtin_guide("inbound"), "en"))
    import re

    unescaped = re.compile(r"(?<!\\)[<>`*\[\]]")
    hostile_lines = [line for line in text.splitlines() if "onerror" in line or "script" in line]
    assert hostile_lines and not any(unescaped.search(line) for line in hostile_lines)
    assert "](javascript:" not in text
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in text
    assert "\n# Heading" not in text and "| # Heading" not in text
    out = runner.invoke(main, ["--db", str(store_dir), "report", "--format", "markdown"])
    assert out.exit_code == 0 and "<script>" not in out.output.replace("\\<script\\>", "")


def test_list_lines_up_by_terminal_cells_and_neutralises_bidi(
    store_dir: Path, runner: CliRunner
) -> None:
    from cjtui.base.plain import cell_width

    store = Store.open(store_dir)
    aliases = ["王小明的访谈记录", "Zoë 😀😀", "e\u0301e\u0301 marks", "abc\u202eevil\u202c", "Ana"]
    for alias in aliases:
        store.save(make_session(alias=alias))
    out = runner.invoke(main, ["--db", str(store_dir), "list"])
    assert out.exit_code == 0
    lines = out.output.splitlines()[1:]
    assert len(lines) == len(aliases)
    assert len({cell_width(line) for line in lines}) == 1, lines
    assert "\u202e" not in out.output and "\u202c" not in out.output


def test_excel_variant_of_the_csv(store_dir: Path, runner: CliRunner, tmp_path: Path) -> None:
    store = Store.open(store_dir)
    store.save(make_session(alias="Lucía; Pérez"))
    out_file = tmp_path / "puntos.csv"
    out = runner.invoke(
        main, ["--db", str(store_dir), "export", "--format", "csv", "--excel", "-o", str(out_file)]
    )
    assert out.exit_code == 0, out.output
    data = out_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["study", "session_id", "participant"]
    assert any("Lucía; Pérez" in row for row in rows[1:])
    wrong = runner.invoke(main, ["--db", str(store_dir), "export", "--excel"])
    assert wrong.exit_code != 0 and "--excel goes with --format csv" in wrong.output
