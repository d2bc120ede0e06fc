"""State Council style documents: inline （X、Y负责） units, first-listed leads, dates in sentences."""

from __future__ import annotations

from datetime import date

from taskboard.ingest import parse_text
from taskboard.model import DeadlineKind


def test_first_listed_unit_leads_when_the_document_says_so(fixture_doc):
    doc = fixture_doc("inline_units.txt")
    assert doc.title == "某省人民政府关于做好稳就业工作的若干意见"
    assert doc.year == 2019
    assert [t.number for t in doc.tasks] == ["一", "二", "三", "四"]
    one, two, three, four = doc.tasks
    assert (one.lead_units, one.co_units) == (["省人力资源社会保障厅"], ["省财政厅"])
    # Governments below and 有关部门 named next to real units are collectives, never leads.
    assert (two.lead_units, two.co_units) == (["省人力资源社会保障厅"], ["省财政厅"])
    assert two.collectives == ["各市人民政府"]
    assert (three.lead_units, three.co_units) == (["省人力资源社会保障厅"], [])
    assert three.collectives == ["有关部门和单位"]
    assert (four.lead_units, four.collectives) == ([], ["各市人民政府"])


def test_deadlines_inside_sentences(fixture_doc):
    one, two, three, four = fixture_doc("inline_units.txt").tasks
    assert (one.deadline, one.deadline_text) == (date(2019, 6, 30), "2019年6月30日前")
    assert two.deadline is None and two.deadline_kind is DeadlineKind.NONE  # 1月1日至12月31日 is a window
    assert (three.deadline, three.deadline_text) == (date(2019, 3, 31), "2019年3月底前")  # earliest of three
    assert four.deadline_kind is DeadlineKind.NONE  # no year in the title: nothing inferred


def test_signature_attachment_and_closing_sections_are_not_tasks(fixture_doc):
    doc = fixture_doc("inline_units.txt")
    blob = " ".join(t.text for t in doc.tasks)
    assert "城镇新增就业人数" not in blob  # attachment table
    assert "2019年2月20日" not in blob and "此件公开发布" not in blob
    assert "加强组织领导" not in blob  # 组织实施


def test_without_the_statement_the_first_listed_unit_still_leads():
    doc = parse_text(
        "某省关于促进消费的意见\n一、主要措施\n（一）发展夜间经济。培育夜间消费街区。（省商务厅、省文旅厅负责）\n"
        "（二）繁荣农村消费。（省农业农村厅牵头，省商务厅、各市人民政府配合）\n",
        "x.txt",
    )
    first, second = doc.tasks
    # The State Council convention holds whether or not the document states it.
    assert (first.lead_units, first.co_units) == (["省商务厅"], ["省文旅厅"])
    assert (second.lead_units, second.co_units) == (["省农业农村厅"], ["省商务厅"])
    assert second.collectives == ["各市人民政府"]


def test_a_bracket_that_is_not_an_assignment_is_left_alone():
    doc = parse_text("某省意见\n（一）开展培训。支持职业院校（含技工院校）承担培训。\n", "x.txt")
    assert doc.tasks[0].lead_units == [] and "（含技工院校）" in doc.tasks[0].text


def test_an_attached_task_table_wins_when_the_body_names_no_units():
    doc = parse_text(
        "某县2024年营商环境实施方案\n一、主要任务\n（一）提升服务效能。\n（二）强化要素保障。\n"
        "附件：重点任务清单\n"
        "| 序号 | 重点任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n"
        "| 1 | 压缩开办时间 | 县市场监管局 | 2024年6月底前 |\n"
        "| 2 | 推行容缺受理 | 县政务服务中心 | 持续推进 |\n",
        "x.md",
    )
    assert [(t.number, t.title, t.lead_units) for t in doc.tasks] == [
        ("1", "压缩开办时间", ["县市场监管局"]),
        ("2", "推行容缺受理", ["县政务服务中心"]),
    ]
