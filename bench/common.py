"""What several bench scripts share: this checkout first on ``sys.path``, a PostgreSQL database
from ``--url`` or a throwaway cluster, a synthetic board built in a child process, frame times."""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This checkout's taskboard (and tests.pg, tests.web), before any installed one.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def add_url_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--url`` option of the scripts that can run on PostgreSQL."""
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a throwaway local cluster)")


@contextlib.contextmanager
def databases(url: str | None) -> Iterator[Callable[[str], str]]:
    """A factory of database URLs by name: ``url`` itself, or new ones on a throwaway durable cluster."""
    if url:
        yield lambda name: url
        return
    from tests.pg import Cluster

    cluster = Cluster(durable=True).start()
    try:
        yield cluster.create_database
    finally:
        cluster.stop()


def build_in_child(path: Path, n: int, history: int = 1) -> None:
    """Write the synthetic board (bench/synthetic.py) in a child process, so its memory and
    imports stay out of the figures of this one."""
    code = "import sys; from synthetic import build_db; build_db(sys.argv[1], *map(int, sys.argv[2:]))"
    cwd = Path(__file__).resolve().parent
    subprocess.run([sys.executable, "-c", code, str(path), str(n), str(history)], cwd=cwd, check=True)


def start_in_terminal(
    cmd: list[str], size: tuple[int, int], home: Path, **env: str
) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``cmd`` in a new pseudo-terminal of ``size`` (columns, rows), as a person's
    terminal would run it: Chinese locale, 256 colours, settings and data under ``home``
    (never the user's).  Returns the process and the terminal's end to read its screen from."""
    settings = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_DATA_HOME": str(home / "data")}  # fmt: skip
    full_env = dict(os.environ, **settings, TERM="xterm-256color", LANG="zh_CN.UTF-8", **env)
    full_env.pop("TEXTUAL", None)
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    proc = subprocess.Popen(cmd, stdin=child, stdout=child, stderr=child, env=full_env,
                            start_new_session=True)  # fmt: skip
    os.close(child)
    return proc, main


def watch_frames(app, on_frame: Callable[[float], None]) -> None:
    """Call ``on_frame(time)`` for every frame the compositor hands to the terminal (``App._display``)."""
    original = app._display

    def display(screen, renderable):
        if renderable is not None:
            on_frame(time.perf_counter())
        return original(screen, renderable)

    app._display = display
