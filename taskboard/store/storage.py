"""A crash-safe, multi-process TinyDB storage: one JSON file plus its journal.

TinyDB's own JSONStorage rewrites the file in place, so a second process or a
kill in mid-write leaves a torn file.  This storage never writes the database
file in place.  A commit appends what it changed to the journal beside the
file (``journal.py``: one checksummed line, fdatasync'd), so a move costs the
move, not the board.  Now and then — when the journal has grown, or when a
commit must rewrite everything (a migration) — a *checkpoint* writes the whole
state to a temporary file in the same folder (``checkpoint.py``), fsyncs it,
renames it over the database, fsyncs the folder and removes the journal.
Readers load the file and replay the journal lines it does not hold yet; a
line torn by a kill was never committed and is ignored, and a kill between a
checkpoint's rename and the journal's removal leaves only lines the file
already holds.

Writers take an inter-process lock (filelock) for the whole read-modify-write
and, before changing anything, catch up with every commit others made since
we last read.  The changes made inside one
:meth:`AtomicJSONStorage.transaction` become one commit.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb.storages import Storage

from ..catalogue import Phrase, Said
from ..fileio import fsync_dir, write_all
from . import journal
from .backups import BACKUP_RING, BackupRing, remove_stale_temps
from .checkpoint import JOURNAL_KEY, History, dump, read
from .schema import HISTORY_TABLE, META_TABLE
from .validate import Problem, history_row_problem

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_S = 15.0
# A new database holds colleagues' notes: readable by its owner only until
# someone shares it on purpose (a chmod that every later commit then keeps).
NEW_FILE_MODE = 0o600
# Checkpoint once the journal passes this share of the file (or 512 KiB): replaying
# it at start-up then costs a small fraction of parsing the file (about 0.1 s per
# MiB here), and a checkpoint comes every few hundred moves.
JOURNAL_SHARE = 32
JOURNAL_MIN_BYTES = 512 << 10
# A clean close folds the journal in when the file is this small (a few ms).
CLOSE_CHECKPOINT_BYTES = 1 << 20
_MISSING = object()


class StoreError(Said, Exception):
    """A database problem with a one-line, user-facing message (see :class:`~taskboard.catalogue.Said`)."""


class CorruptDatabase(StoreError):
    """The file exists but is not a taskboard database; it is left untouched."""


class ReadOnlyDatabase(StoreError):
    """The database may be read but not changed (file mode, newer schema)."""


Signature = tuple[int, int, int, int]
Data = dict[str, dict[str, Any]]
# Checks a freshly parsed file and returns a one-line complaint, or None if it is
# a database this program may use (the store knows what that means; see schema.py).
Recogniser = Callable[[Any], "str | None"]


def _signature(path: Path) -> Signature | None:
    """Cheap identity of the file's current version: inode, size, mtime and a
    checksum of its first and last 4 KiB (catches a same-size rewrite within
    the filesystem's mtime granularity without reading megabytes)."""
    try:
        st = os.stat(path)
        with open(path, "rb") as f:
            head = f.read(4096)
            if st.st_size > 8192:
                f.seek(-4096, os.SEEK_END)
            tail = f.read(4096)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, zlib.crc32(tail, zlib.crc32(head)))


