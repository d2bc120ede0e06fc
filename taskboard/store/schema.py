"""The database file's schema version and the migrations that bring old files up to date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import task_id

SCHEMA_VERSION = 1
META_TABLE = "meta"
META_KEY = "db"
TASKS_TABLE = "tasks"
HISTORY_TABLE = "history"
DOCUMENTS_TABLE = "documents"  # file name → title, 文号, date (added without a schema bump: optional)

Data = dict[str, dict[str, Any]]


def schema_of(data: Data) -> int:
    """The file's schema version; 0 for a file written before versions existed."""
    meta = data.get(META_TABLE, {}).get(META_KEY, {})
    return int(meta.get("schema", 0)) if data else SCHEMA_VERSION


def _from_0(data: Data) -> Data:
    # Version 0: a plain TinyDB file, tasks in the default table keyed by
    # TinyDB's integer doc ids.  Re-key them by their own stable ids.
    tasks: dict[str, Any] = dict(data.get(TASKS_TABLE, {}))
    for doc in data.get("_default", {}).values():
        tid = doc.get("id") or task_id(doc.get("source", ""), str(doc.get("number", "")))
        tasks[tid] = {**doc, "id": tid}
    return {
        META_TABLE: {META_KEY: {"schema": 1, "seq": 0}},
        TASKS_TABLE: tasks,
        HISTORY_TABLE: dict(data.get(HISTORY_TABLE, {})),
    }


# MIGRATIONS[n] turns a version-n file into a version-(n+1) file.
MIGRATIONS: dict[int, Callable[[Data], Data]] = {0: _from_0}


def migrate(data: Data) -> Data:
    """Apply every migration from the file's version up to :data:`SCHEMA_VERSION`."""
    version = schema_of(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data[META_TABLE][META_KEY]["schema"] = version
    return data
