"""The Textual kanban board.  The only part of taskboard that imports Textual.

Textual is imported lazily, inside the functions, so the command line stays
quick for commands that never open the board.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from taskboard.store import TaskStore

    from .app import TaskboardApp

__all__ = ["create_app", "run"]


def create_app(
    store: TaskStore, *, today: date, lang: str, theme: str | None = None, **options: Any
) -> TaskboardApp:
    """The board app over ``store``, counting down from ``today``, labelled in ``lang``.

    ``theme`` None means the theme saved in the settings, else ``dark``;
    ``options`` go to :class:`TaskboardApp` (``poll_seconds``).
    """
    from .app import TaskboardApp

    return TaskboardApp(store, today=today, lang=lang, theme=theme, **options)


def run(
    store: TaskStore, *, today: date, lang: str, theme: str | None, restore_today: bool = False
) -> None:
    """Run the board in the terminal until the user quits; every change is saved on the way.

    ``restore_today``: no date was given (neither ``--today`` nor ``TASKBOARD_TODAY``),
    so the as-of date set on the board last time comes back.
    """
    app = create_app(store, today=today, lang=lang, theme=theme, restore_today=restore_today)
    try:
        app.run()
    finally:
        # The writer thread saves what was queued before the app closed.
        app.gateway.close()
        app.gateway.drain()
