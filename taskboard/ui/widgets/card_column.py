"""One kanban column, drawn line by line.

A widget per card does not scale (10,000 ListView items take 40 s to mount),
so a column is a single Line-API ScrollView: each card is two text lines (three
on a tall terminal) plus a gap line, and :meth:`CardColumn.render_line` draws
only the lines on screen.
Drawn lines are cached by task version, so scrolling and cursor moves redraw
almost nothing, and a move repaints only the rows whose card changed.  The
column also frames its lines itself (line_frame.py): through Textual's styles
cache every shifted line was framed anew, 0.1 ms a line.

Nothing a move touches goes through the stylesheet: the colours are resolved
once per theme into Style objects (:meth:`CardColumn._build_palette`), the
column the keys act on shows it by its title and an inline border colour set
without a restyle, and the count in the title repaints the top line only.
(Restyling a column, or setting Textual's ``border_title``, repaints all of it.)
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.color import Color
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from taskboard.model import Bucket, Status, Task, countdown

from ..i18n import has_key, tr
from ..textfit import fit, marked, one_line
from ..themes import FAINT, best_text
from .card_text import dated, short_badge, with_co_units
from .column_scrollbar import ColumnScrollBar, thumb_span
from .line_frame import FramedLines

CARD_LINES = 2  # title line; units + countdown line
TALL_CARD_LINES = 3  # and co-units + deadline date, on a tall terminal
TALL_ROWS = 50  # terminal rows from which cards take three lines
WIDE_CARD = 60  # column cells (a terminal of 200 or more) from which cards show co-units and dates
EDGE = ("▌", "█")  # a card's edge; the cursor card's of a column without focus
FOCUS_MARK = "▶ "  # before the title of the column the keys act on
MARK = "✔"  # before the number of a card marked for a bulk action
REVIEW = "?"  # before the number of a card the importer was unsure of (待核)
_MATCH = Style(reverse=True)  # search matches: reversed, keeping whatever contrast the card has
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


# Palettes by the component colours they were built from (CardColumn._build_palette).
_PALETTES: dict[tuple[Style, ...], tuple[dict[tuple[int, str], Style], Color]] = {}
_PALETTES_KEPT = 8


class CardColumn(ScrollView, can_focus=False, inherit_bindings=False):
    """The cards of one status, with a cursor; see the module docstring.

    Columns never take focus and have no key bindings of their own: the board
    screen holds the keys and tells one column it is :attr:`active`.  (Moving
    Textual's focus repaints the whole screen, 20-90 ms at 160x45, and every
    card move or column change would pay for it.)
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "column--active",
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
    /* The border colour of the column the keys act on (set inline, see _show_active);
       its title is marked and in the cursor's colours. */
    CardColumn > .column--active { color: $border; }
    CardColumn > .card { background: $surface; color: $foreground; }
    CardColumn > .card--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    /* Only a faint tint marks where the cursor is in the other columns. */
    CardColumn > .card--cursor-blurred {
        background: $block-cursor-background FAINT%;
        color: $foreground;
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
    """.replace("FAINT%", f"{round(FAINT * 100)}%")

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

    # The day countdowns count from: bound to the board's as-of date (``data_bind``).
    today: reactive[date] = reactive(date.min, init=False)

    def __init__(
        self, status: Status, *, lang: str, today: date | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.status = status
        self.lang = lang
        if today is not None:  # the first frame counts from the right day, before the binding lands
            self.set_reactive(CardColumn.today, today)
        self._cards: list[Task] = []
        self._cursor: int | None = None
        self._active = False
        self._lines: dict[tuple[object, ...], Strip] = {}  # drawn lines, by what they show
        self._framed = FramedLines(2 * _CACHE_LIMIT)  # the same with the border
        self._colours: tuple[Style, ...] = ()
        self._recheck_colours = True
        self._terms: tuple[str, ...] = ()
        self._card_lines = CARD_LINES
        self._palette: dict[tuple[int, str], Style] = {}
        self._active_border: Color | None = None  # the theme's, from the palette
        self._blank: Style | None = None  # the column's own style, for lines without a card
        self._drawn: list[Task] = []
        self._title_key: tuple[object, ...] = ()  # the cards as last shown, to find the rows that changed
        # Ids of the cards marked for a bulk action: the screen's set, shared (read-only here).
        self.marks: set[str] | frozenset[str] = frozenset()
        self._update_title()

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The column's scrollbar, a :class:`ColumnScrollBar` (created as Textual creates its own)."""
        if self._vertical_scrollbar is None:
            bar = ColumnScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    @property
    def card_lines(self) -> int:
        """Text lines per card: two, three on a tall terminal."""
        return self._card_lines

    @property
    def card_height(self) -> int:
        """Screen lines per card, the gap below it included."""
        return self._card_lines + 1

    @property
    def terms(self) -> tuple[str, ...]:
        """The search words highlighted on the cards."""
        return self._terms

    @terms.setter
    def terms(self, value: tuple[str, ...]) -> None:
        if value != self._terms:
            self._terms = value
            self._forget_lines()
            self.refresh()

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

    def watch_today(self) -> None:
        """Another as-of date: every countdown badge is redrawn."""
        self._forget_lines()
        self.refresh()

    def show_cards(self, cards: list[Task], cursor: int | None, changed_from: int = 0) -> None:
        """Show ``cards`` with the cursor on row ``cursor``.

        Only the rows on screen whose card changed are redrawn (none above
        ``changed_from``, the caller's promise): a card moving out shifts the
        rows below it, a card saved in place is one row.
        """
        old_cursor, drawn = self._cursor, self._drawn
        self._cards = cards
        self._drawn = list(cards)  # the model edits its lists in place: keep what is on screen
        self._cursor = self._clamp(cursor)
        self._set_virtual_height(max(1, len(cards)) * self.card_height)
        self._update_title()
        if not cards or not drawn:  # the empty-column line comes or goes
            self.refresh_lines(0, max(self.size.height, 1) + self.scroll_offset.y)
        else:
            first = max(changed_from, self.scroll_offset.y // self.card_height)
            last = (self.scroll_offset.y + self.size.height) // self.card_height
            changed = []
            for row in range(first, min(last + 1, max(len(drawn), len(cards)))):
                # A card's saved version (a new revision, the same face) needs no repaint.
                kept = row < len(drawn) and row < len(cards)
                if not (kept and (drawn[row] is cards[row] or self._looks_same(drawn[row], cards[row], row))):
                    changed.append(row)
            self._refresh_cards(changed)
        if old_cursor != self._cursor:
            self._refresh_cards([old_cursor, self._cursor])
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
        # Widget._scroll_update would repaint the scrollbar on every move: 41
        # lines, half a frame at 160x45, though one card more or less in a
        # long column seldom moves its thumb by even an eighth of a cell.
        # Repaint it only when the thumb it draws changes.
        self._refresh_scrollbars()
        bar = self.vertical_scrollbar
        before = thumb_span(bar.window_virtual_size, bar.window_size, bar.position, bar.size.height)
        bar.set_reactive(ScrollBar.window_virtual_size, height)
        if thumb_span(height, bar.window_size, bar.position, bar.size.height) != before:
            bar.refresh()
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def move_cursor(self, index: int | None) -> None:
        """Put the cursor on row ``index`` (clamped) and keep it in view."""
        new = self._clamp(index)
        if new == self._cursor:
            return
        old, self._cursor = self._cursor, new
        self._refresh_cards([old, new])
        self.scroll_to_cursor()

    @property
    def page_cards(self) -> int:
        """How many cards fit in the view (for page up / down)."""
        return max(1, self.scrollable_content_region.height // self.card_height)

    def to_top(self) -> None:
        """Cursor on the first card, scrolled to the very top (a new filter starts there)."""
        self.move_cursor(0)
        self.scroll_to(y=0, animate=False, immediate=True)

    def scroll_to_cursor(self) -> None:
        """Scroll just enough to show the cursor card."""
        if self._cursor is None:
            return
        height = self.scrollable_content_region.height
        if height <= 0:  # not laid out yet
            self.call_after_refresh(self.scroll_to_cursor)
            return
        top = self._cursor * self.card_height
        bottom = top + self._card_lines
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False)
        elif bottom > y + height:
            self.scroll_to(y=bottom - height, animate=False)

    # -- drawing ---------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        """Draw line ``y`` of the view, inside the border (see the module docstring)."""
        if self._recheck_colours:
            self._check_colours()
        return self._content_line(self.scroll_offset.y + y, self.scrollable_content_region.width)[1]

    def _content_line(self, line: int, width: int) -> tuple[tuple[object, ...], Strip]:
        """Line ``line`` of the cards (0: the first card's first line) drawn ``width`` cells
        wide, and a key that names what it shows (equal keys, equal lines)."""
        index, part = divmod(line, self.card_height)
        if self._cards and index < len(self._cards) and part < self._card_lines:
            return self._card_line(self._cards[index], index, part, width)
        key = ("empty", width, line == 0) if not self._cards else ("blank", width)
        strip = self._lines.get(key)
        if strip is None:
            strip = (
                self._empty_line(width, line) if not self._cards else Strip.blank(width, self._blank_style())
            )
            self._remember(key, strip)
        return key, strip

    def _card_line(self, task: Task, index: int, part: int, width: int) -> tuple[tuple[object, ...], Strip]:
        """Line ``part`` of ``task``'s card drawn on row ``index``, and its key."""
        state = 0 if index != self._cursor else 2 if self._active else 1
        is_marked = task.id in self.marks
        key = (
            task.id,
            task.revision,
            task.updated,
            task.status,
            part,
            state,
            width,
            self._card_lines,
            is_marked,
        )
        strip = self._lines.get(key)
        if strip is None:
            strip = self._draw(task, part, state, width, is_marked)
            self._remember(key, strip)
        return key, strip

    def _remember(self, key: tuple[object, ...], strip: Strip) -> None:
        if len(self._lines) > _CACHE_LIMIT:
            self._forget_lines()
        self._lines[key] = strip

    def _looks_same(self, old: Task, new: Task, index: int) -> bool:
        """Whether ``new`` draws on row ``index`` just as ``old`` did.

        The store's reply to a move brings the card's saved version: a new
        revision and time, the same face.  Repainting it would cost a frame,
        and the board would be busy until the next one (16 ms later) for nothing.
        """
        if old.id != new.id:
            return False
        width = self.scrollable_content_region.width
        return all(
            self._card_line(old, index, part, width)[1] == self._card_line(new, index, part, width)[1]
            for part in range(self._card_lines)
        )

    def refresh_card(self, task_id: str) -> None:
        """Redraw one card (its mark was toggled)."""
        for index, task in enumerate(self._cards):
            if task.id == task_id:
                self._refresh_cards([index])
                return

    def _draw(self, task: Task, part: int, state: int, width: int, is_marked: bool = False) -> Strip:
        base = self._style(state, "")
        cd = countdown(task, self.today)
        badge_class = BADGE_CLASS[cd.bucket]
        # The card's left edge carries its countdown colour, so urgency reads down a column;
        # it is wider on the cursor card of a column without focus (a faint marker, readable
        # in every theme), and in the text colour on the cursor card itself.
        edge_colour = Style(color=self._style(state, badge_class).color)
        edge = Segment("▌", base) if state == 2 else Segment(EDGE[state], base + edge_colour)
        inner = width - 2
        wide = inner >= WIDE_CARD
        if part == 0:
            # Marked, doubtful and retired cards say so before their number.
            flags = (MARK if is_marked else "") + (REVIEW if task.review else "")
            if task.archived:
                flags += tr(self.lang, "card_archived", reason=reason_label(task.archived, self.lang))
            flags = f"{flags} " if flags else ""
            number = fit(flags + task.number, max(1, inner // 3 + cell_len(flags)))
            title = fit(one_line(task.title), inner - cell_len(number) - 1)
            segments = [
                edge,
                Segment(number, self._style(state, "card--number")),
                Segment(" ", base),
                *marked(title, self._terms, base, base + _MATCH),
            ]
        else:
            if part == 1:
                badge = cd.label(self.lang)
                if cell_len(badge) > inner // 2:  # a narrow column: leave the units some room
                    badge = short_badge(cd, self.lang)
                # A measure the document gives no lead unit still says so, rather than a blank line.
                names = "、".join(task.lead_units) or tr(self.lang, "no_lead")
                if wide and self._card_lines == CARD_LINES:  # no third line: co-units and date go here
                    names = with_co_units(names, task, self.lang)
                    badge = dated(badge, task)
            else:
                badge = task.deadline.isoformat() if task.deadline else ""
                names = with_co_units("", task, self.lang)
            units_style = self._style(state, "card--units")
            units = fit(names, inner - cell_len(badge) - 1)
            gap = inner - cell_len(units) - cell_len(badge)
            segments = [
                edge,
                *marked(units, self._terms, units_style, units_style + _MATCH),
                Segment(" " * gap, base),
                Segment(badge, self._style(state, badge_class if part == 1 else "card--units")),
            ]
        return Strip(segments).adjust_cell_length(width, base)

    def _style(self, state: int, component: str) -> Style:
        """The style of ``component`` text on a card in ``state`` (see :meth:`_check_colours`)."""
        return self._palette[state, component]

    def _build_palette(self) -> None:
        """Take the palette of the colours read in :meth:`_check_colours` (see :meth:`_palette_of`).

        The three columns have the same colours: the first column to draw builds it.
        """
        shared = _PALETTES.get(self._colours)
        if shared is None:
            if len(_PALETTES) >= _PALETTES_KEPT:  # themes tried in the palette, one after another
                _PALETTES.clear()
            shared = _PALETTES[self._colours] = (
                self._palette_of(), self.get_component_styles("column--active").color
            )
        self._palette, self._active_border = shared
        self._show_active()

    def _palette_of(self) -> dict[tuple[int, str], Style]:
        """Every component's colour blended over each card background, as Textual would paint it.

        Textual blends a component's colour over the widget's background, but these colours
        are drawn on the card's: a muted unit name on the cursor card came out unreadable.
        On the cursor card every text is in the cursor's text colour and the countdown is a
        badge in its own colour, with black or white text, whichever contrasts more.
        """
        palette: dict[tuple[int, str], Style] = {}
        for state, name in enumerate(("card", "card--cursor-blurred", "card--cursor")):
            card = self.get_component_rich_style(name)
            bg = Color.from_rich_color(card.bgcolor)
            palette[state, ""] = card
            for component in self.COMPONENT_CLASSES:
                styles = self.get_component_styles(component)
                colour = styles.color
                shown = bg.get_contrast_text(colour.a) if styles.auto_color else colour
                fg = bg + shown
                if state == 2 and component.startswith("badge--"):
                    badge = Style(color=best_text(fg).rich_color, bgcolor=fg.rich_color)
                    palette[state, component] = card + badge
                elif state == 2:
                    palette[state, component] = card
                else:
                    text = styles.text_style
                    palette[state, component] = card + Style(
                        color=fg.rich_color, bold=text.bold, italic=text.italic, reverse=text.reverse
                    )
        return palette

    def _blank_style(self) -> Style:
        # ``rich_style`` walks the widget's ancestors on every call: once per theme is enough.
        if self._blank is None:
            self._blank = self.rich_style
        return self._blank

    def _empty_line(self, width: int, line: int) -> Strip:
        if line != 0:
            return Strip.blank(width, self._blank_style())
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
        self._blank = None
        self._framed.restyled()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The column's lines in ``crop``, border included.

        A framed line is kept as long as its card and the border look the same
        (see line_frame.py), so a line a move shifted costs a lookup.  The top
        and bottom rows (title, count) are Textual's.
        """
        if self._recheck_colours:
            self._check_colours()
        if not self._framed.look(self):  # a style the framing does not know: Textual's way
            return super().render_lines(crop)
        width, height = self.outer_size
        # Looked up once: Textual's geometry properties cost more than a kept line.
        top = self.scroll_offset.y - 1  # the border is row 0
        inner_width = self.scrollable_content_region.width
        strips: list[Strip] = []
        for y in crop.line_range:
            if y == 0 or y >= height - 1:
                strips.append(super().render_lines(Region(0, y, width, 1))[0])
            else:
                strips.append(self._framed.framed(*self._content_line(top + y, inner_width)))
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _forget_lines(self) -> None:
        """Drop every drawn line (new colours, card height or search words)."""
        self._lines.clear()
        self._framed.clear()

    def _check_colours(self) -> None:
        self._recheck_colours = False
        colours = tuple(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES))
        if colours != self._colours or not self._palette:
            self._colours = colours
            self._build_palette()
            self._forget_lines()
            self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Three lines a card on a tall terminal; keep the cursor card visible."""
        lines = TALL_CARD_LINES if self.app.size.height >= TALL_ROWS else CARD_LINES
        if lines != self._card_lines:
            self._card_lines = lines
            self._forget_lines()
            self._set_virtual_height(max(1, len(self._cards)) * self.card_height)
            self.refresh()
        self.scroll_to_cursor()

    @property
    def active(self) -> bool:
        """True for the column the keys act on (its cursor card is highlighted)."""
        return self._active

    @active.setter
    def active(self, value: bool) -> None:
        if value != self._active:
            self._active = value
            self._show_active()
            self._refresh_cards([self._cursor])

    def _show_active(self) -> None:
        """Border and title as :attr:`active` says, repainting the border only.

        An inline rule, not a CSS class: a class change restyles the widget
        and its scrollbars through the stylesheet and repaints every line.
        """
        if self._active_border is None:  # before the first draw: _build_palette calls again
            return
        border = ("round", self._active_border) if self._active else None
        changed = False
        for edge in ("border_top", "border_right", "border_bottom", "border_left"):
            changed = self.styles.set_rule(edge, border) or changed
        if changed:
            self._framed.restyled()
        self._update_title()
        if changed and self.size:
            # The border cells only (Textual still redraws the lines behind them).
            width, height = self.outer_size
            left, top = -self.styles.gutter.left, -self.styles.gutter.top
            self.refresh(
                Region(left, top, width, 1),
                Region(left, top + height - 1, width, 1),
                Region(left, top, 1, height),
                Region(left + width - 1, top, 1, height),
            )

    def on_click(self, event: events.Click) -> None:
        """Clicking a card selects it; a double click also opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index, part = divmod(offset.y + self.scroll_offset.y, self.card_height)
        if part >= self._card_lines or index >= len(self._cards):
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

    def _refresh_cards(self, rows: list[int | None]) -> None:
        """Repaint the cards on ``rows``: one region per run of neighbours (a move
        shifts a whole column, and each ``refresh`` call costs Textual some work)."""
        ordered = sorted({row for row in rows if row is not None})
        if not ordered:
            return
        width = max(self.virtual_size.width, self.size.width)
        height, top = self.card_height, self.scroll_offset.y
        regions = []
        start = end = ordered[0]
        for row in [*ordered[1:], None]:
            if row == end + 1:
                end = row
                continue
            regions.append(Region(0, start * height - top, width, (end - start) * height + self._card_lines))
            if row is not None:
                start = end = row
        self.refresh(*regions)

    def _update_title(self) -> None:
        title = tr(self.lang, "column_title", label=self.status.label(self.lang), count=len(self._cards))
        cursor = self._palette.get((2, ""))
        key = (title, self._active, cursor)
        if key == self._title_key:
            return
        self._title_key = key
        if self._active:
            # Textual would pick a title colour against the column's background, not the cursor colour.
            content = Content.from_rich_text(Text(FOCUS_MARK + title, style=cursor or ""))
        else:
            content = Content(title)
        if not self.is_mounted:
            self.border_title = content
            return
        # What the ``border_title`` setter stores, without its repaint of the whole column:
        # only the top line shows the title.
        self._border_title = content
        gutter = self.styles.gutter
        self.refresh(Region(-gutter.left, -gutter.top, self.outer_size.width, 1))


def reason_label(reason: str, lang: str) -> str:
    """A retire reason in the board's language (an unknown one as stored)."""
    key = f"reason_{reason}"
    return tr(lang, key) if has_key(key) else reason
