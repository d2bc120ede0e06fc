"""The task model: what a task is, its statuses, deadline kinds and countdowns.

Plain Python on purpose: the store, the importer, the reports and the CLI all
build on this module and none of them may pull in Textual.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import operator
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from . import numerals, recurrence
from .catalogue import Said, say
from .safetext import clean, is_clean


class Status(StrEnum):
    """Where a task stands; the three kanban columns, in board order."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def zh(self) -> str:
        """The Chinese label used on the board and in reports."""
        return self.label("zh")

    @property
    def en(self) -> str:
        """The English label used on the board and in reports."""
        return self.label("en")

    def label(self, lang: str = "zh") -> str:
        """The label in ``lang`` (``zh`` or ``en``), from the catalogue."""
        return say(lang, f"status.{self.value}")

    @classmethod
    def parse(cls, text: str) -> Status:
        """Accept ``in_progress``, ``in progress``, ``进行中``… ; raise ValueError otherwise."""
        key = str(text).strip().lower().replace("-", "_").replace(" ", "_")
        for status in cls:
            if key in (status.value, status.zh, status.en.lower().replace(" ", "_")):
                return status
        if key in _STATUS_ALIASES:
            return _STATUS_ALIASES[key]
        choices = ", ".join(f"{s.value}/{s.zh}" for s in cls)
        raise UnknownStatus(f"unknown status {text!r} (use one of {choices})").said(
            "status.unknown", text=clean(str(text), keep_newlines=False), choices=choices
        )

    def next(self) -> Status | None:
        """The column to the right, or None from the last one."""
        order = list(Status)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None

    def previous(self) -> Status | None:
        """The column to the left, or None from the first one."""
        order = list(Status)
        i = order.index(self)
        return order[i - 1] if i > 0 else None



class UnknownStatus(Said, ValueError):
    """A status (or archive reason) nobody can parse; said in the user's language by the command line."""

# Spellings people type into a spreadsheet's 状态 column or a shell.
_STATUS_ALIASES = {
    "todo": Status.NOT_STARTED,
    "new": Status.NOT_STARTED,
    "doing": Status.IN_PROGRESS,
    "wip": Status.IN_PROGRESS,
    "推进中": Status.IN_PROGRESS,
    "正在推进": Status.IN_PROGRESS,
    "顺利推进": Status.IN_PROGRESS,
    "序时推进": Status.IN_PROGRESS,
    "滞后": Status.IN_PROGRESS,
    "严重滞后": Status.IN_PROGRESS,
    "未启动": Status.NOT_STARTED,
    "尚未启动": Status.NOT_STARTED,
    "完成": Status.DONE,
    "已办结": Status.DONE,
    "办结": Status.DONE,
}


class DeadlineKind(StrEnum):
    """How a deadline was stated in the source document."""

    EXPLICIT = "explicit"  # the document names a date or a period end
    INFERRED = "inferred"  # the document names none; we assumed e.g. the plan's year end
    RECURRING = "recurring"  # 每月20日前: a standing duty, no single date
    ONGOING = "ongoing"  # 持续推进 / 长期坚持: no end date
    NONE = "none"  # nothing stated, nothing inferred


@dataclass(slots=True)
class Note:
    """A dated progress note on a task."""

    at: str  # ISO timestamp
    author: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for storage and JSON export."""
        return {"at": self.at, "author": self.author, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Note:
        """Inverse of :meth:`to_dict`."""
        return cls(at=d.get("at", ""), author=clean(d.get("author", "")), text=clean(d.get("text", "")))


_STATUS_BY_VALUE = {s.value: s for s in Status}
_KIND_BY_VALUE = {k.value: k for k in DeadlineKind}


# A stored task's fields in the order of Task's, as to_dict writes them.
_STORED = operator.itemgetter(
    "id", "source", "number", "title", "text", "section", "lead_units", "co_units", "collectives",
    "deadline", "deadline_text", "deadline_kind", "status", "notes", "created", "updated", "revision",
    "archived", "review",
)


def _stored_or_default(d: dict[str, Any]) -> tuple[Any, ...]:
    """A stored task's fields as _STORED reads them, with the default of each one left out or null."""
    g = d.get
    return (
        g("id"), g("source", ""), g("number", ""), g("title", ""), g("text", ""), g("section", ""),
        g("lead_units") or [], g("co_units") or [], g("collectives") or [], g("deadline"),
        g("deadline_text", ""), g("deadline_kind") or "none", g("status") or "not_started",
        g("notes") or [], g("created", ""), g("updated", ""), g("revision", 0), g("archived", ""),
        g("review") or [],
    )


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> date:
    # A board holds a few hundred distinct deadlines for thousands of tasks.
    return date.fromisoformat(text)


