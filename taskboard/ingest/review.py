"""What the importer is unsure of: short machine codes on each task (their words: ``catalogue.review_label``).

Codes (``kind`` or ``kind:argument``), stored in ``Task.review``:

=====================  ===============================================
``no_lead``            no lead unit found, in a document that names units for other tasks
                       (a document that assigns no units at all is not in doubt about them)
``odd_unit:X``         X does not look like a unit name (负责/会同/完成/月底…, or long)
``person_as_unit:X``   X looks like a person's name, not a unit
``undated:X``          the deadline phrase X could not be dated
``number_gap:A-B``     the numbering jumps from A to B before this task
``lagging``            the document reports the task as behind (滞后)
=====================  ===============================================
"""

from __future__ import annotations

import re
from functools import lru_cache

from taskboard.model import DeadlineKind, Task

from .units import ends_like_unit, is_collective

_ODD_WORDS = re.compile(r"负责|会同|完成|月底|年底|月前|日前|以前|牵头|配合")
_ODD_LENGTH = 20
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")


@lru_cache(maxsize=4096)
def _unit_doubts(unit: str) -> str | None:
    if _ODD_WORDS.search(unit) or len(unit) > _ODD_LENGTH:
        return f"odd_unit:{unit}"
    if _NAME.match(unit) and not ends_like_unit(unit) and not is_collective(unit):
        return f"person_as_unit:{unit}"
    return None


def task_doubts(task: Task, lagging: bool = False, units_expected: bool = True) -> list[str]:
    """The review codes of one imported task (the numbering gap is found across tasks).

    ``units_expected`` is false for documents that name no unit anywhere.
    """
    codes: list[str] = []
    if not task.lead_units and units_expected:
        codes.append("no_lead")
    for unit in (*task.lead_units, *task.co_units):
        doubt = _unit_doubts(unit)
        if doubt and doubt not in codes:
            codes.append(doubt)
    if task.deadline is None and task.deadline_kind is DeadlineKind.NONE and task.deadline_text:
        codes.append(f"undated:{task.deadline_text}")
    if lagging:
        codes.append("lagging")
    return codes


def number_gaps(values: list[tuple[object, int]]) -> dict[int, str]:
    """``{index: "number_gap:A-B"}`` for items whose number skips ahead of the previous
    sibling's; ``values`` holds (list key, number) per task in document order."""
    gaps: dict[int, str] = {}
    last: dict[object, int] = {}
    for i, (key, number) in enumerate(values):
        before = last.get(key)
        if before is not None and number > before + 1:
            gaps[i] = f"number_gap:{before}-{number}"
        last[key] = number
    return gaps
