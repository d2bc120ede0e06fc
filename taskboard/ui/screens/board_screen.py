"""The kanban board: filter bar, three columns, footer.  Every board key is an action here.

The screen owns the :class:`BoardModel` and pushes its columns down to the
column widgets.  Changes are shown at once and saved through the
:class:`StoreGateway`'s writer thread; its replies come back as typed
messages (``Moved``, ``Failed``…) handled in ``board_replies.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen

from taskboard.clock import BadDate, parse_date
from taskboard.model import DocumentInfo, Status, Task
from taskboard.store import TaskStore, UnknownTask

from ..board_model import BoardModel, Filters, SortKey
from ..gateway import Op, StoreGateway
from ..i18n import tr
from ..keys import BOARD_KEYS, bindings, localize
from ..messages import EditAsked, MoveAsked, NoteAsked, ReviewClearAsked
from ..widgets.board_footer import BoardFooter
from ..widgets.card_column import CardColumn
from ..widgets.filter_bar import FilterBar
from ..widgets.search_bar import SearchBar
from .board_replies import ReplyHandlers
from .board_week import WeekActions

# The dialogs and the detail screen are imported where they open: their modules
# (screens, their widgets and CSS) are ~25 ms of every start of the board.

log = logging.getLogger(__name__)

Dirty = dict[Status, int]  # per column, the first row that changed


class BoardScreen(ReplyHandlers, WeekActions, Screen[None]):
    """The board; see the module docstring."""

    BINDINGS = bindings(BOARD_KEYS)

    # The as-of date countdowns count from: the columns are bound to it (data_bind),
    # an open detail screen follows it, and the model's date filters use it.
    today: reactive[date] = reactive(date.min, init=False)

    def __init__(
        self, gateway: StoreGateway, model: BoardModel, *, lang: str, start_today: date | None = None
    ) -> None:
        super().__init__(id="board")
        localize(self._bindings, lang)
        self.gateway = gateway
        self.model = model
        self.lang = lang
        self.set_reactive(BoardScreen.today, model.today)
        # The date the board was started with (--today): what a settings reset goes back to.
        self.start_today = start_today or model.today
        self._column = Status.NOT_STARTED
        self._columns: dict[Status, CardColumn] | None = None
        self._search_bar: SearchBar | None = None
        self._last_refresh_error: str | None = None
        self.documents: dict[str, DocumentInfo] = {}  # source file → its title (see _load_documents)
        self._query_before = ""  # the search when the search line opened (escape puts it back)

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Filter bar on top, the three columns, the footer."""
        yield FilterBar(self.lang, id="filter-bar")
        with Horizontal(id="columns"):
            for status in Status:
                column = CardColumn(status, lang=self.lang, today=self.today, id=f"column-{status.value}")
                yield column.data_bind(BoardScreen.today)
        yield SearchBar(self.lang, id="search-bar")
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
    def search_bar(self) -> SearchBar:
        """The search line (looked up once: every key the screen sees asks for it)."""
        if self._search_bar is None:
            self._search_bar = self.query_one(SearchBar)
        return self._search_bar

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
            today=self.today,
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
        today = self.today  # a recurring task rolls on from the board's as-of date
        self.gateway.submit(Op.MOVE, task_id, lambda s: s.move(task_id, target, expect=seen, today=today))

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
        from .detail_screen import DetailScreen

        history = self.gateway.read(lambda s: s.history(task_id))
        detail = DetailScreen(task, history, owner=self, lang=self.lang, documents=self.documents)
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

        def save(text: str) -> None:
            self.gateway.submit(Op.NOTE, task_id, lambda s: s.add_note(task_id, text))

        self.ask_note_text(tr(self.lang, "prompt_note_title", number=task.number), save)

    def ask_note_text(self, title: str, save: Callable[[str], object]) -> None:
        """Ask for a progress note (one card's or the marked cards'); ``save`` gets it unless blank."""

        def done(text: str | None) -> None:
            if text and text.strip():
                save(text)

        def validate(text: str) -> str | None:
            return None if text.strip() else tr(self.lang, "error_note_empty")

        from .prompt_screen import PromptScreen

        self.app.push_screen(PromptScreen(title, hint=tr(self.lang, "prompt_hint"), validate=validate), done)

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
                self.gateway.submit(Op.EDIT, task_id, lambda s: s.edit(task_id, expect=seen, **changes))

        from .edit_screen import EditScreen

        self.app.push_screen(EditScreen(task, lang=self.lang), save)

    # Sent by the detail screen: the same actions, on the task it shows.
    @on(NoteAsked)
    def _note_asked(self, message: NoteAsked) -> None:
        self.ask_note(message.task_id)

    @on(EditAsked)
    def _edit_asked(self, message: EditAsked) -> None:
        self.ask_edit(message.task_id)

    @on(MoveAsked)
    def _move_asked(self, message: MoveAsked) -> None:
        self.move_task(message.task_id, forward=message.forward)

    @on(ReviewClearAsked)
    def _review_clear_asked(self, message: ReviewClearAsked) -> None:
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

        self.gateway.submit(Op.UNDO, None, undo)

    # -- filters, order, date --------------------------------------------------------
    def action_search(self) -> None:
        """Search as you type in the search line; escape restores the previous search."""
        bar = self.search_bar
        if not bar.is_open:
            self._query_before = self.model.filters.query
            bar.open(self._query_before)

    def on_key(self, event: events.Key) -> None:
        """``/`` opens the search line as soon as the screen sees it, and characters
        typed right after it go into the line.

        The app routes a burst of keys before running the first one's binding:
        the characters typed with ``/`` reach the screen, not the line, and
        would be lost, or a letter with a board key (``o``, ``j``...) would act
        on the board.  The screen sees its keys in order, so it opens the line
        on ``/`` itself and passes the characters after it on.
        """
        bar = self.search_bar
        if bar.is_open and event.is_printable:
            bar.type(event)
        elif not bar.is_open and any(
            b.action == "search" for b in self._bindings.key_to_bindings.get(event.key, ())
        ):
            self.action_search()
        else:
            return
        event.stop()
        event.prevent_default()

    @on(SearchBar.Changed)
    def _search_changed(self, message: SearchBar.Changed) -> None:
        self._set_filters(self.model.filters.with_(query=message.text))

    @on(SearchBar.Closed)
    def _search_closed(self, message: SearchBar.Closed) -> None:
        text = self._query_before if message.text is None else message.text
        self._set_filters(self.model.filters.with_(query=text))

    def action_filter_lead(self) -> None:
        """Pick units to show, as lead, co-unit or either (ctrl+r in the picker)."""
        from .picker_screen import PickerScreen

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

        from .picker_screen import PickerScreen

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

        from .prompt_screen import PromptScreen

        self.app.push_screen(
            PromptScreen(
                tr(self.lang, "prompt_today_title"),
                self.today.isoformat(),
                hint=tr(self.lang, "prompt_hint"),
                validate=validate,
            ),
            done,
        )

    def set_today(self, today: date) -> None:
        """Count down from ``today``, and say so."""
        self.today = today
        self.notify(tr(self.lang, "today_set", date=today.isoformat()), timeout=2)

    def watch_today(self, today: date) -> None:
        """A new as-of date: the columns and an open detail follow by binding; the model's
        date filters are plain Python, so they are told here."""

        def change() -> Dirty | None:
            # Without a date filter on, only the badges change: the bound columns redraw those.
            return None if self.model.set_today(today) else {}

        self._apply(change)
        self.remember_settings()

    def action_summary(self) -> None:
        """Completion by lead unit of the tasks shown (another engineer's screen)."""
        try:
            from .summary_screen import SummaryScreen
        except ImportError as exc:  # not written yet, or its own imports are not there yet
            log.warning("summary screen unavailable: %s", exc)
            self.notify(tr(self.lang, "summary_missing"), severity="warning")
            return
        self.app.push_screen(SummaryScreen(self.model.shown_tasks(), self.today, self.lang))

    def action_calendar(self) -> None:
        """The deadline calendar of the tasks shown."""
        from .calendar_screen import CalendarScreen

        self.app.push_screen(CalendarScreen(self.model.shown_tasks(), self.today, self.lang))
