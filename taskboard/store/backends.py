"""Choosing a backend from what the user wrote after ``--db``."""

from __future__ import annotations

from pathlib import Path

from .records import Records

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: str | Path) -> bool:
    """True for a database server URL (``postgresql://…``), False for a file path."""
    return isinstance(location, str) and location.startswith(POSTGRES_SCHEMES)


def open_records(location: str | Path, *, writable: bool = True) -> Records:
    """The backend for ``location``: a PostgreSQL URL or a TinyDB file path."""
    if is_server_url(location):
        # Imported only here: psycopg costs start-up time a file board never needs.
        from .postgres_records import PostgresRecords

        return PostgresRecords(str(location), writable=writable)
    from .tinydb_records import TinyDBRecords

    return TinyDBRecords(location, writable=writable)
