"""Import policy documents (.txt, .md, .docx) into tasks.

The domain side of the board: plain Python plus python-docx, never Textual.

    >>> doc = parse_file("data/003_1269706941807864.txt")
    >>> doc.tasks[0].number, doc.tasks[0].title
    ('1', '落实一网一门一次改革')
"""

from __future__ import annotations

from pathlib import Path

from ..catalogue import review_label  # the words of the codes .review makes
from .aliases import AliasTable, default_aliases, load_aliases
from .build import ParsedDocument, parse_lines
from .clean import to_lines
from .decode import decode_bytes
from .errors import IngestError

__all__ = [
    "AliasTable",
    "IngestError",
    "ParsedDocument",
    "load_aliases",
    "parse_file",
    "parse_text",
    "review_label",
]

TEXT_SUFFIXES = (".txt", ".md")
DOCX_SUFFIX = ".docx"
SUPPORTED = (*TEXT_SUFFIXES, DOCX_SUFFIX)
# What to do with the formats people try most often.
_HINTS = {".doc": "unsupported_docx", ".wps": "unsupported_docx", ".pdf": "unsupported_docx_txt"}


def parse_text(text: str, source: str, aliases: AliasTable | None = None) -> ParsedDocument:
    """Parse document text; ``source`` is the file name the task ids derive from.

    Never raises on odd text: a document without numbered measures has no tasks.
    """
    return parse_lines(to_lines(text), source, aliases if aliases is not None else default_aliases())


def parse_file(path: str | Path, aliases: AliasTable | None = None) -> ParsedDocument:
    """Read and parse a .txt, .md or .docx file; raise IngestError for anything else."""
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        if not path.suffix:
            raise IngestError.of(name, "no_suffix")
        raise IngestError.of(name, _HINTS.get(suffix, "unsupported"), shown=f"'{path.suffix}'")
    try:
        data = path.read_bytes()
    except IsADirectoryError as err:
        raise IngestError.of(name, "directory") from err
    except OSError as err:
        raise IngestError.of(name, "unreadable", why=err.strerror or err) from err
    table = aliases if aliases is not None else default_aliases()
    if suffix == DOCX_SUFFIX:
        from .docx import docx_lines  # python-docx is only needed for Word files

        return parse_lines(docx_lines(data, name), name, table)
    return parse_lines(to_lines(decode_bytes(data, name)), name, table)
