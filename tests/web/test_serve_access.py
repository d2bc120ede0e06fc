"""Who gets in: the token beyond loopback, loopback-only without one, a checked name per tab."""

from __future__ import annotations

import shlex
from urllib.parse import quote

import aiohttp
import pytest

from taskboard.cli.main import build_parser
from taskboard.web import BadName, check_name, is_loopback_host
from taskboard.web.sessions import KEY_LIFETIME, SessionKeys
from tests.web.conftest import make_server, running, websocket_url

TOKEN = "测试令牌-not-a-real-token-0123"  # non-ASCII on purpose: compared as bytes
GOOD = "k3Jd9s0-access-token-for-tests"


async def status(http: aiohttp.ClientSession, url: str, **kwargs) -> int:
    async with http.get(url, **kwargs) as r:
        await r.read()
        return r.status


async def ws_refusal(http: aiohttp.ClientSession, url: str, **kwargs) -> int | None:
    """The HTTP status a websocket handshake is refused with, or None when it is accepted."""
    try:
        async with http.ws_connect(url, **kwargs):
            return None
    except aiohttp.WSServerHandshakeError as exc:
        return exc.status


async def test_a_public_board_refuses_every_request_without_the_token(db):
    # Configured for every interface, bound to 127.0.0.1 for the test: loopback gets no pass.
    async with running(make_server(db, host="0.0.0.0", token=GOOD)) as base, aiohttp.ClientSession() as http:
        assert await status(http, f"{base}/") == 403
        assert await status(http, f"{base}/?name={quote('张三')}") == 403
        assert await status(http, f"{base}/static/js/textual.js") == 403
        assert await status(http, f"{base}/?token=wrong-{GOOD}") == 403
        assert await status(http, f"{base}/", headers={"Authorization": "Bearer nope"}) == 403
        assert await ws_refusal(http, base.replace("http", "ws") + "/ws/any") == 403
        async with http.get(f"{base}/") as r:
            refusal = await r.text()
            assert "access token" in refusal and "<form" not in refusal and "websocket" not in refusal


async def test_the_token_opens_the_board_by_query_header_or_cookie(db):
    async with running(make_server(db, host="0.0.0.0", token=GOOD)) as base:
        async with aiohttp.ClientSession() as http:
            assert await status(http, f"{base}/", headers={"Authorization": f"Bearer {GOOD}"}) == 200
        # A browser keeps cookies of an IP-address host; aiohttp's client does only when told to.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(f"{base}/?token={GOOD}") as first:
                assert first.status == 200
                assert "请输入您的姓名" in await first.text()  # the name form
            # The browser then carries the token as a cookie: the page's name form, scripts, websocket.
            async with http.get(f"{base}/?name={quote('张三')}") as page:
                assert page.status == 200
                url = websocket_url(await page.text())
            assert await status(http, f"{base}/static/js/textual.js") == 200
        async with aiohttp.ClientSession() as stranger:
            # The session key alone is no pass: the guard refuses before any board starts...
            assert await ws_refusal(stranger, f"{url}?width=80&height=24") == 403
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(f"{url}?width=80&height=24", headers={"Authorization": f"Bearer {GOOD}"}) as ws,
        ):
            # ...so the key was not spent: with the token it still opens its board.
            msg = await ws.receive(timeout=40)
            assert msg.type == aiohttp.WSMsgType.BINARY


async def test_a_non_ascii_token_is_compared_safely(db):
    async with running(make_server(db, host="0.0.0.0", token=TOKEN)) as base, aiohttp.ClientSession() as http:
        assert await status(http, f"{base}/?token={quote(TOKEN)}") == 200
        assert await status(http, f"{base}/?token={quote(TOKEN[:-1])}") == 403


async def test_a_loopback_board_needs_no_token_but_a_loopback_host_name(db):
    async with running(make_server(db)) as base, aiohttp.ClientSession() as http:
        assert await status(http, f"{base}/") == 200
        # A page elsewhere whose DNS name was rebound to 127.0.0.1 names its own host: refused.
        assert await status(http, f"{base}/", headers={"Host": "evil.example:80"}) == 403


async def test_the_page_asks_a_name_and_refuses_names_it_cannot_record(db):
    async with running(make_server(db)) as base, aiohttp.ClientSession() as http:
        async with http.get(f"{base}/") as r:
            page = await r.text()
            assert r.status == 200 and "请输入您的姓名" in page and "data-session-websocket-url" not in page
        async with http.get(f"{base}/?name={quote('张三' + chr(27) + '[2J')}") as r:
            assert r.status == 400 and "控制字符" in await r.text()
        assert await status(http, f"{base}/?name=%20%20") == 400
        assert await status(http, f"{base}/?name={'长' * 41}") == 400
        async with http.get(f"{base}/?name={quote('<script>alert(1)</script>')}") as r:
            page = await r.text()
            assert r.status == 200 and "&lt;script&gt;" in page and "<script>alert" not in page


async def test_session_keys_are_single_use_and_only_for_this_site(db):
    async with running(make_server(db)) as base, aiohttp.ClientSession() as http:
        ws = base.replace("http", "ws")
        assert await ws_refusal(http, f"{ws}/ws") == 404  # textual-serve's nameless board is not served
        assert await ws_refusal(http, f"{ws}/ws/made-up-key") == 403
        async with http.get(f"{base}/?name={quote('张三')}") as r:
            url = websocket_url(await r.text())
        assert await ws_refusal(http, url, headers={"Origin": "http://evil.example"}) == 403
        async with http.get(f"{base}/?name={quote('张三')}") as r:
            url = websocket_url(await r.text())
        async with http.ws_connect(f"{url}?width=80&height=24") as sock:
            assert (await sock.receive(timeout=40)).type == aiohttp.WSMsgType.BINARY
        assert await ws_refusal(http, url) == 403  # used once


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("board.example", False), ("", False)],
)  # fmt: skip
def test_which_addresses_count_as_loopback(host, loopback):
    assert is_loopback_host(host) is loopback


def test_names_are_stripped_and_checked():
    assert check_name("  王五 ") == "王五"
    for bad, reason in [("", "empty"), ("\t ", "empty"), ("a\u202eb", "control"), ("x" * 41, "long")]:
        with pytest.raises(BadName, match=reason):
            check_name(bad)


def test_session_keys_expire():
    now = [0.0]
    keys = SessionKeys(clock=lambda: now[0])
    old, fresh = keys.issue("张三"), None
    now[0] = KEY_LIFETIME + 1
    fresh = keys.issue("李四")
    assert keys.take(old) is None
    assert keys.take(fresh) == "李四" and keys.take(fresh) is None


@pytest.mark.parametrize("name", ["$(touch pwned)", "张 三'; rm -rf ~ #", "-张三", 'O\'Brien "Bob"'])
def test_a_name_reaches_the_board_command_as_one_literal_argument(db, name):
    server = make_server(db)
    argv = shlex.split(server.command_for(check_name(name)))  # how the shell textual-serve uses splits it
    assert argv[-1] == f"--as={name}" and argv[:-1] == server.board_argv
    assert build_parser().parse_args(argv[3:]).who == name  # after "python -m taskboard"
