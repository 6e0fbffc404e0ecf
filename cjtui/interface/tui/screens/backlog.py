"""The study's opportunity backlog in the app: the items ranked by priority (with the people
their evidence rests on), and the candidates typed in interviews not yet in it. From the
keyboard at 80x24: Space marks rows, `a` accepts the marked (or highlighted) candidates as
one item, `m` folds the marked items into the highlighted one, `s` and `e` step an item's
status and effort, `o` sets its owner. Every change goes through the workspace (logged in
the study, as the command line's)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ....base.i18n import decimal, plural, t
from ..base import AppScreen
from ..text import cell, lit, one_line
from ..widgets import KeyBar

STATUSES = ("proposed", "planned", "doing", "done", "dropped")
EFFORTS = ("", "S", "M", "L")


class BacklogScreen(AppScreen[None]):
    HELP = "help.backlog"
    BINDINGS = [
        Binding("space", "mark", "key.mark"),
        Binding("a", "accept", "key.accept_candidate"),
        Binding("m", "merge", "key.merge_items"),
        Binding("s", "status", "key.next_status"),
        Binding("e", "effort", "key.next_effort"),
        Binding("o", "owner", "key.owner"),
        Binding("escape", "app.pop_screen", "key.back"),
    ]
    AUTO_FOCUS = "#bl-items"

    def __init__(self, study_id: str) -> None:
        super().__init__(id="backlog")
        self.study_id = study_id
        self.rows: list[Any] = []
        self.candidates: list[Any] = []
        self.marked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        yield DataTable(id="bl-items", cursor_type="row", zebra_stripes=True)
        yield Static("", id="bl-candidates-title", classes="section-title")
        yield DataTable(id="bl-candidates", cursor_type="row")
        yield Static("", id="notice", classes="warning")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        lang = self.lang
        items = self.query_one("#bl-items", DataTable)
        items.add_columns(*(t(f"backlog.col.{c}", lang) for c in (
            "mark", "id", "title", "priority", "people", "status", "effort", "owner")))  # fmt: skip
        cands = self.query_one("#bl-candidates", DataTable)
        cands.add_columns(*(t(f"backlog.col.{c}", lang) for c in ("mark", "text", "interviews")))
        self.reload()

    def reload(self) -> None:
        lang = self.lang
        study, self.rows, self.candidates = self.app.workspace.backlog(self.study_id)
        self.query_one("#title-bar", Static).update(
            lit(plural("backlog.screen_title", len(self.rows), lang, study=study.id))
        )
        self.query_one("#bl-candidates-title", Static).update(
            lit(t("backlog.candidates", lang, n=len(self.candidates)))
        )
        items = self.query_one("#bl-items", DataTable)
        at = items.cursor_row
        items.clear()
        for row in self.rows:
            d = row.to_dict()
            items.add_row(
                cell("✓" if d["id"] in self.marked else ""), cell(d["id"]),
                cell(one_line(d["title"], 23)), cell(decimal(d["priority"], lang, 1)),
                cell(str(d["people"])),
                cell(one_line(t(f"backlog.status.{d['status']}", lang), 11)),
                cell(d["effort"] or "—"), cell(one_line(d["owner"] or "—", 10)), key=d["id"],
            )  # fmt: skip
        if self.rows:
            items.move_cursor(row=min(at, len(self.rows) - 1))
        cands = self.query_one("#bl-candidates", DataTable)
        at = cands.cursor_row
        cands.clear()
        for c in self.candidates:
            cands.add_row(
                cell("✓" if c.id in self.marked else ""), cell(one_line(c.text, 60)),
                cell(str(len(c.interviews))), key=c.id,
            )  # fmt: skip
        if self.candidates:
            cands.move_cursor(row=min(at, len(self.candidates) - 1))

    # ---- what the keys do ---------------------------------------------------------------------

    def _table(self) -> DataTable[Any] | None:
        focused = self.focused
        return focused if isinstance(focused, DataTable) else None

    def _highlighted(self, table: DataTable[Any]) -> str | None:
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _say(self, key: str, **values: Any) -> None:
        self.query_one("#notice", Static).update(lit(t(key, self.lang, **values)))

    def action_mark(self) -> None:
        table = self._table()
        key = self._highlighted(table) if table is not None else None
        if key is None:
            return
        self.marked.symmetric_difference_update({key})
        self.reload()

    def _change(self, change: Any) -> Any:
        """Run *change* (a workspace call); a rule it breaks is said on the status line."""
        from ....domain.study import StudyError

        try:
            return change()
        except StudyError as exc:
            from ..text import said

            self.query_one("#notice", Static).update(lit(said(exc, self.lang)))
            return None

    def action_accept(self) -> None:
        table = self.query_one("#bl-candidates", DataTable)
        chosen = [c.id for c in self.candidates if c.id in self.marked]
        if not chosen:
            key = self._highlighted(table)
            chosen = [c.id for c in self.candidates if c.id == key]
        if not chosen:
            self._say("backlog.none_chosen")
            return
        workspace = self.app.workspace
        made = self._change(lambda: workspace.backlog_accept(self.study_id, chosen))
        if made is not None:
            self.marked -= set(chosen)
            self.reload()
            self._say("backlog.accepted", id=made["id"], title=made["title"])

    def action_merge(self) -> None:
        keep = self._highlighted(self.query_one("#bl-items", DataTable))
        others = sorted(k for k in self.marked if k.startswith("O") and k != keep)
        if keep is None or not others:
            self._say("backlog.merge_how")
            return
        workspace = self.app.workspace
        if self._change(lambda: workspace.backlog_merge(self.study_id, keep, others)):
            self.marked -= set(others)
            self.reload()
            said = plural("backlog.merged", len(others), self.lang, id=keep)
            self.query_one("#notice", Static).update(lit(said))

    def _highlighted_row(self) -> Any:
        key = self._highlighted(self.query_one("#bl-items", DataTable))
        return next((r for r in self.rows if r.item["id"] == key), None)

    def _step(self, field: str, values: tuple[str, ...]) -> None:
        row = self._highlighted_row()
        if row is None:
            return
        now = row.item.get(field, values[0])
        nxt = values[(values.index(now) + 1) % len(values)] if now in values else values[0]
        workspace, item_id = self.app.workspace, row.item["id"]
        changes = {field: nxt}
        if self._change(lambda: workspace.backlog_update(self.study_id, item_id, **changes)):
            self.reload()

    def action_status(self) -> None:
        self._step("status", STATUSES)

    def action_effort(self) -> None:
        self._step("effort", EFFORTS)

    def action_owner(self) -> None:
        from .modals import TextModal

        row = self._highlighted_row()
        if row is None:
            return
        workspace, item_id = self.app.workspace, row.item["id"]

        def done(owner: str | None) -> None:
            if owner is None:
                return
            if self._change(lambda: workspace.backlog_update(self.study_id, item_id, owner=owner)):
                self.reload()

        title = t("backlog.owner_of", self.lang, id=item_id)
        self.app.push_screen(TextModal(title, row.item.get("owner", "")), done)
