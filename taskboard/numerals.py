"""Chinese numerals ↔ integers, as used in outline numbers (一、 十二、 二十一是)."""

from __future__ import annotations

_DIGITS = {ch: value for value, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_to_int(text: str) -> int | None:
    """``十二`` → 12, ``一百零一`` → 101; None for anything that is not a numeral below 1000."""
    if not text or len(text) > 6:
        return None
    total = 0
    pending: int | None = None
    last_unit = 1000
    for ch in text:
        if ch in _DIGITS:
            if pending is not None and pending != 0:
                return None  # two digits in a row (e.g. 一二) are not a number
            pending = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None  # 十百, 十十
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
        else:
            return None
    if pending:
        total += pending
    return total or None


def int_to_cn(n: int) -> str:
    """12 → ``十二``; used to print synthetic section numbers (docx numbering, tables)."""
    digits = "零一二三四五六七八九"
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += digits[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    if ones:
        out += digits[ones]
    return out


def circled_to_int(ch: str) -> int | None:
    """① → 1 … ⑳ → 20."""
    i = _CIRCLED.find(ch)
    return i + 1 if i >= 0 else None


CIRCLED_CHARS = _CIRCLED
