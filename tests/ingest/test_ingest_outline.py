"""Numbering, granularity, titles, sections, statuses and noise, on small documents."""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.ingest import parse_text
from taskboard.model import DeadlineKind, Status


def numbers(doc):
    return [t.number for t in doc.tasks]


def by_number(doc):
    return {t.number: t for t in doc.tasks}


# -- plans with 牵头/责任/完成时限 blocks ------------------------------------------------


def test_block_plan_one_task_per_measure(fixture_doc):
    doc = fixture_doc("plan_blocks.txt")
    assert numbers(doc) == ["1", "2", "3", "4", "5", "6"]
    assert doc.title == "某县2024年优化营商环境工作要点"  # not the covering notice above it
    tasks = by_number(doc)
    assert tasks["1"].lead_units == ["县政府办(县政务服务中心)"]
    assert tasks["1"].co_units == ["各乡镇(街道)", "县直各相关部门(单位)"]
    assert tasks["1"].collectives == ["各乡镇(街道)", "县直各相关部门(单位)"]
    assert (tasks["1"].deadline, tasks["1"].deadline_text) == (date(2024, 12, 31), "202412月底前")
    assert tasks["1"].section == "(一)提升政务服务效能"
    assert tasks["4"].title == "保障重点项目用地"
    assert tasks["4"].co_units == ["县财政局(国资委)", "住建局", "林草局", "生态环境局高新区分局"]
    assert tasks["4"].deadline == date(2024, 9, 30)


def test_block_plan_field_values_continue_on_the_next_line(fixture_doc):
    task = by_number(fixture_doc("plan_blocks.txt"))["5"]
    # Only 责任单位 (split over two lines): those units lead.
    assert task.lead_units == ["县税务局", "县财政局", "县人社局", "县医保局"]
    assert task.co_units == []
    assert task.deadline_kind is DeadlineKind.RECURRING


def test_block_plan_ongoing_and_glued_units(fixture_doc):
    tasks = by_number(fixture_doc("plan_blocks.txt"))
    assert tasks["3"].co_units == ["县财政局", "交通运输局", "科工信局", "市场监管局"]
    assert (tasks["3"].deadline, tasks["3"].deadline_kind) == (None, DeadlineKind.ONGOING)
    assert tasks["6"].deadline_kind is DeadlineKind.ONGOING


def test_frame_sections_are_not_tasks(fixture_doc):
    texts = " ".join(t.text for t in fixture_doc("plan_blocks.txt").tasks)
    assert "坚持以企业和群众满意为导向" not in texts  # 总体要求
    assert "加强组织领导" not in texts  # 保障措施


def test_shared_block_and_own_blocks(fixture_doc):
    doc = fixture_doc("plan_shared_blocks.txt")
    assert doc.title == "某开发区优化营商环境攻坚年工作实施方案"
    assert numbers(doc) == ["一", "二.1", "二.2", "三"]
    tasks = by_number(doc)
    assert (tasks["一"].lead_units, tasks["一"].co_units) == (
        ["综治办"],
        ["各部门"],
    )  # value on the next line
    assert "建立企业问题台账" in tasks["一"].text
    assert (tasks["二.1"].lead_units, tasks["二.1"].co_units) == (["经发局"], ["规建局", "国土分局"])
    assert tasks["二.2"].co_units == ["入驻政务大厅各部门"]
    assert tasks["二.2"].collectives == ["入驻政务大厅各部门"]
    assert tasks["三"].co_units == ["经发局", "各产业园党委"]
    assert all(t.deadline_kind is DeadlineKind.NONE for t in doc.tasks)  # no year, no deadline stated


# -- plans without unit blocks ----------------------------------------------------------