@dataclass(slots=True)
class Task:
    """One measure of a policy document assigned to its lead unit(s).

    ``id`` is derived from the source file name and the measure number (see
    :func:`task_id`), so importing the same document again finds the same task.
    """

    id: str
    source: str
    number: str
    title: str
    text: str = ""
    section: str = ""
    lead_units: list[str] = field(default_factory=list)
    co_units: list[str] = field(default_factory=list)
    # Units among lead/co units that stand for a group (各乡镇(街道), 各部门…).
    collectives: list[str] = field(default_factory=list)
    deadline: date | None = None
    deadline_text: str = ""
    deadline_kind: DeadlineKind = DeadlineKind.NONE
    status: Status = Status.NOT_STARTED
    notes: list[Note] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    revision: int = 0
    # Why the task was retired (取消/合并/暂缓/其他), or "" while it is on the board.
    archived: str = ""
    # What the importer was unsure of, as short codes (``no_lead``, ``odd_unit:…``); see
    # taskboard.ingest.review for the list and their labels.
    review: list[str] = field(default_factory=list)

    # Fields an import may set; status and notes belong to the coordinator.
    IMPORTED_FIELDS = (
        "title",
        "text",
        "section",
        "lead_units",
        "co_units",
        "collectives",
        "deadline",
        "deadline_text",
        "deadline_kind",
        "review",
    )
    # Fields a person may change with `edit`.
    # ``review`` too: clearing the importer's doubts is an edit recorded in history.
    EDITABLE_FIELDS = (
        "title",
        "lead_units",
        "co_units",
        "deadline",
        "deadline_text",
        "deadline_kind",
        "review",
    )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (dates as ``YYYY-MM-DD``)."""
        return {
            "id": self.id,
            "source": self.source,
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "section": self.section,
            "lead_units": list(self.lead_units),
            "co_units": list(self.co_units),
            "collectives": list(self.collectives),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_text": self.deadline_text,
            "deadline_kind": self.deadline_kind.value,
            "status": self.status.value,
            "notes": [n.to_dict() for n in self.notes],
            "created": self.created,
            "updated": self.updated,
            "revision": self.revision,
            "archived": self.archived,
            "review": list(self.review),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Task:
        """Build a task from a stored dict; tolerant of missing optional keys."""
        return cls.from_plain_dict(d) or cls._from_any_dict(d)

    @classmethod
    def from_plain_dict(cls, d: dict[str, Any]) -> Task | None:
        """The task when ``d`` has the stored shape with clean text, else None.

        The fast path for loading a board (10,000 tasks at every open): one
        look for control characters over all of a task's text instead of one
        per field, enum members and dates by lookup.  Its checks are the
        validator's (``store.validate``): a dict it accepts would pass there,
        so a None tells the store this row needs a careful look.
        """
        try:
            # Every field in one call, for a row as to_dict writes it (nearly every row).
            task = cls._from_fields(*_STORED(d))
        except KeyError:
            task = None
        # Fields left out or null (older files, hand edits) stand for their defaults.
        return task or cls._from_fields(*_stored_or_default(d))

    @classmethod
    def _from_fields(
        cls, id_: Any, source: Any, number: Any, title: Any, text: Any, section: Any, lead: Any, co: Any,
        coll: Any, deadline: Any, deadline_text: Any, kind: Any, status: Any, notes: Any, created: Any,
        updated: Any, revision: Any, archived: Any, review: Any,
    ) -> Task | None:
        # from_plain_dict's checks and build, on the stored values in Task's field order.
        if not (type(lead) is type(co) is type(coll) is type(review) is type(notes) is list
                and type(revision) is int):
            return None
        texts = [id_, source, number, title, text, section, deadline_text, created, updated, archived]
        texts += lead
        texts += co
        texts += coll
        texts += review
        for note in notes:
            if type(note) is not dict:
                return None
            texts += (note.get("at", ""), note.get("author", ""), note.get("text", ""))
        try:
            if not is_clean("".join(texts)):  # TypeError: something is not text
                return None
            # Positional, in field order (a third faster than keywords at this
            # rate); tests/test_model_load.py checks it against the careful path.
            return cls(
                id_, source, number, title, text, section, list(lead), list(co), list(coll),
                None if deadline is None else _parse_date(deadline), deadline_text,
                _KIND_BY_VALUE[kind], _STATUS_BY_VALUE[status],
                [Note(n.get("at", ""), n.get("author", ""), n.get("text", "")) for n in notes],
                created, updated, revision, archived, list(review),
            )
        except (TypeError, ValueError, KeyError):
            return None

    @classmethod
    def _from_any_dict(cls, d: dict[str, Any]) -> Task:
        # Text is cleaned here, where every output (board, CLI, reports) gets its
        # tasks: a database written by hand or by an old importer may hold escape codes.
        deadline = d.get("deadline")
        return cls(
            id=d["id"],
            source=clean(d.get("source", "")),
            number=clean(str(d.get("number", ""))),
            title=clean(d.get("title", "")),
            text=clean(d.get("text", "")),
            section=clean(d.get("section", "")),
            lead_units=[clean(u) for u in d.get("lead_units") or []],
            co_units=[clean(u) for u in d.get("co_units") or []],
            collectives=[clean(u) for u in d.get("collectives") or []],
            deadline=date.fromisoformat(deadline) if deadline else None,
            deadline_text=clean(d.get("deadline_text", "")),
            deadline_kind=DeadlineKind(d.get("deadline_kind") or "none"),
            status=Status(d.get("status") or "not_started"),
            notes=[Note.from_dict(n) for n in d.get("notes") or []],
            created=d.get("created", ""),
            updated=d.get("updated", ""),
            revision=int(d.get("revision", 0)),
            archived=clean(d.get("archived") or ""),
            review=[clean(str(code)) for code in d.get("review") or []],
        )

    def replace(self, **changes: Any) -> Task:
        """A copy with ``changes`` applied (the task itself is left alone)."""
        return dataclasses.replace(self, **changes)

    def matches(
        self,
        *,
        lead: str | Collection[str] | None = None,
        status: Status | None = None,
        source: str | None = None,
    ) -> bool:
        """Led by ``lead`` (one unit, or any of several), in ``status``, from ``source``
        (the file name or its beginning, so ``001`` finds ``001_f2cb9e304a2c1ebe.txt``);
        None matches all."""
        if lead is not None and not isinstance(lead, str):
            return any(u in lead for u in self.lead_units) and self.matches(status=status, source=source)
        return (
            (lead is None or lead in self.lead_units)
            and (status is None or self.status is status)
            and (source is None or self.source.startswith(source))
        )

    @property
    def latest_note(self) -> Note | None:
        """The most recent progress note, if any."""
        return self.notes[-1] if self.notes else None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the board knows of one imported document: its file name and what it calls itself."""

    source: str  # the file name, as tasks refer to it
    title: str = ""  # 伊州区2023年深化放管服改革工作要点
    number: str = ""  # 文号, e.g. 伊区政办发〔2023〕12号
    date: str = ""  # 发文日期 as written, when the document states one

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for storage."""
        return {"source": self.source, "title": self.title, "number": self.number, "date": self.date}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentInfo:
        """Inverse of :meth:`to_dict` (text cleaned: titles come from documents)."""
        return cls(
            source=clean(str(d.get("source", ""))),
            title=clean(str(d.get("title") or "")),
            number=clean(str(d.get("number") or "")),
            date=clean(str(d.get("date") or "")),
        )

    @property
    def name(self) -> str:
        """The title without its covering-notice wrapper (关于印发《…》的通知), else the file name."""
        title = self.title.strip()
        inner = _NOTICE_WRAPPER.fullmatch(title)
        if inner:
            title = inner.group(1)
        return title.strip("《》 ") or self.source

    def short(self, width: int = 20) -> str:
        """:attr:`name` cut to ``width`` characters for narrow places, keeping both ends.

        The start says whose document it is (天山区…), the end what kind (…实施方案).
        """
        name = self.name
        if len(name) <= width:
            return name
        head = (width - 1) // 2
        return name[:head] + "…" + name[len(name) - (width - 1 - head) :]


_NOTICE_WRAPPER = re.compile(r"关于印发(.+?)的通知")


def task_ref(task: Task, documents: dict[str, DocumentInfo] | None = None, width: int = 20) -> str:
    """How a task is named once it leaves the board: ``《营商环境工作要点》第9项``."""
    doc = (documents or {}).get(task.source) or DocumentInfo(task.source)
    return measure_ref(doc, task.number, width=width)


def measure_ref(doc: DocumentInfo, number: str, *, width: int = 20, lang: str = "zh") -> str:
    """``《short title》第9项`` (``item 9 of 《short title》`` in English)."""
    # A title quoting another (贯彻落实《…》实施方案) nests its marks as 〈〉 inside 《》.
    inner = doc.short(width).replace("《", "〈").replace("》", "〉")
    return say(lang, "measure_ref", title=inner, number=number)


_NUMBER_PARTS = re.compile(r"\d+|[零〇一二两三四五六七八九十百]+|[^\d零〇一二两三四五六七八九十百]+")


@functools.lru_cache(maxsize=4096)  # a board of 10,000 tasks has a few hundred numbers
def measure_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """The one order of measure numbers: ``2`` before ``10``, ``3.2`` before ``3.10``,
    ``1.二`` before ``1.三`` (Chinese numerals by value), ``1`` before ``1.一``."""
    key = []
    for part in _NUMBER_PARTS.findall(number):
        value = int(part) if part.isdigit() else numerals.cn_to_int(part)
        key.append((0, value, "") if value is not None else (1, 0, part))
    return tuple(key)


def task_id(source: str, number: str) -> str:
    """Stable id from the source file name and the measure number.

    A short hash of the file name keeps ids typeable whatever the name is
    (Chinese, spaces, long hashes), and the number stays readable: ``3f9a1c-28``.
    """
    digest = hashlib.sha1(source.encode("utf-8")).hexdigest()[:6]
    return f"{digest}-{number}"


class Bucket(StrEnum):
    """Countdown colour buckets on cards and in reports."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    SOON = "soon"  # within 7 days
    LATER = "later"
    DONE = "done"
    ONGOING = "ongoing"
    RECURRING = "recurring"
    UNDATED = "undated"


