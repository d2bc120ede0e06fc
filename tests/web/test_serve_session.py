"""A browser tab drives the real board over textual-serve's websocket protocol."""

from __future__ import annotations

import aiohttp

from tests.web.conftest import FIRST, IMPORTER, ROWS, cli_json, make_server, open_tab, running, wait_until

FIRST_TITLE = ROWS[0][1]


def statuses(db) -> dict[str, str]:
    return {t["id"]: t["status"] for t in cli_json("--db", str(db), "list")}


def history(db, task: str) -> list[dict]:
    return cli_json("--db", str(db), "show", task)["history"]


async def test_a_move_in_the_browser_is_saved_with_the_browser_users_name(db):
    before = statuses(db)
    async with (
        running(make_server(db)) as base,
        aiohttp.ClientSession() as http,
        open_tab(http, base, "张三") as tab,
    ):
        await tab.wait_for(FIRST_TITLE)  # the board has drawn its cards
        await tab.press("]")
        await wait_until(lambda: statuses(db)[FIRST] == "in_progress")
    after = statuses(db)
    assert after == {**before, FIRST: "in_progress"}  # that card, and only that card
    move = history(db, FIRST)[-1]
    assert (move["action"], move["old"], move["new"]) == ("move", "not_started", "in_progress")
    assert move["who"] == "张三"
    assert "@" not in move["who"]  # never the server's user@host
    # `taskboard list` (the table people read) shows the card in its new column.
    listed = {t["id"]: t for t in cli_json("--db", str(db), "list", "--status", "进行中")}
    assert FIRST in listed


async def test_two_tabs_record_their_own_names(db):
    async with running(make_server(db)) as base, aiohttp.ClientSession() as http:
        async with open_tab(http, base, "张三") as first:
            await first.wait_for(FIRST_TITLE)
            await first.press("]")
            await wait_until(lambda: statuses(db)[FIRST] == "in_progress")
        async with open_tab(http, base, "李四（区发改委）") as second:
            await second.wait_for(FIRST_TITLE)
            # The cursor starts in 未开始, now empty; move right to the card and on to 已完成.
            await second.press("l")
            await second.press("]")
            await wait_until(lambda: statuses(db)[FIRST] == "done")
    authors = [(row["who"], row["new"]) for row in history(db, FIRST) if row["action"] == "move"]
    assert authors == [("张三", "in_progress"), ("李四（区发改委）", "done")]


async def test_a_read_only_board_refuses_the_move(db):
    before_status, before_history = statuses(db), history(db, FIRST)
    async with (
        running(make_server(db, "--read-only")) as base,
        aiohttp.ClientSession() as http,
        open_tab(http, base, None) as tab,  # a leadership screen asks no name
    ):
        await tab.wait_for(FIRST_TITLE)
        await tab.wait_for("只读")
        await tab.press("]")
        await tab.wait_for("保存失败")  # the board says why nothing moved
    assert statuses(db) == before_status
    assert history(db, FIRST) == before_history
    assert before_history[-1]["who"] == IMPORTER
