"""Benchmark the kanban board as a person feels it: start, card moves, filters, memory.

    .venv/bin/python bench/board.py --tasks 1000,10000,50000 --sizes 160x45,200x60

(in the test environment: the terminal emulator, pyte, is one of the test tools)

For each board size a child process writes a database of N synthetic Chinese
tasks with 10 history rows each (bench/synthetic.py; not timed).  Then:

* start → whole board painted: the real ``taskboard`` command runs in a
  pseudo-terminal of the given size under a fixed ``--today``, its output played
  into a terminal emulator (pyte); the clock runs from just before the process is
  started to the moment that screen shows the whole board: the three column titles
  with their card counts, the filter bar's count and the footer's keys.
* start → output settles: to the end of the output burst the board is part of
  (Textual repaints the whole screen a few times just after its start).
* memory: the peak RSS (VmHWM) of that process after the board is painted and
  a card was moved there and back.
* the keys, in this process with Textual's headless driver, timed by the app
  itself: every frame the compositor hands to the terminal passes through
  ``App._display``, which we wrap to note the time and whether the frame shows
  the change.

  - key → repainted: from the ``]`` / ``[`` key to the first frame showing the
    card in its new column with the cursor on it;
  - key → idle: to the end of the last frame after the store's reply landed
    (the card's saved version on the board), i.e. the second repaint included;
  - key → repainted, UI thread CPU: the CPU time the app's thread spent from the
    key to that frame: the work itself, whatever else the machine is running
    (wall times on a shared, loaded machine are mostly waiting for a core);
  - lead-unit filter: a unit typed in the ``f`` picker, from ``enter`` to the
    first frame of the filtered board;
  - overdue filter ``o`` (on and off) and search ``/`` (each character typed):
    key to the first frame showing the new selection.

Medians; the last line says how many of the targets beside the figures were met.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import select
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from common import build_in_child, start_in_terminal, watch_frames
from synthetic import AS_OF as TODAY

Probe = Callable[[], bool]


@dataclass
class Row:
    """One line of the table: a figure and its target (None: reported, no target)."""

    metric: str
    size: str
    figure: float
    unit: str
    target: float | None = None

    @property
    def met(self) -> bool | None:
        """Whether the figure is within its target."""
        return None if self.target is None else self.figure <= self.target


@dataclass
class Frames:
    """Times of the frames painted, and of the first frame for which ``probe`` held."""

    times: list[float] = field(default_factory=list)
    probe: Probe | None = None
    hit: float | None = None
    hit_cpu: float = 0.0  # this thread's CPU time at the hit


# -- the whole process in a pseudo-terminal --------------------------------------------
def _whole_board(path: Path) -> list[str]:
    """What the screen shows once the whole board is painted: the three column titles
    with their counts, the count in the filter bar and the footer's keys."""
    from taskboard.model import Status
    from taskboard.store import TaskStore
    from taskboard.ui.i18n import tr

    tasks = TaskStore(path, who="bench@host").all()
    count = {s: sum(t.status is s for t in tasks) for s in Status}
    titles = [tr("zh", "column_title", label=s.label("zh"), count=count[s]) for s in Status]
    shown = tr("zh", "shown", shown=len(tasks), total=len(tasks))
    return [*titles, shown, f"? {tr('zh', 'key_help')}", f"q {tr('zh', 'key_quit')}"]


def _read(fd: int, timeout: float) -> bytes | None:
    """What the terminal received within ``timeout`` seconds (b"" for nothing, None at its end)."""
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 1 << 16) or None
    except OSError:  # the process closed the terminal
        return None


