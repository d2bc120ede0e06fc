"""Field lines (牵头单位： 责任单位： 配合部门： 完成时限：) and inline ``（X、Y负责）`` units.

A field label may sit on its own line, share a line with other fields or with
the measure (documents flattened to one line), and its value may continue on
the next line. This module only names the labels and reads values; the
outline decides which measure a field belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .aliases import AliasTable
from .units import deadline_pieces, is_collective, is_placeholder, split_units


class FieldKind(Enum):
    """What a labelled line says about its measure."""

    LEAD = "lead"  # 牵头单位
    RESP = "resp"  # 责任单位: leads when there is no 牵头单位, co-units otherwise
    CO = "co"  # 配合单位
    DUE = "due"  # 完成时限
    STATUS = "status"  # 状态 (task tables)
    PERSON = "person"  # 责任人/牵头领导: a person, not a unit; ignored
    LABEL = "label"  # 具体任务: just a caption before the measure's text


_LABELS = (
    (FieldKind.PERSON, r"(?:牵头|责任|分管|联系|包保)(?:负责)?(?:领导|人)|责任人"),
    (FieldKind.LEAD, r"牵头(?:责任)?(?:单位|部门|处室|科室|机构)|主责(?:单位|部门)|主办(?:单位|部门)"),
    (FieldKind.RESP, r"责任(?:单位|部门|处室|科室|主体)|承办(?:单位|部门)|指导(?:单位|部门)"),
    (FieldKind.CO, r"(?:配合|协办|参与|协同|协助)(?:责任)?(?:单位|部门|处室|科室)"),
    (
        FieldKind.DUE,
        r"完成(?:时限|时间|期限|日期)|时间(?:节点|要求|安排|进度)?|办结时限|时限要求|时限",
    ),
    (FieldKind.STATUS, r"进展状态|状态|(?:当前)?进度|进展情况|完成情况|推进情况"),
    (FieldKind.LABEL, r"具体(?:任务|措施|内容)|工作(?:任务|措施|内容)|任务内容|主要内容"),
)
# A label starts a line or follows a blank, a sentence end, a comma or an opening bracket
# (``…。（牵头单位：X，配合单位：Y）``), and ends with a colon; each alternative is a group
# named after its kind.
FIELD_LABEL = re.compile(
    r"(?:^|(?<=[\s。；;！!？?，,(（〔【\[]))(?:"
    + "|".join(f"(?P<{kind.value}>{pattern})" for kind, pattern in _LABELS)
    + r")\s*[:：]\s*"
)
UNIT_KINDS = (FieldKind.LEAD, FieldKind.RESP, FieldKind.CO)


def field_kind(match: re.Match[str]) -> FieldKind:
    """The kind of a FIELD_LABEL match."""
    return FieldKind(match.lastgroup)


@dataclass(slots=True)
class Field:
    """One labelled value; ``value`` grows while continuation lines arrive."""

    kind: FieldKind
    value: str = ""
    bracketed: bool = False  # inside a bracket at the end of a measure: （责任单位：X、Y）


# ``（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）`` and friends.
_FIRST_LEADS = re.compile(
    r"(列|排在?|位列)(第一位|首位|第一)(者|的)?(单位|部门)?为牵头(单位|部门)?|"
    r"(第一|首个|首位)(单位|部门)为牵头(单位|部门)?"
)
_FIRST_LEADS_NOTE = re.compile(r"[，,。；;]?\s*(?:" + _FIRST_LEADS.pattern + r")[，,]?\s*(下同)?")
_ROLE_CLAUSE = re.compile(
    r"^(?P<units>.+?)(?P<role>牵头|负责|配合|参与|协助|协同|按职责分工负责|分别负责|共同负责)$"
)
_RESPONSIBLE = re.compile(r"(负责|牵头|配合|参与)(?:落实)?$")
_CLOSERS = (")", "）")


def says_first_listed_leads(text: str) -> bool:
    """Does the document say that the first unit listed leads (列第一位者为牵头单位)?"""
    return bool(_FIRST_LEADS.search(text))


def trailing_assignment(text: str) -> tuple[str, int] | None:
    """The bracketed ``…负责`` phrase at the end of a measure, and where it starts.

    Only a bracket closing at the very end (before a final 。) counts, and its
    content must end in a role word, so ``（含技工院校）`` is left alone.
    """
    end = len(text.rstrip().rstrip("。.;；").rstrip())
    if end == 0 or text[end - 1] not in _CLOSERS:
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        ch = text[i]
        if ch in (")", "）"):
            depth += 1
        elif ch in ("(", "（"):
            depth -= 1
            if depth == 0:
                inner = _FIRST_LEADS_NOTE.sub("", text[i + 1 : end - 1]).strip().rstrip("。；;，,")
                inner = re.sub(r"[，,。]?\s*下同$", "", inner)
                # ``（X牵头，Y配合，2024年底前完成）``: the deadline clause is read elsewhere.
                clauses = re.split(r"[，,；;]", inner)
                while len(clauses) > 1 and deadline_pieces(clauses[-1]):
                    clauses.pop()
                inner = inner[: sum(len(c) + 1 for c in clauses) - 1]
                if _RESPONSIBLE.search(inner):
                    return inner, i
                return None
    return None


@dataclass(slots=True)
class Assignment:
    """Lead and co-units of one measure, with the collectives among them."""

    leads: list[str] = field(default_factory=list)
    cos: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # placeholders named next to units (各省级人民政府)

    @property
    def collectives(self) -> list[str]:
        """Units that stand for a group (各部门…), in lead-then-co order."""
        found = [u for u in (*self.leads, *self.cos) if is_collective(u)]
        return list(dict.fromkeys([*found, *self.groups]))

    def __bool__(self) -> bool:
        return bool(self.leads or self.cos)

    def tidy(self) -> Assignment:
        """Drop repeats, co-units that also lead, and placeholders standing next to real units.

        ``X、Y等，各县（市、区）政府`` names X and Y; the governments are a collective
        (kept in :attr:`collectives`), never a lead. A list of placeholders only
        (``配合部门：各部门``) is kept as the co-units it is.
        """
        self.groups += [u for u in self.leads if is_placeholder(u)]
        self.leads = list(dict.fromkeys(u for u in self.leads if not is_placeholder(u)))
        if any(not is_collective(u) for u in self.cos):
            self.groups += [u for u in self.cos if is_placeholder(u)]
            self.cos = [u for u in self.cos if not is_placeholder(u)]
        leads = set(self.leads)
        self.cos = list(dict.fromkeys(u for u in self.cos if u not in leads))
        return self


def assignment_from_phrase(phrase: str, aliases: AliasTable | None) -> Assignment:
    """Units of an inline phrase: ``X牵头，Y配合``, ``X会同Y负责`` or ``X、Y负责``.

    In ``X、Y负责`` the first listed unit leads whether or not the document states the
    rule (列第一位者为牵头单位): that is the State Council convention such phrases follow.
    """
    result = Assignment()
    clauses = [c for c in re.split(r"[，,；;。]", _strip_notes(phrase)) if c.strip()]
    listed: list[str] = []
    for clause in clauses:
        m = _ROLE_CLAUSE.match(clause.strip())
        role = m.group("role") if m else ""
        body = m.group("units") if m else clause
        if "会同" in body:
            # ``A、B会同C负责``: A and B lead, C works with them.
            left, _, right = body.partition("会同")
            result.leads += split_units(left, aliases)
            result.cos += split_units(right, aliases)
            continue
        units = split_units(body, aliases)
        if role == "牵头":
            result.leads += units
        elif role in ("配合", "参与", "协助", "协同"):
            result.cos += units
        else:
            listed += units
    if listed:
        named = [u for u in listed if not is_placeholder(u)]
        if result.leads:
            result.cos += listed
        elif named:
            # （X、Y负责）: the first listed leads (the State Council convention, stated or not).
            result.leads = named[:1]
            result.cos = named[1:] + result.cos
            result.groups = [u for u in listed if is_placeholder(u)]
        else:
            result.leads = listed
    if result.leads and any(not is_collective(u) for u in result.leads):
        # ``X会同有关部门负责``: beside a named lead, placeholders are collectives, not co-units.
        result.groups += [u for u in result.cos if is_placeholder(u)]
        result.cos = [u for u in result.cos if not is_placeholder(u)]
    return result.tidy()


# Remarks inside a unit list: ``县发改局(首位单位为牵头单位,下同)``, ``，排在首位的为牵头单位，下同``.
_NOTE_IN_BRACKETS = re.compile(r"[(（][^()（）]*(?:牵头|下同)[^()（）]*[)）]")


# ``X（牵头）、Y、Z``: the unit marked 牵头 leads, whatever its place in the list.
_MARKED_LEAD = re.compile(
    r"([^、，,；;()（）]+(?:[(（][^()（）牵]*[)）])?)\s*[(（]\s*牵头(?:单位|部门)?\s*[)）]"
)


def _marked_leads(value: str, aliases: AliasTable | None) -> tuple[list[str], str]:
    """(units marked 牵头, the value without the marks)."""
    leads = [u for m in _MARKED_LEAD.finditer(value) for u in split_units(m.group(1), aliases)]
    return leads, _MARKED_LEAD.sub(lambda m: m.group(1), value) if leads else value


def _strip_notes(value: str) -> str:
    if "牵头" not in value and "下同" not in value:
        return value  # the common case, without two regex passes
    return _FIRST_LEADS_NOTE.sub("", _NOTE_IN_BRACKETS.sub("", value))


def assignment_from_fields(
    fields: list[Field], aliases: AliasTable | None, first_leads: bool = False
) -> Assignment:
    """Units of a 牵头/责任/配合 block.

    A lone 责任单位 line names the leads; a lone 责任单位 inside the measure's closing
    bracket, or under a 列第一位者为牵头单位 rule, follows the State Council convention:
    the first listed unit leads and the others work with it.
    """
    by_kind: dict[FieldKind, list[str]] = {k: [] for k in UNIT_KINDS}
    first = first_leads
    for f in fields:
        if f.kind in (FieldKind.RESP, FieldKind.CO) and "牵头" in f.value:
            marked, rest = _marked_leads(f.value, aliases)
            if marked:
                by_kind[FieldKind.LEAD] += marked
                by_kind[f.kind] += split_units(_strip_notes(rest), aliases)
                continue
        if f.kind in by_kind:
            first = (
                first
                or (f.kind is FieldKind.RESP and f.bracketed)
                or ("牵头" in f.value and says_first_listed_leads(f.value))
            )
            by_kind[f.kind] += split_units(_strip_notes(f.value), aliases)
    resp = by_kind[FieldKind.RESP]
    if by_kind[FieldKind.LEAD]:
        result = Assignment(by_kind[FieldKind.LEAD], resp + by_kind[FieldKind.CO])
    elif first:
        lead = [u for u in resp if not is_placeholder(u)][:1]
        result = Assignment(lead, [u for u in resp if u not in lead] + by_kind[FieldKind.CO])
    else:
        result = Assignment(resp, by_kind[FieldKind.CO])
    if result.leads and any(f.bracketed for f in fields):
        # A closing bracket reads like a 负责 phrase: placeholders beside a named lead are collectives.
        result.groups = [u for u in result.cos if is_placeholder(u)]
        result.cos = [u for u in result.cos if not is_placeholder(u)]
    return result.tidy()
