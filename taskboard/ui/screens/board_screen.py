"""The kanban board: filter bar, three columns, footer.  Every board key is an action here.

The screen owns the :class:`BoardModel` and pushes its columns down to the
column widgets.  Changes are shown at once and saved through the
:class:`StoreGateway`'s writer thread; its replies come back as
:class:`StoreReplied` messages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen

from taskboard.clock import BadDate, parse_date
from taskboard.model import DocumentInfo, Status, Task
from taskboard.store import Conflict, TaskStore, UnknownTask

from ..board_model import BoardModel, Filters, SortKey
from ..gateway import Reply, StoreGateway
from ..i18n import has_key, tr
from ..keys import BOARD_KEYS, bindings, localize
from ..messages import StoreReplied, TaskAction
from ..widgets.board_footer import BoardFooter
from ..widgets.card_column import CardColumn
from ..widgets.filter_bar import FilterBar
from .board_week import WeekActions
from .detail_screen import DetailScreen
from .edit_screen import EditScreen
from .picker_screen import PickerScreen
from .prompt_screen import PromptScreen

log = logging.getLogger(__name__)

Dirty = dict[Status, int]  # per column, the first row that changed


class BoardScreen(WeekActions, Screen[None]):
    """The board; see the module docstring."""

    BINDINGS = bindings(BOARD_KEYS)

    def __init__(self, gateway: StoreGateway, model: BoardModel, *, lang: str) -> None:
        super().__init__(id="board")
        localize(self._bindings, lang)
        self.gateway = gateway
        self.model = model
        self.lang = lang
        self._column = Status.NOT_STARTED
        self._columns: dict[Status, CardColumn] | None = None
        self._last_refresh_error: str | None = None
        self.documents: dict[str, DocumentInfo] = {}  # source file → its title (see _load_documents)

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Filter bar on top, the three columns, the footer."""
        yield FilterBar(self.lang, id="filter-bar")
        with Horizontal(id="columns"):
            for status in Status:
                yield CardColumn(status, lang=self.lang, today=self.model.today, id=f"column-{status.value}")
        yield BoardFooter(compact=True)

    def on_mount(self) -> None:
        """Show the cards, cursor on the first card of the first column."""
        self._init_marks()
        self._load_documents()
        for status, column in self.columns.items():
            column.terms = self.model.filters.terms  # a search restored from the last session
            column.show_cards(self.model.columns[status], 0)
        self._update_bar()
        self._activate(Status.NOT_STARTED)

    @property
    def columns(self) -> dict[Status, CardColumn]:
        """The column widget of each status."""
        if self._columns is None:
            self._columns = {s: self.query_one(f"#column-{s.value}", CardColumn) for s in Status}
        return self._columns

    @property
    def current_column(self) -> CardColumn:
        """The column the keys act on."""
        return self.columns[self._column]

    def _activate(self, status: Status) -> None:
        self._column = status
        for column in self.columns.values():
            column.active = column.status is status

    @property
    def current_task(self) -> Task | None:
        """The task under the cursor."""
        return self.current_column.current

    def _update_bar(self) -> None:
        m = self.model
        self.query_one(FilterBar).show(
            m.filters,
            shown=m.shown,
            total=m.total,
            sort=m.sort,
            today=m.today,
            read_only=self.gateway.store.read_only_reason is not None,
            marked=len(getattr(self, "marks", ())),
            labels=self.doc_labels,
        )

    # -- pushing model changes to the columns ----------------------------------------
    def _apply(self, change: Callable[[], Dirty | None], follow: str | None = None) -> None:
        """Run ``change`` on the model, then redraw what it changed.

        Each column's cursor stays on the same task when that task is still in
        the column, else on the same row.  ``follow`` puts the cursor on that
        task, in whatever column it now is (a moved card).
        """
        columns = self.columns
        before = {s: (c.current.id if c.current else None, c.cursor) for s, c in columns.items()}
        dirty = change()
        if dirty is None:
            dirty = dict.fromkeys(Status, 0)
        for status, first in dirty.items():
            kept_id, cursor = before[status]
            if kept_id is not None:
                place = self.model.locate(kept_id)
                if place is not None and place.status is status:
                    cursor = place.index
            columns[status].show_cards(self.model.columns[status], cursor, first)
        if follow is not None and (place := self.model.locate(follow)) is not None:
            columns[place.status].move_cursor(place.index)
            self._activate(place.status)
        self._update_bar()

    def _upsert(self, task: Task) -> Dirty:
        """Put one task's new version in the model; the rows that changed."""
        old = self.model.locate(task.id)
        new = self.model.upsert(task)
        dirty: Dirty = {}
        if old is not None:
            dirty[old.status] = old.index
        if new is not None:
            dirty[new.status] = min(dirty.get(new.status, new.index), new.index)
        return dirty

    def _set_filters(self, filters: Filters) -> None:
        if filters != self.model.filters:
            self._apply(lambda: self.model.set_filters(filters))
            # A new selection starts at its first card, matches highlighted.
            for column in self.columns.values():
                column.terms = filters.terms
                column.to_top()
            if not self.current_column.cards:
                self._activate(next((s for s, c in self.columns.items() if c.cards), self._column))
            self.remember_settings()

    # -- the cursor ------------------------------------------------------------------
    def _step(self, delta: int) -> None:
        column = self.current_column
        if column.cursor is not None:
            column.move_cursor(column.cursor + delta)

    def action_cursor_up(self) -> None:
        """Cursor to the card above."""
        self._step(-1)

    def action_cursor_down(self) -> None:
        """Cursor to the card below."""
        self._step(1)

    def action_page_up(self) -> None:
        """Cursor a screenful up."""
        self._step(-self.current_column.page_cards)

    def action_page_down(self) -> None:
        """Cursor a screenful down."""
        self._step(self.current_column.page_cards)

    def action_first(self) -> None:
        """Cursor to the column's first card."""
        self.current_column.move_cursor(0)

    def action_last(self) -> None:
        """Cursor to the column's last card."""
        self.current_column.move_cursor(len(self.current_column.cards) - 1)

    def action_column_left(self) -> None:
        """Cursor to the column on the left."""
        self._change_column(-1)

    def action_column_right(self) -> None:
        """Cursor to the column on the right."""
        self._change_column(1)

    def action_next_column(self) -> None:
        """Cursor to the next column, round to the first (tab)."""
        self._change_column(1, wrap=True)

    def action_prev_column(self) -> None:
        """Cursor to the previous column, round to the last (shift+tab)."""
        self._change_column(-1, wrap=True)

    def _change_column(self, step: int, *, wrap: bool = False) -> None:
        order = list(Status)
        i = order.index(self._column) + step
        if wrap:
            i %= len(order)
        if not 0 <= i < len(order):
            return
        here, there = self.current_column, self.columns[order[i]]
        if here.cursor is not None and there.cards:
            # Land on the card at the same height on screen, where the eye already is.
            row_on_screen = here.cursor - here.scroll_offset.y // here.card_height
            there.move_cursor(there.scroll_offset.y // there.card_height + row_on_screen)
        self._activate(there.status)

    @on(CardColumn.Clicked)
    def _clicked(self, message: CardColumn.Clicked) -> None:
        self._activate(message.column.status)
        if message.open and message.column.current is not None:
            self.open_detail(message.column.current.id)

    # -- acting on a card ------------------------------------------------------------
    def _target(self) -> Task | None:
        task = self.current_task
        if task is None:
            self.notify(tr(self.lang, "no_card"), severity="warning", timeout=2)
        return task

    def action_move_next(self) -> None:
        """Move the card (or every marked card) to the next column."""
        if self.marks:
            self.bulk_move(forward=True)
        elif task := self._target():
            self.move_task(task.id, forward=True)

    def action_move_prev(self) -> None:
        """Move the card (or every marked card) to the previous column."""
        if self.marks:
            self.bulk_move(forward=False)
        elif task := self._target():
            self.move_task(task.id, forward=False)

    def move_task(self, task_id: str, *, forward: bool) -> None:
        """Move a task one column, show it there at once and save it."""
        task = self.model.task(task_id)
        if task is None:
            return
        target = task.status.next() if forward else task.status.previous()
        if target is None:
            key = "at_last_column" if forward else "at_first_column"
            self.notify(tr(self.lang, key), severity="warning", timeout=2)
            return
        if not self._writable():
            return
        moved = task.replace(status=target)
        self._apply(lambda: self._upsert(moved), follow=task_id)
        # The move carries the status the user saw: if a colleague moved the
        # card since, the store refuses instead of overwriting their move.
        seen = task.status
        today = self.model.today  # a recurring task rolls on from the board's as-of date
        self.gateway.submit("move", task_id, lambda s: s.move(task_id, target, expect=seen, today=today))

    def _writable(self) -> bool:
        reason = self.gateway.store.read_only_reason
        if reason:
            self.notify(tr(self.lang, "write_failed", error=reason), severity="error", timeout=6)
        return not reason

    def action_open(self) -> None:
        """Open the detail of the card."""
        if task := self._target():
            self.open_detail(task.id)

    def open_detail(self, task_id: str) -> None:
        """Show a task's detail screen."""
        task = self.model.task(task_id)
        if task is None:
            return
        history = self.gateway.read(lambda s: s.history(task_id))
        detail = DetailScreen(
            task, history, lang=self.lang, today=self.model.today, documents=self.documents
        )
        self.app.push_screen(detail)

    def action_note(self) -> None:
        """Ask for a progress note on the card (or on every marked card)."""
        if self.marks:
            self.bulk_note()
        elif task := self._target():
            self.ask_note(task.id)

    def ask_note(self, task_id: str) -> None:
        """Ask for a progress note and save it."""
        task = self.model.task(task_id)
        if task is None or not self._writable():
            return

        def save(text: str | None) -> None:
            if text and text.strip():
                self.gateway.submit("note", task_id, lambda s: s.add_note(task_id, text))

        def validate(text: str) -> str | None:
            return None if text.strip() else tr(self.lang, "error_note_empty")

        title = tr(self.lang, "prompt_note_title", number=task.number)
        self.app.push_screen(PromptScreen(title, hint=tr(self.lang, "prompt_hint"), validate=validate), save)

    def action_edit(self) -> None:
        """Edit the card's title, units and deadline (with marks: every marked card's lead units)."""
        if self.marks:
            self.bulk_edit_lead()
        elif task := self._target():
            self.ask_edit(task.id)

    def ask_edit(self, task_id: str) -> None:
        """Show the edit form for a task and save what it changes."""
        task = self.model.task(task_id)
        if task is None or not self._writable():
            return

        def save(changes: dict[str, Any] | None) -> None:
            if changes:
                # Refused if any edited field changed since the form was filled from the card.
                seen = {name: getattr(task, name) for name in changes}
                self.gateway.submit("edit", task_id, lambda s: s.edit(task_id, expect=seen, **changes))

        self.app.push_screen(EditScreen(task, lang=self.lang), save)

    @on(TaskAction)
    def _task_action(self, message: TaskAction) -> None:
        # Sent by the detail screen: the same actions, on the task it shows.
        if message.action == "note":
            self.ask_note(message.task_id)
        elif message.action == "edit":
            self.ask_edit(message.task_id)
        elif message.action in ("move_next", "move_prev"):
            self.move_task(message.task_id, forward=message.action == "move_next")
        elif message.action == "clear_review":
            self.clear_review(message.task_id)

    def action_undo(self) -> None:
        """Undo the latest change (of anyone's, as the store keeps one history)."""
        if not self._writable():
            return

        def undo(store: TaskStore) -> tuple[Any, dict[str, Task | None]] | None:
            result = store.undo(own_only=True)
            if result is None:
                return None
            tasks: dict[str, Task | None] = {}
            for task_id in result.tasks:
                try:
                    tasks[task_id] = store.get(task_id)
                except UnknownTask:
                    tasks[task_id] = None  # the undo removed an imported task
            return result, tasks

        self.gateway.submit("undo", None, undo)

    # -- filters, order, date --------------------------------------------------------
    def action_search(self) -> None:
        """Search as you type; escape restores the previous search."""
        before = self.model.filters.query

        def preview(text: str) -> None:
            self._set_filters(self.model.filters.with_(query=text))

        def done(text: str | None) -> None:
            self._set_filters(self.model.filters.with_(query=before if text is None else text))

        self.app.push_screen(
            PromptScreen(
                tr(self.lang, "prompt_search_title"),
                before,
                hint=tr(self.lang, "prompt_hint"),
                on_change=preview,
            ),
            done,
        )

    def action_filter_lead(self) -> None:
        """Pick units to show, as lead, co-unit or either (ctrl+r in the picker)."""
        f = self.model.filters
        picker = PickerScreen(
            tr(self.lang, "picker_lead_title"),
            self.model.unit_counts(f.role),
            f.leads,
            lang=self.lang,
            roles=self.model.unit_counts,
            role=f.role,
        )

        def done(chosen: frozenset[str] | None) -> None:
            if chosen is not None:
                self._set_filters(self.model.filters.with_(leads=chosen, role=picker.role))

        self.app.push_screen(picker, done)

    def action_filter_source(self) -> None:
        """Pick source documents to show."""
        self._pick("picker_source_title", self.model.source_counts(), "sources", labels=self.doc_labels)

    def _pick(
        self, title: str, items: list[tuple[str, int]], field: str, labels: dict[str, str] | None = None
    ) -> None:
        def done(chosen: frozenset[str] | None) -> None:
            if chosen is not None:
                self._set_filters(self.model.filters.with_(**{field: chosen}))

        selected = getattr(self.model.filters, field)
        picker = PickerScreen(tr(self.lang, title), items, selected, lang=self.lang, labels=labels)
        self.app.push_screen(picker, done)

    # -- documents by title ----------------------------------------------------------
    @property
    def doc_labels(self) -> dict[str, str]:
        """Source file → its document's short title, for the picker and the filter bar."""
        return {src: doc.short(24) for src, doc in self.documents.items() if doc.title}

    def _load_documents(self) -> None:
        # Read once and again only when a task from an unknown document appears:
        # taking the store's lock on every repaint would wait for commits.
        self.documents = self.gateway.read(lambda s: s.documents())

    def action_toggle_overdue(self) -> None:
        """Show only overdue tasks, or all again."""
        self._set_filters(self.model.filters.with_(overdue=not self.model.filters.overdue))

    def action_clear_filters(self) -> None:
        """Unmark the marked cards; else show every task again."""
        if self.clear_marks():
            return
        if self.model.filters.active:
            self._set_filters(Filters())
            self.notify(tr(self.lang, "filters_cleared"), timeout=2)

    def action_cycle_sort(self) -> None:
        """Next order: deadline → number → lead unit."""
        self.set_sort(self.model.sort.next())

    def set_sort(self, sort: SortKey) -> None:
        """Order every column by ``sort``; cursors stay on their tasks."""
        self._apply(lambda: self.model.set_sort(sort))
        self.remember_settings()
        self.notify(tr(self.lang, "sorted_by", sort=tr(self.lang, f"sort_{sort.value}")), timeout=2)

    def action_sort_deadline(self) -> None:
        """Order by deadline, soonest first (undated last)."""
        self.set_sort(SortKey.DEADLINE)

    def action_sort_number(self) -> None:
        """Order by source document and measure number."""
        self.set_sort(SortKey.NUMBER)

    def action_sort_lead(self) -> None:
        """Order by (first) lead unit, then deadline."""
        self.set_sort(SortKey.LEAD)

    def action_set_today(self) -> None:
        """Ask for the as-of date countdowns count from."""

        def validate(text: str) -> str | None:
            try:
                parse_date(text)
            except BadDate:
                return tr(self.lang, "error_bad_date")
            return None

        def done(text: str | None) -> None:
            if text:
                self.set_today(parse_date(text))

        self.app.push_screen(
            PromptScreen(
                tr(self.lang, "prompt_today_title"),
                self.model.today.isoformat(),
                hint=tr(self.lang, "prompt_hint"),
                validate=validate,
            ),
            done,
        )

    def set_today(self, today: date) -> None:
        """Count down from ``today``."""
        for column in self.columns.values():
            column.today = today

        def change() -> Dirty | None:
            self.model.set_today(today)
            # Only the overdue filter depends on the date; otherwise just the badges change.
            f = self.model.filters
            return None if f.overdue or f.due_days is not None else {}

        self._apply(change)
        self.remember_settings()
        for screen in self.app.screen_stack:
            if isinstance(screen, DetailScreen):
                self._update_detail(screen.task_id)
        self.notify(tr(self.lang, "today_set", date=today.isoformat()), timeout=2)

    def action_summary(self) -> None:
        """Completion by lead unit of the tasks shown (another engineer's screen)."""
        try:
            from .summary_screen import SummaryScreen
        except ImportError as exc:  # not written yet, or its own imports are not there yet
            log.warning("summary screen unavailable: %s", exc)
            self.notify(tr(self.lang, "summary_missing"), severity="warning")
            return
        self.app.push_screen(SummaryScreen(self.model.shown_tasks(), self.model.today, self.lang))

    def action_calendar(self) -> None:
        """The deadline calendar of the tasks shown."""
        from .calendar_screen import CalendarScreen

        self.app.push_screen(CalendarScreen(self.model.shown_tasks(), self.model.today, self.lang))

    # -- replies from the writer thread ----------------------------------------------
    @on(StoreReplied)
    def _replied(self, message: StoreReplied) -> None:
        reply = message.reply
        self.gateway.replied(reply)
        if self.week_replied(reply):
            self._follow_feed(reply)
            return
        if reply.error:
            self._failed(reply)
        elif reply.op == "refresh":
            self._reloaded(reply.result)
        elif reply.op == "undo":
            self._undone(reply.result)
        elif reply.task_id is not None and not self.gateway.pending.get(reply.task_id):
            # A later write of the same task is still queued: its reply will bring the final state.
            self._apply(lambda: self._upsert(reply.result))
            self._update_detail(reply.task_id)
            if reply.op in ("note", "edit"):
                key = "saved_note" if reply.op == "note" else "saved_edit"
                self.notify(tr(self.lang, key, number=reply.result.number), timeout=3)
        self._follow_feed(reply)

    def _follow_feed(self, reply: Reply) -> None:
        # Every reply carries what anyone committed since the previous one.
        if not reply.changed:
            return
        pending = self.gateway.pending
        changed = {tid: t for tid, t in reply.changed.items() if not pending.get(tid)}
        if not changed:
            return
        if any(t is not None and t.source not in self.documents for t in changed.values()):
            self._load_documents()  # a document imported elsewhere: learn its title

        self._apply(lambda: self._take(changed))
        for task_id in changed:
            self._update_detail(task_id)
        if reply.foreign & changed.keys() and reply.conflict is None:
            self.notify(tr(self.lang, "external_change"), timeout=2)

    def _failed(self, reply: Reply) -> None:
        if reply.op == "refresh":
            if reply.error != self._last_refresh_error:  # polled twice a second: say it once
                self.notify(reply.error or "", severity="error", timeout=8)
            self._last_refresh_error = reply.error
            return
        if reply.conflict is not None:
            self.notify(self._conflict_message(reply.conflict), severity="warning", timeout=10)
        else:
            self.notify(tr(self.lang, "write_failed", error=reply.error), severity="error", timeout=8)
        if reply.task_id is not None:
            # Put the card back where the store says it is.
            task_id = reply.task_id
            try:
                stored = self.gateway.read(lambda s: s.get(task_id))
            except UnknownTask:
                self._apply(lambda: self.model.remove(task_id))
                return
            self._apply(lambda: self._upsert(stored))

    def _conflict_message(self, conflict: Conflict) -> str:
        """``区发改委 moved 第3项 to 已完成 at 06-30 10:42; your move was not applied``, in words."""
        task = self.model.task(conflict.task_id)
        value = conflict.value
        if conflict.field == "status" and isinstance(value, str):
            value = Status(value).label(self.lang)
        elif isinstance(value, list):
            value = "、".join(map(str, value))
        field_key = f"field_{conflict.field}"
        return tr(
            self.lang,
            f"conflict_{conflict.attempted}" if conflict.attempted in _ACTIONS else "conflict_edit",
            who=conflict.who or tr(self.lang, "someone"),
            at=conflict.at[5:16].replace("T", " "),
            number=task.number if task else conflict.task_id,
            value=value,
            field=tr(self.lang, field_key) if has_key(field_key) else conflict.field,
        )

    def _reloaded(self, tasks: list[Task] | None) -> None:
        self._last_refresh_error = None
        if tasks is None:
            return
        # Tasks with a write in flight keep the board's version until that write lands.
        pending = self.gateway.pending
        mine = {tid: t for tid in pending if (t := self.model.task(tid)) is not None}
        fresh = [mine.get(t.id, t) for t in tasks]
        self._apply(lambda: self.model.reload(fresh))
        for screen in self.app.screen_stack:
            if isinstance(screen, DetailScreen):
                self._update_detail(screen.task_id)
        self.notify(tr(self.lang, "external_change"), timeout=2)

    def _take(self, tasks: dict[str, Task | None]) -> None:
        """Bring the store's versions of ``tasks`` onto the board (None: the task is gone)."""
        for task_id, task in tasks.items():
            if task is None:
                self.model.remove(task_id)
            else:
                self.model.upsert(task)

    def _undone(self, result: tuple[Any, dict[str, Task | None]] | None) -> None:
        if result is None:
            self.notify(tr(self.lang, "nothing_to_undo"), severity="warning", timeout=3)
            return
        undo, tasks = result

        follow = next((tid for tid, t in tasks.items() if t is not None), None)
        self._apply(lambda: self._take(tasks), follow=follow)
        for task_id in tasks:
            self._update_detail(task_id)
        action = tr(self.lang, f"action_{undo.action}") if undo.action in _ACTIONS else undo.action
        self.notify(tr(self.lang, "undone", action=action, count=len(tasks)), timeout=3)

    def _update_detail(self, task_id: str) -> None:
        task = self.model.task(task_id)
        for screen in self.app.screen_stack:
            if isinstance(screen, DetailScreen) and screen.task_id == task_id and task is not None:
                history = self.gateway.read(lambda s: s.history(task_id))
                screen.show_task(task, history, self.model.today)


_ACTIONS = {"import", "move", "note", "edit", "undo", "add", "archive", "restore", "merge"}
