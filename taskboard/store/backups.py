"""The database file's neighbours: the ring of older versions, copies before a migration, stale temp files.

Every file here is made with ``O_CREAT|O_EXCL|O_NOFOLLOW`` (or renamed and
unlinked, which act on a planted link itself), so nothing is ever written
through a link someone planted beside the database.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path

from ..fileio import write_new

BACKUP_RING = 5
BACKUP_EVERY_S = 600.0


class BackupRing:
    """``NAME.1.bak`` (newest) … ``NAME.N.bak``: earlier checkpoints of the database file."""

    def __init__(self, path: Path, size: int = BACKUP_RING) -> None:
        self.path = path
        self.size = size

    def _ring(self, i: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{i}.bak")

    def paths(self) -> list[Path]:
        """Existing ring backups, newest first."""
        return [p for i in range(1, self.size + 1) if (p := self._ring(i)).exists()]

    def copy(self, label: str) -> Path:
        """A full copy of the current file beside it (e.g. before a migration).

        Never overwrites or writes through whatever already has the name: an
        older copy keeps its name and this one gets a numbered one.
        """
        payload = self.path.read_bytes()
        mode = stat.S_IMODE(os.stat(self.path).st_mode)
        for n in range(1000):
            target = self.path.with_name(f"{self.path.name}.{label}{'' if n == 0 else f'.{n}'}.bak")
            try:
                write_new(target, mode, payload)
            except FileExistsError:
                continue
            return target
        from .storage import StoreError  # a cycle at import time otherwise

        raise StoreError.keyed("store.too_many_backups", path=self.path)

    def keep_first(self) -> None:
        """Keep the current file as the newest backup if there is none yet.

        Journal commits leave the file as it is; the first one over a file
        with no backup keeps it (a hard link: free) so there is an older
        version to go back to, as there is after a checkpoint.
        """
        newest = self._ring(1)
        if self.size > 0 and not os.path.lexists(newest):
            self._link(newest)

    def rotate(self) -> None:
        """Before a checkpoint replaces the file: keep the outgoing version (at most every 10 minutes)."""
        # Hard links make a backup of the outgoing version free: the rename
        # that follows leaves the old inode alive under the backup's name.
        if self.size <= 0 or not self.path.exists():
            return
        newest = self._ring(1)
        with contextlib.suppress(FileNotFoundError):
            seen = os.lstat(newest)
            live = os.stat(self.path)
            if (seen.st_ino, seen.st_dev) == (live.st_ino, live.st_dev):
                return  # already kept (by a journal commit): the rename leaves it there
            if time.time() - seen.st_mtime < BACKUP_EVERY_S:
                return
        # unlink and rename act on a planted link itself, never on its target.
        with contextlib.suppress(FileNotFoundError):
            self._ring(self.size).unlink()
        for i in range(self.size - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(self._ring(i), self._ring(i + 1))
        with contextlib.suppress(FileNotFoundError):
            newest.unlink()  # only there if something raced us; never written through
        self._link(newest)

    def _link(self, newest: Path) -> None:
        try:
            os.link(self.path, newest, follow_symlinks=False)
        except FileExistsError:
            return
        except OSError:
            with contextlib.suppress(FileExistsError):
                write_new(newest, stat.S_IMODE(os.stat(self.path).st_mode), self.path.read_bytes())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale_temps(path: Path) -> None:
    """Remove ``.NAME.<pid>.<random>.tmp`` files that dead writers left beside ``path``.

    A writer killed between writing its temp file and the rename leaves one
    behind; the database itself is intact.
    """
    with contextlib.suppress(OSError):
        for tmp in path.parent.glob(f".{path.name}.*.tmp"):
            pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)) and tmp.is_file() and not tmp.is_symlink():
                with contextlib.suppress(OSError):
                    tmp.unlink()
