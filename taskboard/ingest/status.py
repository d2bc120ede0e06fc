"""Where a task stands, as a document says it: progress cells, report headings, lag wording.

``status_word`` reads a 进度/进展情况 cell (已完成, 100%, 序时推进, 滞后, 未启动, 0%…);
the headings and lag patterns let the builder place a report's items.
"""

from __future__ import annotations

import re

from taskboard.model import Status

# Report headings that say where the items under them stand.
STATUS_HEADINGS = (
    (Status.NOT_STARTED, re.compile(r"下一步|下步|下阶段|工作计划|工作打算|明年|计划安排|工作思路")),
    (Status.IN_PROGRESS, re.compile(r"正在|推进中|进行中|在建|在推进|进展情况|滞后|未达到|较慢|序时")),
    (
        Status.DONE,
        re.compile(r"完成情况|成效|已完成|主要工作|工作开展情况|主要做法|工作成果|主要成绩|工作亮点"),
    ),
)
# Headings that only reports have: a document with them is a report whatever its title.
REPORT_HEADINGS = re.compile(r"完成情况|正在推进|下一步工作")
# Free wording in a 状态/进展 column, when Status.parse does not know it; 未完成 before 完成.
_STATUS_WORDS = (
    (Status.NOT_STARTED, re.compile(r"未开始|未启动|未完成|not", re.I)),
    (Status.IN_PROGRESS, re.compile(r"推进|进行|正在|实施中|滞后|doing|progress", re.I)),
    (Status.DONE, re.compile(r"完成|办结|done", re.I)),
)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")
# ``完成年度目标的80%``, ``完成率60%``, ``进度45%``: a share of the work, not a growth figure.
_SHARE_DONE = re.compile(r"(?:完成|进度|完成率)[^，,。；;]{0,8}?(\d{1,3}(?:\.\d+)?)\s*[%％]")
# A report saying an item is behind: in progress, and flagged.
LAGGING = re.compile(r"滞后|未完成|未达到?序时|进度(?:相对)?(?:较慢|缓慢)|较慢|低于目标|未达预期|未开工")


def status_word(value: str) -> Status | None:
    """The status a progress cell states: 已完成/100% done, 推进中/滞后/1–99% in progress, 未启动/0%."""
    value = value.strip()
    try:
        return Status.parse(value)
    except ValueError:
        pass
    m = _PERCENT.fullmatch(value) or (_PERCENT.match(value) if len(value) <= 12 else None)
    m = m or _SHARE_DONE.search(value)
    if m:
        share = float(m.group(1))
        return Status.DONE if share >= 100 else Status.IN_PROGRESS if share > 0 else Status.NOT_STARTED
    return next((status for status, pattern in _STATUS_WORDS if pattern.search(value)), None)
