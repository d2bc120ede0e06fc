"""The append-only journal beside a database file: one checksummed line per commit.

A commit appends what its transaction changed (``tasks.json.journal``) and
fsyncs it, so its cost is the change, not the board; a checkpoint folds the
journal into the JSON file (``checkpoint.py``) and removes it.  Each line is

    <crc32 of the JSON, 8 hex digits> <JSON>\\n

with the JSON ``{"e": epoch, "n": number, "ops": [...]}``: ``epoch`` names
the database the line belongs to, ``n`` counts commits since the database was
made (the file records the last one it holds as ``folded``), and each op is
``["p", table, key, value]`` (put), ``["d", table, key]`` (delete) or
``["h", rows]`` (append history rows).  A line a kill tore (no newline, or a
checksum that fails on the last line) was never committed and is ignored;
damage anywhere before the last line is reported, never guessed around.
"""

from __future__ import annotations

import contextlib
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..catalogue import Phrase
from ..fileio import create_exclusive, fsync_dir, write_all
from .checkpoint import JOURNAL_KEY
from .schema import DOCUMENTS_TABLE, HISTORY_TABLE, META_TABLE, TASKS_TABLE

SUFFIX = ".journal"
# Tables a put or delete may name (history only grows, through "h").
_PUT_TABLES = frozenset({TASKS_TABLE, DOCUMENTS_TABLE, META_TABLE, "aliases"})
_OPEN_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_OPEN_APPEND = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

Op = list[Any]


def journal_path(db: Path) -> Path:
    """Where the journal of database ``db`` lives."""
    return db.with_name(db.name + SUFFIX)


def encode(epoch: str, n: int, ops: list[Op]) -> bytes:
    """One journal line for commit ``n``."""
    body = orjson.dumps({"e": epoch, "n": n, "ops": ops})
    return b"%08x %s\n" % (zlib.crc32(body), body)


@dataclass
class Read:
    """What a read of the journal found, from some offset on."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    end: int = 0  # offset just after the last whole, valid line
    torn: bool = False  # bytes after ``end`` that are not a committed line (a killed append)
    problem: str | None = None  # (a Phrase) damage before the last line: the journal cannot be trusted


def _shape_problem(entry: Any) -> Phrase | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("e"), str):
        return Phrase.of("store.jl_not_entry")
    n = entry.get("n")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        return Phrase.of("store.jl_no_number")
    ops = entry.get("ops")
    if not isinstance(ops, list):
        return Phrase.of("store.jl_no_ops")
    for op in ops:
        if not isinstance(op, list) or not op:
            return Phrase.of("store.jl_op_not_list")
        kind = op[0]
        if kind == "h":
            rows = op[1] if len(op) == 2 else None
            if not isinstance(rows, dict) or not all(isinstance(r, dict) for r in rows.values()):
                return Phrase.of("store.jl_rows_not_objects")
        elif kind in ("p", "d"):
            if len(op) != (4 if kind == "p" else 3) or op[1] not in _PUT_TABLES or not isinstance(op[2], str):
                if len(op) > 1:
                    return Phrase.of("store.jl_unknown_table", table=op[1])
                return Phrase.of("store.jl_empty_change")
        else:
            return Phrase.of("store.jl_unknown_kind", kind=kind)
    return None


def parse(data: bytes, offset: int = 0) -> Read:
    """The valid entries in ``data`` (the journal's bytes from ``offset``)."""
    out = Read(end=offset)
    pos = 0
    while pos < len(data):
        nl = data.find(b"\n", pos)
        if nl < 0:
            out.torn = True  # an append still in progress, or killed
            return out
        line = data[pos:nl]
        problem = None
        body = line[9:]
        if len(line) < 10 or line[8:9] != b" ":
            problem = Phrase.of("store.jl_not_line")
        else:
            try:
                if int(line[:8], 16) != zlib.crc32(body):
                    problem = Phrase.of("store.jl_checksum")
            except ValueError:
                problem = Phrase.of("store.jl_not_line")
        entry: Any = None
        if problem is None:
            try:
                entry = orjson.loads(body)
            except orjson.JSONDecodeError:
                problem = Phrase.of("store.jl_not_json")
            else:
                problem = _shape_problem(entry)
        if problem is not None:
            if nl + 1 >= len(data):  # the last line: a torn write, never committed
                out.torn = True
            else:
                out.problem = Phrase.of("store.journal_line", at=offset + pos, problem=problem)
            return out
        out.entries.append(entry)
        pos = nl + 1
        out.end = offset + pos
    return out


def read(path: Path, offset: int = 0) -> tuple[Read, os.stat_result | None]:
    """Parse the journal at ``path`` from ``offset``; (nothing, None) when there is none.

    A symbolic link (or anything but a plain file) is not our journal: it is
    never followed, read or written through.
    """
    try:
        fd = os.open(path, _OPEN_READ)
    except (FileNotFoundError, NotADirectoryError):
        return Read(end=offset), None
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", -1) or os.path.islink(path):
            return Read(end=offset), None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return Read(end=offset), None
        chunks = []
        os.lseek(fd, offset, os.SEEK_SET)
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(fd)
    return parse(b"".join(chunks), offset), st


def append(path: Path, line: bytes, mode: int, gid: int | None) -> os.stat_result:
    """Append ``line`` durably (fdatasync) and return the journal's new stat.

    Creates the journal with the database file's mode and group (never
    through a planted link).  On any failure the journal is cut back to where
    it was, so a half-written line never stays behind a live writer.
    """
    try:
        fd = os.open(path, _OPEN_APPEND)
        created = False
    except FileNotFoundError:
        fd = create_exclusive(path, mode)
        created = True
        if gid is not None:
            with contextlib.suppress(OSError):
                os.fchown(fd, -1, gid)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, f"{path} is not a plain file")
        if stat.S_IMODE(st.st_mode) != mode:
            # A database shared on purpose (chmod 660) shares its journal the same way.
            with contextlib.suppress(OSError):
                os.fchmod(fd, mode)
        try:
            write_all(fd, line, data_only=True)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, st.st_size)
            raise
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)
    return after


