"""Store timings: load, one durable move, list by lead unit — at 1,000 and 10,000 tasks.

    python bench/store.py [--tasks 1000 10000] [--repeat 20]

Builds a database of realistic Chinese measures (title, ~150-character text,
units, deadlines, an import history row each) in a temporary folder and prints
median timings.  A "durable move" is the whole user action: lock, check for
other writers, update task + history row, serialise, write, fsync, rename,
fsync the folder.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from taskboard.model import DeadlineKind, Status, Task, task_id
from taskboard.store import TaskStore

UNITS = [
    "区发改委",
    "区市场监管局",
    "区政务服务中心",
    "区财政局",
    "区住建局",
    "区自然资源局伊州分局",
    "区生态环境局伊州分局",
    "区商务局",
    "区科工信局",
    "区人社局",
    "区司法局",
    "区税务局",
    "各乡镇(街道)",
    "区直各相关部门(单位)",
    "区政府办(区政务服务中心)",
    "区交通运输局",
    "区农业农村局",
    "区卫健委",
]
PHRASES = [
    "深化“放管服”改革",
    "优化营商环境",
    "推进政务服务“一网通办”",
    "落实证照分离改革全覆盖",
    "压缩企业开办时间",
    "推行工程建设项目审批制度改革",
    "加强事中事后监管",
    "完善社会信用体系建设",
    "推进“互联网+监管”",
    "提升跨境贸易便利化水平",
    "强化知识产权保护",
    "规范涉企收费",
]


def make_tasks(n: int, rng: random.Random) -> list[Task]:
    """``n`` measures spread over 20 documents, with Chinese titles and texts."""
    tasks = []
    for i in range(n):
        source = f"{i % 20:03d}_工作要点.txt"
        number = str(i // 20 + 1)
        title = rng.choice(PHRASES) + rng.choice(PHRASES)
        text = "，".join(rng.choice(PHRASES) for _ in range(12)) + "。"
        due = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
        tasks.append(
            Task(
                id=task_id(source, number),
                source=source,
                number=number,
                title=title,
                text=text,
                section="二、主要任务",
                lead_units=rng.sample(UNITS, 1),
                co_units=rng.sample(UNITS, 3),
                deadline=due,
                deadline_text=f"{due.year}年{due.month}月底前",
                deadline_kind=DeadlineKind.EXPLICIT,
            )
        )
    return tasks


def build(path: Path, n: int) -> None:
    """Write a database of ``n`` tasks (one transaction)."""
    tasks = make_tasks(n, random.Random(n))
    store = TaskStore(path)
    with store.transaction():
        for source in sorted({t.source for t in tasks}):
            store.import_tasks(source, [t for t in tasks if t.source == source])


def ms(samples: list[float]) -> str:
    p90 = sorted(samples)[int(len(samples) * 0.9)]
    return f"{statistics.median(samples) * 1000:8.1f} ms (p90 {p90 * 1000:.1f})"


def bench(n: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tasks.json"
        build(path, n)
        size = path.stat().st_size / 1e6
        loads = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            store = TaskStore(path)
            store.all()
            loads.append(time.perf_counter() - t0)
        ids = [t.id for t in store.all()]
        rng = random.Random(1)
        moves = []
        for _ in range(repeat):
            tid = rng.choice(ids)
            target = Status.DONE if store.get(tid).status is not Status.DONE else Status.IN_PROGRESS
            t0 = time.perf_counter()
            store.move(tid, target)
            moves.append(time.perf_counter() - t0)
        lists = []
        for unit in UNITS[:repeat]:
            t0 = time.perf_counter()
            store.find(lead=unit)
            lists.append(time.perf_counter() - t0)
        print(f"{n:>6} tasks, {size:5.1f} MB file")
        print(f"  load (open + all tasks) {ms(loads)}")
        print(f"  durable move            {ms(moves)}")
        print(f"  list by lead unit       {ms(lists)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    for n in args.tasks:
        bench(n, args.repeat)


if __name__ == "__main__":
    main()
