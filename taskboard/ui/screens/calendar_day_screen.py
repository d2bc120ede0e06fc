"""One calendar day's tasks (``enter`` in the calendar): number, title, lead unit, countdown, source."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from taskboard.calendar import Day
from taskboard.model import Bucket, countdown

from ..formatting import units
from ..i18n import tr
from ..textfit import one_line


def day_table(day: Day, today: date, lang: str, overdue_style: Style | str = "bold red") -> Table:
    """One row per task of ``day``: the overdue pile first (most overdue first), then those due."""
    table = Table(box=None, expand=True, header_style="bold", pad_edge=False)
    table.add_column(tr(lang, "field_number"), no_wrap=True)
    table.add_column(tr(lang, "field_title"), ratio=3, overflow="fold")
    table.add_column(tr(lang, "field_lead_units"), ratio=2, overflow="fold")
    table.add_column(tr(lang, "field_countdown"), no_wrap=True)
    table.add_column(tr(lang, "field_source"), ratio=1, no_wrap=True, overflow="ellipsis")
    for task in day.tasks:
        cd = countdown(task, today)
        style = overdue_style if cd.bucket is Bucket.OVERDUE else ""
        table.add_row(
            Text(one_line(task.number), style="bold"),
            Text(one_line(task.title)),
            Text(units(task.lead_units, lang) if task.lead_units else tr(lang, "no_lead")),
            Text(cd.label(lang), style=style),
            Text(one_line(task.source), style="dim"),
        )
    return table


class DayTasks(Widget):
    """The day's table, its overdue countdowns in the theme's error colour."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"day--overdue"}
    DEFAULT_CSS = """
    DayTasks { height: auto; }
    DayTasks > .day--overdue { color: $text-error; text-style: bold; }
    """

    def __init__(self, day: Day, today: date, lang: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.day, self.today, self.lang = day, today, lang

    def show(self, day: Day) -> None:
        """Show another day's tasks."""
        self.day = day
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        """The table of :func:`day_table`, or a line saying the day has none."""
        if not self.day.tasks:
            return Text(tr(self.lang, "cal_day_empty"))
        return day_table(self.day, self.today, self.lang, self.get_component_rich_style("day--overdue"))


class CalendarDayScreen(ModalScreen[None]):
    """The selected day's tasks in a dialog over the calendar."""

    DEFAULT_CSS = """
    CalendarDayScreen { align: center middle; }
    CalendarDayScreen > #day {
        width: 90%;
        max-width: 140;
        height: auto;
        max-height: 90%;
        border: round $border;
        background: $surface;
        padding: 0 1;
    }
    CalendarDayScreen #day-title { text-style: bold; color: $text-primary; }
    CalendarDayScreen #day-body { height: auto; max-height: 30; }
    CalendarDayScreen #day-hint { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,enter", "close", show=False)]

    def __init__(self, day: Day, today: date, lang: str) -> None:
        super().__init__(id="calendar-day")
        self.day = day
        self.today = today
        self.lang = lang

    def compose(self) -> ComposeResult:
        """Title, the tasks (or a line saying there are none), how to close."""
        lang, d = self.lang, self.day.day
        weekday = tr(lang, "cal_weekdays").split(",")[d.weekday()]
        title = tr(lang, "cal_day_title", date=d.isoformat(), weekday=weekday, n=self.day.count)
        with Vertical(id="day"):
            yield Static(Text(title), id="day-title")
            with VerticalScroll(id="day-body"):
                yield DayTasks(self.day, self.today, lang, id="day-tasks")
            yield Static(Text(tr(lang, "cal_day_hint")), id="day-hint")

    def on_mount(self) -> None:
        """Scroll keys work at once."""
        self.query_one("#day-body", VerticalScroll).focus()

    def action_close(self) -> None:
        """Back to the calendar."""
        self.dismiss(None)
