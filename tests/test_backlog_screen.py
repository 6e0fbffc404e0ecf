"""The backlog screen at 80x24, keyboard only: candidates accepted (two marked at once as
one item), an item's status, effort and owner set, items merged; every change in the
study, as from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from textual.widgets import DataTable, Input

from cjtui.interface.cli.main import main
from cjtui.store import Store

from .conftest import SAMPLES
from .tui_helpers import app_for

# A study whose backlog is not reviewed yet (the bank's and the energy one's are).
BANK = "online-retail"


async def test_the_backlog_is_reviewed_from_the_keyboard(store_dir: Path) -> None:
    assert CliRunner().invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    app = app_for(Store.open(store_dir), "en")
    app.workspace.remember_choices(study=BANK)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")  # Home → the analysis
        await pilot.pause()
        await pilot.press("o")  # → the backlog
        await pilot.pause()
        screen = app.screen
        assert screen.id == "backlog"
        candidates = screen.query_one("#bl-candidates", DataTable)
        waiting = candidates.row_count
        assert waiting == 7 and screen.query_one("#bl-items", DataTable).row_count == 0
        await pilot.press("tab")  # to the candidates
        await pilot.press("space", "down", "space", "a")  # two marked: one idea
        await pilot.pause()
        assert screen.query_one("#bl-items", DataTable).row_count == 1
        assert candidates.row_count == waiting - 2
        await pilot.press("a")  # the highlighted one, alone
        await pilot.pause()
        await pilot.press("shift+tab")  # back to the items
        await pilot.press("s", "s", "e")  # proposed → planned → doing; effort S
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        owner = app.screen.query_one("#text-value", Input)
        owner.value = ""
        await pilot.press(*"Canal digital", "enter")
        await pilot.pause()
        items = screen.query_one("#bl-items", DataTable)
        assert items.row_count == 2
        await pilot.press("down", "space", "up", "m")  # fold the second into the first
        await pilot.pause()
        assert items.row_count == 1
        notice = str(screen.query_one("#notice").render())
        assert notice == "Opportunity O1: 1 more folded into it."
    study = json.loads((store_dir / "studies" / f"{BANK}.json").read_text())
    [item] = study["backlog"]
    assert (item["status"], item["effort"], item["owner"]) == ("doing", "S", "Canal digital")
    assert len(item["candidates"]) == 3
    actions = [e["action"] for e in study["log"] if e["kind"] == "backlog"]
    assert actions.count("accepted") == 2 and actions[-1] == "merged"


async def test_keys_in_one_burst_act_on_the_rows_the_screen_shows(store_dir: Path) -> None:
    """Tab, Space, ↓, Space, a posted at once (a laggy link): the two candidates under the
    cursor are marked and accepted as one item, in order."""
    from textual import events

    from .test_typist import type_burst

    assert CliRunner().invoke(main, ["--db", str(store_dir), "import", str(SAMPLES)]).exit_code == 0
    app = app_for(Store.open(store_dir), "en")
    app.workspace.remember_choices(study=BANK)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "o")
        await pilot.pause()
        screen = app.screen
        waiting = [str(k.value) for k in screen.query_one("#bl-candidates", DataTable).rows]
        burst = [events.Key("tab", None), events.Key("space", " "), events.Key("down", None),
                 events.Key("space", " "), events.Key("a", "a")]  # fmt: skip
        await type_burst(app, pilot, burst)
        assert screen.query_one("#bl-items", DataTable).row_count == 1
    study = json.loads((store_dir / "studies" / f"{BANK}.json").read_text())
    assert study["backlog"][0]["candidates"] == waiting[:2]