SOON_DAYS = 7


@dataclass(frozen=True, slots=True)
class Countdown:
    """Days until a task's deadline as of a given day, and its bucket.

    ``days`` is negative when overdue (never clamped) and None when there is
    no date to count to.
    """

    bucket: Bucket
    days: int | None

    def label(self, lang: str = "zh") -> str:
        """``剩12天`` / ``今天到期`` / ``逾期30天`` or the English equivalent."""
        b, d = self.bucket, self.days
        if b is Bucket.ONGOING:
            return say(lang, "countdown.ongoing")
        if b is Bucket.RECURRING:
            if d is None:
                return say(lang, "countdown.recurring")
            if d == 0:
                return say(lang, "countdown.recurring_today")
            return say(lang, "countdown.recurring_left", n=d)
        if b is Bucket.DONE:
            return say(lang, "countdown.done")
        if d is None:
            return say(lang, "countdown.none")
        if d < 0:
            return say(lang, "countdown.overdue", n=-d)
        if d == 0:
            return say(lang, "countdown.today")
        return say(lang, "countdown.left", n=d)


def countdown(task: Task, today: date) -> Countdown:
    """The countdown of ``task`` as of ``today``."""
    kind = task.deadline_kind
    if task.status is Status.DONE:
        days = (task.deadline - today).days if task.deadline else None
        return Countdown(Bucket.DONE, days)
    if kind is DeadlineKind.ONGOING:
        return Countdown(Bucket.ONGOING, None)
    if kind is DeadlineKind.RECURRING:
        # The current period's due date: fixed once a period was completed (the store
        # rolls it on), else the next one the wording gives from today.
        due = task.deadline or recurrence.next_due(task.deadline_text, today)
        if due is None:
            return Countdown(Bucket.RECURRING, None)
        days = (due - today).days
        return Countdown(Bucket.OVERDUE if days < 0 else Bucket.RECURRING, days)
    if task.deadline is None:
        return Countdown(Bucket.UNDATED, None)
    days = (task.deadline - today).days
    if days < 0:
        return Countdown(Bucket.OVERDUE, days)
    if days == 0:
        return Countdown(Bucket.DUE_TODAY, 0)
    if days <= SOON_DAYS:
        return Countdown(Bucket.SOON, days)
    return Countdown(Bucket.LATER, days)


