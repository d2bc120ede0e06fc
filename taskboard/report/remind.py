"""催办: a ready-to-send message per lead unit listing its overdue and due-soon tasks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..catalogue import long_date, say
from ..model import DUE_SOON_DAYS, Bucket, Task, countdown, measure_key, measure_ref
from ..safetext import one_line
from .summary import NO_LEAD, TaskLine, task_line, titled_document

REPLY_DAYS = 3  # units are asked to answer within three days, moved off the weekend
SEPARATOR = "=" * 60


@dataclass(slots=True)
class Reminder:
    """What one lead unit is reminded of (``unit`` is NO_LEAD for the tasks nobody leads)."""

    unit: str
    overdue: list[TaskLine] = field(default_factory=list)  # most overdue first
    due_soon: list[TaskLine] = field(default_factory=list)  # soonest first

    @property
    def unassigned(self) -> bool:
        """True for the coordinator's section: tasks with no lead unit to chase."""
        return self.unit == NO_LEAD


@dataclass(slots=True)
class Coverage:
    """How many unfinished tasks the reminders cover, and why the others are left out."""

    covered: int = 0  # tasks in at least one message
    overdue: int = 0
    due_soon: int = 0
    unassigned: int = 0  # covered tasks nobody leads (in the coordinator's section)
    done: int = 0
    no_date: int = 0  # ongoing, recurring or undated: nothing to count down to
    later: int = 0  # due after the window
    other_units: int = 0  # left out by --lead


def build_reminders(
    tasks: Iterable[Task],
    as_of: date,
    *,
    within: int = DUE_SOON_DAYS,
    lead: str | None = None,
    coverage: Coverage | None = None,
) -> list[Reminder]:
    """One reminder per lead unit with unfinished tasks overdue or due within ``within`` days.

    A task led by several units appears in each unit's reminder.  Tasks with
    no lead unit are the first thing to chase: they form their own reminder,
    addressed to the coordinator, first in the list (not with ``lead``).  Then
    units with the most overdue tasks.  ``coverage``, when given, is filled in
    with what was covered and why the rest was left out.  Unit names and task
    texts are cleaned of escape codes (see :func:`task_line`).
    """
    cov = coverage if coverage is not None else Coverage()
    by_unit: dict[str, Reminder] = {}
    for task in tasks:
        cd = countdown(task, as_of)
        if cd.bucket is Bucket.DONE:
            cov.done += 1
            continue
        if cd.days is None:
            cov.no_date += 1
            continue
        if cd.days > within:
            cov.later += 1
            continue
        units = task.lead_units or [NO_LEAD]
        if lead is not None and lead not in units:
            cov.other_units += 1
            continue
        line = task_line(task, cd.days, as_of)
        for unit in units if lead is None else [lead]:
            rem = by_unit.setdefault(unit, Reminder(unit if unit == NO_LEAD else one_line(unit)))
            (rem.overdue if cd.days < 0 else rem.due_soon).append(line)
        cov.covered += 1
        cov.overdue += cd.days < 0
        cov.due_soon += cd.days >= 0
        cov.unassigned += not task.lead_units
    for rem in by_unit.values():
        rem.overdue.sort(key=lambda t: (t.days, t.source, measure_key(t.number)))
        rem.due_soon.sort(key=lambda t: (t.days, t.source, measure_key(t.number)))
    return sorted(
        by_unit.values(), key=lambda r: (not r.unassigned, -len(r.overdue), -len(r.due_soon), r.unit)
    )


def coverage_line(cov: Coverage, within: int, lang: str) -> str:
    """One line: how many tasks the reminders cover and why the others are left out."""
    out = [say(lang, "remind.out_done", n=cov.done), say(lang, "remind.out_no_date", n=cov.no_date)]
    out.append(say(lang, "remind.out_later", n=cov.later, within=within))
    if cov.other_units:
        out.append(say(lang, "remind.out_other", n=cov.other_units))
    unassigned = say(lang, "remind.coverage_unassigned", n=cov.unassigned) if cov.unassigned else ""
    return say(
        lang,
        "remind.coverage",
        covered=cov.covered,
        overdue=cov.overdue,
        due_soon=cov.due_soon,
        within=within,
        unassigned=unassigned,
        left_out=say(lang, "remind.out_sep").join(out),
    )


def default_reply_by(as_of: date) -> date:
    """Three days after ``as_of``; a Saturday or Sunday moves to the Monday after."""
    day = as_of + timedelta(days=REPLY_DAYS)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _date(d: date, lang: str, key: str = "remind.due_format") -> str:
    # Chinese letters write dates in words; the English lists keep ISO dates (the catalogue says which).
    return long_date(d, lang) if say(lang, key) == "long" else d.isoformat()


