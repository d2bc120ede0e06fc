"""``serve``: the board in a browser (textual-serve), one board process per tab."""

from __future__ import annotations

import argparse
import os
import socket
import sys

from ..catalogue import say
from ..safetext import one_line
from .context import CommandError, Context

TOKEN_ENV = "TASKBOARD_TOKEN"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add ``serve`` to the ``taskboard`` parser."""
    p = sub.add_parser(
        "serve",
        parents=[common],
        help="serve the board to web browsers (--read-only: a board nobody can change)",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument(
        "--token",
        help=f"access token (default: ${TOKEN_ENV}; generated and printed when "
        "listening beyond this machine)",
    )
    p.set_defaults(run=cmd_serve)


def board_argv(ctx: Context, args: argparse.Namespace) -> list[str]:
    """The command each browser tab runs: this taskboard, on this database and date."""
    argv = [sys.executable, "-m", "taskboard", "--db", str(ctx.store.path), "--lang", ctx.lang]
    if args.today:
        argv += ["--today", ctx.today.isoformat()]
    if args.theme:
        argv += ["--theme", args.theme]
    if args.read_only:
        argv.append("--read-only")
    return argv


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    """Listen until interrupted; refuse to listen beyond loopback without a token."""
    from ..web import BoardServer, is_loopback_host, new_token  # aiohttp loads only for `serve`

    if args.who is not None:
        raise CommandError.keyed("cli.serve_as")
    if not 0 < args.port < 65536:
        raise CommandError.keyed("cli.serve_port", port=args.port)
    token = args.token or os.environ.get(TOKEN_ENV) or None
    if token is not None and (len(token) < 12 or one_line(token) != token or " " in token):
        raise CommandError.keyed("cli.serve_token")
    local = is_loopback_host(args.host)
    if token is None and not local:
        token = new_token()
    # Opening the store here creates and seeds a new database once, before any tab
    # could race to seed it, and reports a broken one as one line instead of per tab.
    argv = board_argv(ctx, args)
    shown = "localhost" if local else (socket.gethostname() if args.host in ("0.0.0.0", "::") else args.host)
    url = f"http://{shown}:{args.port}/" + (f"?token={token}" if token else "")
    banner = [
        one_line(say(ctx.lang, "cli.serve_db", path=ctx.store.path)),
        say(ctx.lang, "cli.serve_url", url=url),
    ]
    if args.read_only:
        banner.append(say(ctx.lang, "cli.serve_read_only"))
    banner.append(say(ctx.lang, "cli.serve_stop"))
    server = BoardServer(
        argv,
        host=args.host,
        port=args.port,
        token=token,
        read_only=bool(args.read_only),
        lang=ctx.lang,
        banner=tuple(banner),
    )
    server.serve()
    return 0
