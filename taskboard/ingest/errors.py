"""The one exception the importer raises for files it cannot read."""

from __future__ import annotations

from typing import Any

from taskboard.catalogue import Said, say


class IngestError(Said, Exception):
    """One-line, user-facing message naming the file (empty, binary, unsupported format…).

    ``IngestError("plan.pdf", "unsupported format")`` reads ``plan.pdf: unsupported format``;
    a single argument is taken as the whole message.  ``IngestError.of(source, key, **values)``
    says the problem with the catalogue's ``ingest.<key>``, in the user's language.
    """

    problem_key: str | None = None

    def __init__(self, source: str, problem: str | None = None) -> None:
        message = source if problem is None else f"{source}: {problem}"
        # Keep it on one line whatever the OS error text contains.
        super().__init__(" ".join(message.split()))
        self.source = source if problem is not None else ""
        self.problem = problem if problem is not None else message

    @classmethod
    def of(cls, source: str, key: str, **values: Any) -> IngestError:
        """The error for the problem ``ingest.<key>`` (its ``str()`` in English, for logs)."""
        error = cls(source, say("en", f"ingest.{key}", **values))
        error.problem_key, error.values = f"ingest.{key}", values
        return error

    def message_in(self, lang: str) -> str:
        """``要点.pdf：这是 PDF 文件…`` in ``lang``; as raised when the problem has no key."""
        if self.problem_key is None:
            return str(self)
        problem = say(lang, self.problem_key, **self.values)
        return " ".join(say(lang, "ingest.error", source=self.source, problem=problem).split())
