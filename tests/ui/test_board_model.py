"""The board's filtering and ordering rules, without Textual."""

from __future__ import annotations

from datetime import date

from taskboard.model import Status, measure_key
from taskboard.ui.board_model import BoardModel, Filters, SortKey
from tests.ui.board_helpers import SRC_A, SRC_B, TODAY, fixture_tasks, tid


def model(**kw) -> BoardModel:
    return BoardModel(fixture_tasks(), TODAY, **kw)


def ids(m: BoardModel, status: Status) -> list[str]:
    return [t.id for t in m.columns[status]]


def test_columns_hold_every_task_by_deadline_undated_last():
    m = model()
    assert m.total == m.shown == 12
    assert ids(m, Status.NOT_STARTED) == [tid(SRC_A, n) for n in ("3", "6", "1", "7")] + [
        tid(SRC_B, "1"),
        tid(SRC_A, "5"),
        tid(SRC_B, "3"),
    ]


def test_natural_number_order():
    assert sorted(["10", "2", "3.10", "3.2", "1"], key=measure_key) == ["1", "2", "3.2", "3.10", "10"]
    m = model(sort=SortKey.NUMBER)
    assert ids(m, Status.IN_PROGRESS) == [tid(SRC_A, "2"), tid(SRC_A, "4"), tid(SRC_B, "10")]


def test_filters_combine():
    m = model()
    m.set_filters(Filters(leads=frozenset({"区发改委"})))
    assert {t.id for t in m.shown_tasks()} == {tid(SRC_A, n) for n in ("1", "2", "6")}
    m.set_filters(Filters(leads=frozenset({"区发改委"}), overdue=True))
    assert [t.id for t in m.shown_tasks()] == [tid(SRC_A, "2")]
    m.set_filters(Filters(query="数据 区财政局"))  # every word must match
    assert [t.id for t in m.shown_tasks()] == [tid(SRC_B, "1")]
    m.set_filters(Filters(sources=frozenset({SRC_B})))
    assert m.shown == 5
    assert not Filters().active and Filters(query=" ").active is False


def test_upsert_moves_one_task_and_locate_finds_it():
    m = model()
    a3 = m.task(tid(SRC_A, "3"))
    place = m.upsert(a3.replace(status=Status.IN_PROGRESS))
    assert place.status is Status.IN_PROGRESS
    assert ids(m, Status.IN_PROGRESS)[place.index] == a3.id
    assert a3.id not in ids(m, Status.NOT_STARTED)
    assert m.locate(a3.id) == place
    # The incremental result equals a full rebuild.
    before = {s: ids(m, s) for s in Status}
    m.rebuild()
    assert before == {s: ids(m, s) for s in Status}


def test_upsert_into_a_filter_that_hides_it():
    m = model(filters=Filters(overdue=True))
    a2 = m.task(tid(SRC_A, "2"))
    assert m.upsert(a2.replace(status=Status.DONE)) is None  # done is never overdue
    assert m.shown == 0 and m.total == 12


def test_today_changes_the_overdue_filter():
    m = model(filters=Filters(overdue=True))
    m.set_today(date(2023, 7, 13))
    assert {t.id for t in m.shown_tasks()} == {tid(SRC_A, n) for n in ("1", "2", "3", "6")}


def test_counts_for_the_pickers():
    m = model()
    assert m.lead_counts()[:3] == [("区发改委", 3), ("区市场监管局", 3), ("区数据局", 3)]
    assert m.source_counts() == [(SRC_A, 7), (SRC_B, 5)]


def test_remove_and_reload():
    m = model()
    m.remove(tid(SRC_A, "3"))
    assert m.total == 11 and m.locate(tid(SRC_A, "3")) is None
    m.reload(fixture_tasks()[:2])
    assert m.total == m.shown == 2


def test_sort_cycle():
    assert [SortKey.DEADLINE.next(), SortKey.NUMBER.next(), SortKey.LEAD.next()] == [
        SortKey.NUMBER,
        SortKey.LEAD,
        SortKey.DEADLINE,
    ]


def test_moves_edits_and_removals_under_changing_filters_match_a_fresh_board():
    # The board keeps every task in order and filters that order; after any run of
    # changes each column must be what a board built from scratch would show.
    import random

    rng = random.Random(13)
    m = model()
    tasks = {t.id: t for t in fixture_tasks()}
    choices = [
        Filters(),
        Filters(leads=frozenset({"区发改委"})),
        Filters(leads=frozenset({"区数据局"}), role="any"),
        Filters(leads=frozenset({"区司法局", "区发改委"}), role="co"),
        Filters(leads=frozenset({"区发改委"}), overdue=True),
        Filters(overdue=True),
        Filters(query="营商环境"),
        Filters(query="营商"),  # typed on to 营商环境: narrows what is shown
        Filters(query="营商 机制"),
        Filters(leads=frozenset({"区发改委"}), query="改革"),
        Filters(sources=frozenset({SRC_B}), overdue=True),
    ]
    units = ["区发改委", "区数据局", "区司法局", "各乡镇(街道)"]
    for step in range(300):
        task = tasks[rng.choice(sorted(tasks))]
        roll = rng.random()
        if roll < 0.4:
            tasks[task.id] = task.replace(status=rng.choice(list(Status)))
            m.upsert(tasks[task.id])
        elif roll < 0.45:  # retired, or back from retirement
            tasks[task.id] = task.replace(archived="" if task.archived else "duplicate")
            m.upsert(tasks[task.id])
        elif roll < 0.65:
            # An edit comes back from the store with a new revision (the caches' version).
            tasks[task.id] = task.replace(
                lead_units=[rng.choice(units)],
                co_units=rng.sample(units, rng.randint(0, 2)),
                deadline=date(2023, rng.randint(1, 12), 1),
                revision=step + 100,
            )
            m.upsert(tasks[task.id])
        elif roll < 0.7 and len(tasks) > 3:
            del tasks[task.id]
            m.remove(task.id)
        elif roll < 0.72:  # another process changed units in the file: the board reloads it
            tasks[task.id] = task.replace(lead_units=[rng.choice(units)], revision=step + 100)
            m.reload(tasks.values())
        elif roll < 0.9:
            m.set_filters(rng.choice(choices))
        else:
            m.set_sort(rng.choice(list(SortKey)))
        fresh = BoardModel(tasks.values(), TODAY, filters=m.filters, sort=m.sort)
        for status in Status:
            assert ids(m, status) == ids(fresh, status), (step, status)
        assert (m.total, m.archived_count) == (fresh.total, fresh.archived_count), step
