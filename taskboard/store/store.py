"""TaskStore: tasks and their history in one TinyDB file, one commit per user action."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .. import clock
from ..model import DeadlineKind, DocumentInfo, Note, Status, Task, archive_reason
from ..model import task_id as make_task_id
from ..recurrence import next_due, period_after
from ..safetext import clean
from .backends import open_records
from .bulk import collector_paused
from .history import (
    CREATED,
    Action,
    HistoryRow,
    current_user,
    row_key,
)
from .imports import ImportMixin
from .records import Records
from .results import Changes, Conflict, UnknownTask
from .schema import (
    SCHEMA_VERSION,
)
from .storage import CorruptDatabase, ReadOnlyDatabase, StoreError
from .tables import encode
from .undo import UndoMixin
from .validate import task_problems

# The source of tasks added by hand when the user names none.
MANUAL_SOURCE = "手工添加"



class TaskStore(ImportMixin, UndoMixin):
    """The board's tasks, their notes and their history.

    Every public method that changes something is one transaction: the task
    documents and their history rows reach the disk in one atomic commit.
    Reads come from memory; :meth:`refresh` picks up other processes' commits.
    """

    def __init__(
        self,
        location: str | Path | Records,
        *,
        who: str | None = None,
        now: Callable[[], str] = clock.now_iso,
        writable: bool = True,
    ) -> None:
        self.records: Records = (
            location if isinstance(location, Records) else open_records(location, writable=writable)
        )
        self.who = who or current_user()
        self.start_session()
        self._now = now
        self._rows: list[HistoryRow] = []
        self._seq: int | None = None
        # A file's backend built every sound task while checking it at open: start with those.
        loaded = getattr(self.records, "loaded_tasks", dict)()
        self._task_cache: dict[str, tuple[tuple[int, str], Task]] = {
            key: ((task.revision, task.updated), task) for key, task in loaded.items()
        }

    @property
    def path(self) -> Path | str:
        """Where the board lives: the file's path, or the server's URL (without a password)."""
        return getattr(self.records, "path", self.records.location)

    @property
    def migrated_from(self) -> tuple[int, Path] | None:
        """(old schema version, backup copy) when opening upgraded an old file."""
        return getattr(self.records, "migrated_from", None)

    def start_session(self) -> None:
        """Begin a new session: ``undo(own_only=True)`` reverts only changes made after this.

        Each store starts one when opened; the board starts another once the
        database is seeded, so its `u` never reverts the seeding itself.
        """
        self.session = secrets.token_hex(4)

    @property
    def read_only_reason(self) -> str | None:
        """Why the database cannot be changed, or None when it can."""
        return self.records.read_only_reason

    @property
    def is_new(self) -> bool:
        """True until the database has been written for the first time."""
        return not self.records.exists

    # -- reading --------------------------------------------------------------------------
    def _raw_tasks(self) -> dict[str, dict[str, Any]]:
        return self.records.tasks()

    def _raw(self, task_id: str) -> dict[str, Any]:
        raw = self.records.tasks().get(task_id)
        if raw is None:
            raise UnknownTask(f"no task with id {task_id!r} (see `taskboard list`)").said(
                "cli.unknown_task", task_id=task_id
            )
        # Every change starts here: a damaged row is refused before anything is written.
        self._task(task_id, raw)
        return raw

    def _task(self, task_id: str, raw: dict[str, Any]) -> Task:
        cached = self._task_cache.get(task_id)
        rev = (raw.get("revision", 0), raw.get("updated", ""))
        if cached and cached[0] == rev:
            return cached[1]
        task = Task.from_plain_dict(raw) if raw.get("id") == task_id else None
        if task is None:
            # The fast path's checks failed: text to clean, or a damaged row.  A
            # file is validated whole when opened; a server's rows are checked here.
            found = task_problems(task_id, raw)
            if found:
                raise CorruptDatabase.keyed("store.damaged_at", path=self.path, problem=found[0].phrase())
            task = Task.from_dict(raw)
        self._task_cache[task_id] = (rev, task)
        return task

    def all(self, *, archived: bool | None = False) -> list[Task]:
        """Every task on the board, in source then document order.

        Retired tasks are left out unless ``archived`` is True (only them) or
        None (everything, e.g. for a full export).
        """
        with collector_paused():
            tasks = [self._task(key, raw) for key, raw in self._raw_tasks().items()]
        if archived is None:
            return tasks
        return [t for t in tasks if bool(t.archived) is archived]

    def get(self, task_id: str) -> Task:
        """The task with ``task_id``; raise :class:`UnknownTask` if there is none."""
        return self._task(task_id, self._raw(task_id))

    def find(
        self,
        *,
        lead: str | Collection[str] | None = None,
        status: Status | None = None,
        source: str | None = None,
        archived: bool | None = False,
    ) -> list[Task]:
        """Tasks led by ``lead``, in ``status``, from ``source`` (each optional; see
        :meth:`Task.matches`); ``archived`` as in :meth:`all`."""
        return [t for t in self.all(archived=archived) if t.matches(lead=lead, status=status, source=source)]

    def documents(self) -> dict[str, DocumentInfo]:
        """Every imported document's title (and 文号, date), by file name."""
        table = self.records.documents()
        return {source: DocumentInfo.from_dict({**d, "source": source}) for source, d in table.items()}

    def history(self, task_id: str | None = None) -> list[HistoryRow]:
        """History rows, oldest first; only ``task_id``'s when given."""
        table = self.records.history()
        rows = (table[k] for k in sorted(table))
        return [HistoryRow.from_dict(r) for r in rows if task_id is None or r.get("task") == task_id]

    def history_by_task(self) -> dict[str, list[HistoryRow]]:
        """Every task's history rows, oldest first, in one pass (for exports)."""
        table = self.records.history()
        out: dict[str, list[HistoryRow]] = {}
        for k in sorted(table):
            row = HistoryRow.from_dict(table[k])
            out.setdefault(row.task, []).append(row)
        return out

    def status_at(self, task_id: str, revision: int) -> Status:
        """The task's status as it stood once transaction ``revision`` was committed.

        Lets a workbook exported at ``revision`` tell a status the unit edited
        from one the board changed since (see ``report.ledger``).
        """
        current = self.get(task_id).status
        rows = [r for r in self.history(task_id) if r.field == "status"]
        before = [r for r in rows if r.seq <= revision]
        if before:
            return Status(before[-1].new)
        return Status(rows[0].old) if rows else current

    def changes_since(self, revision: int) -> Changes:
        """Tasks changed by transactions after ``revision`` (history is the feed).

        History rows are stored in commit order, so this reads only the rows
        added since: its cost is the change, not the board.
        """
        table = self.records.history()
        tasks: set[str] = set()
        foreign: set[str] = set()
        for key in reversed(table):
            row = table[key]
            if row.get("seq", 0) <= revision:
                break
            tasks.add(row.get("task", ""))
            if row.get("session") != self.session:
                foreign.add(row.get("task", ""))
        tasks.discard("")
        foreign.discard("")
        return Changes(self.revision, frozenset(tasks), frozenset(foreign))

    def latest_change(self, task_id: str, field: str | None = None) -> HistoryRow | None:
        """The newest history row of ``task_id`` (touching ``field`` when given)."""
        table = self.records.history()
        for key in reversed(table):
            row = table[key]
            if row.get("task") == task_id and (field is None or row.get("field") in (field, CREATED)):
                return HistoryRow.from_dict(row)
        return None

    def _check_expected(
        self, task_id: str, raw: dict[str, Any], expect: dict[str, Any] | None, attempted: str
    ) -> None:
        # Optimistic concurrency: the caller says what it believes the fields
        # hold; if anyone changed them since, applying the write would silently
        # throw that change away.
        for fld, believed in (expect or {}).items():
            now = raw.get(fld)
            if now != encode(believed):
                raise Conflict(task_id, fld, self.latest_change(task_id, fld), now, attempted)

    @property
    def revision(self) -> int:
        """The database's transaction counter: changes whenever anything is committed."""
        return int(self.records.meta().get("seq", 0))

    def refresh(self) -> bool:
        """Pick up commits made by other processes; True if anything changed."""
        return self.records.refresh()

    # -- transactions ---------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several changes into one commit and one undo step.

        Changes made by the public methods inside the block share one
        transaction number; nested blocks join the outer one.
        """
        if self._seq is not None:
            yield
            return
        with self.records.transaction():
            meta = dict(self.records.meta())
            self._seq = int(meta.get("seq", 0)) + 1
            self._rows = []
            try:
                yield
                if self._rows:
                    self._flush(meta)
            finally:
                self._seq, self._rows = None, []

    def _flush(self, meta: dict[str, Any]) -> None:
        assert self._seq is not None
        self.records.append_history({row_key(self._seq, i): r.to_dict() for i, r in enumerate(self._rows)})
        meta.update(schema=SCHEMA_VERSION, seq=self._seq)
        meta.setdefault("created", self._now())
        self.records.put_meta(meta)

    def _record(
        self, task: str, action: str, fld: str, old: Any, new: Any, undoes: int | None = None
    ) -> None:
        assert self._seq is not None, "changes are recorded inside a transaction"
        self._rows.append(
            HistoryRow(
                self._seq,
                self._now(),
                self.who,
                task,
                action,
                fld,
                old,
                new,
                undoes=undoes,
                session=self.session,
            )
        )

    def _require_writable(self) -> None:
        if self.read_only_reason:
            reason = self.read_only_reason
            raise ReadOnlyDatabase.keyed("cli.read_only", reason=reason)

    def _update_fields(
        self, task_id: str, changes: dict[str, Any], action: str, undoes: int | None = None
    ) -> None:
        """Write ``changes`` (already JSON-ready) to a task, with one history row per changed field."""
        raw = self._raw(task_id)
        real = {k: v for k, v in changes.items() if raw.get(k) != v}
        if not real:
            return
        for k, v in real.items():
            self._record(task_id, action, k, raw.get(k), v, undoes)
        real.update(updated=self._now(), revision=raw.get("revision", 0) + 1)
        self.records.put_task(task_id, {**raw, **real})

    # -- changes --------------------------------------------------------------------------
    def move(
        self,
        task_id: str,
        status: Status | str,
        *,
        expect: Status | str | None = None,
        today: date | None = None,
    ) -> Task:
        """Set a task's status (one transaction, one history row).

        ``expect`` is the status the caller saw; if the task has moved since,
        :class:`Conflict` is raised and nothing changes.  A recurring task
        moved to done records the completion and rolls on to its next period
        (due date ``today``'s period onwards), back in the first column.
        """
        self._require_writable()
        status = Status.parse(status) if isinstance(status, str) else status
        with self.transaction():
            raw = self._raw(task_id)
            if expect is not None:
                believed = Status.parse(expect) if isinstance(expect, str) else expect
                self._check_expected(task_id, raw, {"status": believed}, Action.MOVE)
            self._update_fields(task_id, {"status": status.value}, Action.MOVE)
            if status is Status.DONE and raw.get("deadline_kind") == DeadlineKind.RECURRING.value:
                self._roll(task_id, raw, today or clock.today(None))
        return self.get(task_id)

    def _roll(self, task_id: str, raw: dict[str, Any], today: date) -> None:
        text = raw.get("deadline_text", "")
        current = date.fromisoformat(raw["deadline"]) if raw.get("deadline") else next_due(text, today)
        following = period_after(text, current) if current else None
        if following is not None:
            changes = {"deadline": following.isoformat(), "status": Status.NOT_STARTED.value}
            self._update_fields(task_id, changes, Action.ROLL)

    def add_note(self, task_id: str, text: str, author: str | None = None) -> Task:
        """Append a dated progress note to a task."""
        self._require_writable()
        text = clean(text).strip()
        if not text:
            raise StoreError.keyed("cli.note_empty")
        with self.transaction():
            raw = self._raw(task_id)
            note = Note(at=self._now(), author=author or self.who, text=text).to_dict()
            self._record(task_id, Action.NOTE, "notes", None, note)
            notes = [*raw.get("notes", []), note]
            self.records.put_task(
                task_id,
                {**raw, "notes": notes, "updated": note["at"], "revision": raw.get("revision", 0) + 1},
            )
        return self.get(task_id)

    def edit(self, task_id: str, *, expect: dict[str, Any] | None = None, **changes: Any) -> Task:
        """Change editable fields (title, units, deadline…); one history row per field.

        ``expect`` maps fields to the values the caller saw (usually those it
        edits); :class:`Conflict` if any has changed since, nothing written.
        """
        self._require_writable()
        bad = set(changes) - set(Task.EDITABLE_FIELDS)
        if bad:
            raise StoreError(f"cannot edit {', '.join(sorted(bad))}")
        if "deadline_kind" in changes:
            changes["deadline_kind"] = DeadlineKind(changes["deadline_kind"])
        with self.transaction():
            self._check_expected(task_id, self._raw(task_id), expect, Action.EDIT)
            self._update_fields(task_id, {k: encode(v) for k, v in changes.items()}, Action.EDIT)
        return self.get(task_id)

    def add_task(
        self,
        title: str,
        *,
        source: str = MANUAL_SOURCE,
        lead_units: Iterable[str] = (),
        co_units: Iterable[str] = (),
        deadline: date | None = None,
        text: str = "",
    ) -> Task:
        """A task made by hand (a leader's instruction, a meeting), numbered on in ``source``.

        Same fields, history and undo as an imported task.
        """
        self._require_writable()
        title, source = clean(title).strip(), clean(source).strip() or MANUAL_SOURCE
        if not title:
            raise StoreError.keyed("cli.title_needed")
        with self.transaction():
            numbers = [r.get("number", "") for r in self._raw_tasks().values() if r.get("source") == source]
            number = str(max((int(n) for n in numbers if str(n).isdigit()), default=0) + 1)
            now = self._now()
            task = Task(
                id=make_task_id(source, number),
                source=source,
                number=number,
                title=title,
                text=clean(text).strip() or title,
                lead_units=[clean(u) for u in lead_units],
                co_units=[clean(u) for u in co_units],
                deadline=deadline,
                deadline_text=deadline.isoformat() if deadline else "",
                deadline_kind=DeadlineKind.EXPLICIT if deadline else DeadlineKind.NONE,
                created=now,
                updated=now,
                revision=1,
            )
            self.records.put_task(task.id, task.to_dict())
            self._record(task.id, Action.ADD, CREATED, None, title)
        return self.get(task.id)

    def archive(self, task_id: str, reason: str) -> Task:
        """Retire a task from the board (it stays in history and ``list --archived``)."""
        self._require_writable()
        reason = archive_reason(reason)
        with self.transaction():
            if self._raw(task_id).get("archived"):
                raise StoreError.keyed("cli.already_archived", task_id=task_id)
            self._update_fields(task_id, {"archived": reason}, Action.ARCHIVE)
        return self.get(task_id)

    def restore(self, task_id: str) -> Task:
        """Put a retired task back on the board, in the column it left."""
        self._require_writable()
        with self.transaction():
            if not self._raw(task_id).get("archived"):
                raise StoreError.keyed("cli.not_archived", task_id=task_id)
            self._update_fields(task_id, {"archived": ""}, Action.RESTORE)
        return self.get(task_id)

    def rename_unit(self, old: str, new: str) -> list[str]:
        """Write unit ``old`` as ``new`` on every task (lead, co-unit, collective): one undo step.

        Returns the ids of the tasks changed.
        """
        self._require_writable()
        old, new = old.strip(), clean(new).strip()
        if not old or not new or old == new:
            raise StoreError.keyed("cli.merge_two_names")
        changed: list[str] = []
        with self.transaction():
            for task_id, raw in list(self._raw_tasks().items()):
                changes = {}
                for fld in ("lead_units", "co_units", "collectives"):
                    units = raw.get(fld) or []
                    if old in units:
                        changes[fld] = list(dict.fromkeys(new if u == old else u for u in units))
                if changes:
                    self._update_fields(task_id, changes, Action.MERGE)
                    changed.append(task_id)
        return changed

