"""``export``, ``summary``, ``remind``: what leaves the board for people and other tools.

Also ``import_ledgers``, the 台账 round trip ``import`` hands ``.xlsx`` files to.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from .. import config
from ..catalogue import say
from ..clock import parse_date
from ..model import Status
from ..report.atomic import write_atomic
from ..safetext import one_line
from .context import CommandError, Context, add_filter_options
from .output import console, dump_json
from .tasks import task_json

TEXT_WIDTH = 100
# The first format of each is the command's default (see _format).
SUMMARY_FORMATS = ("text", "md", "html", "svg", "pdf")
EXPORT_FORMATS = ("json", "csv", "xlsx")
REMIND_FORMATS = ("text", "md")
PAPERS = ("A4", "A3")
_SUFFIX_FORMATS = {
    ".txt": "text",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".svg": "svg",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".pdf": "pdf",
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the report commands to the ``taskboard`` parser."""
    p = sub.add_parser("export", parents=[common], help="export every task as json, csv or xlsx (台账)")
    _format_option(p, EXPORT_FORMATS)
    p.add_argument("-o", "--output", metavar="FILE", help="write here (json and csv go to stdout without -o)")
    add_filter_options(p)
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="count 剩余天数 from this date (default: --today)")
    p.add_argument(
        "--paper",
        type=str.upper,
        choices=PAPERS,
        default="A4",
        help="paper the xlsx 台账 prints on, landscape (default A4)",
    )
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("summary", parents=[common], help="progress summary for leadership (by lead unit)")
    add_filter_options(p)
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="count deadlines from this date (default: --today)")
    _format_option(p, SUMMARY_FORMATS)
    p.add_argument("-o", "--output", metavar="FILE", help="write to this file instead of the terminal")
    _within_option(p)
    p.set_defaults(run=cmd_summary)

    p = sub.add_parser(
        "remind", parents=[common], help="催办: a message per lead unit on overdue and due-soon tasks"
    )
    _within_option(p)
    p.add_argument("--lead", metavar="UNIT", help="only this lead unit's message")
    p.add_argument("--format", choices=REMIND_FORMATS, help="text (default) or md")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="count deadlines from this date (default: --today)")
    p.add_argument(
        "--reply-by", metavar="YYYY-MM-DD", help="ask for feedback by this date (default: 3 days on)"
    )
    p.add_argument("--sender", metavar="NAME", help="who signs the messages (default: 改革办)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to this file instead of the terminal")
    p.set_defaults(run=cmd_remind)


