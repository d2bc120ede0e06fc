"""The PostgreSQL backend's history: recent rows at hand, older ones fetched when first needed.

The board asks history one question after every commit — what changed since
revision N — and N is never older than the board itself.  Keeping only the
rows committed since this process opened the database answers that without
fetching years of history (100,000 rows take a second to fetch); a question
about older rows (a task's full history, undo, an export) fetches them once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

Row = dict[str, Any]


class ServerHistory(Mapping[str, Row]):
    """History as a read-only mapping in commit order (``reversed`` included).

    ``fetch_older()`` returns the rows committed up to the moment the board was
    opened, key → row in commit order; rows committed since live in the tail.
    """

    def __init__(self, fetch_older: Callable[[], dict[str, Row]]) -> None:
        self._fetch_older = fetch_older
        self._older: dict[str, Row] | None = None
        self._tail: dict[str, Row] = {}

    def _all_older(self) -> dict[str, Row]:
        if self._older is None:
            self._older = self._fetch_older()
        return self._older

    def add(self, key: str, row: Row) -> bool:
        """Add (or replace) a recent row; True if the key is new."""
        new = key not in self._tail
        self._tail[key] = row
        return new

    def forget(self, key: str) -> None:
        """Drop a recent row (its commit was rolled back)."""
        self._tail.pop(key, None)

    def __getitem__(self, key: str) -> Row:
        if key in self._tail:
            return self._tail[key]
        return self._all_older()[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._all_older()
        yield from list(self._tail)

    def __reversed__(self) -> Iterator[str]:
        # Recent rows first, without touching the server: the change feed stops there.
        yield from reversed(list(self._tail))
        yield from reversed(list(self._all_older()))

    def __len__(self) -> int:
        return len(self._all_older()) + len(self._tail)

    def __contains__(self, key: object) -> bool:
        return key in self._tail or key in self._all_older()
