"""The store beyond the contract suite every backend passes (tests/store/contract)."""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.model import Status, Task, task_id
from taskboard.store import Action, StoreError, TaskStore, UnknownTask

from .fixtures import SOURCE, fixed_now, measures


@pytest.fixture
def store(tmp_path) -> TaskStore:
    s = TaskStore(tmp_path / "board.json", who="协调员@区营商办", now=fixed_now)
    s.import_tasks(SOURCE, measures())
    return s


def reopen(store: TaskStore) -> TaskStore:
    return TaskStore(store.path, who="另一位@host", now=fixed_now)


def test_empty_note_is_refused(store):
    with pytest.raises(StoreError):
        store.add_note(task_id(SOURCE, "3"), "   ")


def test_undo_of_an_import_removes_what_it_created(tmp_path):
    s = TaskStore(tmp_path / "b.json", now=fixed_now)
    s.import_tasks(SOURCE, measures())
    s.undo()
    assert s.all() == []
    assert s.undo() is None  # nothing further back


def test_edit_changes_fields_and_is_undoable(store):
    tid = task_id(SOURCE, "4")
    store.edit(tid, lead_units=["区市场监管局", "区税务局"], deadline=date(2023, 9, 30))
    task = reopen(store).get(tid)
    assert task.lead_units == ["区市场监管局", "区税务局"]
    assert task.deadline == date(2023, 9, 30)
    edits = [r.field for r in store.history(tid) if r.action == Action.EDIT]
    assert sorted(edits) == ["deadline", "lead_units"]
    store.undo()
    assert store.get(tid).lead_units == ["区市场监管局"]
    assert store.get(tid).deadline is None


def test_reimport_changes_and_duplicates_nothing(store):
    before = store.path.read_bytes()
    result = store.import_tasks(SOURCE, measures())
    assert (len(result.added), len(result.updated), len(result.unchanged)) == (0, 0, 5)
    assert store.path.read_bytes() == before  # not even a rewrite


def test_reimport_of_a_revised_document_keeps_status_and_notes(store):
    tid = task_id(SOURCE, "1")
    store.move(tid, Status.IN_PROGRESS)
    store.add_note(tid, "已梳理事项清单")
    result = store.import_tasks(SOURCE, measures(titles_suffix="（修订）")[:4])
    assert len(result.updated) == 4 and result.missing == [task_id(SOURCE, "5")]
    task = reopen(store).get(tid)
    assert task.title == "落实一网一门一次改革（修订）"
    assert task.status is Status.IN_PROGRESS
    assert [n.text for n in task.notes] == ["已梳理事项清单"]
    assert len(reopen(store).all()) == 5  # the dropped measure is kept, only reported


def test_transaction_groups_changes_into_one_undo_step(store):
    a, b = task_id(SOURCE, "1"), task_id(SOURCE, "2")
    with store.transaction():
        store.move(a, Status.DONE)
        store.move(b, Status.DONE)
    assert len({r.seq for r in store.history() if r.action == Action.MOVE}) == 1
    store.undo()
    assert store.get(a).status is Status.NOT_STARTED and store.get(b).status is Status.NOT_STARTED


def test_failed_transaction_leaves_memory_and_disk_unchanged(store):
    a = task_id(SOURCE, "1")
    before = store.path.read_bytes()
    with pytest.raises(UnknownTask), store.transaction():
        store.move(a, Status.DONE)
        store.move("missing-1", Status.DONE)
    assert store.path.read_bytes() == before
    assert store.get(a).status is Status.NOT_STARTED


def test_other_process_changes_are_picked_up_on_refresh(store):
    tid = task_id(SOURCE, "3")
    other = reopen(store)
    other.move(tid, Status.DONE)
    assert store.get(tid).status is Status.NOT_STARTED  # not yet seen
    assert store.refresh() is True
    assert store.get(tid).status is Status.DONE
    assert store.refresh() is False


def test_writes_never_overwrite_another_process_commit(store):
    a, b = task_id(SOURCE, "1"), task_id(SOURCE, "2")
    other = reopen(store)
    other.move(a, Status.DONE)
    store.move(b, Status.DONE)  # must reload first, not write its stale copy
    final = reopen(store)
    assert final.get(a).status is Status.DONE and final.get(b).status is Status.DONE


def test_file_is_utf8_not_escaped(store):
    assert "落实一网一门一次改革" in store.path.read_text(encoding="utf-8")


def test_undo_of_an_import_after_its_moves_were_undone(tmp_path):
    s = TaskStore(tmp_path / "b.json", now=fixed_now)
    s.import_tasks(SOURCE, measures())
    s.move(task_id(SOURCE, "1"), Status.DONE)
    s.undo()  # the move
    s.undo()  # the import: nothing later is still in effect
    assert s.all() == []


def test_a_recurring_task_done_rolls_on_to_its_next_period(tmp_path):
    from datetime import date

    from taskboard.model import Bucket, DeadlineKind, Task, countdown

    s = TaskStore(tmp_path / "db.json", now=fixed_now)
    monthly = Task(
        id=task_id(SOURCE, "9"),
        source=SOURCE,
        number="9",
        title="每月报送改革进展",
        lead_units=["区发改委"],
        deadline_text="每月20日前",
        deadline_kind=DeadlineKind.RECURRING,
    )
    s.import_tasks(SOURCE, [monthly])
    today = date(2023, 6, 30)
    shown = countdown(s.get(monthly.id), today)
    assert (shown.bucket, shown.days) == (Bucket.RECURRING, 20)  # next due: 20 July
    assert shown.label("zh") == "定期·剩20天"

    rolled = s.move(monthly.id, Status.DONE, today=today)
    # The July report is done: the task stays on the board, due 20 August.
    assert rolled.status is Status.NOT_STARTED and rolled.deadline == date(2023, 8, 20)
    rows = [r for r in s.history(monthly.id) if r.field in ("status", "deadline")]
    assert [(r.action, r.field, r.new) for r in rows] == [
        (Action.MOVE, "status", "done"),  # each period's completion stays in history
        (Action.ROLL, "deadline", "2023-08-20"),
        (Action.ROLL, "status", "not_started"),
    ]
    assert len({r.seq for r in rows}) == 1  # one action, one undo
    s.move(monthly.id, Status.DONE, today=today)
    assert s.get(monthly.id).deadline == date(2023, 9, 20)
    # A missed period shows as overdue.
    assert countdown(s.get(monthly.id), date(2023, 9, 25)).bucket is Bucket.OVERDUE
    s.undo()
    assert s.get(monthly.id).deadline == date(2023, 8, 20)


def test_opening_a_file_builds_each_task_once_and_reads_the_journal_latest(tmp_path, monkeypatch):
    path = tmp_path / "board.json"
    first = TaskStore(path, now=fixed_now)
    first.import_tasks(SOURCE, measures())
    moved = first.all()[0].id
    first.move(moved, Status.DONE)  # a small commit: journalled, not folded into the file
    assert path.with_name(path.name + ".journal").exists()
    second = TaskStore(path)
    # The tasks were built while the file was checked: reading them builds none again.
    built = []
    monkeypatch.setattr(Task, "from_plain_dict", classmethod(lambda cls, d: built.append(d)))
    assert second.all() == first.all()
    assert second.get(moved).status is Status.DONE
    assert built == []
