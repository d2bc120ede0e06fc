"""The calendar counts what ``taskboard list`` and ``taskboard summary`` count, on the seeded board.

Day counts over [as-of, as-of+N] equal the tasks ``list --json`` returns that
``model.due_within(task, as_of, N)`` keeps (the rule of ``list --due-within N``),
and the overdue pile on the as-of date equals the summary's overdue figure.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from taskboard.calendar import DeadlineCalendar
from taskboard.cli import main
from taskboard.model import Task, due_within
from taskboard.report.summary import build_summary
from taskboard.services import open_store

AS_OF = date(2023, 6, 30)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    """The board a new user gets: the five bundled documents, imported."""
    db = tmp_path_factory.mktemp("calendar") / "tasks.json"
    open_store(db)
    return db


def listed(capsys, db, *argv: str) -> list[Task]:
    """The tasks ``taskboard list --json`` prints."""
    capsys.readouterr()
    assert main(["--db", str(db), "--today", AS_OF.isoformat(), "list", "--json", *argv]) == 0
    return [Task.from_dict(d) for d in json.loads(capsys.readouterr().out)]


def calendar_ids(cal: DeadlineCalendar, days: int) -> list[str]:
    """The ids on the calendar's days from the as-of date to ``days`` days later (pile left out)."""
    return [t.id for i in range(days + 1) for t in cal.day(AS_OF + timedelta(days=i)).due]


@pytest.mark.parametrize("days", [0, 7, 14, 30, 92, 400])
def test_day_counts_equal_list_due_within(seeded_db, capsys, days):
    tasks = listed(capsys, seeded_db)
    cal = DeadlineCalendar(tasks, AS_OF)
    expected = sorted(t.id for t in tasks if due_within(t, AS_OF, days))
    assert sorted(calendar_ids(cal, days)) == expected
    counted = sum(cal.day(AS_OF + timedelta(days=i)).count for i in range(days + 1))
    assert counted == len(expected) + len(cal.overdue)  # the as-of day also holds the pile


def test_the_window_is_not_empty_on_the_seeded_board(seeded_db, capsys):
    # Guards the comparison above against comparing two empty lists.
    tasks = listed(capsys, seeded_db)
    cal = DeadlineCalendar(tasks, AS_OF)
    assert len(calendar_ids(cal, 400)) > 10
    assert len(cal.undated) > 0


def test_overdue_pile_equals_the_summary(seeded_db, capsys):
    tasks = listed(capsys, seeded_db)
    cal = DeadlineCalendar(tasks, AS_OF)
    summary = build_summary(tasks, AS_OF)
    assert len(cal.overdue) == summary.totals.overdue == 87  # the figure for this board
    assert sorted(t.id for t in cal.day(AS_OF).overdue) == sorted(t.id for t in summary.overdue)


def test_filtered_counts_follow_the_filter(seeded_db, capsys):
    # The board hands the calendar its filtered tasks; `list --source` filters the same way.
    everything = listed(capsys, seeded_db)
    source = sorted({t.source for t in everything})[1]
    tasks = listed(capsys, seeded_db, "--source", source)
    assert 0 < len(tasks) < len(everything)
    cal = DeadlineCalendar(tasks, AS_OF)
    assert sorted(calendar_ids(cal, 400)) == sorted(t.id for t in tasks if due_within(t, AS_OF, 400))
    assert len(cal.overdue) == build_summary(everything, AS_OF, source=source).totals.overdue
