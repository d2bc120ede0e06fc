"""One kanban column, drawn line by line.

A widget per card does not scale (10,000 ListView items take 40 s to mount),
so a column is a single Line-API ScrollView: each card is two text lines plus
a gap line, and :meth:`CardColumn.render_line` draws only the lines on screen.
Drawn lines are cached by task version, so scrolling and cursor moves redraw
almost nothing and a move repaints only the cards below the change.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from taskboard.model import Bucket, Status, Task, countdown

from ..i18n import tr
from ..textfit import fit, one_line

CARD_HEIGHT = 3  # title line, units + countdown line, gap
CARD_LINES = 2
_CACHE_LIMIT = 4096

# The component class giving each countdown bucket its colour.
BADGE_CLASS = {
    Bucket.OVERDUE: "badge--overdue",
    Bucket.DUE_TODAY: "badge--due-today",
    Bucket.SOON: "badge--soon",
    Bucket.LATER: "badge--later",
    Bucket.DONE: "badge--done",
    Bucket.ONGOING: "badge--ongoing",
    Bucket.RECURRING: "badge--recurring",
    Bucket.UNDATED: "badge--undated",
}


class CardColumn(ScrollView, can_focus=False, inherit_bindings=False):
    """The cards of one status, with a cursor; see the module docstring.

    Columns never take focus and have no key bindings of their own: the board
    screen holds the keys and tells one column it is :attr:`active`.  (Moving
    Textual's focus repaints the whole screen, 20-90 ms at 160x45, and every
    card move or column change would pay for it.)
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "card",
        "card--cursor",
        "card--cursor-blurred",
        "card--number",
        "card--units",
        "card--empty",
        *BADGE_CLASS.values(),
    }

    DEFAULT_CSS = """
    CardColumn {
        width: 1fr;
        height: 1fr;
        overflow-x: hidden;
        /* Always there, so a column growing past the screen never re-lays the board out. */
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
        border: round $foreground 25%;
        border-title-align: left;
        border-title-style: bold;
        border-title-color: $text;
        background: $background;
        padding: 0;
    }
    CardColumn.-active {
        border: round $border;
        border-title-color: $text-primary;
    }
    CardColumn > .card { background: $surface; color: $foreground; }
    CardColumn > .card--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    CardColumn > .card--cursor-blurred {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    CardColumn > .card--number { color: $text-accent; text-style: bold; }
    CardColumn > .card--units { color: $text-muted; }
    CardColumn > .card--empty { color: $text-muted; background: $background; }
    CardColumn > .badge--overdue { color: $text-error; text-style: bold; }
    CardColumn > .badge--due-today { color: $text-warning; text-style: bold reverse; }
    CardColumn > .badge--soon { color: $text-warning; text-style: bold; }
    CardColumn > .badge--later { color: $text-success; }
    CardColumn > .badge--done { color: $text-muted; }
    CardColumn > .badge--ongoing { color: $text-primary; text-style: italic; }
    CardColumn > .badge--recurring { color: $text-primary; text-style: italic; }
    CardColumn > .badge--undated { color: $text-muted; }
    """

    class Clicked(Message):
        """A card was clicked (``open`` on a double click)."""

        def __init__(self, column: CardColumn, index: int, open: bool) -> None:
            super().__init__()
            self.column = column
            self.index = index
            self.open = open

        @property
        def control(self) -> CardColumn:
            """The column clicked."""
            return self.column

    def __init__(self, status: Status, *, lang: str, today: date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = status
        self.lang = lang
        self._today = today
        self._cards: list[Task] = []
        self._cursor: int | None = None
        self._active = False
        self._lines: dict[tuple[object, ...], Strip] = {}
        self._colours: tuple[Style, ...] = ()
        self._recheck_colours = True
        self._update_title()

    # -- state set by the screen -----------------------------------------------------
    @property
    def cards(self) -> list[Task]:
        """The cards shown, in order (the board model's list: read-only here)."""
        return self._cards

    @property
    def cursor(self) -> int | None:
        """Row of the cursor card, None when the column is empty."""
        return self._cursor

    @property
    def current(self) -> Task | None:
        """The task under the cursor."""
        return self._cards[self._cursor] if self._cursor is not None else None

    @property
    def today(self) -> date:
        """The day countdowns count from."""
        return self._today

    @today.setter
    def today(self, value: date) -> None:
        if value != self._today:
            self._today = value
            self._lines.clear()
            self.refresh()

    def show_cards(self, cards: list[Task], cursor: int | None, changed_from: int = 0) -> None:
        """Show ``cards`` with the cursor on row ``cursor``.

        Only rows from ``changed_from`` on are redrawn: a card moving in or
        out leaves the rows above it as they were.
        """
        self._cards = cards
        old_cursor = self._cursor
        self._cursor = self._clamp(cursor)
        self._set_virtual_height(max(1, len(cards)) * CARD_HEIGHT)
        self._update_title()
        top = changed_from * CARD_HEIGHT
        self.refresh_lines(top, max(0, self.scroll_offset.y + self.size.height - top))
        if old_cursor is not None and old_cursor < changed_from:
            self._refresh_card(old_cursor)
        self.scroll_to_cursor()

    def _set_virtual_height(self, height: int) -> None:
        # `virtual_size` is a layout reactive: setting it re-lays out the whole
        # screen (~50 ms at 160x45).  The scrollbar is always shown, so a new
        # content height changes nothing outside this widget: update the scroll
        # limits and the scrollbar directly.
        size = Size(0, height)
        if size == self.virtual_size:
            return
        if not self.size:  # before the first layout, the normal way is free
            self.virtual_size = size
            return
        self.set_reactive(CardColumn.virtual_size, size)
        self._scroll_update(size)

    def move_cursor(self, index: int | None) -> None:
        """Put the cursor on row ``index`` (clamped) and keep it in view."""
        new = self._clamp(index)
        if new == self._cursor:
            return
        old, self._cursor = self._cursor, new
        self._refresh_card(old)
        self._refresh_card(new)
        self.scroll_to_cursor()

    @property
    def page_cards(self) -> int:
        """How many cards fit in the view (for page up / down)."""
        return max(1, self.scrollable_content_region.height // CARD_HEIGHT)

    def scroll_to_cursor(self) -> None:
        """Scroll just enough to show the cursor card."""
        if self._cursor is None:
            return
        height = self.scrollable_content_region.height
        if height <= 0:  # not laid out yet
            self.call_after_refresh(self.scroll_to_cursor)
            return
        top = self._cursor * CARD_HEIGHT
        bottom = top + CARD_LINES
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False)
        elif bottom > y + height:
            self.scroll_to(y=bottom - height, animate=False)

    # -- drawing ---------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` of the view (see the module docstring)."""
        if self._recheck_colours:
            self._check_colours()
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        index, part = divmod(line, CARD_HEIGHT)
        if not self._cards:
            return self._empty_line(width, line)
        if index >= len(self._cards) or part >= CARD_LINES:
            return Strip.blank(width, self.rich_style)
        task = self._cards[index]
        state = 0 if index != self._cursor else 2 if self._active else 1
        key = (task.id, task.revision, task.updated, task.status, part, state, width)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > _CACHE_LIMIT:
                self._lines.clear()
            strip = self._lines[key] = self._draw(task, part, state, width)
        return strip

    def _draw(self, task: Task, part: int, state: int, width: int) -> Strip:
        base = self.get_component_rich_style(("card", "card--cursor-blurred", "card--cursor")[state])
        bucket = countdown(task, self._today).bucket
        accent = self._fg(BADGE_CLASS[bucket])
        # The card's left edge carries its countdown colour, so urgency reads down a column.
        edge = Segment("▌", base + Style(color=accent.color))
        inner = width - 2
        if part == 0:
            number = fit(task.number, max(1, inner // 3))
            title = fit(one_line(task.title), inner - cell_len(number) - 1)
            segments = [
                edge,
                Segment(number, base + self._fg("card--number")),
                Segment(" " + title, base),
            ]
        else:
            badge = countdown(task, self._today).label(self.lang)
            # A measure the document gives no lead unit still says so, rather than a blank line.
            names = "、".join(task.lead_units) or tr(self.lang, "no_lead")
            units = fit(names, inner - cell_len(badge) - 1)
            gap = inner - cell_len(units) - cell_len(badge)
            segments = [
                edge,
                Segment(units, base + self._fg("card--units")),
                Segment(" " * gap, base),
                Segment(badge, base + accent),
            ]
        return Strip(segments).adjust_cell_length(width, base)

    def _fg(self, component: str) -> Style:
        """A component's text colour and attributes, to lay over a card's background.

        Not the "partial" style: that keeps colours like ``$text-muted`` with
        their alpha, which Rich cannot draw; the full style has them blended.
        """
        full = self.get_component_rich_style(component)
        return Style(color=full.color, bold=full.bold, italic=full.italic, reverse=full.reverse, dim=full.dim)

    def _empty_line(self, width: int, line: int) -> Strip:
        if line != 0:
            return Strip.blank(width, self.rich_style)
        style = self.get_component_rich_style("card--empty")
        text = fit(" " + tr(self.lang, "empty_column"), width)
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    def notify_style_update(self) -> None:
        """Drop the drawn lines if the card colours changed (a theme switch).

        Textual calls this on every focus change too, when nothing a card uses
        has changed: keeping the cache then spares redrawing every visible card.
        """
        super().notify_style_update()
        self._recheck_colours = True  # checked at the next draw, when the styles are ready

    def _check_colours(self) -> None:
        self._recheck_colours = False
        colours = tuple(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES))
        if colours != self._colours:
            self._colours = colours
            self._lines.clear()

    def on_resize(self, event: events.Resize) -> None:
        """Keep the cursor card visible when the terminal shrinks."""
        self.scroll_to_cursor()

    @property
    def active(self) -> bool:
        """True for the column the keys act on (its cursor card is highlighted)."""
        return self._active

    @active.setter
    def active(self, value: bool) -> None:
        if value != self._active:
            self._active = value
            self.set_class(value, "-active")
            self._refresh_card(self._cursor)

    def on_click(self, event: events.Click) -> None:
        """Clicking a card selects it; a double click also opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index, part = divmod(offset.y + self.scroll_offset.y, CARD_HEIGHT)
        if part >= CARD_LINES or index >= len(self._cards):
            return
        event.stop()
        self.move_cursor(index)
        self.post_message(self.Clicked(self, index, open=event.chain >= 2))

    # -- internals -------------------------------------------------------------------
    def _clamp(self, index: int | None) -> int | None:
        if not self._cards:
            return None
        if index is None:
            return 0
        return min(max(index, 0), len(self._cards) - 1)

    def _refresh_card(self, index: int | None) -> None:
        if index is None:
            return
        width = max(self.virtual_size.width, self.size.width)
        self.refresh(Region(0, index * CARD_HEIGHT - self.scroll_offset.y, width, CARD_LINES))

    def _update_title(self) -> None:
        self.border_title = tr(
            self.lang, "column_title", label=self.status.label(self.lang), count=len(self._cards)
        )
