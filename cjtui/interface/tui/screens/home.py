"""Home: the interviews in the store, in progress first."""

from __future__ import annotations

import gc
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from ....base.errors import CjtuiError
from ....base.i18n import t
from ....base.plain import fold
from ..base import AppScreen
from ..keygate import TypingGuard
from ..text import cell, lit, one_line, said
from ..widgets import KeyBar

PAGE = 40


class SessionTable(DataTable[Any]):
    BINDINGS = [Binding("enter", "select_cursor", "key.open")]


# Column widths at 80 columns; the participant column takes what a wider terminal adds.
WIDTHS = {
    "alias": 12,
    "study": 8,
    "perspective": 11,
    "moment": 7,
    "progress": 6,
    "status": 11,
    "updated": 11,
}


class SearchInput(Input):
    BINDINGS = [Binding("escape", "screen.close_search", "key.close_search")]


class HomeScreen(AppScreen[None], TypingGuard):  # type: ignore[misc]  # as AppScreen
    HELP = "help.home"

    def on_key(self, event: events.Key) -> None:
        # Letters here are commands: words typed by mistake (after an Esc too many) run none.
        self.guard_typing(event)

    def typing_refused(self, event: events.Key) -> None:
        self.notify(t("home.refused", self.lang), severity="warning", timeout=4)

    AUTO_FOCUS = "#sessions"
    BINDINGS = [
        Binding("n", "new", "key.new"),
        Binding("d,delete", "delete", "key.delete"),
        Binding("slash", "search", "key.search", key_display="/"),
        Binding("r", "analysis", "key.analysis"),
        Binding("s", "switch_study", "key.study"),
        Binding("q", "app.request_quit", "key.quit"),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        self.rows: list[Any] = []  # what is listed (all, or those the search matches)
        self.all_rows: list[Any] = []
        self._shown = 0
        self._alias_width = WIDTHS["alias"]
        self._listed_study: str | None = None
        self._retention_said: set[str] = set()  # studies whose passed retention was said

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(lit(t("app.title", lang)), id="title-bar")
        yield Static(
            lit(t("home.store", lang, path=self.app.workspace.store.root)), id="store-path"
        )
        table = SessionTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(lit(t("home.empty", lang)), id="empty")
        yield KeyBar(id="keys")

    def on_screen_resume(self) -> None:
        """Back on Home: list the study chosen meanwhile (the analysis can switch it)."""
        if self.is_mounted and self._listed_study != self.app.study_id:
            self.reload()

    def on_mount(self) -> None:
        self._alias_width = self._fitting_alias_width()
        self._add_columns()
        self.reload()

    def _fitting_alias_width(self) -> int:
        spare = self.size.width - sum(WIDTHS.values()) - 2 * len(WIDTHS) - 2 - 3
        return max(WIDTHS["alias"], min(40, WIDTHS["alias"] + spare))

    def _add_columns(self) -> None:
        table = self.query_one(DataTable)
        lang = self.lang
        wide = self._alias_width > WIDTHS["alias"]
        for key, width in WIDTHS.items():
            width = self._alias_width if key == "alias" else width
            if key == "updated" and wide:
                width += 3  # room for the whole heading ("Último cambio")
            table.add_column(cell(t(f"home.col.{key}", lang)), key=key, width=width)

    def on_resize(self) -> None:
        width = self._fitting_alias_width()
        if width != self._alias_width and self.is_mounted:
            self._alias_width = width
            table = self.query_one(DataTable)
            row = table.cursor_row
            table.clear(columns=True)
            self._add_columns()
            shown, self._shown = self._shown, 0
            while self._shown < shown and self._shown < len(self.rows):
                self._add_page()
            if self.rows:
                table.move_cursor(row=min(row, table.row_count - 1))

    def reload(self) -> None:
        lang = self.lang
        try:
            everything, problems = self.app.workspace.summaries()
            study = self.app.current_study(everything)
            self.all_rows = [r for r in everything if study is None or r["study"] == study.id]
        except Exception as exc:  # an unreadable store: say so, keep the app usable
            study, self.all_rows, problems = None, [], []
            self.notify(said(exc, self.lang), severity="error", timeout=10)
        self._listed_study = self.app.study_id
        title = t("app.title", lang) + " · "
        if study is not None:
            title += t("study.named", lang, study=one_line(f"{study.id} · {study.title}", 50))
        else:
            title += t("study.all", lang)
        self.query_one("#title-bar", Static).update(lit(title))
        if study is not None and study.id not in self._retention_said:
            past = study.days_past_retention(self.app.clock())
            if past is not None:  # said once a study: its data is kept past the day read out
                self._retention_said.add(study.id)
                until = study.retain_until or ""
                self.notify(
                    t("home.retention", lang, id=study.id, until=until), severity="warning",
                    timeout=15,
                )  # fmt: skip
        if problems:
            files = ", ".join(p.path.name for p in problems[:3])
            more = f" (+{len(problems) - 3})" if len(problems) > 3 else ""
            self.notify(t("home.problems", lang, files=files + more), severity="error", timeout=15)
        # Thousands of long-lived rows: keep them out of every later garbage collection.
        gc.freeze()
        search = self._search()
        self._filter(search.value if search is not None else "")

    def _filter(self, query: str) -> None:
        """List the rows whose alias, segment or interviewer contains every word typed."""
        words = fold(query).split() if query else []
        if words:
            self.rows = [
                row
                for row in self.all_rows
                if all(
                    w in fold(f"{row['alias']} {row['segment']} {row['interviewer']}")
                    for w in words
                )
            ]
        else:
            self.rows = self.all_rows
        table = self.query_one(DataTable)
        table.clear()
        self._shown = 0
        self._add_page()
        searching = bool(words)
        empty = not self.rows
        note = self.query_one("#empty", Static)
        note.update(lit(t("home.no_match" if searching else "home.empty", self.lang)))
        note.display = empty
        table.display = not empty
        search = self._search()
        if not empty and not (search is not None and search.has_focus):
            table.focus()

    def _search(self) -> Input | None:
        found = self.query("#search")
        return found.first(Input) if found else None

    def action_search(self) -> None:
        search = self._search()
        if search is None:
            # Made when first asked for: the first screen appears sooner without it.
            search = SearchInput(placeholder=t("home.search", self.lang), id="search", compact=True)
            self.mount(search, before=self.query_one(DataTable))
        search.display = True
        # Focused once the "/" itself has been handled, so it is not typed into the search.
        self.call_after_refresh(search.focus)

    def action_close_search(self) -> None:
        """Esc in the search: the whole list again."""
        search = self._search()
        if search is None:
            return
        search.value = ""
        search.display = False
        self._filter("")
        self.query_one(DataTable).focus()

    @on(Input.Changed, "#search")
    def _searched(self, event: Input.Changed) -> None:
        event.stop()
        self._filter(event.value)

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        if self.rows:
            self.query_one(DataTable).focus()

    def _add_page(self) -> None:
        """Show the next rows. A store of 10,000 sessions is listed a page at a time, so the
        first screen is as quick as with ten, and memory holds what is shown."""
        lang = self.lang
        table = self.query_one(DataTable)
        page = self.rows[self._shown : self._shown + PAGE]
        for row in page:
            moment = t(f"moment.{row['moment']}", lang) if row["moment"] else t("moment.none", lang)
            done = "?" if row["stages_done"] is None else row["stages_done"]
            table.add_row(
                cell(one_line(row["alias"] or "—", self._alias_width)),
                cell(one_line(row["study"], WIDTHS["study"])),
                cell(t(f"perspective.{row['perspective']}", lang)),
                cell(moment),
                cell(f"{done}/{row['stages_total']}"),
                cell(t(f"status.{row['status']}", lang)),
                cell(row["updated_at"][5:16].replace("T", " ")),
                key=row["id"],
            )
        self._shown += len(page)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self._shown - 5 and self._shown < len(self.rows):
            self._add_page()

    def _current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return str(self.rows[table.cursor_row]["id"])

    def action_switch_study(self) -> None:
        from .modals import StudyPicker

        def chosen(result: tuple[str, str | None] | None) -> None:
            if result is None:
                return
            what, study_id = result
            if what == "new":
                self._new_study()
                return
            self.app.choose_study(study_id)
            self.reload()

        overview = self.app.workspace.study_overview()
        self.app.push_screen(StudyPicker(overview, self.app.study_id), chosen)

    def _new_study(self) -> None:
        from .modals import NewStudyModal

        def made(result: tuple[str, str, str] | None) -> None:
            if result is None:
                return
            study_id, title, guide_id = result
            guide = next(g for g in self.app.guides if g.id == guide_id)
            try:
                study = self.app.workspace.make_study(study_id, guide, title)
            except (CjtuiError, OSError) as exc:
                self.notify(said(exc, self.lang), severity="error", timeout=10)
                return
            self.app.choose_study(study.id)
            self.reload()

        self.app.push_screen(NewStudyModal(self.app.guides), made)

    def action_analysis(self) -> None:
        from .analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen())

    def action_new(self) -> None:
        from .new import NewSessionScreen

        study = self.app.current_study()
        if study is not None:  # its guide must be at hand before the form is drawn
            try:
                self.app.workspace.study_guide(study)
            except (CjtuiError, OSError) as exc:
                self.notify(said(exc, self.lang), severity="error", timeout=10)
                return
        self.app.push_screen(NewSessionScreen())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        session_id = self._current_id()
        if session_id is not None:
            self.app.open_session(session_id, at_last_position=True)

    def action_delete(self) -> None:
        from .modals import ConfirmModal

        session_id = self._current_id()
        if session_id is None:
            return
        lang = self.lang
        row = self.rows[self.query_one(DataTable).cursor_row]

        def delete(force: bool) -> None:
            from ....services.workspace import NotYoursError

            try:
                self.app.workspace.delete(session_id, force=force)
            except NotYoursError as exc:  # a colleague's: asked a second time, naming them
                self.app.push_screen(
                    ConfirmModal(
                        t("home.delete_theirs", lang, who=exc.started_by),
                        t("key.delete", lang),
                        t("key.cancel", lang),
                    ),
                    lambda yes: delete(True) if yes else None,
                )
                return
            except (CjtuiError, OSError) as exc:  # open in another terminal, say, or gone
                error = said(exc, lang)
                self.notify(
                    t("home.delete_failed", lang, error=error), severity="error", timeout=10
                )
            else:
                self.notify(t("home.deleted", lang))
            self.reload()

        def done(yes: bool | None) -> None:
            if yes:
                delete(False)

        self.app.push_screen(
            ConfirmModal(
                t("home.delete", lang, alias=row["alias"] or session_id[:8]),
                t("key.delete", lang),
                t("key.cancel", lang),
            ),
            done,
        )
