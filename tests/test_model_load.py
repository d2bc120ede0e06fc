"""Task.from_dict's fast path (a whole board at every open) gives what the careful path gives."""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.model import DeadlineKind, Note, Status, Task, task_id

SRC = "伊州区2023年深化放管服改革工作要点.txt"


def stored(**changes) -> dict:
    task = Task(
        id=task_id(SRC, "3"),
        source=SRC,
        number="3",
        title="深化工程建设项目审批制度改革",
        text="深化工程建设项目审批制度改革。\n\t各单位要按照职责分工抓好落实。",
        section="二、\u3000主要任务",  # an ideographic space: clean, though not "printable"
        lead_units=["区住建局"],
        co_units=["区自然资源局", "各乡镇(街道)"],
        collectives=["各乡镇(街道)"],
        deadline=date(2023, 7, 31),
        deadline_text="2023年7月底前",
        deadline_kind=DeadlineKind.EXPLICIT,
        status=Status.IN_PROGRESS,
        notes=[Note("2023-06-01T09:00:00+00:00", "协调员@区营商办", "已完成系统联调")],
        created="2023-05-01T09:00:00+00:00",
        updated="2023-06-01T09:00:00+00:00",
        revision=4,
        archived="",
        review=["odd_unit:区住建局"],
    )
    return {**task.to_dict(), **changes}


def test_a_clean_row_takes_the_fast_path_and_reads_back_whole():
    raw = stored()
    fast = Task.from_plain_dict(raw)
    assert fast is not None
    assert fast == Task._from_any_dict(raw)
    assert fast.to_dict() == raw
    # The task owns its lists: changing one never reaches the stored row.
    fast.lead_units.append("区财政局")
    fast.notes.clear()
    assert raw["lead_units"] == ["区住建局"] and len(raw["notes"]) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "推进\x1b[2J改革"},
        {"text": "链接\x1b]8;;https://evil.example\x07点我"},
        {"source": "要点\u202etxt.exe"},
        {"deadline_text": "年底前\x9b"},
        {"lead_units": ["区发改委\x1b[31m"]},
        {"co_units": ["区财政局", "\x07区司法局"]},
        {"notes": [{"at": "2023-06-01", "author": "张三\x1b[0m", "text": "进展"}]},
        {"notes": [{"at": "2023-06-01", "author": "张三", "text": "进展\r正常"}]},
        {"review": ["no_lead\x1b"]},
    ],
)
def test_text_with_control_characters_leaves_the_fast_path_and_is_cleaned(changes):
    raw = stored(**changes)
    assert Task.from_plain_dict(raw) is None
    task = Task.from_dict(raw)
    shown = repr(task.to_dict())
    for bad in ("\x1b", "\u202e", "\x9b", "\x07", "\r"):
        assert bad not in shown


@pytest.mark.parametrize(
    "changes",
    [
        {"lead_units": "区发改委"},
        {"title": 42},
        {"number": 3},
        {"deadline": 20230630},
        {"deadline": "2023-02-30"},
        {"deadline": ""},
        {"status": "paused"},
        {"deadline_kind": "someday"},
        {"revision": "4"},
        {"revision": True},
        {"notes": "不是列表"},
        {"notes": [{"text": 5}]},
        {"archived": None},
        {"id": None},
    ],
)
def test_anything_but_the_stored_shape_is_left_to_the_careful_path(changes):
    assert Task.from_plain_dict(stored(**changes)) is None


def test_missing_optional_keys_read_as_their_defaults_on_both_paths():
    raw = {"id": task_id(SRC, "9"), "source": SRC, "number": "9", "title": "优化企业开办服务"}
    fast = Task.from_plain_dict(raw)
    assert fast == Task._from_any_dict(raw)
    assert fast.status is Status.NOT_STARTED and fast.deadline is None and fast.lead_units == []


@pytest.mark.parametrize(
    "changes",
    [
        {"status": None},
        {"status": ""},
        {"deadline_kind": None},
        {"lead_units": None, "co_units": None, "review": None, "notes": None},
    ],
)
def test_null_or_empty_fields_of_a_whole_row_read_as_their_defaults_on_both_paths(changes):
    raw = stored(**changes)
    fast = Task.from_plain_dict(raw)
    assert fast is not None and fast == Task._from_any_dict(raw)
    assert fast.title == "深化工程建设项目审批制度改革" and fast.revision == 4
