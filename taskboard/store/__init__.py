"""The task store: a crash-safe TinyDB file with history and undo."""

from .history import Action, HistoryRow
from .results import (
    Changes,
    Conflict,
    ImportResult,
    KeptEdit,
    UndoConflict,
    UndoResult,
    UnknownTask,
)
from .storage import CorruptDatabase, ReadOnlyDatabase, StoreError
from .store import TaskStore

__all__ = [
    "Action",
    "Changes",
    "Conflict",
    "CorruptDatabase",
    "HistoryRow",
    "ImportResult",
    "KeptEdit",
    "ReadOnlyDatabase",
    "StoreError",
    "TaskStore",
    "UndoConflict",
    "UndoResult",
    "UnknownTask",
]
