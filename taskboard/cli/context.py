"""What every command shares: the global options and the lazily opened store."""

from __future__ import annotations

import argparse
from datetime import date
from functools import cached_property

from .. import clock, config
from ..catalogue import Said
from ..safetext import one_line
from ..services import open_store
from ..store import TaskStore


class CommandError(Said, Exception):
    """A user-facing failure of a command: printed as one line, exit code 1."""


def add_global_options(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """The global options (``--db``, ``--today``, ``--as`` …); accepted before or after the command."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="database file (default: $TASKBOARD_DB or the user data folder)",
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        default=default,
        help="count deadlines from this date (default: $TASKBOARD_TODAY or today)",
    )
    parser.add_argument(
        "--lang", choices=config.LANGS, default=default, help="label language (default: from the locale)"
    )
    parser.add_argument(
        "--theme", metavar="NAME", default=default, help="board theme (default: the last one chosen)"
    )
    parser.add_argument(
        "--as",
        dest="who",
        metavar="NAME",
        default=default,
        help="the author recorded in history (default: user@host)",
    )
    parser.add_argument(
        "--read-only", action="store_true", default=default, help="open the database for reading only"
    )


def add_filter_options(parser: argparse.ArgumentParser, *, several_leads: bool = False) -> None:
    """``--lead`` and ``--source``, the same for ``list``, ``export`` and ``summary``.

    With ``several_leads`` ``--lead`` may repeat or hold a comma list (a list of names).
    """
    if several_leads:
        parser.add_argument(
            "--lead",
            metavar="UNIT",
            action="append",
            help="only tasks these units lead: --lead A --lead B or --lead A,B (aliases count)",
        )
    else:
        parser.add_argument("--lead", metavar="UNIT", help="only tasks this unit leads, e.g. 区发改委")
    parser.add_argument(
        "--source", metavar="NAME", help="only tasks from this document (file name or its start)"
    )


# Commands that only read: they open an existing database without ever writing it.
READING_COMMANDS = frozenset({"list", "show", "export", "summary", "remind", "check", "units"})


class Context:
    """Resolved global options; the store is opened (and seeded) on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.today: date = clock.today(args.today)
        self.lang: str = args.lang or config.default_lang()

    @cached_property
    def store(self) -> TaskStore:
        """The database, created and seeded from the bundled documents if new."""
        command = getattr(self.args, "command", None)
        reading = command in READING_COMMANDS or getattr(self.args, "dry_run", False)
        if command == "units" and getattr(self.args, "units_command", None):
            reading = False  # `units merge` renames units
        who = getattr(self.args, "who", None)
        if who is not None and (not who.strip() or one_line(who) != who):
            raise CommandError.keyed("cli.as_control")
        read_only = getattr(self.args, "read_only", False)
        return open_store(self.args.db, who=who, writable=not (reading or read_only))
