"""Pilot tests for the coordinator's week on the board (issue 10 and issue 8's board parts):
add, retire and restore, bulk actions on marked cards, needs-review, reports, filters.

Each test drives keys, then checks both the screen and what a fresh process reads from disk.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from taskboard.model import Status
from taskboard.ui.board_model import SortKey
from taskboard.ui.screens.add_screen import AddScreen
from taskboard.ui.screens.choice_screen import ChoiceScreen
from taskboard.ui.screens.detail_screen import DetailScreen
from taskboard.ui.screens.picker_screen import PickerScreen
from taskboard.ui.screens.prompt_screen import PromptScreen
from tests.ui.board_helpers import SRC_A, open_board_store, screen_text, settle, tid, wait_for

pytestmark = pytest.mark.asyncio

SIZE = (120, 40)
A1, A3 = tid(SRC_A, "1"), tid(SRC_A, "3")


def fresh(db_path):
    """The database as another process reads it."""
    return open_board_store(db_path)


def seqs(db_path, task_ids) -> set[int]:
    """The history transactions that touched ``task_ids`` after the fixture was loaded."""
    rows = [r for t in task_ids for r in fresh(db_path).history(t)]
    return {r.seq for r in rows if r.action not in ("import", "move") or r.seq > 2}


async def type_into(pilot, selector: str, text: str) -> None:
    """Fill an input of the dialog on top (Chinese text, as a coordinator types it with an IME)."""
    pilot.app.screen.query_one(selector, Input).value = text
    await pilot.pause()


# -- 1. add ---------------------------------------------------------------------------------
async def test_a_adds_a_task_with_cursor_on_it_and_u_removes_it(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AddScreen)
        await type_into(pilot, "#edit-title-input", "开展营商环境大调研")
        await type_into(pilot, "#edit-lead", "区发改委/区财政局")
        await type_into(pilot, "#edit-co", "区司法局；各乡镇(街道)")
        await type_into(pilot, "#edit-deadline", "2023-07-03")
        await pilot.press("enter")
        await settle(pilot)
        added = [t for t in fresh(db_path).all() if t.title == "开展营商环境大调研"]
        assert len(added) == 1
        task = added[0]
        # The one unit-splitting rule: `/` and `；` separate units as on the CLI.
        assert task.lead_units == ["区发改委", "区财政局"]
        assert task.co_units == ["区司法局", "各乡镇(街道)"]
        assert task.deadline.isoformat() == "2023-07-03"
        assert app.board.current_task.id == task.id
        text = screen_text(app)
        assert "开展营商环境大调研" in text and "未开始 8" in text and "剩3天" in text

        await pilot.press("u")
        await settle(pilot)
        assert not [t for t in fresh(db_path).all() if t.title == "开展营商环境大调研"]
        await wait_for(pilot, lambda: "未开始 7" in screen_text(app))
        assert "开展营商环境大调研" not in screen_text(app)


async def test_add_refuses_an_empty_title_and_a_bad_date(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await type_into(pilot, "#edit-deadline", "2023-07-03")
        await pilot.press("enter")
        assert isinstance(app.screen, AddScreen)
        assert str(app.screen.query_one("#edit-error").content) == "标题不能为空"
        await type_into(pilot, "#edit-title-input", "召开改革推进会")
        await type_into(pilot, "#edit-deadline", "七月底")
        await pilot.press("enter")
        assert isinstance(app.screen, AddScreen)
        assert str(app.screen.query_one("#edit-error").content) != ""
        await pilot.press("escape")
        assert len(fresh(db_path).all()) == 12


# -- 2. retire and restore -----------------------------------------------------------------
async def test_x_retires_with_a_reason_and_the_archive_filter_restores(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert app.board.current_task.id == A3
        await pilot.press("x")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "enter")  # 合并
        await settle(pilot)
        assert fresh(db_path).get(A3).archived == "合并"
        assert A3 not in {t.id for t in fresh(db_path).all()}
        text = screen_text(app)
        assert "推行涉企经营许可事项清单管理" not in text
        assert "未开始 6" in text and "显示 11 / 共 11 项" in text

        await pilot.press("b")  # the retired tasks, in their status columns, marked
        text = screen_text(app)
        assert "已归档" in text and "[合并] 3 推行涉企经营许可" in text
        assert "未开始 1" in text and "进行中 0" in text
        await pilot.press("x")  # on a retired card: restore
        await settle(pilot)
        assert fresh(db_path).get(A3).archived == ""
        assert "未开始 0" in screen_text(app)
        await pilot.press("b")
        assert "未开始 7" in screen_text(app)
        rows = [r.action for r in fresh(db_path).history(A3)]
        assert "archive" in rows and "restore" in rows


async def test_retire_is_undone_by_u(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("x", "enter")  # 取消
        await settle(pilot)
        assert fresh(db_path).get(A3).archived == "取消"
        await pilot.press("u")
        await settle(pilot)
        assert fresh(db_path).get(A3).archived == ""
        await wait_for(pilot, lambda: "未开始 7" in screen_text(app))


async def test_a_task_retired_elsewhere_leaves_the_columns(make_app, db_path, store):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        other = open_board_store(db_path)
        other.archive(A1, "暂缓")
        app.poll_seconds = None
        app._poll()
        await settle(pilot)
        await wait_for(pilot, lambda: "未开始 6" in screen_text(app))
        assert "落实一网一门一次改革" not in screen_text(app)


# -- 3. bulk ---------------------------------------------------------------------------------
@pytest.fixture
def big_store(store):
    """The fixture board with five more hand-made tasks: 12 cards in 未开始."""
    for i, unit in enumerate(("区财政局", "区教育局", "区卫健委", "区民政局", "区住建局"), start=1):
        store.add_task(f"落实领导交办事项第{i}件", lead_units=[unit])
    return store


async def test_eleven_marked_cards_move_in_one_commit_and_one_undo(big_store, make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        column = app.board.columns[Status.NOT_STARTED]
        assert len(column.cards) == 12
        for _ in range(11):
            await pilot.press("space", "down")
        marked = [t.id for t in column.cards[:11]]
        assert app.board.marks == set(marked)
        assert "✔" in screen_text(app)  # the mark is on the card line
        assert "已标记 11 项" in screen_text(app)  # and the bar counts them
        seq_before = fresh(db_path).revision

        await pilot.press("right_square_bracket")
        await settle(pilot)
        db = fresh(db_path)
        assert all(db.get(t).status is Status.IN_PROGRESS for t in marked)
        assert db.revision == seq_before + 1  # one commit
        moves = [r for t in marked for r in db.history(t) if r.action == "move" and r.seq > seq_before]
        assert len(moves) == 11 and {r.seq for r in moves} == {seq_before + 1}  # one history seq
        await wait_for(pilot, lambda: "未开始 1" in screen_text(app) and "进行中 14" in screen_text(app))

        await pilot.press("u")
        await settle(pilot)
        db = fresh(db_path)
        assert all(db.get(t).status is Status.NOT_STARTED for t in marked)
        await wait_for(pilot, lambda: "未开始 12" in screen_text(app))

        await pilot.press("escape")
        assert not app.board.marks and "✔" not in screen_text(app)


async def test_star_marks_all_shown_and_n_notes_them_all_at_once(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")  # overdue: A2 only
        await pilot.press("slash")
        await pilot.press("escape")
        await pilot.press("o")
        await pilot.press("asterisk")
        assert len(app.board.marks) == 12
        await pilot.press("n")
        assert isinstance(app.screen, PromptScreen)
        await type_into(pilot, "#prompt-input", "已召开专题会议部署")
        before = fresh(db_path).revision
        await pilot.press("enter")
        await settle(pilot)
        db = fresh(db_path)
        live = db.all()
        assert all(t.notes and t.notes[-1].text == "已召开专题会议部署" for t in live)
        assert db.revision == before + 1
        await pilot.press("u")
        await settle(pilot)
        assert not any(t.notes for t in fresh(db_path).all())


async def test_marked_cards_get_one_lead_unit_and_retire_together(make_app, db_path):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("space", "down", "space")
        ids = set(app.board.marks)
        assert len(ids) == 2
        await pilot.press("e")
        assert isinstance(app.screen, PromptScreen)
        await type_into(pilot, "#prompt-input", "区财政局、区审计局")
        await pilot.press("enter")
        await settle(pilot)
        db = fresh(db_path)
        assert all(db.get(t).lead_units == ["区财政局", "区审计局"] for t in ids)
        await wait_for(pilot, lambda: "区财政局、区审计局" in screen_text(app))

        await pilot.press("x", "down", "down", "enter")  # 暂缓
        await settle(pilot)
        db = fresh(db_path)
        assert all(db.get(t).archived == "暂缓" for t in ids)
        assert not app.board.marks
        await wait_for(pilot, lambda: "未开始 5" in screen_text(app))
        await pilot.press("u")
        await settle(pilot)
        assert all(fresh(db_path).get(t).archived == "" for t in ids)
        await wait_for(pilot, lambda: "未开始 7" in screen_text(app))


# -- 4. needs review (issue 8) ---------------------------------------------------------------
async def test_review_flags_show_filter_list_and_clear_in_history(store, make_app, db_path):
    store.edit(A1, review=["no_lead", "odd_unit:区发改委负责"])
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        line = next(ln for ln in screen_text(app).splitlines() if "落实一网一门一次改革" in ln)
        assert "? 1 落实一网一门一次改革" in line
        await pilot.press("v")
        text = screen_text(app)
        assert "仅待核" in text and "显示 1 / 共 12 项" in text
        assert app.board.current_task.id == A1
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        await pilot.pause()
        text = screen_text(app)
        assert "未识别牵头单位" in text and "单位名称存疑：区发改委负责" in text
        await pilot.press("v")
        await settle(pilot)
        assert fresh(db_path).get(A1).review == []
        rows = [r for r in fresh(db_path).history(A1) if r.field == "review" and r.action == "edit"]
        assert rows and rows[-1].new == []
        await wait_for(pilot, lambda: "未识别牵头单位" not in screen_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: "显示 0 / 共 12 项" in screen_text(app))


# -- 5. reports --------------------------------------------------------------------------------
async def test_p_writes_the_ledger_of_the_current_filter_into_the_chosen_folder(make_app, tmp_path):
    from taskboard import config

    folder = tmp_path / "报表"
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o")  # only the overdue task
        await pilot.press("p")
        assert isinstance(app.screen, ChoiceScreen)
        choice = app.screen
        ids = [o.id for o in choice.query_one("OptionList")._options]
        await pilot.press(*["down"] * ids.index("ledger_csv"), "enter")
        assert isinstance(app.screen, PromptScreen)
        await type_into(pilot, "#prompt-input", str(folder))
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(folder.glob("*.csv")), timeout=10)
        (path,) = folder.glob("*.csv")
        data = path.read_text(encoding="utf-8-sig")
        assert "深化“放管服”改革" in data and "落实一网一门一次改革" not in data
        await wait_for(pilot, lambda: path.name in screen_text(app))
        assert config.load()["report_folder"] == str(folder)

        await pilot.press("p", "enter")  # the prompt now offers the folder used last
        assert app.screen.query_one("#prompt-input", Input).value == str(folder)


# -- 6. filters --------------------------------------------------------------------------------
async def test_role_toggle_and_due_within_show_in_the_bar(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.board._set_filters(app.board.model.filters.with_(leads=frozenset({"区发改委"})))
        await pilot.pause()
        assert "显示 3 / 共 12 项" in screen_text(app)  # leads A1 A2 A6
        await pilot.press("w")  # co-unit
        text = screen_text(app)
        assert "配合单位：区发改委" in text and "显示 2 / 共 12 项" in text  # co-unit of A4 B10
        await pilot.press("w")  # either: the unit's whole workload
        assert "牵头或配合：区发改委" in screen_text(app) and "显示 5 / 共 12 项" in screen_text(app)
        await pilot.press("d")
        assert app.screen.query_one("#prompt-input", Input).value == "14"
        await pilot.press("enter")
        text = screen_text(app)
        assert "14天内到期" in text and "牵头或配合：区发改委" in text
        assert Counter(t.id for t in app.board.model.shown_tasks()) == Counter([A1, tid(SRC_A, "6")])


async def test_filters_sort_and_date_come_back_after_quit_and_reset_clears_them(make_app, store):
    from taskboard.ui import create_app

    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("o", "v", "r")  # overdue, needs review, sort by number
        await pilot.press("d", "enter")  # due within 14 days (with overdue: nothing can match)
        await pilot.press("t")
        await type_into(pilot, "#prompt-input", "2023-07-10")
        await pilot.press("enter")
        await pilot.press("q")

    again = create_app(store, today=date(2023, 6, 30), lang="zh", restore_today=True)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        f = again.board.model.filters
        assert (f.overdue, f.review, f.due_days) == (True, True, 14)
        assert again.board.model.sort is SortKey.NUMBER
        assert again.board.model.today == date(2023, 7, 10)
        text = screen_text(again)
        assert "仅逾期" in text and "仅待核" in text and "14天内到期" in text
        assert "排序：编号" in text and "基准日 2023-07-10" in text

        await again.board.run_action("reset_settings")
        await pilot.pause()
        text = screen_text(again)
        assert "无筛选" in text and "排序：截止日期" in text and "基准日 2023-06-30" in text

    # --today / TASKBOARD_TODAY win over the saved date; a reset leaves nothing to restore.
    third = create_app(store, today=date(2023, 6, 30), lang="zh", restore_today=True)
    async with third.run_test(size=SIZE, notifications=True):
        assert not third.board.model.filters.active
        assert third.board.model.sort is SortKey.DEADLINE


async def test_palette_offers_review_filter_restore_and_each_report(make_app, db_path, store):
    store.archive(A1, "取消")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p", *"仅显示待核")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.board.model.filters.review)

        await pilot.press("v", "b")  # review off, the retired tasks on: A1
        assert app.board.current_task.id == A1
        await pilot.press("ctrl+p", *"恢复已归档")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: fresh(db_path).get(A1).archived == "")

        await pilot.press("ctrl+p", *"导出：催办函")
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "导出：催办函（文本）" in text and "导出：催办函（Markdown）" in text
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))


async def test_report_folder_must_be_a_full_path(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p", "enter")
        await type_into(pilot, "#prompt-input", "报表")
        await pilot.press("enter")
        assert isinstance(app.screen, PromptScreen)
        assert "完整路径" in str(app.screen.query_one("#prompt-error").content)
        await pilot.press("escape")
        assert not Path("报表").exists()  # nothing written where the board was started


async def test_f_picker_role_toggle_picks_a_units_co_tasks(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("ctrl+r")  # co-unit: counts change with the role
        text = screen_text(app)
        assert "单位角色：配合" in text and "区政务服务中心" in text
        await type_into(pilot, "#picker-input", "区发改委")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, PickerScreen))
        f = app.board.model.filters
        assert f.leads == {"区发改委"} and f.role == "co"
        text = screen_text(app)
        assert "配合单位：区发改委" in text and "显示 2 / 共 12 项" in text


async def test_a_recurring_duty_rolls_on_from_the_boards_as_of_date(make_app, db_path):
    """A5 is 每月20日前. With the board's date set to 1 September, September's report is the
    one done, so the duty rolls on to 20 October — alone or marked with others."""
    a5, a6 = tid(SRC_A, "5"), tid(SRC_A, "6")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t", *["backspace"] * 10, *"2023-09-01", "enter")
        await pilot.press("r")  # order by number: A5 and A6 next to each other
        await pilot.pause()
        while app.board.current_task.id != a5:
            await pilot.press("j")
        await pilot.press("space", "j", "space", "right_square_bracket")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
    rolled = open_board_store(db_path).get(a5)
    assert rolled.status is Status.NOT_STARTED and rolled.deadline == date(2023, 10, 20)
    assert open_board_store(db_path).get(a6).status is Status.DONE
