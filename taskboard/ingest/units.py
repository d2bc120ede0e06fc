"""Unit lists → unit names: separators, brackets, glued names, collectives, aliases.

``区政府办(区政务服务中心)`` stays one unit; ``科工信局市场监管局`` becomes two;
``财政局(国资委、应急管理局`` gets its bracket closed; ``各乡镇(街道)`` is a
collective; aliases are rewritten to their canonical name. Nothing is guessed:
a spelling that is not in the alias table is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .aliases import AliasTable

_OPEN = {"(": ")", "（": "）"}
_CLOSE = {")": "(", "）": "（"}
_SEPARATORS = "、，,；;"
# Role words and qualifiers around unit names in 负责/牵头 phrases.
_ROLE_NOISE = re.compile(
    r"(按照?职责分工|按职责|依职责|根据职责|各司其职|分别|共同|负责|牵头|配合|参与|协助|协同|"
    r"按分工|下同|落实)+$"
)
_LEADING_NOISE = re.compile(r"^(由|请|并|及|和|与|以及)")
_EDGE_JUNK = " \t\"'“”‘’「」『』:：。.!！?？*·•-—"
# ``X、Y等区直各部门(单位)``: the part after 等 is a collective of its own.
_ETC = re.compile(r"等(?=[^等]*(部门|单位|机构|各|有关|相关|成员))")
_COLLECTIVE = re.compile(
    r"^(各|相关|有关)|各(相关|有关|成员|级|类)?(部门|单位|乡镇|街道|县|区|市|园区)|"
    r"(相关|有关|所有|全体|其他|其它|成员|责任)(的)?(部门|单位|机构)|(部门|单位|机构)([(（][^)）]*[)）])?$"
)
# Glued names are cut after one of these endings…
_SUFFIX = re.compile(r"(局|委|办|院|中心|厅|署|部|队|站|所|馆|联|公司|银行|[)）])$")
# …unless the next characters continue the same name (委员会, 办公室, 部门, 分局…).
_CONTINUES = re.compile(r"^(员|会|公|办公|门|属|分|机关|系统|直属|下属|事|理|法|校|长|内|外|[(（)）])")
# A branch (伊州分局) belongs to the bureau before it when its prefix is a place.
_BRANCH = re.compile(
    r"^([\u4e00-\u9fff]{0,4}[州市县区旗盟镇乡])?(分局|支队|大队|中队|分院|支行|分中心|分所)$"
)
# …nor after a body whose own organs are named after it: 国务院国资委, 中央军委政治工作部.
_PARENT_BODY = re.compile(r"(国务院|军委|政府|党委|人大|政协)$")
_UNIT_END = re.compile(r"(局|委|办|院|中心|厅|署|部|队|站|所|馆|联|会|组|室|府|司|行|部门|单位|[)）])$")
_MIN_GLUED = 3  # both halves of a glued split must be at least this long


# Collectives that stand for "whoever it concerns" (governments below, departments at large)
# rather than a body one can ring up: named next to real units they are not a lead.
_PLACEHOLDER_END = re.compile(r"(政府|管委会?|部门|单位|机构)([(（][^()（）]*[)）])*$")
# ``A和B`` / ``A及B`` / ``A以及B`` / ``A与B`` between two unit names (never inside 文化和旅游部).
_CONJUNCTION = re.compile(r"(?<=[局委办院心厅署部队站所馆联会组室府司行门位])(以及|及|和|与)(?=..)")


# A deadline phrase in a unit list is never a unit: ``X，6月底前完成``, ``Y，长期坚持``.
_DEADLINE_PIECE = re.compile(
    r"\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月(?:底|末|份|前)|年底|年末|年内|季度|半年|"
    r"^(?:\d{4}年)?(?:全年|长期|持续|常态)|完成$|(?:之|以)?前$"
)


@lru_cache(maxsize=4096)
def deadline_pieces(text: str) -> tuple[str, ...]:
    """The pieces of a unit list that are deadline phrases."""
    if not _DEADLINE_PIECE.search(text):
        return ()
    return tuple(p.strip() for p in re.split(r"[、，,；;]", text) if p.strip() and _DEADLINE_PIECE.search(p))


_PLACES = re.compile(r"^各[^、，,]{0,4}(区|县|市|镇|乡|街道|州|盟|旗)([(（][^()（）]*[)）])*$")


@lru_cache(maxsize=4096)
def is_placeholder(name: str) -> bool:
    """A collective such as 各省级人民政府, 有关部门, 市直有关部门, 各区 (not 各产业园党委)."""
    return is_collective(name) and bool(_PLACEHOLDER_END.search(name) or _PLACES.match(name))


def ends_like_unit(text: str) -> bool:
    """Does ``text`` end the way unit names end (局, 委, 中心, (单位)…)?"""
    return bool(_UNIT_END.search(text.strip()))


@lru_cache(maxsize=4096)
def is_collective(name: str) -> bool:
    """True for names that stand for a group: 各部门, 各乡镇(街道), 区直各相关部门(单位)…"""
    return bool(_COLLECTIVE.search(name))


def repair_brackets(text: str) -> str:
    """Close a bracket left open before the next separator; drop stray closing brackets."""
    stack: list[int] = []
    stray: set[int] = set()
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE:
            if stack:
                stack.pop()
            else:
                stray.add(i)
    if not stack and not stray:
        return text
    inserts: dict[int, str] = {}
    for i in stack:
        j = i + 1
        while j < len(text) and text[j] not in _SEPARATORS:
            j += 1
        inserts[j] = inserts.get(j, "") + _OPEN[text[i]]
    out = []
    for i, ch in enumerate(text):
        if i in inserts:
            out.append(inserts[i])
        if i not in stray:
            out.append(ch)
    out.append(inserts.get(len(text), ""))
    return "".join(out)


def split_outside_brackets(
    text: str, is_separator: Callable[[str, int], bool], opening: str = "(（", closing: str = ")）"
) -> list[str]:
    """Cut ``text`` at the positions ``is_separator(text, i)`` accepts, except inside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(0, depth - 1)
        elif depth == 0 and is_separator(text, i):
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _unit_separator(text: str, i: int) -> bool:
    ch = text[i]
    if ch in _SEPARATORS:
        return True
    # A blank before a bracket belongs to the name: 区政府办 (政务服务中心).
    return ch.isspace() and not (i + 1 < len(text) and text[i + 1] in _OPEN)


