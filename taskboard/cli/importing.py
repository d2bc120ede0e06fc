"""``import``: documents become tasks (or a 台账 workbook brings back statuses and notes)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..catalogue import join, name_of, say
from ..services import import_documents
from ..store import ImportResult
from .context import CommandError, Context
from .output import console


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``import`` to the ``taskboard`` parser."""
    p = sub.add_parser("import", parents=[common], help="import policy documents (.txt/.docx) as tasks")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    p.set_defaults(run=cmd_import)


def _parse_all(paths: list[Path], lang: str):
    """Parse every file before writing anything: one bad file leaves the database unchanged."""
    from rich.progress import Progress  # here, not at the top: a fifth of the board's start-up

    from ..ingest import IngestError, load_aliases, parse_file

    try:
        aliases = load_aliases()
    except IngestError as exc:  # the user's alias file cannot be read
        raise CommandError(exc.message_in(lang)) from None
    docs = []
    err = console(stderr=True)
    with Progress(console=err, transient=True, disable=len(paths) < 3 or not err.is_terminal) as progress:
        job = progress.add_task(say(lang, "cli.parsing"), total=len(paths))
        for path in paths:
            try:
                doc = parse_file(path, aliases)
            except IngestError as exc:
                raise CommandError(exc.message_in(lang)) from None
            if not doc.tasks:
                key = "cli.not_measures" if doc.refusal else "cli.no_measures"
                raise CommandError.keyed(key, name=path.name)
            docs.append(doc)
            progress.advance(job)
    return docs


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    """Import documents in one transaction, or preview them with ``--dry-run``."""
    paths = [Path(f) for f in args.files]
    for path in paths:
        if not path.is_file():
            raise CommandError.keyed("cli.no_such_file", path=path)
    ledgers = [p for p in paths if p.suffix.lower() == ".xlsx"]
    if ledgers:
        from .reports import import_ledgers  # the 台账 round trip lives with the exports

        if len(ledgers) != len(paths):
            raise CommandError.keyed("cli.mixed_import")
        return import_ledgers(ctx, ledgers, dry_run=args.dry_run)
    docs = _parse_all(paths, ctx.lang)
    out = console()
    if args.dry_run:
        from ..ingest.preview import preview_table

        store = ctx.store
        for doc in docs:
            out.print(preview_table(doc, ctx.lang))
            _print_kept(out, store.import_tasks(doc.source, doc.tasks, dry_run=True), ctx.lang)
        out.print(say(ctx.lang, "cli.dry_run"))
        return 0
    store = ctx.store
    results = import_documents(store, docs)
    for r in results:
        counts = {"added": len(r.added), "updated": len(r.updated), "unchanged": len(r.unchanged)}
        line = say(ctx.lang, "cli.imported", source=r.source, **counts)
        if r.missing:
            line += say(ctx.lang, "cli.imported_missing", n=len(r.missing))
        if r.retired:
            line += say(ctx.lang, "cli.imported_retired", n=len(r.retired))
        out.print(line, highlight=False)
        _print_kept(out, r, ctx.lang)
    return 0


def _shown(value: object, lang: str) -> str:
    if isinstance(value, list):
        return join(lang, value) or "—"
    return "—" if value in (None, "") else str(value)


def _print_kept(out, result: ImportResult, lang: str) -> None:
    """One line per corrected field the document disagrees with: the correction stays."""
    for k in result.kept:
        says, keeps = _shown(k.document_says, lang), _shown(k.kept, lang)
        field = name_of(lang, "cli.field_", k.field)
        line = say(lang, "cli.kept_line", task=k.task, field=field, says=says, keeps=keeps)
        out.print(line, highlight=False)
    if result.kept:
        n = len(result.kept)
        summary = say(lang, "cli.kept_count", n=n)
        out.print(summary, highlight=False)
