"""Keep double-width characters whole where a widget lies over a cut of the screen line.

Textual's compositor splits every screen line at each widget edge ("cuts") and
lets the front-most widget fill each piece ("chop").  A toast that lies over
the border between two columns is therefore divided at that border too, and a
Chinese character straddling it is split by :meth:`rich.segment.Segment.split_cells`
into two spaces: ``已添加备注`` shows as ``已添  备注`` (upstream
Textualize/textual#6357, open).

The fix divides a widget's line only where the owner of the chops changes.
Neighbouring chops that the same widget wins are kept as one piece, stored in
the first chop of the run; the others of the run are dropped from the line
once all widgets are drawn, and a partial update's chop ends are taken from
the chops that remain, so both full and partial redraws write the piece whole.
A character that straddles the edge of a widget in front of it is still
covered, as it must be.

:func:`install` replaces two methods of Textual's ``Compositor`` (pinned in
pyproject.toml); tests/ui/test_toasts.py fails without it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

# Fills a chop merged into the one before it, so no widget behind claims it;
# removed before the chops are used.
_MERGED = Strip([], 0)


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip]]:
    """Textual's ``Compositor._render_chops``, dividing a widget's line only where the owner changes."""
    return _chops(self, crop, is_rendered_line)[0]


def _chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> tuple[list[dict[int, Strip | None]], set[int]]:
    """The chops of every line, and the lines where neighbouring chops were merged."""
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    merged_lines: set[int] = set()

    for region, clip, strips in self._get_renders(crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            if len(final_cuts) < 2:  # Textual draws nothing of such a line either
                continue
            # Painting front to back: a chop already filled belongs to a widget in front.
            free = [line.get(cut) is None for cut in final_cuts[:-1]]
            # The usual case: the widget's whole line is one piece (a strip short of its
            # region, which Textual draws in part, takes the general way below).
            if all(free) and (whole := strip.divide([final_cuts[-1] - render_x])):
                line[final_cuts[0]] = whole[0]
                if len(free) > 1:
                    merged_lines.add(y)
                    for cut in final_cuts[1:-1]:
                        line[cut] = _MERGED
                continue
            if not any(free):  # wholly behind others
                continue
            # Cut only where a free run starts or ends (and at the widget's own edges).
            starts = [i for i in range(len(free)) if i == 0 or free[i] != free[i - 1]]
            pieces = iter(strip.divide([final_cuts[i] - render_x for i in (*starts[1:], -1)]))
            piece = None
            for i, cut in enumerate(final_cuts[:-1]):
                first = i == 0 or free[i] != free[i - 1]
                if first:
                    piece = next(pieces, None)
                if not free[i] or piece is None:
                    continue
                line[cut] = piece if first else _MERGED
                if not first:
                    merged_lines.add(y)

    for y in merged_lines:
        line = chops[y]
        for cut in [cut for cut, strip in line.items() if strip is _MERGED]:
            del line[cut]
    return chops, merged_lines


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """Textual's ``Compositor.render_partial_update``, with each line's chop ends read from its chops."""
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(update_regions).intersection(self.size.region)
    spans = list(self._regions_to_spans(update_regions))
    is_rendered_line = {y for y, _, _ in spans}.__contains__
    chops, merged_lines = _chops(self, crop, is_rendered_line)
    cuts = self.cuts
    chop_ends = [cut_set[1:] for cut_set in cuts]
    for y in merged_lines:
        # A merged chop ends where the next remaining one starts, not at the cut inside it.
        chop_ends[y] = [*list(chops[y])[1:], cuts[y][-1]]
    # Redraw whole chops: ChopsUpdate crops a chop at the edge of a dirty span, and a span
    # ending inside a toast (a column's repaint under it) would split a character there.
    widened = []
    for y, x1, x2 in spans:
        starts, ends = list(chops[y]), chop_ends[y]
        left = starts[max(bisect_right(starts, x1) - 1, 0)] if starts else x1
        right = ends[min(bisect_left(ends, x2), len(ends) - 1)] if ends else x2
        widened.append(Region(left, y, max(right, x2) - left, 1))
    return ChopsUpdate(chops, list(self._regions_to_spans(widened)), chop_ends)


def install() -> None:
    """Patch Textual's compositor (idempotent)."""
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]
    Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
