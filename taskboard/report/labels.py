"""The words of the reports in Chinese and English, and how dates and percentages read."""

from __future__ import annotations

from datetime import date

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("改革任务推进情况汇总", "Reform task summary"),
    "ledger_title": ("改革任务台账", "Reform task ledger"),
    "as_of": ("截至{date}", "As of {date}"),
    "filter_lead": ("牵头单位：{value}", "lead unit: {value}"),
    "filter_source": ("来源文件：{value}", "source: {value}"),
    "total": ("合计", "Total"),
    "done": ("已完成", "Done"),
    "in_progress": ("进行中", "In progress"),
    "not_started": ("未开始", "Not started"),
    "overdue": ("逾期", "Overdue"),
    "due_within": ("{n}天内到期", "Due ≤{n}d"),
    "completion": ("完成率", "Done %"),
    "lead": ("牵头单位", "Lead unit"),
    "number": ("编号", "No."),
    "task": ("任务", "Task"),
    "deadline": ("完成时限", "Deadline"),
    "days_overdue": ("逾期天数", "Days over"),
    "days_left": ("剩余天数", "Days left"),
    "source": ("来源文件", "Source document"),
    "no_lead": ("（未明确牵头单位）", "(no lead unit)"),
    "units_title": ("按牵头单位", "By lead unit"),
    "units_caption": (
        "排序：逾期项数从多到少，同数按完成率从低到高",
        "Sorted by overdue (most first), then completion (lowest first)",
    ),
    "overdue_title": ("逾期任务（{n}项）", "Overdue tasks ({n})"),
    "soon_title": ("{days}天内到期（{n}项）", "Due within {days} days ({n})"),
    "sources_title": ("按来源文件", "By source document"),
    "none": ("无", "None"),
    "tasks_n": ("共{n}项任务", "{n} tasks"),
    "completion_chart": ("各牵头单位完成率", "Completion by lead unit"),
}


def label(key: str, lang: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``lang`` (``zh`` or ``en``), with ``values`` filled in."""
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def pct(value: int) -> str:
    """``67%``: completion percentages are whole numbers in every format."""
    return f"{value}%"


def zh_date(d: date) -> str:
    """``2023年6月30日``, as dates are written in official Chinese letters."""
    return f"{d.year}年{d.month}月{d.day}日"


def long_date(d: date, lang: str) -> str:
    """A date for running text: ``2023年6月30日`` or ``30 June 2023``."""
    return zh_date(d) if lang == "zh" else f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


# Spelled out rather than strftime("%B"), which follows the process locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
