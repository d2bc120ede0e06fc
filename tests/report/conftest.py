"""Fixtures of the report tests: the fixed board and a way to run the CLI on it."""

from __future__ import annotations

import pytest

from taskboard.cli.main import main

from .board import AS_OF, build_board


@pytest.fixture
def board(tmp_path):
    """The fixed board's store (see board.py for the hand counts)."""
    return build_board(tmp_path / "board.json")


@pytest.fixture
def run(board, capsys):
    """Run ``taskboard --db <board> ARGS --as-of 2023-06-30`` where the command takes --as-of."""

    def _run(*args: str, as_of: bool = True):
        argv = ["--db", str(board.path), *args]
        if as_of and args and args[0] in ("summary", "remind", "export"):
            argv += ["--as-of", AS_OF]
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    return _run
