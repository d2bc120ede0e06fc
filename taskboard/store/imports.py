"""Importing a document into the store: add, update, keep people's corrections, never resurrect."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import DocumentInfo, Task
from .history import CREATED, Action, corrected_fields, last_document_value
from .results import ImportResult, KeptEdit

if TYPE_CHECKING:
    from .store import TaskStore


class ImportMixin:
    """:class:`TaskStore`'s import operations (kept apart: they are the store's longest)."""

    def import_tasks(
        self: TaskStore,
        source: str,
        tasks: Iterable[Task],
        *,
        dry_run: bool = False,
        document: DocumentInfo | None = None,
    ) -> ImportResult:
        """Add or update the tasks parsed from one document.

        Only the fields a document states are updated; status, notes and
        history belong to the coordinator and survive a re-import, and so does
        every field a person corrected (the document's differing value is
        recorded in the history and listed in :attr:`ImportResult.kept`).
        With ``dry_run`` nothing is written: the result says what would happen.
        """
        if dry_run:
            return self._import(source, list(tasks), write=False)
        self._require_writable()
        with self.transaction():
            if document is not None and document.title:
                info = {**document.to_dict(), "source": source}
                if self.records.documents().get(source) != info:
                    self.records.put_document(source, info)
            return self._import(source, list(tasks), write=True)

    def _import(self: TaskStore, source: str, tasks: list[Task], *, write: bool) -> ImportResult:
        result = ImportResult(source)
        existing = self._raw_tasks()
        known = [t for t in tasks if t.id in existing]
        rows = self.history() if known else []
        corrected = corrected_fields(rows)
        seen: set[str] = set()
        new_docs: dict[str, dict] = {}
        for task in tasks:
            seen.add(task.id)
            old = existing.get(task.id)
            if old is None:
                result.added.append(task.id)
                if write:
                    now = self._now()
                    doc = task.replace(created=now, updated=now, revision=1).to_dict()
                    new_docs[task.id] = doc
                    self._record(task.id, Action.IMPORT, CREATED, None, task.title)
                continue
            if old.get("archived"):
                result.retired.append(task.id)  # retired on purpose: a re-import never brings it back
            fresh = task.to_dict()
            changes = {k: fresh[k] for k in Task.IMPORTED_FIELDS if old.get(k) != fresh[k]}
            for fld in sorted(changes.keys() & corrected.get(task.id, set())):
                document_says = changes.pop(fld)
                result.kept.append(KeptEdit(task.id, fld, document_says, old.get(fld)))
                if write and document_says != last_document_value(rows, task.id, fld):
                    self._record(task.id, Action.KEPT, fld, old.get(fld), document_says)
            if changes:
                result.updated.append(task.id)
                if write:
                    self._update_fields(task.id, changes, Action.IMPORT)
            else:
                result.unchanged.append(task.id)
        for tid, doc in new_docs.items():
            self.records.put_task(tid, doc)
        result.missing = [
            tid for tid, raw in self._raw_tasks().items() if raw.get("source") == source and tid not in seen
        ]
        return result
