"""The Textual application: themes, settings, the store's writer thread and polling."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable
from datetime import date

from textual import work
from textual.app import App, SystemCommand
from textual.command import CommandPalette, Provider
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import get_current_worker

from taskboard import config
from taskboard.clock import BadDate, parse_date
from taskboard.store import TaskStore

from . import compositor_fix
from .board_model import BoardModel, SortKey, filters_from
from .gateway import Op, Reply, StoreGateway
from .i18n import LANGS, tr
from .keys import APP_KEYS, bindings, localize
from .messages import reply_message
from .screens.board_screen import BoardScreen
from .themes import DEFAULT_THEME, load_themes, readable

# How often to look for commits by other processes (a stat and 8 KiB read when
# nothing changed); the issue asks for changes to show within 2 s.
POLL_SECONDS = 0.5

# Chinese characters of a toast over a column border must not vanish (Textualize/textual#6357).
compositor_fix.install()


def _board_commands() -> type[Provider]:
    """The board's palette entries, imported when the palette first opens."""
    from .commands import BoardCommands

    return BoardCommands


class TaskboardApp(App[None]):
    """The kanban board over one :class:`TaskStore`."""

    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_board_commands}
    BINDINGS = bindings(APP_KEYS)

    def __init__(
        self,
        store: TaskStore,
        *,
        today: date,
        lang: str,
        theme: str | None = None,
        poll_seconds: float | None = POLL_SECONDS,
        restore_today: bool = False,
    ) -> None:
        super().__init__()
        self.poll_seconds = poll_seconds  # None: never poll (tests that control every sync)
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r} (use one of {', '.join(LANGS)})")
        localize(self._bindings, lang)
        self.lang = lang
        self.title = tr(lang, "app_title")
        self.gateway = StoreGateway(store)
        self.gateway.lang = lang
        store.start_session()  # `u` undoes what is done on this board, not the seeding before it
        # The last session's filters and sort; its as-of date only when the caller chose
        # none (``restore_today``): --today / TASKBOARD_TODAY always win.
        saved = config.load().get("board")
        saved = saved if isinstance(saved, dict) else {}
        self.start_today = today
        if restore_today:
            with contextlib.suppress(BadDate, TypeError):
                today = parse_date(saved.get("today"))
        sort = saved.get("sort")
        # Retired tasks too: the board's archive filter shows them (the columns leave them out).
        self.model = BoardModel(
            store.all(archived=None),
            today,
            filters=filters_from(saved.get("filters")),
            sort=SortKey(sort) if sort in set(SortKey) else SortKey.DEADLINE,
        )
        self.board = BoardScreen(self.gateway, self.model, lang=lang, start_today=self.start_today)
        self._theme_loaded = False
        self._themes_checked = False
        self._unknown_theme: str | None = None
        self._unreadable_theme = False
        self._choose_theme(theme)

    # -- themes ----------------------------------------------------------------------
    def _choose_theme(self, wanted: str | None) -> None:
        own = load_themes()
        self._own_themes = {theme.name for theme in own}
        for theme in own:
            self.register_theme(theme)
        saved = config.load().get("theme")
        name = wanted or (saved if isinstance(saved, str) else None) or DEFAULT_THEME
        if name not in self.available_themes or not self._offered(name):
            self._unknown_theme = name
            self._unreadable_theme = name in self.available_themes
            fallback = next(iter(self.available_themes))
            name = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else fallback
        self.theme = name

    def _offered(self, name: str) -> bool:
        """Ours, or a built-in theme whose cards and text pass WCAG AA (see themes.readable)."""
        theme = self.get_theme(name)
        return name in self._own_themes or (theme is not None and readable(theme))

    def _offer_readable_themes(self) -> None:
        """Drop the built-in themes that fail the contrast check, before a palette lists them.

        Done when a palette first opens rather than at start-up: the check costs ~0.15 s.
        """
        if self._themes_checked:
            return
        self._themes_checked = True
        for name in list(self.available_themes):
            if name != self.theme and not self._offered(name):
                self.unregister_theme(name)

    def watch_theme(self, name: str) -> None:
        """Remember a theme picked in the palette for next time."""
        if self._theme_loaded:
            config.save(theme=name)

    def search_themes(self) -> None:
        """The palette's theme switcher, with a placeholder in the board's language."""
        self._offer_readable_themes()
        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=tr(self.lang, "theme_placeholder"))
        )

    def action_command_palette(self) -> None:
        """The command palette, with a placeholder in the board's language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self._offer_readable_themes()
            placeholder = tr(self.lang, "palette_placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette entries, named in the board's language (quit and help are ours)."""
        lang = self.lang
        yield SystemCommand(tr(lang, "help_theme"), "", self.action_change_theme)
        yield SystemCommand(tr(lang, "help_keys_panel"), "", self.action_toggle_keys_panel)
        yield SystemCommand(
            tr(lang, "help_screenshot"), "", lambda: self.set_timer(0.1, self.deliver_screenshot)
        )

    def action_toggle_keys_panel(self) -> None:
        """Textual's key panel for the focused widget, on or off."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # -- lifecycle -------------------------------------------------------------------
    def get_default_screen(self) -> Screen:
        """The board is the bottom screen."""
        return self.board

    def on_mount(self) -> None:
        """Start the writer thread and polling; settle the theme."""
        self._theme_loaded = True
        if self._unknown_theme:
            self.notify(
                tr(
                    self.lang,
                    "unreadable_theme" if self._unreadable_theme else "unknown_theme",
                    name=self._unknown_theme,
                    fallback=self.theme,
                ),
                severity="warning",
            )
        self._store_writer()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self._poll)
        self.call_after_refresh(self._settle_collector)

    def _settle_collector(self) -> None:
        # The loaded board (parsed file, tasks, columns) lives as long as the
        # app; moving it out of the collector's sight stops full collections
        # from rescanning 10,000 tasks in the middle of a key press.  No
        # collection first: at 10,000 tasks it cost ~50 ms of the start to find a
        # few hundred objects.  The command line starts with the collector off
        # (taskboard/start.py); it is needed from the first frame on.
        gc.freeze()
        gc.enable()

    @work(thread=True, name="store-writer", group="store", exit_on_error=False)
    def _store_writer(self) -> None:
        # One long-lived thread runs every store job in order (see gateway.py).
        worker = get_current_worker()
        self.gateway.serve(self._deliver, stop=lambda: worker.is_cancelled)

    def _deliver(self, reply: Reply) -> None:
        # Typed by outcome (Moved, Failed…), posted from this worker thread to the board.
        self.board.post_message(reply_message(reply))

    def _poll(self) -> None:
        # Skip while writes are queued: they reload what others wrote anyway.
        if not self.gateway.busy:
            self.gateway.submit(Op.REFRESH, None, _refresh)

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies); say which key does, in the board's language."""
        quits = [k for k, b in self.active_bindings.items() if b.binding.action in ("quit", "app.quit")]
        key = min(quits, key=len, default="q")  # q rather than ctrl+q
        self.notify(tr(self.lang, "quit_hint", keys=key), title=tr(self.lang, "quit_title"), markup=False)

    async def action_quit(self) -> None:
        """Quit once queued writes are saved."""
        self.gateway.close()
        self.exit()

    def action_help(self) -> None:
        """Every key, in a dialog."""
        from .screens.help_screen import HelpScreen  # imported when first opened (board_screen.py)

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def on_unmount(self) -> None:
        """Let the writer finish what is queued, then stop; hand the board back to the
        garbage collector (tests run many apps in one process)."""
        self.gateway.close()
        gc.unfreeze()


def _refresh(store: TaskStore) -> list | None:
    """Pick up other processes' commits; the reply's change feed carries them.

    Only a file that changed without a revision (rewritten by hand, restored
    from a backup) is reloaded whole: the feed cannot describe that.
    """
    before = store.revision
    if store.refresh() and store.revision <= before:
        return store.all(archived=None)
    return None
