"""The deadline calendar (``c`` on the board): each day's unfinished tasks counted and coloured.

The board hands over the tasks its filters show; :mod:`taskboard.calendar`
places them on days (the overdue pile on the as-of date) and this screen only
moves the selection and draws.  ``enter`` lists the selected day's tasks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from taskboard.calendar import DeadlineCalendar, shift_month, week_dates
from taskboard.model import Task

from ..i18n import tr
from ..keys import KeySpec, bindings, localize
from ..widgets.board_footer import BoardFooter
from ..widgets.calendar_grid import CalendarGrid
from .calendar_day_screen import CalendarDayScreen, DayTasks

# Each pair of keys shows once in the footer ("←→ 选日"); the help text names each key.
CALENDAR_KEYS: tuple[KeySpec, ...] = (
    KeySpec("left,h", "day(-1)", "cal_day_prev", "←→"),
    KeySpec("right,l", "day(1)", "cal_day_next", show=False),
    KeySpec("up,k", "day(-7)", "cal_week_prev", "↑↓"),
    KeySpec("down,j", "day(7)", "cal_week_next", show=False),
    KeySpec("left_square_bracket,pageup", "month(-1)", "cal_month_prev", "[]"),
    KeySpec("right_square_bracket,pagedown", "month(1)", "cal_month_next", show=False),
    KeySpec("enter", "list_day", "cal_list", "⏎"),
    KeySpec("w", "toggle_week", "cal_view"),
    KeySpec("t", "as_of", "cal_today"),
    KeySpec("escape,q,c", "close", "cal_close", "esc"),
)


class CalendarScreen(Screen[None]):
    """A month (or week) of due counts over the board's filtered tasks."""

    DEFAULT_CSS = """
    CalendarScreen #calendar-head {
        width: 1fr;
        padding: 0 1;
        background: $panel;
        color: $text-primary;
        text-style: bold;
    }
    CalendarScreen .calendar-line { width: 1fr; padding: 0 2; color: $text-muted; }
    CalendarScreen #calendar-selected { color: $text; text-style: bold; margin-top: 1; }
    CalendarScreen #calendar-preview { height: 1fr; padding: 0 2; }
    CalendarScreen.-week #calendar-preview { display: none; }
    """

    BINDINGS = bindings(CALENDAR_KEYS)

    def __init__(self, tasks: Sequence[Task], today: date, lang: str) -> None:
        super().__init__(id="calendar")
        localize(self._bindings, lang)
        self.lang = lang
        self.today = today
        self.calendar = DeadlineCalendar(tasks, today)
        self.task_count = len(tasks)
        self.selected = today
        self.week = False

    def compose(self) -> ComposeResult:
        """Heading, the grid, totals, the undated line, the selected day, the footer."""
        yield Static(id="calendar-head")
        yield CalendarGrid(self.calendar, self.selected, lang=self.lang, id="calendar-grid")
        yield Static(self._totals(), id="calendar-totals", classes="calendar-line")
        yield Static(
            Text(tr(self.lang, "cal_undated", n=len(self.calendar.undated))),
            id="calendar-undated",
            classes="calendar-line",
        )
        yield Static(id="calendar-selected", classes="calendar-line")
        with VerticalScroll(id="calendar-preview"):
            yield DayTasks(self.calendar.day(self.selected), self.today, self.lang)
        yield BoardFooter(compact=True)

    def on_mount(self) -> None:
        """Draw the as-of month."""
        self._show()

    # -- what the lines say ----------------------------------------------------------
    def _totals(self) -> Text:
        cal = self.calendar
        soon = cal.due_between(self.today, self.today + timedelta(days=cal.soon_days))
        later = cal.due_between(self.today, date.max) - soon
        text = tr(
            self.lang, "cal_totals", overdue=len(cal.overdue), days=cal.soon_days, soon=soon, later=later
        )
        return Text(text)

    def _weekday(self, day: date) -> str:
        return tr(self.lang, "cal_weekdays").split(",")[day.weekday()]

    def _period(self) -> str:
        if self.week:
            first, *_, last = week_dates(self.selected)
            return tr(self.lang, "cal_week_title", first=first.isoformat(), last=last.isoformat())
        month_name = tr(self.lang, "cal_month_names").split(",")[self.selected.month - 1]
        return tr(self.lang, "cal_month_title", year=self.selected.year, month_name=month_name)

    def _show(self) -> None:
        lang = self.lang
        view = tr(lang, "cal_view_week" if self.week else "cal_view_month")
        head = tr(
            lang,
            "cal_head",
            title=tr(lang, "cal_title"),
            period=self._period(),
            view=view,
            date=self.today.isoformat(),
            n=self.task_count,
        )
        self.query_one("#calendar-head", Static).update(Text(head))
        self.set_class(self.week, "-week")
        self.query_one(CalendarGrid).show(self.selected, week=self.week)
        day = self.calendar.day(self.selected)
        self.query_one(DayTasks).show(day)
        count = day.count
        line = tr(
            lang,
            "cal_selected",
            date=self.selected.isoformat(),
            weekday=self._weekday(self.selected),
            n=count,
        )
        self.query_one("#calendar-selected", Static).update(Text(line))

    def _select(self, day: date) -> None:
        self.selected = day
        self._show()

    # -- keys ------------------------------------------------------------------------
    def action_day(self, step: int) -> None:
        """Select the day ``step`` days away (±1 a day, ±7 a week)."""
        with contextlib.suppress(OverflowError):  # past year 9999 or before year 1: stay
            self._select(self.selected + timedelta(days=step))

    def action_month(self, step: int) -> None:
        """Select the same day ``step`` months away."""
        self._select(shift_month(self.selected, step))

    def action_toggle_week(self) -> None:
        """Month view ↔ week view, on the selected day."""
        self.week = not self.week
        self._show()

    def action_as_of(self) -> None:
        """Back to the as-of date."""
        self._select(self.today)

    def action_list_day(self) -> None:
        """List the selected day's tasks."""
        day = self.calendar.day(self.selected)
        self.app.push_screen(CalendarDayScreen(day, self.today, self.lang))

    def action_close(self) -> None:
        """Back to the board."""
        self.dismiss()
