"""The board's keys, declared once and turned into localized Textual bindings.

The footer, the ``?`` help and the command palette all read these specs, so a
key never shows one description in one place and another elsewhere.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap
from textual.keys import format_key

from .i18n import tr


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One key binding: Textual key names, the action, and its i18n name.

    ``name`` picks the strings ``key_<name>`` (short, footer) and
    ``help_<name>`` (long, help screen and palette).
    """

    keys: str
    action: str
    name: str
    display: str | None = None  # how the footer shows the key (the help lists every key)
    show: bool = True
    palette: bool = True  # also offered in the command palette
    priority: bool = False  # wins over a focused text input (ctrl+p)
    group: str | None = None  # footer shows the group's keys under one ``key_<group>`` label


BOARD_KEYS: tuple[KeySpec, ...] = (
    KeySpec("up,k", "cursor_up", "cursor_up", "↑ k", show=False, palette=False),
    KeySpec("down,j", "cursor_down", "cursor_down", "↓ j", show=False, palette=False),
    KeySpec("left,h", "column_left", "column_left", "← h", show=False, palette=False),
    KeySpec("right,l", "column_right", "column_right", "→ l", show=False, palette=False),
    KeySpec("tab", "next_column", "next_column", "Tab", show=False, palette=False),
    KeySpec("shift+tab", "prev_column", "prev_column", "⇧Tab", show=False, palette=False),
    KeySpec("pageup", "page_up", "page_up", "PgUp", show=False, palette=False),
    KeySpec("pagedown", "page_down", "page_down", "PgDn", show=False, palette=False),
    KeySpec("home,g", "first", "first", "Home g", show=False, palette=False),
    KeySpec("end,G", "last", "last", "End G", show=False, palette=False),
    KeySpec("left_square_bracket,shift+left", "move_prev", "move_prev", "[", group="move"),
    KeySpec("right_square_bracket,shift+right", "move_next", "move_next", "]", group="move"),
    KeySpec("enter", "open", "open", "⏎"),
    KeySpec("n", "note", "note"),
    KeySpec("slash", "search", "search", "/"),
    KeySpec("f", "filter_lead", "filter_lead"),
    KeySpec("s", "filter_source", "filter_source"),
    KeySpec("o", "toggle_overdue", "overdue"),
    KeySpec("escape", "clear_filters", "clear", "esc"),
    KeySpec("u", "undo", "undo"),
    KeySpec("e", "edit", "edit"),
    KeySpec("t", "set_today", "today"),
    KeySpec("r", "cycle_sort", "sort"),
    # Not `S`: a case-twin of `s` (sources) that one shift key turns into the other.
    KeySpec("percent_sign", "summary", "summary", "%"),
    # Listed by ? and the palette; the 120-column footer has no room left (q would lose its label).
    KeySpec("c", "calendar", "calendar", show=False),
    # week: add / retire, marks for bulk actions, more filters, reports.  Kept out of the
    # footer (it is full at 80 columns); the help and the palette list them.
    KeySpec("a", "add_task", "add", show=False),
    KeySpec("x", "retire", "retire", show=False),
    KeySpec("space", "toggle_mark", "mark", "␣", show=False),
    KeySpec("asterisk", "mark_all", "mark_all", "*", show=False),
    KeySpec("b", "toggle_archived", "archived", show=False),
    KeySpec("v", "toggle_review", "review", show=False),
    KeySpec("d", "due_within", "due", show=False),
    KeySpec("w", "cycle_role", "role", show=False),
    KeySpec("p", "report", "report", show=False),
)

DETAIL_KEYS: tuple[KeySpec, ...] = (
    KeySpec("escape", "back", "back", "esc"),
    KeySpec("y", "copy_id", "copy_id"),
    KeySpec("n", "note", "note"),
    KeySpec("e", "edit", "edit"),
    KeySpec("left_square_bracket,shift+left", "move_prev", "move_prev", "[", group="move"),
    KeySpec("right_square_bracket,shift+right", "move_next", "move_next", "]", group="move"),
    KeySpec("up,k", "scroll_up", "scroll_up", "↑ k", show=False, palette=False),
    KeySpec("down,j", "scroll_down", "scroll_down", "↓ j", show=False, palette=False),
    KeySpec("v", "clear_review", "clear_review", show=False),  # week
)

APP_KEYS: tuple[KeySpec, ...] = (
    KeySpec("question_mark", "help", "help", "?"),
    KeySpec("q", "quit", "quit"),
    KeySpec("ctrl+p", "command_palette", "palette", "^p", show=False, palette=False, priority=True),
)


ID_PREFIX = "taskboard."
_SPECS = {s.name: s for s in (*BOARD_KEYS, *DETAIL_KEYS, *APP_KEYS)}


def bindings(specs: tuple[KeySpec, ...], lang: str = "en") -> list[Binding]:
    """Textual bindings for ``specs`` with descriptions in ``lang``."""
    return [
        Binding(
            s.keys,
            s.action,
            tr(lang, f"key_{s.name}"),
            show=s.show,
            key_display=s.display,
            priority=s.priority,
            tooltip=tr(lang, f"help_{s.name}"),
            id=ID_PREFIX + s.name,
            group=_group(s, lang),
        )
        for s in specs
    ]


def _group(spec: KeySpec, lang: str) -> Binding.Group | None:
    return Binding.Group(tr(lang, f"key_{spec.group}"), compact=True) if spec.group else None


def localize(bindings_map: BindingsMap, lang: str) -> None:
    """Rewrite, in place, the descriptions of taskboard's bindings in ``bindings_map`` into ``lang``.

    Class-level ``BINDINGS`` are built once, in English; each node localizes
    its own copy so two apps in two languages can coexist (tests do that).
    Textual's own bindings (``ctrl+p``, ``tab``…) are left alone.
    """
    for key, found in bindings_map.key_to_bindings.items():
        bindings_map.key_to_bindings[key] = [_localized(b, lang) for b in found]


def _localized(binding: Binding, lang: str) -> Binding:
    if not (binding.id or "").startswith(ID_PREFIX):
        return binding
    name = binding.id.removeprefix(ID_PREFIX)
    spec = _SPECS.get(name)
    return dataclasses.replace(
        binding,
        description=tr(lang, f"key_{name}"),
        tooltip=tr(lang, f"help_{name}"),
        group=_group(spec, lang) if spec else binding.group,
    )


def spec_of(binding: Binding) -> KeySpec | None:
    """The taskboard key spec a binding was made from (None for Textual's own)."""
    if not (binding.id or "").startswith(ID_PREFIX):
        return None
    return _SPECS.get(binding.id.removeprefix(ID_PREFIX))


def key_text(spec: KeySpec) -> str:
    """Every key of ``spec`` as the help shows it: ``[ / shift+←``."""
    shown = []
    for key in spec.keys.split(","):
        modifiers, _, name = key.rpartition("+")
        name = format_key(name)
        shown.append(f"{modifiers}+{name}" if modifiers else name)
    return " / ".join(shown)
