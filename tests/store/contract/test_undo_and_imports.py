"""Contract: undo and its refusals, imports and re-imports that keep a person's corrections."""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.model import Status, task_id
from taskboard.store import Action, UndoConflict

from ..fixtures import SOURCE, measures


def test_undo_walks_back_one_action_at_a_time(store, store_factory):
    tid = task_id(SOURCE, "5")
    store.move(tid, Status.IN_PROGRESS)
    store.add_note(tid, "已召开专题推进会")
    store.move(tid, Status.DONE)
    store.undo()
    assert store.get(tid).status is Status.IN_PROGRESS
    assert store.get(tid).notes[-1].text == "已召开专题推进会"
    store.undo()
    assert store.get(tid).notes == []
    store.undo()
    assert store_factory().get(tid).status is Status.NOT_STARTED
    assert len([r for r in store.history(tid) if r.action == Action.UNDO]) == 3


def test_undo_from_another_process(store, store_factory):
    tid = task_id(SOURCE, "2")
    store.move(tid, Status.DONE)
    result = store_factory("另一位@host").undo()  # like `taskboard undo` in another shell
    assert result is not None and result.tasks == [tid]
    assert store_factory().get(tid).status is Status.NOT_STARTED


def test_undo_of_an_import_removes_its_tasks_for_every_process(store, store_factory):
    other = store_factory()
    assert len(other.all()) == 5
    store.undo()
    assert store.all() == []
    assert other.refresh() is True and other.all() == []
    assert store_factory().all() == []
    assert store.undo() is None  # nothing further back


def test_an_import_undone_then_made_again_keeps_document_order(store, store_factory):
    store.undo()
    store.import_tasks(SOURCE, measures())
    assert [t.number for t in store_factory().all()] == ["1", "2", "3", "4", "5"]


def test_an_edit_is_undone_field_by_field(store, store_factory):
    tid = task_id(SOURCE, "4")
    store.edit(tid, lead_units=["区市场监管局", "区税务局"], deadline=date(2023, 9, 30))
    store.undo()
    task = store_factory().get(tid)
    assert task.lead_units == ["区市场监管局"] and task.deadline is None


def test_own_only_undo_leaves_a_colleagues_change_alone(store, store_factory):
    mine, theirs = task_id(SOURCE, "1"), task_id(SOURCE, "2")
    store.move(mine, Status.IN_PROGRESS)
    store_factory("另一位@host").move(theirs, Status.DONE)
    store.refresh()
    result = store.undo(own_only=True)
    assert result is not None and result.tasks == [mine]
    final = store_factory()
    assert final.get(mine).status is Status.NOT_STARTED
    assert final.get(theirs).status is Status.DONE


def test_undo_refuses_to_overwrite_a_later_change(store, store_factory):
    tid = task_id(SOURCE, "3")
    store.move(tid, Status.IN_PROGRESS)
    store_factory("另一位@host").move(tid, Status.DONE)
    before = store.revision
    with pytest.raises(UndoConflict, match=r"changed by 另一位@host .*your undo was not applied"):
        store.undo(own_only=True)
    final = store_factory()
    assert final.revision == before + 1  # the colleague's move, nothing of the refused undo
    assert final.get(tid).status is Status.DONE


def test_reimport_of_the_same_document_writes_nothing(store, store_factory):
    before = store.revision
    result = store.import_tasks(SOURCE, measures())
    assert (len(result.added), len(result.updated), len(result.unchanged)) == (0, 0, 5)
    assert store_factory().revision == before


def test_reimport_of_a_revision_keeps_status_notes_and_dropped_tasks(store, store_factory):
    tid = task_id(SOURCE, "1")
    store.move(tid, Status.IN_PROGRESS)
    store.add_note(tid, "已梳理事项清单")
    result = store.import_tasks(SOURCE, measures(titles_suffix="（修订）")[:4])
    assert len(result.updated) == 4 and result.missing == [task_id(SOURCE, "5")]
    again = store_factory()
    task = again.get(tid)
    assert task.title == "落实一网一门一次改革（修订）" and task.status is Status.IN_PROGRESS
    assert [n.text for n in task.notes] == ["已梳理事项清单"]
    assert len(again.all()) == 5


def test_reimport_keeps_a_persons_correction_and_records_the_document(store, store_factory):
    tid = task_id(SOURCE, "2")
    store.edit(tid, lead_units=["区发改委"])
    revised = measures()
    revised[1].lead_units = ["区商务局"]
    revised[2].title = "深化工程建设项目审批制度改革（修订）"
    result = store.import_tasks(SOURCE, revised)
    assert [(k.task, k.field, k.document_says) for k in result.kept] == [(tid, "lead_units", ["区商务局"])]
    again = store_factory()
    assert again.get(tid).lead_units == ["区发改委"]
    assert again.get(task_id(SOURCE, "3")).title.endswith("（修订）")  # nobody edited it: it follows
    kept = [r for r in again.history(tid) if r.action == Action.KEPT]
    assert [(r.field, r.new) for r in kept] == [("lead_units", ["区商务局"])]
