"""The key footer: one widget that draws the line Textual's ``Footer(compact=True)`` draws."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from ..keys import spec_of

# The command palette's entry at the right end ("▏^p 命令 ") and the footer's left margin.
_PALETTE_CELLS = 9
_MARGIN = 1
# What Textual's ``vkey`` border draws on the left (textual/_border.py, BORDER_CHARS).
_VKEY_LEFT = "▏"


def item_cells(binding: Binding, key_display: str) -> int:
    """Cells one key takes in the compact footer: ``key description`` and a gap."""
    return cell_len(key_display) + 1 + cell_len(binding.description) + 1


@dataclass(frozen=True, slots=True)
class _Key:
    """One clickable key as the footer shows it."""

    key: str
    display: str
    description: str  # "" for a key shown in a group
    enabled: bool
    tooltip: str  # shown when the mouse rests on the key ("" none)
    palette: bool = False  # the command palette's key, at the right end


@dataclass(frozen=True, slots=True)
class _Group:
    """A binding group: its keys side by side, then one label ("[] 移动")."""

    keys: tuple[_Key, ...]
    label: str
    compact: bool


class BoardFooter(Widget, can_focus=False, can_focus_children=False):
    """The key footer.

    It shows the screen's keys in their order of importance (the order of
    ``keys.BOARD_KEYS``) as far as they fit, and the app's keys (``?`` help,
    ``q`` quit) always: on an 80-column terminal the last board keys give way,
    never ``?``.  The ``?`` screen lists every key.

    It draws, cell for cell, what Textual's ``Footer(compact=True)`` draws, but
    as one widget that paints its one line itself.  Textual's Footer composes a
    widget per key (about 20 on the board, plus groups and the palette key): each
    one was composed, mounted, styled, laid out and rendered before the board's
    first frame (~40 ms of every start), and all of them again whenever the keys
    changed.  Here the line is built once per change (keys, width, theme, the key
    under the mouse) and nothing is repainted when the screen announces keys
    that did not change, which it does on every focus move between columns.

    Colours and spacing come from the component classes below, which restate
    Textual's Footer / FooterKey CSS, so a theme restyles the footer as it did.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "board-footer--item",
        "board-footer--hover",
        "board-footer--disabled",
        "board-footer--key",
        "board-footer--description",
        "board-footer--group",
        "board-footer--grouped-key",
        "board-footer--label",
        "board-footer--palette",
        "board-footer--palette-key",
        "board-footer--palette-description",
    }
    # Textual's Footer and FooterKey rules, one component class per thing they style:
    # item = FooterKey (margin: Footer's compact gap), hover = FooterKey:hover,
    # disabled = FooterKey.-disabled, group = KeyGroup.-compact, grouped-key =
    # FooterKey.-grouped of a group that is not compact, label = FooterLabel (its
    # right margin: a group's label needs the same gap after it as a single key),
    # palette = FooterKey.-command-palette (its key and description spaced apart by
    # palette-key and palette-description).
    DEFAULT_CSS = """
    BoardFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .board-footer--item { background: $footer-item-background; margin: 0; }
        .board-footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        .board-footer--disabled { text-style: dim; }
        .board-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
            padding: 0 1;
        }
        .board-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
            padding: 0 1 0 0;
        }
        .board-footer--group { margin: 0 1 0 0; padding-left: 1; }
        .board-footer--grouped-key { margin: 0 1; }
        .board-footer--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
            margin: 0 1 0 0;
        }
        .board-footer--palette { border-left: vkey $foreground 20%; padding-right: 1; }
        /* Textual's Footer does not pass its compact to the palette key: always compact. */
        .board-footer--palette-key { padding: 0; }
        .board-footer--palette-description { padding: 0 0 0 1; }
        &.-compact {
            .board-footer--item { margin-right: 1; }
            .board-footer--key { padding: 0; }
            .board-footer--description { padding: 0 0 0 1; }
            .board-footer--palette { padding-right: 0; }
        }
    }
    """

    _shown: tuple[object, ...] | None = None
    _fitted_width = -1

    compact = reactive(False, toggle_class="-compact")
    """Textual's compact footer (the screens' choice): keys closer together."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
        show_command_palette: bool = True,
        compact: bool = False,
    ) -> None:
        """The footer, with Textual's Footer's options; the palette key at the right end."""
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.show_command_palette = show_command_palette
        self.set_reactive(BoardFooter.compact, compact)
        self.set_class(compact, "-compact", update=False)
        self._items: list[_Key | _Group] = []
        self._palette: _Key | None = None
        self._strip: Strip | None = None
        self._spans: list[tuple[int, int, _Key]] = []  # x range of each clickable key
        self._hover: _Key | None = None
        self._layers: dict[tuple[str, ...], RichStyle] = {}  # see _layer

    # -- keeping up with the screen's keys ---------------------------------------------------
    def on_mount(self) -> None:
        """Follow the screen's keys, as Textual's Footer does."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        """Stop following the screen's keys."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        """Choose the keys that fit the new width."""
        if event.size.width != self._fitted_width:
            self._fitted_width = event.size.width
            self.fit_keys(event.size.width)

    def fit_keys(self, width: int) -> None:
        """Show the screen's keys, most important first, in what ``width`` leaves after the app's keys."""
        screen, app = self.screen, self.app
        room = width - _MARGIN - _PALETTE_CELLS
        for bindings in app._bindings.key_to_bindings.values():
            room -= sum(item_cells(b, app.get_key_display(b)) for b in bindings[:1] if b.show)
        groups_seen: set[str] = set()
        decided: dict[str, bool] = {}  # by action: a key's other spellings (shift+←) follow it
        changed = False
        for key, bindings in screen._bindings.key_to_bindings.items():
            kept = []
            for binding in bindings:
                spec = spec_of(binding)
                if spec is None or not spec.show:
                    kept.append(binding)
                    continue
                show = decided.get(binding.action)
                if show is None:
                    display = app.get_key_display(binding)
                    if spec.group and spec.group in groups_seen:  # "[] 移动": a group's later keys
                        cells = cell_len(display)
                    else:
                        cells = item_cells(binding, display) + (1 if spec.group else 0)
                        if spec.group:
                            groups_seen.add(spec.group)
                    show = decided[binding.action] = cells <= room
                    # Nothing after a key that did not fit: the footer keeps its order.
                    room = room - cells if show else -1
                if show != binding.show:
                    binding = dataclasses.replace(binding, show=show)
                    changed = True
                kept.append(binding)
            screen._bindings.key_to_bindings[key] = kept
        if changed:
            screen.refresh_bindings()

    def bindings_changed(self, screen: Screen) -> None:
        """Redraw only if the active keys changed (not at each focus move that keeps them)."""
        if not screen.app.app_focus:  # as Textual's Footer: no flicker while the app is in the background
            return
        if self._shown is None:  # not painted yet: the first paint reads the keys
            return
        if self.is_attached and screen is self.screen and _shown(screen) != self._shown:
            self._read_keys()
            self._redraw()

    def _read_keys(self) -> None:
        """Take the keys to show from the screen's active bindings, grouped as Textual's Footer does."""
        screen, app = self.screen, self.app
        active = screen.active_bindings
        self._shown = _shown(screen)
        by_action: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))

        def key(b: Binding, enabled: bool, description: str, tooltip: str, palette: bool = False) -> _Key:
            return _Key(b.key, app.get_key_display(b), description, enabled, tooltip, palette)

        items: list[_Key | _Group] = []
        for group, run in groupby(by_action.values(), lambda found: found[0].group):
            shown = list(run)
            if group is not None and len(shown) > 1:  # the keys alone; the group's label says what they do
                keys = tuple(key(b, on, "", tip or b.description) for b, on, tip in shown)
                items.append(_Group(keys, group.description, group.compact))
            else:
                items.extend(key(b, on, b.description, tip) for b, on, tip in shown)
        self._items = items
        self._palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                b = found.binding
                self._palette = key(b, found.enabled, b.description, b.tooltip or b.description, palette=True)

    def _redraw(self) -> None:
        """Build the line again at the next paint."""
        self._strip = None
        self.refresh()

    def notify_style_update(self) -> None:
        """A new theme or CSS: the colours change."""
        super().notify_style_update()
        self._layers.clear()
        self._strip = None

    # -- the mouse ---------------------------------------------------------------------------
    def _key_at(self, x: int) -> _Key | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the mouse, as FooterKey:hover does."""
        self._set_hover(self._key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        """The mouse left the footer: no key is highlighted."""
        self._set_hover(None)

    def _set_hover(self, key: _Key | None) -> None:
        if key is not self._hover:
            self._hover = key
            self.styles.pointer = "default" if key is None else "pointer"
            self.tooltip = key.tooltip or None if key else None  # Textual shows it when the mouse rests
            self._redraw()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A click on a key is that key pressed (a disabled one rings the bell), as in Textual's FooterKey."""
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    # -- painting ----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """The footer line, built once per change of keys, width, theme or hovered key."""
        width = self.size.width
        if self._shown is None:  # the first frame comes with its keys, fitted (Resize comes later)
            if width != self._fitted_width:
                self._fitted_width = width
                self.fit_keys(width)
            self._read_keys()
        if y != 0:
            return Strip.blank(width, self.rich_style)
        if self._strip is None or self._strip.cell_length != width:
            self._strip = self._paint(width)
        return self._strip

    def _layer(self, *names: str) -> RichStyle:
        """The rich style of a key's part: the component classes ``names`` layered over the footer.

        Each layer is one node in Textual's footer (FooterKey, then its key or
        description), blended as ``DOMNode.rich_style`` blends a node over its
        parents: backgrounds over one another, the nearest colour, text styles added.
        Kept until the styles change: a line asks for a handful, each many times.
        """
        style = self._layers.get(names)
        if style is not None:
            return style
        own = self.rich_style
        background = self.background_colors[1]
        color = Color.from_rich_color(own.color) if own.color else Color(0, 0, 0, 0)
        text_style = self.text_style
        for styles in map(self.get_component_styles, names):
            text_background = background
            if styles.has_rule("background"):
                text_background = background = background + styles.background.tint(styles.background_tint)
            if styles.has_rule("color"):
                color = styles.color
            text_style += styles.text_style
            if styles.has_rule("auto_color") and styles.auto_color:
                color = text_background.get_contrast_text(color.a)
        style = text_style + RichStyle.from_color((background + color).rich_color, background.rich_color)
        self._layers[names] = style
        return style

    def _paint(self, width: int) -> Strip:
        """The whole line at ``width``: the keys from the left, the palette key docked at the right end."""
        base_background, background = self.background_colors
        line = _Line(Style(background=base_background + background).rich_style)
        margin = self.get_component_styles("board-footer--item").margin
        for entry in self._items:
            if isinstance(entry, _Group):
                self._paint_group(line, entry)
            else:
                line.gap(margin.left)
                self._paint_key(line, entry)
                line.gap(margin.right)
        if self._palette is None:
            self._spans = line.spans
            return line.strip(width)
        palette = _Line(line.blank)
        palette.gap(margin.left)
        self._paint_key(palette, self._palette)
        palette.gap(margin.right)
        # Over the keys' end if they are too many, as a docked widget covers the others.
        room = max(0, width - palette.at)
        self._spans = [(a, min(b, room), k) for a, b, k in line.spans if a < room]
        self._spans += [(a + room, b + room, k) for a, b, k in palette.spans]
        return Strip.join([line.strip(room), palette.strip(palette.at)]).crop(0, width)

    def _paint_group(self, line: _Line, group: _Group) -> None:
        """A KeyGroup (its keys side by side) and its FooterLabel."""
        spacing = self.get_component_styles("board-footer--group")
        margin = self.get_component_styles("board-footer--grouped-key").margin
        if group.compact:
            line.gap(spacing.margin.left + spacing.padding.left)
        for key in group.keys:
            line.gap(0 if group.compact else margin.left)
            self._paint_key(line, key)
            line.gap(0 if group.compact else margin.right)
        if group.compact:
            line.gap(spacing.padding.right + spacing.margin.right)
        margin = self.get_component_styles("board-footer--label").margin
        line.gap(margin.left)
        line.put(group.label, self._layer("board-footer--label"))
        line.gap(margin.right)

    def _paint_key(self, line: _Line, key: _Key) -> None:
        """One FooterKey: its key and description (a grouped key: the key alone), clickable."""
        layers: tuple[str, ...] = ("board-footer--hover" if key is self._hover else "board-footer--item",)
        if not key.enabled:
            layers += ("board-footer--disabled",)
        start = line.at
        palette = key.palette
        if palette:
            frame = self.get_component_styles("board-footer--palette")
            inner = Style(background=Color.from_rich_color(self._layer(*layers).bgcolor))
            edge, edge_color = frame.border.left
            if edge:
                under = self.background_colors[1]
                line.put(_VKEY_LEFT, (inner + Style(foreground=under + edge_color)).rich_style)
        key_style = self._layer(*layers, "board-footer--key")
        if key.description:
            part = "palette-" if palette else ""
            pad = self.get_component_styles(f"board-footer--{part}key").padding
            line.put(" " * pad.left + key.display + " " * pad.right, key_style)
            pad = self.get_component_styles(f"board-footer--{part}description").padding
            text = " " * pad.left + key.description + " " * pad.right
            line.put(text, self._layer(*layers, "board-footer--description"))
        else:
            line.put(key.display, key_style)
        if palette:
            line.put(" " * frame.padding.right, inner.rich_style)
        line.spans.append((start, line.at, key))


class _Line:
    """The footer line as it is built, left to right: its segments and where each key is."""

    def __init__(self, blank: RichStyle) -> None:
        self.blank = blank  # the footer's background, between the keys
        self.segments: list[Segment] = []
        self.spans: list[tuple[int, int, _Key]] = []
        self.at = 0

    def put(self, text: str, style: RichStyle) -> None:
        """``text`` in ``style`` at the end."""
        if text:
            self.segments.append(Segment(text, style))
            self.at += cell_len(text)

    def gap(self, cells: int) -> None:
        """``cells`` of the footer's background (a margin)."""
        self.put(" " * cells, self.blank)

    def strip(self, width: int) -> Strip:
        """The line cut or filled to ``width``."""
        return Strip(self.segments, self.at).adjust_cell_length(width, self.blank)


def _shown(screen: Screen) -> tuple[object, ...]:
    """What the footer shows of ``screen``'s keys: each key's action, label, visibility and state."""
    return tuple(
        (key, b.binding.action, b.binding.description, b.binding.show, b.enabled)
        for key, b in screen.active_bindings.items()
    )
