"""What the store's operations return or raise: plain values the CLI, board and reports read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalogue import say
from ..model import Status
from .history import STATUS_VALUES, HistoryRow, field_label
from .storage import StoreError


class UnknownTask(StoreError):
    """No task has the given id."""


class Conflict(StoreError):
    """A write based on a view of the task that is out of date: refused, nothing changed.

    Carries who changed the task since, when, and what it says now, so each
    front end can tell the user in plain words in its own language.
    """

    def __init__(
        self, task_id: str, field: str, latest: HistoryRow | None, value: Any, attempted: str
    ) -> None:
        self.task_id = task_id
        self.field = field  # the field that changed under us
        self.who = latest.who if latest else ""
        self.at = latest.at if latest else ""
        self.value = value  # what the store holds now
        self.attempted = attempted  # the kind of change refused (move, edit, undo…)
        by = f" by {self.who} at {self.at[:16].replace('T', ' ')}" if latest else ""
        super().__init__(
            f"task {task_id} was changed{by} ({field} is now {value!r}); your {attempted} was not applied"
        )

    def message_in(self, lang: str) -> str:
        """The refusal in plain words: who changed what, when, and that nothing was applied."""
        value = self.value
        if self.field == "status" and isinstance(value, str) and value in STATUS_VALUES:
            value = Status(value).label(lang)
        elif isinstance(value, list):
            value = "、".join(map(str, value))
        return say(
            lang,
            f"cli.conflict_{self.attempted}" if self.attempted in ("move", "undo") else "cli.conflict_edit",
            who=self.who or say(lang, "someone"),
            at=self.at[:16].replace("T", " "),
            task_id=self.task_id,
            value=value,
            field=field_label(self.field, lang),
        )


class UndoConflict(Conflict):
    """The change to undo has since been overwritten by another one."""


@dataclass(frozen=True, slots=True)
class Changes:
    """What was committed after a given revision: the change feed a board follows."""

    revision: int  # the database's revision now
    tasks: frozenset[str]  # every task touched since
    foreign: frozenset[str]  # those touched by another session (another process or board)




@dataclass(frozen=True, slots=True)
class KeptEdit:
    """A field a person corrected that a re-import left alone."""

    task: str
    field: str
    document_says: Any  # JSON-ready, as stored
    kept: Any


@dataclass
class ImportResult:
    """What importing one document did (or, for a dry run, would do)."""

    source: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Tasks of this source that the new version of the document no longer lists;
    # they are kept (never lose a coordinator's notes), only reported.
    missing: list[str] = field(default_factory=list)
    kept: list[KeptEdit] = field(default_factory=list)
    # Tasks the document still lists that were retired from the board: they stay retired.
    retired: list[str] = field(default_factory=list)


@dataclass
class UndoResult:
    """What :meth:`TaskStore.undo` reverted."""

    seq: int
    actions: list[str]  # the kinds of change reverted (a workbook import has moves and notes)
    tasks: list[str]

    @property
    def action(self) -> str:
        """The kind of change reverted, or ``mixed`` when it had several."""
        return self.actions[0] if len(self.actions) == 1 else "mixed"
