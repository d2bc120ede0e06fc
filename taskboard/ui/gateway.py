"""The board's one door to the store.

A commit rewrites and fsyncs the whole database file: ~5 ms at 1,000 tasks but
20-50 ms at 10,000, and reloading a file another process wrote takes 100-250 ms
there.  Neither should freeze the keyboard, so every write and every reload
runs on one worker thread, strictly in the order they were asked for (`]` `]`
must move a card twice, in that order).  The UI updates at once and learns the
outcome from a :class:`Reply`, which the app turns into a typed message
(``messages.reply_message``: ``Moved``, ``Failed``…) for the board.

The store is not thread-safe, so the worker holds :attr:`StoreGateway.lock`
for each job and the UI takes it for its few direct reads (a task's history).

After every job, write or poll, the gateway reads the store's change feed
from the revision the board last saw, so every reply also carries the tasks
anyone changed in between.  A commit of ours that took in a colleague's
commit under the lock therefore still shows the colleague's change; the
file's signature alone cannot tell (issue: a stale card then overwrote it).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from taskboard.model import Task
from taskboard.store import Conflict, StoreError, TaskStore, UnknownTask

log = logging.getLogger(__name__)


class Op(StrEnum):
    """What a store job does: it picks the job's reply message (see messages.py)."""

    MOVE = "move"
    NOTE = "note"
    EDIT = "edit"
    ADD = "add"
    ARCHIVE = "archive"
    RESTORE = "restore"
    REVIEW = "review"  # clear the importer's review flags
    UNDO = "undo"
    REFRESH = "refresh"  # poll for other processes' commits
    BULK_MOVE = "bulk_move"
    BULK_NOTE = "bulk_note"
    BULK_ARCHIVE = "bulk_archive"
    BULK_EDIT = "bulk_edit"


@dataclass(frozen=True, slots=True)
class Reply:
    """The outcome of one queued store job."""

    op: Op
    task_id: str | None
    result: Any = None
    error: str | None = None  # a one-line, user-facing message
    seconds: float = 0.0
    conflict: Conflict | None = None  # the write was refused: the task changed since the board saw it
    # The change feed: every task changed since the previous reply (None = deleted),
    # and which of them another session (process, board) changed.
    changed: dict[str, Task | None] | None = None
    foreign: frozenset[str] = frozenset()
    ids: tuple[str, ...] = ()  # the tasks a bulk job writes (put back on the board if it fails)


@dataclass(frozen=True, slots=True)
class _Job:
    op: Op
    task_id: str | None
    fn: Callable[[TaskStore], Any]
    ids: tuple[str, ...] = ()


class StoreGateway:
    """Serialises every store access of the UI; see the module docstring."""

    lang = "en"  # the board sets its language: the errors in replies are said in it

    def __init__(self, store: TaskStore) -> None:
        self.store = store
        self.lock = threading.RLock()
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        # Tasks with a write in flight: a reload must not undo their optimistic change.
        # Only touched from the UI thread (submit / replied).
        self.pending: Counter[str] = Counter()
        self._closed = False
        self._synced = store.revision  # the revision the board's tasks reflect; worker thread only

    def read(self, fn: Callable[[TaskStore], Any]) -> Any:
        """Run a read on the UI thread, never while a job is changing the store."""
        with self.lock:
            return fn(self.store)

    def submit(
        self, op: Op, task_id: str | None, fn: Callable[[TaskStore], Any], *, ids: tuple[str, ...] = ()
    ) -> None:
        """Queue ``fn(store)``; its :class:`Reply` is delivered by :meth:`serve`.

        ``task_id`` is the one task a job writes (its optimistic change is kept
        until the reply); ``ids`` the tasks of a bulk job.
        """
        if self._closed:
            log.warning("store job %s after close: dropped", op)
            return
        if task_id is not None:
            self.pending[task_id] += 1
        self._jobs.put(_Job(op, task_id, fn, ids))

    def replied(self, reply: Reply) -> None:
        """Note on the UI thread that ``reply``'s job is over."""
        if reply.task_id is not None and self.pending[reply.task_id] > 0:
            self.pending[reply.task_id] -= 1
            if not self.pending[reply.task_id]:
                del self.pending[reply.task_id]

    @property
    def busy(self) -> bool:
        """True while jobs are queued or running."""
        return self._jobs.unfinished_tasks > 0

    def serve(self, deliver: Callable[[Reply], object], stop: Callable[[], bool] = lambda: False) -> None:
        """Run queued jobs until :meth:`close` (or ``stop()`` once the queue is empty);
        call ``deliver`` with each reply.  Blocks: run it on a worker thread.
        """
        while True:
            try:
                job = self._jobs.get(timeout=0.1)
            except queue.Empty:
                if stop():
                    return
                continue
            try:
                if job is None:
                    return
                deliver(self._run(job))
            finally:
                self._jobs.task_done()

    def _run(self, job: _Job) -> Reply:
        start = time.perf_counter()
        result: Any = None
        error: str | None = None
        conflict: Conflict | None = None
        with self.lock:
            try:
                result = job.fn(self.store)
            except Conflict as exc:
                error, conflict = str(exc), exc
            except StoreError as exc:
                error = exc.message_in(self.lang)
            except Exception as exc:  # a bug must not kill the writer and strand later writes
                log.exception("store job %s failed", job.op)
                error = f"{type(exc).__name__}: {exc}"
            changed, foreign = self._feed()
        return Reply(
            job.op,
            job.task_id,
            result,
            error=error,
            seconds=time.perf_counter() - start,
            conflict=conflict,
            changed=changed,
            foreign=foreign,
            ids=job.ids,
        )

    def _feed(self) -> tuple[dict[str, Task | None] | None, frozenset[str]]:
        # Whatever the job was, bring back every task committed since the last reply.
        try:
            changes = self.store.changes_since(self._synced)
        except StoreError:
            return None, frozenset()
        self._synced = changes.revision
        changed: dict[str, Task | None] = {}
        for task_id in changes.tasks:
            try:
                changed[task_id] = self.store.get(task_id)
            except UnknownTask:
                changed[task_id] = None
        return changed, changes.foreign

    def close(self) -> None:
        """Stop :meth:`serve` once the jobs already queued are done."""
        if not self._closed:
            self._closed = True
            self._jobs.put(None)

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until every queued job has run; False on timeout."""
        deadline = time.monotonic() + timeout
        while self._jobs.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        return True
