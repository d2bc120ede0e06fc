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

from ..catalogue import Phrase, has
from ..model import DeadlineKind, Status, Task
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
    """One thing wrong with a database file: :class:`Phrase` parts, English as ``str``."""

    where: str  # "task 'abc-1'", "the meta block", "history row 0000000003.00000"
    what: str  # "lead_units must be a list of unit names, not a string"

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"

    def phrase(self) -> Phrase:
        """The problem as one phrase, to be said in the user's language."""
        return Phrase.of("store.problem", where=self.where, what=self.what)


_KIND_KEYS = {
    str: "store.kind_text", int: "store.kind_number", float: "store.kind_number", bool: "store.kind_bool",
    list: "store.kind_list", dict: "store.kind_object", type(None): "store.kind_null",
}  # fmt: skip


def _kind(value: Any) -> str:
    key = _KIND_KEYS.get(type(value))
    return Phrase.of(key) if key else type(value).__name__


def _field(name: str) -> Phrase:
    # English keeps the stored name (what a hand-editor searches for); Chinese adds its label.
    label = f"cli.field_{name}" if has(f"cli.field_{name}") else f"store.field_{name}"
    return Phrase.of("store.field", name=name, label=Phrase.of(label))


def _choices(values: frozenset[str], label_key: str) -> Phrase:
    labelled = (Phrase.of("store.choice", value=v, label=Phrase.of(label_key + v)) for v in sorted(values))
    return Phrase.listing(labelled)


def _where(key: str, **values: Any) -> Phrase:
    return Phrase.of(f"store.where_{key}", **values)


def _what(key: str, **values: Any) -> Phrase:
    return Phrase.of(f"store.{key}", **values)


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


def _task_problems(key: str, raw: Any) -> Iterator[Phrase]:
    if not isinstance(raw, dict):
        yield _what("not_object", kind=_kind(raw))
        return
    if raw.get("id") != key:
        found = raw.get("id")
        found = repr(found) if isinstance(found, str) else _kind(found)
        yield _what("id_mismatch", field=_field("id"), stored=key, found=found)
    for name in _TEXT_FIELDS:
        value = raw.get(name, "")
        if not isinstance(value, str):
            yield _what("not_text", field=_field(name), kind=_kind(value))
    number = raw.get("number", "")
    if not isinstance(number, str | int) or isinstance(number, bool):
        yield _what("not_text", field=_field("number"), kind=_kind(number))
    for name in _LIST_FIELDS:
        value = raw.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            yield _what("not_names", field=_field(name), kind=_kind(value))
    deadline = raw.get("deadline")
    if deadline is not None:
        if not isinstance(deadline, str):
            yield _what("not_date", field=_field("deadline"), kind=_kind(deadline))
        else:
            try:
                date.fromisoformat(deadline)
            except ValueError:
                yield _what("bad_date", field=_field("deadline"), value=deadline)
    if (status := raw.get("status")) and (not isinstance(status, str) or status not in _STATUSES):
        allowed = _choices(_STATUSES, "status.")
        yield _what("not_one_of", field=_field("status"), value=status, allowed=allowed)
    if (kind := raw.get("deadline_kind")) and (not isinstance(kind, str) or kind not in _KINDS):
        allowed = _choices(_KINDS, "kind_")
        yield _what("not_one_of", field=_field("deadline_kind"), value=kind, allowed=allowed)
    revision = raw.get("revision", 0)
    if not isinstance(revision, int) or isinstance(revision, bool):
        yield _what("not_whole", field=_field("revision"), kind=_kind(revision))
    notes = raw.get("notes") or []
    if not isinstance(notes, list):
        yield _what("not_list", field=_field("notes"), kind=_kind(notes))
    else:
        for i, note in enumerate(notes, 1):
            if not isinstance(note, dict) or not all(
                isinstance(note.get(k, ""), str) for k in ("at", "author", "text")
            ):
                yield _what("bad_note", i=i)


def _built(key: str, raw: Any) -> Task | None:
    """The task ``raw`` stores when it has the plain stored shape, else None (look closer).

    Every dict :meth:`Task.from_plain_dict` accepts passes :func:`_task_ok` too
    (tests/store/test_validate_fast.py checks that on damaged rows).
    """
    if type(raw) is not dict or raw.get("id") != key:
        return None
    return Task.from_plain_dict(raw)


