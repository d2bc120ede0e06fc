"""Export files are written whole or not at all, and new ones are not world-readable.

Every format goes through one helper (``report.atomic``): a temp file beside
the target, fsynced, renamed over it.  A write that fails (full disk, here
simulated by an fsync that raises) leaves the previous file byte for byte.
"""

from __future__ import annotations

import errno
import os
import stat

import pytest

from taskboard.report.atomic import NEW_FILE_MODE, atomic_output

# (command and its options, file name): every kind of file the CLI writes with -o
EXPORTS = [
    (("export", "--format", "xlsx"), "台账.xlsx"),
    (("export", "--format", "csv"), "台账.csv"),
    (("export", "--format", "json"), "tasks.json"),
    (("summary", "--format", "html"), "汇总.html"),
    (("summary", "--format", "md"), "汇总.md"),
    (("summary", "--format", "svg"), "汇总.svg"),
    (("summary", "--format", "pdf"), "汇总.pdf"),
    (("summary", "--format", "text"), "汇总.txt"),
    (("remind",), "催办.txt"),
]
IDS = [name for _, name in EXPORTS]


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(("argv", "name"), EXPORTS, ids=IDS)
def test_a_failed_write_leaves_the_old_file_intact(run, tmp_path, monkeypatch, argv, name):
    target = tmp_path / name
    target.write_bytes(b"the good old file")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, _, err = run(*argv, "-o", str(target))
    assert code == 1
    assert err == f"taskboard：错误：{target}: No space left on device\n"
    assert target.read_bytes() == b"the good old file"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(("argv", "name"), EXPORTS, ids=IDS)
def test_a_new_export_is_not_world_readable(run, tmp_path, umask_022, argv, name):
    target = tmp_path / name
    code, _, err = run(*argv, "-o", str(target))
    assert code == 0, err
    assert target.stat().st_size > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # owner writes, group reads, world nothing
    assert _leftovers(tmp_path) == []


def test_replacing_an_export_keeps_the_mode_someone_chose(run, tmp_path, umask_022):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o660)  # a shared folder's file
    assert run("export", "-o", str(target))[0] == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o660
    assert target.read_bytes()[:2] == b"PK"  # the new workbook


def test_replacing_keeps_the_files_group(tmp_path):
    target = tmp_path / "台账.csv"
    target.write_bytes(b"old")
    other = next((g for g in os.getgroups() if g != os.stat(target).st_gid), None)
    if other is None and os.geteuid() == 0:
        other = 4242  # root may give a file any group
    if other is None:
        pytest.skip("the user belongs to one group only")
    os.chown(target, -1, other)
    with atomic_output(target) as f:
        f.write(b"new")
    assert os.stat(target).st_gid == other and target.read_bytes() == b"new"


def test_even_with_no_umask_a_new_file_is_never_world_readable(tmp_path):
    old = os.umask(0)
    try:
        with atomic_output(tmp_path / "a.csv") as f:
            f.write(b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == NEW_FILE_MODE


def test_an_error_inside_the_writer_changes_nothing(tmp_path):
    target = tmp_path / "汇总.html"
    target.write_text("旧的", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as f:
        f.write(b"half a page")
        raise RuntimeError("the renderer broke")
    assert target.read_text(encoding="utf-8") == "旧的"
    assert _leftovers(tmp_path) == []


def test_a_symlinked_target_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "reports" / "台账.csv"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    with atomic_output(link) as f:
        f.write(b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_missing_folder_is_one_line_naming_the_target(run, tmp_path):
    target = tmp_path / "没有这个目录" / "台账.xlsx"
    code, _, err = run("export", "-o", str(target))
    assert code == 1
    assert err == f"taskboard：错误：{target}: No such file or directory\n"
