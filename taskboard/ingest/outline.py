"""Clean lines → a tree of numbered items: headings, measures, sub-items and their field blocks.

Numbering styles (一、 （一） 1. 1、 （1） ① 一是) are not tied to fixed levels:
the first style met is the outermost, a new style nests under the current item,
and a style already open closes everything below it. Numbers inside a line
(documents flattened to one line, ``具体任务：1、…2、…``) count only when they
follow a sentence end or blank and continue the sequence, so ``1.5倍`` or
``第1、2项`` never start an item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from taskboard.numerals import circled_to_int, cn_to_int

from .fields import FIELD_LABEL, UNIT_KINDS, Field, FieldKind, field_kind, trailing_assignment
from .tables import ROW_END, ROW_MARK, SECTION_MARK
from .units import ends_like_unit

CN = "cn"  # 一、
CN_PAREN = "cnp"  # （一）
AR = "ar"  # 1.
AR_DUN = "ard"  # 1、
AR_PAREN = "arp"  # （1）
CIRCLED = "circ"  # ①
SHI = "shi"  # 一是 … 二是 …
HEAD = "head"  # an unnumbered heading line right before a 一是 list
TABLE_SECTION = "tsec"  # a section row of a task table
ROW = "row"  # a task-table row

_CN = "[一二三四五六七八九十百零〇两]"
_MARKER = re.compile(
    r"(?:^|(?<=[\s。；;：:！!？?]))(?:"
    rf"(?P<cn>{_CN}{{1,4}})\s*、"
    rf"|[（(]\s*(?P<cnp>{_CN}{{1,4}})\s*[）)]"
    r"|(?P<ar>\d{1,4})\s*[.．](?!\d)"
    r"|(?P<arx>\d{1,4})[.．](?=\d)"
    r"|(?P<ard>\d{1,4})\s*、"
    r"|[（(]\s*(?P<arp>\d{1,3})\s*[）)]"
    rf"|(?P<shi>{_CN}{{1,3}})是(?=\S)"
    r"|(?P<circ>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"
    rf"|{ROW_MARK}(?P<row>[^{ROW_END}\n]{{0,20}}){ROW_END}"
    ")"
)
# Styles that print the same level with different punctuation.
_SAME_LEVEL = {AR: (AR_DUN,), AR_DUN: (AR,)}
_CONTINUATION_MAX = 40  # a field value continued on the next line is short…
_HEAD_MAX = 80  # …and so is an unnumbered heading


@dataclass(eq=False)
class Node:
    """One numbered item; the root has style ``""``."""

    style: str
    num: int
    label: str  # the number as printed: 一, 1, 28, ①
    marker: str = ""  # the marker as printed: （一）, 1., 一是
    head: str = ""  # text on the marker's own line
    body: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    fields: list[Field] = field(default_factory=list)
    closed: bool = False  # its field block is over: later plain text is not its text
    inline: bool = False  # its marker was found inside a line
    group: int = 0  # for 一是 lists: which list in the document

    @property
    def own_text(self) -> str:
        """Its heading line and body, without children."""
        return "\n".join(t for t in (self.head, *self.body) if t)

    def full_text(self) -> str:
        """Its own text followed by every descendant's, markers included."""
        parts = [self.own_text]
        for child in self.children:
            text = child.full_text()
            if text or child.marker:
                parts.append(child.marker + text)
        return "\n".join(p for p in parts if p)

    def walk(self):
        """This node and its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def has_own_body(self) -> bool:
        """Does it say more than its heading sentence (a body, or text after the first 。)?"""
        rest = self.head.partition("。")[2]
        return bool(self.body) or bool(rest.strip()) or self.head.rstrip().endswith(("：", ":"))

    def has_fields(self) -> bool:
        """True when this node or a descendant carries units (a block or an inline 负责 phrase)."""
        return any(n.fields for n in self.walk())


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    match: re.Match[str]
    is_field: bool


_FIELD_OPENERS = ("(", "（", "〔", "【", "[")
_FIELD_CLOSERS = ")）〕】]"


def _field_value(text: str, bracketed: bool) -> tuple[str, str, bool]:
    """(value, text after it, whether the field ended) for a field's text on one line.

    A value ends at a sentence end; inside a bracket it ends at the bracket's close
    and what follows a sentence end there is a remark (``以下任务均需…不再一一列出``).
    """
    if not bracketed and "。" not in text:
        return text, "", False  # the common case: a field line, read whole
    depth = 0
    stop = None
    for i, ch in enumerate(text):
        if ch in _FIELD_OPENERS:
            depth += 1
        elif ch in _FIELD_CLOSERS:
            if depth == 0:
                if bracketed:
                    return text[: stop if stop is not None else i], text[i + 1 :], True
                continue
            depth -= 1
        elif ch == "。" and depth == 0 and stop is None:
            stop = i
            if not bracketed:
                return text[:i], text[i + 1 :], True
    return (text if stop is None else text[:stop]), "", stop is not None


def parse_marker(match: re.Match[str]) -> tuple[str, int, str] | None:
    """(style, value, label as printed) of a _MARKER match, or None when it is no number."""
    style = match.lastgroup or ""
    text = match.group(style)
    if style == "arx":
        style = AR  # checked by the caller: it must continue an open 1. list
    if style in (CN, CN_PAREN, SHI):
        value = cn_to_int(text)
    elif style == CIRCLED:
        value = circled_to_int(text)
    elif style == ROW:
        text = text.strip()
        value = int(text) if text.isdigit() else cn_to_int(text.strip("()（）、.")) or 0
        return ROW, value, text
    else:
        value = int(text)
    if not value:
        return None
    return style, value, text


def starts_with_marker(line: str) -> bool:
    """True when ``line`` opens with an outline number (一、 （一） 1. 一是 …)."""
    m = _MARKER.match(line)
    return bool(m and parse_marker(m))


class _Builder:
    def __init__(self) -> None:
        self.root = Node("", 0, "")
        self.stack: list[Node] = []
        self.preamble: list[str] = []
        self.last_value: dict[str, int] = {}
        self.groups = 0
        self.heads = 0
        self.field: Field | None = None  # the field the previous line ended in
        self.bracket = False  # the fields being read sit inside a bracket

    @property
    def top(self) -> Node | None:
        """The innermost open item, or None before the first one."""
        return self.stack[-1] if self.stack else None

    # -- items -------------------------------------------------------------
    def _depth_of(self, style: str) -> int | None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].style == style:
                return i
        return None

    def accepts_inline(self, style: str, value: int) -> bool:
        """Whether a marker found mid-line (001 runs 87 measures on one line) continues a list."""
        if style in (ROW, TABLE_SECTION, HEAD):
            return False
        style = self._same_list(style, value)
        depth = self._depth_of(style)
        if depth is not None:
            return value == self.stack[depth].num + 1
        return value == 1 or value == self.last_value.get(style, 0) + 1

    def _same_list(self, style: str, value: int) -> str:
        """``1、`` then ``2．`` then ``3.``: a list whose punctuation wavers is still one list."""
        if value > 1 and self._depth_of(style) is None:
            for alias in _SAME_LEVEL.get(style, ()):
                depth = self._depth_of(alias)
                if depth is not None and self.stack[depth].num == value - 1:
                    return alias
        return style

    def open(self, style: str, value: int, label: str, marker: str, inline: bool) -> Node:
        """Start a numbered item, closing the siblings and children it ends."""
        style = self._same_list(style, value)
        depth = self._depth_of(style)
        if depth is not None and not (value == 1 and depth < len(self.stack) - 1):
            # A sibling (or a restarted list at the same level): close everything below.
            del self.stack[depth:]
        parent = self.top or self.root
        node = Node(style, value, label, marker, parent=parent, inline=inline)
        if style == SHI:
            siblings = [c for c in parent.children if c.style == SHI]
            if value == 1 or not siblings:
                self.groups += 1
            node.group = self.groups
        parent.children.append(node)
        self.stack.append(node)
        self.last_value[style] = value
        self.field = None
        return node

    # -- text ----------------------------------------------------------------
    def add_text(self, text: str) -> None:
        """Give a line of body text to the open item (or the preamble before any)."""
        text = text.strip()
        if not text:
            return
        node = self.top
        if node is None:
            self.preamble.append(text)
        elif not node.closed or not node.has_own_body():
            # After its unit block an item takes no more text (closing remarks, signatures)
            # unless it had none yet: some documents put the block before the details.
            node.body.append(text)
            if trailing_assignment(text):
                node.closed = True

    def add_field(self, kind: FieldKind) -> Field | None:
        """Start a 牵头/责任/完成时限 field on the open item."""
        node = self.top
        if node is None:
            return None
        if kind is FieldKind.LABEL:
            node.closed = False
            return None
        new = Field(kind)
        node.fields.append(new)
        node.closed = True
        return new

    # -- lines -----------------------------------------------------------------
    def feed(self, line: str, next_line: str) -> None:
        """Take one cleaned line (``next_line`` decides fields split across lines)."""
        if line.startswith(SECTION_MARK):
            self.open(TABLE_SECTION, len(self.root.children) + 1, "", "", False).head = line[1:].strip()
            return
        if self._continues_field(line):
            assert self.field is not None
            self.field.value += line
            return
        if self._is_unnumbered_head(line, next_line):
            self.heads += 1
            self.open(HEAD, self.heads, "", "", False).head = line
            return
        self.field = None
        self.bracket = False
        sink: Node | Field | None = None  # None: the current item's body
        pos = 0
        for cand in self._candidates(line):
            if cand.start < pos:
                continue
            if cand.is_field:
                before = line[pos : cand.start]
                if not isinstance(sink, Field) and before.rstrip().endswith(_FIELD_OPENERS):
                    # ``…。（牵头单位：X）``: the bracket holds the fields, not the measure's text.
                    before = before.rstrip()[:-1]
                    self.bracket = True
                self._flush(sink, before)
                kind = field_kind(cand.match)
                sink = self.add_field(kind)
                if isinstance(sink, Field):
                    sink.bracketed = self.bracket
                pos = cand.end
                continue
            parsed = parse_marker(cand.match)
            if parsed is None:
                continue
            style, value, label = parsed
            at_start = cand.start == 0
            # Mid-line numbers, ``11.121…`` and four-digit numbers (a year: ``2023、2024年…``)
            # count only when they continue the list.
            strict = not at_start or cand.match.group("arx") or value >= 1000
            if strict and not self.accepts_inline(style, value):
                continue
            if cand.match.group("arx") and value == 1:
                continue  # ``1.5倍…``: a decimal, not item 1
            self._flush(sink, line[pos : cand.start])
            sink = self.open(style, value, label, cand.match.group(0).strip(), inline=not at_start)
            pos = cand.end
        sink = self._flush(sink, line[pos:])
        self.field = sink if isinstance(sink, Field) and sink.kind in (*UNIT_KINDS, FieldKind.DUE) else None

    def _flush(self, sink: Node | Field | None, text: str) -> Node | Field | None:
        """Give ``text`` to ``sink``; returns the sink that takes what follows on the line."""
        if isinstance(sink, Field):
            value, rest, closed = _field_value(text, self.bracket)
            sink.value += value.strip()
            if closed or rest:
                self.bracket = False
                if rest.strip() and self.top is not None:
                    self.top.body.append(rest.strip())  # the measure's text goes on after its fields
                return None
        elif isinstance(sink, Node):
            text = text.strip()
            if text:
                sink.head = f"{sink.head} {text}" if sink.head else text
                if trailing_assignment(text):
                    sink.closed = True
        else:
            self.add_text(text)
        return sink

    @staticmethod
    def _candidates(line: str) -> list[_Candidate]:
        cands = [_Candidate(m.start(), m.end(), m, False) for m in _MARKER.finditer(line)]
        cands += [_Candidate(m.start(), m.end(), m, True) for m in FIELD_LABEL.finditer(line)]
        cands.sort(key=lambda c: (c.start, not c.is_field))
        return cands

    def _continues_field(self, line: str) -> bool:
        """``责任单位:…交通运输局市生态环境`` + ``局伊州分局`` on the next line."""
        if self.field is None:
            return False
        value = self.field.value.rstrip()
        if value and (
            self.field.kind is FieldKind.DUE or not (value[-1] in "、，,；;" or ends_like_unit(line))
        ):
            return False
        return (
            len(line) <= _CONTINUATION_MAX
            and "。" not in line
            and not starts_with_marker(line)
            and not FIELD_LABEL.search(line)
        )

    def _is_unnumbered_head(self, line: str, next_line: str) -> bool:
        """A short unnumbered line introducing a 一是… list starts a new group (reports)."""
        if len(line) > _HEAD_MAX or line.endswith((":", "：")) or starts_with_marker(line):
            return False
        if FIELD_LABEL.search(line) or "一是" in line or (not self.stack and not self.preamble):
            return False
        m = _MARKER.match(next_line)
        return bool(m and m.lastgroup == SHI and cn_to_int(m.group(SHI)) == 1)


def _lift_shared_blocks(node: Node) -> None:
    """Sub-items sharing one block: ``具体任务：1、…2、…`` then 牵头部门 belongs to the parent."""
    for child in node.children:
        _lift_shared_blocks(child)
    kids = node.children
    if node.fields or len(kids) < 2 or not kids[-1].fields:
        return
    if any(k.has_fields() for k in kids[:-1]) or any(g.has_fields() for g in kids[-1].children):
        return
    if kids[0].inline or node.has_own_body():
        node.fields, kids[-1].fields = kids[-1].fields, []
        node.closed = True


@dataclass
class Outline:
    """The parsed tree and the text before the first numbered item."""

    root: Node
    preamble: list[str]


def parse_outline(lines: list[str]) -> Outline:
    """Build the item tree of a document's clean lines."""
    builder = _Builder()
    for i, line in enumerate(lines):
        builder.feed(line, lines[i + 1] if i + 1 < len(lines) else "")
    _lift_shared_blocks(builder.root)
    return Outline(builder.root, builder.preamble)
