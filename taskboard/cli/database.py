"""``check``: the database file itself, problem by problem; ``db copy``: a board to another backend."""

from __future__ import annotations

import argparse
from pathlib import Path

import orjson

from .. import paths
from ..catalogue import Phrase, say
from ..safetext import one_line
from ..store.backends import is_server_url
from ..store.copying import copy_board
from ..store.journal import replay_for_check
from ..store.validate import Problem, problems
from .context import CommandError, Context

_FILE = Phrase.of("store.where_file")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the database commands to the ``taskboard`` parser."""
    p = sub.add_parser(
        "check", parents=[common], help="list every problem in the database file (exit 1 if any)"
    )
    p.set_defaults(run=cmd_check)
    db = sub.add_parser("db", parents=[common], help="work on a whole board (db copy)")
    # The same parser class as every command: a mistake is one line, not a usage block.
    db_sub = db.add_subparsers(
        dest="db_command", metavar="ACTION", required=True, parser_class=sub._parser_class
    )
    cp = db_sub.add_parser(
        "copy",
        parents=[common],
        help="copy a whole board (tasks, notes, history, documents) into a new, empty database",
        description="SRC and DST are each a database file or a postgresql:// URL; DST must be empty.",
    )
    cp.add_argument("src", metavar="SRC", help="the board to copy (file or postgresql:// URL)")
    cp.add_argument("dst", metavar="DST", help="an empty destination (new file or empty database)")
    cp.set_defaults(run=cmd_copy)


def file_problems(path: Path) -> tuple[list[Problem], int]:
    """Every problem in the database at ``path`` and its number of tasks; reads, never writes."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CommandError.keyed("cli.no_such_db", path=path) from None
    except OSError as exc:
        raise CommandError.keyed("cli.cannot_read", path=path, why=exc.strerror) from None
    if not raw.strip():
        return [Problem(_FILE, Phrase.of("store.file_empty"))], 0
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return [Problem(_FILE, Phrase.of("store.file_not_json", msg=exc.msg, pos=exc.pos))], 0
    # Commits since the last checkpoint live in the journal beside the file: check them too.
    damage = replay_for_check(path, data)
    tasks = data.get("tasks") if isinstance(data, dict) else None
    found = [Problem(Phrase.of("store.where_journal"), damage)] if damage else []
    return found + problems(data), len(tasks) if isinstance(tasks, dict) else 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    """Print each problem on its own line (file, task, field); exit 1 when there is any."""
    location = args.db or paths.default_db_path()
    if is_server_url(location):
        # The server holds the board in typed tables under transactions: there is no file to check.
        raise CommandError.keyed("cli.check_server")
    path = Path(location).expanduser()
    found, count = file_problems(path)
    # Plain lines, never wrapped: one problem a line is what tools and people grep.
    for problem in found:
        print(one_line(say(ctx.lang, "store.check_line", path=path, problem=problem.phrase())))
    if found:
        print(say(ctx.lang, "cli.problems", n=len(found)))
        return 1
    verdict = say(ctx.lang, "cli.no_problems", n=count)
    print(one_line(f"{path}: {verdict}"))
    return 0


def cmd_copy(ctx: Context, args: argparse.Namespace) -> int:
    """Copy the board at SRC into the empty DST in one transaction; say what was copied."""
    src, dst = (a if is_server_url(a) else str(Path(a).expanduser()) for a in (args.src, args.dst))
    if src == dst:
        raise CommandError.keyed("cli.same_board")
    done = copy_board(src, dst)
    line = say(
        ctx.lang,
        "cli.copied",
        tasks=done.tasks,
        history=done.history,
        documents=done.documents,
        source=done.source,
        destination=done.destination,
    )
    print(one_line(line))
    return 0
