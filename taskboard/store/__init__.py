"""The task store: a crash-safe TinyDB file with history and undo."""

from .history import Action, HistoryRow
from .seed import open_store, seed_store
from .storage import CorruptDatabase, ReadOnlyDatabase, StoreError
from .store import (
    Changes,
    Conflict,
    ImportResult,
    KeptEdit,
    TaskStore,
    UndoConflict,
    UndoResult,
    UnknownTask,
)

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
    "open_store",
    "seed_store",
]
