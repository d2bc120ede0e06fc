"""Bytes → text: UTF-8 (with or without BOM) or GB18030/GBK, nothing else."""

from __future__ import annotations

import codecs

from .errors import IngestError

# Magic numbers of formats people drop on the importer by mistake.
_MAGIC = (
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "old_office"),
    (b"{\\rtf", "rtf"),
    (codecs.BOM_UTF16_LE, "utf16"),
    (codecs.BOM_UTF16_BE, "utf16"),
)
# Longest incomplete multi-byte sequence a cut-off file can end with.
_MAX_TAIL = 3


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a text file's bytes; raise IngestError for empty, binary or unknown encodings.

    A multi-byte character cut off at the very end (a truncated download) is
    dropped rather than failing the whole file.
    """
    if not data.strip():
        raise IngestError.of(source, "empty")
    for magic, problem in _MAGIC:
        if data.startswith(magic):
            raise IngestError.of(source, problem)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data:
        raise IngestError.of(source, "binary")
    for encoding in ("utf-8", "gb18030"):
        text = _decode_tolerating_cut_tail(data, encoding)
        if text is not None:
            if _looks_binary(text):
                raise IngestError.of(source, "binary")
            if not text.strip():
                raise IngestError.of(source, "empty")
            return text
    raise IngestError.of(source, "encoding")


def _decode_tolerating_cut_tail(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        # Only forgive an error in the last few bytes: the file was cut mid-character.
        if err.end != len(data) or err.start < len(data) - _MAX_TAIL:
            return None
        try:
            return data[: err.start].decode(encoding)
        except UnicodeDecodeError:
            return None


def _looks_binary(text: str) -> bool:
    """Control characters other than whitespace are rare in documents and common in binaries."""
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(2, len(sample) // 100)
