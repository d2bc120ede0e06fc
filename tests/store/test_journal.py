"""The journal write path: a commit appends its change; checkpoints fold it into the file.

Kills at every step of a commit (mid-append, before and after a
checkpoint's rename) and at random moments never leave a database that does
not load, and never lose a move whose commit had returned.  CI runs reduced
counts; ``TASKBOARD_FULL_STRESS=1`` runs 200 random kills.
"""

from __future__ import annotations

import errno
import os
import random
import stat
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from taskboard.cli.main import main
from taskboard.model import Status, task_id
from taskboard.store import Action, CorruptDatabase, TaskStore, journal, storage

from .fixtures import SOURCE, make_board, outside_file

FULL = os.environ.get("TASKBOARD_FULL_STRESS") == "1"
KILLS = 200 if FULL else 20
WORKER = Path(__file__).with_name("journal_worker.py")
T1, T2 = task_id(SOURCE, "1"), task_id(SOURCE, "2")


def journal_of(db: Path) -> Path:
    return db.with_name(db.name + ".journal")


def spawn(db: Path, count: int, checkpoint_bytes: int, crash: str = "") -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    argv = [sys.executable, str(WORKER), str(db), str(count), str(checkpoint_bytes)]
    argv += [crash] if crash else []
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def acknowledged(out: str) -> list[tuple[int, str, str]]:
    """(seq, task, new status) of every move the worker saw committed."""
    return [(int(s), t, v) for line in out.splitlines() if line.startswith("ok ")
            for _, s, t, v in [line.split()]]


def assert_all_kept(db: Path, acked: list[tuple[int, str, str]]) -> TaskStore:
    store = TaskStore(db)  # must load, whatever moment the kill hit
    moves = {(r.seq, r.task, r.new) for r in store.history() if r.action == Action.MOVE}
    lost = [a for a in acked if a not in moves]
    assert not lost, f"committed moves lost: {lost[:3]}"
    return store


def check(capsys, db: Path) -> tuple[int, str]:
    code = main(["--db", str(db), "check"])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    "crash", ["append-torn", "append-unsynced", "checkpoint-before-rename", "checkpoint-after-rename"]
)
def test_a_commit_killed_at_any_step_loses_nothing_committed(tmp_path, capsys, crash):
    db = tmp_path / "tasks.json"
    make_board(db)
    w = spawn(db, 8, 1 << 30, crash)  # 7 moves into the journal, the 8th dies at ``crash``
    out, err = w.communicate(timeout=120)
    assert w.returncode == -9, err
    acked = acknowledged(out)
    assert len(acked) == 7
    store = assert_all_kept(db, acked)
    assert check(capsys, db)[0] == 0, "a kill is not damage"
    # The next writer carries on from whatever the kill left (a torn line, a stale journal).
    before = store.revision
    target = Status.NOT_STARTED if store.get(T2).status is not Status.NOT_STARTED else Status.DONE
    store.move(T2, target)
    again = TaskStore(db)
    assert again.revision == before + 1 and again.get(T2).status is target
    assert_all_kept(db, acked)
    assert check(capsys, db)[0] == 0


def test_writers_killed_mid_append_and_mid_checkpoint_never_lose_a_committed_move(tmp_path):
    db = tmp_path / "tasks.json"
    make_board(db, batches=40)  # 200 tasks: a checkpoint takes long enough to be hit
    rng = random.Random(20231231)
    acked: list[tuple[int, str, str]] = []
    mid_checkpoint = 0
    for _ in range(KILLS):
        w = spawn(db, 10_000, 3_000)  # a checkpoint every few moves
        assert w.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.08))
        w.kill()
        out, _ = w.communicate()
        acked += acknowledged(out)
        store = assert_all_kept(db, acked)
        assert len(store.all()) == 200
        # What the kill interrupted: a checkpoint before its rename leaves a temp
        # file, one after it a journal the file already holds.
        mid_checkpoint += any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        found, _ = journal.read(journal_of(db))
        folded = orjson.loads(db.read_bytes())["meta"]["journal"]["folded"]
        mid_checkpoint += any(e["n"] <= folded for e in found.entries)
    assert len(acked) > KILLS, "the kills came too early to test anything"
    if FULL:
        assert mid_checkpoint > 0, "no kill landed inside a checkpoint"


