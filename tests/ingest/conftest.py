"""Shared helpers for the importer tests: fixture and seed locations, parsed seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from taskboard.ingest import ParsedDocument, parse_file

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The project's data/ folder (the seed documents)."""
    return DATA


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """tests/ingest/fixtures."""
    return FIXTURES


@pytest.fixture(scope="session")
def seeds() -> dict[str, ParsedDocument]:
    """The five seed documents parsed, keyed by their prefix (``000`` … ``004``)."""
    return {path.name[:3]: parse_file(path) for path in sorted(DATA.glob("0[0-9][0-9]_*.txt"))}


@pytest.fixture(scope="session")
def fixture_doc():
    """Parse a file from tests/ingest/fixtures by name."""

    def parse(name: str) -> ParsedDocument:
        return parse_file(FIXTURES / name)

    return parse
