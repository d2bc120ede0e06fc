"""``add``, ``archive``, ``restore``: tasks that begin or leave the board by hand."""

from __future__ import annotations

import argparse

from ..catalogue import say
from ..clock import parse_date
from ..model import ARCHIVE_REASONS, archive_reason, split_units
from ..store.store import MANUAL_SOURCE
from .context import Context
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
    said = say(ctx.lang, "cli.added", task_id=task.id, title=task.title)
    console().print(said, highlight=False)
    return 0


def cmd_archive(ctx: Context, args: argparse.Namespace) -> int:
    """Retire a task; it leaves the columns and the counts, and stays listed with --archived."""
    reason = archive_reason(args.reason)  # an unknown one is said in the user's language by main()
    task = ctx.store.archive(args.id, reason)
    said = say(ctx.lang, "cli.archived", task_id=task.id, reason=say(ctx.lang, f"reason_{reason}"))
    console().print(said, highlight=False)
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """Bring a retired task back."""
    task = ctx.store.restore(args.id)
    said = say(ctx.lang, "cli.restored", task_id=task.id, status=task.status.label(ctx.lang))
    console().print(said, highlight=False)
    return 0