def _rss_mb(pid: int) -> float:
    """The peak resident memory of process ``pid``, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_to_paint(path: Path, size: tuple[int, int], home: Path) -> tuple[float, float, float]:
    """Seconds from starting ``taskboard`` to the whole board on the terminal's screen, and to
    the end of the output burst it is part of; the process's peak RSS in MB.

    The output is played into a terminal emulator (pyte), so "painted" is the moment the
    screen a person looks at shows the whole board, not when some bytes went by.  Textual
    repaints an already whole screen a few times after its start (the screen resuming, the
    driver's first resize): those frames change nothing seen, and the second figure
    includes them.
    """
    import compileall

    import pyte

    import taskboard

    whole = _whole_board(path)
    # Bytecode as an installed taskboard has it (pip compiles at install): with
    # PYTHONDONTWRITEBYTECODE set, an editable install would compile every module of
    # the start from source at every start (~0.07 s), which no user's start does.
    compileall.compile_dir(Path(taskboard.__file__).parent, quiet=1)
    exe = Path(sys.executable).with_name("taskboard")
    cmd = [str(exe), "--db", str(path), "--today", TODAY.isoformat(), "--lang", "zh", "--theme", "dark"]
    screen = pyte.Screen(*size)
    stream = pyte.ByteStream(screen)
    t0 = time.perf_counter()
    proc, main = start_in_terminal(cmd, size, home)
    painted: float | None = None
    titles = [text.encode() for text in whole[:3]]
    seen = b""
    chunks: list[tuple[float, bytes]] = []  # what the terminal received, and when
    fed = 0
    try:
        deadline = t0 + 60
        while painted is None and time.perf_counter() < deadline:
            started = all(t in seen for t in titles)
            chunk = _read(main, 0.05 if started else 1.0)
            if chunk is None:
                raise RuntimeError(f"taskboard exited before painting: {seen[-500:]!r}")
            if chunk:
                chunks.append((time.perf_counter(), chunk))
                seen += chunk
            elif started:
                # A quiet moment: play what came into the emulator (here, not while
                # reading, so its work is not timed) and find when the board was whole.
                for at, data in chunks[fed:]:
                    stream.feed(data)
                    if painted is None and all(text in "\n".join(screen.display) for text in whole):
                        painted = at
                fed = len(chunks)
        if painted is None:
            raise RuntimeError("the board never showed whole: " + "\n".join(screen.display))
        settled = chunks[-1][0]
        for key in (b"]", b"["):  # a move there and back, then the memory it peaked at
            os.write(main, key)
            time.sleep(0.3)
            while _read(main, 0.05):
                pass
        rss = _rss_mb(proc.pid)
        os.write(main, b"q")
        end = time.perf_counter() + 10
        while proc.poll() is None and time.perf_counter() < end:
            _read(main, 0.05)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(main)
    return painted - t0, settled - t0, rss


# -- keys, headless, timed by the app --------------------------------------------------
async def keys(path: Path, size: tuple[int, int], moves: int) -> dict[str, list[float]]:
    """Press the keys on the real app, headless; the times of each kind, in seconds."""
    from taskboard.services import open_store
    from taskboard.ui import create_app

    app = create_app(open_store(path, seed=False), today=TODAY, lang="zh", theme="dark")
    frames = Frames()

    def painted(now: float) -> None:
        frames.times.append(now)
        if frames.hit is None and frames.probe is not None and frames.probe():
            frames.hit, frames.hit_cpu = now, time.thread_time()

    watch_frames(app, painted)
    out: dict[str, list[float]] = {
        "repainted": [],
        "cpu": [],
        "idle": [],
        "lead": [],
        "overdue": [],
        "search": [],
    }

    async def _saved(board, task, out: list[float]) -> None:
        """Note when the store's reply brings the moved card's saved version onto the board."""
        while (now := board.model.task(task.id)) is None or now.revision == task.revision:
            await asyncio.sleep(0.0002)
        out.append(time.perf_counter())

    async def timed(pilot, key: str, probe: Probe) -> float:
        """Press ``key``; seconds to the first frame for which ``probe`` holds."""
        frames.probe, frames.hit = probe, None
        cpu0 = time.thread_time()
        t0 = time.perf_counter()
        await pilot.press(key)
        while frames.hit is None:
            if time.perf_counter() - t0 > 10:
                raise RuntimeError(f"no frame showed the effect of {key!r}")
            await asyncio.sleep(0.0005)
        frames.probe = None
        out["cpu"].append(frames.hit_cpu - cpu0)
        return frames.hit - t0

    async with app.run_test(size=size) as pilot:
        board = app.board
        while not frames.times:
            await asyncio.sleep(0.001)
        await pilot.pause(0.3)
        moves_cpu: list[float] = []
        for i in range(moves):
            task = board.current_task
            assert task is not None, "the first column is empty"
            forward = i % 2 == 0
            target = task.status.next() if forward else task.status.previous()

            def moved(tid=task.id, target=target) -> bool:
                column = board.current_column
                return column.status is target and column.current is not None and column.current.id == tid

            saved: list[float] = []
            watch = asyncio.create_task(_saved(board, task, saved))
            t0 = time.perf_counter()
            key = "right_square_bracket" if forward else "left_square_bracket"
            out["repainted"].append(await timed(pilot, key, moved))
            moves_cpu.append(out["cpu"][-1])
            await asyncio.wait_for(watch, 10)
            await pilot.pause()
            out["idle"].append(max(saved[0], frames.times[-1]) - t0)
            await pilot.pause(0.05)
        for unit in ("区发改委", "区财政局", "区市场监管局", "区住建局", "区人社局", "区商务局"):
            await pilot.press("f")
            await pilot.pause()
            await pilot.press(*unit)
            await pilot.pause()
            out["lead"].append(
                await timed(
                    pilot, "enter", lambda u=unit: app.screen is board and board.model.filters.leads == {u}
                )
            )
            await pilot.pause(0.05)
            await pilot.press("escape")  # clears the filter
            await pilot.pause(0.05)
        for i in range(6):
            out["overdue"].append(
                await timed(pilot, "o", lambda on=i % 2 == 0: board.model.filters.overdue is on)
            )
            await pilot.pause(0.05)
        await pilot.press("slash")
        await pilot.pause()
        typed = ""
        for char in "营商环境":
            typed += char
            out["search"].append(await timed(pilot, char, lambda q=typed: board.model.filters.query == q))
            await pilot.pause(0.05)
        await pilot.press("escape")
        await pilot.pause()
    app.gateway.drain()
    out["cpu"] = moves_cpu
    return out


# -- the table -------------------------------------------------------------------------
def measure(n: int, sizes: list[tuple[int, int]], moves: int, history: int, starts: int) -> list[Row]:
    """Every figure for a board of ``n`` tasks."""
    rows: list[Row] = []
    tenk = n == 10_000
    small = n <= 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        t0 = time.perf_counter()
        build_in_child(path, n, history)
        print(f"# {n} tasks, {history} history rows each: {path.stat().st_size / 1e6:.1f} MB, built in "
              f"{time.perf_counter() - t0:.1f} s (not timed)", flush=True)  # fmt: skip
        for size in sizes:
            label = f"{n // 1000}k {size[0]}x{size[1]}"
            runs = [start_to_paint(path, size, Path(tmp)) for _ in range(starts)]
            # Every start, not only the median: on a shared machine they spread by ±15 %.
            print(f"# {label} starts (s): " + " ".join(f"{r[0]:.2f}" for r in runs), flush=True)
            painted = statistics.median(r[0] for r in runs)
            rows.append(Row("start → whole board painted", label, painted, "s", 0.6 if tenk else None))
            settled = statistics.median(r[1] for r in runs)
            rows.append(Row("start → output settles", label, settled, "s"))
            rows.append(Row("memory (peak RSS)", label, max(r[2] for r in runs), "MB", 150 if tenk else None))
            times = asyncio.run(keys(path, size, moves))
            med = {k: statistics.median(v) * 1000 for k, v in times.items()}
            rows.append(Row("key → repainted (] [)", label, med["repainted"], "ms", 16 if small else None))
            rows.append(Row("key → idle (] [)", label, med["idle"], "ms", 25 if small else None))
            rows.append(Row("key → repainted, UI thread CPU", label, med["cpu"], "ms"))
            rows.append(Row("lead-unit filter (f)", label, med["lead"], "ms", 50 if tenk else None))
            rows.append(Row("overdue filter (o)", label, med["overdue"], "ms"))
            rows.append(Row("search (/ 营商环境)", label, med["search"], "ms"))
            for row in rows[-9:]:
                print(_line(row), flush=True)
    return rows


def _line(row: Row) -> str:
    figure = f"{row.figure:.2f} {row.unit}" if row.unit == "s" else f"{row.figure:.1f} {row.unit}"
    target = "—" if row.target is None else f"≤ {row.target:g} {row.unit}"
    met = "—" if row.met is None else "yes" if row.met else "NO"
    return f"| {row.metric} | {row.size} | {figure} | {target} | {met} |"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build each board, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--tasks", default="1000,10000", help="board sizes, comma-separated (default 1000,10000)"
    )
    parser.add_argument("--sizes", default="160x45,200x60", help="terminal sizes WxH (default 160x45,200x60)")
    parser.add_argument("--moves", type=int, default=20, help="card moves to time per size (default 20)")
    parser.add_argument("--history", type=int, default=10, help="history rows per task (default 10)")
    parser.add_argument("--starts", type=int, default=9, help="process starts to time per size (default 9)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    # The board remembers its filters and theme: in a folder of ours, not the user's settings.
    settings = tempfile.TemporaryDirectory()
    os.environ["XDG_CONFIG_HOME"] = settings.name
    print("| metric | size | figure | target | met |\n| --- | --- | --- | --- | --- |", flush=True)
    rows: list[Row] = []
    for n in (int(v) for v in args.tasks.split(",")):
        rows += measure(n, sizes, args.moves, args.history, args.starts)  # type: ignore[arg-type]
    judged = [r for r in rows if r.met is not None]
    print(f"targets: {sum(bool(r.met) for r in judged)}/{len(judged)} met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
