"""Opening the board's database, seeding a new one from the bundled documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import clock, paths
from ..model import DocumentInfo
from .results import ImportResult
from .store import TaskStore

if TYPE_CHECKING:
    from ..ingest import ParsedDocument


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


def seed_store(store: TaskStore, documents: Iterable[Path] | None = None) -> list[ImportResult]:
    """Import the seed documents (default: the bundled ``data/``) in one transaction."""
    from ..ingest import load_aliases, parse_file  # the importer is only needed for seeding

    aliases = load_aliases()
    results = []
    with store.transaction():
        for path in documents if documents is not None else paths.seed_documents():
            doc = parse_file(path, aliases)
            results.append(store.import_tasks(doc.source, doc.tasks, document=document_info(doc)))
    return results


def open_store(
    path: str | Path | None = None,
    *,
    seed: bool = True,
    who: str | None = None,
    now: Callable[[], str] = clock.now_iso,
    writable: bool = True,
) -> TaskStore:
    """Open the database at ``path`` (default: ``TASKBOARD_DB`` or the user data
    folder); a database that does not exist yet is created and seeded.

    With ``writable`` false an existing file is only read: never migrated,
    never written (a new one is still created and seeded: that is the first run).
    """
    path = Path(path or paths.default_db_path()).expanduser()
    if not writable and path.exists():
        return TaskStore(path, who=who, now=now, writable=False)
    store = TaskStore(path, who=who, now=now)
    if seed and store.is_new and not store.read_only_reason:
        seed_store(store)
    return store
