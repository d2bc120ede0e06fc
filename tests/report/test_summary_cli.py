"""``taskboard summary`` in every format, on the fixed board with --as-of 2023-06-30."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from rich.cells import cell_len

from taskboard.cli.main import main
from taskboard.model import DeadlineKind, Task, task_id

from .board import FGW, SCJ, XZ, ZWZX

ANSI = re.compile(r"\x1b\[")


# The two documents as the summary names their measures (two documents: numbers alone are ambiguous).
B = "《伊州区20…改革工作要点》"


def numbers_after(line: str, name: str) -> list[str]:
    """The cells of a table line that starts with ``name``."""
    return line.strip()[len(name) :].split()


def table_line(out: str, name: str) -> str:
    lines = [ln for ln in out.splitlines() if ln.strip().startswith(name)]
    assert len(lines) == 1, (name, lines)
    return lines[0]


def test_text_summary_shows_hand_counted_figures(run):
    code, out, err = run("summary")
    assert code == 0, err
    assert "截至2023-06-30" in out
    assert "共18项任务 · 已完成 3 · 进行中 7 · 未开始 8 · 完成率 17%" in out
    assert "逾期 4 · 14天内到期 3" in out
    # total, done, in progress, not started, overdue, due ≤14 (the one window), completion
    assert numbers_after(table_line(out, XZ), XZ) == ["5", "1", "2", "2", "2", "0", "20%"]
    assert numbers_after(table_line(out, SCJ), SCJ) == ["4", "0", "1", "3", "1", "1", "0%"]
    assert numbers_after(table_line(out, FGW), FGW) == ["5", "1", "3", "1", "1", "1", "20%"]
    assert numbers_after(table_line(out, ZWZX), ZWZX) == ["4", "1", "2", "1", "0", "1", "25%"]
    assert "排序：逾期项数从多到少，同数按完成率从低到高" in out
    # units in worst-first order
    assert out.index(XZ) < out.index(SCJ) < out.index(FGW) < out.index(ZWZX)
    assert "逾期任务（4项）" in out and "14天内到期（3项）" in out


def test_text_lists_overdue_and_due_soon_with_number_title_lead_days(run):
    _, out, _ = run("summary")
    # Two documents on the board: a number alone is ambiguous, so each measure is named
    # by its document (file names here: the fixture stores no titles), cut to fit.
    a, b = "《2023年…环境重点任务》", "《伊州区20…改革工作要点》"
    overdue = out[out.index("逾期任务（4项）") : out.index("14天内到期（")]
    rows = [ln.split() for ln in overdue.splitlines() if ln.strip().startswith("《")]
    assert [(r[0], r[-3], r[-2], r[-1]) for r in rows] == [
        (f"{b}第4项", XZ, "2023-04-30", "61"),
        (f"{a}第2项", FGW, "2023-05-31", "30"),
        (f"{a}第7项", SCJ, "2023-06-15", "15"),
        (f"{b}第6项", XZ, "2023-06-29", "1"),
    ]
    assert "推进基层便民服务中心标准化" in overdue and "开展营商环境评价" in overdue
    soon = out[out.index("14天内到期（") : out.index("按来源文件")]
    rows = [ln.split() for ln in soon.splitlines() if ln.strip().startswith("《")]
    assert [(r[0], r[-1]) for r in rows] == [(f"{a}第5项", "0"), (f"{a}第3项", "10"), (f"{a}第10项", "14")]


def test_one_line_per_source_document(run):
    _, out, _ = run("summary")
    part = out[out.index("按来源文件") :]
    assert re.search(r"2023年优化营商环境重点任务\.txt\s+10\s+2\s+4\s+4\s+2\s+3\s+20%", part)
    assert re.search(r"伊州区2023年深化放管服改革工作要点.*\s+8\s+1\s+3\s+4\s+2\s+0\s+13%", part, re.S)


def test_piped_text_has_no_colour_and_fits_100_columns(run, board):
    long_unit = "乌鲁木齐市天山区人民政府办公室（区大数据管理局、区政务服务和公共资源交易中心）"
    board.import_tasks(
        "长文件名" * 10 + ".txt",
        [
            Task(
                id=task_id("长文件名" * 10 + ".txt", "1"),
                source="长文件名" * 10 + ".txt",
                number="1",
                title="加快推进“一件事一次办”集成改革，实现企业群众办事“只进一扇门、最多跑一次”" * 2,
                lead_units=[long_unit, FGW],
                deadline=None,
                deadline_kind=DeadlineKind.NONE,
            )
        ],
    )
    board.move(task_id("长文件名" * 10 + ".txt", "1"), "进行中")
    for lang in ("zh", "en"):
        code, out, _ = run("--lang", lang, "summary")
        assert code == 0
        assert not ANSI.search(out)
        assert max(cell_len(line) for line in out.splitlines()) <= 100
        assert "区政务服务和公共资源交易中心" in out.replace("\n", "").replace(" ", "")


def test_english_labels(run):
    _, out, _ = run("--lang", "en", "summary")
    assert "18 tasks · Done 3 · In progress 7 · Not started 8 · Done % 17%" in out
    assert "Overdue tasks (4)" in out and "Due within 14 days (3)" in out


def test_lead_filter(run):
    code, out, _ = run("summary", "--lead", FGW)
    assert code == 0
    assert "牵头单位：区发改委" in out
    assert "共5项任务 · 已完成 1 · 进行中 3 · 未开始 1 · 完成率 20%" in out
    assert "逾期 1 · 14天内到期 1" in out
    assert SCJ not in out


def test_source_filter(run):
    _, out, _ = run("summary", "--source", "伊州区")
    assert "共8项任务 · 已完成 1 · 进行中 3 · 未开始 4 · 完成率 13%" in out
    assert "逾期 2 · 14天内到期 0" in out


def test_unknown_lead_is_one_line_error(run):
    code, out, err = run("summary", "--lead", "区不存在局")
    assert code == 1 and out == ""
    assert err.startswith("taskboard：错误：没有由“区不存在局”牵头的任务") and err.count("\n") == 1


def test_as_of_overrides_today_and_bad_date_fails(board, capsys):
    assert main(["--db", str(board.path), "--today", "2023-01-01", "summary", "--as-of", "2023-07-11"]) == 0
    out = capsys.readouterr().out
    assert "截至2023-07-11" in out and "逾期 6" in out
    assert main(["--db", str(board.path), "summary", "--as-of", "2023-13-40"]) == 1
    assert "--as-of 的日期“2023-13-40”无法识别" in capsys.readouterr().err


def test_markdown(run):
    code, out, _ = run("summary", "--format", "md")
    assert code == 0
    assert out.startswith("# 改革任务推进情况汇总\n")
    assert "| 各乡镇(街道) | 5 | 1 | 2 | 2 | 2 | 0 | 20% |" in out
    assert f"| {B}第4项 | 推进基层便民服务中心标准化建设 | 各乡镇(街道) | 2023-04-30 | 61 |" in out
    assert "## 逾期任务（4项）" in out and "## 14天内到期（3项）" in out


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.cells: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.cells.append(data)


def test_html_is_a_standalone_page_that_parses(run, tmp_path):
    target = tmp_path / "summary.html"
    code, out, _ = run("summary", "-o", str(target))  # format from the suffix
    assert code == 0 and "summary.html" in out
    page = target.read_text(encoding="utf-8")
    root = ET.fromstring(page.split("\n", 1)[1])  # well-formed (XHTML-compatible) after the doctype
    assert root.tag == "html" and root.get("lang") == "zh-CN"
    parser = _Collect()
    parser.feed(page)
    parser.close()
    assert {"html", "head", "style", "body", "table"} <= set(parser.tags)
    assert "@media print" in page and "Microsoft YaHei" in page
    assert "<script" not in page and "<link" not in page  # nothing external
    rows = [[(td.text or "") + "".join(x.tail or "" for x in td) for td in tr] for tr in root.iter("tr")]
    assert ["各乡镇(街道)", "5", "1", "2", "2", "2", "0", "20%"] in rows
    assert [f"{B}第4项", "推进基层便民服务中心标准化建设", "各乡镇(街道)", "2023-04-30", "61"] in rows


def test_html_escapes_task_text(run, board):
    board.edit(task_id("2023年优化营商环境重点任务.txt", "2"), title="<b>开展</b> & 评价")
    code, out, _ = run("summary", "--format", "html")
    assert code == 0
    assert "&lt;b&gt;开展&lt;/b&gt; &amp; 评价" in out
    ET.fromstring(out.split("\n", 1)[1])


def test_svg(run, tmp_path):
    code, out, _ = run("summary", "--format", "svg")
    assert code == 0
    root = ET.fromstring(out)
    assert root.tag.endswith("svg")
    assert "改革任务推进情况汇总" in out


def test_one_documents_summary_names_measures_by_number_alone(run):
    _, out, _ = run("summary", "--source", "伊州区")
    overdue = out[out.index("逾期任务（2项）") :]
    assert "《" not in overdue.split("按来源文件")[0]
    assert re.search(r"^\s*4\s+推进基层便民服务中心", overdue, re.M)
