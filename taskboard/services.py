"""The application layer: the few operations that compose the importer, the store and the reports.

``ingest``, ``store`` and ``report`` are peers over ``model`` and never import
one another (import-linter checks it); what needs two of them — seeding a
new board from documents, importing documents, bringing a 台账 workbook back
— lives here, and the CLI and the board call it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import clock, paths
from .ingest import ParsedDocument, load_aliases, parse_file
from .model import DocumentInfo, Status
from .report.ledger import LedgerPlan, note_author
from .store import ImportResult, TaskStore
from .store.backends import is_server_url


def document_info(doc: ParsedDocument) -> DocumentInfo:
    """What the store keeps of a parsed document besides its tasks."""
    # A document without a recognisable title is named by its file name (no title stored).
    title = "" if doc.title == Path(doc.source).stem else doc.title
    return DocumentInfo(
        doc.source,
        title=title,
        number=getattr(doc, "number", "") or "",
        date=str(getattr(doc, "date", "") or ""),
    )


def import_documents(store: TaskStore, docs: Sequence[ParsedDocument]) -> list[ImportResult]:
    """Import parsed documents in one transaction: one commit, one undo step."""
    with store.transaction():
        return [store.import_tasks(d.source, d.tasks, document=document_info(d)) for d in docs]


def seed_store(store: TaskStore, documents: Iterable[Path] | None = None) -> list[ImportResult]:
    """Import the seed documents (default: the bundled ``data/``) in one transaction."""
    aliases = load_aliases()
    docs = [parse_file(p, aliases) for p in (documents if documents is not None else paths.seed_documents())]
    return import_documents(store, docs)


def open_store(
    location: str | Path | None = None,
    *,
    seed: bool = True,
    who: str | None = None,
    now: Callable[[], str] = clock.now_iso,
    writable: bool = True,
) -> TaskStore:
    """Open the board at ``location`` (a file path or a ``postgresql://`` URL; default:
    ``TASKBOARD_DB`` or the user data folder); a board that does not exist yet is
    created and seeded.

    With ``writable`` false an existing board is only read: never migrated,
    never written (a new one is still created and seeded: that is the first run).
    """
    location = location or paths.default_db_path()
    if not is_server_url(location):
        location = Path(location).expanduser()
        if not writable and location.exists():
            return TaskStore(location, who=who, now=now, writable=False)
    store = TaskStore(location, who=who, now=now)
    if seed and store.is_new and not store.read_only_reason:
        seed_store(store)
    if not writable:
        store.records.read_only_reason = f"{store.records.location} was opened for reading only"
    return store


def apply_ledger_plan(store: TaskStore, plan: LedgerPlan) -> None:
    """Make a 台账 import's changes in one transaction: one commit, one ``undo`` reverts them all.

    Each move carries the status the plan was made against, so a task moved
    on the board after planning is refused (:class:`~taskboard.store.Conflict`),
    not silently overwritten; the whole import is then left undone.
    """
    if plan.problems:
        raise ValueError("a ledger plan with problems must not be applied")
    with store.transaction():
        for ch in plan.changes:
            if ch.kind == "move":
                store.move(ch.task, Status(ch.new), expect=Status(ch.old))
            else:
                store.add_note(ch.task, ch.new, author=note_author(store.who, [ch.file]))
