"""The as-of date countdowns count from.

Nothing in taskboard reads the wall clock directly for dates: ``--today`` or
``TASKBOARD_TODAY`` pin it, so tests, screenshots and reports are repeatable.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from .catalogue import Said


class BadDate(Said, ValueError):
    """A date argument that is not YYYY-MM-DD."""


def parse_date(text: str, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD`` (also ``YYYY/MM/DD``); raise :class:`BadDate` with a clear message."""
    value = str(text).strip().replace("/", "-")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadDate.keyed("cli.bad_date", what=what, text=text) from None


def today(override: str | date | None = None) -> date:
    """The as-of date: ``override``, else ``TASKBOARD_TODAY``, else the local date."""
    if isinstance(override, date):
        return override
    if override:
        return parse_date(override, "--today")
    env = os.environ.get("TASKBOARD_TODAY")
    if env:
        return parse_date(env, "TASKBOARD_TODAY")
    return date.today()


def now_iso() -> str:
    """The current instant as an ISO timestamp in local time with its UTC offset
    (``2023-06-30T09:00:00+08:00``): when a change happened, readable as stored."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
