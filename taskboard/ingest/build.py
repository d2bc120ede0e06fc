"""Outline → Tasks: which items are tasks, and their numbers, titles, units, deadlines, status.

Granularity: one task per lead-unit assignment. An item with its own
牵头/责任 block (or a trailing ``（X负责）``) is a task and its sub-items are
part of it; sub-items with blocks of their own are tasks each. Without any
unit blocks, every numbered measure is a task.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from taskboard.model import DeadlineKind, DocumentInfo, Status, Task, task_id
from taskboard.safetext import clean
from taskboard.textfold import Restorer, fold_lines

from .aliases import AliasTable
from .clean import drop_trailer, split_attachments
from .deadlines import resolve_deadline
from .fields import (
    UNIT_KINDS,
    Assignment,
    Field,
    FieldKind,
    assignment_from_fields,
    assignment_from_phrase,
    says_first_listed_leads,
    trailing_assignment,
)
from .meta import DocumentMeta, drop_repeated_title, find_doc_number, find_issued, read_meta
from .outline import HEAD, SHI, TABLE_SECTION, Node, parse_outline
from .review import number_gaps, task_doubts
from .status import LAGGING, REPORT_HEADINGS, STATUS_HEADINGS, status_word
from .units import deadline_pieces, split_outside_brackets

# Sections that frame a plan rather than assign work.
_NOT_TASKS = re.compile(
    r"总体要求|指导思想|基本原则|工作原则|工作目标|发展目标|主要目标|总体目标|工作要求|有关要求|"
    r"保障措施|组织保障|组织实施|实施保障|存在.{0,4}问题|问题(和|与|及)不足|困难和问题"
)
_NOT_TASKS_MAX = 14  # …when the heading is that short (a measure may mention 工作要求)
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_TITLE_MAX = 40  # a longer heading sentence is cut at its first comma
_HARD_MAX = 60
_FRAMING = re.compile(r"^(按照|根据|依据|依照|围绕|结合|对照|为了|为|在|通过|针对|对)")
_OPEN = "（(《“‘「【"
_CLOSE = "）)》”’」】"


@dataclass
class ParsedDocument:
    """One imported document: its title, year and tasks (see :attr:`info` for 文号/发文日期)."""

    source: str  # file name
    title: str  # document title
    year: int | None  # the document's year (from title/date), used for 年底前 etc.
    tasks: list[Task]
    doc_number: str = ""  # 文号, "" when the document prints none
    issued: date | None = None  # 发文日期, None when none is found
    # Why a document with numbered items has no tasks ("" otherwise): for the refusal message.
    refusal: str = ""

    @property
    def info(self) -> DocumentInfo:
        """What the board keeps of the document: title, 文号 and 发文日期.

        A document without a recognisable title (the parser fell back to the
        file name) is stored without one, and is named by its file name.
        """
        title = "" if self.title == PurePath(self.source).stem else self.title
        issued = self.issued.isoformat() if self.issued else ""
        return DocumentInfo(self.source, title=title, number=self.doc_number, date=issued)


def heading_sentence(text: str, limit: int = _TITLE_MAX) -> str:
    """The first sentence of ``text``; a long one is cut at its first top-level comma."""
    first = _SENTENCE_END.split(text.strip(), 1)[0].strip().rstrip("：:，,")
    if len(first) <= limit:
        return first
    clauses = _top_level_clauses(first)
    # ``按照《…》要求，推进…``: the action is in the clause after the framing one.
    while len(clauses) > 1 and _FRAMING.match(clauses[0]):
        clauses.pop(0)
    title = clauses[0]
    return title if len(title) <= _HARD_MAX else title[:_HARD_MAX] + "…"


def _top_level_clauses(sentence: str) -> list[str]:
    """Split at commas outside brackets and quotes."""
    parts = split_outside_brackets(sentence, lambda text, i: text[i] in "，,", _OPEN, _CLOSE)
    clauses = [p.strip() for p in parts if p.strip()]
    return clauses or [sentence]


def _title_of(node: Node) -> str:
    return heading_sentence(node.head or (node.body[0] if node.body else ""))


def _is_excluded(node: Node) -> bool:
    title = heading_sentence(node.head or "", limit=_HARD_MAX)
    return len(title) <= _NOT_TASKS_MAX and bool(_NOT_TASKS.search(title))


def _folds(node: Node, is_report: bool) -> bool:
    """Are this item's children sub-items of one measure rather than measures of their own?

    Sub-items follow the measure's own text (``…开展以下工作：1、…；2、…``), usually
    on the same line; measures have a heading sentence and text of their own.
    """
    kids = node.children
    if is_report and all(k.style == SHI for k in kids):
        return False  # a report's 一是…二是… are the things it reports on
    if node.style in (HEAD, TABLE_SECTION) or not node.has_own_body():
        return False
    if kids[0].inline:
        return True
    return sum(1 for k in kids if k.has_own_body()) * 2 < len(kids)


def _carries_units(node: Node) -> bool:
    return bool(node.fields) or trailing_assignment(node.full_text()) is not None


def select_tasks(root: Node, is_report: bool) -> list[tuple[Node, list[Field]]]:
    """(item, inherited fields) for every item that becomes a task, in document order."""
    chosen: list[tuple[Node, list[Field]]] = []

    def visit(node: Node, inherited: list[Field]) -> None:
        for child in node.children:
            if _is_excluded(child) and not any(_carries_units(n) for n in child.children):
                continue  # 保障措施 frames the plan, unless its items name units of their own
            if child.has_fields():
                if child.fields and not any(k.has_fields() for k in child.children):
                    chosen.append((child, inherited))
                else:
                    visit(child, child.fields or inherited)
            elif not child.children:
                if child.own_text and child.style not in (HEAD, TABLE_SECTION):
                    chosen.append((child, inherited))
            elif _folds(child, is_report):
                chosen.append((child, inherited))
            else:
                visit(child, inherited)

    visit(root, [])
    return chosen


def _status(node: Node, is_report: bool, preamble: str) -> Status:
    """A 状态 field if any; in reports the nearest status heading, else done; plans start not started."""
    for f in node.fields:
        if f.kind is FieldKind.STATUS and (stated := status_word(f.value)):
            return stated
    if not is_report:
        return Status.NOT_STARTED
    if LAGGING.search(node.full_text()):
        return Status.IN_PROGRESS  # 建设进度相对较慢, 低于目标…
    parent = node.parent
    while parent is not None and parent.style:
        title = heading_sentence(parent.head, limit=_HARD_MAX)
        for status, pattern in STATUS_HEADINGS:
            if pattern.search(title):
                return status
        parent = parent.parent
    if LAGGING.search(preamble):
        return Status.IN_PROGRESS  # ``26项未达到序时进度要求的具体目标如下：``
    return Status.DONE


def _assigns(node: Node) -> bool:
    return node.has_fields() or trailing_assignment(node.full_text()) is not None


def _drop_section_leaves(chosen: list[tuple[Node, list[Field]]]) -> list[tuple[Node, list[Field]]]:
    """A unit-less item beside sections whose measures carry units is a section, not a measure.

    ``一、各县区排名…`` next to ``二、进展情况`` holding ``1、…，牵头部门：X``.
    """
    assigned = [node for node, _ in chosen if _assigns(node)]
    if len(assigned) < 2:
        return chosen
    # Parents one of whose children holds (or is an ancestor of) a measure with units.
    sections: set[int] = set()
    for node in assigned:
        chain = [node, *_ancestors(node)]
        sections.update(id(n.parent) for n in chain[1:] if n.parent is not None)

    def section_leaf(node: Node) -> bool:
        return not _assigns(node) and node.parent is not None and id(node.parent) in sections

    return [(node, inherited) for node, inherited in chosen if not section_leaf(node)]


def _ancestors(node: Node) -> list[Node]:
    out = []
    while node.parent is not None:
        node = node.parent
        out.append(node)
    return out


def _section(node: Node) -> str:
    parent = node.parent
    if parent is None or not parent.style:
        return ""
    return parent.marker + heading_sentence(parent.head, limit=_HARD_MAX).rstrip("。")


def _assignment(
    node: Node, text: str, inherited: list[Field], first_leads: bool, aliases: AliasTable | None
) -> Assignment:
    if any(f.kind in (FieldKind.LEAD, FieldKind.RESP, FieldKind.CO) for f in node.fields):
        return assignment_from_fields(node.fields, aliases, first_leads)
    phrase = trailing_assignment(text)
    if phrase:
        return assignment_from_phrase(phrase[0], aliases)
    return assignment_from_fields(inherited, aliases, first_leads)


def _numbers(nodes: list[Node]) -> list[str]:
    """Task numbers as printed, qualified where numbering restarts (``2.一``, ``三.1``), all unique.

    Where a style's numbers repeat, each is prefixed with its parent's number
    (a 一是 list with its list's ordinal); still-equal numbers take the
    grandparent's too, and a last resort suffix ``-2`` keeps ids unique.
    """
    numbers = [n.label or str(i + 1) for i, n in enumerate(nodes)]
    qualifiers = [n.parent for n in nodes]
    group_rank: dict[int, int] = {}
    parent_rank: dict[int, int] = {}
    # Sub-items that are tasks next to measures that are tasks (一, 二.1, 二.2, 三) always say
    # whose sub-item they are.
    task_styles = {n.style for n in nodes}
    nested = {n.style for n in nodes if n.parent is not None and n.parent.style in task_styles}
    for _ in range(4):
        by_style: dict[str, Counter[str]] = {}
        for node, number in zip(nodes, numbers, strict=True):
            by_style.setdefault(node.style, Counter())[number] += 1
        clashing = {style for style, counts in by_style.items() if max(counts.values()) > 1} | nested
        nested = set()
        if not clashing:
            break
        for i, node in enumerate(nodes):
            parent = qualifiers[i]
            if node.style not in clashing or parent is None or not parent.style:
                continue
            if node.style == SHI and parent is node.parent:
                prefix = str(group_rank.setdefault(node.group, len(group_rank) + 1))
            elif parent.label:
                prefix = parent.label
            else:
                prefix = str(parent_rank.setdefault(id(parent), len(parent_rank) + 1))
            numbers[i] = f"{prefix}.{numbers[i]}"
            qualifiers[i] = parent.parent
    seen: Counter[str] = Counter()
    unique: list[str] = []
    for number in numbers:
        seen[number] += 1
        unique.append(number if seen[number] == 1 else f"{number}-{seen[number]}")
    return unique


def _deadline_fields(node: Node, inherited: list[Field]) -> str:
    """The 完成时限 values, or a deadline among the units (``（牵头单位：X，6月底前完成）``)."""
    for fields in (node.fields, inherited):
        values = [f.value for f in fields if f.kind is FieldKind.DUE]
        values += [p for f in fields if f.kind in UNIT_KINDS for p in deadline_pieces(f.value)]
        if any(v.strip() for v in values):
            return "；".join(v for v in values if v.strip())
    return ""


def _tasks_from(lines: list[str], meta: DocumentMeta, source: str, aliases: AliasTable | None) -> list[Task]:
    outline = parse_outline(lines)
    preamble = outline.preamble[-1] if outline.preamble else ""
    is_report = meta.is_report or any(
        REPORT_HEADINGS.search(n.head) for n in outline.root.walk() if n.style and n.children
    )
    chosen = _drop_section_leaves(select_tasks(outline.root, is_report))
    # A document that never labels a 牵头单位 lists its leads first (the usual convention, and
    # the one 列第一位者为牵头单位 states); one that does, names leads where it means them.
    labels_leads = any(f.kind is FieldKind.LEAD for n in outline.root.walk() for f in n.fields)
    first_leads = says_first_listed_leads("\n".join(lines)) or not labels_leads
    units_expected = any(
        _carries_units(node) or any(f.kind in UNIT_KINDS for f in inherited) for node, inherited in chosen
    )
    numbers = _numbers([node for node, _ in chosen])
    tasks: list[Task] = []
    for (node, inherited), number in zip(chosen, numbers, strict=True):
        text = node.full_text()
        units = _assignment(node, text, inherited, first_leads, aliases)
        deadline = resolve_deadline(_deadline_fields(node, inherited), text, meta.year)
        when, kind = deadline.date, deadline.kind
        if kind is DeadlineKind.NONE and not deadline.text and not is_report and meta.title_year:
            # A plan for a year that states no deadline: assume its year end, and say so.
            when, kind = date(meta.title_year, 12, 31), DeadlineKind.INFERRED
        tasks.append(
            Task(
                id=task_id(source, number),
                source=source,
                number=number,
                title=_title_of(node),
                text=text,
                section=_section(node),
                lead_units=units.leads,
                co_units=units.cos,
                collectives=units.collectives,
                deadline=when,
                deadline_text=deadline.text,
                deadline_kind=kind,
                status=_status(node, is_report, preamble),
            )
        )
        lagging = (is_report and bool(LAGGING.search(text))) or any(
            f.kind is FieldKind.STATUS and "滞后" in f.value for f in node.fields
        )
        tasks[-1].review = task_doubts(tasks[-1], lagging, units_expected)
    nodes = [n for n in outline.root.walk() if n.style and n.style not in (HEAD, TABLE_SECTION)]
    gaps = number_gaps([(node.style, node.num) for node in nodes])
    at = {id(node): i for i, node in enumerate(nodes)}
    for task, (node, _) in zip(tasks, chosen, strict=True):
        if at.get(id(node)) in gaps:
            task.review.append(gaps[at[id(node)]])
    return tasks


def _has_units(tasks: list[Task]) -> bool:
    return any(t.lead_units or t.co_units for t in tasks)


# A notice (通知/通告) whose title names no plan, or names a meeting, a holiday or people:
# its numbered items (agenda, dates, members) are not measures.
_NOTICE_TITLE = re.compile(r"(通知|通告|公告|函)$")
_PLAN_TITLE = re.compile(
    r"方案|要点|意见|计划|措施|任务|分工|清单|规划|报告|通报|总结|细则|办法|纲要|决定|实施|工作"
)
_ADMIN_TITLE = re.compile(r"会议|放假|假期|人员|名单|组成|任免|表彰|调整.{0,12}(委员会|小组)")


def is_ordinary_notice(title: str, tasks: list[Task]) -> bool:
    """A meeting, holiday or personnel notice: its items name no unit (a 报名 or 回执 date is
    no measure's deadline); any other notice without plan words: no unit and no dated deadline."""
    if not _NOTICE_TITLE.search(title):
        return False
    if any(t.lead_units or t.co_units for t in tasks):
        return False
    if _ADMIN_TITLE.search(title):
        return True
    return not _PLAN_TITLE.search(title) and not any(t.deadline_kind is DeadlineKind.EXPLICIT for t in tasks)


def _as_written(task: Task, restore: Restorer) -> Task:
    """The task with its texts and units spelled as in the document, not the parsing copy."""
    for name in ("title", "text", "section", "deadline_text"):
        setattr(task, name, restore(getattr(task, name)))
    for name in ("lead_units", "co_units", "collectives"):
        setattr(task, name, list(dict.fromkeys(restore.all(getattr(task, name)))))
    task.review = [_restore_code(code, restore) for code in task.review]
    return task


def _restore_code(code: str, restore: Restorer) -> str:
    kind, sep, arg = code.partition(":")
    return f"{kind}{sep}{restore(arg)}" if arg and kind != "number_gap" else code


def parse_lines(lines: list[str], source: str, aliases: AliasTable | None) -> ParsedDocument:
    """Parse a document given as clean lines (see :mod:`.clean` and :mod:`.docx`).

    Every line is stripped of escape sequences and controls first (documents are
    hostile); the rules then read a width-folded, simplified copy, and the tasks
    get their words back as the document wrote them.
    """
    # One pass over the joined text (lines hold no newline; clean keeps them as separators).
    lines = [line for line in (part.strip() for part in clean("\n".join(lines)).split("\n")) if line]
    folded = fold_lines(lines)
    restore = Restorer(lines, folded)
    meta = read_meta(folded, source)
    folded_all = folded
    folded = drop_trailer(drop_repeated_title(folded, meta))
    body, attachments = split_attachments(folded)
    tasks = _tasks_from(body, meta, source, aliases)
    if attachments:
        # An attached task table wins over a body without units; otherwise the body does.
        extra = _tasks_from(attachments, meta, source, aliases)
        if not tasks or (_has_units(extra) and not _has_units(tasks)):
            tasks = extra
    refusal = ""
    if is_ordinary_notice(meta.title, tasks):
        tasks = []
        refusal = "an ordinary notice (meeting, holiday, appointments): its numbered items are not measures"
    tasks = [_as_written(task, restore) for task in tasks]
    return ParsedDocument(
        source=source,
        title=restore(meta.title),
        year=meta.year,
        tasks=tasks,
        doc_number=restore(find_doc_number(folded_all)),
        issued=find_issued(folded_all),
        refusal=refusal,
    )