def test_a_move_appends_to_the_journal_and_others_see_it(tmp_path):
    db = tmp_path / "tasks.json"
    writer = make_board(db)
    reader = TaskStore(db)
    file_before = db.read_bytes()
    writer.move(T1, Status.IN_PROGRESS)
    assert db.read_bytes() == file_before, "a move rewrote the whole file"
    lines = journal_of(db).read_bytes().splitlines()
    assert len(lines) == 1 and "进行中".encode() not in lines[0]  # the change, not a rendering
    assert reader.refresh() is True
    assert reader.get(T1).status is Status.IN_PROGRESS
    assert reader.changes_since(reader.revision - 1).tasks == {T1}
    assert reader.refresh() is False
    assert TaskStore(db).get(T1).status is Status.IN_PROGRESS


def test_readers_follow_every_commit_across_checkpoints(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "JOURNAL_MIN_BYTES", 1500)
    db = tmp_path / "tasks.json"
    writer = make_board(db)
    reader = TaskStore(db)
    checkpoints = 0
    for i in range(30):
        tid = task_id(SOURCE, str(i % 5 + 1))
        writer.add_note(tid, f"第{i}次推进会已召开")
        checkpoints += not journal_of(db).exists()
        assert reader.refresh() is True
        assert reader.revision == writer.revision
        assert reader.changes_since(reader.revision - 1).tasks == {tid}
        assert reader.get(tid).notes[-1].text == f"第{i}次推进会已召开"
    assert checkpoints >= 3, "the journal never folded into the file"
    assert writer.records.storage.backup_paths(), "checkpoints keep backups as before"
    fresh = TaskStore(db)
    assert len([r for r in fresh.history() if r.action == Action.NOTE]) == 30


def test_a_torn_last_line_is_ignored_and_the_next_commit_cleans_it(tmp_path, capsys):
    db = tmp_path / "tasks.json"
    store = make_board(db)
    store.move(T1, Status.DONE)
    with open(journal_of(db), "ab") as f:
        f.write(b'0badc0de {"e": "half a line, cut by a ki')
    assert TaskStore(db).get(T1).status is Status.DONE
    assert check(capsys, db)[0] == 0
    again = TaskStore(db)
    again.move(T2, Status.IN_PROGRESS)
    assert b"half a line" not in (journal_of(db).read_bytes() if journal_of(db).exists() else b"")
    fresh = TaskStore(db)
    assert fresh.get(T1).status is Status.DONE and fresh.get(T2).status is Status.IN_PROGRESS


