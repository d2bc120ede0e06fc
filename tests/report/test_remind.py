"""``taskboard remind``: one ready-to-send 催办 message per lead unit (hand-checked on the fixed board)."""

from __future__ import annotations

import re
from datetime import date

from taskboard.report.remind import build_reminders, default_reply_by

from .board import FGW, SA, SB, SCJ, XZ, ZWZX

AS_OF = date(2023, 6, 30)


def messages(out: str) -> dict[str, str]:
    """Split the text output into {unit: message}."""
    parts = out.split("=" * 60)
    found = {}
    for part in parts:
        head = part.strip().splitlines()[0]
        found[head[head.rindex("（") + 1 : -1]] = part
    return found


def test_who_is_reminded_of_what(board):
    rems = build_reminders(board.all(), AS_OF)
    # Hand count, within 14 days: XZ has SB4 (-61) and SB6 (-1) overdue, SB5 (15 days) not yet;
    # FGW: SA2 overdue, SA3 in 10 days; SCJ: SA7 overdue, SA5 today; ZWZX: SA10 in 14 days.
    got = {
        r.unit: ([(t.source, t.number) for t in r.overdue], [(t.source, t.number) for t in r.due_soon])
        for r in rems
    }
    assert got == {
        XZ: ([(SB, "4"), (SB, "6")], []),
        FGW: ([(SA, "2")], [(SA, "3")]),
        SCJ: ([(SA, "7")], [(SA, "5")]),
        ZWZX: ([], [(SA, "10")]),
    }
    assert [r.unit for r in rems] == [XZ, FGW, SCJ, ZWZX]  # most overdue first, then by name


def test_text_messages_are_ready_to_send(run):
    code, out, _ = run("remind")
    assert code == 0
    msgs = messages(out)
    assert list(msgs) == [XZ, FGW, SCJ, ZWZX]
    fgw = msgs[FGW]
    assert "关于督促推进改革任务的提醒（区发改委）" in fgw
    assert "区发改委：" in fgw
    assert "截至2023年6月30日，贵单位牵头的改革任务中有1项已逾期、1项将在14天内到期" in fgw
    assert "请抓紧推进，并于2023年7月3日前将进展情况反馈改革办。" in fgw
    # A number alone is ambiguous across documents: every measure is named by its document.
    doc = "《2023年优化营商环境重点任务》"
    assert f"1. {doc}第2项：开展营商环境评价（完成时限：2023年5月31日，已逾期30天）" in fgw
    assert f"1. {doc}第3项：建立重点项目审批服务专班（完成时限：2023年7月10日，剩10天）" in fgw
    assert "（完成时限：2023年6月30日，今天到期）" in msgs[SCJ]
    assert "已逾期任务" not in msgs[ZWZX] and "一、14天内到期任务（1项）" in msgs[ZWZX]
    assert fgw.rstrip().endswith("改革办\n2023年6月30日")


def test_within_and_lead(run):
    code, out, _ = run("remind", "--within", "20", "--lead", XZ)
    assert code == 0
    assert list(messages(out)) == [XZ]
    # SB5 (15 days) now counts, and SB3's monthly report (每月20日前: 20 July, 20 days).
    assert "2项已逾期、2项将在20天内到期" in out
    assert "第3项：每月报送工作进展（完成时限：2023年7月20日，剩20天）" in out
    assert "第5项：开展工程建设项目审批制度改革（完成时限：2023年7月15日，剩15天）" in out
    assert "《伊州区2023年深化放管服改革工作要点》第5项" in out


def test_markdown_has_headings(run):
    code, out, _ = run("remind", "--format", "md", "--lead", FGW)
    assert code == 0
    assert out.startswith("# 催办提醒（截至2023年6月30日）\n")
    assert "## 关于督促推进改革任务的提醒（区发改委）" in out
    assert "### 一、已逾期任务（1项）" in out and "### 二、14天内到期任务（1项）" in out


