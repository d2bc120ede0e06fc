"""The summary as a screen of the board (``S``): the report's figures plus a completion bar chart.

The figures and their rich tables come from :mod:`taskboard.report`; this
module only lays them out in Textual, so the screen and ``taskboard summary``
cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...catalogue import say
from ...model import Task
from ...report.labels import label
from ...report.summary import Summary, build_summary
from ...report.summary_rich import (
    completion_chart,
    header_lines,
    sources_table,
    task_list_table,
    units_table,
)


class SummaryScreen(Screen):
    """Totals, the per-unit table, a completion bar per unit, overdue and due-soon lists, sources."""

    DEFAULT_CSS = """
    SummaryScreen #summary-body { padding: 0 2; }
    SummaryScreen #summary-body > Static { margin-bottom: 1; }
    SummaryScreen #summary-title { text-style: bold; }
    SummaryScreen #summary-keys { dock: bottom; height: 1; padding: 0 2; background: $panel; }
    """

    # The key hint is a line of our own in the board's language (Footer would show Binding's fixed text).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(
        self,
        tasks: Sequence[Task],
        today: date,
        lang: str,
        *,
        lead: str | None = None,
        source: str | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.lang = lang
        self.summary: Summary = build_summary(tasks, today, lead=lead, source=source)

    def compose(self) -> ComposeResult:
        """One static per part, in a scrolling column."""
        s, lang = self.summary, self.lang
        first, counts, risks = header_lines(s, lang)
        with VerticalScroll(id="summary-body"):
            yield Static(Text(label("title", lang)), id="summary-title")
            yield Static(
                Group(Text(first), Text(counts), Text(risks, style="red" if s.totals.overdue else "")),
                id="summary-totals",
            )
            yield Static(completion_chart(s, lang), id="summary-chart")
            yield Static(units_table(s, lang), id="summary-units")
            yield Static(
                task_list_table(
                    s.overdue, lang, label("overdue_title", lang, n=len(s.overdue)), overdue=True
                ),
                id="summary-overdue",
            )
            yield Static(
                task_list_table(
                    s.due_soon,
                    lang,
                    label("soon_title", lang, days=s.soon_days, n=len(s.due_soon)),
                    overdue=False,
                ),
                id="summary-soon",
            )
            yield Static(sources_table(s, lang), id="summary-sources")
        yield Static(Text(say(lang, "summary_close")), id="summary-keys")

    def on_mount(self) -> None:
        """Scroll keys work at once, without a click."""
        self.query_one("#summary-body", VerticalScroll).focus()

    def action_close(self) -> None:
        """Back to the board."""
        self.dismiss()
