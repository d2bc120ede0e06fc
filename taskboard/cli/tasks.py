"""``list``, ``show``, ``move``, ``note``, ``undo``, ``edit``: reading and changing tasks."""

from __future__ import annotations

import argparse

from rich.table import Table
from rich.text import Text

from ..catalogue import join, name_of, say
from ..clock import parse_date
from ..model import DeadlineKind, Status, Task, countdown, due_within, split_units
from ..store.history import describe
from .context import CommandError, Context, add_filter_options
from .output import console, print_json


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the task commands to the ``taskboard`` parser."""
    p = sub.add_parser("list", parents=[common], help="list tasks (filter by lead unit, status, source)")
    add_filter_options(p, several_leads=True)
    p.add_argument("--status", metavar="S", help="not_started|in_progress|done or 未开始|进行中|已完成")
    p.add_argument("--unit", metavar="UNIT", action="append", help="tasks a unit takes part in (see --role)")
    p.add_argument("--role", choices=("lead", "co", "any"), default="any", help="--unit as lead, co or any")
    p.add_argument("--due-within", metavar="DAYS", type=int, help="unfinished tasks due within DAYS days")
    p.add_argument("--archived", action="store_true", help="the retired tasks instead of the board's")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=cmd_list)

    p = sub.add_parser("show", parents=[common], help="show one task with its notes and history")
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_show)

    p = sub.add_parser("move", parents=[common], help="set a task's status")
    p.add_argument("id")
    p.add_argument("status", help="not_started|in_progress|done or 未开始|进行中|已完成")
    p.set_defaults(run=cmd_move)

    p = sub.add_parser("note", parents=[common], help="add a progress note to a task")
    p.add_argument("id")
    p.add_argument("text")
    p.set_defaults(run=cmd_note)

    p = sub.add_parser("undo", parents=[common], help="revert the latest change to the board")
    p.set_defaults(run=cmd_undo)

    p = sub.add_parser("edit", parents=[common], help="correct a task's title, units or deadline")
    p.add_argument("id")
    p.add_argument("--title")
    p.add_argument("--lead", metavar="UNITS", help="lead units, separated by 、 or ,")
    p.add_argument("--co", metavar="UNITS", help="co-units, separated by 、 or ,")
    p.add_argument("--deadline", metavar="YYYY-MM-DD", help="new deadline, or 'none'")
    p.set_defaults(run=cmd_edit)


def _status(text: str | None) -> Status | None:
    if text is None:
        return None
    return Status.parse(text)  # an UnknownStatus is said in the user's language by main()


def takes_part(task: Task, units: frozenset[str] | None, role: str) -> bool:
    """True when one of ``units`` leads ``task`` (role ``lead``), co-works on it (``co``) or either."""
    if not units:
        return True
    lead = role in ("lead", "any") and any(u in units for u in task.lead_units)
    co = role in ("co", "any") and any(u in units for u in task.co_units)
    return lead or co


def _leads(ctx: Context, given: list[str] | None) -> frozenset[str] | None:
    """The lead units asked for, with every spelling the alias table maps to the same unit.

    An unknown unit is an error that names the closest spellings on the board.
    """
    if not given:
        return None
    from ..ingest import IngestError
    from ..ingest.aliases import load_aliases, unit_key
    from ..units import closest_units, unit_counts

    names = [n.strip() for value in given for n in value.replace("、", ",").replace("，", ",").split(",")]
    names = [n for n in names if n]
    known = {c.name for c in unit_counts(ctx.store.all(archived=None))}
    try:
        aliases = load_aliases()
    except IngestError as exc:  # the user's alias file cannot be read
        raise CommandError(exc.message_in(ctx.lang)) from None
    wanted: set[str] = set()
    for name in names:
        canonical = aliases.canonical(name)
        same = {k for k in known if aliases.canonical(k) == canonical or unit_key(k) == unit_key(name)}
        if not same:
            hint = "、".join(closest_units(name, known))
            raise CommandError.keyed(
                "cli.unknown_unit",
                name=name,
                suggestion=say(ctx.lang, "cli.did_you_mean", hint=hint) if hint else "",
            )
        wanted |= same
    return frozenset(wanted)


def task_json(task: Task, history: list | None = None) -> dict:
    """The task as the JSON interface promises it (with its history rows)."""
    d = task.to_dict()
    d["history"] = [r.to_dict() for r in history or []]
    return d


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    """Print the tasks matching the filters, as a table or JSON."""
    status = _status(args.status)
    leads = _leads(ctx, args.lead)
    tasks = ctx.store.find(lead=leads, status=status, source=args.source, archived=args.archived)
    if args.unit:
        units = _leads(ctx, args.unit)
        tasks = [t for t in tasks if takes_part(t, units, args.role)]
    if args.due_within is not None:
        if args.due_within < 0:
            raise CommandError.keyed("cli.due_within_negative")
        tasks = [t for t in tasks if due_within(t, ctx.today, args.due_within)]
    if args.json:
        print_json([t.to_dict() for t in tasks])
        return 0
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("id", "number", "status", "due", "lead", "task"):
        overflow = "fold" if column == "task" else "ellipsis"
        table.add_column(say(ctx.lang, f"cli.col_{column}"), overflow=overflow)
    for t in tasks:
        table.add_row(
            t.id,
            t.number,
            t.status.label(ctx.lang),
            countdown(t, ctx.today).label(ctx.lang),
            join(ctx.lang, t.lead_units),
            t.title,
        )
    out = console()
    out.print(table)
    out.print(say(ctx.lang, "cli.task_count", n=len(tasks)))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    """Print one task in full: fields, notes, history (newest first)."""
    task = ctx.store.get(args.id)
    history = ctx.store.history(task.id)
    if args.json:
        print_json(task_json(task, history))
        return 0
    lang = ctx.lang
    out = console()
    out.print(Text.assemble((f"{task.number}. {task.title}", "bold"), f"  ({task.id})"))
    rows = [
        ("status", task.status.label(lang)),
        ("source", task.source),
        ("section", task.section),
        ("lead", join(lang, task.lead_units)),
        ("co", join(lang, task.co_units)),
        (
            "deadline",
            f"{task.deadline or '—'}  {task.deadline_text}  [{countdown(task, ctx.today).label(lang)}]",
        ),
    ]
    for k, v in rows:
        out.print(say(lang, "cli.show_row", name=say(lang, f"cli.show_{k}"), value=v), highlight=False)
    out.print(task.text, highlight=False)
    for n in task.notes:
        at = n.at[:16].replace("T", " ")
        out.print(say(lang, "cli.show_note", at=at, author=n.author, text=n.text), highlight=False)
    if history:
        out.print(say(lang, "cli.show_history"), highlight=False)
    for r in reversed(history):
        out.print("  " + describe(r, ctx.lang), highlight=False)
    return 0


def cmd_move(ctx: Context, args: argparse.Namespace) -> int:
    """Set a task's status and say what changed."""
    status = _status(args.status)
    before = ctx.store.get(args.id).status
    task = ctx.store.move(args.id, status, expect=before, today=ctx.today)
    old, new = before.label(ctx.lang), task.status.label(ctx.lang)
    said = say(ctx.lang, "cli.moved", task_id=task.id, old=old, new=new)
    console().print(said, highlight=False)
    return 0


