"""How the board shows the outcome of its store jobs: one handler per reply message.

A mixin of :class:`BoardScreen`.  The writer thread posts a typed message
(see ``ui/messages.py``) for every job; each ``on_…`` handler here shows that
outcome, and :func:`settles` wraps every one of them in what every reply
needs: the job is marked over first (so a handler can tell whether a later
write of the same task is still queued), and the change feed the reply
carries (what anyone committed meanwhile) is shown last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial, wraps
from typing import TYPE_CHECKING, Any, TypeVar

from taskboard.model import Status, Task
from taskboard.store import Conflict, TaskStore, UndoResult, UnknownTask

from ..i18n import has_key, tr
from ..messages import (
    Added,
    Archived,
    BulkDone,
    Edited,
    Failed,
    Moved,
    Noted,
    Refreshed,
    RefreshFailed,
    Restored,
    ReviewCleared,
    StoreReplied,
    TaskSaved,
    Undone,
)

if TYPE_CHECKING:
    from datetime import date

    from textual.app import App

    from ..board_model import BoardModel
    from ..gateway import Reply, StoreGateway
    from .detail_screen import DetailScreen

# History actions with a name of their own in the catalogue (``action_…``, ``conflict_…``).
ACTIONS = {"import", "move", "note", "edit", "undo", "add", "archive", "restore", "merge"}

M = TypeVar("M", bound=StoreReplied)
H = TypeVar("H", bound="ReplyHandlers")


def settles(handler: Callable[[H, M], None]) -> Callable[[H, M], None]:
    """Wrap a reply handler: the job is over before it runs, the change feed is shown after."""

    @wraps(handler)
    def run(self: H, message: M) -> None:
        self.gateway.replied(message.reply)
        handler(self, message)
        self._follow_feed(message.reply)

    return run


class ReplyHandlers:
    """The board's handlers of store replies (mixed into BoardScreen)."""

    if TYPE_CHECKING:  # provided by BoardScreen / Screen
        model: BoardModel
        gateway: StoreGateway
        lang: str
        today: date
        documents: dict[str, Any]
        _last_refresh_error: str | None
        app: App[Any]

        def notify(self, message: str, **kwargs: Any) -> None: ...
        def _apply(self, change: Callable[[], Any], follow: str | None = None) -> None: ...
        def _upsert(self, task: Task) -> Any: ...
        def _load_documents(self) -> None: ...

    # -- one task written ------------------------------------------------------------
    def _saved(self, message: TaskSaved) -> bool:
        """Show the store's version of the task; False while a later write of it is queued
        (its reply will bring the final state)."""
        task = message.task
        if self.gateway.pending.get(task.id):
            return False
        self._apply(lambda: self._upsert(task))
        self._update_detail(task.id)
        return True

    @settles
    def on_moved(self, message: Moved) -> None:
        """A move landed."""
        self._saved(message)

    @settles
    def on_noted(self, message: Noted) -> None:
        """A note landed."""
        if self._saved(message):
            self.notify(tr(self.lang, "saved_note", number=message.task.number), timeout=3)

    @settles
    def on_edited(self, message: Edited) -> None:
        """An edit landed."""
        if self._saved(message):
            self.notify(tr(self.lang, "saved_edit", number=message.task.number), timeout=3)

    @settles
    def on_archived(self, message: Archived) -> None:
        """A task was retired."""
        self.notify(tr(self.lang, "done_archive", number=message.task.number), timeout=3)
        self._saved(message)

    @settles
    def on_restored(self, message: Restored) -> None:
        """A retired task is back."""
        self.notify(tr(self.lang, "done_restore", number=message.task.number), timeout=3)
        self._saved(message)

    @settles
    def on_review_cleared(self, message: ReviewCleared) -> None:
        """A task's review flags were cleared."""
        self.notify(tr(self.lang, "done_review", number=message.task.number), timeout=3)
        self._saved(message)

    @settles
    def on_added(self, message: Added) -> None:
        """A task added by hand: show it, cursor on it."""
        task = message.task
        self._apply(lambda: self._upsert(task), follow=task.id)
        self.notify(tr(self.lang, "done_add", number=task.number), timeout=3)

    # -- bulk jobs -------------------------------------------------------------------
    @settles
    def _bulk_done(self, message: BulkDone) -> None:
        """The marked cards moved, got a note, were retired or got new lead units."""
        tasks = message.tasks
        self._apply(lambda: self._take({t.id: t for t in tasks}))
        for task in tasks:
            self._update_detail(task.id)
        self.notify(tr(self.lang, message.done_key, n=len(tasks)), timeout=3)

    # Every bulk job ends the same way (its toast is the message's ``done_key``);
    # Textual finds a handler by the message's class name, so each name points here.
    on_bulk_moved = on_bulk_noted = on_bulk_archived = on_bulk_edited = _bulk_done

    # -- undo and polling ------------------------------------------------------------
    @settles
    def on_undone(self, message: Undone) -> None:
        """Show what an undo reverted, cursor on the first task it brought back."""
        if message.outcome is None:
            self.notify(tr(self.lang, "nothing_to_undo"), severity="warning", timeout=3)
            return
        undo, tasks = message.outcome
        follow = next((tid for tid, t in tasks.items() if t is not None), None)
        self._apply(lambda: self._take(tasks), follow=follow)
        for task_id in tasks:
            self._update_detail(task_id)
        self.notify(tr(self.lang, "undone", action=self._action_name(undo), n=len(tasks)), timeout=3)

    @settles
    def on_refreshed(self, message: Refreshed) -> None:
        """A poll ran; reload the board only when the file changed without a revision."""
        self._last_refresh_error = None
        if message.tasks is None:
            return
        # Tasks with a write in flight keep the board's version until that write lands.
        pending = self.gateway.pending
        mine = {tid: t for tid in pending if (t := self.model.task(tid)) is not None}
        fresh = [mine.get(t.id, t) for t in message.tasks]
        self._apply(lambda: self.model.reload(fresh))
        for screen in self._details():
            self._update_detail(screen.task_id)
        self.notify(tr(self.lang, "external_change"), timeout=2)

    @settles
    def on_refresh_failed(self, message: RefreshFailed) -> None:
        """The database could not be read: say so once, not twice a second."""
        if message.error != self._last_refresh_error:
            self.notify(message.error, severity="error", timeout=8)
        self._last_refresh_error = message.error

    # -- refusals and failures -------------------------------------------------------
    @settles
    def on_failed(self, message: Failed) -> None:
        """Nothing was written: say why, put the cards back where the store has them."""
        if message.conflict is not None:
            self.notify(self._conflict_message(message.conflict), severity="warning", timeout=10)
        else:
            self.notify(tr(self.lang, "write_failed", error=message.error), severity="error", timeout=8)
        if message.task_ids:
            self._put_back(message.task_ids)

    def _put_back(self, task_ids: Iterable[str]) -> None:
        stored: dict[str, Task | None] = {}
        for task_id in task_ids:
            try:
                stored[task_id] = self.gateway.read(partial(_get, task_id=task_id))
            except UnknownTask:
                stored[task_id] = None  # gone from the store: gone from the board
        if len(stored) == 1:
            ((task_id, task),) = stored.items()
            if task is None:
                self._apply(lambda: self.model.remove(task_id))
            else:
                self._apply(lambda: self._upsert(task))  # one card: redraw only its rows
            return
        self._apply(lambda: self._take(stored))

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
            f"conflict_{conflict.attempted}" if conflict.attempted in ACTIONS else "conflict_edit",
            who=conflict.who or tr(self.lang, "someone"),
            at=conflict.at[5:16].replace("T", " "),
            number=task.number if task else conflict.task_id,
            value=value,
            field=tr(self.lang, field_key) if has_key(field_key) else conflict.field,
        )

    def _action_name(self, undo: UndoResult) -> str:
        return tr(self.lang, f"action_{undo.action}") if undo.action in ACTIONS else undo.action

    # -- the change feed -------------------------------------------------------------
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

    def _take(self, tasks: dict[str, Task | None]) -> None:
        """Bring the store's versions of ``tasks`` onto the board (None: the task is gone)."""
        for task_id, task in tasks.items():
            if task is None:
                self.model.remove(task_id)
            else:
                self.model.upsert(task)

    def _details(self) -> list[DetailScreen]:
        """The detail screens open over the board."""
        from .detail_screen import DetailScreen  # imported when first opened (board_screen.py)

        return [s for s in self.app.screen_stack if isinstance(s, DetailScreen)]

    def _update_detail(self, task_id: str) -> None:
        task = self.model.task(task_id)
        for screen in self._details():
            if screen.task_id == task_id and task is not None:
                history = self.gateway.read(lambda s: s.history(task_id))
                screen.show_task(task, history)


def _get(store: TaskStore, task_id: str) -> Task:
    return store.get(task_id)
