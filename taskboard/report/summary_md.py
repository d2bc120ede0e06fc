"""The summary as Markdown: headings and pipe tables, for e-mail, wikis and conversion to Word."""

from __future__ import annotations

from collections.abc import Collection

from .labels import label
from .summary import Figures, Summary, TaskLine
from .summary_rich import figure_cells, figure_headers, header_lines, task_cells, unit_name


def md_cell(value: object) -> str:
    """A table cell: pipes escaped and line breaks flattened, which would otherwise end the row."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def md_table(headers: list[str], rows: list[list[str]], right: Collection[int] = ()) -> list[str]:
    """A pipe table; columns in ``right`` are right-aligned (numbers)."""
    out = ["| " + " | ".join(md_cell(h) for h in headers) + " |"]
    out.append("|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|")
    out.extend("| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows)
    return out


def _figures(summary: Summary, rows: list[Figures], first: str, lang: str, *, units: bool) -> list[str]:
    heads = [first, *figure_headers(summary, lang)]
    body = [[unit_name(f.name, lang) if units else f.name, *figure_cells(f)] for f in rows]
    return md_table(heads, body, right=set(range(1, len(heads))))


def _tasks(lines: list[TaskLine], lang: str, *, overdue: bool) -> list[str]:
    if not lines:
        return [label("none", lang)]
    heads = [label(k, lang) for k in ("number", "task", "lead", "deadline")]
    heads.append(label("days_overdue" if overdue else "days_left", lang))
    body = [task_cells(t, lang, overdue=overdue) for t in lines]
    return md_table(heads, body, right={4})


def summary_markdown(summary: Summary, lang: str) -> str:
    """The whole summary as one Markdown document."""
    first, counts, risks = header_lines(summary, lang)
    out = [f"# {label('title', lang)}", "", f"{first}  ", f"{counts}  ", risks, ""]
    out += [f"## {label('units_title', lang)}", "", f"*{label('units_caption', lang)}*", ""]
    out += [*_figures(summary, summary.units, label("lead", lang), lang, units=True), ""]
    out += [f"## {label('overdue_title', lang, n=len(summary.overdue))}", ""]
    out += [*_tasks(summary.overdue, lang, overdue=True), ""]
    out += [f"## {label('soon_title', lang, days=summary.soon_days, n=len(summary.due_soon))}", ""]
    out += [*_tasks(summary.due_soon, lang, overdue=False), ""]
    out += [f"## {label('sources_title', lang)}", ""]
    out += _figures(summary, summary.sources, label("source", lang), lang, units=False)
    return "\n".join(out) + "\n"
