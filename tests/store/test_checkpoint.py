"""The checkpoint's file layout: plain JSON any tool reads, history parsed only when used."""

from __future__ import annotations

import os

import orjson
import pytest

from taskboard.cli.main import main
from taskboard.model import Status, task_id
from taskboard.store import CorruptDatabase, TaskStore, storage
from taskboard.store.checkpoint import History, dump, read, split

from .fixtures import SOURCE, fixed_now, measures

T1, T3 = task_id(SOURCE, "1"), task_id(SOURCE, "3")


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A board whose every commit is a checkpoint, with some history in the file."""
    monkeypatch.setattr(storage, "JOURNAL_MIN_BYTES", 0)
    path = tmp_path / "tasks.json"
    s = TaskStore(path, now=fixed_now)
    s.import_tasks(SOURCE, measures())
    s.move(T1, Status.IN_PROGRESS)
    s.add_note(T3, "已完成联审平台升级")
    monkeypatch.setattr(storage, "JOURNAL_MIN_BYTES", 1 << 30)
    return path


def test_the_file_is_plain_json_and_splits_into_the_same_tables(db):
    raw = db.read_bytes()
    whole = orjson.loads(raw)  # any JSON tool reads it
    head, blob = split(raw)
    assert {**head, "history": orjson.loads(blob)} == whole
    assert next(iter(whole)) == "meta" and list(whole)[-1] == "history" and "tasks" in whole
    assert len(blob.splitlines()) == len(whole["history"]) + 2  # one row a line between the braces


def test_dump_keeps_rows_whole_and_the_span_exact():
    rows = {"0000000001.00000": {"seq": 1, "task": "a-1", "new": "含\n换行和\"引号\"的说明"}}
    history = History(rows=dict(rows))
    raw = dump({"meta": {"db": {"schema": 1, "seq": 1}}, "tasks": {}}, {"epoch": "e", "folded": 1},
               history.serialised())
    head, blob = split(raw)
    assert head["meta"]["journal"]["folded"] == 1 and "history" not in head
    lazy = History(blob)
    assert list(reversed(lazy)) == list(rows) and lazy["0000000001.00000"] == rows["0000000001.00000"]
    assert not lazy.parsed
    assert dict(lazy) == rows


def test_a_hand_edit_that_shifts_the_layout_is_read_whole(db):
    data = orjson.loads(db.read_bytes())
    data["tasks"][T1]["title"] = "落实一网一门一次改革（手工修订，标题变长了）"
    db.write_bytes(orjson.dumps(data))  # compact JSON: the history span no longer fits
    assert split(db.read_bytes()) is None
    s = TaskStore(db)
    assert s.get(T1).title.endswith("标题变长了）")
    assert [r.field for r in s.history(T3)][-1] == "notes"


def test_a_damaged_history_row_in_the_file_is_named_when_read_and_by_check(db, capsys):
    raw = db.read_bytes()
    row = b'"0000000003.00000":{"seq":3,'
    damaged = raw.replace(row, row.replace(b"seq", b"sex"))  # same layout and length, one row broken
    assert damaged != raw
    db.write_bytes(damaged)
    s = TaskStore(db)  # tasks are sound: the board opens
    with pytest.raises(CorruptDatabase, match="history row 0000000003") as err:
        s.history()
    assert str(db) in str(err.value)
    assert main(["--db", str(db), "check"]) == 1
    assert "历史记录行 0000000003" in capsys.readouterr().out


def test_a_clean_close_folds_a_small_journal_into_the_file(db):
    s = TaskStore(db)
    s.move(T1, Status.DONE)
    journal = db.with_name(db.name + ".journal")
    assert journal.exists()
    s.records.close()
    assert not journal.exists()
    assert orjson.loads(db.read_bytes())["tasks"][T1]["status"] == "done"
    assert TaskStore(db).get(T1).status is Status.DONE


def test_reading_the_file_in_parts_gives_what_splitting_its_bytes_gives(db):
    head, history = read(db)
    assert (head, history()) == split(db.read_bytes())
    assert head["tasks"][T1]["status"] == "in_progress"


def test_history_is_read_later_from_the_file_as_it_was_opened(db):
    raw = db.read_bytes()
    _, history = read(db)
    replacement = db.with_name("换.json")
    replacement.write_bytes(b"{}")
    os.replace(replacement, db)  # as a commit does: a new file renamed over the old one
    assert history() == split(raw)[1]


def test_history_changed_in_place_before_it_is_read_is_refused(db):
    history = TaskStore(db).records.storage.read()["history"]
    assert not history.parsed  # the board opened without it
    size = db.stat().st_size
    with db.open("r+b") as f:  # cut in place (the same file), as `cp backup.json tasks.json` would
        f.truncate(size - 30)
    with pytest.raises(CorruptDatabase):
        dict(history)


@pytest.mark.parametrize("cut", [1, 40])
def test_a_file_cut_short_is_read_whole_and_refused(db, cut):
    raw = db.read_bytes()
    db.write_bytes(raw[:-cut])  # the span names bytes that are no longer there
    assert read(db) == raw[:-cut]
    with pytest.raises(CorruptDatabase):
        TaskStore(db)


def test_a_hand_edit_that_shifts_the_layout_is_read_whole_from_the_file(db):
    data = orjson.loads(db.read_bytes())
    data["tasks"][T1]["title"] = "落实一网一门一次改革（手工修订）"
    db.write_bytes(orjson.dumps(data))
    assert read(db) == db.read_bytes()
