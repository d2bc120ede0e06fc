"""What a taskboard database file must look like, checked before any of it is used.

A file edited by hand, written by another program or damaged on a share must
not crash ``list`` with a traceback, show a string of units as single
characters, or let a command half-succeed on it.  :func:`problems` lists every
deviation (``taskboard check`` prints them all); the store refuses to open a
file with any, naming the file, the task and the field, and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import DeadlineKind, Status
from .schema import HISTORY_TABLE, META_KEY, META_TABLE, TASKS_TABLE

_TEXT_FIELDS = ("source", "title", "text", "section", "deadline_text", "created", "updated", "archived")
_LIST_FIELDS = ("lead_units", "co_units", "collectives", "review")
_STATUSES = frozenset(s.value for s in Status)
_KINDS = frozenset(k.value for k in DeadlineKind)
# Tables a current file may hold; anything else means it is some other program's JSON.
_TABLES = frozenset({META_TABLE, TASKS_TABLE, HISTORY_TABLE, "documents", "aliases"})
_LEGACY_TABLES = frozenset({"_default", TASKS_TABLE, HISTORY_TABLE})


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a database file."""

    where: str  # "task 'abc-1'", "the meta block", "history row 0000000003.00000"
    what: str  # "lead_units must be a list of unit names, not a string"

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _kind(value: Any) -> str:
    return {
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _task_ok(key: str, raw: Any) -> bool:
    """The common case — a sound task — in one pass of cheap checks (start-up validates
    10,000 of them); any doubt is left to :func:`_task_problems`, which says what is wrong."""
    if type(raw) is not dict or raw.get("id") != key:
        return False
    get = raw.get
    for name in _TEXT_FIELDS:
        if type(get(name, "")) is not str:
            return False
    if type(get("number", "")) not in (str, int):
        return False
    for name in _LIST_FIELDS:
        value = get(name) or []
        if type(value) is not list or any(type(v) is not str for v in value):
            return False
    deadline = get("deadline")
    if deadline is not None:
        if type(deadline) is not str:
            return False
        try:
            date.fromisoformat(deadline)
        except ValueError:
            return False
    status, kind, revision = get("status"), get("deadline_kind"), get("revision", 0)
    if type(status or "") is not str or type(kind or "") is not str:
        return False  # a list here is damage, and unhashable for the set tests below
    if (status and status not in _STATUSES) or (kind and kind not in _KINDS) or type(revision) is not int:
        return False
    notes = get("notes") or []
    return type(notes) is list and all(
        type(n) is dict and type(n.get("at", "")) is str and type(n.get("author", "")) is str
        and type(n.get("text", "")) is str
        for n in notes
    )


def _task_problems(key: str, raw: Any) -> Iterator[str]:
    if not isinstance(raw, dict):
        yield f"must be an object, not {_kind(raw)}"
        return
    if raw.get("id") != key:
        yield f"its id must be {key!r}, the key it is stored under (found {raw.get('id')!r})"
    for name in _TEXT_FIELDS:
        value = raw.get(name, "")
        if not isinstance(value, str):
            yield f"{name} must be text, not {_kind(value)}"
    number = raw.get("number", "")
    if not isinstance(number, str | int) or isinstance(number, bool):
        yield f"number must be text, not {_kind(number)}"
    for name in _LIST_FIELDS:
        value = raw.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            yield f"{name} must be a list of names, not {_kind(value)}"
    deadline = raw.get("deadline")
    if deadline is not None:
        if not isinstance(deadline, str):
            yield f"deadline must be a YYYY-MM-DD date, not {_kind(deadline)}"
        else:
            try:
                date.fromisoformat(deadline)
            except ValueError:
                yield f"deadline {deadline!r} is not a YYYY-MM-DD date"
    if (status := raw.get("status")) and (not isinstance(status, str) or status not in _STATUSES):
        yield f"status {status!r} is not one of {', '.join(sorted(_STATUSES))}"
    if (kind := raw.get("deadline_kind")) and (not isinstance(kind, str) or kind not in _KINDS):
        yield f"deadline_kind {kind!r} is not one of {', '.join(sorted(_KINDS))}"
    revision = raw.get("revision", 0)
    if not isinstance(revision, int) or isinstance(revision, bool):
        yield f"revision must be a whole number, not {_kind(revision)}"
    notes = raw.get("notes") or []
    if not isinstance(notes, list):
        yield f"notes must be a list, not {_kind(notes)}"
    else:
        for i, note in enumerate(notes, 1):
            if not isinstance(note, dict) or not all(
                isinstance(note.get(k, ""), str) for k in ("at", "author", "text")
            ):
                yield f"note {i} must be an object with text fields at, author and text"


def task_problems(key: str, raw: Any) -> list[Problem]:
    """Every problem with one stored task (``key``: the id it is stored under)."""
    if _task_ok(key, raw):
        return []
    return [Problem(f"task {key!r}", what) for what in _task_problems(key, raw)]


def history_row_problem(row: Any) -> str | None:
    """What is wrong with one history row, or None (also used on rows read lazily, see checkpoint.py)."""
    if not isinstance(row, dict):
        return f"must be an object, not {_kind(row)}"
    if not isinstance(row.get("seq"), int) or not isinstance(row.get("task", ""), str):
        return "needs a whole-number seq and a task id"
    return None


def _history_problems(table: Any) -> Iterator[Problem]:
    if not isinstance(table, Mapping):
        yield Problem("the history", f"must be an object, not {_kind(table)}")
        return
    for key, row in table.items():
        if (what := history_row_problem(row)) is not None:
            yield Problem(f"history row {key}", what)


def problems(data: Any) -> list[Problem]:
    """Every problem with a parsed database file; empty when it can be used as it is."""
    if not isinstance(data, dict):
        return [Problem("the file", f"must be a JSON object, not {_kind(data)}")]
    if META_TABLE not in data:
        return _legacy_problems(data)
    found: list[Problem] = []
    strangers = sorted(set(data) - _TABLES)
    if strangers:
        tables = ", ".join(strangers)
        found.append(Problem("the file", f"has tables a taskboard database never has: {tables}"))
    meta = data[META_TABLE]
    block = meta.get(META_KEY) if isinstance(meta, dict) else None
    if not isinstance(block, dict):
        found.append(Problem("the meta block", f"must be an object holding {META_KEY!r}"))
    else:
        for name in ("schema", "seq"):
            value = block.get(name, 0)
            if not isinstance(value, int) or isinstance(value, bool):
                found.append(Problem("the meta block", f"{name} must be a whole number, not {_kind(value)}"))
    tasks = data.get(TASKS_TABLE, {})
    if not isinstance(tasks, dict):
        found.append(Problem("the tasks table", f"must be an object, not {_kind(tasks)}"))
    else:
        for key, raw in tasks.items():
            found.extend(task_problems(key, raw))
    found.extend(_history_problems(data.get(HISTORY_TABLE, {})))
    for name in ("documents", "aliases"):
        if not isinstance(data.get(name, {}), dict):
            found.append(Problem(f"the {name} table", "must be an object"))
    return found


def _legacy_problems(data: dict[str, Any]) -> list[Problem]:
    # Files from before schema versions: plain TinyDB tables of task documents.
    if not data or set(data) - _LEGACY_TABLES or ("_default" not in data and TASKS_TABLE not in data):
        return [Problem("the file", "has no taskboard meta block: it is some other program's JSON")]
    found = []
    for name in ("_default", TASKS_TABLE):
        table = data.get(name, {})
        if not isinstance(table, dict) or not all(
            isinstance(doc, dict) and "title" in doc for doc in table.values()
        ):
            found.append(Problem(f"the {name} table", "does not hold task documents"))
    return found


def first_problem(data: Any) -> str | None:
    """The storage's recogniser: why ``data`` cannot be opened, in a few words, or None."""
    found = problems(data)
    if not found:
        return None
    more = f" (and {len(found) - 1} more; `taskboard check` lists them)" if len(found) > 1 else ""
    first = found[0]
    if first.where in ("the file", "the meta block"):
        return f"is not a taskboard database ({first.what}){more}"
    return f"is a damaged taskboard database: {first}{more}"
