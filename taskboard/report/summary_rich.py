"""The summary as rich renderables: printed as text, recorded as SVG, shown on the board's screen."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .fast_table import Column, FastTable
from .labels import label, pct
from .summary import NO_LEAD, Figures, Summary, TaskLine

TEXT_WIDTH = 100  # the text summary must fit a 100-column terminal or e-mail


def unit_name(unit: str, lang: str) -> str:
    """A lead unit as shown: the name, or a label for tasks that have none."""
    return unit or label("no_lead", lang)


def leads_text(leads: tuple[str, ...] | list[str], lang: str) -> str:
    """Several lead units joined the Chinese way: ``区发改委、区财政局``."""
    return "、".join(leads) if leads else unit_name(NO_LEAD, lang)


def task_cells(t: TaskLine, lang: str, *, overdue: bool) -> list[str]:
    """A row of the overdue / due-soon lists: number, title, leads, deadline, days (every format)."""
    days = -t.days if overdue else t.days
    return [
        t.shown,
        t.title,
        leads_text(t.leads, lang),
        t.deadline.isoformat() if t.deadline else "",
        str(days),
    ]


def header_lines(summary: Summary, lang: str) -> list[str]:
    """As-of date, filters and totals by status, one sentence each (shared by every format)."""
    t = summary.totals
    parts = [label("as_of", lang, date=summary.as_of.isoformat())]
    if summary.lead is not None:
        parts.append(label("filter_lead", lang, value=summary.lead))
    if summary.source is not None:
        parts.append(label("filter_source", lang, value=summary.source))
    first = label("header_sep", lang).join(parts)
    sep = " · "
    counts = sep.join(
        [
            label("tasks_n", lang, n=t.total),
            f"{label('done', lang)} {t.done}",
            f"{label('in_progress', lang)} {t.in_progress}",
            f"{label('not_started', lang)} {t.not_started}",
            f"{label('completion', lang)} {pct(t.completion)}",
        ]
    )
    risks = sep.join(
        [
            f"{label('overdue', lang)} {t.overdue}",
            f"{label('due_within', lang, n=summary.due_days)} {t.due}",
        ]
    )
    return [first, counts, risks]


def figure_cells(f: Figures) -> list[str]:
    """The numbers of one row: total, done, in progress, not started, overdue, due, completion."""
    return [
        str(f.total),
        str(f.done),
        str(f.in_progress),
        str(f.not_started),
        str(f.overdue),
        str(f.due),
        pct(f.completion),
    ]


def figure_headers(summary: Summary, lang: str) -> list[str]:
    """Column heads matching :func:`figure_cells`."""
    return [label(k, lang) for k in ("total", "done", "in_progress", "not_started", "overdue")] + [
        label("due_within", lang, n=summary.due_days),
        label("completion", lang),
    ]


def _figures_table(
    summary: Summary,
    rows: list[Figures],
    first: str,
    lang: str,
    title: str,
    caption: str | None = None,
    *,
    units: bool,
) -> Table:
    table = Table(
        title=title,
        caption=caption,
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        title_style="bold",
        header_style="bold",
        pad_edge=False,
    )
    table.add_column(first, overflow="fold", ratio=1)
    for head in figure_headers(summary, lang):
        table.add_column(head, justify="right", no_wrap=True)
    for f in rows:
        cells = figure_cells(f)
        style = "red" if f.overdue else ""
        name = unit_name(f.name, lang) if units else f.name
        # Text(), not str: rich would read "[…]" in a name as markup.
        table.add_row(Text(name), *cells[:4], Text(cells[4], style=style), *cells[5:])
    return table


def units_table(summary: Summary, lang: str) -> Table:
    """The per-lead-unit table, worst first (the caption says how it is sorted)."""
    return _figures_table(
        summary,
        summary.units,
        label("lead", lang),
        lang,
        label("units_title", lang),
        label("units_caption", lang),
        units=True,
    )


def sources_table(summary: Summary, lang: str) -> Table:
    """One line per source document."""
    return _figures_table(
        summary, summary.sources, label("source", lang), lang, label("sources_title", lang), units=False
    )


def task_list_table(lines: list[TaskLine], lang: str, title: str, *, overdue: bool) -> RenderableType:
    """The overdue list (days overdue) or the due-soon list (days left).

    A :class:`FastTable`: these lists run to thousands of rows on a big board.
    """
    if not lines:
        return Group(Text(title, style="bold"), Text(label("none", lang), style="dim"), Text(""))
    columns = [
        Column(label("number", lang)),
        Column(label("task", lang), ratio=3),
        Column(label("lead", lang), ratio=2),
        Column(label("deadline", lang)),
        Column(
            label("days_overdue" if overdue else "days_left", lang),
            right=True,
            style="red" if overdue else "yellow",
        ),
    ]
    return FastTable(title, columns, [task_cells(t, lang, overdue=overdue) for t in lines])


def completion_chart(summary: Summary, lang: str, bar_width: int = 30) -> Table:
    """A horizontal bar per lead unit: completion %, in the per-unit table's order."""
    table = Table(
        title=label("completion_chart", lang),
        title_justify="left",
        title_style="bold",
        box=None,
        show_header=False,
        pad_edge=False,
    )
    table.add_column(overflow="fold", ratio=1)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(justify="right", no_wrap=True, style="dim")
    for f in summary.units:
        filled = round(f.completion_ratio * bar_width)
        colour = "green" if f.completion >= 80 else "yellow" if f.completion >= 40 else "red"
        bar = Text("█" * filled, style=colour) + Text("░" * (bar_width - filled), style="dim")
        table.add_row(Text(unit_name(f.name, lang)), bar, pct(f.completion), f"{f.done}/{f.total}")
    return table


def summary_renderables(summary: Summary, lang: str) -> list[RenderableType]:
    """The whole summary, top to bottom."""
    head = Text(label("title", lang), style="bold")
    lines = header_lines(summary, lang)
    return [
        head,
        Text(lines[0]),
        Text(lines[1]),
        Text(lines[2], style="red" if summary.totals.overdue else ""),
        Text(""),
        units_table(summary, lang),
        Text(""),
        task_list_table(
            summary.overdue, lang, label("overdue_title", lang, n=len(summary.overdue)), overdue=True
        ),
        task_list_table(
            summary.due_soon,
            lang,
            label("soon_title", lang, days=summary.soon_days, n=len(summary.due_soon)),
            overdue=False,
        ),
        sources_table(summary, lang),
    ]


def print_summary(console: Console, summary: Summary, lang: str) -> None:
    """Print the summary on ``console`` (colour only if the console has it)."""
    for part in summary_renderables(summary, lang):
        console.print(part, highlight=False)


def summary_text(summary: Summary, lang: str, width: int = TEXT_WIDTH) -> str:
    """The summary as plain text (no colour codes), ``width`` columns wide."""
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, color_system=None, force_terminal=False, soft_wrap=False, legacy_windows=False
    )
    print_summary(console, summary, lang)
    return buf.getvalue()


def summary_svg(summary: Summary, lang: str, width: int = TEXT_WIDTH) -> str:
    """The summary as an SVG picture of the terminal output."""
    console = Console(
        file=io.StringIO(),
        width=width,
        record=True,
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
    )
    print_summary(console, summary, lang)
    return console.export_svg(title=label("title", lang))
