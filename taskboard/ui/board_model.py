"""What the board shows: the tasks filtered, sorted and split into the three columns.

Plain Python (no Textual), so the filtering and ordering rules are tested and
benchmarked on their own.  The columns are kept as sorted lists with a parallel
list of sort keys: one task changing is a bisect and a list insert, not a
re-sort of 10,000 tasks.  Every task is also kept in that order, filtered or
not, so a new filter is one pass of a predicate built for just the filters in
use (the lead-unit filter at 10,000 tasks: a few milliseconds), never a sort.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from itertools import compress
from operator import itemgetter
from typing import Any

from taskboard.model import Bucket, Status, Task, countdown, due_within, measure_key

# A task's (revision, updated): the per-task caches are valid while it is unchanged.
Version = tuple[int, str]


class SortKey(StrEnum):
    """How cards are ordered inside a column."""

    DEADLINE = "deadline"
    NUMBER = "number"
    LEAD = "lead"

    def next(self) -> SortKey:
        """The next order in the cycle (the `r` key)."""
        order = list(SortKey)
        return order[(order.index(self) + 1) % len(order)]


@dataclass(frozen=True, slots=True)
class Filters:
    """The active filters; an empty ``Filters()`` shows every task."""

    query: str = ""
    leads: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    overdue: bool = False
    role: str = "lead"  # how ``leads`` match: lead, co (co-unit) or any (a unit's whole workload)
    due_days: int | None = None  # only unfinished tasks due within this many days
    review: bool = False  # only tasks the importer was unsure of (待核)
    archived: bool = False  # only retired tasks, instead of the board's live ones

    @property
    def active(self) -> bool:
        """True when any filter narrows the board."""
        return bool(
            self.terms
            or self.leads
            or self.sources
            or self.overdue
            or self.due_days is not None
            or self.review
            or self.archived
        )

    @property
    def terms(self) -> tuple[str, ...]:
        """The search words, case-folded; a task must contain all of them."""
        return tuple(self.query.casefold().split())

    def with_(self, **changes: Any) -> Filters:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)


def filters_from(saved: object) -> Filters:
    """Filters from saved settings (see ``board_week.settings_of``); anything malformed is dropped."""
    if not isinstance(saved, dict):
        return Filters()

    def texts(value: object) -> frozenset[str]:
        return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()

    days = saved.get("due_days")
    role = saved.get("role")
    query = saved.get("query")
    return Filters(
        query=query if isinstance(query, str) else "",
        leads=texts(saved.get("leads")),
        sources=texts(saved.get("sources")),
        overdue=saved.get("overdue") is True,
        role=role if role in ("lead", "co", "any") else "lead",
        due_days=days if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= 3660 else None,
        review=saved.get("review") is True,
    )


_UNDATED = date.max.toordinal() + 1  # after every deadline
_first = itemgetter(0)


def sort_key(task: Task, sort: SortKey) -> tuple[Any, ...]:
    """A total order for ``task`` under ``sort``; the id at the end makes every key unique."""
    # Flat tuples of ints and strings: nested ones made sorting a 10,000-task board at
    # start-up twice as slow.  Undated tasks (ongoing, recurring, none stated) go after
    # every dated one, and cards without a lead unit after those with one.
    deadline = task.deadline
    when = deadline.toordinal() if deadline else _UNDATED
    if sort is SortKey.NUMBER:
        return (task.source, measure_key(task.number), task.id)
    if sort is SortKey.LEAD:
        first = task.lead_units[0] if task.lead_units else None
        return (first is None, first or "", when, task.source, measure_key(task.number), task.id)
    return (when, task.source, measure_key(task.number), task.id)


def haystack(task: Task) -> str:
    """The case-folded text ``/`` searches: number, title, full text and every unit."""
    parts = [task.number, task.title, task.text, *task.lead_units, *task.co_units]
    return "\n".join(parts).casefold()


@dataclass(frozen=True, slots=True)
class Place:
    """Where a task is shown: its column and its row in that column."""

    status: Status
    index: int


class BoardModel:
    """Every task of the board, and the filtered, sorted columns shown of them."""

    def __init__(
        self,
        tasks: Iterable[Task],
        today: date,
        *,
        filters: Filters | None = None,
        sort: SortKey = SortKey.DEADLINE,
    ) -> None:
        self.today = today
        self.filters = filters or Filters()
        self.sort = sort
        self._tasks: dict[str, Task] = {t.id: t for t in tasks}
        self.columns: dict[Status, list[Task]] = {s: [] for s in Status}
        self._keys: dict[Status, list[tuple[Any, ...]]] = {s: [] for s in Status}
        self._hay: dict[str, tuple[Version, str]] = {}
        self._sortkeys: dict[str, tuple[Version, tuple[Any, ...]]] = {}
        self._buckets: dict[str, tuple[Task, date, Bucket]] = {}
        # Every task of each status in column order, shown or not, with its sort keys.
        self._order: dict[Status, list[Task]] = {}
        self._order_keys: dict[Status, list[tuple[Any, ...]]] = {}
        self._predicate: tuple[tuple[Filters, date], Callable[[Task], bool]] | None = None
        self._unit_ids: dict[str, dict[str, set[str]]] | None = None  # see _naming
        self._live: int | None = None  # see total
        self._reorder()

    # -- reading ---------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many tasks the board has (retired ones not counted)."""
        # Counted once and kept by upsert/remove: the bar asks after every move.
        if self._live is None:
            self._live = sum(1 for t in self._tasks.values() if not t.archived)
        return self._live

    @property
    def archived_count(self) -> int:
        """How many tasks are retired."""
        return len(self._tasks) - self.total

    @property
    def shown(self) -> int:
        """How many tasks pass the filters."""
        return sum(len(c) for c in self.columns.values())

    def task(self, task_id: str) -> Task | None:
        """The board's current version of a task, shown or not."""
        return self._tasks.get(task_id)

    def all_tasks(self) -> list[Task]:
        """Every task, filtered or not."""
        return list(self._tasks.values())

    def shown_tasks(self) -> list[Task]:
        """The tasks passing the filters, column by column."""
        return [t for s in Status for t in self.columns[s]]

    def locate(self, task_id: str) -> Place | None:
        """Where ``task_id`` is shown, or None when it is filtered out or unknown."""
        task = self._tasks.get(task_id)
        if task is None:
            return None
        keys = self._keys[task.status]
        i = bisect_left(keys, self._key(task))
        col = self.columns[task.status]
        if i < len(col) and col[i].id == task_id:
            return Place(task.status, i)
        return None

    def matches(self, task: Task) -> bool:
        """True when ``task`` passes every active filter."""
        return self._matcher()(task)

    def _matcher(self) -> Callable[[Task], bool]:
        """A test of the active filters only, built once per set of filters and as-of date."""
        f, today = self.filters, self.today
        if self._predicate is not None and self._predicate[0] == (f, today):
            return self._predicate[1]
        # Retired tasks are off the board unless the archive filter asks for them alone.
        archived = f.archived
        checks: list[Callable[[Task], bool]] = [lambda t: bool(t.archived) is archived]
        if f.leads:  # set operations: the commonest filter stays a few milliseconds at 10,000 tasks
            leads = f.leads
            if f.role == "co":
                checks.append(lambda t: not leads.isdisjoint(t.co_units))
            elif f.role == "any":
                checks.append(lambda t: not (leads.isdisjoint(t.lead_units) and leads.isdisjoint(t.co_units)))
            else:
                checks.append(lambda t: not leads.isdisjoint(t.lead_units))
        if f.review:
            checks.append(lambda t: bool(t.review))
        if f.due_days is not None:
            days = f.due_days
            checks.append(lambda t: due_within(t, today, days))
        if f.sources:
            sources = f.sources
            checks.append(lambda t: t.source in sources)
        if f.overdue:
            checks.append(lambda t: self._bucket(t) is Bucket.OVERDUE)
        if f.terms:
            terms, hay = f.terms, self._haystack
            checks.append(lambda t: all(term in hay(t) for term in terms))
        test = checks[0]
        for check in checks[1:]:
            test = _both(test, check)
        self._predicate = ((f, today), test)
        return test

    def lead_counts(self) -> list[tuple[str, int]]:
        """Every lead unit with the number of tasks it leads, most tasks first."""
        return self.unit_counts("lead")

    def unit_counts(self, role: str) -> list[tuple[str, int]]:
        """Every unit with its number of live tasks in ``role`` (lead, co, any), most first."""
        live = (t for t in self._tasks.values() if not t.archived)
        counts = Counter(u for t in live for u in dict.fromkeys(_role_units(t, role)))
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def source_counts(self) -> list[tuple[str, int]]:
        """Every source document with its number of tasks, in file-name order."""
        counts = Counter(t.source for t in self._tasks.values() if not t.archived)
        return sorted(counts.items())

    # -- changing --------------------------------------------------------------------
    def rebuild(self) -> None:
        """Recompute every column from the tasks in order (after a filter, or a new as-of date)."""
        matches = self._matcher()
        f = self.filters
        # A unit filter (the board's main one) passes a few in a hundred: test the others
        # on those only, an id lookup for the rest (4 ms instead of 13 at 10,000 tasks).
        named = self._naming(f.leads, f.role) if f.leads else None
        for status in Status:
            order = self._order[status]
            if named is None:
                shown = list(map(matches, order))
            else:
                shown = [t.id in named and matches(t) for t in order]
            self.columns[status] = list(compress(order, shown))
            self._keys[status] = list(compress(self._order_keys[status], shown))

    def _naming(self, units: frozenset[str], role: str) -> set[str]:
        """Ids of the tasks naming any of ``units`` as lead, co-unit or either (``role``)."""
        if self._unit_ids is None:  # built at the first unit filter, then kept up to date
            self._unit_ids = {"lead": {}, "co": {}}
            for task in self._tasks.values():
                self._index_units(task, add=True)
        roles = ("lead", "co") if role == "any" else (role,)
        named: set[str] = set()
        for r in roles:
            for unit in units:
                named.update(self._unit_ids[r].get(unit, ()))
        return named

    def _index_units(self, task: Task, *, add: bool) -> None:
        if self._unit_ids is None:
            return
        for role, units in (("lead", task.lead_units), ("co", task.co_units)):
            index = self._unit_ids[role]
            for unit in units:
                if add:
                    index.setdefault(unit, set()).add(task.id)
                elif unit in index:
                    index[unit].discard(task.id)

    def _reorder(self) -> None:
        """Sort every task into column order (after a new sort or a reload), then rebuild."""
        pairs: dict[Status, list[tuple[tuple[Any, ...], Task]]] = {s: [] for s in Status}
        key = self._key
        for task in self._tasks.values():
            pairs[task.status].append((key(task), task))
        for status, column in pairs.items():
            column.sort(key=_first)
            self._order_keys[status] = [k for k, _ in column]
            self._order[status] = [t for _, t in column]
        self.rebuild()

    def reload(self, tasks: Iterable[Task]) -> None:
        """Replace every task (another process changed the database) and rebuild."""
        self._tasks = {t.id: t for t in tasks}
        self._unit_ids = self._live = None
        live = self._tasks.keys()
        self._hay = {k: v for k, v in self._hay.items() if k in live}
        self._sortkeys = {k: v for k, v in self._sortkeys.items() if k in live}
        self._buckets = {k: v for k, v in self._buckets.items() if k in live}
        self._reorder()

    def set_filters(self, filters: Filters) -> None:
        """Apply new filters."""
        before, self.filters = self.filters, filters
        if _narrows(before, filters):
            # A search typed on (营商 → 营商环境): only the cards shown can still match.
            matches = self._matcher()
            for status in Status:
                shown = list(map(matches, self.columns[status]))
                self.columns[status] = list(compress(self.columns[status], shown))
                self._keys[status] = list(compress(self._keys[status], shown))
        else:
            self.rebuild()

    def set_sort(self, sort: SortKey) -> None:
        """Order the columns differently."""
        if sort is not self.sort:
            self.sort = sort
            self._sortkeys.clear()
            self._reorder()

    def set_today(self, today: date) -> bool:
        """Count down from another day; only the overdue and due-within filters depend on it.

        True when the columns were rebuilt (one of those filters is on).
        """
        self.today = today
        dated = self.filters.overdue or self.filters.due_days is not None
        if dated:
            self.rebuild()
        return dated

    def upsert(self, task: Task) -> Place | None:
        """Add or replace one task, moving it between or within columns as needed.

        Returns where it is shown now (None when the filters hide it).
        """
        old = self._tasks.get(task.id)
        if old is None or old.lead_units != task.lead_units or old.co_units != task.co_units:
            if old is not None:
                self._index_units(old, add=False)
            self._index_units(task, add=True)
        if self._live is not None:
            self._live += (not task.archived) - (old is not None and not old.archived)
        self._drop(task.id)
        self._tasks[task.id] = task
        key = self._key(task)
        keys = self._order_keys[task.status]
        i = bisect_left(keys, key)
        keys.insert(i, key)
        self._order[task.status].insert(i, task)
        if not self.matches(task):
            return None
        keys = self._keys[task.status]
        i = bisect_left(keys, key)
        keys.insert(i, key)
        self.columns[task.status].insert(i, task)
        return Place(task.status, i)

    def remove(self, task_id: str) -> None:
        """Forget a task (an undo removed an imported one)."""
        if (old := self._tasks.get(task_id)) is not None:
            self._index_units(old, add=False)
            if self._live is not None:
                self._live -= not old.archived
        self._drop(task_id)
        self._tasks.pop(task_id, None)
        self._hay.pop(task_id, None)
        self._sortkeys.pop(task_id, None)
        self._buckets.pop(task_id, None)

    # -- internals -------------------------------------------------------------------
    def _drop(self, task_id: str) -> None:
        task = self._tasks.get(task_id)
        if task is None:
            return
        place = self.locate(task_id)
        if place is not None:
            del self.columns[place.status][place.index]
            del self._keys[place.status][place.index]
        keys, order = self._order_keys[task.status], self._order[task.status]
        i = bisect_left(keys, self._key(task))
        if i < len(order) and order[i].id == task_id:
            del keys[i]
            del order[i]

    def _key(self, task: Task) -> tuple[Any, ...]:
        cached = self._sortkeys.get(task.id)
        version = (task.revision, task.updated)
        if cached is not None and cached[0] == version:
            return cached[1]
        key = sort_key(task, self.sort)
        self._sortkeys[task.id] = (version, key)
        return key

    def _bucket(self, task: Task) -> Bucket:
        """The task's countdown bucket on the as-of date (the overdue filter asks it of every task)."""
        # Keyed by the task object, not its version: a move shown before it is saved is a
        # new object with the old revision, and its status changes the bucket.
        cached = self._buckets.get(task.id)
        if cached is not None and cached[0] is task and cached[1] == self.today:
            return cached[2]
        bucket = countdown(task, self.today).bucket
        self._buckets[task.id] = (task, self.today, bucket)
        return bucket

    def _haystack(self, task: Task) -> str:
        cached = self._hay.get(task.id)
        version = (task.revision, task.updated)
        if cached is not None and cached[0] == version:
            return cached[1]
        hay = haystack(task)
        self._hay[task.id] = (version, hay)
        return hay


def _both(first: Callable[[Task], bool], then: Callable[[Task], bool]) -> Callable[[Task], bool]:
    """A test passed when both are."""
    return lambda t: first(t) and then(t)


def _narrows(before: Filters, after: Filters) -> bool:
    """True when ``after`` only adds to ``before``'s search: every old word is inside a new one."""
    if after.terms == before.terms or after.with_(query=before.query) != before:
        return False
    return all(any(old in new for new in after.terms) for old in before.terms)


def _role_units(task: Task, role: str) -> list[str]:
    """The units a unit filter looks at: leads, co-units, or both."""
    if role == "co":
        return task.co_units
    if role == "any":
        return [*task.lead_units, *task.co_units]
    return task.lead_units
