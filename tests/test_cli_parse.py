"""Opening the board is parsed without the commands' modules; every other command line, a
mistake or ``--help`` included, reads exactly as the full parser reads it."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

cli_main = importlib.import_module("taskboard.cli.main")  # the package's ``main`` is the function

BOARD = [
    [],
    ["--db", "看板.json"],
    ["--db", "list", "--today", "2023-06-30", "--lang", "zh", "--theme", "dark"],  # a file named list
    ["--the", "light", "--as", "协调员@区营商办", "--read-only"],  # abbreviations
]
OTHERS = [
    ["list", "--lead", "区发改委"],
    ["--db", "看板.json", "move", "3f9a1c-28", "进行中"],
    ["--help"],
    ["-h"],
    ["--he"],
    ["--version"],
    ["不是命令"],
    ["--bogus"],
    ["--db"],
    ["--lang", "xx"],
]


def outcome(parse, argv, capsys):
    """What parsing ``argv`` gives: the namespace, or the exit code and what was printed."""
    try:
        return vars(parse(argv))
    except SystemExit as exc:
        return exc.code, capsys.readouterr()


@pytest.mark.parametrize("argv", BOARD + OTHERS)
def test_the_quick_parse_reads_like_the_full_parser(argv, capsys):
    full = outcome(lambda a: cli_main.build_parser().parse_args(a), argv, capsys)
    assert outcome(cli_main._parse, argv, capsys) == full


@pytest.mark.parametrize("argv", BOARD)
def test_the_board_is_opened_without_any_command_module(argv):
    code = (
        "import importlib, sys\n"
        "cli = importlib.import_module('taskboard.cli.main')\n"
        f"assert cli._parse({argv!r}).command is None\n"
        "print(sorted(m for m in sys.modules if m.startswith('taskboard.cli.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['taskboard.cli.context', 'taskboard.cli.main']"
