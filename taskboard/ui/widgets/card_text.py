"""The words on a card that depend on its room: short countdowns, co-units, dates."""

from __future__ import annotations

from taskboard.model import Bucket, Countdown, Task

from ..i18n import tr


def short_badge(cd: Countdown, lang: str) -> str:
    """A countdown in as few cells as it can say it (``30d late`` for ``30 days overdue``)."""
    if cd.bucket is Bucket.RECURRING:
        return tr(lang, "badge_short_recurring")
    if cd.bucket is Bucket.UNDATED:
        return tr(lang, "badge_short_none")
    if cd.days is None or cd.bucket in (Bucket.DONE, Bucket.ONGOING):
        return cd.label(lang)  # already short
    if cd.days < 0:
        return tr(lang, "badge_short_overdue", n=-cd.days)
    if cd.days == 0:
        return tr(lang, "badge_short_today")
    return tr(lang, "badge_short_left", n=cd.days)


def with_co_units(names: str, task: Task, lang: str) -> str:
    """``names`` followed by the co-units (``配合：…``), for a wide or tall card."""
    if not task.co_units:
        return names
    co = tr(lang, "card_co_units", units="、".join(task.co_units))
    return f"{names}  {co}" if names else co


def dated(badge: str, task: Task) -> str:
    """The countdown with the deadline date before it, for a wide card."""
    return f"{task.deadline.isoformat()} {badge}" if task.deadline else badge
