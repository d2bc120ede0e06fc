"""The storage interface: the raw records every backend keeps for one board.

:class:`~taskboard.store.store.TaskStore` holds all the rules — history rows,
undo and its refusals, write expectations, imports that keep corrections —
and keeps them in a :class:`Records` backend.  A backend only stores and
returns plain JSON-ready dicts, exclusively and durably, so a second backend
(PostgreSQL beside the embedded TinyDB file) is a new module, not an edit of
the rules, and both behave the same by construction.

Contract (checked by ``tests/store/contract``, run against every backend):

- Reads return live dicts in a stable order: tasks in the order they were
  first added, history rows in commit order (their keys, ``history.row_key``,
  also sort in that order), and reflect every commit of this process at once.
  Callers never mutate what reads return; they write through ``put_*``.
- :meth:`Records.transaction` is exclusive across processes and machines.
  On entry it catches up with commits others made (as :meth:`refresh`); the
  ``put_*``/``delete_*``/``append_*`` calls inside it become one atomic,
  durable commit when the block ends; if the block raises, none of them
  happen and the in-memory view is as before.  Writes outside a transaction
  are a programming error.
- :meth:`Records.refresh` brings in other processes' commits and says whether
  there were any; it must be cheap when there were none (the board calls it
  twice a second).
- ``meta()["seq"]`` is the board's revision: the number of the last committed
  transaction; every history row carries the ``seq`` of its transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

Raw = dict[str, Any]


@runtime_checkable
class Records(Protocol):
    """Where one board's tasks, history, documents and meta block live."""

    location: str  # a path or a URL without its password, for messages
    read_only_reason: str | None  # why nothing may be written, or None

    @property
    def exists(self) -> bool:
        """True once anything has been committed (a new board is seeded when False)."""
        ...

    def tasks(self) -> dict[str, Raw]:
        """Task id → raw task."""
        ...

    def history(self) -> Mapping[str, Raw]:
        """Row key → raw history row, oldest first."""
        ...

    def documents(self) -> dict[str, Raw]:
        """Source file name → raw document info (title, 文号, date)."""
        ...

    def meta(self) -> Raw:
        """The meta block: ``schema``, ``seq`` (revision), ``created``."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """Exclusive, caught-up, all-or-nothing block (see the module docstring)."""
        ...

    def refresh(self) -> bool:
        """Take in other processes' commits; True if there were any."""
        ...

    def put_task(self, task_id: str, raw: Raw) -> None:
        """Add or replace one task (inside a transaction)."""
        ...

    def delete_task(self, task_id: str) -> None:
        """Remove one task (inside a transaction; undo of an import or an add)."""
        ...

    def append_history(self, rows: dict[str, Raw]) -> None:
        """Append rows (key → row) after every existing one (inside a transaction)."""
        ...

    def put_document(self, source: str, raw: Raw) -> None:
        """Add or replace one document's info (inside a transaction)."""
        ...

    def put_meta(self, meta: Raw) -> None:
        """Replace the meta block (inside a transaction; the store bumps ``seq``)."""
        ...

    def close(self) -> None:
        """Release connections or handles; the object is not used afterwards."""
        ...
