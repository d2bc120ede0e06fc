"""Messages the board's parts send up to the board screen.

Store replies come back from the writer thread as one typed message per
outcome (``Moved``, ``Noted``, ``BulkMoved``, ``Undone``, ``Failed``…), each
carrying its own payload; the board handles them in ``on_moved`` and so on
(see ``screens/board_replies.py``), with no dispatch on operation names.
"""

from __future__ import annotations

from textual.message import Message

from taskboard.model import Task
from taskboard.store import Conflict, UndoResult

from .gateway import Op, Reply


class StoreReplied(Message, bubble=False):
    """A queued store job finished (posted from the writer thread); subclasses say how."""

    def __init__(self, reply: Reply) -> None:
        super().__init__()
        self.reply = reply


class TaskSaved(StoreReplied):
    """One task's write landed; ``task`` is the store's new version."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply)
        self.task: Task = reply.result


class Moved(TaskSaved):
    """A card moved to another column."""


class Noted(TaskSaved):
    """A progress note was added."""


class Edited(TaskSaved):
    """A task's fields were edited."""


class Archived(TaskSaved):
    """A task was retired."""


class Restored(TaskSaved):
    """A retired task is back on the board."""


class ReviewCleared(TaskSaved):
    """The importer's review flags of a task were cleared."""


class Added(TaskSaved):
    """A task was added by hand."""


class BulkDone(StoreReplied):
    """One bulk job over the marked cards landed; ``tasks`` are their new versions."""

    done_key = ""  # the toast saying what was done (an i18n key)

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply)
        self.tasks: list[Task] = reply.result


class BulkMoved(BulkDone):
    """Every marked card moved one column."""

    done_key = "done_bulk_move"


class BulkNoted(BulkDone):
    """One note was added to every marked card."""

    done_key = "done_bulk_note"


class BulkArchived(BulkDone):
    """Every marked card was retired."""

    done_key = "done_bulk_archive"


class BulkEdited(BulkDone):
    """Every marked card got new lead units."""

    done_key = "done_bulk_edit"


class Undone(StoreReplied):
    """An undo ran: what it reverted and the tasks it touched (None: a task is gone),
    or ``outcome`` None when there was nothing to undo."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply)
        self.outcome: tuple[UndoResult, dict[str, Task | None]] | None = reply.result


class Refreshed(StoreReplied):
    """A poll ran; ``tasks`` is the whole board when the file changed without a revision."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply)
        self.tasks: list[Task] | None = reply.result


class RefreshFailed(StoreReplied):
    """A poll could not read the database."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply)
        self.error: str = reply.error or ""


class Failed(StoreReplied):
    """A write was refused (``conflict``: someone changed the task first) or failed;
    nothing was written, and ``task_ids`` are the cards to put back."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply)
        self.op: Op = reply.op
        self.error: str = reply.error or ""
        self.conflict: Conflict | None = reply.conflict
        single = (reply.task_id,) if reply.task_id is not None else ()
        self.task_ids: tuple[str, ...] = reply.ids or single


# The message of each job that succeeded.
_DONE: dict[Op, type[StoreReplied]] = {
    Op.MOVE: Moved,
    Op.NOTE: Noted,
    Op.EDIT: Edited,
    Op.ADD: Added,
    Op.ARCHIVE: Archived,
    Op.RESTORE: Restored,
    Op.REVIEW: ReviewCleared,
    Op.UNDO: Undone,
    Op.REFRESH: Refreshed,
    Op.BULK_MOVE: BulkMoved,
    Op.BULK_NOTE: BulkNoted,
    Op.BULK_ARCHIVE: BulkArchived,
    Op.BULK_EDIT: BulkEdited,
}


def reply_message(reply: Reply) -> StoreReplied:
    """The typed message telling the board how ``reply``'s job ended."""
    if reply.error is not None:
        return RefreshFailed(reply) if reply.op is Op.REFRESH else Failed(reply)
    return _DONE[reply.op](reply)


class TaskAction(Message, bubble=False):
    """A screen above the board asks it to act on a task; subclasses say what."""

    def __init__(self, task_id: str) -> None:
        super().__init__()
        self.task_id = task_id


class NoteAsked(TaskAction):
    """Ask for a progress note on the task."""


class EditAsked(TaskAction):
    """Show the edit form for the task."""


class MoveAsked(TaskAction):
    """Move the task one column, ``forward`` or back."""

    def __init__(self, task_id: str, *, forward: bool) -> None:
        super().__init__(task_id)
        self.forward = forward


class ReviewClearAsked(TaskAction):
    """Clear the task's review flags."""
