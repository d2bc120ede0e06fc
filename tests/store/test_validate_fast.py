"""The validator's quick accept (every row of a file, at every open) never lets a damaged row through."""

from __future__ import annotations

import pytest

from taskboard.catalogue import Phrase
from taskboard.model import Task
from taskboard.store.schema import META_KEY, META_TABLE, SCHEMA_VERSION, TASKS_TABLE
from taskboard.store.validate import _built, _task_ok, _task_problems, problems, task_problems
from tests.test_model_load import stored

ROWS = [
    {},
    {"lead_units": "区发改委"},
    {"co_units": ["区财政局", 3]},
    {"review": [None]},
    {"title": 42},
    {"source": None},
    {"archived": None},
    {"number": 3},  # an old file's number: fine, but only the full look says so
    {"number": 3.5},
    {"deadline": 20230630},
    {"deadline": "2023-02-30"},
    {"deadline": None},
    {"status": "paused"},
    {"status": ["done"]},
    {"status": ""},
    {"deadline_kind": "someday"},
    {"deadline_kind": {"kind": "explicit"}},
    {"revision": "4"},
    {"revision": True},
    {"notes": "不是列表"},
    {"notes": ["进展"]},
    {"notes": [{"text": 5}]},
    {"notes": [{"at": "2023-06-01", "author": "张三", "text": "已完成\x1b[31m联调"}]},
    {"id": None},
]


@pytest.mark.parametrize("changes", ROWS)
def test_the_quick_accept_agrees_with_the_full_look(changes):
    raw = stored(**changes)
    key = stored()["id"]
    full = list(_task_problems(key, raw))
    if _task_ok(key, raw):
        assert full == []
    assert bool(task_problems(key, raw)) == bool(full)


def test_a_row_as_the_store_writes_it_takes_the_quick_accept():
    raw = stored()
    assert _task_ok(raw["id"], raw)
    assert not _task_ok("另一个id", raw)  # stored under some other key


@pytest.mark.parametrize("changes", ROWS)
def test_a_task_built_at_open_is_a_row_the_full_look_passes(changes):
    # Opening a file builds each task while checking it (validate.problems' ``built``).
    raw = stored(**changes)
    key = stored()["id"]
    task = _built(key, raw)
    if task is not None:
        assert list(_task_problems(key, raw)) == []
        assert task == Task.from_dict(raw)


@pytest.mark.parametrize("raw", [["区发改委"], "深化改革", None, 3])
def test_a_row_that_is_no_object_is_not_built(raw):
    assert _built(stored()["id"], raw) is None


def test_a_file_with_one_damaged_row_builds_the_others_but_is_refused():
    sound, damaged = stored(), stored(id="伊州区-9", lead_units="区发改委")
    data = {
        META_TABLE: {META_KEY: {"schema": SCHEMA_VERSION, "seq": 0}},
        TASKS_TABLE: {sound["id"]: sound, damaged["id"]: damaged},
    }
    built: dict = {}
    found = problems(data, built)
    assert [p.where for p in found] == [Phrase.of("store.where_task", task="伊州区-9")]
    assert list(built) == [sound["id"]]