def test_one_line_document(fixture_doc):
    doc = fixture_doc("one_line.txt")
    assert doc.title == "某区贯彻落实《2022年优化营商环境20项措施》实施方案"
    assert numbers(doc) == ["1", "2", "3", "4", "5", "6"]  # 1.5倍 and 第1、2项 start nothing
    tasks = by_number(doc)
    assert tasks["1"].section == "一、优化法治环境"
    assert tasks["3"].title == "加快推进“一网通办”"
    assert (tasks["3"].deadline, tasks["3"].deadline_kind) == (date(2022, 12, 31), DeadlineKind.EXPLICIT)
    assert tasks["4"].deadline == date(2022, 7, 31)
    assert (tasks["5"].deadline, tasks["5"].deadline_text) == (date(2022, 12, 31), "年底前")
    assert "|" not in tasks["6"].text
    assert "实施方案" not in tasks["1"].text  # the repeated title is not part of measure 1
    for n in ("1", "2", "6"):
        assert (tasks[n].deadline, tasks[n].deadline_kind) == (date(2022, 12, 31), DeadlineKind.INFERRED)


def test_sub_items_inside_a_measure_stay_in_it():
    doc = parse_text(
        "某区2023年工作方案\n一、重点任务\n"
        "1.优化审批服务。围绕企业全生命周期开展以下工作：1、推行容缺受理；2、推行告知承诺；3、推行帮办代办。\n"
        "2.强化要素保障。重点做好以下工作：\n（1）保障用地；\n（2）保障用能。\n"
        "3.优化政务服务。\n（1）推行一网通办。全面推行高频事项网上办理。\n（2）推行帮办代办。为企业提供免费帮办。\n",
        "x.txt",
    )
    assert numbers(doc) == ["1", "2", "3.1", "3.2"]  # 3's items have titles and text: measures
    assert "推行帮办代办" in doc.tasks[0].text
    assert "保障用能" in doc.tasks[1].text
    assert doc.tasks[3].title == "推行帮办代办"


def test_measures_under_an_introduced_section_are_still_tasks():
    doc = parse_text(
        "某省2019年考核工作意见\n四、考核程序\n考核工作按年度实施，考核数据时间节点为上一年度。\n"
        "（一）医院自查自评。各医院对照指标体系，在2019年9月底前完成上一年度绩效分析评估，将数据上传至信息系统。\n"
        "（二）省级年度考核。各省份于2019年11月底前完成对辖区内医院的考核工作，考核结果反馈医院并向社会公布。\n",
        "x.txt",
    )
    assert [t.title for t in doc.tasks] == ["医院自查自评", "省级年度考核"]
    assert [t.deadline for t in doc.tasks] == [date(2019, 9, 30), date(2019, 11, 30)]


def test_restarting_numbers_are_qualified_and_unique():
    doc = parse_text(
        "某区工作方案\n一、政务服务\n（一）优化流程\n1.事项一。\n2.事项二。\n（二）提升效能\n1.事项三。\n"
        "二、市场环境\n（一）放宽准入\n1.事项四。\n",
        "x.txt",
    )
    assert numbers(doc) == ["一.一.1", "一.一.2", "一.二.1", "二.一.1"]


def test_numbering_styles():
    doc = parse_text(
        "某区方案\n一、任务\n（一）甲事项。\n(二)乙事项。\n二、其他\n1、丙事项。\n2．丁事项。\n3.戊事项。\n",
        "x.txt",
    )
    assert [t.title for t in doc.tasks] == ["甲事项", "乙事项", "丙事项", "丁事项", "戊事项"]


def test_long_heading_sentences_are_cut_at_the_action():
    doc = parse_text(
        "某区方案\n1、按照《开发区2020年全面深化改革重点任务书》工作要求，推进开发区高质量发展综合改革试点，"
        "建设工程项目审批制度和最多跑一次改革工作。\n",
        "x.txt",
    )
    assert doc.tasks[0].title == "推进开发区高质量发展综合改革试点"


def test_plain_text_without_numbers_has_no_tasks():
    assert parse_text("这是一段没有编号的说明文字。\n第二段文字。", "x.txt").tasks == []


# -- reports -------------------------------------------------------------------------------


def test_report_statuses_follow_the_headings(fixture_doc):
    doc = fixture_doc("report.txt")
    assert doc.year == 2023
    assert [(t.number, t.status) for t in doc.tasks] == [
        ("1.一", Status.DONE),
        ("1.二", Status.DONE),
        ("2.一", Status.IN_PROGRESS),
        ("一", Status.NOT_STARTED),
        ("二", Status.NOT_STARTED),
    ]
    assert doc.tasks[0].title == "优化营商环境"
    assert doc.tasks[3].deadline == date(2023, 12, 31)
    assert all("bookmark" not in t.text for t in doc.tasks)


