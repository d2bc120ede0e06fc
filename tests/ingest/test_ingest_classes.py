"""Layout classes of real documents the importer must read (issue 8): one test per class.

Every fixture is written for these tests in the shape of real documents, never copied.
"""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.ingest import parse_text
from taskboard.model import DeadlineKind, Status


def units(task):
    return task.lead_units, task.co_units


# -- labelled fields inside the closing bracket ------------------------------------


def test_fields_in_a_full_width_bracket_any_order_with_a_deadline_field():
    doc = parse_text(
        "某市2024年营商环境工作要点\n一、重点任务\n"
        "1.完善人才服务机制。建立高层次人才服务专员制度。"
        "（配合单位：市委组织部、市人力资源和社会保障局，各区；完成时限：2024年9月底前；牵头单位：市发展改革委）\n"
        "2.推进企业开办便利化。压缩开办时间至1个工作日。\n牵头单位：市市场监管局\n",
        "要点.txt",
    )
    first, second = doc.tasks
    assert units(first) == (["市发展改革委"], ["市委组织部", "市人力资源和社会保障局"])
    assert first.collectives == ["各区"]
    assert (first.deadline, first.deadline_kind) == (date(2024, 9, 30), DeadlineKind.EXPLICIT)
    # The bracket holds the fields: the measure's text stops before it.
    assert first.text.endswith("建立高层次人才服务专员制度。")
    assert units(second) == (["市市场监管局"], [])


@pytest.mark.parametrize(
    ("bracket", "lead", "co"),
    [
        ("(牵头单位:省市场监管局)", ["省市场监管局"], []),
        ("〔牵头单位:区政府办公室,责任单位:区财政局、区审计局〕", ["区政府办公室"], ["区财政局", "区审计局"]),
        # A lone 责任单位 in the closing bracket: the first listed leads.
        ("【责任单位：县住建局、县自然资源局】", ["县住建局"], ["县自然资源局"]),
        (
            "（牵头单位：县教育局，配合单位：县财政局。以下任务均需各乡镇落实，不再一一列出）",
            ["县教育局"],
            ["县财政局"],
        ),
    ],
)
def test_any_bracket_kind_and_half_width_punctuation(bracket, lead, co):
    doc = parse_text(f"某县2024年工作要点\n1.推动校园安全改造。完成改造项目12个。{bracket}\n", "x.txt")
    assert units(doc.tasks[0]) == (lead, co)


def test_a_deadline_phrase_inside_the_bracket_is_never_a_unit():
    doc = parse_text(
        "某区2024年工作要点\n1.开展营商环境评估。委托第三方机构评估。（牵头单位：区发改委，6月底前完成）\n",
        "x.txt",
    )
    task = doc.tasks[0]
    assert units(task) == (["区发改委"], [])
    assert (task.deadline, task.deadline_kind) == (date(2024, 6, 30), DeadlineKind.EXPLICIT)


def test_a_role_phrase_followed_by_a_deadline_clause():
    task = parse_text(
        "某县2024年任务分工方案\n1.推进电子证照应用。（县数据局牵头，县公安局、县市场监管局配合，2024年底前完成）\n",
        "x.txt",
    ).tasks[0]
    assert units(task) == (["县数据局"], ["县公安局", "县市场监管局"])
    assert (task.deadline, task.deadline_text) == (date(2024, 12, 31), "2024年底前")


def test_lead_after_a_comma_and_the_text_after_it_stays_with_the_measure():
    doc = parse_text(
        "某市2023年民生工程推进情况\n现将1至9月民生工程进度通报如下：\n一、项目进展情况\n"
        "1、城乡道路提升工程，牵头部门：市交通局。进度较慢的县区为东山县。\n"
        "2、农村供水保障工程，牵头部门：市水利局。各县区均按序时推进。\n",
        "x.txt",
    )
    first, second = doc.tasks
    assert units(first) == (["市交通局"], []) and units(second) == (["市水利局"], [])
    assert "进度较慢的县区为东山县" in first.text
    assert first.status is Status.IN_PROGRESS and "lagging" in first.review


# -- half-width punctuation, traditional characters -------------------------------


TRADITIONAL = (
    "某市人民政府關於穩定就業的實施意見\n"
    "一、減輕企業負擔\n"
    "(一)降低社會保險費率。繼續實施階段性降費政策,2024年6月底前完成清算。"
    "(市人力資源社會保障局、市財政局、市稅務局負責)\n"
    "(二)加強職業技能培訓。擴大以工代訓補貼範圍。(牽頭單位:市人力資源社會保障局;配合單位:市教育局)\n"
)


def test_traditional_document_is_read_and_shown_as_written():
    doc = parse_text(TRADITIONAL, "實施意見.txt")
    first, second = doc.tasks
    assert doc.title == "某市人民政府關於穩定就業的實施意見"
    assert units(first) == (["市人力資源社會保障局"], ["市財政局", "市稅務局"])
    assert first.title == "降低社會保險費率"
    assert first.deadline == date(2024, 6, 30)
    assert units(second) == (["市人力資源社會保障局"], ["市教育局"])
    assert second.section == "(一)減輕企業負擔" or second.section.startswith("一、減輕")


