"""The summary as a standalone HTML page (inline CSS, Chinese fonts, prints on A4)."""

from __future__ import annotations

import string
from html import escape

from .labels import label
from .summary import Figures, Summary, TaskLine
from .summary_rich import figure_cells, figure_headers, header_lines, task_cells, unit_name

# Everything inline: the page is mailed or printed, never served with assets.
_CSS = """
body { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
       "Source Han Sans SC", "WenQuanYi Micro Hei", SimSun, sans-serif;
       color: #222; margin: 2em auto; max-width: 60em; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 2px solid #555; padding-bottom: 0.2em; }
p.meta { margin: 0.1em 0; }
p.risk { color: #b00020; font-weight: bold; }
p.caption { color: #555; font-size: 0.9em; margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top; }
/* A heading is one word (已完成, 30天内到期): never broken inside it, whatever the width. */
th { background: #eee; text-align: center; white-space: nowrap; word-break: keep-all; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
td.bad { color: #b00020; font-weight: bold; }
.bar { background: #ddd; height: 0.7em; width: 6em; display: inline-block; margin-right: 0.4em; }
.bar span { background: #2e7d32; height: 100%; display: block; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  th, td { padding: 0.2em 0.35em; }
  .bar { width: 3em; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, p { break-inside: avoid; page-break-inside: avoid; }
  /* Long tables go on over pages: their header row repeats on each. */
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()


# Page numbers in the bottom margin (browsers that know margin boxes print them; others ignore it).
_PAGE_CSS = """
@page {{ size: A4 portrait; margin: 15mm 12mm;
  @bottom-center {{ content: {footer}; font-size: 9pt; }} }}
""".strip()


def _footer_css(lang: str) -> str:
    """The catalogue's ``第 {number} 页 共 {total} 页`` as CSS content: quoted text and page counters."""
    counters = {"number": "counter(page)", "total": "counter(pages)"}
    parts = []
    for text, name, _, _ in string.Formatter().parse(label("page_of", lang)):
        if text:
            parts.append('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')
        if name:
            parts.append(counters[name])
    return " ".join(parts)


# C0 control characters are not allowed in XML; a stray one pasted from Word would break the page.
_CONTROL = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")


def _e(value: object) -> str:
    return escape(str(value).translate(_CONTROL), quote=True)


def _figures_table(summary: Summary, rows: list[Figures], first: str, lang: str, *, units: bool) -> list[str]:
    heads = [first, *figure_headers(summary, lang)]
    out = [
        "<table>",
        "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in heads) + "</tr></thead>",
        "<tbody>",
    ]
    for f in rows:
        cells = figure_cells(f)
        name = unit_name(f.name, lang) if units else f.name
        tds = [f"<td>{_e(name)}</td>"]
        tds += [f'<td class="num">{_e(c)}</td>' for c in cells[:4]]
        tds.append(f'<td class="num{" bad" if f.overdue else ""}">{_e(cells[4])}</td>')
        tds.append(f'<td class="num">{_e(cells[5])}</td>')
        bar = f'<span class="bar"><span style="width:{f.completion}%"></span></span>'
        tds.append(f'<td class="num">{bar}{_e(cells[6])}</td>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _task_table(lines: list[TaskLine], lang: str, *, overdue: bool) -> list[str]:
    if not lines:
        return [f"<p>{_e(label('none', lang))}</p>"]
    heads = [label(k, lang) for k in ("number", "task", "lead", "deadline")]
    heads.append(label("days_overdue" if overdue else "days_left", lang))
    out = [
        "<table>",
        "<thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in heads) + "</tr></thead>",
        "<tbody>",
    ]
    for t in lines:
        shown, title, leads, due, days = task_cells(t, lang, overdue=overdue)  # the cells of every format
        out.append(
            f'<tr><td class="{"num" if not t.ref else "ref"}">{_e(shown)}</td><td>{_e(title)}</td>'
            f'<td>{_e(leads)}</td><td class="date">{_e(due)}</td>'
            f'<td class="num{" bad" if overdue else ""}">{days}</td></tr>'
        )
    out += ["</tbody>", "</table>"]
    return out


def summary_html(summary: Summary, lang: str) -> str:
    """A complete, well-formed HTML page (it also parses as XML)."""
    title = label("title", lang)
    first, counts, risks = header_lines(summary, lang)
    risk_class = "meta risk" if summary.totals.overdue else "meta"
    body = [
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(first)}</p>',
        f'<p class="meta">{_e(counts)}</p>',
        f'<p class="{risk_class}">{_e(risks)}</p>',
        f"<h2>{_e(label('units_title', lang))}</h2>",
        f'<p class="caption">{_e(label("units_caption", lang))}</p>',
        *_figures_table(summary, summary.units, label("lead", lang), lang, units=True),
        f"<h2>{_e(label('overdue_title', lang, n=len(summary.overdue)))}</h2>",
        *_task_table(summary.overdue, lang, overdue=True),
        f"<h2>{_e(label('soon_title', lang, days=summary.soon_days, n=len(summary.due_soon)))}</h2>",
        *_task_table(summary.due_soon, lang, overdue=False),
        f"<h2>{_e(label('sources_title', lang))}</h2>",
        *_figures_table(summary, summary.sources, label("source", lang), lang, units=False),
    ]
    html_lang = label("html_lang", lang)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang}">',
        "<head>",
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f"<title>{_e(title)} {_e(summary.as_of.isoformat())}</title>",
        f"<style>\n{_CSS}\n{_PAGE_CSS.format(footer=_footer_css(lang))}\n</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"
