"""Benchmark: ``taskboard summary`` on a 10,000-task board must take at most 1 s.

    .venv/bin/python bench/summary.py [--tasks 10000] [--repeat 5] [--keep DIR]

Builds a board of realistic Chinese measures (50 documents, 40 lead units,
deadlines around the as-of date, notes on a third of them) with one
``import_tasks`` transaction per run, then times the summary three ways:
the figures alone, ``main([... "summary"])`` in this process (stdout to
/dev/null, as when piped) and ``python -m taskboard summary`` as a fresh
process (interpreter start-up and imports included).  Prints the numbers;
exits 1 if the command takes longer than the target.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taskboard.cli.main import main  # noqa: E402
from taskboard.model import DeadlineKind, Note, Status, Task, task_id  # noqa: E402
from taskboard.report.summary import build_summary  # noqa: E402
from taskboard.store import TaskStore  # noqa: E402

TARGET_S = 1.0
AS_OF = date(2023, 6, 30)

UNITS = [
    "区发改委",
    "区市场监管局",
    "区政务服务中心",
    "各乡镇(街道)",
    "区财政局",
    "区司法局",
    "区住建局",
    "区自然资源局",
    "区人社局",
    "区商务局",
    "区科技局",
    "区工信局",
    "区教育局",
    "区卫健委",
    "区民政局",
    "区交通运输局",
    "区水利局",
    "区农业农村局",
    "区文旅局",
    "区应急管理局",
    "区税务局",
    "区公安分局",
    "区生态环境分局",
    "区城管局",
    "区统计局",
    "区审计局",
    "区医保局",
    "区退役军人事务局",
    "区数据局",
    "区投资促进局",
    "区金融办",
    "区国资委",
    "区机关事务局",
    "区信访局",
    "区档案馆",
    "区融媒体中心",
    "区行政审批局",
    "区营商环境建设局",
    "乌鲁木齐市天山区人民政府办公室（区大数据管理局）",
    "区委改革办",
]
VERBS = ["深化", "推进", "落实", "健全", "优化", "加快", "完善", "开展", "建立", "强化", "规范", "探索"]
OBJECTS = [
    "营商环境评价",
    "证照分离改革",
    "工程建设项目审批制度改革",
    "政务服务“好差评”制度",
    "双随机一公开监管",
    "企业开办全程网办",
    "社会信用体系建设",
    "涉企收费清理",
    "跨省通办事项",
    "基层便民服务中心标准化建设",
    "惠企政策直达机制",
    "知识产权保护体系",
    "中小企业融资服务",
    "不动产登记便利化",
    "水电气暖报装服务",
]
TAILS = ["工作机制", "专项行动", "配套措施", "考核评价", "信息共享", "全覆盖", "试点工作", "长效机制"]
DEADLINE_TEXT = "{y}年{m}月底前"


def make_tasks(n: int, seed: int = 20230630) -> dict[str, list[Task]]:
    """``n`` tasks over 50 documents, grouped by source."""
    rng = random.Random(seed)
    sources = [f"{i:03d}_天山区2023年优化营商环境重点任务清单（第{i + 1}批）.txt" for i in range(50)]
    out: dict[str, list[Task]] = {s: [] for s in sources}
    for i in range(n):
        source = sources[i % len(sources)]
        number = str(len(out[source]) + 1)
        title = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}{rng.choice(TAILS)}"
        leads = rng.sample(UNITS, 2 if rng.random() < 0.15 else 1)
        roll = rng.random()
        deadline, text, kind = None, "", DeadlineKind.EXPLICIT
        if roll < 0.06:
            kind, text = DeadlineKind.ONGOING, "持续推进"
        elif roll < 0.10:
            kind, text = DeadlineKind.RECURRING, "每月20日前"
        elif roll < 0.13:
            kind = DeadlineKind.NONE
        else:
            deadline = AS_OF + timedelta(days=rng.randint(-180, 240))
            text = DEADLINE_TEXT.format(y=deadline.year, m=deadline.month)
        status = rng.choices(list(Status), weights=[4, 4, 3])[0]
        notes = (
            [
                Note(
                    "2023-06-01T09:00:00+00:00",
                    "协调员@区委改革办",
                    f"已召开推进会，完成{rng.randint(10, 90)}%",
                )
            ]
            if rng.random() < 0.33
            else []
        )
        out[source].append(
            Task(
                id=task_id(source, number),
                source=source,
                number=number,
                title=title,
                text=f"{title}。{rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(VERBS)}{rng.choice(TAILS)}，"
                f"确保各项措施落地见效。",
                section="二、重点任务",
                lead_units=leads,
                co_units=rng.sample(UNITS, 2),
                deadline=deadline,
                deadline_text=text,
                deadline_kind=kind,
                status=status,
                notes=notes,
            )
        )
    return out


def build_db(path: Path, n: int) -> float:
    """Write the board in one transaction; return the seconds it took."""
    start = time.perf_counter()
    store = TaskStore(path, who="bench@host")
    with store.transaction():
        for source, tasks in make_tasks(n).items():
            store.import_tasks(source, tasks)
    return time.perf_counter() - start


def timed(fn, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs


def in_process(db: Path, fmt: str) -> None:
    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        code = main(["--db", str(db), "summary", "--as-of", AS_OF.isoformat(), "--format", fmt])
    assert code == 0


def fresh_process(db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "zh_CN.UTF-8"}
    subprocess.run(
        [sys.executable, "-m", "taskboard", "--db", str(db), "summary", "--as-of", AS_OF.isoformat()],
        check=True,
        stdout=subprocess.PIPE,
        env=env,
    )


def report(name: str, runs: list[float]) -> None:
    print(f"  {name:<42} best {min(runs):6.3f} s   median {statistics.median(runs):6.3f} s")


def main_bench() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="build the database here and keep it")
    args = parser.parse_args()
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        return run_bench(Path(args.keep), args.tasks, args.repeat)
    with tempfile.TemporaryDirectory(prefix="taskboard-bench-") as folder:
        return run_bench(Path(folder), args.tasks, args.repeat)


def run_bench(folder: Path, n: int, repeat: int) -> int:
    """Build the board in ``folder`` and print the timings; 1 if over the target."""
    db = folder / "bench.json"
    if db.exists():
        db.unlink()
    built = build_db(db, n)
    store = TaskStore(db)
    tasks = store.all()
    s = build_summary(tasks, AS_OF)
    print(
        f"board: {len(tasks)} tasks, {len(s.units)} lead units, {len(s.sources)} documents, "
        f"{s.totals.overdue} overdue, {len(s.due_soon)} due within 14 days; "
        f"{db.stat().st_size / 1e6:.1f} MB, built in {built:.2f} s"
    )
    print(f"timings ({repeat} runs each):")
    report("figures only (build_summary)", timed(lambda: build_summary(tasks, AS_OF), repeat))
    results = {}
    for fmt in ("text", "md", "html", "svg"):
        results[fmt] = timed(lambda fmt=fmt: in_process(db, fmt), repeat)
        report(f"main(['summary', '--format', '{fmt}']) in-process", results[fmt])
    results["process"] = timed(lambda: fresh_process(db), repeat)
    report("python -m taskboard summary (new process)", results["process"])
    worst = max(statistics.median(results["text"]), statistics.median(results["process"]))
    ok = worst <= TARGET_S
    print(f"{'OK' if ok else 'TOO SLOW'}: taskboard summary median {worst:.3f} s (target ≤ {TARGET_S:.1f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main_bench())
