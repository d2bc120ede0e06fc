"""The database file and its neighbours: symlinks, planted links, modes, other programs' JSON."""

from __future__ import annotations

import os
import stat

import orjson
import pytest

from taskboard.model import Status, task_id
from taskboard.services import open_store
from taskboard.store import CorruptDatabase, ReadOnlyDatabase, StoreError, TaskStore
from taskboard.store.storage import BACKUP_RING

from .fixtures import SOURCE, fixed_now, make_board, measures, outside_file


def test_symlinked_database_stays_one_database(tmp_path):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "db.json"
    make_board(real)
    link_dir = tmp_path / "link"
    link_dir.mkdir()
    link = link_dir / "db.json"
    link.symlink_to(real)

    via_link = TaskStore(link, now=fixed_now)
    via_link.move(task_id(SOURCE, "1"), Status.DONE)
    via_real = TaskStore(real, now=fixed_now)
    via_real.move(task_id(SOURCE, "2"), Status.IN_PROGRESS)

    assert link.is_symlink(), "a commit through the link replaced the link with a file"
    assert via_link.path == via_real.path == real
    # Both paths share one lock file, beside the real file.
    assert not (link_dir / "db.json.lock").exists()
    assert list(link_dir.iterdir()) == [link]
    # Backups are real files beside the real database, never links to it.
    for backup in via_real.records.storage.backup_paths():
        assert backup.parent == real_dir and not backup.is_symlink()
    seen = TaskStore(link)
    assert seen.get(task_id(SOURCE, "1")).status is Status.DONE
    assert seen.get(task_id(SOURCE, "2")).status is Status.IN_PROGRESS


@pytest.mark.parametrize("planted", ["db.json.1.bak", f"db.json.{BACKUP_RING}.bak", "db.json.schema0.bak"])
def test_planted_symlinks_are_never_written_through(tmp_path, planted):
    victim, folder = outside_file(tmp_path, "不许改动的文件")
    db = folder / "db.json"
    if planted.endswith("schema0.bak"):
        # An old (schema 0) file: opening it makes a migration backup copy.
        db.write_bytes(orjson.dumps({"_default": {"1": measures()[0].to_dict()}}))
    else:
        make_board(db)
    (folder / planted).symlink_to(victim)
    s = TaskStore(db, now=fixed_now)
    s.move(s.all()[0].id, Status.DONE)
    s.move(s.all()[0].id, Status.IN_PROGRESS)
    assert victim.read_text(encoding="utf-8") == "不许改动的文件"
    assert TaskStore(db).all()[0].status is Status.IN_PROGRESS


def test_temp_files_have_unpredictable_names_and_ignore_planted_links(tmp_path):
    victim, folder = outside_file(tmp_path, "原文")
    db = folder / "db.json"
    s = make_board(db)
    # The old predictable name, for this very process, planted as a link.
    (folder / f".db.json.{os.getpid()}.tmp").symlink_to(victim)
    s.move(task_id(SOURCE, "3"), Status.DONE)
    assert victim.read_text(encoding="utf-8") == "原文"
    assert TaskStore(db).get(task_id(SOURCE, "3")).status is Status.DONE


def test_commits_keep_the_files_mode_and_new_files_are_private(tmp_path):
    db = tmp_path / "db.json"
    s = make_board(db)
    assert stat.S_IMODE(db.stat().st_mode) & 0o077 == 0, "a new database is not readable by others"
    os.chmod(db, 0o660)  # shared with the office's group on purpose
    old = os.umask(0o077)
    try:
        s.move(task_id(SOURCE, "1"), Status.DONE)
    finally:
        os.umask(old)
    assert stat.S_IMODE(db.stat().st_mode) == 0o660
    for backup in s.records.storage.backup_paths():
        assert stat.S_IMODE(backup.stat().st_mode) & 0o007 == 0


def test_database_under_a_file_says_so_in_plain_words(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    s = TaskStore(blocker / "db.json")
    with pytest.raises(StoreError) as err:
        s.import_tasks(SOURCE, measures())
    message = str(err.value)
    assert "is a file, not a folder" in message and "File exists" not in message


@pytest.mark.parametrize(
    "content",
    [
        {"servers": {"web": {"host": "10.0.0.1"}}},
        {"settings": {}},
        {},
        {"meta": "v1", "tasks": {}},
    ],
)
def test_other_programs_json_is_refused_and_left_untouched(tmp_path, content):
    db = tmp_path / "config.json"
    raw = orjson.dumps(content)
    db.write_bytes(raw)
    with pytest.raises(CorruptDatabase, match="not a taskboard database") as err:
        open_store(db, writable=False)
    assert str(db) in str(err.value)
    with pytest.raises(CorruptDatabase):
        open_store(db)
    assert db.read_bytes() == raw


def test_reading_an_old_file_never_migrates_or_writes_it(tmp_path):
    db = tmp_path / "old.json"
    legacy = orjson.dumps({"_default": {"1": measures()[0].to_dict()}})
    db.write_bytes(legacy)
    s = open_store(db, writable=False)
    assert [t.title for t in s.all()] == [measures()[0].title]
    with pytest.raises(ReadOnlyDatabase):
        s.move(s.all()[0].id, Status.DONE)
    assert db.read_bytes() == legacy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]
