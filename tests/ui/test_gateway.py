"""The writer thread runs store jobs in order and reports failures instead of dying."""

from __future__ import annotations

import threading

from taskboard.model import Status
from taskboard.store import StoreError
from taskboard.ui.gateway import Op, StoreGateway
from tests.ui.board_helpers import SRC_A, tid


def test_jobs_run_in_order_and_replies_come_back(store):
    gateway = StoreGateway(store)
    replies = []
    thread = threading.Thread(target=gateway.serve, args=(replies.append,))
    thread.start()
    a3 = tid(SRC_A, "3")
    gateway.submit(Op.MOVE, a3, lambda s: s.move(a3, Status.IN_PROGRESS))
    gateway.submit(Op.MOVE, a3, lambda s: s.move(a3, Status.DONE))
    gateway.submit(Op.NOTE, a3, lambda s: s.add_note(a3, ""))  # refused by the store
    gateway.submit(Op.EDIT, None, lambda s: 1 / 0)
    assert gateway.pending[a3] == 3
    gateway.close()
    thread.join(5)
    assert not thread.is_alive()
    assert [r.op for r in replies] == [Op.MOVE, Op.MOVE, Op.NOTE, Op.EDIT]
    assert replies[1].result.status is Status.DONE
    assert replies[2].error == str(StoreError("a note needs some text"))
    assert "ZeroDivisionError" in replies[3].error
    for reply in replies:
        gateway.replied(reply)
    assert not gateway.pending and not gateway.busy
    assert store.get(a3).status is Status.DONE


def test_nothing_is_queued_after_close(store):
    gateway = StoreGateway(store)
    gateway.close()
    gateway.submit(Op.MOVE, "x", lambda s: None)
    thread = threading.Thread(target=gateway.serve, args=(lambda r: None,))
    thread.start()
    thread.join(5)
    assert gateway.drain(1)
