"""The always-visible line above the columns: active filters, "shown N of M", order and date.

An active filter is never hidden: on a narrow terminal the counts, order and
date shrink to their figures, and the filters wrap onto further lines rather
than end in "…" (the board saying "显示 0" with the reason cut off).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from ...catalogue import join
from ..board_model import Filters, SortKey
from ..i18n import tr

_MAX_NAMED = 2  # beyond this many units or sources the bar says "…等N个"
NARROW = 100  # terminal columns below which the counts, order and date are shown short


def _names(items: frozenset[str], lang: str, labels: Mapping[str, str] | None = None) -> str:
    ordered = sorted((labels or {}).get(i, i) for i in items)
    if len(ordered) <= _MAX_NAMED:
        return join(lang, ordered)
    first = join(lang, ordered[:_MAX_NAMED])
    return tr(lang, "and_more", first=first, total=len(ordered), rest=len(ordered) - _MAX_NAMED)


def describe_filters(filters: Filters, lang: str, labels: Mapping[str, str] | None = None) -> str:
    """The active filters as one line, or "no filters"; ``labels`` names documents by title."""
    parts = []
    if filters.archived:
        parts.append(tr(lang, "filter_archived"))
    if filters.leads:
        key = {"co": "filter_co", "any": "filter_any"}.get(filters.role, "filter_lead")
        parts.append(tr(lang, key, units=_names(filters.leads, lang)))
    if filters.sources:
        parts.append(tr(lang, "filter_source", sources=_names(filters.sources, lang, labels)))
    if filters.overdue:
        parts.append(tr(lang, "filter_overdue"))
    if filters.due_days is not None:
        parts.append(tr(lang, "filter_due", n=filters.due_days))
    if filters.review:
        parts.append(tr(lang, "filter_review"))
    if filters.query.strip():
        parts.append(tr(lang, "filter_query", query=filters.query.strip()))
    return "  ·  ".join(parts) if parts else tr(lang, "no_filters")


class FilterBar(Horizontal):
    """Filters on the left, counts, order and as-of date on the right."""

    DEFAULT_CSS = """
    FilterBar {
        height: auto;
        dock: top;
        background: $panel;
        padding: 0 1;
    }
    FilterBar > #filters {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $text-muted;
    }
    FilterBar.-active > #filters {
        color: $text-warning;
        text-style: bold;
        text-wrap: wrap;
        text-overflow: fold;  /* a unit name has no spaces to wrap at */
    }
    FilterBar > #status { width: auto; color: $text; padding-left: 2; }
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self._narrow = False
        self._last: tuple[object, ...] | None = None

    def on_resize(self, event: events.Resize) -> None:
        """Short counts on a narrow terminal."""
        narrow = self.app.size.width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            if self._last is not None:
                filters, kwargs = self._last
                self.show(filters, **kwargs)

    def compose(self) -> ComposeResult:
        """A label for the filters, one for the counts."""
        yield Label(id="filters", markup=False)
        yield Label(id="status", markup=False)

    def show(
        self,
        filters: Filters,
        *,
        shown: int,
        total: int,
        sort: SortKey,
        today: date,
        read_only: bool = False,
        marked: int = 0,
        labels: Mapping[str, str] | None = None,
    ) -> None:
        """Display the board's current state (and how many cards are marked for a bulk action);
        ``labels`` names source documents by their titles."""
        self._last = (
            filters,
            {
                "shown": shown,
                "total": total,
                "sort": sort,
                "today": today,
                "read_only": read_only,
                "marked": marked,
                "labels": labels,
            },
        )
        lang = self.lang
        self.set_class(filters.active, "-active")
        self._set("#filters", describe_filters(filters, lang, labels))
        if self._narrow:
            status = [
                tr(lang, "shown_short", shown=shown, total=total),
                tr(lang, f"sort_{sort.value}"),
                today.isoformat(),
            ]
        else:
            status = [
                tr(lang, "shown", shown=shown, total=total),
                tr(lang, "sort_label", sort=tr(lang, f"sort_{sort.value}")),
                tr(lang, "as_of", date=today.isoformat()),
            ]
        if marked:
            # Marks outlive a filter change: the bar keeps saying a bulk action will reach them.
            status.insert(0, tr(lang, "filter_marked", n=marked))
        if read_only:
            status.append(tr(lang, "read_only"))
        self._set("#status", "  ·  ".join(status))

    def _set(self, selector: str, text: str) -> None:
        # Updating a label re-lays the screen out even with the same text: skip that.
        label = self.query_one(selector, Label)
        if str(label.content) != text:
            label.update(text)
