"""The deadline calendar's grid: a month of day cells, or a week of task lists.

Drawn as one rich :class:`~rich.table.Table` per refresh (at most 42 cells,
so there is nothing to cache).  Every task string goes into a ``Text`` object,
never through markup, and colours come from component classes so they follow
the theme.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich import box
from rich.console import RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.widget import Widget

from taskboard.calendar import Day, DeadlineCalendar, Urgency, month_dates
from taskboard.model import Task

from ..formatting import units
from ..i18n import tr
from ..textfit import one_line

# The component class colouring a day's count.
URGENCY_CLASS = {
    Urgency.OVERDUE: "calendar--overdue",
    Urgency.SOON: "calendar--soon",
    Urgency.LATER: "calendar--later",
    Urgency.NONE: "calendar--empty",
}

# A month grid: top border, header, its rule and bottom border; each week three lines and a rule
# (the last week's rule is the bottom border).
_MONTH_CHROME, _MONTH_ROW = 3, 4
# Rows the week agenda needs besides its task lines: top border, header, its rule, six rules
# between the days, bottom border.
_WEEK_CHROME = 10


class CalendarGrid(Widget, can_focus=False):
    """Month grid or week columns of a :class:`DeadlineCalendar`; the screen sets what to show."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *URGENCY_CLASS.values(),
        "calendar--outside",
        "calendar--past",
        "calendar--as-of",
        "calendar--selected",
        "calendar--number",
    }

    DEFAULT_CSS = """
    CalendarGrid { padding: 0 1; }
    CalendarGrid > .calendar--overdue { color: $text-error; text-style: bold; }
    CalendarGrid > .calendar--soon { color: $text-warning; text-style: bold; }
    CalendarGrid > .calendar--later { color: $text; }
    CalendarGrid > .calendar--empty { color: $text-muted; }
    CalendarGrid > .calendar--outside { color: $text-disabled; }
    CalendarGrid > .calendar--past { color: $text-muted; }
    CalendarGrid > .calendar--as-of { color: $text-accent; text-style: bold; }
    CalendarGrid > .calendar--selected {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    CalendarGrid > .calendar--number { color: $text-accent; }
    """

    def __init__(
        self, calendar: DeadlineCalendar, selected: date, *, lang: str, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.calendar = calendar
        self.selected = selected
        self.week = False
        self.lang = lang
        self._height: int | str | None = None

    def show(self, selected: date, *, week: bool) -> None:
        """Select ``selected`` in its month (or its week) and redraw."""
        self.selected, self.week = selected, week
        self.set_class(week, "-week")
        # A month's height is known from its weeks: setting it spares Textual measuring
        # the table by drawing it (twice the cost of a key press on a big board).
        height = (
            "1fr" if week else _MONTH_CHROME + _MONTH_ROW * len(month_dates(selected.year, selected.month))
        )
        if height != self._height:
            self._height = self.styles.height = height
        self.refresh()

    # -- drawing ---------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        # Text colours only: a component's background would paint over the selected day's block.
        style = self.get_component_rich_style(name)
        if name == "calendar--selected":
            return style
        return Style(color=style.color, bold=style.bold, italic=style.italic)

    def _weekdays(self) -> list[str]:
        return tr(self.lang, "cal_weekdays").split(",")

    def render(self) -> RenderableType:
        """The table for the current view."""
        return self._week_table() if self.week else self._month_table()

    def _table(self, padding: int = 0) -> Table:
        return Table(
            box=box.ROUNDED,
            expand=True,
            show_lines=True,
            padding=(0, padding),
            header_style="bold",
            border_style=self._style("calendar--empty"),
        )

    def _cell(self, lines: list[Text], day: date) -> RenderableType:
        # Padding with a style fills the whole cell, so the selected day reads as a block.
        body = Text("\n").join(lines)
        body.no_wrap = True
        body.overflow = "ellipsis"
        style = self._style("calendar--selected") if day == self.selected else Style()
        return Padding(body, (0, 1), style=style, expand=True)

    def _month_table(self) -> Table:
        table = self._table()
        for name in self._weekdays():
            table.add_column(Text(" " + name), ratio=1, no_wrap=True)
        for week in self.calendar.month(self.selected.year, self.selected.month):
            table.add_row(*(self._cell(self._month_lines(day), day.day) for day in week))
        return table

    def _month_lines(self, day: Day) -> list[Text]:
        """Day number (and the as-of mark), tasks due, the overdue pile."""
        lang, today = self.lang, self.calendar.today
        if day.day == today:
            mark = f"{day.day.day} {tr(lang, 'cal_as_of_mark')}"
            head = Text(mark, style=self._style("calendar--as-of"))
        elif not day.in_month:
            head = Text(f"{day.day.month}/{day.day.day}", style=self._style("calendar--outside"))
        elif day.day < today:
            head = Text(str(day.day.day), style=self._style("calendar--past"))
        else:
            head = Text(str(day.day.day))
        due, pile = Text(), Text()
        if day.due:
            due = Text(tr(lang, "cal_due", n=len(day.due)), style=self._style(URGENCY_CLASS[day.due_urgency]))
        if day.overdue:
            pile = Text(tr(lang, "cal_overdue", n=len(day.overdue)), style=self._style("calendar--overdue"))
        return [head, due, pile]

    def _week_table(self) -> Table:
        """The week as an agenda: a row per day with its counts and a line per task."""
        cal = self.calendar
        table = self._table(padding=1)
        table.add_column(Text(tr(self.lang, "cal_col_day")), no_wrap=True)
        table.add_column(Text(tr(self.lang, "cal_col_count")), no_wrap=True, min_width=8)
        table.add_column(Text(tr(self.lang, "cal_col_tasks")), ratio=1, no_wrap=True)
        days = cal.week(self.selected)
        room = max(len(days), self.size.height - _WEEK_CHROME)
        shares = share_lines([max(1, d.count) for d in days], room)
        weekdays = self._weekdays()
        for day, lines in zip(days, shares, strict=True):
            d = day.day
            label = f"{weekdays[d.weekday()]} {d.month}/{d.day}"
            if d == cal.today:
                label += f" {tr(self.lang, 'cal_as_of_mark')}"
            head_style = self._style("calendar--as-of" if d == cal.today else "calendar--later")
            if d < cal.today:
                head_style = self._style("calendar--past")
            table.add_row(
                Text(label, style=head_style),
                self._counts(day),
                self._task_lines(day, lines),
                style=self._style("calendar--selected") if d == self.selected else None,
            )
        return table

    def _counts(self, day: Day) -> Text:
        """``到期 2`` in the day's colour and ``逾期 5`` in red, one per line."""
        lines = []
        if day.due:
            style = self._style(URGENCY_CLASS[day.due_urgency])
            lines.append(Text(tr(self.lang, "cal_due", n=len(day.due)), style=style))
        if day.overdue:
            style = self._style("calendar--overdue")
            lines.append(Text(tr(self.lang, "cal_overdue", n=len(day.overdue)), style=style))
        return Text("\n").join(lines)

    def _task_lines(self, day: Day, room: int) -> Text:
        """A line per task (due first, then the overdue pile), the last line saying how many more."""
        entries = [(t, False) for t in day.due] + [(t, True) for t in day.overdue]
        hidden = 0
        if len(entries) > room:
            hidden = len(entries) - (room - 1)
            entries = entries[: room - 1]
        lines = [self._task_line(task, overdue) for task, overdue in entries]
        if hidden:
            lines.append(Text(tr(self.lang, "cal_more", n=hidden), style=self._style("calendar--past")))
        body = Text("\n").join(lines)
        body.no_wrap, body.overflow = True, "ellipsis"
        return body

    def _task_line(self, task: Task, overdue: bool) -> Text:
        number_style = self._style("calendar--overdue" if overdue else "calendar--number")
        leads = units(task.lead_units, self.lang) if task.lead_units else tr(self.lang, "no_lead")
        return Text.assemble(
            (one_line(task.number), number_style),
            " ",
            one_line(task.title),
            ("  " + leads, self._style("calendar--past")),
        )


def share_lines(needs: list[int], room: int) -> list[int]:
    """Lines for each day: all it needs when everything fits, else an equal cap for the longest.

    Every day keeps at least one line; ``room`` smaller than the number of days is not honoured.
    """
    if sum(needs) <= room:
        return list(needs)
    cap = 1
    while sum(min(n, cap + 1) for n in needs) <= room:
        cap += 1
    shares = [min(n, cap) for n in needs]
    # Hand what is left to the longest days first, a line each.
    spare = room - sum(shares)
    for i in sorted(range(len(needs)), key=lambda i: -needs[i]):
        if spare <= 0:
            break
        if needs[i] > shares[i]:
            shares[i] += 1
            spare -= 1
    return shares
