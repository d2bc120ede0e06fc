"""``add``, ``archive``, ``restore``: tasks that begin or leave the board by hand."""

from __future__ import annotations

import argparse

from ..clock import parse_date
from ..model import ARCHIVE_REASONS, archive_reason, split_units
from ..store.store import MANUAL_SOURCE
from .context import CommandError, Context
from .output import console


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the lifecycle commands to the ``taskboard`` parser."""
    p = sub.add_parser("add", parents=[common], help="add a task by hand (领导交办, a meeting's decision)")
    p.add_argument("title")
    p.add_argument("--lead", metavar="UNITS", default="", help="lead units, separated by 、 or ,")
    p.add_argument("--co", metavar="UNITS", default="", help="co-units, separated by 、 or ,")
    p.add_argument("--deadline", metavar="YYYY-MM-DD", help="the deadline, if there is one")
    p.add_argument("--source", metavar="NAME", default=MANUAL_SOURCE, help=f"origin ({MANUAL_SOURCE})")
    p.set_defaults(run=cmd_add)

    p = sub.add_parser("archive", parents=[common], help="retire a task (cancelled, merged, deferred)")
    p.add_argument("id")
    p.add_argument("--reason", required=True, help=f"one of {'|'.join(ARCHIVE_REASONS)}")
    p.set_defaults(run=cmd_archive)

    p = sub.add_parser("restore", parents=[common], help="put a retired task back on the board")
    p.add_argument("id")
    p.set_defaults(run=cmd_restore)


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    """Create the task and print its id (every other command needs it)."""
    deadline = parse_date(args.deadline, "--deadline") if args.deadline else None
    task = ctx.store.add_task(
        args.title,
        source=args.source,
        lead_units=split_units(args.lead),
        co_units=split_units(args.co),
        deadline=deadline,
    )
    zh = ctx.lang == "zh"
    said = f"已添加 {task.id}：{task.title}" if zh else f"added {task.id}: {task.title}"
    console().print(said, highlight=False)
    return 0


def cmd_archive(ctx: Context, args: argparse.Namespace) -> int:
    """Retire a task; it leaves the columns and the counts, and stays listed with --archived."""
    try:
        reason = archive_reason(args.reason)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    task = ctx.store.archive(args.id, reason)
    zh = ctx.lang == "zh"
    said = f"已归档 {task.id}（{reason}）" if zh else f"archived {task.id} ({reason})"
    console().print(said, highlight=False)
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """Bring a retired task back."""
    task = ctx.store.restore(args.id)
    zh = ctx.lang == "zh"
    said = f"已恢复 {task.id}：{task.status.label(ctx.lang)}" if zh else f"restored {task.id}"
    console().print(said, highlight=False)
    return 0
