"""Acceptance checks on the five seed documents in data/, as listed in the issue."""

from __future__ import annotations

from collections import Counter
from datetime import date

from taskboard.ingest import ParsedDocument, parse_file
from taskboard.model import DeadlineKind, Status, Task, task_id


def by_number(doc: ParsedDocument) -> dict[str, Task]:
    return {t.number: t for t in doc.tasks}


def test_all_five_seeds_are_there(seeds):
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]


def test_000_report_has_seven_tasks_by_status(seeds):
    doc = seeds["000"]
    assert len(doc.tasks) == 7
    counts = Counter(t.status for t in doc.tasks)
    assert counts == {Status.DONE: 3, Status.IN_PROGRESS: 2, Status.NOT_STARTED: 2}


def test_000_report_lists_restart_per_section_and_are_qualified(seeds):
    tasks = by_number(seeds["000"])
    assert list(tasks) == ["1.一", "1.二", "1.三", "2.一", "2.二", "一", "二"]
    assert tasks["1.一"].title == "积极服务企业，优化营商环境"
    assert tasks["2.二"].status is Status.IN_PROGRESS
    assert tasks["一"].title == "进一步解放思想"
    assert tasks["一"].status is Status.NOT_STARTED


def test_001_one_line_plan_has_87_measures_numbered_as_printed(seeds):
    doc = seeds["001"]
    assert [t.number for t in doc.tasks] == [str(n) for n in range(1, 88)]
    assert doc.year == 2022
    assert doc.title == "天山区贯彻落实乌鲁木齐市《2022年优化营商环境87项措施》实施方案"
    assert by_number(doc)["28"].title == "加快推进“一网通办”"
    assert by_number(doc)["1"].section == "一、持续优化规范公正的法治环境"


def test_001_names_no_lead_units_so_none_are_invented(seeds, data_dir):
    text = (data_dir / "001_f2cb9e304a2c1ebe.txt").read_text(encoding="utf-8")
    for task in seeds["001"].tasks:
        assert all(unit in text for unit in task.lead_units)
        assert task.lead_units == [] and task.co_units == []


def test_001_explicit_deadlines(seeds):
    tasks = by_number(seeds["001"])
    for number in ("28", "33", "37"):
        assert tasks[number].deadline == date(2022, 12, 31)
        assert tasks[number].deadline_kind is DeadlineKind.EXPLICIT
        assert tasks[number].deadline_text == "2022年底"
    # 43 names 2022年7月底前 and 2022年底: the earliest binds.
    assert tasks["43"].deadline == date(2022, 7, 31)
    assert tasks["43"].deadline_kind is DeadlineKind.EXPLICIT
    assert tasks["43"].deadline_text == "2022年7月底前"


def test_001_other_measures_get_the_year_end_as_inferred_never_explicit(seeds):
    explicit = {t.number for t in seeds["001"].tasks if t.deadline_kind is DeadlineKind.EXPLICIT}
    # 85 says 年底前实现每千人拥有托位数… : a by-when phrase in the text, year from the title.
    assert explicit == {"28", "33", "37", "43", "85"}
    for task in seeds["001"].tasks:
        if task.number not in explicit:
            assert task.deadline_kind is DeadlineKind.INFERRED
            assert task.deadline == date(2022, 12, 31)
            assert task.deadline_text == ""
    # 可长期坚持的做法 in measure 1 is not a deadline.
    assert by_number(seeds["001"])["1"].deadline_kind is DeadlineKind.INFERRED


SEED_002 = {
    "一": (["综治办"], ["各部门"]),
    "二": (["经发局"], ["党政办"]),
    "三.1": (["经发局"], ["规建局", "综治办", "国土分局"]),
    "三.2": (["经发局"], ["入驻服务大厅部门"]),
    "三.3": (["经发局"], ["入驻服务大厅部门"]),
    "三.4": (["规建局"], ["党政办", "经发局", "国土分局", "市场监管分局"]),
    "三.5": (["经发局"], ["组织部", "财政局"]),
    "四": (["税务局"], ["经发局", "财政局", "市场监管分局"]),
    "五.1": (["公安分局"], ["规建局"]),
    "五.2": (["公安分局"], ["综治办", "各产业园党委"]),
    "五.3": (["经发局"], ["规建局", "综治办", "公安分局", "市场监管分局", "各产业园党委"]),
    "六.1": (["市场监管分局"], ["经发局", "规建局", "综治办", "公安分局"]),
    "六.2": (["市场监管分局"], ["经发局", "规建局", "综治办", "公安分局"]),
    "七": (["经发局"], ["各部门"]),
    "八": (["经发局"], ["党政办"]),
    "九": (["财政局"], ["经发局"]),
}


def test_002_sixteen_tasks_with_leads_and_co_units_as_written(seeds):
    doc = seeds["002"]
    assert len(doc.tasks) == 16
    assert {t.number: (t.lead_units, t.co_units) for t in doc.tasks} == SEED_002
    assert doc.title == "准东开发区优化营商环境建设年工作实施方案"


def test_002_shared_block_makes_one_task_own_blocks_make_one_each(seeds):
    tasks = by_number(seeds["002"])
    # (一) has sub-items 1、2、 sharing one block: one task holding both.
    assert "1、" in tasks["一"].text and "2、" in tasks["一"].text
    assert tasks["一"].title == "实行领导联系帮扶企业制度"
    assert tasks["一"].collectives == ["各部门"]
    # (三)'s sub-items each have their own block.
    assert [n for n in tasks if n.startswith("三.")] == ["三.1", "三.2", "三.3", "三.4", "三.5"]
    assert tasks["三.2"].section == "（三）持续深化“放管服”改革"