def test_english(run):
    _, out, _ = run("--lang", "en", "remind", "--lead", SCJ, "--sender", "Reform Office of Yizhou")
    assert "To 区市场监管局:" in out
    assert "include 1 overdue and 1 due within 14 days" in out
    doc = "《2023年优化营商环境重点任务》"
    assert f"1. item 7 of {doc}: 开展双随机一公开联合抽查 (deadline 2023-06-15, 15 days overdue)" in out
    assert f"1. item 5 of {doc}: 推进证照分离改革全覆盖 (deadline 2023-06-30, due today)" in out
    assert "report progress to the Reform Office of Yizhou by 3 July 2023" in out


def test_nothing_to_remind(run):
    code, out, _ = run("remind", "--within", "0", "--lead", ZWZX)
    assert code == 0
    assert "没有逾期或0天内到期的未完成任务" in out


def test_reply_by_skips_the_weekend():
    assert default_reply_by(date(2023, 6, 30)) == date(2023, 7, 3)  # Friday + 3 = Monday
    assert default_reply_by(date(2023, 7, 6)) == date(2023, 7, 10)  # Thursday + 3 = Sunday → Monday


def test_remind_to_file(run, tmp_path):
    target = tmp_path / "催办.md"
    code, _, _ = run("remind", "-o", str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# 催办提醒")


def test_document_named_when_a_units_tasks_come_from_several(run):
    _, out, _ = run("remind", "--within", "20", "--lead", FGW)
    assert "1. 《2023年优化营商环境重点任务》第2项：开展营商环境评价" in out
    assert "2. 《伊州区2023年深化放管服改革工作要点》第5项：开展工程建设项目审批制度改革" in out


def test_tasks_nobody_leads_get_their_own_section_first(run):
    # SB7 has no lead unit and is 92 days away: a 100-day window takes it in.
    _, out, err = run("remind", "--within", "100")
    first = out.split("=" * 60)[0]
    assert first.startswith("未明确牵头单位：请先明确责任单位")
    assert "以下1项改革任务未明确牵头单位" in first and "请先明确责任单位" in first
    assert "建立政企沟通机制" in first
    assert "未明确牵头单位 1 项" in err


def test_the_tally_says_what_was_covered_and_why_the_rest_was_left_out(run, tmp_path):
    _, _, err = run("remind")
    # 18 tasks: 3 done; 7 overdue or due within 14 days (SB7 has no lead but is 92 days away).
    assert "催办覆盖 7 项未完成任务（逾期 4 项，14天内到期 3 项）" in err
    assert "已完成 3 项" in err and "14天后到期" in err
    code, out, _ = run("remind", "-o", str(tmp_path / "催办.txt"))
    assert code == 0 and "催办覆盖 7 项" in out  # with -o the tally is the command's own output


def test_seeded_board_reminds_of_the_overdue_tasks_nobody_leads(tmp_path, capsys):
    from taskboard.cli import main

    db = tmp_path / "seeded.json"
    assert main(["--db", str(db), "--today", "2023-06-30", "remind", "--within", "14"]) == 0
    out, err = capsys.readouterr()
    first = out.split("=" * 60)[0]
    assert first.startswith("未明确牵头单位：请先明确责任单位")
    assert "以下87项改革任务未明确牵头单位（87项已逾期" in first
    assert len([ln for ln in first.splitlines() if re.match(r"\d+\. 《", ln)]) == 87
    assert "《天山区贯彻落实" in first  # measures are named by their document's title
    assert "逾期 87 项" in err


def test_summary_due_soon_figures_match_its_table_on_the_seeded_board(tmp_path, capsys):
    from datetime import date

    from taskboard.report.summary import build_summary
    from taskboard.services import open_store

    store = open_store(tmp_path / "seeded.json")
    s = build_summary(store.all(), date(2023, 6, 30))
    assert s.totals.due == len(s.due_soon)
    assert sum(f.due for f in s.units if f.name) + next(
        (f.due for f in s.units if not f.name), 0
    ) >= s.totals.due  # a task with two leads counts in each unit's row
