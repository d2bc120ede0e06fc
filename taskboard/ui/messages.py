"""Messages the board's parts send up to the board screen."""

from __future__ import annotations

from textual.message import Message

from .gateway import Reply


class StoreReplied(Message):
    """A queued store job finished (posted from the writer thread)."""

    def __init__(self, reply: Reply) -> None:
        super().__init__()
        self.reply = reply


class TaskAction(Message):
    """A screen above the board asks it to act on a task (note, edit, move…)."""

    def __init__(self, action: str, task_id: str) -> None:
        super().__init__()
        self.action = action
        self.task_id = task_id