def test_full_width_and_half_width_copies_give_the_same_tasks():
    full = "某区2024年工作要点\n1．推行帮办代办（试点）。（牵头单位：区政务服务中心；配合单位：区发改委）\n"
    half = full.translate(str.maketrans("．（：；）", ".(:;)"))
    a, b = parse_text(full, "a.txt").tasks[0], parse_text(half, "b.txt").tasks[0]
    assert units(a) == units(b) == (["区政务服务中心"], ["区发改委"])
    # Each keeps the punctuation it was written with.
    assert (a.title, b.title) == ("推行帮办代办（试点）", "推行帮办代办(试点)")


def test_a_document_mixing_widths_keeps_each_spelling():
    doc = parse_text(
        "某区2024年工作要点\n1.推进“一件事”（企业开办）改革。\n牵头单位:区政府办(区政务服务中心)\n"
        "2．推进证照分离（试点）。\n牵头单位：区数据局\n",
        "x.txt",
    )
    first, second = doc.tasks
    assert first.title == "推进“一件事”（企业开办）改革" and second.title == "推进证照分离（试点）"
    assert first.lead_units == ["区政府办(区政务服务中心)"]


# -- conjunctions and collectives in unit lists -------------------------------------


@pytest.mark.parametrize(
    ("phrase", "lead", "co", "collectives"),
    [
        ("（省发展改革委会同有关部门负责）", ["省发展改革委"], [], ["有关部门"]),
        ("（市财政局、市税务局会同市人民银行负责）", ["市财政局", "市税务局"], ["市人民银行"], []),
        ("（州委编办及州直相关单位负责）", ["州委编办"], [], ["州直相关单位"]),
        ("（市商务局和市文化和旅游局负责）", ["市商务局"], ["市文化和旅游局"], []),
        ("（市工业和信息化局以及市科技局负责）", ["市工业和信息化局"], ["市科技局"], []),
        ("（市卫生健康委等和各县、市、区政府负责）", ["市卫生健康委"], [], ["各县、市、区政府"]),
    ],
)
def test_conjunctions_and_collectives(phrase, lead, co, collectives):
    doc = parse_text(f"某市2024年工作要点\n1.加强统筹协调。建立联席会议制度。{phrase}\n", "x.txt")
    task = doc.tasks[0]
    assert (task.lead_units, task.co_units, task.collectives) == (lead, co, collectives)


def test_lone_responsible_units_lead_first_listed_unless_the_document_labels_leads():
    only_resp = parse_text(
        "某市2024年重点工作分解\n1.巩固疫情防控成果。\n责任单位：市卫生健康委、市疾控中心等，各县（市、区）政府\n",
        "x.txt",
    ).tasks[0]
    assert (only_resp.lead_units, only_resp.co_units) == (["市卫生健康委"], ["市疾控中心"])
    assert only_resp.collectives == ["各县（市、区）政府"]
    # Where the document says 牵头单位 when it means one, a lone 责任单位 list names the leads.
    labelled = parse_text(
        "某市2024年工作要点\n1.推进数字政府。\n牵头单位：市数据局\n责任单位：市财政局\n"
        "2.推进项目审批。\n责任单位：市住建局、市自然资源局\n",
        "y.txt",
    ).tasks[1]
    assert (labelled.lead_units, labelled.co_units) == (["市住建局", "市自然资源局"], [])


@pytest.mark.parametrize(
    "line",
    ["责任单位：区发改委（牵头）、区财政局、区住建局", "责任单位：区财政局、区发改委(牵头单位)、区住建局"],
)
def test_a_unit_marked_lead_in_a_list_leads(line):
    task = parse_text(f"某区2024年工作要点\n1.推进项目审批改革。\n{line}\n", "x.txt").tasks[0]
    assert task.lead_units == ["区发改委"]
    assert sorted(task.co_units) == ["区住建局", "区财政局"]


# -- numbering ------------------------------------------------------------------------


def test_an_item_number_followed_by_digits_starts_its_own_item():
    doc = parse_text(
        "某区2024年人才工作要点\n10.实施青年人才安居计划。\n牵头单位：区住建局\n"
        "11.121人才梯队项目扩容。新增培养对象50名。\n牵头单位：区委组织部\n",
        "x.txt",
    )
    assert [t.number for t in doc.tasks] == ["10", "11"]
    assert doc.tasks[1].title.startswith("121人才梯队项目扩容")
    assert doc.tasks[1].lead_units == ["区委组织部"]


def test_measures_at_the_second_level_with_no_arabic_items_below():
    doc = parse_text(
        "某省关于促进消费的实施意见\n一、总体要求\n坚持扩大内需。\n二、重点任务\n"
        "（一）培育夜间经济。打造夜间消费街区。（省商务厅负责）\n"
        "（二）发展县域商业。完善县乡村三级物流。（省商务厅、省邮政管理局负责）\n"
        "三、保障措施\n（一）加强组织领导。建立工作专班。（省商务厅牵头，省财政厅配合）\n",
        "x.txt",
    )
    assert [t.title for t in doc.tasks] == ["培育夜间经济", "发展县域商业", "加强组织领导"]
    # 保障措施 items that name units of their own are measures too.
    assert units(doc.tasks[2]) == (["省商务厅"], ["省财政厅"])


