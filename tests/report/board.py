"""A fixed board for the report tests, with hand counts as of 2023-06-30.

Two documents, four lead units (one task has two, one has none).  The
figures below were counted by hand from the table, not computed by the code
under test; each comment says how far the deadline is from 2023-06-30.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from taskboard.model import DeadlineKind, Status, Task, task_id
from taskboard.store import TaskStore

AS_OF = "2023-06-30"
SA = "2023年优化营商环境重点任务.txt"
SB = "伊州区2023年深化放管服改革工作要点.txt"
FGW, SCJ, ZWZX, XZ = "区发改委", "区市场监管局", "区政务服务中心", "各乡镇(街道)"
NS, IP, DONE = Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE
ONGOING, RECURRING = DeadlineKind.ONGOING, DeadlineKind.RECURRING

# (source, number, title, leads, deadline or kind, status)
MEASURES = [
    (SA, "1", "编制营商环境提升行动方案", [FGW], date(2023, 3, 31), DONE),
    (SA, "2", "开展营商环境评价", [FGW], date(2023, 5, 31), IP),  # overdue 30
    (SA, "3", "建立重点项目审批服务专班", [FGW], date(2023, 7, 10), NS),  # 10 left
    (SA, "4", "推进社会信用体系建设", [FGW], date(2023, 12, 31), IP),  # 184 left
    (SA, "5", "推进证照分离改革全覆盖", [SCJ], date(2023, 6, 30), IP),  # due today
    (SA, "6", "优化企业开办服务", [SCJ], None, NS),  # undated
    (SA, "7", "开展双随机一公开联合抽查", [SCJ], date(2023, 6, 15), NS),  # overdue 15
    (SA, "8", "规范涉企收费行为", [SCJ], date(2023, 7, 25), NS),  # 25 left
    (SA, "9", "落实一网一门一次改革", [ZWZX], date(2023, 6, 20), DONE),  # past but done
    (SA, "10", "推行政务服务“好差评”制度", [ZWZX], date(2023, 7, 14), IP),  # 14 left
    (SB, "1", "推进政务服务事项“跨省通办”", [ZWZX], date(2023, 7, 31), NS),  # 31 left
    (SB, "2", "持续优化营商环境", [ZWZX], ONGOING, IP),
    (SB, "3", "每月报送工作进展", [XZ], RECURRING, IP),
    (SB, "4", "推进基层便民服务中心标准化建设", [XZ], date(2023, 4, 30), NS),  # overdue 61
    (SB, "5", "开展工程建设项目审批制度改革", [FGW, XZ], date(2023, 7, 15), IP),  # 15 left
    (SB, "6", "整治“吃拿卡要”问题", [XZ], date(2023, 6, 29), NS),  # overdue 1
    (SB, "7", "建立政企沟通机制", [], date(2023, 9, 30), NS),  # 92 left, no lead unit
    (SB, "8", "完成村级便民服务站点摸底", [XZ], date(2023, 5, 20), DONE),
]

NOTES = [(SA, "2", "已完成初评，待市级反馈"), (SA, "5", "已完成80%")]


def tid(source: str, number: str) -> str:
    """The id of a fixture task."""
    return task_id(source, number)


def fixed_now() -> str:
    """A fixed instant so history rows are repeatable."""
    return "2023-06-30T09:00:00+00:00"


def _task(source: str, number: str, title: str, leads: list[str], due, status: Status) -> Task:
    kind = due if isinstance(due, DeadlineKind) else DeadlineKind.EXPLICIT if due else DeadlineKind.NONE
    deadline = due if isinstance(due, date) else None
    return Task(
        id=tid(source, number),
        source=source,
        number=number,
        title=title,
        text=f"{title}。各有关单位按照职责分工抓好落实。",
        lead_units=list(leads),
        co_units=["区司法局"] if number == "2" else [],
        deadline=deadline,
        deadline_text=f"{deadline.year}年{deadline.month}月{deadline.day}日前"
        if deadline
        else {DeadlineKind.ONGOING: "持续推进", DeadlineKind.RECURRING: "每月20日前"}.get(kind, ""),
        deadline_kind=kind,
    )


def build_board(path: Path) -> TaskStore:
    """Create the fixed board at ``path``: import, then move and note as a coordinator would."""
    store = TaskStore(path, who="测试员@host", now=fixed_now)
    with store.transaction():
        for source in (SA, SB):
            store.import_tasks(source, [_task(*m) for m in MEASURES if m[0] == source])
        for source, number, _title, _leads, _due, status in MEASURES:
            if status is not NS:
                store.move(tid(source, number), status)
        for source, number, text in NOTES:
            store.add_note(tid(source, number), text)
    return store
