"""催办: a ready-to-send message per lead unit listing its overdue and due-soon tasks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import PurePath

from ..model import Bucket, Task, countdown
from ..safetext import one_line
from .labels import long_date, zh_date
from .summary import SOON_DAYS, TaskLine, _number_key, task_line

REPLY_DAYS = 3  # units are asked to answer within three days, moved off the weekend
SEPARATOR = "=" * 60
_CN_ORDINALS = "一二三"


@dataclass(slots=True)
class Reminder:
    """What one lead unit is reminded of."""

    unit: str
    overdue: list[TaskLine] = field(default_factory=list)  # most overdue first
    due_soon: list[TaskLine] = field(default_factory=list)  # soonest first


def build_reminders(
    tasks: Iterable[Task], as_of: date, *, within: int = SOON_DAYS, lead: str | None = None
) -> list[Reminder]:
    """One reminder per lead unit with unfinished tasks overdue or due within ``within`` days.

    A task led by several units appears in each unit's reminder.  Tasks with
    no lead unit have nobody to remind and are left out.  Units with the most
    overdue tasks come first.  Unit names and task texts are cleaned of
    escape codes (see :func:`task_line`): the messages go to terminals and mail.
    """
    by_unit: dict[str, Reminder] = {}
    for task in tasks:
        cd = countdown(task, as_of)
        if cd.days is None or cd.bucket is Bucket.DONE or cd.days > within:
            continue
        line = task_line(task, cd.days)
        for unit in task.lead_units:
            if lead is not None and unit != lead:
                continue
            rem = by_unit.setdefault(unit, Reminder(one_line(unit)))
            (rem.overdue if cd.days < 0 else rem.due_soon).append(line)
    for rem in by_unit.values():
        rem.overdue.sort(key=lambda t: (t.days, t.source, _number_key(t.number)))
        rem.due_soon.sort(key=lambda t: (t.days, t.source, _number_key(t.number)))
    return sorted(by_unit.values(), key=lambda r: (-len(r.overdue), -len(r.due_soon), r.unit))


def default_reply_by(as_of: date) -> date:
    """Three days after ``as_of``; a Saturday or Sunday moves to the Monday after."""
    day = as_of + timedelta(days=REPLY_DAYS)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def default_sender(lang: str) -> str:
    """Who signs the message when ``--sender`` is not given."""
    return "改革办" if lang == "zh" else "Reform Office"


def _item(i: int, t: TaskLine, show_source: bool, lang: str) -> str:
    if lang == "zh":
        where = f"（{PurePath(t.source).stem}）" if show_source else ""
        due = zh_date(t.deadline) if t.deadline else "—"
        state = f"已逾期{-t.days}天" if t.days < 0 else ("今天到期" if t.days == 0 else f"剩{t.days}天")
        return f"{i}. 第{t.number}项{where}：{t.title}（完成时限：{due}，{state}）"
    where = f" ({PurePath(t.source).stem})" if show_source else ""
    due = t.deadline.isoformat() if t.deadline else "—"
    if t.days < 0:
        state = f"{-t.days} day{'s' if t.days != -1 else ''} overdue"
    else:
        state = "due today" if t.days == 0 else f"{t.days} day{'s' if t.days != 1 else ''} left"
    return f"{i}. No. {t.number}{where}: {t.title} (deadline {due}, {state})"


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


def reminder_title(rem: Reminder, lang: str) -> str:
    """The message's subject line."""
    if lang == "zh":
        return f"关于督促推进改革任务的提醒（{rem.unit}）"
    return f"Reminder: reform tasks overdue or due soon ({rem.unit})"


def reminder_text(
    rem: Reminder, as_of: date, *, within: int, reply_by: date, sender: str, lang: str, markdown: bool = False
) -> str:
    """One unit's message, plain text or Markdown (title and section headings)."""
    show_source = len({t.source for t in rem.overdue + rem.due_soon}) > 1
    h1, h2 = ("## ", "### ") if markdown else ("", "")
    out = [h1 + reminder_title(rem, lang), "", f"{rem.unit}：" if lang == "zh" else f"To {rem.unit}:", ""]
    out += [_opening(rem, as_of, within, reply_by, sender, lang), ""]
    for head, lines in _sections(rem, within, lang):
        out.append(h2 + head)
        if markdown:
            out.append("")
        out += [_item(i, t, show_source, lang) for i, t in enumerate(lines, 1)]
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
) -> str:
    """All messages in one text (separated by a rule) or one Markdown document."""
    reply_by = reply_by or default_reply_by(as_of)
    sender = one_line(sender) if sender else default_sender(lang)
    if not reminders:
        return nothing_to_remind(as_of, within, lang) + "\n"
    messages = [
        reminder_text(r, as_of, within=within, reply_by=reply_by, sender=sender, lang=lang, markdown=markdown)
        for r in reminders
    ]
    if markdown:
        title = (
            f"# 催办提醒（截至{zh_date(as_of)}）"
            if lang == "zh"
            else f"# Reminders (as of {as_of.isoformat()})"
        )
        return title + "\n\n" + "\n".join(messages)
    return f"\n{SEPARATOR}\n\n".join(messages)
