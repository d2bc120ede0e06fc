"""History rows: the append-only record of every change to the board."""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass
from typing import Any

from ..safetext import clean


class Action:
    """The kinds of change a history row records."""

    IMPORT = "import"  # a task created or changed by importing a document
    MOVE = "move"
    NOTE = "note"
    EDIT = "edit"
    UNDO = "undo"
    MERGE = "merge"  # a unit renamed on every task (``taskboard units merge``)
    ADD = "add"  # a task made by hand (领导交办, a meeting), not from a document
    ARCHIVE = "archive"  # retired from the board (cancelled, merged, deferred)
    RESTORE = "restore"  # back on the board
    ROLL = "roll"  # a recurring task's period was done: on to the next period
    # A re-import found the document saying something else about a field a
    # person corrected: the correction stays, the document's value is recorded.
    # Changes nothing, so undo passes over it.
    KEPT = "kept"


# Fields that move together when a person corrects one of them.
_FIELD_GROUPS = {
    "deadline": ("deadline", "deadline_text", "deadline_kind"),
    "deadline_text": ("deadline", "deadline_text", "deadline_kind"),
    "deadline_kind": ("deadline", "deadline_text", "deadline_kind"),
}


def corrected_fields(rows: list[HistoryRow]) -> dict[str, set[str]]:
    """Per task, the fields a person edited (edits not undone): re-imports leave these alone."""
    undone = {r.undoes for r in rows if r.action == Action.UNDO}
    out: dict[str, set[str]] = {}
    for r in rows:
        if r.action == Action.EDIT and r.seq not in undone:
            out.setdefault(r.task, set()).update(_FIELD_GROUPS.get(r.field, (r.field,)))
    return out


def last_document_value(rows: list[HistoryRow], task: str, fld: str) -> Any:
    """What the document said about ``fld`` last time (before a person's correction)."""
    kept = [r.new for r in rows if r.task == task and r.field == fld and r.action == Action.KEPT]
    if kept:
        return kept[-1]
    edits = [r.old for r in rows if r.task == task and r.field == fld and r.action == Action.EDIT]
    return edits[0] if edits else None


# A history row with this field means the whole task was created (undo deletes it).
CREATED = "*created*"


@dataclass(slots=True)
class HistoryRow:
    """One field of one task changed by one transaction."""

    seq: int  # the transaction; rows of one user action share it
    at: str
    who: str
    task: str
    action: str
    field: str
    old: Any = None
    new: Any = None
    undoes: int | None = None  # for undo rows: the transaction reverted
    session: str = ""  # which open store (board session, CLI run) made the change

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for storage and JSON export."""
        d = {
            "seq": self.seq,
            "at": self.at,
            "who": self.who,
            "task": self.task,
            "action": self.action,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }
        if self.undoes is not None:
            d["undoes"] = self.undoes
        if self.session:
            d["session"] = self.session
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HistoryRow:
        """Inverse of :meth:`to_dict` (text cleaned of escape codes: it is shown to people)."""
        return cls(
            seq=int(d["seq"]),
            at=d.get("at", ""),
            who=clean(d.get("who", "")),
            task=d.get("task", ""),
            action=d.get("action", ""),
            field=d.get("field", ""),
            old=_clean_value(d.get("old")),
            new=_clean_value(d.get("new")),
            undoes=d.get("undoes"),
            session=d.get("session", ""),
        )


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_clean_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean_value(v) for k, v in value.items()}
    return value


def row_key(seq: int, index: int) -> str:
    """Storage key of a history row: sorts by transaction, then by order within it."""
    return f"{seq:010d}.{index:05d}"


def current_user() -> str:
    """``user@host`` of this process, recorded on every change."""
    try:
        user = getpass.getuser()
    except Exception:  # no passwd entry in some containers
        user = "unknown"
    return f"{user}@{socket.gethostname()}"
