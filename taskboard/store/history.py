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
