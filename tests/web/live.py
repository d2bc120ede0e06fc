"""Two browser tabs and one terminal on one PostgreSQL board: how soon each sees the others' moves.

Shared by ``tests/web/test_live_pg.py`` (which asserts the figure) and
``bench/live.py`` (which prints it).  The tabs are the websocket clients the
served-board tests use, talking to a real ``taskboard serve`` (one board
process per tab); the terminal is the board app run headless in this process.
Each of the three in turn presses ``]`` (move the card under the cursor one
column right; ``[`` back in even rounds); the others are watched until they show it:

- a tab shows it when its stream draws the destination column's new title
  (``进行中 3``: the column's card count, redrawn as the card lands in it);
- the terminal shows it when the destination column widget holds the card.

Latencies are measured from the commit (the moment this process receives the
board's own NOTIFY for it, as every board does) and from the key press.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import re
import statistics
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date

import aiohttp
import orjson
import psycopg

from taskboard.model import Status
from taskboard.store import TaskStore
from taskboard.store.pg_migrations import CHANNEL
from taskboard.ui import create_app
from tests.web.conftest import IMPORTER, board_task, make_server, running, websocket_url

SOURCE = "002_某区优化营商环境三年行动方案.txt"
TODAY = date(2023, 6, 30)
# Four cards in 未开始, so whichever card a cursor lands on after a colleague's
# move, `]` always has a card to move.
ROWS = [
    ("1", "推行涉企经营许可事项清单管理", "区市场监管局", Status.NOT_STARTED),
    ("2", "开展营商环境第三方评估", "区发改委", Status.NOT_STARTED),
    ("3", "推进工程建设项目审批提速", "区住建局", Status.NOT_STARTED),
    ("4", "优化水电气暖报装服务", "区城管局", Status.NOT_STARTED),
    ("5", "完善惠企政策直达机制", "区财政局", Status.IN_PROGRESS),
    ("6", "完成政务服务事项“一网通办”", "区政务服务中心", Status.DONE),
]
TABS = ("张三", "李四（区发改委）")
TERMINAL = "终端"
START_TIMEOUT = 40.0  # a board process starts in 1-3 s; a loaded machine gets slack, never a hang
SEEN_TIMEOUT = 10.0  # far past the 1 s figure: a miss is reported with its time, not as a hang


@dataclass(frozen=True)
class Seen:
    """One board showing one move made on another."""

    mover: str
    viewer: str
    task: str
    from_commit: float  # seconds
    from_key: float


def seed(url: str) -> None:
    """Put the six cards above on the (empty) board at ``url``."""
    tasks = [
        board_task(SOURCE, number, title, [lead], date(2023, 9, 30), status, deadline_text="9月底前")
        for number, title, lead, status in ROWS
    ]
    store = TaskStore(url, who=IMPORTER)
    store.import_tasks(SOURCE, tasks)
    store.records.close()


class TabStream:
    """One browser tab's websocket, read continuously; when each piece of the screen arrived."""

    def __init__(self, name: str, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.name = name
        self.ws = ws
        self.screen = ""
        self._arrivals: list[tuple[int, float]] = []  # (screen length after a chunk, when it came)
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._grew = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for msg in self.ws:
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.screen += self._decoder.decode(msg.data)
                self._arrivals.append((len(self.screen), time.monotonic()))
                self._grew.set()
        self._grew.set()

    def mark(self) -> int:
        """A place in the stream: :meth:`drawn_at` looks only at what came after it."""
        return len(self.screen)

    async def drawn_at(self, needle: str, since: int, timeout: float) -> float:
        """When ``needle`` (not followed by a digit) was first drawn after ``since`` (monotonic seconds)."""
        pattern = re.compile(re.escape(needle) + r"(?!\d)")
        deadline = time.monotonic() + timeout
        while True:
            found = pattern.search(self.screen, since)
            if found:
                return next(t for length, t in self._arrivals if length >= found.end())
            if self._reader.done():
                raise AssertionError(f"tab {self.name} closed before drawing {needle!r}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"tab {self.name} did not draw {needle!r} within {timeout:.0f} s: {self.screen[-200:]!r}"
                )
            self._grew.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._grew.wait(), left)

    async def press(self, keys: str) -> None:
        """Type ``keys`` as xterm.js in the page would send them."""
        await self.ws.send_json(["stdin", keys])

    async def close(self) -> None:
        """Stop reading and close the websocket (the server then ends the tab's board)."""
        await self.ws.close()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


class Commits:
    """This process's LISTEN on the board's channel: when each commit was announced."""

    def __init__(self, conn: psycopg.AsyncConnection) -> None:
        self.conn = conn
        self.at: dict[int, float] = {}
        self._arrived = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for note in self.conn.notifies():
            self.at[int(note.payload)] = time.monotonic()
            self._arrived.set()

    async def after(self, seq: int, timeout: float) -> int:
        """Wait for a commit numbered above ``seq``; return its number."""
        deadline = time.monotonic() + timeout
        while not any(s > seq for s in self.at):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no commit within {timeout:.0f} s of the key press")
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), left)
        return min(s for s in self.at if s > seq)

    async def stop(self) -> None:
        """Stop listening."""
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader


