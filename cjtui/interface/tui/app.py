"""The interview app: built by :func:`make_app`, used by the CLI and by the tests.

The app keeps the current :class:`~cjtui.services.interview.Interview`, commits typed answers a
moment after typing stops (or at most a second after the first unsaved keystroke), and saves and
exits cleanly when the terminal goes away (SIGHUP) or the process is asked to stop (SIGTERM):
Textual installs no handler for either, so without this an SSH drop would lose the answer
being typed.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from ...base.errors import CjtuiError
from ...base.i18n import t
from ...base.plain import clean_text
from ...domain.model import PERSONA_STAGE, now_iso, parse_iso
from ...services.workspace import StoreChangedError, Workspace
from .keygate import OrderedKeys
from .text import plain_faces, said

if TYPE_CHECKING:  # guides and interviews are loaded when first needed, not at start-up
    from ...domain.guide import Guide
    from ...domain.study import Study
    from ...services.interview import Interview, Key
    from ...services.workspace import Summary

# Typed text is committed once typing pauses this long, or this long after it began.
IDLE_COMMIT = 0.5
MAX_UNSAVED = 1.0
# After SIGHUP/SIGTERM the session is saved at once; the process is gone by this deadline
# even if the terminal, being gone, blocks Textual's own shutdown.
EXIT_DEADLINE = 1.5
# How long a quit waits for the last save before saying what it waits for.
QUIT_WAIT = 1.0
# The exit status when the interviewer left with the last change in a recovery file.
LEFT_UNSAVED = 75


class CjtuiApp(OrderedKeys):
    CSS_PATH = "cjtui.tcss"
    ENABLE_COMMAND_PALETTE = False
    # Screens get a class by the terminal's size, so the layout gives room where there is
    # room (cjtui.tcss): wider side panes, a taller touchpoint table; 80x24 stays whole.
    HORIZONTAL_BREAKPOINTS = [(0, "-normal"), (110, "-wide"), (150, "-very-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-normal"), (36, "-tall"), (48, "-very-tall")]
    TITLE = "cjtui"
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "key.quit", priority=True),
        Binding("ctrl+c", "request_quit", "key.quit", show=False, priority=True),
        Binding("f1", "help", "key.help", priority=True),
        # "?" also opens help, except where it is being typed into an answer.
        Binding("question_mark", "help", "key.help", show=False),
    ]

    def __init__(
        self,
        store: Any,
        *,
        lang: str = "en",
        guides: list[Guide] | None = None,
        resume: str | None = None,
        clock: Callable[[], str] = now_iso,
        cursor_blink: bool = True,
        handle_signals: bool = True,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.workspace = store if isinstance(store, Workspace) else Workspace.of(store, clock=clock)
        self._extra_guides = list(guides or [])
        self.resume_id = resume
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.handle_signals = handle_signals
        self.ascii_faces = plain_faces()
        self.use_color = not os.environ.get("NO_COLOR")
        self.interview: Interview | None = None
        self.exit_deadline: float | None = EXIT_DEADLINE
        # One writer thread: saves leave the UI thread but keep their order.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cjtui-save")
        self._save_error_shown: str | None = None
        # Left with the last change in a recovery file (see leave_unsaved), and the line to
        # say on the terminal once the app has gone.
        self.left_unsaved = False
        self.exit_line: str | None = None
        # Lines about recovery files taken back as the app started (see cjtui.services.recovery).
        self.startup_notices: list[str] = []
        self._first_edit: float | None = None
        # Required questions passed by empty in this interview: (step id, question id).
        self.flagged_missing: list[tuple[str, str]] = []
        self._last_edit: float = 0.0
        # The study Home lists and new interviews go to (None: several and none chosen yet,
        # or none at all); set when Home first loads.
        self.study_id: str | None = None
        self._study_chosen = False
        # A notice for the next screen's status line (a required question left behind).
        self.carried_notice = ""

    def current_study(self, rows: list[Summary] | None = None) -> Study | None:
        """The current study's record (see study_id), or None. *rows*: the store's
        summaries, when the caller has them."""
        if not self._study_chosen:
            self._study_chosen = True
            last = self.workspace.last_choices().get("study")
            self.study_id = self.workspace.default_study(last, rows)
        if self.study_id is None:
            return None
        try:
            return self.workspace.load_study(self.study_id, rows)
        except CjtuiError:
            self.study_id = None
            return None

    def choose_study(self, study_id: str | None) -> None:
        """Work in *study_id* from now on (None: list every study's sessions)."""
        self._study_chosen = True
        self.study_id = study_id
        if study_id is not None:
            self.workspace.remember_choices(study=study_id)

    # ---- start-up ------------------------------------------------------------------------

    @property
    def guides(self) -> list[Guide]:
        """The guides offered for a new interview: those given first, then the built-ins."""
        from ...domain.guide import builtin_guides

        offered = list(self._extra_guides)
        offered += [g for g in builtin_guides() if all(g.sha256 != x.sha256 for x in offered)]
        return offered

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.ui_loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        if self.handle_signals:
            self._install_signal_handlers()
        self.set_interval(0.2, self._autosave_tick)
        self.push_screen(HomeScreen())
        for line in self.startup_notices:
            self.notify(said(line, self.lang), timeout=12)
        if self.resume_id:
            self.open_session(self.resume_id, at_last_position=True)

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGHUP, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self._terminal_gone, sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def _terminal_gone(self, sig: int) -> None:
        """SSH dropped or we were told to stop: save everything, then leave promptly (a
        save still waiting for the store's lock then is kept in a recovery file)."""
        self.flush(wait=True, timeout=QUIT_WAIT)
        if self.interview is not None and self.interview.save_pending():
            self.leave_unsaved(t("quit.kept", self.lang, path="{path}"), 128 + sig)
        if self.exit_deadline is not None:
            timer = threading.Timer(self.exit_deadline, os._exit, args=(128 + sig,))
            timer.daemon = True
            timer.start()
        self.exit(return_code=128 + sig)

    # ---- messages -----------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast, always literal: store paths, stage titles and error messages carry
        brackets that Rich markup would swallow, or choke on (``[/x]`` ends the app)."""
        super().notify(
            clean_text(str(message)),
            title=clean_text(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    async def run_action(
        self, action: str | Any, default_namespace: Any = None, namespaces: Any = None
    ) -> bool:
        # A store or file error raised by a key's action (a session held elsewhere, a full
        # disk, a folder gone) is said and the app goes on: Textual would otherwise end the
        # app, or stop the screen's message loop. What was typed stays in memory.
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except StoreChangedError as exc:
            self.store_lost(exc)
            return True
        except (CjtuiError, OSError) as exc:
            self.notify(t("error.action", self.lang, error=exc), severity="error", timeout=10)
            return True

    # ---- the interview -------------------------------------------------------------------

    def buffer(self, key: Key, value: Any) -> None:
        """Hold typed text; committed after a pause (see IDLE_COMMIT / MAX_UNSAVED)."""
        if self.interview is None:
            return
        self.interview.buffer(key, value)
        self.typing()

    def typing(self) -> None:
        """Text was just typed and held: commit it after a pause."""
        now = time.monotonic()
        self._last_edit = now
        if self._first_edit is None:
            self._first_edit = now

    def flush(self, *, wait: bool = False, timeout: float = 10.0) -> bool:
        """Commit what was typed and save it (on the writer thread); with *wait*, until the
        write is done. Returns False if the last save failed.

        Screens are asked for what their fields hold first: a key pressed just before a quit
        or a hang-up may not have reached the interview as a message yet.
        """
        self._first_edit = None
        if self.interview is None:
            return True
        self._harvest()
        ok = self.interview.flush()
        if self.interview.refused:
            refused, self.interview.refused = self.interview.refused, None
            reason = said(refused, self.lang)
            self.notify(t("save.refused", self.lang, reason=reason), severity="error", timeout=10)
        if wait:
            ok = self.interview.wait(timeout)
            self._after_save()
        self.refresh_status()
        return ok

    def _harvest(self) -> None:
        for screen in self.screen_stack:
            harvest = getattr(screen, "harvest", None)
            if callable(harvest):
                try:
                    harvest()
                except Exception:  # a screen already taken down at exit: nothing to read
                    pass

    def _route_saves(self, interview: Interview) -> Interview:
        """Route an interview's saves through the writer thread."""
        interview.background = self._writer
        loop = getattr(self, "ui_loop", None)
        if loop is not None:
            interview.on_saved = lambda: loop.call_soon_threadsafe(self._after_save)
        return interview

    def _after_save(self) -> None:
        """On the UI thread, after a background save: show the outcome."""
        interview = self.interview
        if interview is None:
            return
        error = interview.last_error
        if error and error != self._save_error_shown:
            # The bar on top says so too, for as long as it lasts; the answer stays here.
            shown = said(error, self.lang)
            self.notify(t("save.failed", self.lang, error=shown), severity="error", timeout=10)
        self._save_error_shown = error
        self.refresh_status()

    def close_interview(self) -> bool:
        """Save the current interview, wait for the writer, and give up its edit lease."""
        self.flagged_missing = []
        if self.interview is None:
            return True
        self._harvest()
        ok = self.interview.close()
        self.interview = None
        return ok

    def on_unmount(self) -> None:
        # However the app ends, nothing typed is left unsaved (in the store, or, when the
        # interviewer left it waiting for the store, in a recovery file).
        self.close_interview()
        self._writer.shutdown(wait=not self.left_unsaved, cancel_futures=True)

    def _autosave_tick(self) -> None:
        self._watch_store()
        if self.left_unsaved:
            return
        interview = self.interview
        if interview is not None and interview.store_changed is not None:
            self.store_lost(interview.store_changed)
            return
        if self.interview is None or not (self.interview.pending or self.interview.dirty):
            return
        now = time.monotonic()
        first = self._first_edit if self._first_edit is not None else now
        if now - self._last_edit >= IDLE_COMMIT or now - first >= MAX_UNSAVED:
            self.flush()

    def refresh_status(self) -> None:
        refresh = getattr(self.screen, "refresh_status", None)
        if callable(refresh):
            refresh()

    def saved_text(self) -> tuple[str, bool]:
        interview = self.interview
        if interview is None:
            return "", False
        if interview.last_error:
            return t(
                "stage.save_error", self.lang, error=said(interview.last_error, self.lang)
            ), True
        if interview.last_saved:
            stamp = _local(interview.last_saved, "%H:%M:%S")
            return t("stage.saved", self.lang, time=stamp), False
        if interview.persisted:
            stamp = _local(interview.session.updated_at, "%Y-%m-%d %H:%M")
            return t("stage.last_change", self.lang, time=stamp), False
        return t("stage.not_saved", self.lang), False

    def steps(self) -> list[str]:
        """The interview's screens in order: the persona (if the guide asks any), then the
        session's stages (the guide's, and any the participant added where they lived them)."""
        assert self.interview is not None
        guide = self.interview.guide
        stages = [r.id for r in self.interview.session.stages]
        return ([PERSONA_STAGE] if guide.persona else []) + stages

    def begin(self, interview: Interview) -> None:
        """Start taking a new interview (after the new-session form, and consent)."""
        self.close_interview()
        self.interview = self._route_saves(interview)
        self.go_to_step(0, replace=False)

    def open_session(self, session_id: str, *, at_last_position: bool = True) -> None:
        self.close_interview()
        try:
            interview = self.workspace.resume(session_id)
        except Exception as exc:  # busy, corrupt, unknown guide: shown, never a crash
            self.notify(
                t("resume.missing", self.lang, error=said(exc, self.lang)),
                severity="error",
                timeout=8,
            )
            return
        self.interview = self._route_saves(interview)
        step, focus = 0, None
        if at_last_position:
            stage, target = interview.session.last_position()
            if stage is not None and stage in self.steps():
                step, focus = self.steps().index(stage), target
                focus = _editor_focus(interview.session.last_change()) or focus
        if interview.session.status == "completed":
            step, focus = len(self.steps()), None  # a finished interview opens on its summary
        self.go_to_step(step, focus=focus, replace=False)

    def go_to_step(self, index: int, *, focus: str | None = None, replace: bool = True) -> None:
        from .screens.stage import StageScreen
        from .screens.summary import SummaryScreen

        self.flush()
        self.clear_notifications()  # a step's notices belong to it, not to the next screen
        steps = self.steps()
        index = max(0, min(index, len(steps)))
        if index == len(steps):
            self.carried_notice = ""  # the summary lists what is missing itself
        screen = SummaryScreen() if index == len(steps) else StageScreen(index, focus=focus)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def flag_missing(self, missing: list[tuple[str, str]]) -> None:
        for item in missing:
            if item not in self.flagged_missing:
                self.flagged_missing.append(item)

    def goto_missing(self) -> None:
        """To the first required question still unanswered (Ctrl+G, g on the summary)."""
        if self.interview is None:
            return
        missing = [(stage, q.id) for stage, q in self.interview.missing_required()]
        self.flagged_missing = [m for m in self.flagged_missing if m in missing]
        targets = self.flagged_missing or missing
        steps = self.steps()
        target = targets[0] if targets else None
        if target is None or target[0] not in steps:
            self.notify(t("stage.nothing_missing", self.lang))
            self.refresh_bindings()
            return
        self.flag_missing(missing)
        self.go_to_step(steps.index(target[0]), focus=target[1])

    def leave_interview(self) -> None:
        """Back to the session list, everything saved."""
        from .screens.home import HomeScreen

        self.close_interview()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.reload()

    # ---- app-wide actions ----------------------------------------------------------------

    def action_request_quit(self) -> None:
        from ...base.i18n import t
        from .screens.modals import ConfirmModal

        if isinstance(self.screen, ConfirmModal):
            return
        ok = self.flush(wait=True, timeout=QUIT_WAIT)
        if self.interview is not None and self.interview.save_pending():
            self._ask_wait_or_leave()
            return
        error = self.interview.last_error if self.interview else None
        question = (
            t("quit.unsaved", self.lang, error=said(error, self.lang))
            if not ok and error
            else t("quit.confirm", self.lang)
        )

        def done(quit_now: bool | None) -> None:
            if quit_now:
                self.close_interview()
                self.exit()

        self.push_screen(
            ConfirmModal(question, t("key.quit", self.lang), t("key.cancel", self.lang)), done
        )

    def _ask_wait_or_leave(self) -> None:
        """The last save waits for the store's lock, held by another process: say for whom,
        and let the interviewer wait or leave with the change kept in a recovery file."""
        from .screens.modals import ConfirmModal

        who = self.workspace.store.lock_holder() or t("quit.someone", self.lang)

        def done(leave: bool | None) -> None:
            if leave:
                self.leave_unsaved(t("quit.kept", self.lang, path="{path}"))
            else:
                self.notify(t("quit.wait_on", self.lang, who=who), timeout=8)

        self.push_screen(
            ConfirmModal(
                t("quit.waiting", self.lang, who=who),
                t("key.leave", self.lang),
                t("key.wait", self.lang),
            ),
            done,
        )

    def leave_unsaved(self, line: str, return_code: int = LEFT_UNSAVED) -> None:
        """Leave now although the last change is not in the store: it is kept in a recovery
        file (see cjtui.services.recovery) that the next start takes back; *line* ({path} filled)
        is said on the terminal after the app has gone."""
        interview = self.interview
        if interview is not None:
            self._harvest()
            path = interview.keep_for_recovery()
            where = str(path) if path is not None else t("quit.not_kept", self.lang)
            line = line.replace("{path}", where)
            if interview.lease is not None:  # free for the next start to take it back
                interview.lease.release()
                interview.lease = None
        self.interview = None  # nothing more goes through the store
        self.left_unsaved = True
        self.exit_line = line
        self.exit(return_code=return_code)

    def store_lost(self, error: Exception) -> None:
        """The store's folders are not those it was opened with: stop working on it at
        once, with one line, keeping what was typed outside it."""
        if self.left_unsaved:
            return
        kept = t("store.lost_kept", self.lang, path="{path}")
        self.leave_unsaved(f"{clean_text(said(error, self.lang))}\n{kept}", return_code=1)

    def _watch_store(self) -> None:
        """Every tick: the store's folders still those it was opened with (cheap: four
        stats), so a folder swapped under an idle app stops it before anything is shown
        or written there."""
        try:
            self.workspace.store.check()
        except StoreChangedError as exc:
            self.store_lost(exc)

    def action_help(self) -> None:
        from .screens.modals import HelpModal

        if isinstance(self.screen, HelpModal):
            self.pop_screen()
            return
        # Textual's Screen has HELP = None: a dialog without a topic of its own gets the
        # topic of the screen it opened over (a stage's, for its confirmation).
        topic = next(
            (h for screen in reversed(self.screen_stack) if (h := getattr(screen, "HELP", None))),
            "help.home",
        )
        self.push_screen(HelpModal(topic))


# Touchpoint fields only the editor changes: a resume after such a change reopens the
# editor there (a rating may also come from the table, which is where it reopens).
EDITOR_FIELDS = (
    "name", "channel", "pain", "pain_kind", "severity", "quote", "note", "process",
    "process_problem", "owner", "opportunity",
)  # fmt: skip


def _editor_focus(event: Any) -> str | None:
    """``tp:<touchpoint>:<field>`` when the latest change was made in the touchpoint
    editor, else None."""
    if event is None or event.target is None:
        return None
    if event.kind == "touchpoint_changed" and event.field in EDITOR_FIELDS:
        return f"tp:{event.target}:{event.field}"
    return None


def _local(stamp: str, fmt: str) -> str:
    """A stored UTC time as local time in *fmt*, or as stored if it does not parse."""
    try:
        return parse_iso(stamp).astimezone().strftime(fmt)
    except ValueError:
        return stamp


def make_app(store: Any = None, **options: Any) -> CjtuiApp:
    """The one factory for the app, used by `cjtui interview` and by the tests.

    *store* is a Workspace, a Store or a store folder (None: the default store), reached
    only through a Workspace; *options* are CjtuiApp's keyword arguments (lang, guides,
    resume, clock, cursor_blink, handle_signals).
    """
    return CjtuiApp(store, **options)
