"""A process that streams moves through the journal and says which ones committed (journal kill tests).

Run as ``python journal_worker.py DB COUNT CHECKPOINT_BYTES [CRASH]``: COUNT
moves, each printed as ``ok SEQ TASK STATUS`` once its commit returned (so it
is durable); a checkpoint whenever the journal passes CHECKPOINT_BYTES.  With
CRASH the last move kills this process at that point of its commit:

- ``append-torn``: half of the journal line written;
- ``append-unsynced``: the whole line written, not yet fdatasync'd;
- ``checkpoint-before-rename``: the new file written, not yet renamed over the old;
- ``checkpoint-after-rename``: renamed, the journal not yet removed.
"""

from __future__ import annotations

import os
import signal
import sys

from taskboard.model import Status
from taskboard.store import TaskStore, journal, storage

CYCLE = {
    Status.NOT_STARTED: Status.IN_PROGRESS,
    Status.IN_PROGRESS: Status.DONE,
    Status.DONE: Status.NOT_STARTED,
}


def die(*_args, **_kwargs) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(crash: str) -> None:
    """Make the next commit die at ``crash``."""
    if crash == "append-torn":
        write = os.write

        def torn(fd: int, data) -> int:
            write(fd, bytes(data)[: len(data) // 2])
            die()
            return 0

        os.write = torn
    elif crash == "append-unsynced":
        os.fdatasync = die
    elif crash == "checkpoint-before-rename":
        storage.JOURNAL_MIN_BYTES = 0
        os.replace = die
    elif crash == "checkpoint-after-rename":
        storage.JOURNAL_MIN_BYTES = 0
        journal.remove = die
    else:
        raise SystemExit(f"unknown crash point {crash}")


def main(db: str, count: int, checkpoint_bytes: int, crash: str = "") -> None:
    storage.JOURNAL_MIN_BYTES = checkpoint_bytes
    store = TaskStore(db, who="journal@test")
    ids = [t.id for t in store.all()]
    print("ready", flush=True)
    for i in range(count):
        if crash and i == count - 1:
            arm(crash)
        tid = ids[i % len(ids)]
        with store.transaction():
            new = CYCLE[store.get(tid).status]
            store.move(tid, new)
        print(f"ok {store.revision} {tid} {new.value}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:])
