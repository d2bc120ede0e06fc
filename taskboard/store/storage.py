"""A crash-safe, multi-process TinyDB storage: one JSON file, atomic commits.

TinyDB's own JSONStorage rewrites the file in place, so a second process or a
kill in mid-write leaves a torn file.  This storage never writes the database
file itself: a commit serialises the whole state, writes it to a temporary file
in the same folder, fsyncs it, renames it over the database and fsyncs the
folder.  Readers therefore always see either the old or the new file.

Writers take an inter-process lock (filelock) for the whole read-modify-write
and, before changing anything, reload the file if another process committed
since we last read it.  Several TinyDB writes made inside one
:meth:`AtomicJSONStorage.transaction` become one commit.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from ..catalogue import Phrase, Said
from ..fileio import create_exclusive, fsync_dir, write_all

LOCK_TIMEOUT_S = 15.0
BACKUP_RING = 5
BACKUP_EVERY_S = 600.0
# A new database holds colleagues' notes: readable by its owner only until
# someone shares it on purpose (a chmod that every later commit then keeps).
NEW_FILE_MODE = 0o600


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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class AtomicJSONStorage(Storage):
    """TinyDB storage that keeps the parsed file in memory and commits atomically."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        backups: int = BACKUP_RING,
        recognise: Recogniser | None = None,
    ) -> None:
        # Resolve a symlinked path once: the lock, temp files and backups live
        # beside the real file, and a commit replaces the file, never the link.
        self.path = Path(path).expanduser().resolve()
        self.backups = backups
        self.read_only_reason: str | None = None
        self._recognise = recognise
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        self._data: dict[str, dict[str, Any]] = {}
        self._sig: Signature | None = None
        self._depth = 0
        self._dirty = False
        self._remove_stale_temps()
        if self.path.exists():
            self._load()
            if not os.stat(self.path).st_mode & stat.S_IWUSR:
                # Honour a file marked read-only even for root, who could write it anyway.
                self.read_only_reason = Phrase.of("store.marked_read_only", path=self.path)

    # -- TinyDB's Storage interface ------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]]:
        """The parsed database (TinyDB reads through this on every query)."""
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Take TinyDB's new state; commit now unless a transaction is open."""
        self._data = data
        if self._depth:
            self._dirty = True
            return
        with self.transaction():
            self._dirty = True

    def close(self) -> None:
        """Nothing is held open between commits."""

    def replace_in_memory(self, data: Data) -> None:
        """Use ``data`` from now on without writing it (an old file read through a migration)."""
        self._data = data

    # -- transactions ---------------------------------------------------------------
    @property
    def exists(self) -> bool:
        """True once the database file has been written."""
        return self._sig is not None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, catch up with other processes, run the block, commit once.

        If the block raises, in-memory changes are discarded by reloading the
        last committed file, so memory never disagrees with disk.
        """
        if self.read_only_reason:
            raise ReadOnlyDatabase(f"cannot change the database: {self.read_only_reason}")
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
                self._dirty = False
                self._lock.release()

    def refresh(self) -> bool:
        """Reload if another process committed since we read; True if it did."""
        sig = _signature(self.path)
        if sig is None or sig == self._sig:
            return False
        self._load()
        return True

    def backup_copy(self, label: str) -> Path:
        """A full copy of the current file beside it (e.g. before a migration).

        Never overwrites or writes through whatever already has the name: an
        older copy keeps its name and this one gets a numbered one.
        """
        payload = self.path.read_bytes()
        mode = stat.S_IMODE(os.stat(self.path).st_mode)
        for n in range(1000):
            target = self.path.with_name(f"{self.path.name}.{label}{'' if n == 0 else f'.{n}'}.bak")
            try:
                fd = create_exclusive(target, mode)
            except FileExistsError:
                continue
            try:
                write_all(fd, payload)
            finally:
                os.close(fd)
            return target
        raise StoreError(f"cannot make a backup copy beside {self.path}: too many old copies")

    def backup_paths(self) -> list[Path]:
        """Existing ring backups, newest first."""
        return [p for i in range(1, self.backups + 1) if (p := self._ring(i)).exists()]

    # -- internals ------------------------------------------------------------------
    def _acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError(
                f"{self.path} is locked by another taskboard process (waited {LOCK_TIMEOUT_S:.0f} s)"
            ) from None
        except OSError as exc:
            raise ReadOnlyDatabase(f"cannot change {self.path}: {self._folder_problem(exc)}") from None

    def _folder_problem(self, exc: OSError) -> str:
        # "cannot lock …: File exists" (the parent is a file) helps nobody.
        for parent in self.path.parents:
            if parent.exists():
                if not parent.is_dir():
                    return f"{parent} is a file, not a folder"
                break
        if not self.path.parent.exists():
            return f"the folder {self.path.parent} does not exist"
        if not os.access(self.path.parent, os.W_OK):
            return f"no permission to write in {self.path.parent}"
        return exc.strerror or type(exc).__name__

    def _load(self) -> None:
        try:
            sig = _signature(self.path)
            raw = self.path.read_bytes()
        except OSError as exc:
            raise StoreError(f"cannot read database {self.path}: {exc.strerror}") from None
        if not raw.strip():
            raise CorruptDatabase(f"database {self.path} is empty; it was left untouched{self._hint()}")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise CorruptDatabase(
                f"database {self.path} is not valid JSON ({exc.msg} at byte {exc.pos}); "
                f"it was left untouched{self._hint()}"
            ) from None
        problem = self._recognise(data) if self._recognise else None
        if problem is None and (
            not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values())
        ):
            problem = "is JSON but not a taskboard database"
        if problem:
            raise CorruptDatabase(f"{self.path} {problem}; it was left untouched")
        self._data, self._sig = data, sig

    def _temp_prefix(self, pid: int | None = None) -> str:
        return f".{self.path.name}.{os.getpid() if pid is None else pid}."

    def _remove_stale_temps(self) -> None:
        # A writer killed between writing its temp file and the rename leaves
        # `.tasks.json.<pid>.<random>.tmp` behind; the database itself is intact.
        with contextlib.suppress(OSError):
            for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
                pid = tmp.name[len(self.path.name) + 2 :].split(".", 1)[0]
                if pid.isdigit() and not _alive(int(pid)) and tmp.is_file() and not tmp.is_symlink():
                    with contextlib.suppress(OSError):
                        tmp.unlink()

    def _hint(self) -> str:
        found = self.backup_paths()
        return f" (latest backup: {found[0]})" if found else ""

    def _rollback(self) -> None:
        if self._sig is None:
            self._data = {}
        else:
            self._load()

    def _ring(self, i: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{i}.bak")

    def _rotate_backups(self) -> None:
        # Hard links make a backup of the outgoing version free: the rename
        # below leaves the old inode alive under the backup's name.
        if self.backups <= 0 or not self.path.exists():
            return
        newest = self._ring(1)
        with contextlib.suppress(FileNotFoundError):
            if time.time() - newest.stat().st_mtime < BACKUP_EVERY_S:
                return
        # unlink and rename act on a planted link itself, never on its target.
        with contextlib.suppress(FileNotFoundError):
            self._ring(self.backups).unlink()
        for i in range(self.backups - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(self._ring(i), self._ring(i + 1))
        with contextlib.suppress(FileNotFoundError):
            newest.unlink()  # only there if something raced us; never written through
        try:
            os.link(self.path, newest, follow_symlinks=False)
        except FileExistsError:
            return
        except OSError:
            with contextlib.suppress(FileExistsError):
                fd = create_exclusive(newest, stat.S_IMODE(os.stat(self.path).st_mode))
                try:
                    write_all(fd, self.path.read_bytes())
                finally:
                    os.close(fd)

    def _commit(self) -> None:
        payload = orjson.dumps(self._data)
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
                # Each commit makes a new file: give it the old one's mode and
                # group, or a shared 0660 database would become the writer's 0600.
                if st is not None:
                    with contextlib.suppress(OSError):
                        os.fchown(fd, -1, st.st_gid)
                os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else NEW_FILE_MODE)
                write_all(fd, payload)
            finally:
                os.close(fd)
            self._rotate_backups()
            os.replace(tmp, self.path)
        except OSError as exc:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
            self._rollback()
            raise StoreError(f"cannot write database {self.path}: {exc.strerror}") from None
        fsync_dir(folder)
        self._sig = _signature(self.path)
