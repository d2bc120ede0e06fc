"""Undo: revert the latest change not yet undone, refusing to overwrite a later one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .history import CREATED, Action, HistoryRow
from .results import UndoConflict, UndoResult

if TYPE_CHECKING:
    from .store import TaskStore


class UndoMixin:
    """:class:`TaskStore`'s undo (every undo is itself recorded in the history)."""

    def undo(self: TaskStore, *, own_only: bool = False) -> UndoResult | None:
        """Revert the latest change not yet undone; record the revert as history too.

        Repeated undos walk further back.  With ``own_only`` only changes made
        through this store count (the board's `u` must not revert what a
        colleague did in another terminal).  Returns None when there is nothing
        left; raises :class:`UndoConflict`, changing nothing, when a later
        change has overwritten the one to undo.
        """
        self._require_writable()
        with self.transaction():
            rows = self.history()
            undone = {r.undoes for r in rows if r.action == Action.UNDO}
            target = next(
                (
                    r.seq
                    for r in reversed(rows)
                    if r.action not in (Action.UNDO, Action.KEPT)
                    and r.seq not in undone
                    and (not own_only or r.session == self.session)
                ),
                None,
            )
            if target is None:
                return None
            batch = [r for r in rows if r.seq == target]
            self._check_undoable(batch, rows, undone)
            for row in reversed(batch):
                self._revert(row, target)
            if not self._rows:
                # The change had been overtaken (e.g. its task deleted); still
                # mark it undone so the next undo goes further back.
                self._record(batch[0].task, Action.UNDO, "", None, None, undoes=target)
        return UndoResult(target, sorted({r.action for r in batch}), sorted({r.task for r in batch}))

    @staticmethod
    def _check_undoable(batch: list[HistoryRow], rows: list[HistoryRow], undone: set[int | None]) -> None:
        # Reverting a field that a later change (not itself undone) touched again
        # would silently throw that change away; refuse instead.
        seq = batch[0].seq
        passive = (Action.UNDO, Action.KEPT)  # rows that changed nothing a revert could overwrite
        later = [r for r in rows if r.seq > seq and r.action not in passive and r.seq not in undone]
        for row in batch:
            for other in reversed(later):
                if other.task == row.task and (row.field == CREATED or other.field == row.field):
                    raise UndoConflict(row.task, other.field, other, other.new, Action.UNDO)

    def _revert(self: TaskStore, row: HistoryRow, seq: int) -> None:
        raw = self.records.tasks().get(row.task)
        if raw is None or row.action == Action.KEPT:
            return
        if row.field == CREATED:
            self._record(row.task, Action.UNDO, CREATED, row.new, None, undoes=seq)
            self.records.delete_task(row.task)
            self._task_cache.pop(row.task, None)
        elif row.field == "notes":
            notes = [n for n in raw.get("notes", []) if n != row.new]
            self._record(row.task, Action.UNDO, "notes", row.new, None, undoes=seq)
            self.records.put_task(
                row.task,
                {**raw, "notes": notes, "updated": self._now(), "revision": raw.get("revision", 0) + 1},
            )
        else:
            self._update_fields(row.task, {row.field: row.old}, Action.UNDO, undoes=seq)
