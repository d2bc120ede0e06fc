"""`taskboard serve` as people start it: the printed address, the generated token, one-line errors."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from taskboard.cli import main
from tests.web.conftest import ROWS, open_tab


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code


def wait_listening(port: int, timeout: float = 15.0) -> None:
    """Connect until the port accepts (the banner comes once it listens; this is the bounded check)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def wait_for_line(proc: subprocess.Popen, pattern: str, timeout: float = 30.0) -> re.Match:
    """Read the server's output until a line matches; fail (never hang) after ``timeout``."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if found := re.search(pattern, line):
            return found
    raise AssertionError(f"no line matching {pattern!r} in {seen!r}")


@pytest.fixture
def serve(db):
    """Start ``taskboard serve ARGS`` on a free port; always stopped (SIGINT, then kill) afterwards."""
    procs = []

    def start(*args: str) -> tuple[subprocess.Popen, int]:
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "taskboard", "--db", str(db), "serve", "--port", str(port), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "TASKBOARD_TOKEN": ""},
        )
        procs.append(proc)
        return proc, port

    yield start
    for proc in procs:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def test_listening_on_every_interface_generates_prints_and_demands_a_token(serve):
    proc, port = serve("--host", "0.0.0.0")
    url = wait_for_line(proc, r"看板地址: (http://\S+)").group(1)
    token = re.search(r"\?token=([\w-]+)$", url).group(1)
    assert len(token) >= 24
    wait_listening(port)
    assert http_status(f"http://127.0.0.1:{port}/") == 403  # loopback, but the server is public
    assert http_status(f"http://127.0.0.1:{port}/?token={token}") == 200
    proc.send_signal(signal.SIGINT)
    log, _ = proc.communicate(timeout=20)
    assert "GET / 403" in log and "GET / 200" in log  # each request logged...
    assert token not in log  # ...without its query: the token is printed once, in the address


def test_a_given_token_is_used_and_not_replaced(serve):
    proc, port = serve("--host", "0.0.0.0", "--token", "our-own-token-2023")
    assert wait_for_line(proc, r"看板地址: (\S+)").group(1).endswith("?token=our-own-token-2023")
    wait_listening(port)
    assert http_status(f"http://127.0.0.1:{port}/?token=our-own-token-2023") == 200
    assert http_status(f"http://127.0.0.1:{port}/?token=something-else-2023") == 403


def test_loopback_by_default_without_a_token(serve):
    proc, port = serve()
    url = wait_for_line(proc, r"看板地址: (\S+)").group(1)
    assert url == f"http://localhost:{port}/"
    wait_listening(port)
    assert http_status(f"http://127.0.0.1:{port}/") == 200


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["serve", "--port", "70000"], "--port 必须在 1 到 65535 之间"),
        (["serve", "--token", "short"], "--token 至少需要 12 个字符"),
        (["--as", "张三", "serve"], "每个浏览器标签页记录其使用者填写的名字"),
    ],
)
def test_bad_options_fail_in_one_line(db, capsys, argv, message):
    assert main(["--db", str(db), *argv]) == 1
    out, err = capsys.readouterr()
    assert message in err and err.count("\n") == 1 and "Traceback" not in err and out == ""


def test_a_port_in_use_is_one_line(db, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "taskboard", "--db", str(db), "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert proc.returncode == 1 and "看板地址" not in proc.stdout  # no address that does not answer
    assert proc.stderr.startswith(("taskboard: error:", "taskboard：错误：")), proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr


def boards_of(name: str) -> list[int]:
    """Pids of board processes running for the tab named ``name`` (Linux /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue  # the process ended while we looked
        if f"--as={name}".encode() in argv and b"taskboard" in argv:
            found.append(int(cmdline.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")
async def test_stopping_the_server_ends_the_boards_of_open_tabs(serve, db):
    proc, port = serve()
    wait_for_line(proc, r"看板地址")
    wait_listening(port)
    name = f"赵六-{port}"
    async with aiohttp.ClientSession() as http, open_tab(http, f"http://127.0.0.1:{port}", name) as tab:
        await tab.wait_for(ROWS[0][1])
        assert len(boards_of(name)) == 1  # the tab's own board process, under the tab's name
        proc.send_signal(signal.SIGINT)  # Ctrl+C while the tab is still open
        # aiohttp alone would wait 60 s for the open websocket; the server closes it at once.
        assert await asyncio.to_thread(proc.wait, 20) == 0
    assert boards_of(name) == []
