"""Deadline phrases, in 完成时限 fields and inside a measure's text."""

from __future__ import annotations

from datetime import date

import pytest

from taskboard.ingest.deadlines import field_deadline, resolve_deadline
from taskboard.model import DeadlineKind

EXPLICIT = DeadlineKind.EXPLICIT


@pytest.mark.parametrize(
    ("value", "year", "expected"),
    [
        ("2023年12月底前", None, date(2023, 12, 31)),
        ("202312月底前", None, date(2023, 12, 31)),  # 年 lost in conversion
        ("2022年7月底前", None, date(2022, 7, 31)),
        ("2022年底", None, date(2022, 12, 31)),
        ("年底前", 2024, date(2024, 12, 31)),
        ("6月30日前", 2024, date(2024, 6, 30)),
        ("2024年2月底前", None, date(2024, 2, 29)),
        ("2024年第三季度", None, date(2024, 9, 30)),
        ("一季度末前", 2024, date(2024, 3, 31)),
        ("上半年", 2024, date(2024, 6, 30)),
        ("下半年", 2024, date(2024, 12, 31)),
        ("2023年3月至12月", None, date(2023, 12, 31)),
        ("2023-06-30", None, date(2023, 6, 30)),
        ("明年6月底前", 2022, date(2023, 6, 30)),
    ],
)
def test_field_dates(value, year, expected):
    deadline = field_deadline(value, year)
    assert (deadline.date, deadline.kind, deadline.text) == (expected, EXPLICIT, value)


@pytest.mark.parametrize("value", ["持续推进", "长期坚持", "常态化推进"])
def test_ongoing_has_no_date(value):
    deadline = field_deadline(value, 2023)
    assert (deadline.date, deadline.kind, deadline.text) == (None, DeadlineKind.ONGOING, value)


@pytest.mark.parametrize("value", ["每月20日前", "每季度末", "定期报送"])
def test_recurring_has_no_date(value):
    deadline = field_deadline(value, 2023)
    assert (deadline.date, deadline.kind) == (None, DeadlineKind.RECURRING)


def test_year_less_phrases_without_a_document_year_keep_the_text_only():
    deadline = field_deadline("年底前", None)
    assert (deadline.date, deadline.kind, deadline.text) == (None, DeadlineKind.NONE, "年底前")


def test_a_date_inside_the_text_counts_and_the_earliest_binds():
    text = "配合上级部门于2022年7月底前完成审批流程再造，确保2022年底全流程审批时限压缩至60个工作日。"
    deadline = resolve_deadline("", text, 2022)
    assert (deadline.date, deadline.text, deadline.kind) == (date(2022, 7, 31), "2022年7月底前", EXPLICIT)


def test_a_text_date_earlier_than_the_field_wins():
    deadline = resolve_deadline("2024年12月底前", "2024年6月30日前实现开办一网通办。", 2024)
    assert deadline.date == date(2024, 6, 30)


def test_on_a_tie_the_field_wording_is_kept():
    deadline = resolve_deadline("202312月底前", "确保年底前专项行动账款清零。", 2023)
    assert (deadline.date, deadline.text) == (date(2023, 12, 31), "202312月底前")


@pytest.mark.parametrize(
    "text",
    [
        "2019年1月1日至12月31日，困难企业可组织职工在岗培训。",  # a policy window
        "2020年起，每年2月底前报送上年工作情况。",  # a standing duty
        "截至2022年底，累计清偿账款300万元。",  # an "as of" date
        "上半年全市市场主体突破30万户。",  # a report of the past
        "将可长期坚持的做法上升为制度规范。",  # not a deadline phrase in running text
        "2022年研发投入力争增长20%。",
        "彻底前进，周末前完成。",
    ],
)
def test_dates_that_are_not_deadlines_are_ignored(text):
    assert resolve_deadline("", text, 2022).kind is DeadlineKind.NONE


def test_a_monthly_duty_in_the_text_is_recurring():
    deadline = resolve_deadline("", "并将工作开展情况于每月20日前报区政府办公室。", 2023)
    assert (deadline.date, deadline.kind, deadline.text) == (None, DeadlineKind.RECURRING, "每月20日前")


def test_an_ongoing_field_loses_to_a_stated_date():
    deadline = resolve_deadline("持续推进", "2024年9月底前完成首批试点。", 2024)
    assert (deadline.date, deadline.kind) == (date(2024, 9, 30), EXPLICIT)


def test_unreadable_field_text_is_kept_raw():
    deadline = resolve_deadline("根据上级安排", "", 2024)
    assert (deadline.date, deadline.kind, deadline.text) == (None, DeadlineKind.NONE, "根据上级安排")
