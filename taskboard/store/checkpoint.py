"""The database file as a checkpoint writes it: plain JSON, laid out so history need not be parsed.

The file stays one ordinary JSON object any tool (and TinyDB) can read, but a
checkpoint writes it in a fixed order — the meta table first, holding the
``journal`` block, and the history table last, one row per line:

    {"meta":{"journal":{"epoch":"…","folded":12,"history":"000000123456:000031415926"},"db":{…}},
     "tasks":{…},"documents":{…},"history":{
    "0000000001.00000":{…},
    "0000000002.00000":{…}
    }}

The block's ``history`` span lets :func:`split` parse everything but the
history at start-up (100,000 rows are most of the file and the board opens
without them) and keep the history's bytes.  :class:`History` parses them on
first use — from the end, row by row, when only recent rows are wanted (the
change feed), or whole.  A checkpoint appends new rows to those bytes
instead of serialising 100,000 rows again: history only grows.  Any file not
in this layout (an older file, a hand edit) is simply parsed whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from .schema import HISTORY_TABLE, META_TABLE

JOURNAL_KEY = "journal"
_PREFIX = b'{"meta":{"journal":'
_MARK = b',"history":'
_SPAN = "000000000000:000000000000"
_EMPTY = b"{}"

Row = dict[str, Any]
# Raises when a row read back from the file is not a history row (see validate.py).
RowCheck = Callable[[str, Any], None]
# Raises the store's own error when the rows cannot be parsed at all (the file names itself there).
Unreadable = Callable[[orjson.JSONDecodeError], None]


def _lines(rows: Mapping[str, Row]) -> bytes:
    return b",\n".join(orjson.dumps(k) + b":" + orjson.dumps(v) for k, v in rows.items())


class History(Mapping[str, Row]):
    """The history table: rows from the file (kept as bytes until needed) plus rows added since.

    Behaves as a read-only dict in commit order (``reversed`` included);
    only :meth:`append` and :meth:`forget` (a rolled-back commit) change it.
    """

    def __init__(self, blob: bytes | Callable[[], bytes] | None = None, rows: dict[str, Row] | None = None,
                 check: RowCheck | None = None, unreadable: Unreadable | None = None) -> None:
        # The file's rows in the line layout, or how to read them when first needed
        # (see read()); None when only ``rows`` are known.
        self._source = blob if callable(blob) else None
        self._bytes = None if callable(blob) else blob
        self._rows = rows if blob is None else None  # every row, once parsed
        if self._rows is None and blob is None:
            self._rows = {}
        self._tail: dict[str, Row] = {}  # rows added since ``_blob`` was written
        self._seen: dict[str, Row] = {}  # rows parsed from the end of ``_blob``
        self._check = check
        self._unreadable = unreadable

    # -- reading ------------------------------------------------------------------------
    @property
    def _blob(self) -> bytes | None:
        if self._source is not None:
            try:
                self._bytes = self._source()
            except orjson.JSONDecodeError as exc:
                if self._unreadable:
                    self._unreadable(exc)
                raise
            self._source = None
        return self._bytes

    def _all(self) -> dict[str, Row]:
        if self._rows is None:
            try:
                rows = orjson.loads(self._blob or _EMPTY)
                if not isinstance(rows, dict):
                    raise orjson.JSONDecodeError("history is not an object", "", 0)
            except orjson.JSONDecodeError as exc:
                if self._unreadable:
                    self._unreadable(exc)
                raise
            if self._check:
                for key, row in rows.items():
                    self._check(key, row)
            rows.update(self._tail)
            self._rows, self._seen = rows, {}
        return self._rows

    @property
    def parsed(self) -> bool:
        """True once every row has been parsed."""
        return self._rows is not None

    def __getitem__(self, key: str) -> Row:
        if self._rows is None:
            if key in self._tail:
                return self._tail[key]
            if key in self._seen:
                return self._seen[key]
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __reversed__(self) -> Iterator[str]:
        if self._rows is not None:
            yield from reversed(self._rows)
            return
        yield from reversed(list(self._tail))
        yield from self._scan_back()

    def _scan_back(self) -> Iterator[str]:
        # Newest file rows first, one line at a time: the change feed wants
        # only the rows after a revision, usually a handful.
        blob = self._blob or _EMPTY
        done = 0
        end = len(blob) - 2  # the newline before the closing brace
        while blob != _EMPTY and end > 1 and self._rows is None:
            start = blob.rfind(b"\n", 0, end) + 1
            try:
                ((key, row),) = orjson.loads(b"{" + blob[start:end].rstrip(b",") + b"}").items()
            except (orjson.JSONDecodeError, ValueError):
                break  # not readable line by line: parse it whole below (or say why not)
            if self._check:
                self._check(key, row)
            self._seen[key] = row
            yield key
            done += 1
            end = start - 1
        else:
            if self._rows is None:
                return  # every file row was scanned
        base = [k for k in self._all() if k not in self._tail]
        yield from reversed(base[: len(base) - done])

    # -- changing -----------------------------------------------------------------------
    def append(self, rows: Mapping[str, Row]) -> None:
        """Add rows after every existing one."""
        self._tail.update(rows)
        if self._rows is not None:
            self._rows.update(rows)

    def forget(self, keys: list[str]) -> None:
        """Take back rows a failed commit added."""
        for key in keys:
            self._tail.pop(key, None)
            if self._rows is not None:
                self._rows.pop(key, None)

    def serialised(self) -> bytes:
        """Every row in the line layout, for a checkpoint (reuses the file's bytes)."""
        if self._blob is None:
            body = _lines(self._all())
        elif not self._tail:
            return self._blob
        elif self._blob == _EMPTY:
            body = _lines(self._tail)
        else:
            body = self._blob[2:-2] + b",\n" + _lines(self._tail)
        return b"{\n" + body + b"\n}" if body else _EMPTY

    def settle(self, blob: bytes) -> None:
        """The rows are now in a file as ``blob`` (what :meth:`serialised` returned)."""
        self._source, self._bytes, self._tail = None, blob, {}


def dump(tables: dict[str, Any], block: dict[str, Any], history: bytes) -> bytes:
    """The whole file: ``tables`` with ``block`` first in meta and ``history`` (line layout) last."""
    meta = {k: v for k, v in tables.get(META_TABLE, {}).items() if k != JOURNAL_KEY}
    head_obj = {
        META_TABLE: {JOURNAL_KEY: {**block, "history": _SPAN}, **meta},
        **{k: v for k, v in tables.items() if k not in (META_TABLE, HISTORY_TABLE)},
    }
    head = orjson.dumps(head_obj)
    start = len(head) - 1 + len(_MARK)
    span = f"{start:012d}:{start + len(history):012d}".encode()
    at = head.index(_SPAN.encode())
    return head[:at] + span + head[at + len(span):-1] + _MARK + history + b"}"


def _span(start: bytes) -> tuple[int, int] | None:
    """The history's (first, last) byte offsets named by the block at the ``start`` of a file."""
    if not start.startswith(_PREFIX):
        return None
    try:
        close = start.index(b"}", len(_PREFIX))
        block = orjson.loads(start[len(_PREFIX): close + 1])
        first, last = (int(x) for x in block["history"].split(":"))
    except (ValueError, KeyError, TypeError, AttributeError, orjson.JSONDecodeError):
        return None
    return (first, last) if len(_MARK) <= first <= last else None


def _parts(
    head: bytes | bytearray, mark: bytes, ends: tuple[bytes, bytes, int], end: bytes
) -> dict[str, Any] | None:
    """The tables when the pieces cut at the span are the layout, else None.

    ``ends``: the history's first two bytes, its last two and its length.
    """
    start, stop, length = ends
    if mark != _MARK or end != b"}" or not (
        (length == len(_EMPTY) and start == _EMPTY) or (start == b"{\n" and stop == b"\n}")
    ):
        return None
    try:
        tables = orjson.loads(head)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(tables, dict) or HISTORY_TABLE in tables:
        return None
    return tables


def _ends(blob: bytes) -> tuple[bytes, bytes, int]:
    return blob[:2], blob[-2:], len(blob)


def split(raw: bytes) -> tuple[dict[str, Any], bytes] | None:
    """(every table but history, history's bytes) for a file in the checkpoint layout, else None."""
    span = _span(raw[:4096])
    if span is None or span[1] != len(raw) - 1:
        return None
    first, last = span
    blob = raw[first:last]
    tables = _parts(raw[: first - len(_MARK)] + b"}", raw[first - len(_MARK): first], _ends(blob), raw[last:])
    return None if tables is None else (tables, blob)


class _LaterBytes:
    """The history's bytes in a database file that was read, read when first needed.

    The open descriptor keeps the file as it was read: a commit replaces the file
    (a new one renamed over it), never writes it in place.  Read once, then closed.
    """

    def __init__(self, fd: int, first: int, last: int, ends: tuple[bytes, bytes, int]) -> None:
        self._fd, self._first, self._last, self._ends = fd, first, last, ends

    def __call__(self) -> bytes:
        """The bytes; a JSONDecodeError if they are not what the file held when it was read."""
        try:
            chunks, at = [], self._first
            while at < self._last:
                chunk = os.pread(self._fd, self._last - at, at)
                if not chunk:
                    break
                chunks.append(chunk)
                at += len(chunk)
        except OSError as exc:
            raise orjson.JSONDecodeError(f"history unreadable: {exc.strerror}", "", 0) from None
        finally:
            self.close()
        blob = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        if _ends(blob) != self._ends:
            raise orjson.JSONDecodeError("history changed on disk", "", 0)
        return blob

    def close(self) -> None:
        """Let go of the file."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    __del__ = close


def read(path: Path) -> tuple[dict[str, Any], Callable[[], bytes]] | bytes:
    """The file at ``path``: (every table but history, how to read history's bytes) in the
    checkpoint layout, else its whole bytes.

    The history (three quarters of a 10,000-task file, 25 MB) is read when first used,
    from the same open file: the board opens without it.  The tables are read into a
    buffer of their own (cutting the whole file's bytes copied them once more).
    """
    fd = os.open(path, os.O_RDONLY)
    later = None
    try:
        with os.fdopen(fd, "rb", closefd=False) as f:
            size = os.fstat(fd).st_size
            span = _span(f.read(4096))
            if span is not None and span[1] == size - 1:
                first, last = span
                head = bytearray(first - len(_MARK) + 1)  # the tables, closed by a brace of our own
                f.seek(0)
                if f.readinto(memoryview(head)[:-1]) == len(head) - 1:
                    head[-1:] = b"}"
                    ends = (os.pread(fd, 2, first), os.pread(fd, 2, last - 2), last - first)
                    tables = _parts(head, f.read(len(_MARK)), ends, os.pread(fd, 2, last))
                    if tables is not None:
                        later = _LaterBytes(fd, first, last, ends)
                        return tables, later
            f.seek(0)
            return f.read()
    finally:
        if later is None:
            os.close(fd)
