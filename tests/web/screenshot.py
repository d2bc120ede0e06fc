"""Take a screenshot of a served board with headless Chromium (a development aid, not a test).

    python -m tests.web.screenshot 'http://127.0.0.1:8000/?name=张三' /tmp/served.png

Chromium's own ``--screenshot`` fires at the page's load event and its virtual
time runs past the websocket, so it shows the page before the board has drawn.
This drives the same browser over the DevTools protocol instead: open the page,
wait real seconds for the board, capture.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import aiohttp

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _capture(port: int, url: str, wait: float) -> bytes:
    async with aiohttp.ClientSession() as http:
        deadline = time.monotonic() + 15
        while True:  # the browser takes a moment to listen
            try:
                async with http.get(f"http://127.0.0.1:{port}/json/list") as r:
                    pages = [p for p in await r.json() if p.get("type") == "page"]
                if pages:
                    break
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("chromium did not start")
            await asyncio.sleep(0.2)
        async with http.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            calls = iter(range(1, 1000))

            async def call(method: str, **params) -> dict:
                ident = next(calls)
                await ws.send_str(json.dumps({"id": ident, "method": method, "params": params}))
                async for msg in ws:
                    reply = json.loads(msg.data)
                    if reply.get("id") == ident:
                        return reply.get("result", {})
                raise SystemExit("chromium closed the connection")

            await call("Page.navigate", url=url)
            await asyncio.sleep(wait)  # the board process starts and draws in real time
            shot = await call("Page.captureScreenshot", format="png")
            return base64.b64decode(shot["data"])


def main() -> None:
    """Parse the arguments, run Chromium, write the PNG."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("output", type=Path)
    parser.add_argument("--wait", type=float, default=6.0, help="seconds to let the board draw")
    parser.add_argument("--size", default="1400,900", help="window size WIDTH,HEIGHT")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found (apt-get install -y chromium)")
    port = free_port()
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.Popen(
            [browser, *FLAGS, f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
             f"--window-size={args.size}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            png = asyncio.run(_capture(port, args.url, args.wait))
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    args.output.write_bytes(png)
    print(f"{args.output}: {len(png)} bytes")


if __name__ == "__main__":
    main()
