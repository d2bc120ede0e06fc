"""History rows: the append-only record of every change to the board."""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass
from typing import Any

from ..catalogue import join, name_of, say
from ..model import Status
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


STATUS_VALUES = frozenset(s.value for s in Status)


def _shown(value: Any, lang: str) -> str:
    """A field value as a person reads it in a sentence."""
    if value in (None, "", []):
        return say(lang, "cli.empty")
    if isinstance(value, list):
        return join(lang, value)
    if isinstance(value, dict):  # a note
        return str(value.get("text", ""))
    if isinstance(value, str) and value in STATUS_VALUES:
        return Status(value).label(lang)
    return str(value)


def field_label(name: str, lang: str) -> str:
    """A task field as a person calls it (``状态``), or its stored name when the catalogue has none."""
    return name_of(lang, "cli.field_", name)


def describe(row: HistoryRow, lang: str = "zh") -> str:
    """One history row as a sentence: ``2023-06-30 10:42 张三@办公室 把状态从 未开始 改为 进行中``."""
    when = row.at[:16].replace("T", " ")
    fld = field_label(row.field, lang)
    old, new = _shown(row.old, lang), _shown(row.new, lang)
    action = row.action
    if action == Action.MOVE:
        what = say(lang, "cli.h_move", old=old, new=new)
    elif action == Action.NOTE:
        what = say(lang, "cli.h_note", new=new)
    elif action == Action.IMPORT and row.field == CREATED:
        what = say(lang, "cli.h_import_created")
    elif action == Action.ADD:
        what = say(lang, "cli.h_add")
    elif action == Action.UNDO and row.field == CREATED:
        what = say(lang, "cli.h_undo_created")
    elif action == Action.UNDO and row.field == "notes":
        what = say(lang, "cli.h_undo_note", old=old)
    elif action == Action.UNDO:
        what = say(lang, "cli.h_undo", undoes=row.undoes, field=fld, old=old, new=new)
    elif action == Action.ROLL:
        what = say(lang, "cli.h_roll_deadline" if row.field == "deadline" else "cli.h_roll_status", new=new)
    elif action in (Action.EDIT, Action.IMPORT, Action.KEPT, Action.MERGE, Action.ARCHIVE, Action.RESTORE):
        key = {
            Action.EDIT: "cli.h_edit",
            Action.IMPORT: "cli.h_import",
            Action.KEPT: "cli.h_kept",
            Action.MERGE: "cli.h_merge",
            Action.ARCHIVE: "cli.h_archive",
            Action.RESTORE: "cli.h_restore",
        }[action]
        what = say(lang, key, field=fld, old=old, new=new)
    else:
        name = name_of(lang, "cli.action_", action)
        what = say(lang, "cli.h_other", action=name, field=fld, old=old, new=new)
    return clean(f"{when} {row.who} {what}", keep_newlines=False)