def _format_option(p: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    # export and summary: the first format is the default, else what the -o suffix says (see _format).
    listed = f"{formats[0]} (default), {', '.join(formats[1:-1])} or {formats[-1]}"
    p.add_argument("--format", choices=formats, help=f"{listed}; taken from the -o file name when not given")


def _within_option(p: argparse.ArgumentParser) -> None:
    # One "due soon" window for summary and 催办; config.json's due_soon_days changes the default.
    p.add_argument(
        "--within",
        type=_days,
        default=None,
        metavar="DAYS",
        help="the due-soon window in days (default: due_soon_days in the settings, else 14)",
    )


def _window(args: argparse.Namespace) -> int:
    return args.within if args.within is not None else config.due_soon_days()


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("days cannot be negative")
    return value


def _as_of(ctx: Context, args: argparse.Namespace) -> date:
    # --as-of beats the global --today / TASKBOARD_TODAY; a bad date is BadDate (one line, exit 1).
    return parse_date(args.as_of, "--as-of") if args.as_of else ctx.today


def _format(args: argparse.Namespace, allowed: tuple[str, ...]) -> str:
    # --format, else the -o file's suffix when the command makes that format, else the first (the default).
    if args.format:
        return args.format
    guessed = _SUFFIX_FORMATS.get(Path(args.output).suffix.lower()) if args.output else None
    return guessed if guessed in allowed else allowed[0]


def _no_match(lang: str, lead: str | None, source: str | None = None) -> CommandError:
    parts, said = [], []
    if lead:
        parts.append(f"led by {lead!r}")
        said.append(say(lang, "cli.no_match_lead", lead=lead))
    if source:
        parts.append(f"from a source starting with {source!r}")
        said.append(say(lang, "cli.no_match_source", source=source))
    error = CommandError(f"no task {' and '.join(parts)} (see `taskboard list`)")
    return error.said("cli.no_match", what=say(lang, "cli.no_match_sep").join(said))


def _selected(ctx: Context, args: argparse.Namespace):
    tasks = ctx.store.find(lead=args.lead, source=args.source)
    if not tasks and (args.lead or args.source):
        raise _no_match(ctx.lang, args.lead, args.source)
    return tasks


def _written(ctx: Context, path: str, what: str) -> None:
    path = one_line(path)
    msg = say(ctx.lang, "cli.written", path=path, what=what)
    console().print(msg, highlight=False, markup=False)


def _emit(ctx: Context, text: str, output: str | None, what: str) -> None:
    if output:
        write_atomic(output, text)
        _written(ctx, output, what)
    else:
        sys.stdout.write(text)


def document_titles(ctx: Context) -> Mapping[str, str]:
    """Source file → document title for every report (file names where a document has none)."""
    return {source: doc.name for source, doc in ctx.store.documents().items() if doc.title}


# -- export ------------------------------------------------------------------------------------------
def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    """Export the tasks: JSON for tools (the interface other tools rely on), csv/xlsx 台账 for people.

    Every file is written whole or not at all (see ``report.atomic``).
    """
    fmt = _format(args, EXPORT_FORMATS)
    tasks = _selected(ctx, args)
    if fmt == "json":
        # The JSON is the whole board for tools and backups: retired tasks too (with their reason).
        tasks = ctx.store.find(lead=args.lead, source=args.source, archived=None)
        history = ctx.store.history_by_task()
        text = dump_json([task_json(t, history.get(t.id)) for t in tasks])
        if args.output:
            write_atomic(args.output, text)
        else:
            sys.stdout.write(text)
        return 0
    today = _as_of(ctx, args)
    if fmt == "csv":
        from ..report.csv_export import ledger_csv

        # The csv module wrote CRLF line ends already; the text goes out as it is.
        csv_text = ledger_csv(tasks, today, document_titles(ctx))
        _emit(ctx, csv_text, args.output, say(ctx.lang, "cli.written_csv", n=len(tasks)))
        return 0
    if not args.output:
        what = say(ctx.lang, "cli.what_workbook")
        raise CommandError.keyed("cli.needs_output", command="export", fmt="xlsx", what=what)
    from ..report.xlsx import write_ledger_xlsx

    write_ledger_xlsx(
        tasks,
        today,
        args.output,
        revision=ctx.store.revision,
        paper=args.paper,
        titles=document_titles(ctx),
        lead=args.lead,
        source=args.source,
    )
    _written(ctx, args.output, say(ctx.lang, "cli.written_ledger", n=len(tasks)))
    return 0


# -- summary -----------------------------------------------------------------------------------------
def cmd_summary(ctx: Context, args: argparse.Namespace) -> int:
    """Print or write the summary in the chosen format (pdf only to a file)."""
    from ..report.summary import build_summary

    fmt = _format(args, SUMMARY_FORMATS)
    summary = build_summary(
        ctx.store.all(),
        _as_of(ctx, args),
        lead=args.lead,
        source=args.source,
        within=_window(args),
        titles=document_titles(ctx),
    )
    if not summary.totals.total and (args.lead or args.source):
        raise _no_match(ctx.lang, args.lead, args.source)
    if fmt == "text" and not args.output:
        from ..report.summary_rich import print_summary

        out = console()
        out.width = min(out.width, TEXT_WIDTH)  # fits 100 columns even on a wide terminal
        print_summary(out, summary, ctx.lang)
        return 0
    if fmt == "pdf":
        if not args.output:
            raise CommandError.keyed(
                "cli.needs_output", command="summary", fmt="pdf", what=say(ctx.lang, "cli.what_pdf")
            )
        from ..report.summary_pdf import write_summary_pdf

        pages = write_summary_pdf(summary, ctx.lang, args.output)
        _written(ctx, args.output, say(ctx.lang, "cli.written_pdf", n=pages))
        return 0
    if fmt == "text":
        from ..report.summary_rich import summary_text as render
    elif fmt == "md":
        from ..report.summary_md import summary_markdown as render
    elif fmt == "html":
        from ..report.summary_html import summary_html as render
    else:
        from ..report.summary_rich import summary_svg as render
    _emit(ctx, render(summary, ctx.lang), args.output, fmt)
    return 0


# -- remind ------------------------------------------------------------------------------------------
def cmd_remind(ctx: Context, args: argparse.Namespace) -> int:
    """Print (or write) one ready-to-send 催办 message per lead unit, and what they cover."""
    from ..report.remind import Coverage, build_reminders, coverage_line, reminders_document

    as_of = _as_of(ctx, args)
    within = _window(args)
    tasks = ctx.store.all()
    if args.lead and not ctx.store.find(lead=args.lead):
        raise _no_match(ctx.lang, args.lead)
    coverage = Coverage()
    reminders = build_reminders(tasks, as_of, within=within, lead=args.lead, coverage=coverage)
    reply_by = parse_date(args.reply_by, "--reply-by") if args.reply_by else None
    text = reminders_document(
        reminders,
        as_of,
        within=within,
        reply_by=reply_by,
        sender=args.sender,
        lang=ctx.lang,
        markdown=_format(args, REMIND_FORMATS) == "md",
        titles=document_titles(ctx),
    )
    _emit(ctx, text, args.output, f"{len(reminders)}")
    # The messages may be piped into mail: the tally goes to stderr unless they went to a file.
    tally = coverage_line(coverage, within, ctx.lang)
    print(tally, file=sys.stdout if args.output else sys.stderr)
    return 0


# -- the 台账 round trip ----------------------------------------------------------------------------
def import_ledgers(ctx: Context, paths: list[Path], dry_run: bool) -> int:
    """Bring 状态 and 最新进展 edited in 台账 workbooks back into the store.

    Every row of every workbook is checked first.  Any problem (unknown id,
    unreadable status, row without id, id twice) is printed on stderr with
    its row number and nothing at all is imported (exit 1), so bad input
    leaves the database as it was.  Otherwise all changes are made in one
    transaction: one ``taskboard undo`` reverts the whole import.
    """
    from ..report.ledger import LedgerError, plan_ledger_import, read_ledger
    from ..services import apply_ledger_plan

    rows = []
    for path in paths:
        try:
            rows += read_ledger(path)
        except LedgerError as exc:
            raise CommandError(exc.message_in(ctx.lang)) from None
    plan = plan_ledger_import(rows, ctx.store.all(), ctx.lang, status_at=ctx.store.status_at)
    lang = ctx.lang
    # Problems and notices quote workbook cells: one line each, no escape codes.
    for notice in plan.notices:
        print(f"taskboard: {one_line(notice)}", file=sys.stderr)
    if plan.problems:
        for problem in plan.problems:
            print(f"taskboard: {one_line(problem)}", file=sys.stderr)
        said = say(lang, "cli.ledger_problems", n=len(plan.problems))
        print(say(lang, "cli.error_prefix") + said, file=sys.stderr)
        return 1
    out = console()
    for ch in plan.changes:
        where = say(lang, "cli.ledger_where", file=ch.file, row=ch.row, task=ch.task)
        if ch.kind == "move":
            what = f"{Status(ch.old).label(lang)} → {Status(ch.new).label(lang)}"
        else:
            what = say(lang, "cli.ledger_new_note", text=_clip(ch.new))
        out.print(
            say(lang, "cli.ledger_change", where=where, what=one_line(what)), highlight=False, markup=False
        )
    counts = say(lang, "cli.ledger_counts", moves=len(plan.moves), notes=len(plan.notes))
    if dry_run:
        out.print(say(lang, "cli.ledger_dry_run", counts=counts), highlight=False)
        return 0
    if not plan.changes:
        out.print(say(lang, "cli.ledger_nothing"), highlight=False)
        return 0
    apply_ledger_plan(ctx.store, plan)
    out.print(say(lang, "cli.ledger_imported", counts=counts), highlight=False)
    return 0


def _clip(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
