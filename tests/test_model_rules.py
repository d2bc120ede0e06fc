"""Rules every part of taskboard shares (one rule each, in the domain)."""

from __future__ import annotations

from datetime import date

from taskboard.model import Status, Task, measure_key, split_units, task_id
from taskboard.report.summary import build_summary


def test_measure_numbers_have_one_order():
    numbers = ["10", "1.一", "3.10", "2", "1", "3.2", "1.三", "1.二", "二十一", "九"]
    expected = ["1", "1.一", "1.二", "1.三", "2", "3.2", "3.10", "九", "10", "二十一"]  # numerals by value
    assert sorted(numbers, key=measure_key) == expected


def test_reports_list_measures_in_the_boards_order():
    src = "要点.txt"
    tasks = [
        Task(id=task_id(src, n), source=src, number=n, title=f"任务{n}", lead_units=["区发改委"],
             deadline=date(2023, 6, 1), status=Status.IN_PROGRESS)
        for n in ("10", "1.一", "3.10", "2", "3.2")
    ]  # fmt: skip
    overdue = build_summary(tasks, date(2023, 6, 30)).overdue
    assert [t.number for t in overdue] == sorted((t.number for t in tasks), key=measure_key)


def test_unit_lists_typed_by_people_split_one_way():
    assert split_units("区发改委、区财政局") == ["区发改委", "区财政局"]
    assert split_units("区发改委；区财政局") == ["区发改委", "区财政局"]
    assert split_units("区发改委, 区财政局,区发改委") == ["区发改委", "区财政局"]
    assert split_units("区政府办(区政务服务中心)") == ["区政府办(区政务服务中心)"]


def test_a_measure_is_named_by_its_documents_short_title():
    from taskboard.model import DocumentInfo, task_ref

    src = "003_1269706941807864.txt"
    task = Task(id=task_id(src, "9"), source=src, number="9", title="推进证照分离改革")
    doc = DocumentInfo(src, title="关于印发《伊州区2023年深化放管服改革工作要点》的通知")
    assert task_ref(task, {src: doc}) == "《伊州区2023年深化放管服改革工作要点》第9项"
    long = DocumentInfo(src, title="天山区贯彻落实乌鲁木齐市《2022年优化营商环境87项措施》实施方案")
    assert task_ref(task, {src: long}) == "《天山区贯彻落实乌鲁…87项措施〉实施方案》第9项"
    assert task_ref(task, {}) == "《003_12697…807864.txt》第9项"  # no title known: the file name, cut
