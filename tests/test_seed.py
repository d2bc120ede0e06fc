"""A new board seeds itself from the bundled documents through the importer."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from taskboard.cli import main
from taskboard.services import open_store
from taskboard.store import TaskStore

# Measures per seed document, as counted by hand in the documents (see tests/ingest for the details).
EXPECTED = {"000": 7, "001": 87, "002": 16, "003": 40}


def per_source(tasks) -> Counter:
    return Counter(t["source"][:3] for t in tasks)


def test_first_run_seeds_the_bundled_documents(tmp_path, capsys):
    db = tmp_path / "new.json"
    assert main(["--db", str(db), "export", "--format", "json"]) == 0
    counts = per_source(json.loads(capsys.readouterr().out))
    for prefix, n in EXPECTED.items():
        assert counts[prefix] == n, prefix
    assert counts["004"] in (11, 12)


def test_seeding_happens_once(tmp_path):
    db = tmp_path / "new.json"
    first = len(open_store(db).all())
    assert len(open_store(db).all()) == first
    assert len(TaskStore(db).history()) == first  # one import row per task, no second seeding


def test_two_first_runs_at_once_do_not_duplicate(tmp_path):
    db = tmp_path / "race.json"
    code = "import sys; from taskboard.services import open_store; open_store(sys.argv[1])"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db)]) for _ in range(2)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    store = TaskStore(db)
    solo = open_store(tmp_path / "solo.json")
    # Ids are keys, so a second seeding would not add tasks: it would add a second
    # import row per task (and a second transaction). Neither may happen.
    assert len(store.all()) == len(solo.all())
    assert len(store.history()) == len(solo.history())
    assert {r.seq for r in store.history()} == {1}
