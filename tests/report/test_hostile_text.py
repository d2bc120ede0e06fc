"""Task data never reaches a terminal or a file as escape codes, bidi overrides or rich markup.

The database may have been written by hand or by an older taskboard, so the
reports clean what they print (``taskboard.safetext.clean``) instead of
trusting the importer.
"""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from rich.console import Console

from taskboard.report.summary import build_summary
from taskboard.report.summary_rich import print_summary
from taskboard.store import TaskStore

from .board import AS_OF, SA, SB, fixed_now, tid
from .test_ledger_import import edit

CLEAR = "\x1b[2J"
RED = "\x1b[31m"
LINK = "\x1b]8;;https://evil.example/\x07点这里\x1b]8;;\x07"
RLO = "\u202e"
C1 = "\x9b31m"
BAD = (CLEAR, RED, "\x1b]8;", RLO, "\x9b", "\x07")
TITLE = f"{CLEAR}开展{RED}营商环境{RLO}评价{LINK}{C1}"
UNIT = f"区发改委{RED}"


def assert_clean(text: str) -> None:
    for bad in BAD:
        assert bad not in text, repr(bad)


@pytest.fixture
def hostile(board):
    board.edit(tid(SA, "2"), title=TITLE, lead_units=[UNIT], deadline_text=f"{RED}2023年5月31日前")
    board.add_note(tid(SA, "2"), f"{CLEAR}已完成初评{RLO}")
    return board


@pytest.mark.parametrize(
    "argv",
    [
        ("summary",),
        ("summary", "--format", "md"),
        ("summary", "--format", "html"),
        ("summary", "--format", "svg"),
        ("remind",),
        ("remind", "--format", "md"),
        ("export", "--format", "csv"),
    ],
    ids=lambda a: "-".join(a),
)
def test_no_escape_code_from_task_data_in_any_report(run, hostile, argv):
    code, out, err = run(*argv)
    assert code == 0, err
    assert_clean(out + err)
    assert "区发改委" in out  # the data is still there, only its escape codes are gone


def test_no_escape_code_in_the_workbook_or_the_pdf(run, hostile, tmp_path):
    import pypdf

    assert run("export", "-o", str(tmp_path / "台账.xlsx"))[0] == 0
    ws = openpyxl.load_workbook(tmp_path / "台账.xlsx")["台账"]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert_clean("".join(cells))
    assert "已完成初评" in cells and "区发改委" in cells  # cleaned, not dropped
    assert run("summary", "-o", str(tmp_path / "汇总.pdf"))[0] == 0
    assert_clean("".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "汇总.pdf").pages))


def test_rich_summary_never_reads_data_as_markup(board):
    title = "开展[/]评价[link=https://evil.example]点击[/link]"
    board.edit(tid(SA, "2"), title=title, lead_units=["[bold]区发改委"])
    buf = io.StringIO()
    console = Console(file=buf, width=200, force_terminal=True, color_system="truecolor")
    print_summary(console, build_summary(board.all(), date.fromisoformat(AS_OF)), "zh")  # no MarkupError
    out = buf.getvalue()
    assert "\x1b]8;" not in out  # no live link
    assert title in out and "[bold]区发改委" in out  # shown as written


def test_the_ledger_import_cleans_what_it_reads_and_prints(run, board, tmp_path):
    target = tmp_path / "台账.xlsx"
    assert run("export", "-o", str(target))[0] == 0
    edited = edit(target, {tid(SB, "4"): {"最新进展": f"{RLO}已完成摸底[/]"}})
    code, out, err = run("import", str(edited))
    assert code == 0, err
    assert_clean(out + err)
    notes = TaskStore(board.path, now=fixed_now).get(tid(SB, "4")).notes
    assert [n.text for n in notes] == ["已完成摸底[/]"]
