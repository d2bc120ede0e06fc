"""Fixtures for the served board: a small Chinese board and a server on a free loopback port."""

from __future__ import annotations

import asyncio
import codecs
import json
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, redirect_stdout
from datetime import date
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from taskboard.cli.context import Context
from taskboard.cli.main import build_parser, main
from taskboard.cli.serve import board_argv
from taskboard.model import DeadlineKind, Status, Task, task_id
from taskboard.store import TaskStore
from taskboard.web import BoardServer

SOURCE = "001_某区优化营商环境工作要点.txt"
IMPORTER = "导入员@办公室"
# Exactly one card is 未开始, so it is the card the board's cursor starts on.
ROWS = [
    ("1", "推行涉企经营许可事项清单管理", ["区市场监管局"], date(2023, 7, 10), Status.NOT_STARTED),
    ("2", "开展营商环境第三方评估", ["区发改委"], date(2023, 9, 30), Status.IN_PROGRESS),
    ("3", "完成政务服务事项“一网通办”", ["区政务服务中心"], date(2023, 5, 31), Status.DONE),
]
FIRST = task_id(SOURCE, "1")
TIMEOUT = 40.0  # a board process starts in 1-3 s; a loaded CI machine gets slack, never a hang


def board_task(
    source: str,
    number: str,
    title: str,
    leads: list[str],
    deadline: date,
    status: Status,
    *,
    deadline_text: str = "",
    section: str = "",
) -> Task:
    """One fixture card as the importer would make it (``deadline_text`` defaults to ``M月D日前``)."""
    return Task(
        id=task_id(source, number),
        source=source,
        number=number,
        title=title,
        text=f"{title}。由{'、'.join(leads)}牵头，按时完成。",
        section=section,
        lead_units=leads,
        deadline=deadline,
        deadline_text=deadline_text or f"{deadline.month}月{deadline.day}日前",
        deadline_kind=DeadlineKind.EXPLICIT,
        status=status,
    )


@pytest.fixture
def db(tmp_path) -> Path:
    """A database holding the three tasks above, imported by someone other than the browser user."""
    path = tmp_path / "board.json"
    store = TaskStore(path, who=IMPORTER, now=lambda: "2023-06-01T09:00:00+00:00")
    tasks = [board_task(SOURCE, *row, section="一、深化“放管服”改革") for row in ROWS]
    store.import_tasks(SOURCE, tasks)
    return path


def cli_json(*argv: str) -> object:
    """What ``taskboard ARGV --json`` prints, parsed (the interface tools use)."""
    out = StringIO()
    with redirect_stdout(out):
        code = main([*argv, "--json"])
    assert code == 0, out.getvalue()
    return json.loads(out.getvalue())


def make_server(db: Path, *serve_args: str, host: str = "127.0.0.1", token: str | None = None) -> BoardServer:
    """A BoardServer configured exactly as ``taskboard --db DB serve SERVE_ARGS`` would configure it."""
    args = build_parser().parse_args(["--db", str(db), "--lang", "zh", "serve", *serve_args])
    ctx = Context(args)
    return BoardServer(
        board_argv(ctx, args), host=host, port=0, token=token, read_only=bool(args.read_only), lang="zh"
    )


@asynccontextmanager
async def running(server: BoardServer) -> AsyncIterator[str]:
    """Serve on a free 127.0.0.1 port (whatever host the server is configured for); yield its base URL."""
    async with TestServer(await server.make_app(), host="127.0.0.1") as test_server:
        yield str(test_server.make_url("")).rstrip("/")


class Tab:
    """One browser tab's websocket: what the board draws, and keys typed into it."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.screen = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    async def wait_for(self, needle: str, timeout: float = TIMEOUT) -> None:
        """Read the board's output until ``needle`` has been drawn; fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while needle not in self.screen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{needle!r} never drawn; last output: {self.screen[-300:]!r}")
            try:
                msg = await self.ws.receive(timeout=left)
            except TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.screen += self._decoder.decode(msg.data)
            elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                raise AssertionError(f"the board closed before drawing {needle!r}: {self.screen[-300:]!r}")

    async def press(self, keys: str) -> None:
        """Type ``keys`` as xterm.js in the page would send them."""
        await self.ws.send_json(["stdin", keys])


def websocket_url(page: str) -> str:
    """The session websocket the board page tells textual.js to open."""
    found = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


@asynccontextmanager
async def open_tab(http: aiohttp.ClientSession, base: str, name: str | None) -> AsyncIterator[Tab]:
    """Open the board page (as ``name``) and its websocket, as the browser does; close it after."""
    query = f"/?name={quote(name)}" if name is not None else "/"
    async with http.get(base + query) as page:
        assert page.status == 200
        url = websocket_url(await page.text())
    async with http.ws_connect(f"{url}?width=120&height=36") as ws:
        yield Tab(ws)


async def wait_until(condition, timeout: float = 15.0) -> None:
    """Poll ``condition()`` (it reads the database through the CLI) until true; fail after ``timeout``.

    Sleeps on the event loop, so the server keeps relaying the boards meanwhile.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the database")
        await asyncio.sleep(0.2)
