"""Writing an export file whole or not at all, without world-read, never through a planted temp file.

Every export (xlsx, csv, html, md, svg, pdf, json, remind) goes through
:func:`atomic_output`: the bytes go to a fresh temp file beside the target
(``tempfile.mkstemp``: ``O_CREAT|O_EXCL``, an unpredictable name, mode 0600),
which is flushed, fsynced and renamed over the target.  A full disk or a
crash mid-write leaves the old file as it was, and no half-written one.

Modes: a target that already exists keeps its mode and, where the user may
set it, its group (someone chose them, e.g. 0660 for a shared folder); a new
file gets ``NEW_FILE_MODE`` (0640) less the umask: the owner's group may read
it, the world never (notes are not public).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..fileio import fsync_dir
from ..safetext import one_line

NEW_FILE_MODE = 0o640


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_and_group(target: Path) -> tuple[int, int | None]:
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return NEW_FILE_MODE & ~_umask(), None
    return stat.S_IMODE(st.st_mode), st.st_gid


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on a clean exit it replaces ``path`` at once, on an error nothing changes.

    A symlinked target is followed: the file it points to is replaced (as a
    shell ``>`` would write to it), the link itself stays.  An ``OSError``
    (full disk, missing folder, no permission) names ``path``, not the temp file.
    """
    target = Path(os.path.realpath(path))
    tmp = None
    try:
        mode, group = _mode_and_group(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if group is not None:
            # A shared file keeps its group where we may set it (we belong to it); else ours.
            with contextlib.suppress(OSError):
                os.chown(tmp, -1, group)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), one_line(path)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    fsync_dir(target.parent)


def write_atomic(path: str | Path, data: bytes | str) -> None:
    """Write ``data`` (text is UTF-8, line ends as given) to ``path`` through :func:`atomic_output`."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path) as f:
        f.write(raw)
