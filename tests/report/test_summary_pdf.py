"""``taskboard summary --format pdf``: the HTML's content on A4, read back with pypdf."""

from __future__ import annotations

import math
import re
from datetime import date

import pypdf
import pytest

from taskboard.cli.main import main
from taskboard.model import task_id
from taskboard.report.summary import build_summary
from taskboard.report.summary_rich import unit_name
from taskboard.services import open_store

from .board import FGW, SCJ, XZ, ZWZX

SEEDED_AS_OF = "2023-06-30"
# A4 less 15 mm margins and the frame's 6 pt padding; a one-line table row is
# 12 pt leading plus 3 + 3 pt padding.
PAGE_PT = 841.89 - 2 * (15 * 72 / 25.4) - 12
ROW_PT = 18
HEADING_PT = 34  # a section heading with the space around it
TOP_PT = 24 + 6 + 3 * 15  # title and the three figure lines


def pages_text(path):
    reader = pypdf.PdfReader(path)
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Extracted text without the line breaks a wrapped cell puts inside a name."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The board every new user gets (seeded from data/), its summary as PDF, and what the CLI said."""
    folder = tmp_path_factory.mktemp("seeded")
    db = folder / "tasks.json"
    store = open_store(db)
    target = folder / "汇总.pdf"
    argv = ["--db", str(db), "--lang", "zh", "summary", "--as-of", SEEDED_AS_OF, "-o", str(target)]
    return store, target, argv


def test_seeded_board_pdf_has_every_unit_the_totals_and_page_n_of_m(seeded, capsys):
    store, target, argv = seeded
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert target.read_bytes().startswith(b"%PDF-")
    pages = pages_text(target)
    n = len(pages)
    assert f"PDF, {n}页" in out
    for i, text in enumerate(pages, 1):
        assert f"第 {i} 页 共 {n} 页" in text
    summary = build_summary(store.all(), date.fromisoformat(SEEDED_AS_OF))
    everything = flat("".join(pages))
    for unit in summary.units:
        assert flat(unit_name(unit.name, "zh")) in everything, unit.name
    t = summary.totals
    figures = [f"共{t.total}项任务", f"已完成{t.done}", f"进行中{t.in_progress}", f"未开始{t.not_started}"]
    assert all(f in everything for f in figures), figures
    assert f"逾期{t.overdue}" in everything and f"逾期任务（{len(summary.overdue)}项）" in everything
    # The page count a hand layout gives: one-line rows of 18 pt, under a title and four headings.
    rows = len(summary.units) + len(summary.overdue) + len(summary.due_soon) + len(summary.sources) + 4
    height = TOP_PT + 4 * HEADING_PT + rows * ROW_PT
    expected = math.ceil(height / PAGE_PT)
    assert expected >= 2  # the seeded board's lists go on over pages
    assert n in (expected, expected + 1)  # + 1: wrapped names and tables split at page ends


def test_long_tables_repeat_their_header_on_the_next_page(seeded):
    store, target, argv = seeded
    assert main(argv) == 0
    pages = pages_text(target)
    summary = build_summary(store.all(), date.fromisoformat(SEEDED_AS_OF))
    assert len(summary.overdue) > 40  # more than a page of overdue tasks
    # Every page after the first starts with a table header (the units' or the overdue list's).
    for text in pages[1:]:
        head = flat(text)[:40]
        assert head.startswith(("牵头单位合计已完成", "编号任务牵头单位完成时限")), head


def test_fixed_board_pdf_is_one_page_with_the_hand_counts(run, tmp_path, capsys):
    target = tmp_path / "汇总.pdf"
    code, out, err = run("summary", "-o", str(target))  # the format from the suffix
    assert code == 0, err
    assert "PDF, 1页" in out
    (text,) = pages_text(target)
    body = flat(text)
    assert "改革任务推进情况汇总" in body and "截至2023-06-30" in body
    assert "共18项任务，已完成3，进行中7，未开始8，完成率17%" in body
    for unit in (FGW, SCJ, ZWZX, XZ, "（未明确牵头单位）"):
        assert unit in body
    assert "各乡镇(街道)51222020%" in body  # total, done, in progress, not started, overdue, due, %
    assert "《伊州区20…改革工作要点》第4项推进基层便民服务中心标准化建设各乡镇(街道)2023-04-3061" in body


def test_pdf_in_english(run, tmp_path):
    target = tmp_path / "summary.pdf"
    assert run("--lang", "en", "summary", "--format", "pdf", "-o", str(target))[0] == 0
    text = pages_text(target)[0]
    assert "Reform task summary" in text and "Page 1 of 1" in text


def test_pdf_shows_markup_in_titles_as_text(run, board, tmp_path):
    board.edit(task_id("2023年优化营商环境重点任务.txt", "2"), title="<b>开展</b> & 评价[/]")
    target = tmp_path / "汇总.pdf"
    assert run("summary", "-o", str(target))[0] == 0
    assert "<b>开展</b>&评价[/]" in flat(pages_text(target)[0])


def test_pdf_needs_an_output_file(run):
    code, _, err = run("summary", "--format", "pdf")
    assert code == 1 and "需要 -o" in err
