"""The JSON form of task field values (what the store writes for a date or a status)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import DeadlineKind, Status


def encode(value: Any) -> Any:
    """JSON-ready form of a task field value."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, DeadlineKind | Status):
        return value.value
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value
