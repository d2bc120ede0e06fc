"""The deadline calendar's figures: days, the overdue pile, urgency, month grids and weeks."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from taskboard.calendar import DeadlineCalendar, Urgency, shift_month, week_dates
from taskboard.model import DUE_SOON_DAYS, DeadlineKind, Status, Task, task_id

TODAY = date(2023, 6, 30)  # a Friday
SRC = "005_城市更新行动方案.txt"


def task(number: str, deadline: date | None, *, status=Status.NOT_STARTED, kind=DeadlineKind.EXPLICIT):
    return Task(
        id=task_id(SRC, number),
        source=SRC,
        number=number,
        title=f"推进老旧小区改造第{number}批",
        lead_units=["区住建局"],
        deadline=deadline,
        deadline_kind=kind if deadline or kind is not DeadlineKind.EXPLICIT else DeadlineKind.NONE,
        status=status,
    )


TASKS = [
    task("1", date(2023, 5, 31)),  # overdue 30 days
    task("2", date(2023, 6, 29), status=Status.IN_PROGRESS),  # overdue 1 day
    task("3", TODAY),  # due today
    task("4", date(2023, 7, 5)),  # soon
    task("5", date(2023, 7, 14)),  # last day of the 14-day window
    task("6", date(2023, 7, 15)),  # first day after it
    task("7", date(2023, 7, 5), status=Status.DONE),  # done: never counted
    task("8", date(2023, 5, 1), status=Status.DONE),  # done and past: not overdue
    task("9", None, kind=DeadlineKind.ONGOING),
    task("10", date(2023, 12, 31), kind=DeadlineKind.RECURRING),  # a duty's current period (after a roll)
    task("11", None),
    task("12", date(2023, 7, 5)),
]


def numbers(tasks) -> list[str]:
    return [t.number for t in tasks]


def test_overdue_tasks_pile_on_the_as_of_day_and_past_days_are_empty():
    cal = DeadlineCalendar(TASKS, TODAY)
    today = cal.day(TODAY)
    assert numbers(today.overdue) == ["1", "2"]  # most overdue first
    assert numbers(today.due) == ["3"]
    assert today.count == 3 and numbers(today.tasks) == ["1", "2", "3"]
    assert today.urgency is Urgency.OVERDUE
    assert cal.day(date(2023, 5, 31)).count == 0
    assert cal.day(date(2023, 6, 29)).count == 0


def test_days_are_coloured_by_the_due_soon_window():
    cal = DeadlineCalendar(TASKS, TODAY)
    assert numbers(cal.day(date(2023, 7, 5)).due) == ["4", "12"]  # the done 第7项 is not there
    assert cal.day(date(2023, 7, 5)).urgency is Urgency.SOON
    assert cal.day(date(2023, 7, 14)).urgency is Urgency.SOON
    assert cal.day(date(2023, 7, 15)).urgency is Urgency.LATER
    assert cal.day(date(2023, 7, 16)).urgency is Urgency.NONE
    # The as-of day without an overdue pile is amber like any day in the window.
    assert DeadlineCalendar([task("3", TODAY)], TODAY).day(TODAY).urgency is Urgency.SOON
    # A shorter window moves the boundary.
    assert DeadlineCalendar(TASKS, TODAY, soon_days=3).day(date(2023, 7, 5)).urgency is Urgency.LATER
    assert DUE_SOON_DAYS == 14


def test_ongoing_and_undated_tasks_have_no_day_and_recurring_ones_sit_on_their_period():
    cal = DeadlineCalendar(TASKS, TODAY)
    assert numbers(cal.undated) == ["9", "11"]
    assert numbers(cal.day(date(2023, 12, 31)).due) == ["10"]
    monthly = task("13", None, kind=DeadlineKind.RECURRING).replace(deadline_text="每月20日前")
    assert numbers(DeadlineCalendar([monthly], TODAY).day(date(2023, 7, 20)).due) == ["13"]


def test_the_as_of_date_decides_what_is_overdue():
    later = DeadlineCalendar(TASKS, date(2023, 7, 6))
    assert numbers(later.day(date(2023, 7, 6)).overdue) == ["1", "2", "3", "4", "12"]
    assert later.day(date(2023, 7, 5)).count == 0


def test_month_grid_is_monday_first_with_neighbouring_days_marked():
    cal = DeadlineCalendar(TASKS, TODAY)
    weeks = cal.month(2023, 6)
    assert all(len(w) == 7 for w in weeks)
    assert [d.day.weekday() for d in weeks[0]] == list(range(7))
    assert weeks[0][0].day == date(2023, 5, 29) and not weeks[0][0].in_month
    assert weeks[-1][-1].day == date(2023, 7, 2) and not weeks[-1][-1].in_month
    assert sum(d.in_month for w in weeks for d in w) == 30
    friday = weeks[-1][4]
    assert friday.day == TODAY and friday.count == 3
    # July 2023 starts on a Saturday: six rows.
    july = cal.month(2023, 7)
    assert len(july) == 6 and july[0][5].day == date(2023, 7, 1)


def test_week_runs_monday_to_sunday():
    cal = DeadlineCalendar(TASKS, TODAY)
    week = cal.week(date(2023, 7, 5))
    assert [d.day for d in week] == week_dates(date(2023, 7, 3))
    assert week[0].day == date(2023, 7, 3) and week[-1].day == date(2023, 7, 9)
    assert [d.count for d in week] == [0, 0, 2, 0, 0, 0, 0]
    assert week_dates(date(2023, 7, 9))[0] == date(2023, 7, 3)  # Sunday belongs to the week before


def test_due_between_counts_tasks_with_a_day():
    cal = DeadlineCalendar(TASKS, TODAY)
    assert cal.due_between(TODAY, date(2023, 7, 14)) == 4  # 3, 4, 12, 5
    assert cal.due_between(TODAY, date(2023, 12, 31)) == 6  # with 10, the duty due 12/31


def test_shift_month_clamps_to_the_months_end():
    assert shift_month(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert shift_month(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert shift_month(date(2023, 12, 15), 1) == date(2024, 1, 15)
    assert shift_month(date(2023, 1, 15), -1) == date(2022, 12, 15)
    assert shift_month(date(2023, 3, 31), -13) == date(2022, 2, 28)
    assert shift_month(date(9999, 12, 1), 1) == date(9999, 12, 1)
    assert shift_month(date(1, 1, 1), -1) == date(1, 1, 1)


def test_the_calendar_module_does_not_load_textual():
    code = "import sys, taskboard.calendar; assert not any(m.startswith('textual') for m in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
