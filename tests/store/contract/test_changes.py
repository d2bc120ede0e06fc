"""Contract: the changes a coordinator makes, saved and seen by the next process, on every backend."""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.model import DocumentInfo, Status, task_id
from taskboard.store import Action, StoreError, UnknownTask

from ..fixtures import SOURCE, fixed_now, measures


def test_import_creates_tasks_in_document_order(store, store_factory):
    tasks = store_factory("另一位@host").all()
    assert [t.number for t in tasks] == ["1", "2", "3", "4", "5"]
    assert tasks[1].lead_units == ["区市场监管局"]
    assert tasks[1].deadline == date(2023, 6, 30)
    assert all(t.status is Status.NOT_STARTED for t in tasks)


def test_a_move_is_saved_with_one_history_row(store, store_factory):
    tid = task_id(SOURCE, "2")
    store.move(tid, "进行中")
    again = store_factory("另一位@host")
    assert again.get(tid).status is Status.IN_PROGRESS
    rows = [r for r in again.history(tid) if r.action == Action.MOVE]
    assert [(r.field, r.old, r.new, r.who) for r in rows] == [
        ("status", "not_started", "in_progress", "协调员@区营商办")
    ]


def test_moving_to_the_same_status_records_nothing(store, store_factory):
    before = store.revision
    store.move(task_id(SOURCE, "1"), Status.NOT_STARTED)
    assert store_factory().revision == before
    assert store.refresh() is False


def test_a_note_is_dated_and_signed(store, store_factory):
    tid = task_id(SOURCE, "3")
    store.add_note(tid, "已完成联审平台升级，待验收")
    note = store_factory().get(tid).notes[-1]
    assert (note.text, note.author, note.at) == ("已完成联审平台升级，待验收", "协调员@区营商办", fixed_now())
    with pytest.raises(StoreError):
        store.add_note(tid, "   ")


def test_an_unknown_id_is_a_clear_error(store):
    with pytest.raises(UnknownTask, match="no task with id 'nope-9'"):
        store.move("nope-9", Status.DONE)


def test_an_edit_changes_fields_with_a_row_each(store, store_factory):
    tid = task_id(SOURCE, "4")
    store.edit(tid, lead_units=["区市场监管局", "区税务局"], deadline=date(2023, 9, 30))
    task = store_factory().get(tid)
    assert task.lead_units == ["区市场监管局", "区税务局"] and task.deadline == date(2023, 9, 30)
    assert sorted(r.field for r in task_rows(store, tid, Action.EDIT)) == ["deadline", "lead_units"]


def task_rows(store, tid, action):
    return [r for r in store.history(tid) if r.action == action]


def test_a_task_added_by_hand_is_numbered_on_and_kept(store_factory):
    store = store_factory()
    first = store.add_task("落实领导交办的政务服务事项", lead_units=["区政务服务中心"])
    second = store.add_task("召开营商环境专题会", deadline=date(2023, 8, 31))
    again = store_factory()
    assert [t.number for t in again.all()] == [first.number, second.number] == ["1", "2"]
    assert again.get(second.id).deadline == date(2023, 8, 31)


def test_archive_and_restore_take_a_task_off_the_board_and_back(store, store_factory):
    tid = task_id(SOURCE, "5")
    store.move(tid, Status.IN_PROGRESS)
    store.archive(tid, "暂缓")
    other = store_factory()
    assert tid not in {t.id for t in other.all()}
    assert [t.id for t in other.all(archived=True)] == [tid]
    with pytest.raises(StoreError, match="already archived"):
        store.archive(tid, "取消")
    store.restore(tid)
    back = store_factory().get(tid)
    assert not back.archived and back.status is Status.IN_PROGRESS


def test_renaming_a_unit_changes_every_task_in_one_undo_step(store, store_factory):
    changed = store.rename_unit("区市场监管局", "区市场监督管理局")
    assert changed == [task_id(SOURCE, "2"), task_id(SOURCE, "4")]
    assert store_factory().get(task_id(SOURCE, "4")).lead_units == ["区市场监督管理局"]
    store.undo()
    assert store_factory().get(task_id(SOURCE, "4")).lead_units == ["区市场监管局"]


def test_documents_keep_their_titles_and_numbers(store_factory):
    store = store_factory()
    title = "关于印发《伊州区2023年深化放管服改革工作要点》的通知"
    info = DocumentInfo(SOURCE, title=title, number="伊区发〔2023〕3号")
    store.import_tasks(SOURCE, measures(), document=info)
    docs = store_factory().documents()
    assert docs[SOURCE].name == "伊州区2023年深化放管服改革工作要点"
    assert docs[SOURCE].number == "伊区发〔2023〕3号"


def test_find_by_lead_status_and_source(store):
    store.move(task_id(SOURCE, "2"), Status.DONE)
    assert [t.number for t in store.find(lead="区市场监管局")] == ["2", "4"]
    assert [t.number for t in store.find(lead="区市场监管局", status=Status.DONE)] == ["2"]
    assert store.find(source="乌苏") == []


def test_status_at_reads_a_past_revision(store):
    tid = task_id(SOURCE, "2")
    start = store.revision
    store.move(tid, Status.IN_PROGRESS)
    middle = store.revision
    store.move(tid, Status.DONE)
    assert store.status_at(tid, start) is Status.NOT_STARTED
    assert store.status_at(tid, middle) is Status.IN_PROGRESS


def test_a_new_board_is_new_until_the_first_commit(store_factory):
    store = store_factory()
    assert store.is_new and store.all() == [] and store.revision == 0
    store.import_tasks(SOURCE, measures())
    assert not store_factory().is_new
