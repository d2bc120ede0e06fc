"""A separate process that streams moves into a database (used by the stress tests).

Run as ``python stress_worker.py DB COUNT OFFSET``: COUNT moves, each advancing
one task to the next status in a cycle, so every move is a real change.
Prints ``ready`` once the store is open so the parent can time its kill.
"""

from __future__ import annotations

import sys

from taskboard.model import Status
from taskboard.store import TaskStore

CYCLE = {
    Status.NOT_STARTED: Status.IN_PROGRESS,
    Status.IN_PROGRESS: Status.DONE,
    Status.DONE: Status.NOT_STARTED,
}


def main(db: str, count: int, offset: int) -> None:
    store = TaskStore(db, who=f"worker{offset}@test")
    ids = [t.id for t in store.all()]
    print("ready", flush=True)
    for i in range(count):
        tid = ids[(i + offset) % len(ids)]
        # Read the status inside the transaction: after the lock and the reload,
        # so the choice is based on the latest commit of every process.
        with store.transaction():
            store.move(tid, CYCLE[store.get(tid).status])


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