def remove(path: Path) -> None:
    """Delete the journal once a checkpoint holds all of it (unlink never follows a link)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def apply(data: dict[str, Any], ops: list[Op], history_append: Callable[[dict[str, Any]], None]) -> None:
    """Apply one entry's ops to the parsed tables (history rows go through ``history_append``)."""
    for op in ops:
        if op[0] == "h":
            history_append(op[1])
        elif op[0] == "p":
            data.setdefault(op[1], {})[op[2]] = op[3]
        else:
            data.get(op[1], {}).pop(op[2], None)


def subset(data: dict[str, Any], ops: list[Op]) -> dict[str, Any]:
    """What one entry would write, as tables (with the current meta), to validate before applying it."""
    out: dict[str, Any] = {META_TABLE: dict(data.get(META_TABLE, {})), TASKS_TABLE: {}, HISTORY_TABLE: {},
                           DOCUMENTS_TABLE: {}}
    for op in ops:
        if op[0] == "h":
            out[HISTORY_TABLE].update(op[1])
        elif op[0] == "p":
            out.setdefault(op[1], {})[op[2]] = op[3]
    return out


def replay_for_check(db: Path, data: Any) -> Phrase | None:
    """Apply the journal of ``db`` to its parsed file ``data`` (for ``taskboard check``).

    Returns what is wrong with the journal in one line (a Phrase), or None; a line torn
    by a kill is no damage (it was never committed).  Reads only.
    """
    path = journal_path(db)
    try:
        found, st = read(path)
    except OSError as exc:
        return Phrase.of("store.jc_unreadable", name=path.name, why=exc.strerror)
    if st is None or (not found.entries and found.problem is None):
        return None
    where = path.name
    if found.problem:
        return Phrase.of("store.jc_damaged", name=where, problem=found.problem)
    meta = data.get(META_TABLE) if isinstance(data, dict) else None
    mark = meta.get(JOURNAL_KEY) if isinstance(meta, dict) else None
    if not isinstance(mark, dict):
        return Phrase.of("store.jc_foreign", name=where)
    applied = mark.get("folded", 0)
    for entry in found.entries:
        if entry["e"] != mark.get("epoch"):
            return Phrase.of("store.jc_other_db", name=where, n=entry["n"])
        if entry["n"] <= applied:
            continue
        if entry["n"] != applied + 1:
            return Phrase.of("store.jc_gap", name=where, n=entry["n"], applied=applied)
        try:
            apply(data, entry["ops"], data.setdefault(HISTORY_TABLE, {}).update)
        except (AttributeError, TypeError):
            return None  # the file itself is damaged; its own problems say how
        applied = entry["n"]
    return None
