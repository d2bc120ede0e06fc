"""Building a whole board's objects at once without the garbage collector in the way."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector for the block (loading thousands of rows).

    A load allocates a few hundred thousand containers (dicts, lists, tasks)
    that all stay alive; each allocation burst triggers collections that
    rescan everything built so far, which at 10,000 tasks was close to half
    the load.  Nothing built here is garbage, so nothing is lost by waiting:
    the collector runs as usual once the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