def test_a_holiday_notice_has_no_measures():
    doc = parse_text(
        "某县人民政府办公室关于2025年春节放假安排的通知\n各乡镇人民政府，县直各单位：\n"
        "经研究，现将春节放假安排通知如下：\n一、春节：1月28日至2月4日放假调休，共8天。\n"
        "二、1月26日（星期日）、2月8日（星期六）上班。\n三、节日期间，各单位要妥善安排值班。\n",
        "放假通知.txt",
    )
    assert doc.tasks == []
    assert "not measures" in doc.refusal


def test_a_year_at_the_start_of_a_line_is_not_an_item_number():
    doc = parse_text(
        "某区2024年工作要点\n1.巩固营商环境成果。\n2023、2024年连续两年获评全省先进。\n牵头单位：区发改委\n",
        "x.txt",
    )
    assert [t.number for t in doc.tasks] == ["1"]
    assert "2023、2024年连续两年" in doc.tasks[0].text


def test_a_meeting_notice_with_a_reply_date_has_no_measures():
    doc = parse_text(
        "关于召开全县营商环境工作推进会议的通知\n各乡镇，县直各单位：\n经研究，定于近期召开会议。\n"
        "一、会议时间：2024年3月8日上午9时\n二、参会人员：各单位分管负责同志\n"
        "三、有关要求：请于3月6日前报送参会回执。\n",
        "会议通知.txt",
    )
    assert doc.tasks == [] and doc.refusal


def test_1200_measures_give_1200_tasks():
    lines = ["某市2024年营商环境改革任务清单", "一、改革任务"]
    lines += [f"{n}.推进第{n}项改革事项落地见效。\n牵头单位：市发改委" for n in range(1, 1201)]
    doc = parse_text("\n".join(lines), "清单.txt")
    assert len(doc.tasks) == 1200
    assert [t.number for t in doc.tasks[998:1001]] == ["999", "1000", "1001"]
    assert doc.tasks[-1].title == "推进第1200项改革事项落地见效"
    assert max(len(t.text) for t in doc.tasks) < 40  # nothing merged into one huge task


# -- progress words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("progress", "status"),
    [
        ("已完成", Status.DONE),
        ("完成", Status.DONE),
        ("已办结", Status.DONE),
        ("100%", Status.DONE),
        ("正在推进", Status.IN_PROGRESS),
        ("推进中", Status.IN_PROGRESS),
        ("顺利推进", Status.IN_PROGRESS),
        ("序时推进", Status.IN_PROGRESS),
        ("滞后", Status.IN_PROGRESS),
        ("严重滞后", Status.IN_PROGRESS),
        ("45%", Status.IN_PROGRESS),
        ("未启动", Status.NOT_STARTED),
        ("尚未启动", Status.NOT_STARTED),
        ("0%", Status.NOT_STARTED),
        ("已完成年度目标的80%", Status.IN_PROGRESS),
        ("投资增长15%，已完成", Status.DONE),
    ],
)
def test_progress_words_become_statuses(progress, status):
    doc = parse_text(
        f"某区2024年重点工作推进情况\n序号|重点工作|牵头单位|推进情况\n1|建设智慧停车平台|区城管局|{progress}\n",
        "x.txt",
    )
    task = doc.tasks[0]
    assert task.status is status
    assert ("lagging" in task.review) == ("滞后" in progress)


# -- deadlines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "when", "kind"),
    [
        ("全年", date(2024, 12, 31), DeadlineKind.EXPLICIT),
        ("上半年", date(2024, 6, 30), DeadlineKind.EXPLICIT),
        ("第三季度", date(2024, 9, 30), DeadlineKind.EXPLICIT),
        ("年内", date(2024, 12, 31), DeadlineKind.EXPLICIT),
        ("9月底前", date(2024, 9, 30), DeadlineKind.EXPLICIT),
        ("长期坚持", None, DeadlineKind.ONGOING),
        ("持续推进", None, DeadlineKind.ONGOING),
        ("每季度", None, DeadlineKind.RECURRING),
        ("每月", None, DeadlineKind.RECURRING),
        ("每年", None, DeadlineKind.RECURRING),
    ],
)
def test_deadline_phrases(due, when, kind):
    doc = parse_text(
        f"某区2024年工作要点\n1.完善政策兑现机制。\n牵头单位：区财政局\n完成时限：{due}\n", "x.txt"
    )
    task = doc.tasks[0]
    assert (task.deadline, task.deadline_kind, task.deadline_text) == (when, kind, due)


def test_a_month_only_deadline_takes_the_year_of_the_issue_date():
    doc = parse_text(
        "某区关于优化营商环境的工作方案\n1.推进证照分离。\n牵头单位：区市场监管局\n完成时限：9月底前\n"
        "某区人民政府办公室\n2023年3月1日\n",
        "x.txt",
    )
    assert doc.tasks[0].deadline == date(2023, 9, 30)
    assert doc.issued == date(2023, 3, 1)