def _same(value: list[str], *keys: str) -> dict[str, list[str]]:
    return {key: list(value) for key in keys}


SEED_003_LEADS = {
    **_same(["区政府办(区政务服务中心)"], "1", "2", "3", "4", "33"),
    "5": ["区融媒体中心"],
    **_same(["区市场监督管理局"], "6", "22", "27"),
    **_same(["区财政局"], "7", "8", "12"),
    **_same(["区发改委"], "9", "10", "14", "20"),
    "11": ["区科工信局"],
    "13": ["区农业农村局"],
    "15": ["区城市管理行政执法局", "公安局"],
    "16": ["区住建局", "发改委", "市自然资源局伊州分局"],
    "17": ["区发改委", "区公平竞争审查工作部门会议办公室"],
    **_same(["市生态环境局伊州分局"], "18", "19"),
    "21": ["区住建局"],
    **_same(["区司法局"], "23", "24", "26"),
    "25": ["区科工信局", "法院"],
    "28": ["区法院"],
    "29": ["区人社局", "税务局"],
    "30": ["区商务局"],
    "31": ["公安局"],
    "32": ["区工商联", "放管服改革协调领导小组办公室"],
    **_same(["区人社局"], "34", "39"),
    "35": ["区卫健委"],
    "36": ["区医保局"],
    "37": ["医保局"],
    "38": ["民政局"],
    "40": ["区税务局", "公安局", "财政局", "住建局", "商务局", "科工信局", "市生态环境局伊州分局"],
}


def test_003_forty_tasks_all_due_end_of_2023_explicit(seeds):
    doc = seeds["003"]
    assert [t.number for t in doc.tasks] == [str(n) for n in range(1, 41)]
    assert doc.year == 2023
    for task in doc.tasks:
        assert task.deadline == date(2023, 12, 31)
        assert task.deadline_kind is DeadlineKind.EXPLICIT
    # The garbled 202312月底前 is read, and kept as written.
    assert by_number(doc)["1"].deadline_text == "202312月底前"


def test_003_leads_as_written_with_one_name_per_unit(seeds, data_dir):
    assert {t.number: t.lead_units for t in seeds["003"].tasks} == SEED_003_LEADS
    # 22 writes 区市场监管局 and 33 writes 区政府办(政务服务中心): the alias table unifies them.
    text = (data_dir / "003_1269706941807864.txt").read_text(encoding="utf-8")
    assert "牵头单位:区市场监管局" in text and "牵头单位:区政府办(政务服务中心)" in text


def test_003_lone_responsible_units_lead(seeds):
    tasks = by_number(seeds["003"])
    assert tasks["31"].lead_units == ["公安局"] and tasks["31"].co_units == []
    assert tasks["37"].lead_units == ["医保局"] and tasks["37"].co_units == []
    assert tasks["40"].co_units == []


def test_003_co_units_split_correctly(seeds):
    tasks = by_number(seeds["003"])
    assert tasks["13"].co_units == [
        "水利局",
        "应急管理局",
        "发改委",
        "财政局",
        "商务局",
        "自然资源局伊州分局",
        "生态环境局伊州分局",
    ]
    assert tasks["14"].co_units == [
        "水利局",
        "财政局(国资委)",
        "应急管理局",
        "市自然资源局伊州分局",
        "生态环境局伊州分局",
    ]
    assert tasks["16"].co_units == ["林草局", "水利局", "交通运输局", "市生态环境局伊州分局"]
    assert tasks["20"].co_units == [
        "住建局",
        "水利局",
        "交通运输局",
        "市自然资源局伊州分局",
        "生态环境局伊州分局",
    ]
    assert tasks["24"].co_units == [
        "农业农村局",
        "交通运输局",
        "文体广旅局",
        "公安局",
        "科工信局",
        "市场监管局",
        "税务局",
    ]


def test_003_collectives_are_single_marked_tokens(seeds):
    first = by_number(seeds["003"])["1"]
    assert first.co_units == ["各乡镇(街道)", "区直各相关部门(单位)"]
    assert first.collectives == ["各乡镇(街道)", "区直各相关部门(单位)"]


def test_003_titles_are_heading_sentences(seeds):
    tasks = by_number(seeds["003"])
    assert tasks["1"].title == "落实一网一门一次改革"
    assert tasks["33"].title == "畅通诉求受理渠道"
    assert tasks["1"].section == "(一)推进“互联网+政务服务”,加强数字政府建设"


def test_003_frame_sections_are_not_tasks(seeds):
    titles = {t.title for t in seeds["003"].tasks}
    assert "加强组织领导" not in titles and "总体要求" not in titles


def test_004_eleven_done_tasks_nothing_from_the_paywall(seeds):
    doc = seeds["004"]
    done = [t for t in doc.tasks if t.status is Status.DONE]
    planned = [t for t in doc.tasks if t.status is not Status.DONE]
    assert len(done) == 11 and len(planned) <= 1
    assert [t.number for t in done][:3] == ["1.一", "1.二", "1.三"]
    for task in doc.tasks:
        blob = " ".join([task.title, task.text, task.section, task.deadline_text])
        assert "wsx2023" not in blob and "密码" not in blob and "paid" not in blob
        assert "下一步，我们将" not in blob


def test_ids_are_stable_and_unique_across_reimports(seeds, data_dir):
    for key, doc in seeds.items():
        again = parse_file(next(data_dir.glob(f"{key}_*.txt")))
        assert [t.id for t in again.tasks] == [t.id for t in doc.tasks]
        assert len({t.id for t in doc.tasks}) == len(doc.tasks)
        for task in doc.tasks:
            assert task.id == task_id(doc.source, task.number)
            assert task.source == doc.source
            assert (task.created, task.updated, task.revision) == ("", "", 0)
