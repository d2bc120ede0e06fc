"""The one exception the importer raises for files it cannot read."""

from __future__ import annotations


class IngestError(Exception):
    """One-line, user-facing message naming the file (empty, binary, unsupported format…).

    ``IngestError("plan.pdf", "unsupported format")`` reads ``plan.pdf: unsupported format``;
    a single argument is taken as the whole message.
    """

    def __init__(self, source: str, problem: str | None = None) -> None:
        message = source if problem is None else f"{source}: {problem}"
        # Keep it on one line whatever the OS error text contains.
        super().__init__(" ".join(message.split()))
        self.source = source if problem is not None else ""
        self.problem = problem if problem is not None else message