def cmd_note(ctx: Context, args: argparse.Namespace) -> int:
    """Add a progress note."""
    task = ctx.store.add_note(args.id, args.text)
    console().print(say(ctx.lang, "cli.noted", task_id=task.id), highlight=False)
    return 0


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    """Revert the latest change."""
    result = ctx.store.undo()
    if result is None:
        raise CommandError.keyed("cli.nothing_to_undo")
    if "merge" in result.actions:
        # A merge also wrote an alias line for future imports: take it back too.
        from ..ingest.aliases import user_alias_file
        from .units import remove_merge_lines

        remove_merge_lines(user_alias_file(), result.seq)
    n = len(result.tasks)
    shown = join(ctx.lang, result.tasks) if n <= 5 else say(ctx.lang, "cli.n_tasks", n=n)
    actions = join(ctx.lang, (name_of(ctx.lang, "cli.action_", a) for a in result.actions))
    console().print(
        say(ctx.lang, "cli.undone", seq=result.seq, actions=actions, tasks=shown), highlight=False
    )
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    """Correct the fields an import may have got wrong."""
    changes: dict = {}
    if args.title is not None:
        changes["title"] = args.title.strip()
    if args.lead is not None:
        changes["lead_units"] = split_units(args.lead)
    if args.co is not None:
        changes["co_units"] = split_units(args.co)
    if args.deadline is not None:
        if args.deadline.lower() in ("none", "无"):
            changes.update(deadline=None, deadline_kind=DeadlineKind.NONE)
        else:
            changes.update(
                deadline=parse_date(args.deadline, "--deadline"), deadline_kind=DeadlineKind.EXPLICIT
            )
    if not changes:
        raise CommandError.keyed("cli.nothing_to_edit")
    current = ctx.store.get(args.id)
    task = ctx.store.edit(args.id, expect={k: getattr(current, k) for k in changes}, **changes)
    fields = join(ctx.lang, (say(ctx.lang, f"cli.field_{k}") for k in changes))
    console().print(say(ctx.lang, "cli.edited", task_id=task.id, fields=fields), highlight=False)
    return 0
