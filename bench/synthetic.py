"""A synthetic board for the benchmarks: realistic Chinese measures, units and deadlines.

Every bench script builds its database here, so their figures describe the same
kind of board: 50 source documents, ~40 lead units (15% of tasks led by two),
a mix of explicit / ongoing / recurring / undated deadlines around 2023-06-30,
all three statuses, and a progress note on a third of the tasks.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from taskboard.model import DeadlineKind, Note, Status, Task, task_id
from taskboard.store import TaskStore
from taskboard.store.history import row_key

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


PEOPLE = ["协调员@区委改革办", "张科长@区发改委", "李干事@区市场监管局", "王主任@区政务服务中心"]
PROGRESS = ["已召开专题推进会", "已完成方案起草", "已报区政府审定", "正在征求部门意见", "已完成系统联调"]


def history_rows(tasks: list[Task], per_task: int, first_seq: int, seed: int = 20230630) -> dict[str, dict]:
    """``per_task - 1`` more history rows per task (the import made the first): moves, notes and
    edits by several people over a year, each its own transaction, as a long-used board has."""
    rng = random.Random(seed)
    statuses = [s.value for s in Status]
    rows: dict[str, dict] = {}
    seq = first_seq
    start = datetime(2023, 1, 3, 9, 0, tzinfo=UTC)
    for _ in range(per_task - 1):
        for task in tasks:
            at = (start + timedelta(minutes=3 * (seq - first_seq))).isoformat()
            row = {"seq": seq, "at": at, "who": rng.choice(PEOPLE), "task": task.id,
                   "session": f"{rng.getrandbits(32):08x}"}
            kind = rng.random()
            if kind < 0.5:
                old, new = rng.sample(statuses, 2)
                row.update(action="move", field="status", old=old, new=new)
            elif kind < 0.85:
                row.update(action="note", field="notes", old=None,
                           new={"at": at, "author": row["who"], "text": rng.choice(PROGRESS)})
            else:
                row.update(action="edit", field="co_units", old=task.co_units, new=rng.sample(UNITS, 2))
            rows[row_key(seq, 0)] = row
            seq += 1
    return rows


def build_db(path: Path, n: int, history_per_task: int = 1) -> float:
    """Write the board in one transaction (plus one for extra history, if
    ``history_per_task`` > 1: the rows a year of use leaves); return the seconds it took."""
    start = time.perf_counter()
    store = TaskStore(path, who="bench@host")
    batches = make_tasks(n)
    with store.transaction():
        for source, tasks in batches.items():
            store.import_tasks(source, tasks)
    if history_per_task > 1:
        # Straight into the records: replaying 100,000 user actions one commit
        # at a time would take the bench longer than the measurements.
        records = store.records
        with records.transaction():
            meta = dict(records.meta())
            rows = history_rows([t for ts in batches.values() for t in ts], history_per_task, meta["seq"] + 1)
            records.append_history(rows)
            records.put_meta({**meta, "seq": meta["seq"] + len(rows)})
    return time.perf_counter() - start
