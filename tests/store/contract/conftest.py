"""The contract suite's fixtures: every test runs once per backend (TinyDB file, PostgreSQL server).

The PostgreSQL cluster is started once per session from the binaries on the
machine (tests/pg.py) and always stopped at the end; each test gets a
database of its own, dropped afterwards.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from taskboard.store import TaskStore
from tests.pg import Cluster, cluster_for_tests

from ..fixtures import SOURCE, fixed_now, measures

BACKENDS = ["tinydb", "postgresql"]
_names = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL server for the whole session (skipped where none is installed)."""
    # fsync off: these tests check behaviour, not durability, and CI time matters.
    yield from cluster_for_tests(durable=False)


@pytest.fixture(params=BACKENDS)
def location(request, tmp_path) -> Iterator[str]:
    """Where a fresh, empty board lives: a file path or a database URL."""
    if request.param == "tinydb":
        yield str(tmp_path / "board.json")
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = f"board_{next(_names)}"
    url = cluster.create_database(name)
    try:
        yield url
    finally:
        cluster.drop_database(name)


@pytest.fixture
def store_factory(location) -> Iterator[Callable[..., TaskStore]]:
    """Opens a :class:`TaskStore` on this test's board (each call: another process's view)."""
    opened: list[TaskStore] = []

    def make(who: str = "协调员@区营商办") -> TaskStore:
        store = TaskStore(location, who=who, now=fixed_now)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.records.close()


@pytest.fixture
def store(store_factory) -> TaskStore:
    """A board holding the five fixture measures."""
    s = store_factory()
    s.import_tasks(SOURCE, measures())
    return s
