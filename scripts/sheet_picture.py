"""Draw the picture of the workbook for the README (docs/backlog-sheet.png): the sample bank
study's `cjtui map --format xlsx`, opened again with openpyxl, its "Oportunidades" sheet laid
out as a spreadsheet shows it (column widths, bold headers, fills, wrapped text) and
photographed in Chromium through Playwright.

Run from the repository root, with Debian's chromium installed:
    python scripts/sheet_picture.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "backlog-sheet.png"
SHEET = "Oportunidades"
PX_PER_WIDTH = 7.2  # a spreadsheet column of width 1 is about one character


def workbook(folder: Path) -> Path:
    """The bank study's workbook, made with the command line from the samples."""
    db, path = folder / "store", folder / "mapa.xlsx"
    cli = [sys.executable, "-m", "cjtui", "--db", str(db), "--lang", "es"]
    subprocess.run([*cli, "import", str(ROOT / "sample_sessions")], check=True, capture_output=True)
    subprocess.run(
        [*cli, "map", "--study", "banco-hipoteca", "--format", "xlsx", "-o", str(path)],
        check=True,
        capture_output=True,
    )
    return path


def sheet_html(path: Path, name: str) -> str:
    """One sheet as an HTML table: what the cells hold, as the spreadsheet styles them."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    sheet = openpyxl.load_workbook(path)[name]
    columns = range(1, sheet.max_column + 1)
    widths = [
        (sheet.column_dimensions[get_column_letter(c)].width or 10) * PX_PER_WIDTH for c in columns
    ]
    out = [
        "<html><head><meta charset='utf-8'><style>",
        "body{margin:0;font:13px Calibri,Carlito,'Liberation Sans',sans-serif;background:#fff}",
        "table{border-collapse:collapse;table-layout:fixed}",
        "td,th{border:1px solid #d4d4d4;padding:2px 4px;vertical-align:top;overflow:hidden}",
        "th.h{background:#f3f3f3;color:#555;font-weight:normal;text-align:center}",
        ".tab{display:inline-block;margin:6px 0 0 40px;padding:3px 14px;border:1px solid #bbb;",
        "border-top:none;background:#fff;font-weight:bold;color:#1e6e3c}",
        "</style></head><body><div id='sheet' style='display:inline-block'>",
        f"<table style='width:{32 + sum(widths):.0f}px'>",
        "<tr><th class='h' style='width:32px'></th>",
        *(
            f"<th class='h' style='width:{w:.0f}px'>{get_column_letter(c)}</th>"
            for c, w in zip(columns, widths, strict=True)
        ),
        "</tr>",
    ]
    for r, row in enumerate(sheet.iter_rows(), 1):
        out.append(f"<tr><th class='h'>{r}</th>")
        for cell in row:
            style = []
            if cell.font is not None and cell.font.bold:
                style.append("font-weight:bold")
            color = cell.font.color.rgb if cell.font is not None and cell.font.color else None
            if isinstance(color, str) and len(color) == 8:
                style.append(f"color:#{color[2:]}")
            fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type else None
            if isinstance(fill, str) and len(fill) == 8:
                style.append(f"background:#{fill[2:]}")
            wrap = cell.alignment is not None and cell.alignment.wrap_text
            style.append("white-space:pre-wrap" if wrap else "white-space:nowrap")
            value = "" if cell.value is None else str(cell.value)
            out.append(f"<td style='{';'.join(style)}'>{html.escape(value)}</td>")
        out.append("</tr>")
    out.append(f"</table><div class='tab'>{html.escape(name)}</div></div></body></html>")
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        page_html = sheet_html(workbook(Path(folder)), SHEET)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium)
        page = browser.new_page(viewport={"width": 2300, "height": 300})
        page.route("**/*", lambda route: route.abort())
        page.set_content(page_html)
        page.locator("#sheet").screenshot(path=str(OUT))
        browser.close()
    print(OUT)


if __name__ == "__main__":
    main()
