"""Folding text for comparison: full-width forms folded, traditional characters simplified.

The importer parses a folded copy of each document; unit names are compared folded.

Web copies mix ``:,;()`` with ``：，；（）`` and mirrors print ``牽頭單位``; the rules
of this package are written once, for the folded simplified form. The fold is
character for character (same length), so every string the parser cuts out of
the folded copy can be traced back to the document's own spelling:
:class:`Restorer` gives titles, texts and units back as the document wrote them.
"""

from __future__ import annotations

from functools import lru_cache

# U+FF01…U+FF5E are the full-width forms of ASCII (NFKC folds them one to one); the
# ideographic space is a blank. Other NFKC folds (①→1, ㈠→(一)) would change the
# numbering the outline reads, so they are left alone.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@lru_cache(maxsize=1)
def _t2s():
    """opencc-purepy's t2s converter and the set of characters it simplifies."""
    from opencc_purepy import OpenCC

    converter = OpenCC("t2s")
    table = converter.dictionary.ts_characters[0]
    return converter, frozenset(k for k, v in table.items() if len(k) == 1 and v != k)


def has_traditional(text: str) -> bool:
    """Does ``text`` contain a character that differs in simplified Chinese?"""
    return not _t2s()[1].isdisjoint(text)


def _simplify_line(line: str) -> str:
    converter, _ = _t2s()
    out = converter.convert(line)
    if len(out) == len(line):
        return out
    # A phrase rule changed the length: convert character by character to stay aligned.
    return "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)


_FULL_WIDTH = tuple((chr(cp), chr(half)) for cp, half in _WIDTH.items())


def simplified(text: str) -> str:
    """``text`` with traditional characters simplified, character for character (same length)."""
    return _simplify_line(text) if has_traditional(text) else text


def fold_width(text: str) -> str:
    """``text`` with full-width ASCII forms and the ideographic space folded (same length)."""
    # One C-speed replace per form actually present beats a per-character pass on 1 MB texts.
    for full, half in _FULL_WIDTH:
        if full in text:
            text = text.replace(full, half)
    return text


def fold_lines(lines: list[str]) -> list[str]:
    """The parsing copy of ``lines``: width-folded, and simplified when any line is traditional."""
    text = fold_width("\n".join(lines))
    folded = text.split("\n")
    if len(folded) != len(lines):  # a line held a newline of its own: fold line by line
        folded = [fold_width(line) for line in lines]
    if has_traditional(text):
        folded = [_simplify_line(line) for line in folded]
    return folded


_SHORT = 40  # strings up to this long are looked up once and remembered


class Restorer:
    """Maps strings cut from the folded lines back to the original spelling."""

    def __init__(self, original: list[str], folded: list[str]) -> None:
        self.identity = original == folded
        self.original = "\n".join(original)
        self.folded = "\n".join(folded)
        self._cursor = 0
        self._seen: dict[str, str] = {}
        # For each folded character that changed: the original characters it came from.
        # (Read from the set of characters present, not character by character: 1 MB documents.)
        sources: dict[str, set[str]] = {}
        if not self.identity:
            present = set(self.original)
            simplify = not _t2s()[1].isdisjoint(present)
            for ch in present:
                folded = ch.translate(_WIDTH)
                if simplify and folded in _t2s()[1]:
                    folded = _simplify_line(folded)
                if folded != ch:
                    sources.setdefault(folded, set()).add(ch)
            for b, found in sources.items():
                if b in present:
                    found.add(b)  # the folded form also occurs as written: ambiguous
        self._table = str.maketrans({b: next(iter(a)) for b, a in sources.items() if len(a) == 1})
        self._ambiguous = frozenset(b for b, a in sources.items() if len(a) > 1)

    def __call__(self, text: str) -> str:
        """``text`` as the document spelled it (best effort; unknown parts stay folded)."""
        if self.identity or not text:
            return text
        if self._ambiguous.isdisjoint(text):
            return text.translate(self._table)
        if len(text) <= _SHORT:
            # Units and titles repeat: the first place they occur spells them.
            if text not in self._seen:
                at = self.folded.find(text)
                self._seen[text] = self.original[at : at + len(text)] if at >= 0 else self._by_char(text)
            return self._seen[text]
        # Texts come in document order, so search from where the last one was found.
        at = self.folded.find(text, self._cursor)
        if at < 0:
            at = self.folded.find(text)
        if at >= 0:
            self._cursor = at
            return self.original[at : at + len(text)]
        if "\n" in text:
            return "\n".join(self(part) for part in text.split("\n"))
        return self._by_char(text)

    def _by_char(self, text: str) -> str:
        return text.translate(self._table)

    def all(self, items: list[str]) -> list[str]:
        """Each of ``items`` restored."""
        return [self(item) for item in items]
