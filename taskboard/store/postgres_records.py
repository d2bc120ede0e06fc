"""The shared-board backend: one board in a PostgreSQL database, followed live through LISTEN/NOTIFY.

Like the file backend it reads from memory: the whole board is loaded once,
and each process then fetches only the rows other processes committed since
(every row carries the ``seq`` of the commit that wrote it, and every commit
announces its ``seq`` on a NOTIFY channel, so an idle :meth:`refresh` is a
non-blocking poll of the socket, not a query).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import orjson
import psycopg
from psycopg.types.string import ByteaBinaryLoader

from ..catalogue import Phrase
from ..safetext import one_line
from .bulk import collector_paused
from .pg_history import ServerHistory
from .pg_migrations import CHANNEL, MIGRATION_LOCK, MIGRATIONS, PG_SCHEMA_VERSION
from .records import Raw
from .schema import SCHEMA_VERSION
from .storage import ReadOnlyDatabase, StoreError

_MISSING = object()


def public_location(url: str) -> str:
    """``url`` without its password (in the user part or as a ``password=`` parameter)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "password"])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class PostgresRecords:
    """:class:`~taskboard.store.records.Records` in a PostgreSQL database (psycopg 3)."""

    def __init__(self, url: str, *, writable: bool = True) -> None:
        self.location = public_location(url)
        self.read_only_reason: str | None = None
        self._url = url
        self._conn = self._connect()
        self._seq = 0  # the last commit this process has taken in
        self._next_pos = 0
        self._tasks: dict[str, Raw] = {}
        self._pos: dict[str, int] = {}
        # History is read on first use: listing or exporting tasks never needs
        # it, and at 10,000 tasks it is half of what a load would fetch.  Rows
        # committed after the open are fetched as they come (the change feed).
        self._history = ServerHistory(self._fetch_older_history)
        self._opened_at: int | None = None  # the seq the board was opened at
        self._documents: dict[str, Raw] = {}
        self._meta: Raw = {}
        self._in_tx = False
        try:
            self._migrate(writable)
            # LISTEN before loading: no commit can fall between the load and the feed.
            self._conn.execute(f"LISTEN {CHANNEL}")
            self._catch_up_snapshot()
            self._opened_at = self._seq
        except psycopg.Error as exc:
            self._conn.close()
            raise self._error("cannot open", exc) from None
        except BaseException:
            self._conn.close()
            raise
        if not writable and not self.read_only_reason:
            self.read_only_reason = Phrase.of("store.opened_read_only", path=self.location)

    # -- opening --------------------------------------------------------------------------
    def _error(self, doing: str, exc: Exception) -> StoreError:
        # psycopg's messages name host and user, never the password; scrub it anyway.
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        password = urlsplit(self._url).password
        if password:
            text = text.replace(password, "***")
        return StoreError(one_line(f"{doing} {self.location}: {text}"))

    def _connect(self) -> psycopg.Connection:
        try:
            conn = psycopg.connect(self._url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise self._error("cannot connect to", exc) from None
        except Exception as exc:  # a malformed URL is a ProgrammingError or a ValueError
            raise self._error("cannot connect to", exc) from None
        return conn

    def _reconnect_if_lost(self) -> None:
        # A server restart or a dropped link closes the connection; the board
        # stays open for hours, so come back on the next refresh or write.
        # What we hold is still good up to self._seq: catching up from there
        # needs no notification we missed.
        if self._conn.closed or self._conn.broken:
            self._conn = self._connect()
            self._conn.execute(f"LISTEN {CHANNEL}")

    def _version(self) -> int:
        row = self._conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
        if not row or not row[0]:
            return 0
        got = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(got[0] or 0) if got else 0

    def _migrate(self, writable: bool) -> None:
        version = self._version()
        if version > PG_SCHEMA_VERSION:
            self.read_only_reason = Phrase.of(
                "store.newer_schema", path=self.location, version=version, known=PG_SCHEMA_VERSION
            )
            return
        if version == PG_SCHEMA_VERSION:
            return
        if not writable and version == 0:
            raise StoreError.keyed("store.server_empty", path=self.location)
        if not writable:
            raise StoreError.keyed("store.server_old_schema", path=self.location, version=version,
                                   known=PG_SCHEMA_VERSION)
        with self._conn.transaction():
            # Two processes opening a new database at once: the second waits, then sees it done.
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            version = self._version()
            while version < PG_SCHEMA_VERSION:
                self._conn.execute(MIGRATIONS[version])
                version += 1
                self._conn.execute("UPDATE schema_version SET version = %s", (version,))

    # -- reading (from memory) ------------------------------------------------------------
    @property
    def exists(self) -> bool:
        """True once anything has been committed."""
        return self._seq > 0

    def tasks(self) -> dict[str, Raw]:
        """Task id → raw task, in the order tasks were first added."""
        return self._tasks

    def history(self) -> Mapping[str, Raw]:
        """Row key → raw history row, in commit order (older rows fetched when first needed)."""
        return self._history

    def _fetch_older_history(self) -> dict[str, Raw]:
        try:
            return self._fetch_history(0, self._opened_at or 0)
        except psycopg.Error as exc:
            raise self._error("cannot read", exc) from None

    def _fetch_history(self, since: int, seq: int) -> dict[str, Raw]:
        cur = self._reader().execute(
            "SELECT key, data FROM history WHERE seq > %s AND seq <= %s ORDER BY key", (since, seq)
        )
        with collector_paused():
            return {k: orjson.loads(v) for k, v in cur.fetchall()}

    def _reader(self) -> psycopg.Cursor:
        # Rows come as the bytes the server stores, parsed by orjson here: at
        # 10,000 tasks that is faster than psycopg's per-value JSON loader, one
        # aggregated value, or text (decoded to str, then encoded again for orjson).
        # A json column's binary form is its text, so these are UTF-8 JSON bytes.
        cur = self._conn.cursor(binary=True)
        cur.adapters.register_loader("json", ByteaBinaryLoader)
        return cur

    def documents(self) -> dict[str, Raw]:
        """Source → raw document info."""
        return self._documents

    def meta(self) -> Raw:
        """The meta block."""
        return self._meta

    # -- following other processes --------------------------------------------------------
    def refresh(self) -> bool:
        """Take in others' commits: a non-blocking drain of the NOTIFY feed, then one row lookup.

        The server delivers a notification a moment *after* the commit
        returns to its author, so a commit made just now by another process
        may not have been announced yet: the primary-key read of ``meta.seq``
        (a fraction of a millisecond on a LAN) closes that gap, and rows are
        fetched only when it moved.
        """
        if self._in_tx:
            return False
        try:
            self._reconnect_if_lost()
            newest = self._seq
            for note in self._conn.notifies(timeout=0):
                with contextlib.suppress(ValueError):
                    newest = max(newest, int(note.payload))
            if newest <= self._seq:
                newest = self._server_seq()
            return newest > self._seq and self._catch_up_snapshot()
        except psycopg.Error as exc:
            raise self._error("lost the connection to", exc) from None

    def _server_seq(self, *, lock: bool = False) -> int:
        """The last commit on the server (``lock``: and hold the board's write lock, its meta row)."""
        query = "SELECT seq FROM meta WHERE id = 1"
        row = self._conn.execute(query + " FOR UPDATE" if lock else query).fetchone()
        return int(row[0]) if row else 0

    def _catch_up_snapshot(self) -> bool:
        """:meth:`_catch_up` with all its reads in one snapshot (outside a write transaction)."""
        # Read committed would give each query its own snapshot: a commit
        # landing between the tasks and the meta query would mix two states.
        with self._conn.transaction(), collector_paused():
            self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return self._catch_up()

    def _catch_up(self, seq: int | None = None) -> bool:
        """Fetch every row committed after ``self._seq``; True if there was any commit."""
        if seq is None:
            seq = self._server_seq()
        if seq <= self._seq:
            return False
        since = self._seq
        cur = self._reader()
        cur.execute("SELECT id, pos, deleted, data FROM tasks WHERE seq > %s AND seq <= %s", (since, seq))
        # Sorted here, not by the server: a whole board's rows (7 MB at 10,000
        # tasks) are past the default work_mem, so ORDER BY sorted them on disk.
        rows = sorted(cur.fetchall(), key=itemgetter(1))
        for tid, pos, deleted, data in rows:
            if deleted:
                self._tasks.pop(tid, None)
                self._pos.pop(tid, None)
                continue
            if self._pos.get(tid, pos) != pos:
                self._tasks.pop(tid, None)  # deleted and added again elsewhere: now at the end
            self._tasks[tid] = orjson.loads(data)
            self._pos[tid] = pos
            self._next_pos = max(self._next_pos, pos + 1)
        if self._opened_at is not None:  # at the open, older rows wait until asked for
            for key, row in self._fetch_history(since, seq).items():
                self._history.add(key, row)
        cur.execute("SELECT source, data FROM documents WHERE seq > %s AND seq <= %s", (since, seq))
        self._documents.update((k, orjson.loads(v)) for k, v in cur.fetchall())
        cur.execute("SELECT data FROM meta WHERE id = 1")
        got = cur.fetchone()
        self._meta = orjson.loads(got[0]) if got else {}
        self._seq = seq
        self._check_data_schema()
        return True

    def _check_data_schema(self) -> None:
        version = int(self._meta.get("schema", SCHEMA_VERSION))
        if version > SCHEMA_VERSION:
            self.read_only_reason = Phrase.of(
                "store.newer_schema", path=self.location, version=version, known=SCHEMA_VERSION
            )

    # -- writing --------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock the board (the meta row), catch up, run the block, write what it changed."""
        if self.read_only_reason:
            raise ReadOnlyDatabase.keyed("cli.read_only", reason=self.read_only_reason)
        if self._in_tx:
            raise RuntimeError("PostgresRecords transactions do not nest")
        try:
            self._reconnect_if_lost()
        except psycopg.Error as exc:
            raise self._error("lost the connection to", exc) from None
        self._in_tx = True
        self._dirty_tasks: dict[str, None] = {}
        self._dirty_docs: dict[str, None] = {}
        self._new_history: list[str] = []
        self._meta_dirty = False
        # Copies taken on the first change of each table: a failed block puts them back.
        self._saved: dict[str, Any] = {}
        try:
            with self._conn.transaction():
                self._catch_up(self._server_seq(lock=True))
                yield
                committed = self._write()
            # Only now is the commit durable: a failed COMMIT must not leave us a seq ahead.
            self._seq = committed
        except psycopg.Error as exc:
            self._restore()
            raise self._error("cannot write to", exc) from None
        except BaseException:
            self._restore()
            raise
        finally:
            self._in_tx = False
            self._saved = {}

    def _restore(self) -> None:
        if "tasks" in self._saved:
            tasks, pos, next_pos = self._saved["tasks"]
            self._tasks.clear()
            self._tasks.update(tasks)
            self._pos, self._next_pos = pos, next_pos
        for key in self._new_history:
            self._history.forget(key)
        if "documents" in self._saved:
            self._documents.clear()
            self._documents.update(self._saved["documents"])
        if "meta" in self._saved:
            self._meta = self._saved["meta"]

    def _save(self, table: str) -> None:
        if table in self._saved:
            return
        if table == "tasks":
            self._saved[table] = (dict(self._tasks), dict(self._pos), self._next_pos)
        elif table == "documents":
            self._saved[table] = dict(self._documents)
        else:
            self._saved[table] = self._meta

    def _write(self) -> int:
        """Send what the block changed, stamped with the next seq; return the seq to commit at."""
        if not (self._dirty_tasks or self._dirty_docs or self._new_history or self._meta_dirty):
            return self._seq
        seq = self._seq + 1
        cur = self._conn.cursor()
        upserts = []
        deletes = []
        for tid in self._dirty_tasks:
            raw = self._tasks.get(tid)
            if raw is None:
                deletes.append((seq, tid))
            else:
                upserts.append((tid, seq, self._pos[tid], _json(raw)))
        if upserts:
            # ``pos`` from memory: a task deleted and put back has taken its new place at the end.
            cur.executemany(
                "INSERT INTO tasks (id, seq, pos, deleted, data) VALUES (%s, %s, %s, false, %s::json) "
                "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, data = excluded.data, deleted = false, "
                "pos = excluded.pos",
                upserts,
            )
        if deletes:
            cur.executemany("UPDATE tasks SET seq = %s, deleted = true, data = NULL WHERE id = %s", deletes)
        if self._new_history:
            cur.executemany(
                "INSERT INTO history (key, seq, data) VALUES (%s, %s, %s::json)",
                [(k, seq, _json(self._history[k])) for k in self._new_history],
            )
        if self._dirty_docs:
            cur.executemany(
                "INSERT INTO documents (source, seq, data) VALUES (%s, %s, %s::json) "
                "ON CONFLICT (source) DO UPDATE SET seq = excluded.seq, data = excluded.data",
                [(s, seq, _json(self._documents[s])) for s in self._dirty_docs],
            )
        if self._meta_dirty:
            cur.execute("UPDATE meta SET seq = %s, data = %s::json WHERE id = 1", (seq, _json(self._meta)))
        else:
            cur.execute("UPDATE meta SET seq = %s WHERE id = 1", (seq,))
        # Delivered at COMMIT to every listening process (and this one, which ignores it).
        cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, str(seq)))
        return seq

    def _require_tx(self) -> None:
        if not self._in_tx:
            raise RuntimeError("writes to the store happen inside a transaction")

    def put_task(self, task_id: str, raw: Raw) -> None:
        """Add or replace one task."""
        self._require_tx()
        self._save("tasks")
        if task_id not in self._tasks:
            self._pos[task_id] = self._next_pos
            self._next_pos += 1
        self._tasks[task_id] = raw
        self._dirty_tasks[task_id] = None

    def delete_task(self, task_id: str) -> None:
        """Remove one task (a tombstone, so other processes learn of it)."""
        self._require_tx()
        self._save("tasks")
        self._tasks.pop(task_id, None)
        self._pos.pop(task_id, None)
        self._dirty_tasks[task_id] = None

    def append_history(self, rows: dict[str, Raw]) -> None:
        """Append rows after every existing one."""
        self._require_tx()
        for key, row in rows.items():  # keys carry the new seq: they follow every existing row
            if self._history.add(key, row):
                self._new_history.append(key)

    def put_document(self, source: str, raw: Raw) -> None:
        """Add or replace one document's info."""
        self._require_tx()
        self._save("documents")
        self._documents[source] = raw
        self._dirty_docs[source] = None

    def put_meta(self, meta: Raw) -> None:
        """Replace the meta block."""
        self._require_tx()
        self._save("meta")
        self._meta = meta
        self._meta_dirty = True

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()
