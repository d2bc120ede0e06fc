"""The summary's figures against hand counts of the fixed board (see board.py)."""

from __future__ import annotations

from datetime import date

from taskboard.report.summary import NO_LEAD, build_summary

from .board import FGW, SA, SB, SCJ, XZ, ZWZX

AS_OF = date(2023, 6, 30)

# Counted by hand from board.MEASURES as of 2023-06-30:
# unit: (total, done, in progress, not started, overdue, due ≤14 days, completion %)
# (one "due soon" window of 14 days for the header, the table and the list)
UNITS = {
    XZ: (5, 1, 2, 2, 2, 0, 20),  # SB3 SB4 SB5 SB6 SB8; overdue SB4 SB6; SB5 is 15 days away
    SCJ: (4, 0, 1, 3, 1, 1, 0),  # SA5-SA8; overdue SA7; due SA5 (SA8 is 25 days away)
    FGW: (5, 1, 3, 1, 1, 1, 20),  # SA1-SA4 + SB5; overdue SA2; due SA3 (SB5 is 15 days away)
    NO_LEAD: (1, 0, 0, 1, 0, 0, 0),  # SB7
    ZWZX: (4, 1, 2, 1, 0, 1, 25),  # SA9 SA10 SB1 SB2; due SA10 (day 14)
}
# Worst first: most overdue, then lowest completion (SCJ 0% before FGW 20%).
UNIT_ORDER = [XZ, SCJ, FGW, NO_LEAD, ZWZX]


def row(f):
    return (f.total, f.done, f.in_progress, f.not_started, f.overdue, f.due, f.completion)


def test_totals_match_hand_count(board):
    s = build_summary(board.all(), AS_OF)
    assert row(s.totals) == (18, 3, 7, 8, 4, 3, 17)  # 3/18 = 16.7% → 17%; due SA3 SA5 SA10


def test_header_table_and_list_use_one_window(board):
    s = build_summary(board.all(), AS_OF)
    assert s.due_days == s.soon_days == 14
    assert s.totals.due == len(s.due_soon)
    wide = build_summary(board.all(), AS_OF, within=30)
    # + SB5 (15 days), SB3's monthly report (20 July) and SA8 (25 days)
    assert wide.totals.due == len(wide.due_soon) == 6


def test_per_unit_rows_and_order(board):
    s = build_summary(board.all(), AS_OF)
    assert [f.name for f in s.units] == UNIT_ORDER
    assert {f.name: row(f) for f in s.units} == UNITS


def test_task_with_two_leads_counts_once_in_totals_and_in_each_unit(board):
    s = build_summary(board.all(), AS_OF)
    assert sum(f.total for f in s.units) == 19  # 18 tasks, SB5 in two rows
    assert s.totals.total == 18


def test_overdue_list_most_overdue_first(board):
    s = build_summary(board.all(), AS_OF)
    assert [(t.source, t.number, -t.days) for t in s.overdue] == [
        (SB, "4", 61),
        (SA, "2", 30),
        (SA, "7", 15),
        (SB, "6", 1),
    ]
    assert s.overdue[1].leads == (FGW,)


def test_due_within_14_days_includes_today_and_day_14_not_15(board):
    s = build_summary(board.all(), AS_OF)
    assert [(t.source, t.number, t.days) for t in s.due_soon] == [(SA, "5", 0), (SA, "3", 10), (SA, "10", 14)]


def test_sources(board):
    s = build_summary(board.all(), AS_OF)
    assert [(f.name, *row(f)) for f in s.sources] == [
        (SA, 10, 2, 4, 4, 2, 3, 20),  # due SA3 SA5 SA10 (SA8 is 25 days away)
        (SB, 8, 1, 3, 4, 2, 0, 13),  # SB5 is 15 days away; 1/8 = 12.5% rounds half up
    ]


def test_lead_filter_keeps_that_units_tasks_and_row(board):
    s = build_summary(board.all(), AS_OF, lead=FGW)
    assert row(s.totals) == (5, 1, 3, 1, 1, 1, 20)  # the table's due count is the list's
    assert [f.name for f in s.units] == [FGW]  # SB5's other lead (XZ) is not listed
    assert [t.number for t in s.overdue] == ["2"]
    assert [t.number for t in s.due_soon] == ["3"]


def test_source_filter_matches_the_start_of_the_file_name(board):
    s = build_summary(board.all(), AS_OF, source="伊州区")
    assert row(s.totals) == (8, 1, 3, 4, 2, 0, 13)
    assert [f.name for f in s.sources] == [SB]


def test_another_as_of_date_moves_the_figures(board):
    s = build_summary(board.all(), date(2023, 7, 11))
    # SA3 (7-10) is now overdue too; SA5 (6-30) stays overdue.
    assert s.totals.overdue == 6
    assert [t.number for t in s.overdue][-1] == "3"
