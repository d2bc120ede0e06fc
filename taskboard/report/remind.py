"""催办: a ready-to-send message per lead unit listing its overdue and due-soon tasks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath

from ..model import Bucket, DocumentInfo, Task, countdown, measure_key, measure_ref
from ..safetext import one_line
from .labels import long_date, zh_date
from .summary import NO_LEAD, SOON_DAYS, TaskLine, task_line

REPLY_DAYS = 3  # units are asked to answer within three days, moved off the weekend
SEPARATOR = "=" * 60
_CN_ORDINALS = "一二三"


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
    within: int = SOON_DAYS,
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
    if lang == "zh":
        head = f"催办覆盖 {cov.covered} 项未完成任务（逾期 {cov.overdue} 项，"
        head += f"{within}天内到期 {cov.due_soon} 项"
        head += f"，其中未明确牵头单位 {cov.unassigned} 项）" if cov.unassigned else "）"
        out = [f"已完成 {cov.done} 项", f"持续推进/定期/无时限 {cov.no_date} 项"]
        out.append(f"{within}天后到期 {cov.later} 项")
        if cov.other_units:
            out.append(f"其他单位牵头 {cov.other_units} 项")
        return head + "；未纳入：" + "，".join(out) + "。"
    head = f"Reminders cover {cov.covered} unfinished task(s) ({cov.overdue} overdue, {cov.due_soon} due"
    head += f" within {within} days" + (f", {cov.unassigned} with no lead unit)" if cov.unassigned else ")")
    out = [f"{cov.done} done", f"{cov.no_date} ongoing/recurring/undated", f"{cov.later} due later"]
    if cov.other_units:
        out.append(f"{cov.other_units} led by other units")
    return head + "; left out: " + ", ".join(out) + "."


def default_reply_by(as_of: date) -> date:
    """Three days after ``as_of``; a Saturday or Sunday moves to the Monday after."""
    day = as_of + timedelta(days=REPLY_DAYS)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def default_sender(lang: str) -> str:
    """Who signs the message when ``--sender`` is not given."""
    return "改革办" if lang == "zh" else "Reform Office"


def _item(i: int, t: TaskLine, titles: Mapping[str, str], lang: str) -> str:
    # Measures are named by their document (《short title》第9项): a number alone is ambiguous.
    doc = DocumentInfo(t.source, title=titles.get(t.source, "") or PurePath(t.source).stem)
    ref = measure_ref(doc, t.number, lang=lang)
    if lang == "zh":
        due = zh_date(t.deadline) if t.deadline else "—"
        state = f"已逾期{-t.days}天" if t.days < 0 else ("今天到期" if t.days == 0 else f"剩{t.days}天")
        return f"{i}. {ref}：{t.title}（完成时限：{due}，{state}）"
    due = t.deadline.isoformat() if t.deadline else "—"
    if t.days < 0:
        state = f"{-t.days} day{'s' if t.days != -1 else ''} overdue"
    else:
        state = "due today" if t.days == 0 else f"{t.days} day{'s' if t.days != 1 else ''} left"
    return f"{i}. {ref}: {t.title} (deadline {due}, {state})"


def _sections(rem: Reminder, within: int, lang: str) -> list[tuple[str, list[TaskLine]]]:
    zh = lang == "zh"
    parts = []
    if rem.overdue:
        parts.append(("已逾期任务" if zh else "Overdue", rem.overdue))
    if rem.due_soon:
        parts.append((f"{within}天内到期任务" if zh else f"Due within {within} days", rem.due_soon))
    if zh:
        return [
            (f"{_CN_ORDINALS[i]}、{head}（{len(lines)}项）", lines) for i, (head, lines) in enumerate(parts)
        ]
    return [(f"{head} ({len(lines)})", lines) for head, lines in parts]


def _opening(rem: Reminder, as_of: date, within: int, reply_by: date, sender: str, lang: str) -> str:
    if rem.unassigned:
        return _unassigned_opening(rem, as_of, within, lang)
    if lang == "zh":
        counts = []
        if rem.overdue:
            counts.append(f"{len(rem.overdue)}项已逾期")
        if rem.due_soon:
            counts.append(f"{len(rem.due_soon)}项将在{within}天内到期")
        return (
            f"截至{zh_date(as_of)}，贵单位牵头的改革任务中有{'、'.join(counts)}（清单如下）。"
            f"请抓紧推进，并于{zh_date(reply_by)}前将进展情况反馈{sender}。"
        )
    counts = []
    if rem.overdue:
        counts.append(f"{len(rem.overdue)} overdue")
    if rem.due_soon:
        counts.append(f"{len(rem.due_soon)} due within {within} days")
    return (
        f"As of {long_date(as_of, lang)}, the reform tasks your unit leads include {' and '.join(counts)} "
        f"(listed below). Please push them forward and report progress to the {sender} "
        f"by {long_date(reply_by, lang)}."
    )


def _unassigned_opening(rem: Reminder, as_of: date, within: int, lang: str) -> str:
    n = len(rem.overdue) + len(rem.due_soon)
    if lang == "zh":
        return (
            f"截至{zh_date(as_of)}，以下{n}项改革任务未明确牵头单位（{len(rem.overdue)}项已逾期，"
            f"{len(rem.due_soon)}项将在{within}天内到期），无从催办。请先明确责任单位，再行督办。"
        )
    return (
        f"As of {long_date(as_of, lang)}, the {n} reform task(s) below have no lead unit "
        f"({len(rem.overdue)} overdue, {len(rem.due_soon)} due within {within} days), so nobody can be "
        "chased for them. Please assign a responsible unit first."
    )


def reminder_title(rem: Reminder, lang: str) -> str:
    """The message's subject line."""
    if rem.unassigned:
        return "未明确牵头单位：请先明确责任单位" if lang == "zh" else "No lead unit: assign one first"
    if lang == "zh":
        return f"关于督促推进改革任务的提醒（{rem.unit}）"
    return f"Reminder: reform tasks overdue or due soon ({rem.unit})"


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
    out = [h1 + reminder_title(rem, lang), "", f"{to}：" if lang == "zh" else f"To {to}:", ""]
    out += [_opening(rem, as_of, within, reply_by, sender, lang), ""]
    for head, lines in _sections(rem, within, lang):
        out.append(h2 + head)
        if markdown:
            out.append("")
        out += [_item(i, t, titles, lang) for i, t in enumerate(lines, 1)]
        out.append("")
    signature = [sender, zh_date(as_of) if lang == "zh" else long_date(as_of, lang)]
    # Markdown joins consecutive lines into one paragraph; a trailing double space keeps the break.
    out += [signature[0] + ("  " if markdown else ""), signature[1]]
    return "\n".join(out) + "\n"


def nothing_to_remind(as_of: date, within: int, lang: str) -> str:
    """The line printed when no unit needs a reminder."""
    if lang == "zh":
        return f"截至{zh_date(as_of)}，没有逾期或{within}天内到期的未完成任务，无需催办。"
    return f"As of {long_date(as_of, lang)}, no unfinished task is overdue or due within {within} days."


def reminders_document(
    reminders: list[Reminder],
    as_of: date,
    *,
    within: int = SOON_DAYS,
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
    sender = one_line(sender) if sender else default_sender(lang)
    if not reminders:
        return nothing_to_remind(as_of, within, lang) + "\n"
    options = {"within": within, "markdown": markdown, "titles": titles}
    messages = [
        reminder_text(r, as_of, **options, reply_by=reply_by, sender=sender, lang=lang) for r in reminders
    ]
    if markdown:
        title = (
            f"# 催办提醒（截至{zh_date(as_of)}）"
            if lang == "zh"
            else f"# Reminders (as of {as_of.isoformat()})"
        )
        return title + "\n\n" + "\n".join(messages)
    return f"\n{SEPARATOR}\n\n".join(messages)
