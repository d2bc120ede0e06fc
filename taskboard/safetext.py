"""Text from documents and workbooks is hostile until cleaned: one rule for all of it.

A policy document, a workbook cell or a file name may carry terminal escape
sequences (``ESC[2J`` clears the screen, OSC 8 makes a live link), other C0/C1
control characters, or bidi overrides (U+202E shows ``txt.exe`` as ``exe.txt``).
None of them is ever meaningful in a task, so the importer drops them when it
reads a document, and every output (CLI, board, reports) passes text through
:func:`clean` again, because a database may have been written by hand.
"""

from __future__ import annotations

import re

# ESC-introduced sequences first (so their parameters go too), then any lone
# control: C0 except tab/newline, DEL, C1, and the bidi embedding/override/isolate marks.
_ESCAPE_SEQ = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"  # CSI … final byte
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC … BEL or ST
    r"|[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS / SOS / PM / APC … ST
    r"|[@-Z\\-_])"  # two-byte escapes
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_NO_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` without escape sequences, control characters or bidi controls.

    Tabs and (unless ``keep_newlines`` is false) newlines survive; with
    ``keep_newlines=False`` they become spaces, for one-line messages.
    """
    if not text or _CONTROLS_NO_NEWLINE.search(text) is None:
        return text  # the common case: nothing to strip, no copy made
    text = _ESCAPE_SEQ.sub("", text)
    if keep_newlines:
        return _CONTROLS.sub("", text)
    return _CONTROLS_NO_NEWLINE.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)


def is_clean(text: str) -> bool:
    """True when :func:`clean` would return ``text`` as it is (one scan, no copy)."""
    # isprintable() is a faster scan and is false for every control; only text with
    # something else it rejects (tab, newline, U+3000 ideographic space…) needs the pattern.
    return text.isprintable() or _CONTROLS.search(text) is None


def one_line(value: object) -> str:
    """A value (a file name, a cell) made safe to echo inside a one-line message."""
    return clean(str(value), keep_newlines=False)