def _split_top_level(text: str) -> list[str]:
    """Split at separators and blanks that are outside brackets."""
    return split_outside_brackets(text, _unit_separator)


def _parts(text: str) -> list[str]:
    """Top-level list items; a clause led by 各 (``各县、市、区政府``, ``各区市政府、开发区管委``)
    is one collective: the 各 distributes over the whole list."""
    parts: list[str] = []
    clauses = split_outside_brackets(text, lambda t, i: t[i] in "，,；;")
    for clause in (c.strip() for whole in clauses for c in _ETC.split(whole)):
        clause = _LEADING_NOISE.sub("", clause)
        pieces = _split_top_level(clause)
        if clause.startswith("各") and len(pieces) > 1:
            parts.append(clause)
            continue
        for piece in pieces:
            parts += _split_conjunction(piece)
    return parts


def _split_conjunction(piece: str) -> list[str]:
    """``州委编办及州直相关单位`` → two names; ``有关部门和单位`` and ``文化和旅游部`` stay one."""
    m = _CONJUNCTION.search(piece)
    if m is None:
        return [piece]
    left, right = piece[: m.start()].strip(), piece[m.end() :].strip()
    if is_collective(left) or len(left) < _MIN_GLUED or len(right) < _MIN_GLUED:
        return [piece]
    return [left, *_split_conjunction(right)]


def split_glued(name: str, aliases: AliasTable | None = None) -> list[str]:
    """``商务局自然资源局伊州分局`` → ``商务局``, ``自然资源局伊州分局``."""
    if len(name) < 2 * _MIN_GLUED or (aliases is not None and aliases.knows(name)):
        return [name]
    pieces: list[str] = []
    start = 0
    depth = 0
    for i in range(1, len(name)):
        ch = name[i - 1]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth:
            continue
        left, right = name[start:i], name[i:]
        if (
            len(left) >= _MIN_GLUED
            and len(right) >= _MIN_GLUED
            and _SUFFIX.search(left)
            and not _CONTINUES.match(right)
            and not _PARENT_BODY.search(left)
            and _SUFFIX.search(right)
        ):
            pieces.append(left)
            start = i
    pieces.append(name[start:])
    merged: list[str] = []
    for piece in pieces:
        if merged and _BRANCH.match(piece):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def _clean(piece: str) -> str:
    piece = piece.strip(_EDGE_JUNK)
    piece = _LEADING_NOISE.sub("", piece)
    piece = _ROLE_NOISE.sub("", piece)
    if piece.endswith("等") and len(piece) > 2:
        piece = piece[:-1]
    return piece.strip(_EDGE_JUNK)


def split_units(text: str, aliases: AliasTable | None = None) -> list[str]:
    """Unit names in ``text`` (a 牵头/责任 field value or a 负责 phrase), deduplicated."""
    # Documents repeat the same unit lists (区直各相关部门(单位)) dozens of times.
    return list(_split_units(text, aliases, aliases.version if aliases is not None else 0))


@lru_cache(maxsize=4096)
def _split_units(text: str, aliases: AliasTable | None, _version: int) -> tuple[str, ...]:
    names: list[str] = []
    for part in _parts(repair_brackets(text.strip())):
        for chunk in _ETC.split(part):
            if not chunk or chunk in ("部门", "单位", "机构", "各", "有关", "相关", "成员"):
                continue
            chunk = _clean(chunk)
            if not chunk:
                continue
            if _DEADLINE_PIECE.search(chunk):
                continue  # a deadline phrase, read by the deadline rules instead
            pieces = [chunk] if is_collective(chunk) else split_glued(chunk, aliases)
            for piece in pieces:
                piece = _clean(piece)
                if piece and not piece.isdigit():
                    name = aliases.canonical(piece) if aliases is not None else piece
                    names.append(name)
    return tuple(dict.fromkeys(names))  # first occurrence wins