def task_problems(key: str, raw: Any) -> list[Problem]:
    """Every problem with one stored task (``key``: the id it is stored under)."""
    if _task_ok(key, raw):
        return []
    return [Problem(_where("task", task=key), what) for what in _task_problems(key, raw)]


def history_row_problem(row: Any) -> Phrase | None:
    """What is wrong with one history row, or None (also used on rows read lazily, see checkpoint.py)."""
    if not isinstance(row, dict):
        return _what("not_object", kind=_kind(row))
    if not isinstance(row.get("seq"), int) or not isinstance(row.get("task", ""), str):
        return _what("bad_history_row")
    return None


def _history_problems(table: Any) -> Iterator[Problem]:
    if not isinstance(table, Mapping):
        yield Problem(_where("history"), _what("not_object", kind=_kind(table)))
        return
    for key, row in table.items():
        if (what := history_row_problem(row)) is not None:
            yield Problem(_where("history_row", row=key), what)


def problems(data: Any, built: dict[str, Task] | None = None) -> list[Problem]:
    """Every problem with a parsed database file; empty when it can be used as it is.

    ``built``, if given, receives the :class:`Task` of every task that passed: a board
    opens by checking each task and then building it, and building one checks it as well
    (:meth:`Task.from_plain_dict`), so a file read at start-up is gone through once.
    """
    if not isinstance(data, dict):
        return [Problem(_where("file"), _what("not_json_object", kind=_kind(data)))]
    if META_TABLE not in data:
        return _legacy_problems(data)
    found: list[Problem] = []
    strangers = sorted(set(data) - _TABLES)
    if strangers:
        found.append(Problem(_where("file"), _what("strange_tables", tables=", ".join(strangers))))
    meta = data[META_TABLE]
    block = meta.get(META_KEY) if isinstance(meta, dict) else None
    if not isinstance(block, dict):
        found.append(Problem(_where("meta"), _what("no_meta_block", block=META_KEY)))
    else:
        for name in ("schema", "seq"):
            value = block.get(name, 0)
            if not isinstance(value, int) or isinstance(value, bool):
                what = _what("not_whole", field=_field(name), kind=_kind(value))
                found.append(Problem(_where("meta"), what))
    tasks = data.get(TASKS_TABLE, {})
    if not isinstance(tasks, dict):
        found.append(Problem(_where("table", name=TASKS_TABLE), _what("not_object", kind=_kind(tasks))))
    else:
        for key, raw in tasks.items():
            task = _built(key, raw) if built is not None else None
            if task is not None:
                built[key] = task
            else:
                found.extend(task_problems(key, raw))
    found.extend(_history_problems(data.get(HISTORY_TABLE, {})))
    for name in ("documents", "aliases"):
        if not isinstance(data.get(name, {}), dict):
            found.append(Problem(_where("table", name=name), _what("must_be_object")))
    return found


def _legacy_problems(data: dict[str, Any]) -> list[Problem]:
    # Files from before schema versions: plain TinyDB tables of task documents.
    if not data or set(data) - _LEGACY_TABLES or ("_default" not in data and TASKS_TABLE not in data):
        return [Problem(_where("file"), _what("foreign_json"))]
    found = []
    for name in ("_default", TASKS_TABLE):
        table = data.get(name, {})
        if not isinstance(table, dict) or not all(
            isinstance(doc, dict) and "title" in doc for doc in table.values()
        ):
            found.append(Problem(_where("table", name=name), _what("no_task_documents")))
    return found


def first_problem(data: Any, built: dict[str, Task] | None = None) -> Phrase | None:
    """The storage's recogniser: why ``data`` cannot be opened, in a few words, or None.

    ``built`` as for :func:`problems`.
    """
    found = problems(data, built)
    if not found:
        return None
    more = Phrase.of("store.and_more", n=len(found) - 1) if len(found) > 1 else ""
    first = found[0]
    if first.where.key in ("store.where_file", "store.where_meta"):
        return Phrase.of("store.not_a_database", what=first.what, more=more)
    return Phrase.of("store.damaged_database", problem=first.phrase(), more=more)