def _item(i: int, t: TaskLine, titles: Mapping[str, str], lang: str) -> str:
    # Measures are named by their document (《short title》第9项): a number alone is ambiguous.
    ref = measure_ref(titled_document(t.source, titles), t.number, lang=lang)
    due = _date(t.deadline, lang) if t.deadline else "—"
    if t.days < 0:
        state = say(lang, "remind.state_overdue", n=-t.days)
    else:
        state = say(lang, "remind.state_today") if t.days == 0 else say(lang, "remind.state_left", n=t.days)
    return say(lang, "remind.item", i=i, ref=ref, title=t.title, due=due, state=state)


def _sections(rem: Reminder, within: int, lang: str) -> list[tuple[str, list[TaskLine]]]:
    parts = []
    if rem.overdue:
        parts.append((say(lang, "remind.section_overdue"), rem.overdue))
    if rem.due_soon:
        parts.append((say(lang, "remind.section_soon", within=within), rem.due_soon))
    ordinals = say(lang, "remind.ordinals").split(",")
    return [
        (say(lang, "remind.section_head", ordinal=ordinals[i], head=head, n=len(lines)), lines)
        for i, (head, lines) in enumerate(parts)
    ]


def _opening(rem: Reminder, as_of: date, within: int, reply_by: date, sender: str, lang: str) -> str:
    if rem.unassigned:
        return say(
            lang,
            "remind.opening_unassigned",
            as_of=long_date(as_of, lang),
            n=len(rem.overdue) + len(rem.due_soon),
            overdue=len(rem.overdue),
            due_soon=len(rem.due_soon),
            within=within,
        )
    counts = []
    if rem.overdue:
        counts.append(say(lang, "remind.opening_overdue", n=len(rem.overdue)))
    if rem.due_soon:
        counts.append(say(lang, "remind.opening_soon", n=len(rem.due_soon), within=within))
    return say(
        lang,
        "remind.opening",
        as_of=long_date(as_of, lang),
        counts=say(lang, "remind.opening_sep").join(counts),
        reply_by=long_date(reply_by, lang),
        sender=sender,
    )


def reminder_title(rem: Reminder, lang: str) -> str:
    """The message's subject line."""
    if rem.unassigned:
        return say(lang, "remind.title_unassigned")
    return say(lang, "remind.title", unit=rem.unit)


def reminder_text(
    rem: Reminder,
    as_of: date,
    *,
    within: int,
    reply_by: date,
    sender: str,
    lang: str,
    markdown: bool = False,
    titles: Mapping[str, str] | None = None,
) -> str:
    """One unit's message, plain text or Markdown (title and section headings)."""
    titles = titles or {}
    h1, h2 = ("## ", "### ") if markdown else ("", "")
    to = sender if rem.unassigned else rem.unit  # the coordinator's own to-do: assign a unit
    out = [h1 + reminder_title(rem, lang), "", say(lang, "remind.to", to=to), ""]
    out += [_opening(rem, as_of, within, reply_by, sender, lang), ""]
    for head, lines in _sections(rem, within, lang):
        out.append(h2 + head)
        if markdown:
            out.append("")
        out += [_item(i, t, titles, lang) for i, t in enumerate(lines, 1)]
        out.append("")
    # Markdown joins consecutive lines into one paragraph; a trailing double space keeps the break.
    out += [sender + ("  " if markdown else ""), long_date(as_of, lang)]
    return "\n".join(out) + "\n"


def reminders_document(
    reminders: list[Reminder],
    as_of: date,
    *,
    within: int = DUE_SOON_DAYS,
    reply_by: date | None = None,
    sender: str | None = None,
    lang: str = "zh",
    markdown: bool = False,
    titles: Mapping[str, str] | None = None,
) -> str:
    """All messages in one text (separated by a rule) or one Markdown document.

    ``titles`` (source file → document title) names each measure by its document.
    """
    reply_by = reply_by or default_reply_by(as_of)
    sender = one_line(sender) if sender else say(lang, "remind.sender")
    if not reminders:
        return say(lang, "remind.nothing", as_of=long_date(as_of, lang), within=within) + "\n"
    options = {"within": within, "markdown": markdown, "titles": titles}
    messages = [
        reminder_text(r, as_of, **options, reply_by=reply_by, sender=sender, lang=lang) for r in reminders
    ]
    if markdown:
        title = say(lang, "remind.doc_title", as_of=_date(as_of, lang, "remind.doc_date_format"))
        return title + "\n\n" + "\n".join(messages)
    return f"\n{SEPARATOR}\n\n".join(messages)
