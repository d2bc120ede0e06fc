"""Everything about one task: full text, units, deadline as written, notes and history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from taskboard.catalogue import review_label
from taskboard.model import DocumentInfo, Task, countdown
from taskboard.store import HistoryRow

from ..formatting import deadline_line, history_line, kind_label, note_line, units
from ..i18n import tr
from ..keys import DETAIL_KEYS, bindings, localize
from ..messages import EditAsked, MoveAsked, NoteAsked, ReviewClearAsked, TaskAction
from ..widgets.board_footer import BoardFooter
from ..widgets.card_column import reason_label

if TYPE_CHECKING:
    from .board_screen import BoardScreen

# The rows of the field table, in order: (id, label key).
FIELDS = (
    ("status", "field_status"),
    ("countdown", "field_countdown"),
    ("deadline", "field_deadline"),
    ("kind", "field_deadline_kind"),
    ("lead", "field_lead_units"),
    ("co", "field_co_units"),
    ("source", "field_source"),
    ("section", "field_section"),
    ("review", "field_review"),
    ("number", "field_number"),
    ("id", "field_id"),
)


def source_line(source: str, doc: DocumentInfo | None) -> str:
    """A document by its title, with the file name it came from: ``伊州区…工作要点（003_….txt）``."""
    return f"{doc.name}（{source}）" if doc is not None and doc.title else source


class DetailScreen(Screen[None]):
    """A full-screen view of one task; the board keeps it up to date.

    The board that opened it (``owner``) is where its requests go (as
    :class:`TaskAction` messages) and whose as-of date its countdown follows.
    """

    DEFAULT_CSS = """
    DetailScreen #detail-head {
        width: 1fr;
        padding: 0 1;
        background: $panel;
        color: $text-primary;
        text-style: bold;
    }
    DetailScreen #detail-body { padding: 0 2; }
    DetailScreen #detail-fields {
        grid-size: 2;
        grid-columns: auto 1fr;
        grid-gutter: 0 2;
        height: auto;
        margin-top: 1;
    }
    DetailScreen #detail-fields > Label { height: auto; }
    DetailScreen .field-name { color: $text-muted; }
    DetailScreen .section {
        margin-top: 1;
        width: 1fr;
        text-style: bold;
        color: $text-primary;
        border-bottom: solid $border-blurred;
    }
    DetailScreen .body-text { width: 1fr; height: auto; }
    DetailScreen .empty { color: $text-muted; }
    /* The countdown field in its bucket's colour, as on the cards. */
    DetailScreen .bucket-overdue { color: $text-error; text-style: bold; }
    DetailScreen .bucket-due_today { color: $text-warning; text-style: bold; }
    DetailScreen .bucket-soon { color: $text-warning; text-style: bold; }
    DetailScreen .bucket-later { color: $text-success; }
    DetailScreen .bucket-done { color: $text-muted; }
    DetailScreen .bucket-ongoing { color: $text-primary; text-style: italic; }
    DetailScreen .bucket-recurring { color: $text-primary; text-style: italic; }
    DetailScreen .bucket-undated { color: $text-muted; }
    """

    BINDINGS = bindings(DETAIL_KEYS)

    def __init__(
        self,
        task: Task,
        history: list[HistoryRow],
        *,
        owner: BoardScreen,
        lang: str,
        documents: Mapping[str, DocumentInfo] | None = None,
    ) -> None:
        super().__init__()
        localize(self._bindings, lang)
        self.lang = lang
        self.owner = owner
        self._documents = documents or {}
        self._shown = task
        self._history = history

    @property
    def task_id(self) -> str:
        """The id of the task shown."""
        return self._shown.id

    def compose(self) -> ComposeResult:
        """Heading, field table, then text, notes and history sections."""
        lang = self.lang
        yield Label(id="detail-head", markup=False)
        with VerticalScroll(id="detail-body"):
            with Grid(id="detail-fields"):
                for name, key in FIELDS:
                    yield Label(tr(lang, key), classes="field-name")
                    yield Label(id=f"field-{name}", markup=False)
            yield Label(tr(lang, "section_text"), classes="section")
            yield Static(id="detail-text", classes="body-text", markup=False)
            yield Label(tr(lang, "section_notes"), classes="section")
            yield Static(id="detail-notes", classes="body-text", markup=False)
            yield Label(tr(lang, "section_history"), classes="section")
            yield Static(id="detail-history", classes="body-text", markup=False)
        yield BoardFooter(compact=True)

    def on_mount(self) -> None:
        """Fill in the task, follow the board's as-of date, let the arrow keys scroll."""
        # The watcher goes when this screen closes (Textual drops watchers of closed nodes).
        self.watch(self.owner, "today", self._as_of_changed, init=False)
        self._fill()
        self.query_one("#detail-body").focus()

    def _as_of_changed(self) -> None:
        self._fill()

    def show_task(self, task: Task, history: list[HistoryRow]) -> None:
        """Show a newer version of the task (a note was added, it moved, was edited…)."""
        self._shown, self._history = task, history
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        t, lang = self._shown, self.lang
        self.query_one("#detail-head", Label).update(f"{t.number}  {t.title}")
        cd = countdown(t, self.owner.today)
        values = {
            "status": t.status.label(lang),
            "countdown": cd.label(lang),
            "deadline": deadline_line(t, lang),
            "kind": kind_label(t.deadline_kind, lang),
            "lead": units(t.lead_units, lang),
            "co": units(t.co_units, lang),
            "source": source_line(t.source, self._documents.get(t.source)),
            "section": t.section or tr(lang, "none_value"),
            "number": t.number,
            # Every CLI command takes the id: shown whole, `y` copies it.
            "id": tr(lang, "id_value", id=t.id),
            # The importer's doubts in words (issue 8); `v` clears them.
            "review": "；".join(review_label(c, lang) for c in t.review) or tr(lang, "review_none"),
        }
        if t.archived:
            values["status"] += " " + tr(lang, "card_archived", reason=reason_label(t.archived, lang))
        for name, value in values.items():
            self.query_one(f"#field-{name}", Label).update(value)
        badge = self.query_one("#field-countdown", Label)
        badge.set_classes(f"bucket-{cd.bucket.value}")
        self.query_one("#detail-text", Static).update(t.text.strip() or tr(lang, "none_value"))
        self._fill_list(
            "#detail-notes", [note_line(n, lang) for n in reversed(t.notes)], tr(lang, "no_notes")
        )
        self._fill_list(
            "#detail-history",
            [history_line(r, lang) for r in reversed(self._history)],
            tr(lang, "no_history"),
        )

    def _fill_list(self, selector: str, lines: list[str], empty: str) -> None:
        widget = self.query_one(selector, Static)
        widget.update("\n".join(lines) if lines else empty)
        widget.set_class(not lines, "empty")

    # -- actions: the board does the work, this screen only asks ---------------------
    def _ask(self, request: TaskAction) -> None:
        self.owner.post_message(request)

    def action_note(self) -> None:
        """Add a progress note to this task."""
        self._ask(NoteAsked(self.task_id))

    def action_edit(self) -> None:
        """Edit this task."""
        self._ask(EditAsked(self.task_id))

    def action_move_next(self) -> None:
        """Move this task to the next column."""
        self._ask(MoveAsked(self.task_id, forward=True))

    def action_move_prev(self) -> None:
        """Move this task to the previous column."""
        self._ask(MoveAsked(self.task_id, forward=False))

    def action_clear_review(self) -> None:
        """Clear this task's review flags (an edit, in history)."""
        self._ask(ReviewClearAsked(self.task_id))

    def action_scroll_up(self) -> None:
        """Scroll the detail up a line."""
        self.query_one("#detail-body", VerticalScroll).scroll_up()

    def action_scroll_down(self) -> None:
        """Scroll the detail down a line."""
        self.query_one("#detail-body", VerticalScroll).scroll_down()

    def action_copy_id(self) -> None:
        """Copy the task's id to the clipboard (for `taskboard show/move/note ID`)."""
        self.app.copy_to_clipboard(self._shown.id)
        self.notify(tr(self.lang, "copied_id", id=self._shown.id), timeout=3)

    def action_back(self) -> None:
        """Back to the board."""
        self.dismiss(None)