class AtomicJSONStorage(Storage):
    """TinyDB storage that keeps the parsed file in memory and commits atomically."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        backups: int = BACKUP_RING,
        recognise: Recogniser | None = None,
    ) -> None:
        # Resolve a symlinked path once: the lock, temp files, journal and backups
        # live beside the real file, and a commit replaces the file, never the link.
        self.path = Path(path).expanduser().resolve()
        self.journal = journal.journal_path(self.path)
        self.backups = backups
        self.read_only_reason: str | None = None
        self._recognise = recognise
        self._file_lock: FileLock | None = None
        self._data: dict[str, Any] = {}
        self._sig: Signature | None = None
        self._depth = 0
        self._dirty = False
        self._full = False  # the open transaction replaced data wholesale: only a checkpoint can hold it
        self._ops: list[journal.Op] = []  # what the open transaction changed, for the journal
        self._undo: list[tuple[Any, ...]] = []  # how to take it back if it fails
        self._reset_journal_state()
        self._ring = BackupRing(self.path, backups)
        remove_stale_temps(self.path)
        if self.path.exists():
            self._load()
            if not os.stat(self.path).st_mode & stat.S_IWUSR:
                # Honour a file marked read-only even for root, who could write it anyway.
                self.read_only_reason = Phrase.of("store.marked_read_only", path=self.path)

    def _reset_journal_state(self, epoch: str | None = None, folded: int = 0) -> None:
        self._epoch = epoch  # the database's name in its journal; None: no journal allowed yet
        self._applied = folded  # the last commit number our data holds
        self._jpos = 0  # journal offset just after the last line applied
        self._jsize = 0  # the journal's size when last read
        self._jino: int | None = None
        self._jtorn = False  # bytes after _jpos that are no committed line
        self._jstale = False  # lines the file already holds (a checkpoint killed before removing them)
        self._jforeign = False  # something that is not our journal sits at its name

    # -- TinyDB's Storage interface ------------------------------------------------
    def read(self) -> dict[str, Any]:
        """The parsed database (TinyDB reads through this on every query)."""
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Take TinyDB's new state wholesale (a checkpoint); commit now unless a transaction is open."""
        history = data.get(HISTORY_TABLE)
        if history is not None and not isinstance(history, History):
            data[HISTORY_TABLE] = History(rows=dict(history))
        self._data = data
        if self._depth:
            self._dirty = self._full = True
            return
        with self.transaction():
            self._dirty = self._full = True

    def close(self) -> None:
        """Fold a small journal into the file if nobody else is writing (cheap, never blocks)."""
        if self.read_only_reason or self._sig is None or self._depth:
            return
        with contextlib.suppress(StoreError, OSError):
            if os.path.getsize(self.path) > CLOSE_CHECKPOINT_BYTES or not os.path.lexists(self.journal):
                return
            from filelock import Timeout

            try:
                self._lock.acquire(timeout=0)
            except Timeout:
                return
            try:
                self.refresh()
                if self._jpos or self._jtorn or self._jstale:
                    self._checkpoint()
            finally:
                self._lock.release()

    def replace_in_memory(self, data: Data) -> None:
        """Use ``data`` from now on without writing it (an old file read through a migration)."""
        self._data = data
        self._wrap_history()

    # -- changes (the journal's ops) -------------------------------------------------
    def put(self, table: str, key: str, value: dict[str, Any]) -> None:
        """Add or replace one document of ``table``."""
        self._change(["p", table, key, value])

    def delete(self, table: str, key: str) -> None:
        """Remove one document of ``table`` if it is there."""
        self._change(["d", table, key])

    def append_rows(self, rows: dict[str, Any]) -> None:
        """Append history rows after every existing one."""
        self._change(["h", rows])

    def _change(self, op: journal.Op) -> None:
        if not self._depth:
            with self.transaction():
                self._change(op)
            return
        if op[0] == "h":
            self._wrap_history().append(op[1])
            self._undo.append(("h", list(op[1])))
        else:
            table = self._data.setdefault(op[1], {})
            self._undo.append((op[1], op[2], table.get(op[2], _MISSING)))
            if op[0] == "p":
                table[op[2]] = op[3]
            else:
                table.pop(op[2], None)
        self._ops.append(op)
        self._dirty = True

    def _wrap_history(self) -> History:
        history = self._data.get(HISTORY_TABLE)
        if not isinstance(history, History):
            history = self._data[HISTORY_TABLE] = History(rows=dict(history or {}))
        return history

    # -- transactions ---------------------------------------------------------------
    @property
    def exists(self) -> bool:
        """True once the database file has been written."""
        return self._sig is not None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, catch up with other processes, run the block, commit once.

        If the block raises, in-memory changes are taken back, so memory never
        disagrees with disk.
        """
        if self.read_only_reason:
            raise ReadOnlyDatabase.keyed("cli.read_only", reason=self.read_only_reason)
        outer = self._depth == 0
        if outer:
            self._acquire()
        self._depth += 1
        try:
            if outer:
                self.refresh()
            yield
            if outer and self._dirty:
                self._commit()
        except BaseException:
            if outer and self._dirty:
                self._rollback()
            raise
        finally:
            self._depth -= 1
            if outer:
                self._dirty = self._full = False
                self._ops, self._undo = [], []
                self._lock.release()

    def refresh(self) -> bool:
        """Take in commits other processes made since we read; True if there were any.

        Nothing new costs a stat and an 8 KiB read of the file and a stat of the
        journal; new journal lines cost reading just those lines.
        """
        sig = _signature(self.path)
        if sig is None:
            return False
        if sig != self._sig:
            self._load()
            return True
        try:
            st = os.lstat(self.journal)
        except FileNotFoundError:
            st = None
        if st is None or not stat.S_ISREG(st.st_mode):
            if self._jino is None:
                return False
            self._load()  # our journal went away without a checkpoint: start over from the file
            return True
        if st.st_ino == self._jino and st.st_size == self._jsize:
            return False
        offset = self._jpos if st.st_ino == self._jino and st.st_size >= self._jpos else 0
        found, jst = self._read_journal(offset)
        changed = False
        if found.problem is None and jst is not None:
            try:
                changed = self._replay(found.entries, stale_ok=True)
            except _Retry:
                found.problem = "retry"
        if found.problem is not None or jst is None or _signature(self.path) != self._sig:
            self._load()  # a checkpoint raced us, or damage: the full load settles which
            return True
        self._jpos, self._jsize, self._jino, self._jtorn = found.end, jst.st_size, jst.st_ino, found.torn
        return changed

    # -- loading ---------------------------------------------------------------------
    def _load(self) -> None:
        # The file, then the journal, then the file's signature again: a
        # checkpoint between the two reads would pair an old file with a new
        # journal, so read both again.
        for _ in range(5):
            sig = _signature(self.path)
            loaded = self._read_file()
            found, jst = self._read_journal(0)
            if _signature(self.path) == sig:
                break
        data, epoch, folded = loaded
        saved = (self._data, self._sig, self._epoch, self._applied)
        self._data, self._sig = data, sig
        self._reset_journal_state(epoch, folded)
        try:
            if found.problem:
                raise CorruptDatabase.keyed("store.journal_damaged", journal=self.journal,
                                            problem=found.problem, path=self.path, hint=self._hint())
            if found.entries and epoch is None:
                raise CorruptDatabase.keyed("store.journal_foreign", journal=self.journal, path=self.path)
            self._replay(found.entries, stale_ok=False)
        except (_Retry, StoreError) as exc:
            self._data, self._sig, self._epoch, self._applied = saved
            if isinstance(exc, StoreError):
                raise
            raise CorruptDatabase.keyed(
                "store.journal_out_of_order", journal=self.journal, path=self.path) from None
        if jst is not None:
            self._jpos, self._jsize, self._jino, self._jtorn = found.end, jst.st_size, jst.st_ino, found.torn
        else:
            self._jforeign = os.path.lexists(self.journal)

    def _read_journal(self, offset: int) -> tuple[journal.Read, os.stat_result | None]:
        try:
            return journal.read(self.journal, offset)
        except OSError as exc:
            raise StoreError.keyed("store.cannot_read_journal", path=self.journal, why=exc.strerror) from None

    def _read_file(self) -> tuple[dict[str, Any], str | None, int]:
        try:
            got = read(self.path)
        except OSError as exc:
            raise StoreError.keyed("store.cannot_read", path=self.path, why=exc.strerror) from None
        if isinstance(got, tuple):
            data, blob = got
        elif not got.strip():
            raise CorruptDatabase.keyed("store.empty", path=self.path, hint=self._hint())
        else:
            try:
                data, blob = orjson.loads(got), None
            except orjson.JSONDecodeError as exc:
                raise CorruptDatabase.keyed(
                    "store.not_json", path=self.path, msg=exc.msg, pos=exc.pos, hint=self._hint()
                ) from None
        # Checked without the unparsed history; its rows are checked as they are parsed.
        view = {**data, HISTORY_TABLE: {}} if blob is not None and isinstance(data, dict) else data
        problem = self._recognise(view) if self._recognise else None
        if problem is None and (
            not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values())
        ):
            problem = Phrase.of("store.not_db_json")
        block = data.get(META_TABLE, {}).pop(JOURNAL_KEY, None) if problem is None else None
        if problem is None and block is not None and not (
            isinstance(block, dict) and isinstance(block.get("epoch"), str)
            and isinstance(block.get("folded"), int) and not isinstance(block.get("folded"), bool)
        ):
            problem = Phrase.of("store.bad_journal_mark")
        if problem:
            raise CorruptDatabase.keyed("store.corrupt", path=self.path, problem=problem)
        if blob is not None:
            data[HISTORY_TABLE] = History(blob, check=self._check_row, unreadable=self._history_unreadable)
        else:
            data[HISTORY_TABLE] = History(rows=data.get(HISTORY_TABLE, {}), check=self._check_row)
        return data, (block or {}).get("epoch"), (block or {}).get("folded", 0)

    def _history_unreadable(self, exc: orjson.JSONDecodeError) -> None:
        raise CorruptDatabase.keyed("store.history_unreadable", path=self.path, msg=exc.msg) from None

    def _check_row(self, key: str, row: Any) -> None:
        if (what := history_row_problem(row)) is not None:
            problem = Problem(Phrase.of("store.where_history_row", row=key), what).phrase()
            raise CorruptDatabase.keyed("store.damaged_at", path=self.path, problem=problem)

    def _replay(self, entries: list[dict[str, Any]], *, stale_ok: bool) -> bool:
        """Apply journal entries after the ones our data holds; True if any were new."""
        changed = False
        history = self._wrap_history()
        for entry in entries:
            if entry["e"] != self._epoch:
                raise _Retry
            if entry["n"] <= self._applied:
                self._jstale = self._jstale or not stale_ok
                continue
            if entry["n"] != self._applied + 1:
                raise _Retry
            problem = self._recognise(journal.subset(self._data, entry["ops"])) if self._recognise else None
            if problem:
                raise CorruptDatabase.keyed("store.journal_change_corrupt", path=self.path, n=entry["n"],
                                            problem=problem)
            journal.apply(self._data, entry["ops"], history.append)
            self._applied = entry["n"]
            changed = True
        return changed

    # -- committing ------------------------------------------------------------------
    def _commit(self) -> None:
        if (self._full or self._sig is None or self._epoch is None or self._jtorn or self._jstale
                or self._jforeign):
            self._checkpoint()
            return
        line = journal.encode(self._epoch, self._applied + 1, self._ops)
        # A journal longer than a share of the file would slow every start-up
        # more than a checkpoint costs once (an import of a whole document, too).
        if self._jpos + len(line) > self.journal_limit():
            self._checkpoint()
        else:
            self._append(line)

    def journal_limit(self) -> int:
        """The journal size past which the next commit is a checkpoint."""
        return max(JOURNAL_MIN_BYTES, (self._sig[1] if self._sig else 0) // JOURNAL_SHARE)

    def _append(self, line: bytes) -> None:
        n = self._applied + 1
        try:
            st = os.stat(self.path)
            self._ring.keep_first()
            jst = journal.append(self.journal, line, stat.S_IMODE(st.st_mode), st.st_gid)
        except OSError as exc:
            self._rollback()
            raise StoreError.keyed("store.cannot_write", path=self.path, why=exc.strerror or exc) from None
        self._applied, self._jpos, self._jsize, self._jino = n, jst.st_size, jst.st_size, jst.st_ino

    def _checkpoint(self) -> None:
        history = self._wrap_history()
        blob = history.serialised()
        epoch = self._epoch or secrets.token_hex(8)
        # A checkpoint is a commit too: numbering it tells a journal written after
        # it from one that only follows an older copy of the file.
        folded = self._applied + 1
        payload = dump(self._data, {"epoch": epoch, "folded": folded}, blob)
        folder = self.path.parent
        tmp: Path | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                st: os.stat_result | None = os.stat(self.path)
            except FileNotFoundError:
                st = None
            # mkstemp: a fresh random name opened O_EXCL, so a planted link is never followed.
            fd, name = tempfile.mkstemp(dir=folder, prefix=self._temp_prefix(), suffix=".tmp")
            tmp = Path(name)
            try:
                # Each checkpoint makes a new file: give it the old one's mode and
                # group, or a shared 0660 database would become the writer's 0600.
                if st is not None:
                    with contextlib.suppress(OSError):
                        os.fchown(fd, -1, st.st_gid)
                os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else NEW_FILE_MODE)
                write_all(fd, payload)
            finally:
                os.close(fd)
            self._ring.rotate()
            os.replace(tmp, self.path)
        except OSError as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            self._rollback()
            raise StoreError.keyed("store.cannot_write", path=self.path, why=exc.strerror) from None
        fsync_dir(folder)
        # The file holds every line of the journal now; a kill before this
        # removal leaves lines the next load recognises as already folded.
        journal.remove(self.journal)
        history.settle(blob)
        self._sig = _signature(self.path)
        self._reset_journal_state(epoch, folded)

    def _rollback(self) -> None:
        if self._full or self._sig is None:
            if self._sig is None:
                self._data = {}
            else:
                self._load()
            return
        history = self._wrap_history()
        for undo in reversed(self._undo):
            if undo[0] == "h":
                history.forget(undo[1])
                continue
            table, key, old = undo
            if old is _MISSING:
                self._data.get(table, {}).pop(key, None)
            else:
                self._data.setdefault(table, {})[key] = old

    # -- backups -----------------------------------------------------------------------
    def backup_copy(self, label: str) -> Path:
        """A full copy of the current file beside it (e.g. before a migration); see :class:`BackupRing`."""
        return self._ring.copy(label)

    def backup_paths(self) -> list[Path]:
        """Existing ring backups, newest first."""
        return self._ring.paths()

    # -- internals ------------------------------------------------------------------
    @property
    def _lock(self) -> FileLock:
        # filelock loads with the first lock taken: opening a board to show it takes none.
        if self._file_lock is None:
            from filelock import FileLock

            self._file_lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        return self._file_lock

    def _acquire(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError.keyed("store.locked", path=self.path, seconds=f"{LOCK_TIMEOUT_S:.0f}") from None
        except OSError as exc:
            why = self._folder_problem(exc)
            raise ReadOnlyDatabase.keyed("store.cannot_change", path=self.path, why=why) from None

    def _folder_problem(self, exc: OSError) -> str:  # a Phrase where we know better than strerror
        # "cannot lock …: File exists" (the parent is a file) helps nobody.
        for parent in self.path.parents:
            if parent.exists():
                if not parent.is_dir():
                    return Phrase.of("store.parent_is_file", parent=parent)
                break
        if not self.path.parent.exists():
            return Phrase.of("store.no_folder", folder=self.path.parent)
        if not os.access(self.path.parent, os.W_OK):
            return Phrase.of("store.no_write_permission", folder=self.path.parent)
        return exc.strerror or type(exc).__name__

    def _temp_prefix(self) -> str:
        return f".{self.path.name}.{os.getpid()}."

    def _hint(self) -> str:  # a Phrase, or empty
        found = self.backup_paths()
        return Phrase.of("store.latest_backup", path=found[0]) if found else ""


class _Retry(Exception):
    """Journal lines that do not follow what we hold: read everything again."""
