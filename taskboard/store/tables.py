"""TinyDB tables keyed by our own string ids, and the JSON form of field values."""

from __future__ import annotations

from datetime import date
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from ..model import DeadlineKind, Status


class IdTable(Table):
    # Our own string ids: TinyDB's integer doc_ids are reused after deletes
    # and collide when two processes insert at once.
    document_id_class = str

    def _get_next_id(self):  # pragma: no cover - every insert names its id
        raise TypeError("taskboard documents always carry their own id")

    def _update_table(self, updater):
        # TinyDB copies the whole table twice per write to convert integer ids
        # to and from the strings JSON keys must be.  Our ids are strings
        # already, so update the parsed table in place: at 10,000 tasks this
        # halves the cost of a move.  The storage commits (or rolls back) it.
        tables = self._storage.read()
        updater(tables.setdefault(self.name, {}))
        self._storage.write(tables)
        self.clear_cache()

    def put(self, doc_id: str, raw: dict[str, Any]) -> None:
        """Add or replace one document whole (TinyDB's ``update`` would merge into the old one)."""
        self._update_table(lambda table: table.__setitem__(doc_id, raw))

    def put_many(self, docs: dict[str, dict[str, Any]]) -> None:
        """Add or replace several documents in one write."""
        self._update_table(lambda table: table.update(docs))

    def drop(self, doc_id: str) -> None:
        """Remove one document if it is there."""
        self._update_table(lambda table: table.pop(doc_id, None))


class TaskDB(TinyDB):
    table_class = IdTable


def encode(value: Any) -> Any:
    """JSON-ready form of a task field value."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, DeadlineKind | Status):
        return value.value
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value
