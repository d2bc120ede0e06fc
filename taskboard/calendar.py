"""The deadline calendar's figures: which unfinished tasks fall due on which day.

Plain Python (the board's calendar screen draws it; tests and reports may use
it without Textual).  The rules are the model's, so the calendar cannot
disagree with the cards, ``list`` or the summary:

- a task counts on the day of its ``deadline`` when :func:`countdown` gives it
  a number of days (done, ongoing and undated tasks get none; a recurring duty its period);
- overdue tasks are piled on the as-of date, not left on past days nobody looks at;
- a day is red when it holds overdue tasks, amber when a task on it is due within
  :data:`DUE_SOON_DAYS` (:func:`due_within`), plain otherwise.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .model import DUE_SOON_DAYS, Bucket, Status, Task, countdown, due_within, measure_key

# Chinese offices plan Monday-first weeks.
_WEEKS = _stdlib_calendar.Calendar(firstweekday=_stdlib_calendar.MONDAY)


class Urgency(StrEnum):
    """How a day's count is coloured."""

    OVERDUE = "overdue"  # the as-of day holding the overdue pile
    SOON = "soon"  # something due within the due-soon window
    LATER = "later"  # only tasks due after the window
    NONE = "none"  # nothing due


@dataclass(frozen=True, slots=True)
class Day:
    """One day of the calendar: what falls due on it, and (as-of day only) the overdue pile."""

    day: date
    due: tuple[Task, ...] = ()
    overdue: tuple[Task, ...] = ()
    due_urgency: Urgency = Urgency.NONE  # of the tasks due this day alone (SOON, LATER or NONE)
    in_month: bool = True  # False for the leading/trailing days of a month grid

    @property
    def urgency(self) -> Urgency:
        """The day's colour: red with an overdue pile, else that of its tasks due."""
        return Urgency.OVERDUE if self.overdue else self.due_urgency

    @property
    def count(self) -> int:
        """Tasks listed on this day (overdue pile included)."""
        return len(self.due) + len(self.overdue)

    @property
    def tasks(self) -> tuple[Task, ...]:
        """The overdue pile (most overdue first), then the tasks due this day."""
        return self.overdue + self.due


def _number_order(task: Task) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    return (task.source, measure_key(task.number))


def _order(task: Task) -> tuple[date, tuple[str, int, str]]:
    return (task.deadline or date.max, _number_order(task))


class DeadlineCalendar:
    """The given tasks indexed by due day as of ``today``.

    ``tasks`` are whatever the caller shows (the board passes its filtered
    tasks); done tasks are never counted.
    """

    def __init__(self, tasks: Iterable[Task], today: date, soon_days: int = DUE_SOON_DAYS) -> None:
        self.today = today
        self.soon_days = soon_days
        by_day: dict[date, list[Task]] = defaultdict(list)
        overdue: list[Task] = []
        undated: list[Task] = []
        for task in tasks:
            if task.status is Status.DONE:
                continue
            cd = countdown(task, today)
            if cd.days is None:
                undated.append(task)  # ongoing or no date: no day to put it on
            elif cd.bucket is Bucket.OVERDUE:
                overdue.append(task)
            else:
                # A recurring duty sits on its current period's due date (see model.countdown).
                by_day[today + timedelta(days=cd.days)].append(task)
        self._by_day = {d: tuple(sorted(ts, key=_order)) for d, ts in by_day.items()}
        self.overdue: tuple[Task, ...] = tuple(sorted(overdue, key=_order))
        self.undated: tuple[Task, ...] = tuple(sorted(undated, key=_number_order))

    def day(self, day: date, *, in_month: bool = True) -> Day:
        """The tasks of ``day`` and its urgency."""
        due = self._by_day.get(day, ())
        pile = self.overdue if day == self.today else ()
        if any(due_within(t, self.today, self.soon_days) for t in due):
            urgency = Urgency.SOON
        else:
            urgency = Urgency.LATER if due else Urgency.NONE
        return Day(day, due, pile, urgency, in_month)

    def month(self, year: int, month: int) -> list[list[Day]]:
        """The month as Monday-first weeks of seven days (neighbouring months' days marked)."""
        return [[self.day(d, in_month=d.month == month) for d in week] for week in month_dates(year, month)]

    def week(self, day: date) -> list[Day]:
        """The Monday-to-Sunday week holding ``day``."""
        return [self.day(d) for d in week_dates(day)]

    def due_between(self, first: date, last: date) -> int:
        """Tasks due from ``first`` to ``last`` inclusive (overdue pile not included)."""
        return sum(len(ts) for d, ts in self._by_day.items() if first <= d <= last)


def month_dates(year: int, month: int) -> list[list[date]]:
    """The Monday-first weeks (four to six) covering a month, neighbouring days included."""
    return _WEEKS.monthdatescalendar(year, month)


def week_dates(day: date) -> list[date]:
    """Monday to Sunday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def shift_month(day: date, months: int) -> date:
    """The same day ``months`` months later (or earlier), clamped to the month's end.

    Past the ends of the calendar (year 1, year 9999) the day stays where it is.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not date.min.year <= year <= date.max.year:
        return day
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
