"""Word files: paragraphs (with Word's own list numbering) and task tables, built in the test."""

from __future__ import annotations

import zipfile
from datetime import date

import docx
import pytest

from taskboard.ingest import IngestError, parse_file
from taskboard.model import DeadlineKind


def _save(document, tmp_path, name="plan.docx"):
    path = tmp_path / name
    document.save(path)
    return path


def test_paragraphs_with_word_list_numbering(tmp_path):
    document = docx.Document()
    document.add_paragraph("某区2024年优化营商环境工作要点")
    document.add_paragraph("为持续优化营商环境，制定本要点。")
    document.add_paragraph("一、重点任务")
    document.add_paragraph("推进一网通办。年底前实现高频事项全程网办。", style="List Number")
    document.add_paragraph("牵头单位：区政务服务中心")
    document.add_paragraph("开展涉企收费专项整治。", style="List Number")
    document.add_paragraph("牵头单位：区发改委")
    document.add_paragraph("责任单位：区财政局、区市场监管局")
    doc = parse_file(_save(document, tmp_path))
    assert doc.title == "某区2024年优化营商环境工作要点"
    assert [(t.number, t.title, t.lead_units) for t in doc.tasks] == [
        ("1", "推进一网通办", ["区政务服务中心"]),
        ("2", "开展涉企收费专项整治", ["区发改委"]),
    ]
    assert doc.tasks[0].deadline == date(2024, 12, 31)
    assert doc.tasks[1].co_units == ["区财政局", "区市场监督管理局"]


def _task_table(document, rows):
    table = document.add_table(rows=1, cols=6)
    for cell, header in zip(
        table.rows[0].cells, ["领域", "序号", "重点任务", "牵头单位", "配合单位", "完成时限"], strict=True
    ):
        cell.text = header
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    return table


def test_a_task_table_gives_one_task_per_row(tmp_path):
    document = docx.Document()
    document.add_paragraph("某县2024年营商环境重点任务清单")
    table = _task_table(
        document,
        [
            ("政务服务", "1", "压缩企业开办时间", "县市场监管局", "县税务局\n县人社局", "2024年6月底前"),
            ("政务服务", "2", "推行容缺受理", "县政务服务中心", "县直各部门", "持续推进"),
            ("要素保障", "3", "保障重点项目用地", "县自然资源局", "", "每月20日前"),
        ],
    )
    # The 领域 column is merged down like in real task lists.
    table.cell(1, 0).merge(table.cell(2, 0)).text = "政务服务"
    doc = parse_file(_save(document, tmp_path))
    assert [t.number for t in doc.tasks] == ["1", "2", "3"]
    first, second, third = doc.tasks
    assert (first.title, first.lead_units, first.co_units) == (
        "压缩企业开办时间",
        ["县市场监管局"],
        ["县税务局", "县人社局"],
    )
    assert (first.deadline, first.deadline_kind) == (date(2024, 6, 30), DeadlineKind.EXPLICIT)
    assert (second.co_units, second.collectives, second.deadline_kind) == (
        ["县直各部门"],
        ["县直各部门"],
        DeadlineKind.ONGOING,
    )
    assert third.deadline_kind is DeadlineKind.RECURRING
    assert first.section == "政务服务" and third.section == "要素保障"


def test_a_table_row_merged_across_is_a_section_heading(tmp_path):
    document = docx.Document()
    document.add_paragraph("某县2024年任务分工")
    table = document.add_table(rows=1, cols=4)
    for cell, header in zip(table.rows[0].cells, ["序号", "工作任务", "责任单位", "完成时间"], strict=True):
        cell.text = header
    section = table.add_row().cells
    section[0].merge(section[3]).text = "一、政务服务"
    row = table.add_row().cells
    for cell, value in zip(
        row, ["1", "推行一网通办", "县政务服务中心、县大数据中心", "2024年底"], strict=True
    ):
        cell.text = value
    doc = parse_file(_save(document, tmp_path))
    (task,) = doc.tasks
    # Only 责任单位 in the whole document: the first listed leads, as the convention goes.
    assert (task.lead_units, task.co_units) == (["县政务服务中心"], ["县大数据中心"])
    assert task.section == "一、政务服务"
    assert task.deadline == date(2024, 12, 31)


def test_tables_that_are_not_task_lists_are_just_text(tmp_path):
    document = docx.Document()
    document.add_paragraph("某区2024年工作要点")
    document.add_paragraph("1.推进一网通办。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "联系人", "电话"
    table.cell(1, 0).text, table.cell(1, 1).text = "张三", "0902-1234567"
    doc = parse_file(_save(document, tmp_path))
    assert [t.title for t in doc.tasks] == ["推进一网通办"]


def test_a_damaged_word_file_is_one_clear_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(IngestError, match=r"broken\.docx: cannot read this Word file"):
        parse_file(path)


def test_a_zip_that_is_not_a_word_file_is_one_clear_error(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(IngestError, match=r"archive\.docx"):
        parse_file(path)


def test_an_empty_word_file_is_one_clear_error(tmp_path):
    with pytest.raises(IngestError, match="no text"):
        parse_file(_save(docx.Document(), tmp_path, "empty.docx"))
