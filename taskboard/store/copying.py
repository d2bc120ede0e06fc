"""Copying a whole board between backends (``taskboard db copy``): file ↔ PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .backends import open_records
from .records import Records
from .storage import StoreError


@dataclass(frozen=True)
class Copied:
    """What one copy moved, and where (locations without passwords)."""

    source: str
    destination: str
    tasks: int
    history: int
    documents: int


def copy_board(source: str | Path, destination: str | Path) -> Copied:
    """Copy every task (with its notes), history row, document and the meta block into an empty board.

    One transaction on the destination: it holds the whole board or nothing.
    A destination that already holds anything is refused, never merged into.
    """
    src = open_records(source, writable=False)
    try:
        if not src.exists:
            raise StoreError.keyed("store.copy_no_board", location=src.location)
        dst = open_records(destination, writable=True)
        try:
            return _copy(src, dst)
        finally:
            dst.close()
    finally:
        src.close()


def _copy(src: Records, dst: Records) -> Copied:
    if dst.read_only_reason:
        raise StoreError.keyed("store.copy_read_only", location=dst.location, reason=dst.read_only_reason)
    with dst.transaction():
        # Checked under the destination's lock: nobody can start using it meanwhile.
        if dst.exists or dst.tasks() or dst.history():
            raise StoreError.keyed("store.copy_not_empty", location=dst.location)
        for task_id, raw in src.tasks().items():  # in board order, which the copy keeps
            dst.put_task(task_id, raw)
        dst.append_history(dict(src.history()))
        for name, raw in src.documents().items():
            dst.put_document(name, raw)
        # The revision travels too: history rows and exported workbooks refer to it.
        dst.put_meta(dict(src.meta()))
    return Copied(src.location, dst.location, len(src.tasks()), len(src.history()), len(src.documents()))