def is_overdue(task: Task, today: date) -> bool:
    """True when an unfinished task's deadline has passed."""
    return countdown(task, today).bucket is Bucket.OVERDUE


def split_units(text: str) -> list[str]:
    """What a person types as a unit list → units: ``区发改委、区财政局``, ``A,B``, ``A；B``, ``A/B``.

    The one rule for every place a person enters units (CLI, board forms).
    """
    for sep in ("、", "，", "；", ";", "／", "/", "\n"):
        text = text.replace(sep, ",")
    return list(dict.fromkeys(u.strip() for u in text.split(",") if u.strip()))


# Why a task leaves the board without being done (``taskboard archive --reason``).
ARCHIVE_REASONS = ("取消", "合并", "暂缓", "其他")
_ARCHIVE_REASONS_EN = {"cancelled": "取消", "merged": "合并", "deferred": "暂缓", "other": "其他"}


def archive_reason(text: str) -> str:
    """``取消`` / ``cancelled`` → ``取消`` …; raise ValueError for anything else."""
    key = text.strip().lower()
    if key in ARCHIVE_REASONS:
        return key
    if key in _ARCHIVE_REASONS_EN:
        return _ARCHIVE_REASONS_EN[key]
    raise UnknownStatus.keyed("cli.unknown_reason", text=text, choices="|".join(ARCHIVE_REASONS))


# The "due soon" window of summaries, 催办 and filters unless the user configures another.
DUE_SOON_DAYS = 14


def due_within(task: Task, today: date, days: int) -> bool:
    """True when an unfinished task is due from ``today`` up to ``days`` days ahead.

    Overdue tasks are not "due within": they have their own filter and pile.
    """
    c = countdown(task, today)
    return c.bucket is not Bucket.DONE and c.days is not None and 0 <= c.days <= days
