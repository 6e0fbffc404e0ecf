"""The HTML report and journey map, opened in a real browser: headless Chromium (the
system's package) driven by Playwright through executable_path. Nothing on a curve overlaps
or is cut off, the map's cells never spill, the A3 landscape print layout does not overflow,
and hostile interview text stays inert (no dialog, no request, no script). A PNG of each
page is kept under build/browser/ for people to look at."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjtui.analysis.journey import build_map
from cjtui.analysis.journey import render_html as map_html
from cjtui.analysis.report import build_report
from cjtui.analysis.report import render_html as report_html
from cjtui.domain.guide import load_guide
from cjtui.domain.model import Session, new_touchpoint
from cjtui.domain.study import new_study

from .conftest import make_session

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None, reason="no chromium on this machine (.ci/run installs it)"
    ),
    pytest.mark.slow,
]
SHOTS = Path(__file__).resolve().parent.parent / "build" / "browser"
A3_LANDSCAPE = (1587, 1123)  # 420 x 297 mm at 96 dpi

# The page's own checks, run in the browser: every text of each curve inside its SVG and
# none overlapping another of the same kind; no cell of the map wider than its box.
CHECKS = """() => {
  const problems = [];
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1
                        && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
                         && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const svg of document.querySelectorAll('svg.curve')) {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
    for (const t of texts) {
      if (!inside(t.getBoundingClientRect(), box)) problems.push('cut: ' + t.textContent);
    }
    for (const kind of ['xlab', 'stagelab']) {
      const group = [...svg.querySelectorAll('text.' + kind)]
        .map(t => [t, t.getBoundingClientRect()]);
      for (let i = 0; i < group.length; i++)
        for (let j = i + 1; j < group.length; j++)
          if (overlap(group[i][1], group[j][1]))
            problems.push('overlap: ' + group[i][0].textContent + ' / ' + group[j][0].textContent);
    }
  }
  for (const cell of document.querySelectorAll('.map > div, td, th')) {
    if (cell.scrollWidth > cell.clientWidth + 1)
      problems.push('spills: ' + cell.textContent.slice(0, 40));
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push('page wider than the window: ' + document.documentElement.scrollWidth);
  return problems;
}"""
INERT = """() => ({
  scripts: document.querySelectorAll('script').length,
  handlers: [...document.querySelectorAll('*')].filter(
      e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
  js_links: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
  images: document.querySelectorAll('img, iframe, object, embed').length,
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


def _open(
    browser: Any, path: Path, size: tuple[int, int], *, media: str = "screen"
) -> tuple[Any, list[str]]:
    """A page showing *path*; what it tried (dialogs, requests) is recorded."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    tried: list[str] = []
    page.on("dialog", lambda d: (tried.append("dialog: " + d.message), d.dismiss()))
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:", "about:")) else tried.append(r.url),
    )
    page.emulate_media(media=media)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, tried


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _big_study(tmp_path: Path) -> tuple[Any, list[Session], Any]:
    """A study on a guide of 8 stages with long titles, and 60 touchpoints of long names
    across its interviews: where labels would collide and get cut."""
    stages = []
    for n in range(1, 9):
        stages.append(
            f"""
[[stages]]
id = "s{n}"
title.es = "Etapa {n}: una etapa de título muy largo que no cabe"
title.en = "Stage {n}: a stage whose title is far too long to fit"

[[stages.questions]]
id = "did"
type = "long_text"
lane = "doing"
prompt = {{ es = "¿Qué hizo?", en = "What did you do?" }}
"""
        )
    inbound = Path(__file__).resolve().parent.parent / "cjtui" / "guides" / "inbound.toml"
    builtin = inbound.read_text("utf-8")
    scale = builtin[builtin.index("[scale]") : builtin.index("# Who the customer is")]
    source = (
        'id = "long"\nversion = "1"\nlanguages = ["en", "es"]\n'
        'title = { es = "Largo", en = "Long" }\n'
        'consent = { es = "Consentimiento.", en = "Consent." }\n' + scale + "".join(stages)
    )
    path = tmp_path / "long.toml"
    path.write_text(source, "utf-8")
    guide = load_guide(path)
    study = new_study("long", guide.ref, title="A long journey")
    sessions = []
    for k, perspective in enumerate(("customer", "internal", "customer")):
        s = Session.new(guide.ref, guide.stage_ids, language="en", perspective=perspective,
                        study="long", alias=f"P{k}")  # fmt: skip
        if perspective == "customer":
            s.give_consent(guide.consent_sha256("en"), quotes=True)
        for t in range(60):
            stage = guide.stage_ids[t % 8]
            name = f"Touchpoint number {t} with a name far longer than any axis label can hold"
            tp = s.add_touchpoint(stage, new_touchpoint(name, "web", (t + k) % 5 - 2))
            s.update_touchpoint(tp.id, opportunity=f"Opportunity {t}", process="A process")
        s.set_answer("s1", "did", "W" * 300)  # one unbroken word: it must wrap, not spill
        s.set_status("completed")
        sessions.append(s)
    return guide, sessions, study


def test_a_big_map_and_report_stay_legible(browser: Any, tmp_path: Path) -> None:
    guide, sessions, study = _big_study(tmp_path)
    pages = {
        "map-8-stages-60-touchpoints": map_html(build_map(sessions, guide, "en", study=study)),
        "report-8-stages-60-touchpoints": report_html(
            build_report(sessions, guide, "en", study=study)
        ),
    }
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, "utf-8")
        for size, media, suffix in (
            ((1366, 768), "screen", "laptop"),
            (A3_LANDSCAPE, "print", "a3-print"),
        ):
            page, tried = _open(browser, path, size, media=media)
            problems = page.evaluate(CHECKS)
            _shot(page, f"{name}-{suffix}")
            page.close()
            assert problems == [], (name, suffix, problems[:5])
            assert tried == []


def test_the_sample_study_pages(browser: Any, tmp_path: Path) -> None:
    from cjtui.domain.guide import builtin_guide
    from cjtui.exchange import load_import

    from .conftest import SAMPLES

    sessions = load_import(sorted(SAMPLES.glob("*.json")), lambda s: builtin_guide(s.guide.id))
    from cjtui.exchange import read_study_file

    for study_id, lang in (("online-retail", "en"), ("banco-hipoteca", "es")):
        chosen = [s for s in sessions if s.study == study_id and s.status == "completed"]
        guide = builtin_guide(chosen[0].guide.id)
        study = read_study_file(SAMPLES / f"{study_id}.study.json")
        for kind, html in (
            ("map", map_html(build_map(chosen, guide, lang, study=study))),
            ("report", report_html(build_report(chosen, guide, lang, study=study))),
        ):
            path = tmp_path / f"{kind}-{study_id}.html"
            path.write_text(html, "utf-8")
            page, tried = _open(browser, path, (1366, 768))
            problems = page.evaluate(CHECKS)
            _shot(page, f"{kind}-{study_id}")
            page.close()
            assert problems == [] and tried == [], (kind, study_id, problems[:5], tried)


HOSTILE = [
    "<script>alert('name')</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(document.cookie)",
    '"><svg onload=alert(2)>',
    "[bold red]markup[/] \x1b[31mred\x1b[0m",
    "</title><script>alert(3)</script>",
    '<a href="javascript:alert(4)">click</a>',
    "<style>body{display:none}</style><link rel=stylesheet href=http://example.com/x.css>",
]


def test_hostile_interview_text_stays_inert(browser: Any, tmp_path: Path) -> None:
    from cjtui.domain.guide import builtin_guide

    guide = builtin_guide("inbound")
    s = make_session("inbound", touchpoints=0)
    s.consent.quotes = True
    s.set_participant("code", "P-001")
    for k, text in enumerate(HOSTILE):
        tp = s.add_touchpoint(guide.stage_ids[k % 3], new_touchpoint(text, "web", -2))
        s.update_touchpoint(tp.id, quote=text, process=text, owner=text, opportunity=text)
    s.set_answer("awareness", "trigger", HOSTILE[0])
    s.set_status("completed")
    study = new_study("hostile", guide.ref, title=HOSTILE[5], subject=HOSTILE[1])
    for name, html in (
        ("map-hostile", map_html(build_map([s], guide, "en", study=study))),
        ("report-hostile", report_html(build_report([s], guide, "en", study=study))),
    ):
        assert "<script" not in html.lower() and 'onerror="' not in html
        path = tmp_path / f"{name}.html"
        path.write_text(html, "utf-8")
        page, tried = _open(browser, path, (1366, 768))
        found = page.evaluate(INERT)
        body = page.inner_text("body")
        _shot(page, name)
        page.close()
        assert tried == [], tried
        assert found == {"scripts": 0, "handlers": 0, "js_links": 0, "images": 0}, found
        assert "<script>alert('name')</script>" in body, "shown as text, literally"
        assert "\x1b" not in body


def test_the_kept_pictures_are_written() -> None:
    """The PNGs the checks above keep (for the README and for people to look at)."""
    if not SHOTS.exists():
        pytest.skip("the browser checks did not run")
    shots = sorted(p.name for p in SHOTS.glob("*.png"))
    assert "map-online-retail.png" in shots and "map-hostile.png" in shots
    assert all((SHOTS / name).stat().st_size > 5_000 for name in shots)
    json.dumps(shots)  # names only: nothing else to check here
