"""Who may reach the served board: loopback by default, an access token everywhere else.

The check is an aiohttp middleware, so it runs before any handler: no page is
rendered and no board process is started for a request that fails it.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web

COOKIE = "taskboard_token"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    """A fresh random access token, safe to put in a URL."""
    return secrets.token_urlsafe(24)


def is_loopback_host(host: str) -> bool:
    """True when ``host`` (an address or ``localhost``) only reaches this machine.

    Any other name may resolve to a public interface, so it counts as public.
    """
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_part(header: str) -> str:
    # "127.0.0.1:8000" → "127.0.0.1", "[::1]:8000" → "::1", "localhost" → "localhost"
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def given_token(request: web.Request) -> str | None:
    """The token a request carries: ``?token=``, ``Authorization: Bearer``, or the cookie."""
    if token := request.query.get("token"):
        return token
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(COOKIE)


def token_matches(given: str | None, token: str) -> bool:
    """Constant-time comparison, so the response time does not leak the token."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def make_guard(token: str | None) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    """The middleware: with ``token`` every request must carry it; without one
    (a loopback-only server) every request must come from and name a loopback host.

    The Host check keeps a web page on another site from reaching a tokenless
    local board through DNS rebinding.
    """

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if token is None:
            peer = request.remote or ""
            if not (is_loopback_host(peer) and is_loopback_host(_host_part(request.host))):
                raise web.HTTPForbidden(text="taskboard: this board only answers on this machine\n")
            return await handler(request)
        if not token_matches(given_token(request), token):
            raise web.HTTPForbidden(text="taskboard: access token missing or wrong\n")
        response = await handler(request)
        if request.query.get("token") and not response.prepared:
            # The page's scripts, styles and websocket then carry the token without it in their URLs.
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
        return response

    return guard
