"""The ``taskboard`` entry point: the board loads with the garbage collector off, and
every command runs, and leaves the process, with it on."""

from __future__ import annotations

import gc
import importlib
import json

import pytest

from taskboard import start

from .store.fixtures import imported_board, measures

# The module (the package's ``main`` attribute is the function).
cli_main = importlib.import_module("taskboard.cli.main")


@pytest.fixture
def db(tmp_path):
    return imported_board(tmp_path)


def test_the_board_loads_with_the_collector_off(db, monkeypatch):
    seen = {}

    def open_board(ctx):
        seen["enabled"], seen["tasks"] = gc.isenabled(), len(ctx.store.all())
        return 0

    monkeypatch.setattr(cli_main, "_open_board", open_board)
    assert start.main(["--db", str(db)]) == 0
    assert seen == {"enabled": False, "tasks": len(measures())}
    assert gc.isenabled()


def test_a_command_runs_with_the_collector_on(db, capsys):
    assert start.main(["--db", str(db), "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(measures())
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_failure(tmp_path, capsys):
    bad = tmp_path / "坏.json"
    bad.write_text("{不是数据库", encoding="utf-8")
    assert start.main(["--db", str(bad), "list"]) == 1
    assert "坏.json" in capsys.readouterr().err
    assert gc.isenabled()
