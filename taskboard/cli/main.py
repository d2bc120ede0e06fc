"""Parse the command line, run one command, turn every expected failure into one line."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from .. import __version__, config
from ..catalogue import LANGS, Said, say
from ..clock import BadDate
from ..safetext import one_line
from ..store import StoreError
from .context import CommandError, Context, add_global_options

EXIT_ERROR = 1
EXIT_USAGE = 2


# argparse's own messages (Python 3.11+), said again through the catalogue: argparse has no Chinese.
_ARGPARSE = (
    (re.compile(r"argument (?P<arg>\S+): (?P<problem>.*)", re.S), "cli.arg_problem"),
    (re.compile(r"invalid (?P<kind>\S+) value: (?P<value>.*)", re.S), "cli.arg_invalid_value"),
    (
        re.compile(r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", re.S),
        "cli.arg_invalid_choice",
    ),
    (re.compile(r"the following arguments are required: (?P<args>.*)", re.S), "cli.arg_required"),
    (re.compile(r"unrecognized arguments: (?P<args>.*)", re.S), "cli.arg_unrecognized"),
    (re.compile(r"expected one argument"), "cli.arg_expected_one"),
)


def usage_message(message: str, lang: str) -> str:
    """An argparse complaint in ``lang``: its known shapes through the catalogue, others as they are."""
    for pattern, key in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found:
            parts = found.groupdict()
            if "problem" in parts:
                parts["problem"] = usage_message(parts["problem"], lang)
            return say(lang, key, **parts)
    return message


class _Parser(argparse.ArgumentParser):
    # argparse prints the whole usage block on a mistake; one line is kinder.
    lang = "zh"  # set by main() before parsing: the mistake may be in --lang's neighbours

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print one line and exit 2."""
        said = one_line(usage_message(message, _Parser.lang))
        self.exit(EXIT_USAGE, say(_Parser.lang, "cli.usage", prog=self.prog, message=said) + "\n")


def _lang_of(argv: Sequence[str] | None) -> str:
    # The language before the real parse, which may fail: --lang if given and valid, else the default.
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang", choices=LANGS)
    with contextlib.suppress(SystemExit):
        found, _ = pre.parse_known_args(argv)
        if found.lang:
            return found.lang
    return config.default_lang()


def build_parser() -> argparse.ArgumentParser:
    """The full ``taskboard`` parser with every sub-command registered."""
    # The commands' modules load here: opening the board needs none of them (see _parse).
    from . import database, importing, lifecycle, reports, serve, tasks, units

    parser = _top_parser(_Parser)
    common = argparse.ArgumentParser(add_help=False)
    add_global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in (importing, tasks, lifecycle, reports, database, units, serve):
        module.register(sub, common)
    return parser


def _top_parser(kind: type[argparse.ArgumentParser], **options: Any) -> argparse.ArgumentParser:
    """``taskboard`` with its global options, no command yet."""
    parser = kind(
        prog="taskboard",
        description="A terminal task board for reform measures: import policy documents, "
        "track 未开始 / 进行中 / 已完成, chase deadlines, report.",
        **options,
    )
    parser.add_argument("--version", action="version", version=f"taskboard {__version__}")
    add_global_options(parser)
    return parser


class _NotTheBoard(Exception):
    """The command line is more than global options: the full parser must read it."""


class _BoardParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Leave every complaint (and -h) to the full parser, which says it as always."""
        raise _NotTheBoard


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command line.

    Opening the board (global options only, the common case) is parsed without the
    commands: registering them imports every command's module, ~15 ms of each start.
    Anything else, a mistake or ``--help`` included, goes to :func:`build_parser`, so
    what is printed is exactly what the full parser prints.
    """
    try:
        args = _top_parser(_BoardParser, add_help=False).parse_args(argv)
    except _NotTheBoard:
        return build_parser().parse_args(argv)
    args.command = None
    return args


def _open_board(ctx: Context) -> int:
    # The only place the command line touches Textual.
    from ..ui import run

    given = ctx.args.today is not None or bool(os.environ.get("TASKBOARD_TODAY"))
    run(ctx.store, today=ctx.today, lang=ctx.lang, theme=ctx.args.theme, restore_today=not given)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``taskboard``; return the process exit code."""
    _Parser.lang = _lang_of(argv)
    args = _parse(argv)
    try:
        ctx = Context(args)
        handler = getattr(args, "run", None)
        if handler:
            gc.enable()  # off for the start (taskboard/start.py); a command may run long
            return handler(ctx, args)
        return _open_board(ctx)
    except BrokenPipeError:
        # `taskboard list | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0
    except (CommandError, StoreError, BadDate, ValueError, OSError) as exc:
        lang = getattr(args, "lang", None) or config.default_lang()
        said = exc.message_in(lang) if isinstance(exc, Said) else None
        print(say(lang, "cli.error_prefix") + (one_line(said) if said else _one_line(exc)), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _one_line(exc: Exception) -> str:
    # File names and document text in a message may hold newlines or escape codes.
    if isinstance(exc, OSError) and exc.strerror:
        return one_line(f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror)
    return one_line(str(exc)) if str(exc) else type(exc).__name__
