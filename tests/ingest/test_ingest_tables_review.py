"""Progress tables (Word and text) with varying headers, review flags, hostile and huge files."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date

import docx
import pytest
from rich.console import Console

from taskboard.ingest import IngestError, parse_file, parse_text, review_label
from taskboard.ingest.deadlines import next_due
from taskboard.ingest.docx import MAX_BLOCKS
from taskboard.ingest.preview import preview_table
from taskboard.model import DeadlineKind, DocumentInfo, Status, Task

# -- tables ------------------------------------------------------------------------------


def test_word_progress_table_with_its_own_header_words(tmp_path):
    document = docx.Document()
    document.add_paragraph("某县2024年重点工作推进情况表")
    rows = [
        ("编号", "工作任务", "责任部门", "分管领导", "完成时间", "进展情况"),
        ("1", "建成县级政务服务中心", "县政务服务中心", "王建国", "2024年6月底前", "已完成"),
        ("2", "推进老旧小区改造", "县住建局、县财政局", "李晓梅", "第三季度", "序时推进"),
        ("3", "建设智慧停车系统", "县城管局", "赵强", "年内", "严重滞后"),
        ("4", "开展信用修复专项行动", "县发改委", "王建国", "每季度", "尚未启动"),
    ]
    table = document.add_table(rows=0, cols=6)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    path = tmp_path / "推进情况表.docx"
    document.save(path)
    tasks = parse_file(path).tasks
    assert [t.title for t in tasks] == [
        "建成县级政务服务中心",
        "推进老旧小区改造",
        "建设智慧停车系统",
        "开展信用修复专项行动",
    ]
    assert [t.status for t in tasks] == [
        Status.DONE,
        Status.IN_PROGRESS,
        Status.IN_PROGRESS,
        Status.NOT_STARTED,
    ]
    # The 分管领导 column names people: never units.
    assert all("王建国" not in t.lead_units + t.co_units for t in tasks)
    assert (tasks[1].lead_units, tasks[1].co_units) == (["县住建局"], ["县财政局"])
    assert [t.deadline for t in tasks[:3]] == [date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]
    assert tasks[3].deadline_kind is DeadlineKind.RECURRING
    assert "lagging" in tasks[2].review and "lagging" not in tasks[1].review


@pytest.mark.parametrize("pipes", ["outer", "inner"])
def test_text_table_with_other_header_words(pipes):
    rows = [
        ["序号", "主要任务", "主责单位", "责任领导", "时间节点", "当前进度"],
        ["1", "推行企业开办一日办结", "区数据局", "陈静", "2024年3月底前", "100%"],
        ["2", "实施工程审批告知承诺", "区住建局", "周涛", "上半年", "60%"],
    ]
    lines = ["|" + "|".join(r) + "|" if pipes == "outer" else " | ".join(r) for r in rows]
    doc = parse_text("某区2024年营商环境任务台账\n" + "\n".join(lines) + "\n", "台账.md")
    first, second = doc.tasks
    assert (first.title, first.lead_units, first.status) == (
        "推行企业开办一日办结",
        ["区数据局"],
        Status.DONE,
    )
    assert (second.deadline, second.status) == (date(2024, 6, 30), Status.IN_PROGRESS)
    assert "陈静" not in first.lead_units + first.co_units


def test_text_table_pasted_one_cell_per_line():
    cells = ["序号", "重点工作", "牵头单位", "完成时限", "1", "推进电子证照互认", "县数据局", "2024年9月底前"]
    cells += ["2", "建设一刻钟便民生活圈", "县商务局", "全年"]
    doc = parse_text("某县2024年重点工作清单\n" + "\n".join(cells) + "\n", "清单.txt")
    assert [(t.number, t.title, t.lead_units) for t in doc.tasks] == [
        ("1", "推进电子证照互认", ["县数据局"]),
        ("2", "建设一刻钟便民生活圈", ["县商务局"]),
    ]
    assert doc.tasks[1].deadline == date(2024, 12, 31)


# -- review flags ---------------------------------------------------------------------------


DOUBTFUL = (
    "某区2024年工作要点\n"
    "1.推进数据共享。\n"
    "2.完善审批流程。\n牵头单位：区政务服务中心负责牵头协调各部门全面推进改革落实\n"
    "4.推进项目建设。\n牵头单位：张伟\n完成时限：待定\n"
)


def test_doubts_are_flagged_per_task():
    first, second, third = parse_text(DOUBTFUL, "x.txt").tasks
    assert first.review == ["no_lead"]
    assert second.review == ["odd_unit:区政务服务中心负责牵头协调各部门全面推进改革"]
    assert third.review == ["person_as_unit:张伟", "undated:待定", "number_gap:2-4"]


def test_review_labels_in_both_languages():
    assert review_label("no_lead") == "未识别牵头单位"
    assert review_label("person_as_unit:张伟", "en") == "looks like a person: 张伟"
    assert review_label("number_gap:2-4") == "编号不连续：2 → 4"
    assert review_label("lagging", "en") == "reported lagging"


def test_dry_run_preview_has_a_review_column_and_a_count():
    doc = parse_text(DOUBTFUL, "x.txt")
    console = Console(record=True, width=200)
    console.print(preview_table(doc, "zh"))
    out = console.export_text()
    assert "待核" in out and "疑为人名：张伟" in out and "3 项待核（共 3 项任务）" in out


def test_the_preview_never_reads_document_text_as_markup():
    doc = parse_text(
        "某区工作要点[/]\n1.推进[bold]改革[/bold]试点[link=http://x]。\n牵头单位：区发改委\n", "x.txt"
    )
    console = Console(record=True, width=200)
    console.print(preview_table(doc, "zh"))
    assert "推进[bold]改革[/bold]试点[link=http://x]" in console.export_text()


def test_document_info_carries_title_number_and_issue_date():
    doc = parse_text(
        "某区人民政府办公室文件\n区政办发〔2024〕7号\n某区2024年优化营商环境工作要点\n"
        "1.推进一网通办。\n牵头单位：区政务服务中心\n某区人民政府办公室\n2024年2月18日\n",
        "要点.txt",
    )
    assert doc.year == 2024
    assert doc.info == DocumentInfo(
        "要点.txt", "某区2024年优化营商环境工作要点", number="区政办发〔2024〕7号", date="2024-02-18"
    )


# -- recurring deadlines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today", "due"),
    [
        ("每月20日前", date(2024, 3, 25), date(2024, 4, 20)),
        ("每月20日前", date(2024, 3, 20), date(2024, 3, 20)),
        ("每季度", date(2024, 5, 2), date(2024, 6, 30)),
        ("每半年", date(2024, 7, 1), date(2024, 12, 31)),
        ("每年3月底前", date(2024, 4, 1), date(2025, 3, 31)),
        ("每年", date(2024, 4, 1), date(2024, 12, 31)),
    ],
)
def test_next_due_of_a_recurring_task(text, today, due):
    task = Task(id="a-1", source="x.txt", number="1", title="报送进展", deadline_text=text)
    task.deadline_kind = DeadlineKind.RECURRING
    assert next_due(task, today) == due


def test_next_due_is_none_for_other_deadlines():
    task = Task(
        id="a-1",
        source="x.txt",
        number="1",
        title="t",
        deadline_text="每月",
        deadline_kind=DeadlineKind.ONGOING,
    )
    assert next_due(task, date(2024, 1, 1)) is None


# -- hostile and huge files ----------------------------------------------------------------------


def test_escape_sequences_and_bidi_marks_never_reach_a_task():
    doc = parse_text(
        "某区工作要点\x1b[2J\n1.推进\x1b[31m改革\x1b[0m试点\u202e。\x1b]8;;http://evil\x07链接\x1b]8;;\x07\n"
        "牵头单位：区\x9b发改委\n",
        "x.txt",
    )
    task = doc.tasks[0]
    blob = "".join([doc.title, task.title, task.text, *task.lead_units])
    assert "\x1b" not in blob and "\u202e" not in blob and "\x9b" not in blob
    assert task.title == "推进改革试点" and task.lead_units == ["区发改委"]


def _zip_docx(path, document_xml: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)


def test_a_docx_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    _zip_docx(path, b"<w:document>" + b" " * (300 * 1024 * 1024) + b"</w:document>")
    assert path.stat().st_size < 2_000_000
    start = time.perf_counter()
    with pytest.raises(IngestError, match=r"^bomb\.docx: unpacks to 300 MB"):
        parse_file(path)
    assert time.perf_counter() - start < 5  # refused from the zip directory, nothing inflated


def test_too_many_paragraphs_are_refused(tmp_path):
    body = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (MAX_BLOCKS + 1)
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    document = docx.Document()
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "long.docx"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = xml + body + b"</w:body></w:document>"
            target.writestr(item, data)
    with pytest.raises(IngestError, match=r"^long\.docx: more than 50,000 paragraphs"):
        parse_file(path)


def test_a_renamed_text_file_and_bad_xml_are_one_line_naming_the_file(tmp_path):
    renamed = tmp_path / "方案.docx"
    renamed.write_text("一、这是一个文本文件", encoding="utf-8")
    bad_xml = tmp_path / "坏.docx"
    _zip_docx(bad_xml, b"<w:document><unclosed>")
    for path in (renamed, bad_xml):
        with pytest.raises(IngestError) as err:
            parse_file(path)
        message = str(err.value)
        assert message.startswith(f"{path.name}: ") and "\n" not in message


_SYNONYMS = {
    "task": ["重点工作", "工作任务", "具体任务", "任务内容", "工作内容", "主要任务", "项目名称"],
    "unit": ["牵头单位", "责任单位", "主责单位", "承办单位", "责任部门"],
    "person": ["责任领导", "分管领导", "责任人"],
    "due": ["完成时限", "完成时间", "时间节点", "时限"],
    "progress": ["进度", "进展情况", "完成情况", "当前进度", "推进情况"],
}


@pytest.mark.parametrize(("column", "word"), [(c, w) for c, words in _SYNONYMS.items() for w in words])
def test_every_header_word_of_the_issue(column, word):
    header = {name: words[0] for name, words in _SYNONYMS.items()} | {column: word}
    doc = parse_text(
        f"某区2024年任务清单\n序号|{header['task']}|{header['unit']}|{header['person']}|{header['due']}|"
        f"{header['progress']}\n1|建设数字政府平台|区数据局|王军|2024年6月底前|已完成\n",
        "清单.md",
    )
    task = doc.tasks[0]
    assert (task.title, task.lead_units, task.co_units) == ("建设数字政府平台", ["区数据局"], [])
    assert (task.deadline, task.status) == (date(2024, 6, 30), Status.DONE)


def test_a_document_that_names_no_units_is_not_flagged_for_them(seeds):
    # 001 assigns no units to any of its 87 measures: nothing for a person to check there.
    assert not any("no_lead" in t.review for t in seeds["001"].tasks)


@pytest.mark.parametrize("content", [b"plain text, renamed", b"PK\x03\x04 damaged"])
def test_import_of_a_broken_docx_exits_non_zero_with_one_line(tmp_path, capsys, content):
    from taskboard.cli import main

    path = tmp_path / "工作要点.docx"
    path.write_bytes(content)
    db = tmp_path / "db.json"
    code = main(["--db", str(db), "import", str(path)])
    err = capsys.readouterr().err.strip()
    assert code != 0 and "工作要点.docx" in err and "\n" not in err and "Traceback" not in err
    assert not db.exists() or "工作要点" not in db.read_text(encoding="utf-8")
