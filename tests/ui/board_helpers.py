"""The board tests' data and helpers: a small Chinese board, a fixed date and clock."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.console import Console

from taskboard.model import DeadlineKind, Status, Task, task_id
from taskboard.store import TaskStore

TODAY = date(2023, 6, 30)
NOW = "2023-06-30T09:00:00+00:00"
WHO = "测试员@host"
SRC_A = "001_营商环境改革方案.txt"
SRC_B = "002_数字政府建设要点.txt"
SECTION_A = "一、深化“放管服”改革"
SECTION_B = "二、加快数字政府建设"

EXP, ONG, REC, NON, INF = (
    DeadlineKind.EXPLICIT,
    DeadlineKind.ONGOING,
    DeadlineKind.RECURRING,
    DeadlineKind.NONE,
    DeadlineKind.INFERRED,
)
NS, IP, DN = Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE

# (source, number, title, leads, co-units, deadline, phrase, kind, status)
ROWS = [
    (SRC_A, "1", "落实一网一门一次改革", ["区发改委"], ["区政务服务中心", "各乡镇(街道)"],
     date(2023, 7, 12), "2023年7月12日前", EXP, NS),
    (SRC_A, "2", "深化“放管服”改革，持续优化营商环境", ["区发改委", "区市场监管局"], ["区司法局"],
     date(2023, 5, 31), "2023年5月底前", EXP, IP),
    (SRC_A, "3", "推行涉企经营许可事项清单管理", ["区市场监管局"], [],
     date(2023, 6, 30), "6月底前", EXP, NS),
    (SRC_A, "4", "建立健全营商环境投诉举报机制", ["区司法局"], ["区发改委"],
     None, "持续推进", ONG, IP),
    (SRC_A, "5", "每月通报重点改革任务进展情况", ["区政府办"], ["各乡镇(街道)"], None, "每月20日前", REC, NS),
    (SRC_A, "6", "开展营商环境第三方评估", ["区发改委"], [], date(2023, 7, 5), "7月5日前", EXP, NS),
    (SRC_A, "7", "探索建立企业全生命周期服务机制，推动企业开办、变更、注销等环节“一件事一次办”",
     ["区市场监管局", "区税务局", "区人社局"], ["区政务服务中心"], date(2023, 8, 31), "8月底前", EXP, NS),
    (SRC_B, "1", "推进政务数据共享交换平台建设", ["区数据局"], ["区财政局"],
     date(2023, 12, 31), "2023年底前", EXP, NS),
    (SRC_B, "2", "完成基层减负“一表通”试点", ["各乡镇(街道)"], ["区数据局"],
     date(2023, 3, 31), "一季度", EXP, DN),
    (SRC_B, "3", "编制数字政府建设三年行动计划", ["区数据局"], [], None, "", NON, NS),
    (SRC_B, "10", "实现高频政务服务事项“跨省通办”", ["区政务服务中心"], ["区发改委"],
     date(2023, 12, 31), "年内", INF, IP),
    (SRC_B, "4", "上线“一网通办”移动端", ["区数据局", "区政务服务中心"], [],
     date(2023, 9, 30), "三季度", EXP, DN),
]  # fmt: skip


def fixture_tasks() -> list[Task]:
    """The board's tasks, as an importer would hand them over."""
    tasks = []
    for source, number, title, leads, co, deadline, phrase, kind, status in ROWS:
        text = (
            f"{title}。由{'、'.join(leads)}牵头"
            + (f"，{'、'.join(co)}配合" if co else "")
            + f"，{phrase or '按计划'}完成。要细化工作措施，明确责任分工，确保改革任务落到实处。"
        )
        tasks.append(
            Task(
                id=task_id(source, number),
                source=source,
                number=number,
                title=title,
                text=text,
                section=SECTION_A if source == SRC_A else SECTION_B,
                lead_units=leads,
                co_units=co,
                deadline=deadline,
                deadline_text=phrase,
                deadline_kind=kind,
                status=status,
            )
        )
    return tasks


def open_board_store(path: Path) -> TaskStore:
    """A store on ``path`` with the fixed clock and user the snapshots rely on."""
    return TaskStore(path, who=WHO, now=lambda: NOW)


def stored(path: Path, task_id: str) -> Task | None:
    """The task as a fresh process reads it from disk."""
    return open_board_store(path).get(task_id)


def tid(source: str, number: str) -> str:
    """A fixture task's id."""
    return task_id(source, number)


def screen_text(app) -> str:
    """What the terminal shows right now, as plain text (the way a person reads it)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 3.0) -> None:
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the board")
        await pilot.pause(0.02)


async def settle(pilot) -> None:
    """Wait until queued store writes are saved and their replies shown."""
    app = pilot.app
    await wait_for(pilot, lambda: not app.gateway.busy and not app.gateway.pending)
    await pilot.pause()
