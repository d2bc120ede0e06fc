"""The embedded default backend: one JSON file and its journal, through :class:`AtomicJSONStorage`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..catalogue import Phrase
from ..model import Task
from .records import Raw
from .schema import (
    DOCUMENTS_TABLE,
    HISTORY_TABLE,
    META_KEY,
    META_TABLE,
    SCHEMA_VERSION,
    TASKS_TABLE,
    migrate,
    schema_of,
)
from .storage import AtomicJSONStorage
from .validate import first_problem


class TinyDBRecords:
    """:class:`~taskboard.store.records.Records` in one crash-safe JSON file.

    Reads come straight from the parsed file the storage holds (wrapping
    10,000 documents in TinyDB ``Document`` copies per read would cost more
    than the query).  Writes go to the storage as the changes they are, so a
    commit journals the change instead of rewriting the file.
    """

    def __init__(self, path: str | Path, *, writable: bool = True) -> None:
        # The opening check builds each sound task on the way (validate.problems):
        # the store takes them (loaded_tasks) instead of building them all again.
        self._built: dict[str, Task] | None = {}
        self.storage = AtomicJSONStorage(path, recognise=self._recognise)
        self.path = self.storage.path
        self.location = str(self.path)
        if not writable:
            # A reading command must leave the file exactly as it found it.
            self.storage.read_only_reason = Phrase.of("store.opened_read_only", path=self.path)
        self.migrated_from: tuple[int, Path] | None = None  # (old version, backup copy)
        self._check_schema()
        # Only the opening builds tasks: a reload after another process's commit only checks.
        self._loaded, self._built = self._built or {}, None

    def _recognise(self, data: Any) -> Phrase | None:
        return first_problem(data, self._built)

    def loaded_tasks(self) -> dict[str, Task]:
        """The tasks built while the file was checked at open, by id (once: later calls get {})."""
        built, self._loaded = self._loaded, {}
        tasks = self.tasks()
        return {key: task for key, task in built.items() if key in tasks}

    def _check_schema(self) -> None:
        version = schema_of(self.storage.read())
        if version != SCHEMA_VERSION:
            self._built = None  # built from the file's old shape; the store reads the migrated one
        if version > SCHEMA_VERSION:
            self.storage.read_only_reason = Phrase.of(
                "store.newer_schema", path=self.path, version=version, known=SCHEMA_VERSION
            )
        elif version < SCHEMA_VERSION and self.storage.read_only_reason:
            # Read an old file through the current schema without writing it back.
            self.storage.replace_in_memory(migrate(self.storage.read()))
        elif version < SCHEMA_VERSION:
            backup = self.storage.backup_copy(f"schema{version}")
            with self.storage.transaction():
                self.storage.write(migrate(self.storage.read()))
            self.migrated_from = (version, backup)

    # -- Records --------------------------------------------------------------------------
    @property
    def read_only_reason(self) -> str | None:
        """Why the file cannot be changed (mode, newer schema, opened for reading)."""
        return self.storage.read_only_reason

    @read_only_reason.setter
    def read_only_reason(self, reason: str | None) -> None:
        self.storage.read_only_reason = reason

    @property
    def exists(self) -> bool:
        """True once the file has been written."""
        return self.storage.exists

    def tasks(self) -> dict[str, Raw]:
        """Task id → raw task."""
        return self.storage.read().get(TASKS_TABLE, {})

    def history(self) -> dict[str, Raw]:
        """Row key → raw row, in commit order (a read-only mapping, parsed from the file when first used)."""
        return self.storage.read().get(HISTORY_TABLE, {})

    def documents(self) -> dict[str, Raw]:
        """Source → raw document info."""
        return self.storage.read().get(DOCUMENTS_TABLE, {})

    def meta(self) -> Raw:
        """The meta block."""
        return self.storage.read().get(META_TABLE, {}).get(META_KEY, {})

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock the file, catch up, run the block, commit it atomically."""
        with self.storage.transaction():
            yield

    def refresh(self) -> bool:
        """Reload if another process committed (a stat and 8 KiB read when not)."""
        return self.storage.refresh()

    def put_task(self, task_id: str, raw: Raw) -> None:
        """Add or replace one task."""
        self.storage.put(TASKS_TABLE, task_id, raw)

    def delete_task(self, task_id: str) -> None:
        """Remove one task."""
        self.storage.delete(TASKS_TABLE, task_id)

    def append_history(self, rows: dict[str, Raw]) -> None:
        """Append history rows after the existing ones."""
        self.storage.append_rows(rows)

    def put_document(self, source: str, raw: Raw) -> None:
        """Add or replace one document's info."""
        self.storage.put(DOCUMENTS_TABLE, source, raw)

    def put_meta(self, meta: Raw) -> None:
        """Replace the meta block."""
        self.storage.put(META_TABLE, META_KEY, meta)

    def close(self) -> None:
        """Nothing stays open between commits; a small journal is folded into the file."""
        self.storage.close()
