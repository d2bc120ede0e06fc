"""Unit names on the board: how often each spelling is used, and merges worth proposing.

Documents name one department several ways (``区发改委`` and ``发改委`` in one
work plan, ``市场监督管理局`` beside ``市场监管局``), which splits its workload in
filters and summaries.  Nothing is merged by guessing: :func:`propose_merges`
only suggests pairs it can justify, and the coordinator confirms each with
``taskboard units merge``.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Task
from .textfold import simplified

# Administrative-level prefixes: 区发改委 is 发改委 of the district.
LEVEL_PREFIXES = ("自治区", "自治州", "省", "市", "州", "县", "区", "旗", "盟", "镇", "乡")
# Long official forms and the short forms offices write (long → short).
LONG_SHORT_FORMS = (
    ("发展和改革委员会", "发改委"),
    ("发展改革委员会", "发改委"),
    ("发展改革委", "发改委"),
    ("市场监督管理局", "市场监管局"),
    ("人力资源和社会保障局", "人社局"),
    ("住房和城乡建设局", "住建局"),
    ("工业和信息化局", "工信局"),
    ("科学技术局", "科技局"),
    ("交通运输局", "交通局"),
    ("文化和旅游局", "文旅局"),
    ("卫生健康委员会", "卫健委"),
    ("卫生和健康委员会", "卫健委"),
    ("自然资源和规划局", "自然资源局"),
    ("教育体育局", "教体局"),
    ("政务服务和数据管理局", "政数局"),
    ("行政审批局", "审批局"),
)


@dataclass(frozen=True, slots=True)
class UnitCount:
    """One spelling and how many tasks name it."""

    name: str
    lead: int
    co: int

    @property
    def total(self) -> int:
        """Tasks naming the unit in either role."""
        return self.lead + self.co


@dataclass(frozen=True, slots=True)
class Merge:
    """A proposal: write ``alias`` as ``canonical`` everywhere."""

    alias: str
    canonical: str
    reason: str  # "prefix" (same document), "form" (long/short), "width" (full/half width)
    source: str = ""  # the document that writes both, for "prefix"


def unit_counts(tasks: Iterable[Task]) -> list[UnitCount]:
    """Every unit spelling with its task counts, most tasks first."""
    lead: Counter[str] = Counter()
    co: Counter[str] = Counter()
    for task in tasks:
        lead.update(set(task.lead_units))
        co.update(set(task.co_units))
    names = set(lead) | set(co)
    counts = [UnitCount(n, lead[n], co[n]) for n in names]
    return sorted(counts, key=lambda c: (-c.total, c.name))


def _width_key(name: str) -> str:
    # Full/half width, spaces and traditional characters do not make another unit.
    return simplified("".join(unicodedata.normalize("NFKC", name).split()))


def _form_key(name: str) -> str:
    key = _width_key(name)
    for long, short in LONG_SHORT_FORMS:
        key = key.replace(long, short)
    return key


def propose_merges(tasks: Iterable[Task]) -> list[Merge]:
    """Merges the board's own data justifies, the more used spelling kept.

    - ``prefix``: one document writes both ``发改委`` and ``区发改委``;
    - ``form``: the names differ only by a known long/short form;
    - ``width``: the names differ only by full/half-width or traditional characters, or spaces.
    """
    tasks = list(tasks)
    totals = {c.name: c.total for c in unit_counts(tasks)}
    by_source: dict[str, set[str]] = defaultdict(set)
    for task in tasks:
        by_source[task.source].update(task.lead_units, task.co_units)
    proposals: dict[str, Merge] = {}
    for source, names in sorted(by_source.items()):
        for name in sorted(names):
            for prefix in LEVEL_PREFIXES:
                longer = prefix + name
                if longer in names and name not in proposals:
                    proposals[name] = Merge(name, longer, "prefix", source)
    for reason, key in (("width", _width_key), ("form", _form_key)):
        groups: dict[str, list[str]] = defaultdict(list)
        for name in totals:
            groups[key(name)].append(name)
        for names in groups.values():
            if len(names) < 2:
                continue
            # More use wins; then the simplified spelling, then the fuller name.
            keep = max(names, key=lambda n: (totals[n], simplified(n) == n, len(n), n))
            for name in sorted(names):
                if name != keep and name not in proposals:
                    proposals[name] = Merge(name, keep, reason)
    return sorted(proposals.values(), key=lambda m: (m.canonical, m.alias))


def closest_units(name: str, known: Iterable[str], limit: int = 5) -> list[str]:
    """Known spellings a mistyped or partial ``name`` may have meant."""
    known = sorted(set(known))
    contains = [k for k in known if name in k or k in name]
    close = difflib.get_close_matches(name, known, n=limit, cutoff=0.5)
    return list(dict.fromkeys([*contains, *close]))[:limit]
