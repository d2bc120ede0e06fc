"""Issue 12's figure: a board open in two browser tabs and one terminal shows every change
from the others within 1 s, on PostgreSQL (bench/live.py prints the measured figure)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.pg import Cluster, cluster_for_tests
from tests.web.live import TABS, TERMINAL, measure, summary

# The boards poll twice a second: a move shows within 0.5 s plus a redraw.  A CI
# machine shared with other jobs gets this much on top (the bench shows the real figure).
SLACK = float(os.environ.get("TASKBOARD_LIVE_SLACK", "0.5"))


@pytest.fixture(scope="module")
def pg_server() -> Iterator[Cluster]:
    yield from cluster_for_tests()


async def test_two_tabs_and_a_terminal_each_show_the_others_moves_within_a_second(pg_server):
    url = pg_server.create_database("live")
    seen = await measure(url)
    print("\n" + summary(seen))
    boards = {*TABS, TERMINAL}
    # Each board moved a card once and the two others each saw it.
    assert {(s.mover, s.viewer) for s in seen} == {(m, v) for m in boards for v in boards if m != v}
    late = [s for s in seen if s.from_commit > 1.0 + SLACK]
    assert not late, f"shown later than 1 s (+{SLACK} s slack) after the commit:\n{summary(late)}"
