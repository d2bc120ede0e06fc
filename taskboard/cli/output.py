"""Writing results: JSON for tools, rich for people, plain text when piped."""

from __future__ import annotations

import sys
from typing import Any

import orjson
from rich.console import Console


def console(stderr: bool = False) -> Console:
    """A rich console; colour only on a terminal, and never wrapped narrower than 100 when piped.

    Markup is off: every string printed (table cells and titles included) is
    shown as written, so a title containing ``[/]`` or ``[link=…]`` can neither
    crash a command nor become a live link.  Styling goes through ``Text``.
    """
    stream = sys.stderr if stderr else sys.stdout
    return Console(
        file=stream, width=None if stream.isatty() else 100, soft_wrap=False, markup=False, emoji=False
    )


def dump_json(value: Any) -> str:
    """Pretty UTF-8 JSON (Chinese as written, not ``\\u`` escapes)."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def print_json(value: Any) -> None:
    """Write ``value`` as JSON to standard output."""
    sys.stdout.write(dump_json(value))
