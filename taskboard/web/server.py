"""textual-serve's Server with an access guard and a name for every browser tab."""

from __future__ import annotations

import asyncio
import logging
import shlex
import signal
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from aiohttp.abc import AbstractAccessLogger
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from ..catalogue import LANGS, say
from .access import make_guard
from .sessions import BadName, SessionKeys, check_name

log = logging.getLogger("taskboard.web")
TEMPLATES = Path(__file__).parent / "templates"
# Seconds a board gets to save and exit after its tab closed, before it is killed.
QUIT_GRACE = 10.0

# What the name form says (the catalogue's web.* keys); the reason codes come from check_name.
_TEXT_KEYS = ("title", "prompt", "open", "empty", "control", "long", "ended", "restart")
TEXTS = {lang: {name: say(lang, f"web.{name}") for name in _TEXT_KEYS} for lang in LANGS}


class _PathOnlyLog(AbstractAccessLogger):
    """One line per request, path without query string: ``?token=`` never reaches a log."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info("%s %s %s %s", request.remote, request.method, request.path, response.status)


class _BoardService(AppService):
    """textual-serve's AppService that also reaps its board process when the tab goes."""

    async def stop(self) -> None:
        """Ask the board to quit (it saves what it queued), then wait; kill one that hangs."""
        await super().stop()
        process = self._process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE)
        except TimeoutError:
            process.kill()
            await process.wait()


class BoardServer(Server):
    """Serve ``board_argv`` (a ``taskboard`` command line) to browsers, one process per tab.

    ``token`` None serves without one; the caller decides when that is allowed
    (only on a loopback address). Each tab's process gets ``--as=NAME`` with the
    name its user typed; ``read_only`` boards need no name, since they write nothing.
    """

    def __init__(
        self,
        board_argv: list[str],
        *,
        host: str,
        port: int,
        token: str | None,
        read_only: bool = False,
        lang: str = "zh",
        banner: tuple[str, ...] = (),
    ) -> None:
        super().__init__(shlex.join(board_argv), host=host, port=port, title="taskboard")
        self.board_argv = list(board_argv)
        self.token = token
        self.read_only = read_only
        self.lang = lang if lang in TEXTS else "en"
        self.banner = banner
        self.sessions = SessionKeys()
        self._sockets: set[web.WebSocketResponse] = set()

    def command_for(self, name: str | None) -> str:
        """The shell command that runs one tab's board, recording ``name`` as its author."""
        # "--as=NAME" in one word, so a name starting with "-" cannot read as an option;
        # shlex.join quotes it for the shell textual-serve starts the command with.
        return shlex.join([*self.board_argv, *([f"--as={name}"] if name else [])])

    def initialize_logging(self) -> None:
        """Plain log lines: textual-serve's rich tracebacks print local variables (the token)."""
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")

    def serve(self, debug: bool = False) -> None:
        """Listen until Ctrl+C or SIGTERM; request lines are logged without their query (the token)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self.announce,  # aiohttp calls it once the sockets listen
            access_log_class=_PathOnlyLog,
        )

    async def make_app(self) -> web.Application:
        """The aiohttp application: textual-serve's routes behind the access guard."""
        return await self._make_app()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(make_guard(self.token))
        # Our own pages (autoescaped); textual-serve's loads its font from Google.
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES))
        app.router.add_get("/ws/{key}", self.handle_session, name="session")
        return app

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's websocket, so each board quits (saving first) and the server can exit.

        aiohttp otherwise waits for open websockets until its shutdown timeout.
        """
        for websocket in list(self._sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints its logo here, before the port is even bound."""

    def announce(self, *_: object) -> None:
        """Print the banner once listening (plain text: it holds paths and the token, never markup)."""
        for line in self.banner:
            print(line, flush=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """Ask for the user's name, or serve the board page with a one-time session key."""
        texts = TEXTS[self.lang]
        raw = request.query.get("name")
        try:
            name = check_name(raw) if raw is not None or not self.read_only else None
        except BadName as exc:
            status = 200 if raw is None else 400
            context = {"t": texts, "error": None if raw is None else texts[str(exc)], "value": raw or ""}
            return aiohttp_jinja2.render_template("name.html", request, context, status=status)
        key = self.sessions.issue(name or "")
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "t": texts,
            "title": f"{texts['title']} · {name}" if name else texts["title"],
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "websocket_url": f"{scheme}://{request.host}/ws/{key}",
        }
        return aiohttp_jinja2.render_template("board.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The bare ``/ws`` of textual-serve would run a board without a name: not served."""
        raise web.HTTPNotFound(text="taskboard: open the board from its page\n")

    async def handle_session(self, request: web.Request) -> web.StreamResponse:
        """Run one tab's board process and relay it over the websocket (as textual-serve does)."""
        origin = request.headers.get("Origin")
        if origin and origin.split("://", 1)[-1] != request.host:
            # A page from another site may open websockets here; it gets nothing.
            raise web.HTTPForbidden(text="taskboard: cross-site websocket refused\n")
        name = self.sessions.take(request.match_info["key"])
        if name is None:
            raise web.HTTPForbidden(text="taskboard: session expired, reload the page\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: _BoardService | None = None
        try:
            await websocket.prepare(request)
            self._sockets.add(websocket)
            service = _BoardService(
                self.command_for(name or None),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken tab must never take the server down
            log.exception(error)
        finally:
            self._sockets.discard(websocket)
            if service is not None:
                # Tells the board to quit; its writer saves what was queued first.
                await service.stop()
        return websocket
