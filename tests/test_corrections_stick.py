"""A person's correction outlives a re-import of the same document (CLI and board)."""

from __future__ import annotations

import pytest

from taskboard.model import Status
from taskboard.store import Action, TaskStore
from tests.cli_helpers import run

DOC_V1 = """关于印发伊州区2023年优化营商环境工作要点的通知
1.推行伊州区涉企许可清单试点。
牵头单位：区市场监管局
完成时限：2023年6月底前
2.深化工程建设项目审批制度改革。
牵头单位：区住建局
完成时限：2023年9月底前
3.优化企业开办服务。
牵头单位：区政务服务中心
完成时限：2023年12月底前
"""


@pytest.fixture
def board(tmp_path, capsys):
    doc = tmp_path / "营商环境要点.txt"
    doc.write_text(DOC_V1, encoding="utf-8")
    db = tmp_path / "board.json"
    assert run(capsys, "--db", db, "import", doc)[0] == 0
    tasks = {t.number: t for t in TaskStore(db).find(source=doc.name)}
    return db, doc, tasks


def test_cli_edit_survives_a_reimport_and_the_revised_document_is_recorded(board, capsys):
    db, doc, tasks = board
    first, second = tasks["1"].id, tasks["2"].id
    assert run(capsys, "--db", db, "edit", first, "--lead", "区发改委")[0] == 0
    revised = DOC_V1.replace("区市场监管局", "区商务局").replace("2023年9月底前", "2023年10月底前")
    doc.write_text(revised, encoding="utf-8")

    code, out, _ = run(capsys, "--db", db, "import", doc, "--dry-run")
    assert code == 0 and "文件现为「区商务局」，保留你的修改「区发改委」" in out
    assert TaskStore(db).get(first).lead_units == ["区发改委"]  # a dry run writes nothing

    code, out, _ = run(capsys, "--db", db, "import", doc)
    assert code == 0 and "保留了 1 处人工修改" in out
    store = TaskStore(db)
    assert store.get(first).lead_units == ["区发改委"]
    # A field nobody edited still follows the revised document.
    assert store.get(second).deadline.isoformat() == "2023-10-31"
    kept = [r for r in store.history(first) if r.action == Action.KEPT]
    assert [(r.field, r.new) for r in kept] == [("lead_units", ["区商务局"])]

    # Re-importing the same revision again records nothing new.
    run(capsys, "--db", db, "import", doc)
    assert len([r for r in TaskStore(db).history(first) if r.action == Action.KEPT]) == 1


def test_an_undone_edit_follows_the_document_again(board, capsys):
    db, doc, tasks = board
    first = tasks["1"].id
    run(capsys, "--db", db, "edit", first, "--deadline", "2023-07-15")
    assert run(capsys, "--db", db, "undo")[0] == 0
    doc.write_text(DOC_V1.replace("2023年6月底前", "2023年8月底前"), encoding="utf-8")
    run(capsys, "--db", db, "import", doc)
    assert TaskStore(db).get(first).deadline.isoformat() == "2023-08-31"


def test_a_deadline_correction_keeps_its_date_and_phrase_together(board, capsys):
    db, doc, tasks = board
    third = tasks["3"].id
    run(capsys, "--db", db, "edit", third, "--deadline", "2023-11-15")
    doc.write_text(DOC_V1.replace("2023年12月底前", "2024年3月底前"), encoding="utf-8")
    run(capsys, "--db", db, "import", doc)
    task = TaskStore(db).get(third)
    assert task.deadline.isoformat() == "2023-11-15" and "2024" not in task.deadline_text


async def test_board_edit_survives_a_reimport(board, capsys):
    from taskboard.ui import create_app
    from taskboard.ui.screens.edit_screen import EditScreen
    from tests.ui.board_helpers import TODAY, settle

    db, doc, tasks = board
    first = tasks["1"].id
    app = create_app(TaskStore(db), today=TODAY, lang="zh", poll_seconds=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"涉企许可清单试点", "enter")  # the board also holds the seeds
        assert app.board.current_task.id == first
        await pilot.press("e")
        assert isinstance(app.screen, EditScreen)
        app.screen.query_one("#edit-lead").focus()
        await pilot.press(*["backspace"] * 12, *"区数据局", "enter")
        await settle(pilot)
    assert TaskStore(db).get(first).lead_units == ["区数据局"]
    doc.write_text(DOC_V1.replace("区市场监管局", "区商务局"), encoding="utf-8")
    assert run(capsys, "--db", db, "import", doc)[0] == 0
    store = TaskStore(db)
    assert store.get(first).lead_units == ["区数据局"]
    assert store.get(first).status is Status.NOT_STARTED