def test_a_damaged_journal_is_refused_in_one_line_and_left_as_it_was(tmp_path, capsys):
    db = tmp_path / "tasks.json"
    store = make_board(db)
    store.move(T1, Status.DONE)
    store.move(T2, Status.DONE)
    raw = journal_of(db).read_bytes()
    damaged = raw.replace(b'"done"', b'"dome"', 1)  # the first line no longer matches its checksum
    journal_of(db).write_bytes(damaged)
    file_before = db.read_bytes()
    with pytest.raises(CorruptDatabase, match=r"tasks\.json\.journal is damaged") as err:
        TaskStore(db)
    assert "\n" not in str(err.value)
    assert main(["--db", str(db), "list"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    code, out = check(capsys, db)
    assert code == 1 and "tasks.json.journal 已损坏" in out
    assert db.read_bytes() == file_before and journal_of(db).read_bytes() == damaged


def test_a_journal_line_with_bad_data_is_refused_naming_task_and_field(tmp_path):
    db = tmp_path / "tasks.json"
    store = make_board(db)
    store.move(T1, Status.DONE)
    entry = orjson.loads(journal_of(db).read_bytes().split(b" ", 1)[1])
    bad = {**entry, "n": entry["n"] + 1,
           "ops": [["p", "tasks", T2, {**store.get(T2).to_dict(), "lead_units": "区市场监管局"}]]}
    with open(journal_of(db), "ab") as f:
        f.write(journal.encode(bad["e"], bad["n"], bad["ops"]))
    with pytest.raises(CorruptDatabase, match="lead_units") as err:
        TaskStore(db)
    assert T2 in str(err.value)


def test_a_journal_that_does_not_follow_the_file_is_refused(tmp_path, monkeypatch):
    db = tmp_path / "tasks.json"
    store = make_board(db)
    old_copy = db.read_bytes()  # a copy taken now, restored later by hand
    monkeypatch.setattr(storage, "JOURNAL_MIN_BYTES", 0)
    store.move(T1, Status.DONE)  # a checkpoint
    monkeypatch.setattr(storage, "JOURNAL_MIN_BYTES", 1 << 30)
    store.move(T2, Status.DONE)  # a journal line after it
    db.write_bytes(old_copy)
    with pytest.raises(CorruptDatabase, match="do not follow"):
        TaskStore(db)
    other = tmp_path / "other.json"
    make_board(other)
    os.replace(journal_of(db), journal_of(other))  # another database's journal
    with pytest.raises(CorruptDatabase, match=r"(belong|do not follow)"):
        TaskStore(other)


def test_a_planted_journal_link_is_never_written_through(tmp_path):
    victim, folder = outside_file(tmp_path, "不许改动的文件")
    db = folder / "tasks.json"
    make_board(db)
    journal_of(db).symlink_to(victim)
    s = TaskStore(db)
    s.move(T1, Status.DONE)
    s.move(T2, Status.IN_PROGRESS)
    assert victim.read_text(encoding="utf-8") == "不许改动的文件"
    assert not journal_of(db).is_symlink()
    fresh = TaskStore(db)
    assert fresh.get(T1).status is Status.DONE and fresh.get(T2).status is Status.IN_PROGRESS


def test_the_journal_is_private_and_follows_the_files_mode(tmp_path):
    db = tmp_path / "tasks.json"
    s = make_board(db)
    s.move(T1, Status.DONE)
    assert stat.S_IMODE(journal_of(db).stat().st_mode) == 0o600
    os.chmod(db, 0o660)  # shared with the office's group on purpose
    s.move(T2, Status.DONE)
    assert stat.S_IMODE(journal_of(db).stat().st_mode) == 0o660


def test_a_read_only_open_never_writes_or_folds_the_journal(tmp_path, capsys):
    db = tmp_path / "tasks.json"
    make_board(db).move(T1, Status.DONE)
    names = sorted(p.name for p in tmp_path.iterdir())
    before = (db.read_bytes(), journal_of(db).read_bytes())
    reader = TaskStore(db, writable=False)
    assert reader.get(T1).status is Status.DONE
    reader.records.close()
    assert main(["--db", str(db), "--read-only", "list"]) == 0
    capsys.readouterr()
    assert (db.read_bytes(), journal_of(db).read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_history_stays_unparsed_until_asked_for(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "JOURNAL_MIN_BYTES", 0)  # every commit a checkpoint: history in the file
    db = tmp_path / "tasks.json"
    s = make_board(db)
    for i in range(12):
        s.add_note(T1 if i % 2 else T2, f"进展{i}")
    full = [r.to_dict() for r in s.history()]
    reopened = TaskStore(db)
    rows = reopened.records.history()
    assert not rows.parsed
    assert reopened.changes_since(reopened.revision - 2).tasks == {T1, T2}
    assert reopened.latest_change(T2).new["text"] == "进展10"
    assert not rows.parsed, "the change feed parsed the whole history"
    assert [r.to_dict() for r in reopened.history()] == full
    assert rows.parsed


def test_a_full_disk_mid_append_changes_nothing(tmp_path, monkeypatch):
    db = tmp_path / "tasks.json"
    s = make_board(db)
    s.move(T1, Status.IN_PROGRESS)
    before = journal_of(db).read_bytes()
    real_write = os.write

    def full_disk(fd, data):
        real_write(fd, bytes(data)[:10])  # part of the line reached the disk, then it filled up
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(storage.StoreError, match="No space left"):
        s.move(T2, Status.DONE)
    monkeypatch.setattr(os, "write", real_write)
    assert journal_of(db).read_bytes() == before, "the half line was not cut back"
    assert s.get(T2).status is Status.NOT_STARTED  # memory agrees with disk
    assert TaskStore(db).get(T2).status is Status.NOT_STARTED
    s.move(T2, Status.DONE)
    assert TaskStore(db).get(T2).status is Status.DONE