async def _moved(conn: psycopg.AsyncConnection, seq: int) -> tuple[str, Status, int]:
    """The task commit ``seq`` moved, where to, and how many cards that column now holds."""
    cur = await conn.execute("SELECT data::text FROM history WHERE seq = %s", (seq,))
    rows = [orjson.loads(data) for (data,) in await cur.fetchall()]
    move = next(r for r in rows if r.get("action") == "move")
    status = Status(move["new"])
    cur = await conn.execute(
        "SELECT count(*) FROM tasks WHERE NOT deleted AND data->>'status' = %s "
        "AND coalesce(data->>'archived', '') = ''",
        (status.value,),
    )
    (count,) = await cur.fetchone()
    return move["task"], status, int(count)


async def _terminal_shows(app, task: str, status: Status, timeout: float) -> float:
    """When the terminal board's column ``status`` holds ``task`` (polled every 10 ms)."""
    deadline = time.monotonic() + timeout
    while not any(t.id == task for t in app.board.columns[status].cards):
        if time.monotonic() > deadline:
            raise AssertionError(f"the terminal did not show {task} in {status.zh} within {timeout:.0f} s")
        await asyncio.sleep(0.01)
    return time.monotonic()


@contextlib.asynccontextmanager
async def _tab(http: aiohttp.ClientSession, base: str, name: str) -> AsyncIterator[TabStream]:
    async with http.get(base + "/", params={"name": name}) as page:
        assert page.status == 200
        url = websocket_url(await page.text())
    ws = await http.ws_connect(f"{url}?width=120&height=36")
    tab = TabStream(name, ws)
    try:
        yield tab
    finally:
        await tab.close()


async def measure(url: str, *, rounds: int = 1, settle: float = 2.5,
                  progress: Callable[[Seen], None] | None = None) -> list[Seen]:
    """Serve the board at ``url`` (seeded here), open two tabs and a terminal, and time ``rounds``
    rounds of one move each; return every viewer's sighting of every move."""
    seed(url)
    seen: list[Seen] = []
    listener = await psycopg.AsyncConnection.connect(url, autocommit=True)
    await listener.execute(f"LISTEN {CHANNEL}")
    commits = Commits(listener)
    reader = await psycopg.AsyncConnection.connect(url, autocommit=True)
    store = TaskStore(url, who="王五@终端")
    app = create_app(store, today=TODAY, lang="zh")  # the terminal board's own poll interval
    try:
        async with (
            running(make_server(url)) as base,  # type: ignore[arg-type]
            aiohttp.ClientSession() as http,
            _tab(http, base, TABS[0]) as first,
            _tab(http, base, TABS[1]) as second,
            app.run_test(size=(120, 40)) as pilot,
        ):
            tabs = {TABS[0]: first, TABS[1]: second}
            for tab in tabs.values():
                await tab.drawn_at(ROWS[0][1], 0, START_TIMEOUT)  # the board has drawn its cards
            await pilot.pause()

            async def press(mover: str, key: str) -> None:
                if mover == TERMINAL:
                    await pilot.press(key)
                else:
                    await tabs[mover].press(key)

            for round_ in range(rounds):
                # A board's cursor follows the card it moved: `]` then `[` moves it
                # there and back, so no board's cursor ends up stuck in the last column.
                key = "[" if round_ % 2 else "]"
                for mover in (*TABS, TERMINAL):
                    await asyncio.sleep(settle)  # let every board settle (and toasts go)
                    last = max(commits.at, default=0)
                    marks = {name: tab.mark() for name, tab in tabs.items()}
                    pressed = time.monotonic()
                    await press(mover, key)
                    seq = await commits.after(last, SEEN_TIMEOUT)
                    committed = commits.at[seq]
                    task, status, count = await _moved(reader, seq)
                    title = f"{status.zh} {count}"  # the column's new title
                    waits = {
                        name: tab.drawn_at(title, marks[name], SEEN_TIMEOUT)
                        for name, tab in tabs.items()
                        if name != mover
                    }
                    if mover != TERMINAL:
                        waits[TERMINAL] = _terminal_shows(app, task, status, SEEN_TIMEOUT)
                    times = await asyncio.gather(*waits.values())
                    for viewer, at in zip(waits, times, strict=True):
                        sighting = Seen(mover, viewer, task, at - committed, at - pressed)
                        seen.append(sighting)
                        if progress:
                            progress(sighting)
    finally:
        store.records.close()
        await commits.stop()
        await listener.close()
        await reader.close()
    return seen


def summary(seen: list[Seen]) -> str:
    """The figure in lines: per mover → viewer pair, and over all (median and max)."""
    lines = []
    pairs: dict[tuple[str, str], list[Seen]] = {}
    for s in seen:
        pairs.setdefault((s.mover, s.viewer), []).append(s)

    def fig(xs: list[Seen]) -> str:
        commit = [s.from_commit * 1000 for s in xs]
        key = [s.from_key * 1000 for s in xs]
        return (
            f"from commit median {statistics.median(commit):6.0f} ms, max {max(commit):6.0f} ms; "
            f"from key press max {max(key):6.0f} ms"
        )

    for (mover, viewer), xs in pairs.items():
        lines.append(f"  {mover} → {viewer}: {fig(xs)} ({len(xs)} moves)")
    lines.append(f"  all {len(seen)} sightings: {fig(seen)}")
    return "\n".join(lines)
