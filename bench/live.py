"""A board open in two browser tabs and one terminal: how soon each shows the others' moves.

    python bench/live.py [--rounds 5] [--url URL]

Starts a throwaway durable PostgreSQL cluster (or uses ``--url``'s empty
database), serves the board with ``taskboard serve`` to two websocket
clients (as browser tabs), opens the board headless in this process (the
terminal), and has each of the three move a card in turn, ``--rounds``
times; prints when every other board showed each move, from the commit and
from the key press (see tests/web/live.py for how "showed" is observed).
Issue 12 asks for at most 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile

from common import add_url_argument, databases  # first: puts this checkout on sys.path (tests.web.live)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="moves per board (default 5)")
    add_url_argument(parser)
    args = parser.parse_args()
    # The boards (this one and each tab's) keep their settings away from the user's.
    os.environ["TASKBOARD_CONFIG_DIR"] = tempfile.mkdtemp(prefix="taskboard-live-")
    os.environ.setdefault("TASKBOARD_TODAY", "2023-06-30")

    from tests.web.live import measure, summary

    def show(seen) -> None:
        after = seen.from_commit * 1000
        print(f"  {seen.mover} → {seen.viewer}: {after:5.0f} ms after the commit", flush=True)

    with databases(args.url) as new_database:
        seen = asyncio.run(measure(new_database("live"), rounds=args.rounds, progress=show))
    worst = max(s.from_commit for s in seen)
    print(summary(seen))
    print(f"slowest: {worst * 1000:.0f} ms after the commit ({'within' if worst <= 1.0 else 'OVER'} 1 s)")
    sys.exit(0 if worst <= 1.0 else 1)


if __name__ == "__main__":
    main()
