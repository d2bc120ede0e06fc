"""The coordinator's week on the board: add and retire tasks, bulk actions on marked cards,
the archive / needs-review / due-within filters, and reports of the current filter.

A mixin of :class:`BoardScreen` (kept apart so neither file grows past a few
hundred lines).  Every bulk action is ONE gateway job running several store
calls inside one ``store.transaction()``: one commit, one history seq, one `u`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from taskboard import config
from taskboard.model import ARCHIVE_REASONS, Status, Task, split_units
from taskboard.store import TaskStore

from ..gateway import Op
from ..i18n import tr

# The dialogs are imported where they open (see board_screen.py).

if TYPE_CHECKING:
    from datetime import date

    from textual.app import App

    from ..board_model import BoardModel, Filters, SortKey
    from ..gateway import StoreGateway
    from ..widgets.card_column import CardColumn

# Report kinds offered from the board, in menu order (see taskboard.services.REPORT_KINDS).
REPORTS = (
    "summary_html",
    "summary_pdf",
    "summary_md",
    "summary_text",
    "ledger_xlsx",
    "ledger_csv",
    "remind_text",
    "remind_md",
)


def default_report_folder() -> Path:
    """The folder reports go to: the last one used, else ~/Documents (else home)."""
    saved = config.load().get("report_folder")
    if isinstance(saved, str) and saved.strip():
        return Path(saved).expanduser()
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def settings_of(filters: Filters, sort: str, today: Any) -> dict[str, Any]:
    """The board settings kept in config: JSON-ready filters, sort and as-of date.

    The archive view is not kept: a board must never open showing only retired tasks.
    """
    return {
        "filters": {
            "query": filters.query,
            "leads": sorted(filters.leads),
            "sources": sorted(filters.sources),
            "overdue": filters.overdue,
            "role": filters.role,
            "due_days": filters.due_days,
            "review": filters.review,
        },
        "sort": sort,
        "today": today.isoformat(),
    }


class WeekActions:
    """Board actions for adding, retiring, marking and reporting (mixed into BoardScreen)."""

    if TYPE_CHECKING:  # provided by BoardScreen / Screen
        model: BoardModel
        gateway: StoreGateway
        lang: str
        columns: dict[Status, CardColumn]
        today: date
        start_today: date
        app: App[Any]

        def notify(self, message: str, **kwargs: Any) -> None: ...
        def _apply(self, change: Callable[[], Any], follow: str | None = None) -> None: ...
        def _upsert(self, task: Task) -> Any: ...
        def _writable(self) -> bool: ...
        def _target(self) -> Task | None: ...
        def _set_filters(self, filters: Filters) -> None: ...
        def _update_bar(self) -> None: ...
        def set_sort(self, sort: SortKey) -> None: ...
        def set_today(self, today: date) -> None: ...
        def ask_note_text(self, title: str, save: Callable[[str], object]) -> None: ...
        def call_from_thread(self, fn: Callable[..., Any], *args: Any) -> Any: ...

    marks: set[str]

    # -- marks -----------------------------------------------------------------------
    def _init_marks(self) -> None:
        self.marks = set()
        for column in self.columns.values():
            column.marks = self.marks

    def marked_tasks(self) -> list[Task]:
        """The marked tasks still on the board, in column order."""
        shown = [t for t in self.model.all_tasks() if t.id in self.marks and not t.archived]
        order = {s: i for i, s in enumerate(Status)}
        return sorted(shown, key=lambda t: (order[t.status], t.source, t.number))

    def action_toggle_mark(self) -> None:
        """Mark the card for a bulk action, or unmark it."""
        if task := self._target():
            self.marks.symmetric_difference_update({task.id})
            self._redraw_marks({task.id})
            self._say_marks()

    def action_mark_all(self) -> None:
        """Mark every card shown."""
        ids = {t.id for t in self.model.shown_tasks()}
        self.marks.update(ids)
        self._redraw_marks(ids)
        self._say_marks()

    def clear_marks(self) -> bool:
        """Unmark every card; False when none was marked."""
        if not self.marks:
            return False
        ids = set(self.marks)
        self.marks.clear()
        self._redraw_marks(ids)
        self.notify(tr(self.lang, "marks_cleared"), timeout=2)
        return True

    def _redraw_marks(self, ids: set[str]) -> None:
        # A card's drawn lines are cached by mark state too: a refresh redraws just those.
        for column in self.columns.values():
            for task_id in ids:
                column.refresh_card(task_id)
        self._update_bar()

    def _say_marks(self) -> None:
        self.notify(tr(self.lang, "marked", n=len(self.marks)), timeout=2)

    # -- adding ----------------------------------------------------------------------
    def action_add_task(self) -> None:
        """Add a task by hand: title, lead units, co-units, deadline."""
        if not self._writable():
            return

        def save(fields: dict[str, Any] | None) -> None:
            if fields:
                self.gateway.submit(Op.ADD, None, lambda s: s.add_task(**fields))

        from .add_screen import AddScreen

        self.app.push_screen(AddScreen(lang=self.lang), save)

    # -- retiring --------------------------------------------------------------------
    def action_retire(self) -> None:
        """Retire the card (or every marked card) with a reason; restore a retired one."""
        if not self._writable():
            return
        if self.marks:
            tasks = self.marked_tasks()
            if tasks:
                self._ask_reason(tasks)
            return
        task = self._target()
        if task is None:
            return
        if task.archived:
            self.restore_task(task.id)
        else:
            self._ask_reason([task])

    def _ask_reason(self, tasks: list[Task]) -> None:
        def done(reason: str | None) -> None:
            if reason is None:
                return
            if len(tasks) == 1 and not self.marks:
                tid = tasks[0].id
                self.gateway.submit(Op.ARCHIVE, tid, lambda s: s.archive(tid, reason))
                return
            ids = [t.id for t in tasks]
            self.marks.difference_update(ids)
            self._update_bar()
            self._bulk(Op.BULK_ARCHIVE, ids, lambda s, tid: s.archive(tid, reason))

        choices = [(tr(self.lang, f"reason_{r}"), r) for r in ARCHIVE_REASONS]
        title = tr(self.lang, "retire_title", n=len(tasks))
        from .choice_screen import ChoiceScreen

        self.app.push_screen(ChoiceScreen(title, choices), done)

    def action_restore(self) -> None:
        """Put the retired card under the cursor back on the board."""
        task = self._target()
        if task is None or not self._writable():
            return
        if not task.archived:
            self.notify(tr(self.lang, "not_archived"), severity="warning", timeout=3)
            return
        self.restore_task(task.id)

    def restore_task(self, task_id: str) -> None:
        """Restore a retired task (one history row, one undo)."""
        self.gateway.submit(Op.RESTORE, task_id, lambda s: s.restore(task_id))

    def action_toggle_archived(self) -> None:
        """Show the retired tasks (in their status columns), or the board again."""
        f = self.model.filters
        self._set_filters(f.with_(archived=not f.archived))

    # -- needs review (issue 8) ------------------------------------------------------
    def action_toggle_review(self) -> None:
        """Show only the tasks the importer was unsure of (待核), or all again."""
        f = self.model.filters
        self._set_filters(f.with_(review=not f.review))

    def clear_review(self, task_id: str) -> None:
        """Clear a task's review flags: an edit recorded in history (undoable)."""
        task = self.model.task(task_id)
        if task is None or not self._writable():
            return
        if not task.review:
            self.notify(tr(self.lang, "no_review_flags"), severity="warning", timeout=3)
            return
        seen = list(task.review)
        self.gateway.submit(Op.REVIEW, task_id, lambda s: s.edit(task_id, expect={"review": seen}, review=[]))

    def action_clear_review(self) -> None:
        """Clear the review flags of the card under the cursor."""
        if task := self._target():
            self.clear_review(task.id)

    # -- due within N days -----------------------------------------------------------
    def action_due_within(self) -> None:
        """Show only tasks due within N days (asks N; again to switch the filter off)."""
        f = self.model.filters
        if f.due_days is not None:
            self._set_filters(f.with_(due_days=None))
            return

        def validate(text: str) -> str | None:
            ok = text.strip().isdigit() and 0 <= int(text) <= 3660
            return None if ok else tr(self.lang, "error_days")

        def done(text: str | None) -> None:
            if text and text.strip():
                self._set_filters(self.model.filters.with_(due_days=int(text)))

        from .prompt_screen import PromptScreen

        self.app.push_screen(
            PromptScreen(
                tr(self.lang, "prompt_due_title"),
                str(config.due_soon_days()),
                hint=tr(self.lang, "prompt_hint"),
                validate=validate,
            ),
            done,
        )

    def action_cycle_role(self) -> None:
        """The unit filter matches lead units → co-units → either (a unit's whole workload)."""
        order = ("lead", "co", "any")
        f = self.model.filters
        role = order[(order.index(f.role) + 1) % len(order)] if f.role in order else "lead"
        self._set_filters(f.with_(role=role))
        self.notify(tr(self.lang, "role_set", role=tr(self.lang, f"role_{role}")), timeout=2)

    # -- settings that outlive the session -------------------------------------------
    def remember_settings(self) -> None:
        """Save the filters, sort and as-of date, restored at the next start (config ``board``)."""
        config.save(board=settings_of(self.model.filters, self.model.sort.value, self.today))

    def action_reset_settings(self) -> None:
        """Forget saved filters, sort, as-of date and report folder; show the board as at a first start."""
        from ..board_model import Filters, SortKey

        self.clear_marks()
        self._set_filters(Filters())
        if self.model.sort is not SortKey.DEADLINE:
            self.set_sort(SortKey.DEADLINE)
        if self.start_today != self.today:
            self.set_today(self.start_today)
        config.save(board={}, report_folder=None)
        self.notify(tr(self.lang, "settings_reset"), timeout=3)

    # -- bulk ------------------------------------------------------------------------
    def bulk_move(self, *, forward: bool) -> None:
        """Move every marked card one column: one commit, one undo."""
        if not self._writable():
            return
        moves = []
        for task in self.marked_tasks():
            target = task.status.next() if forward else task.status.previous()
            if target is not None:
                moves.append((task, target))
        if not moves:
            key = "at_last_column" if forward else "at_first_column"
            self.notify(tr(self.lang, key), severity="warning", timeout=2)
            return

        def change() -> None:
            for task, target in moves:
                self.model.upsert(task.replace(status=target))

        self._apply(change)
        # Each move carries the status the user saw: one stale card refuses the lot.
        seen = {task.id: (task.status, target) for task, target in moves}
        today = self.today  # recurring duties roll on from the board's as-of date

        def move(s: TaskStore, tid: str) -> Task:
            return s.move(tid, seen[tid][1], expect=seen[tid][0], today=today)

        self._bulk(Op.BULK_MOVE, list(seen), move)

    def bulk_note(self) -> None:
        """One progress note on every marked card."""
        tasks = self.marked_tasks()
        if not tasks or not self._writable():
            return

        def save(text: str) -> None:
            self._bulk(Op.BULK_NOTE, [t.id for t in tasks], lambda s, tid: s.add_note(tid, text))

        self.ask_note_text(tr(self.lang, "prompt_bulk_note_title", n=len(tasks)), save)

    def bulk_edit_lead(self) -> None:
        """Set the lead units of every marked card."""
        tasks = self.marked_tasks()
        if not tasks or not self._writable():
            return
        common = {tuple(t.lead_units) for t in tasks}
        start = "、".join(next(iter(common))) if len(common) == 1 else ""

        def save(text: str | None) -> None:
            if text is None:
                return
            units = split_units(text)
            seen = {t.id: list(t.lead_units) for t in tasks}
            self._bulk(
                Op.BULK_EDIT,
                list(seen),
                lambda s, tid: s.edit(tid, expect={"lead_units": seen[tid]}, lead_units=units),
            )

        title = tr(self.lang, "prompt_bulk_lead_title", n=len(tasks))
        from .prompt_screen import PromptScreen

        self.app.push_screen(PromptScreen(title, start, hint=tr(self.lang, "edit_units_hint")), save)

    def _bulk(self, op: Op, ids: list[str], one: Callable[[TaskStore, str], Any]) -> None:
        def job(store: TaskStore) -> list[Task]:
            with store.transaction():
                for task_id in ids:
                    one(store, task_id)
            return [store.get(task_id) for task_id in ids]

        # The ids come back with the reply: a refused job puts exactly these cards back.
        self.gateway.submit(op, None, job, ids=tuple(ids))

    # -- reports ---------------------------------------------------------------------
    def action_report(self) -> None:
        """Write a summary, 台账 or 催办 letters of the tasks shown, into a folder."""
        choices = [(tr(self.lang, f"report_{k}"), k) for k in REPORTS]

        def chosen(kind: str | None) -> None:
            if kind:
                self.ask_report_folder(kind)

        title = tr(self.lang, "report_title", n=self.model.shown)
        from .choice_screen import ChoiceScreen

        self.app.push_screen(ChoiceScreen(title, choices), chosen)

    def ask_report_folder(self, kind: str) -> None:
        """Ask where to write report ``kind`` (default: the last folder used)."""

        def done(text: str | None) -> None:
            if text and text.strip():
                folder = Path(text.strip()).expanduser()
                config.save(report_folder=str(folder))
                self.write_report(kind, folder)

        def validate(text: str) -> str | None:
            # A relative path would land wherever the board was started: ask for a full one.
            folder = Path(text.strip()).expanduser()
            if not text.strip() or not folder.is_absolute() or (folder.exists() and not folder.is_dir()):
                return tr(self.lang, "error_folder")
            return None

        from .prompt_screen import PromptScreen

        self.app.push_screen(
            PromptScreen(
                tr(self.lang, "prompt_folder_title"),
                str(default_report_folder()),
                hint=tr(self.lang, "prompt_hint"),
                validate=validate,
            ),
            done,
        )

    @work(thread=True, group="reports", exit_on_error=False)
    def write_report(self, kind: str, folder: Path) -> None:
        """Write the report off the UI thread (a PDF takes a while), then name the file."""
        from taskboard.services import write_board_report

        tasks = self.model.shown_tasks()
        try:
            # The store is not thread-safe: read it while no store job runs.
            with self.gateway.lock:
                path = write_board_report(
                    self.gateway.store, kind, tasks, as_of=self.today, lang=self.lang, folder=folder
                )
        except (OSError, ValueError) as exc:
            message = tr(self.lang, "report_failed", error=str(exc))
            self.app.call_from_thread(self.notify, message, severity="error", timeout=8)
            return
        message = tr(self.lang, "report_written", path=str(path))
        self.app.call_from_thread(self.notify, message, timeout=8)