def test_report_with_unnumbered_headings_and_paywall(fixture_doc):
    doc = fixture_doc("report_paywall.txt")
    assert numbers(doc) == ["1.一", "1.二", "2.一", "2.二", "2.三"]
    assert all(t.status is Status.DONE for t in doc.tasks)
    assert doc.tasks[2].section == "优服务、提效能，打响服务品牌"
    assert doc.tasks[2].title == "办事更省心"
    for task in doc.tasks:
        assert "abc123" not in task.text and "下一步" not in task.text


def test_a_paywall_without_its_end_marker_hides_the_rest(fixtures_dir):
    text = (fixtures_dir / "report_paywall.txt").read_text(encoding="utf-8").replace("##paidend##", "")
    doc = parse_text(text, "report_paywall.txt")
    assert len(doc.tasks) == 5
    assert all("abc123" not in t.text for t in doc.tasks)


def test_plans_start_not_started(fixture_doc):
    assert {t.status for t in fixture_doc("plan_blocks.txt").tasks} == {Status.NOT_STARTED}


@pytest.mark.parametrize("colon", [":", "："])
def test_field_labels_with_either_colon_on_one_line(colon):
    doc = parse_text(
        f"某区2023年要点\n1.推进改革。牵头单位{colon}区财政局 配合单位{colon}区发改委 "
        f"完成时限{colon}2023年6月底前 2.深化改革。\n",
        "x.txt",
    )
    first, second = doc.tasks
    assert (first.lead_units, first.co_units, first.deadline) == (
        ["区财政局"],
        ["区发改委"],
        date(2023, 6, 30),
    )
    assert second.title == "深化改革"


def test_a_short_heading_after_a_block_is_not_taken_for_a_unit():
    doc = parse_text(
        "某区2023年要点\n1.推进改革。深化放管服。\n牵头单位：区财政局\n配合单位：区发改委\n保障措施\n各部门要加强领导。\n",
        "x.txt",
    )
    assert doc.tasks[0].co_units == ["区发改委"]
    assert "加强领导" not in doc.tasks[0].text


def test_details_after_the_block_still_belong_to_their_measure():
    doc = parse_text(
        "某区2023年要点\n1.推进改革\n牵头单位：区财政局\n推动高频事项全程网办。\n2.深化改革\n", "x.txt"
    )
    assert "推动高频事项全程网办" in doc.tasks[0].text
    assert doc.tasks[1].title == "深化改革"


def test_status_headings_make_a_report_even_without_report_in_the_title():
    doc = parse_text(
        "某局2023年工作总体情况\n一、主要任务完成情况\n1.完成审批改革。已全部完成。\n二、下一步工作计划\n1.深化改革。\n",
        "x.txt",
    )
    assert [(t.number, t.status) for t in doc.tasks] == [
        ("一.1", Status.DONE),
        ("二.1", Status.NOT_STARTED),
    ]
    assert all(t.deadline_kind is not DeadlineKind.INFERRED for t in doc.tasks)


def test_a_plan_heading_that_mentions_results_does_not_mark_tasks_done():
    doc = parse_text("某区2024年工作方案\n一、巩固提升改革成效\n1.深化改革。\n", "x.txt")
    assert doc.tasks[0].status is Status.NOT_STARTED


def test_a_status_column_sets_the_status():
    doc = parse_text(
        "某局任务台账\n| 序号 | 工作任务 | 牵头单位 | 进展情况 |\n|---|---|---|---|\n"
        "| 1 | 推进一网通办 | 区政务服务中心 | 已完成 |\n| 2 | 压缩开办时间 | 区市场监管局 | 正在推进 |\n"
        "| 3 | 推行容缺受理 | 区政务服务中心 | 未开始 |\n",
        "x.md",
    )
    assert [t.status for t in doc.tasks] == [Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED]
