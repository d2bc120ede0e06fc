"""Small Chinese boards for store and CLI tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from taskboard.model import DeadlineKind, Task, task_id
from taskboard.store import TaskStore

SOURCE = "伊州区2023年深化放管服改革工作要点.txt"

MEASURES = [
    ("1", "落实一网一门一次改革", ["区政务服务中心"], ["区直各部门(单位)"], date(2023, 12, 31)),
    ("2", "推进证照分离改革全覆盖", ["区市场监管局"], ["区司法局", "区发改委"], date(2023, 6, 30)),
    ("3", "深化工程建设项目审批制度改革", ["区住建局"], ["区自然资源局伊州分局"], date(2023, 7, 31)),
    ("4", "优化企业开办服务", ["区市场监管局"], ["区税务局"], None),
    ("5", "开展营商环境评价", ["区发改委"], ["各乡镇(街道)"], date(2023, 5, 31)),
]


def measures(source: str = SOURCE, titles_suffix: str = "") -> list[Task]:
    """The five fixture measures as freshly imported tasks."""
    return [
        Task(
            id=task_id(source, number),
            source=source,
            number=number,
            title=title + titles_suffix,
            text=f"{title}。各单位要按照职责分工抓好落实。",
            section="二、主要任务",
            lead_units=leads,
            co_units=cos,
            deadline=due,
            deadline_text=f"{due.year}年{due.month}月底前" if due else "",
            deadline_kind=DeadlineKind.EXPLICIT if due else DeadlineKind.NONE,
        )
        for number, title, leads, cos, due in MEASURES
    ]


def fixed_now() -> str:
    """A fixed instant so history rows are repeatable."""
    return "2023-06-30T09:00:00+00:00"


def make_board(path: Path, batches: int = 1) -> TaskStore:
    """A file board holding the five measures (and ``batches - 1`` more copies under other sources)."""
    store = TaskStore(path, now=fixed_now)
    with store.transaction():
        for i in range(batches):
            source = SOURCE if i == 0 else f"伊州区2023年第{i}批改革任务清单.txt"
            store.import_tasks(source, measures(source))
    return store


def outside_file(tmp_path: Path, text: str) -> tuple[Path, Path]:
    """A file holding ``text`` that a planted link may point at, and a new empty board folder."""
    victim = tmp_path / "outside.txt"
    victim.write_text(text, encoding="utf-8")
    folder = tmp_path / "board"
    folder.mkdir()
    return victim, folder


def imported_board(tmp_path: Path) -> Path:
    """A board file holding the fixture document's measures, as the CLI tests start from."""
    path = tmp_path / "board.json"
    TaskStore(path, now=fixed_now).import_tasks(SOURCE, measures())
    return path
