"""``units``: every unit spelling with its task counts, merge proposals, and merges."""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
from pathlib import Path

from rich.table import Table

from ..catalogue import say
from ..units import propose_merges, unit_counts
from .context import CommandError, Context
from .output import console


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``units`` and ``units merge`` to the ``taskboard`` parser."""
    p = sub.add_parser("units", parents=[common], help="unit spellings with task counts; proposed merges")
    p.set_defaults(run=cmd_units)
    inner = p.add_subparsers(dest="units_command", metavar="merge")
    m = inner.add_parser("merge", parents=[common], help="write unit FROM as TO on every task, from now on")
    m.add_argument("alias", metavar="FROM", help="the spelling to retire, e.g. 发改委")
    m.add_argument("canonical", metavar="TO", help="the spelling to keep, e.g. 区发改委")
    m.set_defaults(run=cmd_merge)


def cmd_units(ctx: Context, args: argparse.Namespace) -> int:
    """List every spelling with lead/co counts, then the merges worth making."""
    tasks = ctx.store.all()
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("unit", "lead", "co", "total"):
        justify = "left" if column == "unit" else "right"
        table.add_column(say(ctx.lang, f"cli.units_col_{column}"), justify=justify)
    counts = unit_counts(tasks)
    for c in counts:
        table.add_row(c.name, str(c.lead), str(c.co), str(c.total))
    out = console()
    out.print(table)
    out.print(say(ctx.lang, "cli.units_spellings", n=len(counts)))
    proposals = propose_merges(tasks)
    if proposals:
        out.print("\n" + say(ctx.lang, "cli.units_proposed"))
        for m in proposals:
            why = say(ctx.lang, f"cli.units_reason_{m.reason}", source=m.source)
            # One line each, never wrapped: people copy these commands.
            line = f"  taskboard units merge {m.alias} {m.canonical}    # {why}"
            out.print(line, highlight=False, soft_wrap=True)
    return 0


def cmd_merge(ctx: Context, args: argparse.Namespace) -> int:
    """Rename the unit on every task (one undo step) and remember the alias for future imports."""
    from ..ingest.aliases import user_alias_file  # the importer package: not loaded to open the board

    alias, canonical = args.alias.strip(), args.canonical.strip()
    known = {c.name for c in unit_counts(ctx.store.all())}
    if alias not in known:
        raise CommandError.keyed("cli.unknown_unit_units", name=alias)
    changed = ctx.store.rename_unit(alias, canonical)
    add_alias_line(user_alias_file(), canonical, alias, seq=ctx.store.revision)
    n, file = len(changed), user_alias_file()
    message = say(ctx.lang, "cli.units_merged", n=n, alias=alias, canonical=canonical, file=file)
    console().print(message, highlight=False)
    return 0


def merge_tag(seq: int) -> str:
    """The comment that ties an alias line to the merge that wrote it (undo removes it)."""
    return f"# taskboard units merge #{seq}"


def add_alias_line(path: Path, canonical: str, alias: str, *, seq: int) -> None:
    """Append ``canonical = alias`` to the user's alias file, atomically."""
    lines = _read_lines(path)
    lines.append(f"{canonical} = {alias}  {merge_tag(seq)}")
    _write_lines(path, lines)


def remove_merge_lines(path: Path, seq: int) -> bool:
    """Drop the alias line a merge wrote (its undo); True if there was one."""
    lines = _read_lines(path)
    kept = [line for line in lines if not line.endswith(merge_tag(seq))]
    if len(kept) == len(lines):
        return False
    _write_lines(path, kept)
    return True


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError.keyed("cli.alias_unreadable", path=path, why=exc) from None


def _write_lines(path: Path, lines: list[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
        raise CommandError.keyed("cli.alias_unwritable", path=path, why=exc.strerror) from None
