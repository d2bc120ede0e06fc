"""The command palette (ctrl+p): every board action, named in the board's language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .i18n import tr
from .keys import APP_KEYS, BOARD_KEYS, key_text
from .screens.board_week import REPORTS

if TYPE_CHECKING:
    from .app import TaskboardApp

# Orders offered by name as well as through the `r` cycle.
_SORTS = ("sort_deadline", "sort_number", "sort_lead")
# Board actions offered in the palette without a key of their own: (i18n name, action).
_PALETTE_ONLY = (
    ("restore", "restore"),
    ("clear_review", "clear_review"),
    ("reset_settings", "reset_settings"),
)


class BoardCommands(Provider):
    """One palette entry per board action, with its key as the help text."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        # This provider is registered on TaskboardApp only (its COMMANDS).
        app = cast("TaskboardApp", self.app)
        board, lang = app.board, app.lang
        found: list[tuple[str, str, Callable[[], object]]] = []
        for spec in BOARD_KEYS:
            if spec.palette:
                found.append(
                    (tr(lang, f"help_{spec.name}"), key_text(spec), partial(board.run_action, spec.action))
                )
        for name in _SORTS:
            found.append((tr(lang, f"help_{name}"), "", partial(board.run_action, name)))
        # week: palette-only actions, and one entry per report kind.
        for name, action in _PALETTE_ONLY:
            found.append((tr(lang, f"help_{name}"), "", partial(board.run_action, action)))
        for kind in REPORTS:
            name = tr(lang, "palette_report", kind=tr(lang, f"report_{kind}"))
            found.append((name, "p", partial(board.ask_report_folder, kind)))
        for spec in APP_KEYS:
            if spec.palette:
                found.append(
                    (tr(lang, f"help_{spec.name}"), key_text(spec), partial(app.run_action, spec.action))
                )
        return found

    async def discover(self) -> Hits:
        """Everything, in key order, before anything is typed."""
        for name, key, command in self._commands():
            yield DiscoveryHit(name, command, help=key or None)

    async def search(self, query: str) -> Hits:
        """Fuzzy matches on the action's name."""
        matcher = self.matcher(query)
        for name, key, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name, help=key or None)
