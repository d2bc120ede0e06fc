"""Writing files so that a crash or a planted link never costs data: one set of primitives.

The database (``store.storage``) and every export (``report.atomic``) write a
new file beside the target, fsync it, rename it over the target and fsync
the folder; both use these.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

# Never follow a link planted where we create a file.
_EXCL_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)


def create_exclusive(path: Path, mode: int) -> int:
    """Open a new file for writing; fail if anything, a symlink included, is already there."""
    fd = os.open(path, _EXCL_FLAGS, mode)
    os.fchmod(fd, mode)  # the umask must not narrow (or widen) a mode we chose on purpose
    return fd


def write_all(fd: int, payload: bytes, *, data_only: bool = False) -> None:
    """Write every byte of ``payload`` to ``fd`` and fsync it (``data_only``: fdatasync if there is one)."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]
    (getattr(os, "fdatasync", os.fsync) if data_only else os.fsync)(fd)


def write_new(path: Path, mode: int, payload: bytes) -> None:
    """Create ``path`` (see :func:`create_exclusive`) holding ``payload``, fsynced."""
    fd = create_exclusive(path, mode)
    try:
        write_all(fd, payload)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable; some filesystems refuse, which is harmless."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
