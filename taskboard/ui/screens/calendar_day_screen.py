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
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import DataTable, Static

from taskboard.calendar import Day
from taskboard.model import Bucket, Task, countdown

from ..formatting import units
from ..i18n import tr
from ..textfit import one_line

# The preview under the grid lists this many; enter lists every task (the pile can run to thousands).
PREVIEW_ROWS = 60
# Widest a title or a unit list may be in the day list before it is cut with "…".
_TITLE_CELLS, _UNITS_CELLS = 60, 30


def task_cells(task: Task, today: date, lang: str, overdue_style: Style | str) -> tuple[Text, ...]:
    """Number, title, lead units, countdown and source of one task, as text (never markup)."""
    cd = countdown(task, today)
    return (
        Text(one_line(task.number), style="bold"),
        Text(one_line(task.title)),
        Text(units(task.lead_units, lang) if task.lead_units else tr(lang, "no_lead")),
        Text(cd.label(lang), style=overdue_style if cd.bucket is Bucket.OVERDUE else ""),
        Text(one_line(task.source), style="dim"),
    )


def _headers(lang: str) -> list[str]:
    names = ("field_number", "field_title", "field_lead_units", "field_countdown", "field_source")
    return [tr(lang, name) for name in names]


def day_table(
    day: Day, today: date, lang: str, overdue_style: Style | str = "bold red", limit: int | None = None
) -> Table:
    """The overdue pile (most overdue first), then the tasks due; past ``limit`` a line says how many more."""
    table = Table(box=None, expand=True, header_style="bold", pad_edge=False)
    number, title, leads, days, source = _headers(lang)
    table.add_column(number, no_wrap=True)
    # One line per task, so the preview's height is its row count (see DayTasks.show).
    table.add_column(title, ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column(leads, ratio=2, no_wrap=True, overflow="ellipsis")
    table.add_column(days, no_wrap=True)
    table.add_column(source, ratio=1, no_wrap=True, overflow="ellipsis")
    tasks = day.tasks if limit is None else day.tasks[:limit]
    for task in tasks:
        table.add_row(*task_cells(task, today, lang, overdue_style))
    if len(tasks) < len(day.tasks):
        table.add_row("", Text(tr(lang, "cal_more_enter", n=len(day.tasks) - len(tasks)), style="dim"))
    return table


class DayTasks(Widget):
    """A day's tasks under the calendar grid (the first :data:`PREVIEW_ROWS`)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"day--overdue"}
    DEFAULT_CSS = """
    DayTasks { height: 1; }
    DayTasks > .day--overdue { color: $text-error; text-style: bold; }
    """

    def __init__(self, day: Day, today: date, lang: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.day, self.today, self.lang = day, today, lang

    def on_mount(self) -> None:
        """Size to the first day shown."""
        self.show(self.day)

    def show(self, day: Day) -> None:
        """Show another day's tasks."""
        self.day = day
        # Header, a line per row, the "… more" line: known without drawing the table.
        shown = min(len(day.tasks), PREVIEW_ROWS)
        height = 1 + shown + (len(day.tasks) > shown) if day.tasks else 1
        if self.styles.height is None or self.styles.height.value != height:
            self.styles.height = height
        self.refresh()

    def render(self) -> RenderableType:
        """The table of :func:`day_table`, or a line saying the day has none."""
        if not self.day.tasks:
            return Text(tr(self.lang, "cal_day_empty"))
        style = self.get_component_rich_style("day--overdue")
        return day_table(self.day, self.today, self.lang, style, limit=PREVIEW_ROWS)


class DayTable(DataTable):
    """Every task of a day, one row each; DataTable draws only the rows on screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"day--overdue"}
    DEFAULT_CSS = """
    DayTable { height: auto; max-height: 30; }
    DayTable > .day--overdue { color: $text-error; text-style: bold; }
    """

    def __init__(self, day: Day, today: date, lang: str, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.day, self.today, self.lang = day, today, lang

    def on_mount(self) -> None:
        """Fill the rows (theme colours are known once mounted)."""
        for label in _headers(self.lang):
            self.add_column(label)
        style = self.get_component_rich_style("day--overdue")
        rows = []
        for task in self.day.tasks:
            number, title, leads, days, source = task_cells(task, self.today, self.lang, style)
            rows.append((number, _cut(title, _TITLE_CELLS), _cut(leads, _UNITS_CELLS), days, source))
        self.add_rows(rows)


def _cut(text: Text, cells: int) -> Text:
    text.truncate(cells, overflow="ellipsis")
    return text


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
            if self.day.tasks:
                yield DayTable(self.day, self.today, lang, id="day-tasks")
            else:
                yield Static(Text(tr(lang, "cal_day_empty")), id="day-tasks")
            yield Static(Text(tr(lang, "cal_day_hint")), id="day-hint")

    def on_mount(self) -> None:
        """Arrow keys move through the rows at once."""
        self.query_one("#day-tasks").focus()

    def action_close(self) -> None:
        """Back to the calendar."""
        self.dismiss(None)
