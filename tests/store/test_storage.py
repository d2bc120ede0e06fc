"""Bad database files: a clear error, the file untouched; schema versions; backups."""

from __future__ import annotations

import os
import stat

import orjson
import pytest

from taskboard.model import Status, task_id
from taskboard.store import CorruptDatabase, ReadOnlyDatabase, TaskStore
from taskboard.store.schema import SCHEMA_VERSION

from .fixtures import SOURCE, make_board, measures


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"tasks": {"a": ', "not valid JSON"),
        (b"\x00\x01\x02\xff\xfe binary", "not valid JSON"),
        ("这不是数据库".encode("gb18030"), "not valid JSON"),
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b"[1, 2, 3]", "not a taskboard database"),
    ],
)
def test_bad_file_is_reported_and_left_byte_for_byte(tmp_path, content, message):
    db = tmp_path / "tasks.json"
    db.write_bytes(content)
    with pytest.raises(CorruptDatabase, match=message) as err:
        TaskStore(db)
    assert str(db) in str(err.value)
    assert db.read_bytes() == content


def test_truncated_database_names_its_latest_backup(tmp_path):
    db = tmp_path / "tasks.json"
    make_board(db).move(task_id(SOURCE, "1"), Status.DONE)
    db.write_bytes(db.read_bytes()[:-40])  # torn by something other than taskboard
    with pytest.raises(CorruptDatabase, match=r"latest backup: .*tasks\.json\.1\.bak"):
        TaskStore(db)


def test_backups_keep_previous_versions(tmp_path):
    db = tmp_path / "tasks.json"
    s = make_board(db)
    s.move(task_id(SOURCE, "1"), Status.DONE)
    backups = s.records.storage.backup_paths()
    assert backups, "a commit over an existing file keeps the old version"
    old = orjson.loads(backups[0].read_bytes())
    assert old["tasks"][task_id(SOURCE, "1")]["status"] == "not_started"


def test_newer_schema_opens_read_only(tmp_path):
    db = tmp_path / "tasks.json"
    make_board(db)
    data = orjson.loads(db.read_bytes())
    data["meta"]["db"]["schema"] = SCHEMA_VERSION + 1
    db.write_bytes(orjson.dumps(data))
    before = db.read_bytes()
    s = TaskStore(db)
    assert "newer taskboard" in s.read_only_reason
    assert len(s.all()) == 5  # still readable
    with pytest.raises(ReadOnlyDatabase, match="newer taskboard"):
        s.move(task_id(SOURCE, "1"), Status.DONE)
    assert db.read_bytes() == before


def test_read_only_file_is_readable_not_writable(tmp_path):
    db = tmp_path / "tasks.json"
    make_board(db)
    os.chmod(db, stat.S_IRUSR | stat.S_IRGRP)
    before = db.read_bytes()
    s = TaskStore(db)
    assert len(s.all()) == 5
    with pytest.raises(ReadOnlyDatabase, match="read-only"):
        s.add_note(task_id(SOURCE, "2"), "尝试写入")
    assert db.read_bytes() == before


def test_old_plain_tinydb_file_is_migrated_after_a_backup(tmp_path):
    db = tmp_path / "tasks.json"
    legacy = {"_default": {"1": measures()[0].to_dict(), "2": measures()[1].to_dict()}}
    db.write_bytes(orjson.dumps(legacy))
    s = TaskStore(db)
    assert s.migrated_from is not None and s.migrated_from[0] == 0
    backup = s.migrated_from[1]
    assert orjson.loads(backup.read_bytes()) == legacy
    reopened = TaskStore(db)
    assert [t.number for t in reopened.all()] == ["1", "2"]
    assert orjson.loads(db.read_bytes())["meta"]["db"]["schema"] == SCHEMA_VERSION


def test_stale_temp_file_from_a_killed_writer_is_removed(tmp_path):
    db = tmp_path / "tasks.json"
    make_board(db)
    stale = tmp_path / ".tasks.json.999999999.tmp"
    stale.write_bytes(b'{"half')
    TaskStore(db)
    assert not stale.exists()


def test_new_database_is_not_written_until_the_first_change(tmp_path):
    db = tmp_path / "sub" / "tasks.json"
    s = TaskStore(db)
    assert s.is_new and not db.exists()
    s.import_tasks(SOURCE, measures())
    assert db.exists() and not s.is_new
