"""Fixtures for the board's tests: a small Chinese board in a fresh database, fixed date and clock."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from taskboard.model import Status
from taskboard.store import TaskStore
from tests.ui.board_helpers import SRC_A, SRC_B, TODAY, fixture_tasks, open_board_store


@pytest.fixture(autouse=True)
def _fixed_timezone(monkeypatch):
    """History times are shown in local time: pin it so snapshots agree everywhere."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def db_path(tmp_path) -> Path:
    """Where the board's database lives."""
    return tmp_path / "board.json"


@pytest.fixture
def store(db_path) -> TaskStore:
    """A fresh database holding the fixture tasks (statuses as in ROWS)."""
    s = open_board_store(db_path)
    tasks = fixture_tasks()
    with s.transaction():
        for source in (SRC_A, SRC_B):
            s.import_tasks(source, [t for t in tasks if t.source == source])
    # Import sets no status; put each task in its column the way a coordinator would.
    with s.transaction():
        for t in tasks:
            if t.status is not Status.NOT_STARTED:
                s.move(t.id, t.status)
    return s


@pytest.fixture
def make_app(store) -> Callable[..., object]:
    """Build the board app over the fixture store: ``make_app(lang="en")``."""
    from taskboard.ui import create_app

    def build(lang: str = "zh", theme: str | None = None, today: date = TODAY):
        return create_app(store, today=today, lang=lang, theme=theme)

    return build
