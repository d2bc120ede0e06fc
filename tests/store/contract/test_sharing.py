"""Contract: several processes on one board — refresh, the change feed, conflicts, no lost update."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from taskboard.model import Status, task_id
from taskboard.store import Action, Conflict, ReadOnlyDatabase, TaskStore, UnknownTask

from ..fixtures import SOURCE

ROOT = Path(__file__).parents[3]
WORKER = ROOT / "tests" / "store" / "stress_worker.py"


def python(*argv: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def test_another_processs_commit_is_taken_in_on_refresh(store, store_factory):
    tid = task_id(SOURCE, "3")
    store_factory("另一位@host").move(tid, Status.DONE)
    assert store.get(tid).status is Status.NOT_STARTED  # not seen yet
    assert store.refresh() is True
    assert store.get(tid).status is Status.DONE
    assert store.refresh() is False


def test_a_write_catches_up_first_and_overwrites_nothing(store, store_factory):
    a, b = task_id(SOURCE, "1"), task_id(SOURCE, "2")
    store_factory("另一位@host").move(a, Status.DONE)
    store.move(b, Status.DONE)  # without a refresh: the transaction must catch up by itself
    final = store_factory()
    assert final.get(a).status is Status.DONE and final.get(b).status is Status.DONE
    assert store.get(a).status is Status.DONE


def test_a_stale_expectation_is_a_conflict_and_changes_nothing(store, store_factory):
    tid = task_id(SOURCE, "2")
    store_factory("另一位@host").move(tid, Status.DONE)
    before = store_factory().revision
    with pytest.raises(Conflict, match="changed by 另一位@host") as err:
        store.move(tid, Status.IN_PROGRESS, expect=Status.NOT_STARTED)
    assert err.value.value == "done"
    final = store_factory()
    assert final.revision == before and final.get(tid).status is Status.DONE


def test_a_stale_edit_is_refused(store, store_factory):
    tid = task_id(SOURCE, "4")
    store_factory("另一位@host").edit(tid, title="优化企业开办服务（调整）")
    with pytest.raises(Conflict):
        store.edit(tid, title="优化企业开办全流程服务", expect={"title": "优化企业开办服务"})
    assert store_factory().get(tid).title == "优化企业开办服务（调整）"


def test_the_change_feed_names_what_changed_and_who_did_it(store, store_factory):
    start = store.revision
    mine, theirs = task_id(SOURCE, "1"), task_id(SOURCE, "5")
    store.move(mine, Status.IN_PROGRESS)
    store_factory("另一位@host").add_note(theirs, "已完成第一轮评价")
    store.refresh()
    changes = store.changes_since(start)
    assert changes.revision == start + 2
    assert changes.tasks == {mine, theirs} and changes.foreign == {theirs}
    assert store.changes_since(changes.revision).tasks == frozenset()


def test_history_read_late_is_whole_and_in_commit_order(store, store_factory):
    # The change feed reads only rows committed since the board opened; asking
    # for a task's whole history later must still give every row, oldest first.
    tid = task_id(SOURCE, "2")
    store_factory("甲@科室").move(tid, Status.IN_PROGRESS)
    board = store_factory("乙@办公室")  # opened after that move
    board.add_note(tid, "已召开专题会议")
    store_factory("丙@区发改委").move(tid, Status.DONE)
    board.refresh()
    assert board.changes_since(board.revision - 1).foreign == {tid}
    rows = board.history(tid)
    assert [(r.who, r.field) for r in rows[-3:]] == [("甲@科室", "status"), ("乙@办公室", "notes"),
                                                        ("丙@区发改委", "status")]
    assert [r.seq for r in rows] == sorted(r.seq for r in rows)
    assert [r.seq for r in rows] == [r.seq for r in store_factory().history(tid)]


def test_a_failed_transaction_leaves_memory_and_board_unchanged(store, store_factory):
    a = task_id(SOURCE, "1")
    before = store.revision
    with pytest.raises(UnknownTask), store.transaction():
        store.move(a, Status.DONE)
        store.add_task("临时交办事项")
        store.move("missing-1", Status.DONE)
    assert store.get(a).status is Status.NOT_STARTED
    assert len(store.all()) == 5 and store.revision == before
    final = store_factory()
    assert final.revision == before and final.get(a).status is Status.NOT_STARTED and len(final.all()) == 5
    store.move(a, Status.DONE)  # and the store still works
    assert store_factory().get(a).status is Status.DONE


def test_a_transaction_groups_changes_into_one_commit(store, store_factory):
    a, b = task_id(SOURCE, "1"), task_id(SOURCE, "2")
    other = store_factory()
    with store.transaction():
        store.move(a, Status.DONE)
        store.move(b, Status.DONE)
    assert len({r.seq for r in store.history() if r.action == Action.MOVE}) == 1
    assert other.refresh() is True and other.changes_since(other.revision - 1).tasks == {a, b}


def test_a_board_opened_for_reading_refuses_writes(store, location):
    reader = TaskStore(location, writable=False)
    try:
        with pytest.raises(ReadOnlyDatabase):
            reader.move(task_id(SOURCE, "1"), Status.DONE)
    finally:
        reader.records.close()


def test_a_move_in_another_process_shows_within_a_second(store, location):
    tid = task_id(SOURCE, "2")
    code = (
        "import sys; from taskboard.store import TaskStore; "
        "TaskStore(sys.argv[1], who='区市场监管局@科室').move(sys.argv[2], 'done')"
    )
    proc = python("-c", code, location, tid)
    assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
    done = time.monotonic()
    while not store.refresh() and time.monotonic() - done < 1.0:
        time.sleep(0.05)  # the board's own polling, faster
    assert store.get(tid).status is Status.DONE
    assert store.latest_change(tid).who == "区市场监管局@科室"


@pytest.mark.parametrize(("processes", "moves"), [(4, 25)])
def test_concurrent_processes_lose_no_move(store, store_factory, location, processes, moves):
    workers = [python(str(WORKER), location, str(moves), str(i)) for i in range(processes)]
    for w in workers:
        _, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
    final = store_factory()
    rows = [r for r in final.history() if r.action == Action.MOVE]
    assert len(rows) == processes * moves
    assert {r.who for r in rows} == {f"worker{i}@test" for i in range(processes)}
    status = {t.id: t.status.value for t in final.all()}
    for tid, now in status.items():
        chain = [r for r in rows if r.task == tid]
        # Each move starts where the previous one ended.
        assert all(a.new == b.old for a, b in itertools.pairwise(chain))
        if chain:
            assert chain[-1].new == now
