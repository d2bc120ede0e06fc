"""The application layer: the few operations that compose the importer, the store and the reports.

``ingest``, ``store`` and ``report`` are peers over ``model`` and never import
one another (import-linter checks it); what needs two of them — seeding a
new board from documents, importing documents, bringing a 台账 workbook back
— lives here, and the CLI and the board call it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import clock, paths
from .catalogue import Phrase
from .model import Status, Task
from .store import ImportResult, TaskStore
from .store.backends import is_server_url

if TYPE_CHECKING:  # the importer is a third of the board's start: loaded when a document is read
    from .ingest import ParsedDocument
    from .report.ledger import LedgerPlan


def import_documents(store: TaskStore, docs: Sequence[ParsedDocument]) -> list[ImportResult]:
    """Import parsed documents in one transaction: one commit, one undo step."""
    with store.transaction():
        return [store.import_tasks(d.source, d.tasks, document=d.info) for d in docs]


def seed_store(store: TaskStore, documents: Iterable[Path] | None = None) -> list[ImportResult]:
    """Import the seed documents (default: the bundled ``data/``) in one transaction."""
    from .ingest import load_aliases, parse_file

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
        store.records.read_only_reason = Phrase.of("store.opened_read_only", path=store.records.location)
    return store


def apply_ledger_plan(store: TaskStore, plan: LedgerPlan) -> None:
    """Make a 台账 import's changes in one transaction: one commit, one ``undo`` reverts them all.

    Each move carries the status the plan was made against, so a task moved
    on the board after planning is refused (:class:`~taskboard.store.Conflict`),
    not silently overwritten; the whole import is then left undone.
    """
    from .report.ledger import note_author  # the 台账 reader: not loaded to open the board

    if plan.problems:
        raise ValueError("a ledger plan with problems must not be applied")
    with store.transaction():
        for ch in plan.changes:
            if ch.kind == "move":
                store.move(ch.task, Status(ch.new), expect=Status(ch.old))
            else:
                store.add_note(ch.task, ch.new, author=note_author(store.who, [ch.file]))


@dataclass(frozen=True, slots=True)
class ReportKind:
    """A report the board can write: what it is called on disk and in which format."""

    stem: str  # the file name's start; never from document data
    suffix: str


REPORT_KINDS = {
    "summary_html": ReportKind("汇总", ".html"),
    "summary_pdf": ReportKind("汇总", ".pdf"),
    "summary_md": ReportKind("汇总", ".md"),
    "summary_text": ReportKind("汇总", ".txt"),
    "ledger_xlsx": ReportKind("台账", ".xlsx"),
    "ledger_csv": ReportKind("台账", ".csv"),
    "remind_text": ReportKind("催办", ".txt"),
    "remind_md": ReportKind("催办", ".md"),
}


def report_path(folder: str | Path, kind: str, as_of: date) -> Path:
    """A new file in ``folder``: ``汇总_2023-06-30.html``, then ``…_2.html`` (never overwrites)."""
    spec = REPORT_KINDS[kind]
    folder = Path(folder).expanduser()
    for n in range(1, 1000):
        tail = "" if n == 1 else f"_{n}"
        candidate = folder / f"{spec.stem}_{as_of.isoformat()}{tail}{spec.suffix}"
        if not os.path.lexists(candidate):
            return candidate
    raise OSError(f"too many reports named {spec.stem}_{as_of.isoformat()} in {folder}")


def write_board_report(
    store: TaskStore,
    kind: str,
    tasks: Sequence[Task],
    *,
    as_of: date,
    lang: str,
    folder: str | Path,
    within: int | None = None,
) -> Path:
    """Write one report of ``tasks`` (the board's current filter) into ``folder``; return its path.

    The file is new (see :func:`report_path`) and written whole or not at all.
    """
    from . import config
    from .report.atomic import write_atomic

    window = within if within is not None else config.due_soon_days()
    titles = {source: doc.name for source, doc in store.documents().items() if doc.title}
    path = report_path(folder, kind, as_of)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind.startswith("summary_"):
        from .report.summary import build_summary

        summary = build_summary(tasks, as_of, within=window, titles=titles)
        if kind == "summary_pdf":
            from .report.summary_pdf import write_summary_pdf

            write_summary_pdf(summary, lang, path)
            return path
        if kind == "summary_html":
            from .report.summary_html import summary_html as render
        elif kind == "summary_md":
            from .report.summary_md import summary_markdown as render
        else:
            from .report.summary_rich import summary_text as render
        write_atomic(path, render(summary, lang))
    elif kind == "ledger_xlsx":
        from .report.xlsx import write_ledger_xlsx

        write_ledger_xlsx(tasks, as_of, path, revision=store.revision, titles=titles)
    elif kind == "ledger_csv":
        from .report.csv_export import ledger_csv

        write_atomic(path, ledger_csv(tasks, as_of, titles))
    else:
        from .report.remind import build_reminders, reminders_document

        reminders = build_reminders(tasks, as_of, within=window)
        text = reminders_document(
            reminders, as_of, within=window, lang=lang, markdown=kind == "remind_md", titles=titles
        )
        write_atomic(path, text)
    return path
