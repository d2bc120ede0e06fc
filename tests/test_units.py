"""Unit spellings: counts, merge proposals, merges that stick and undo, list by several leads."""

from __future__ import annotations

import pytest

from taskboard.ingest.aliases import user_alias_file
from taskboard.model import Task, task_id
from taskboard.store import TaskStore
from taskboard.units import closest_units, propose_merges, unit_counts
from tests.cli_helpers import run

DOC = "伊州区2023年深化放管服改革工作要点.txt"
OTHER = "哈密市优化营商环境实施方案.txt"


def task(source, number, leads, cos=()):
    return Task(
        id=task_id(source, number),
        source=source,
        number=number,
        title=f"第{number}项改革任务",
        lead_units=list(leads),
        co_units=list(cos),
    )


TASKS = [
    task(DOC, "1", ["区发改委"], ["区财政局"]),
    task(DOC, "2", ["发改委", "区住建局"]),
    task(DOC, "3", ["区发改委"], ["住建局"]),
    task(DOC, "4", ["区市场监督管理局"]),
    task(DOC, "5", ["区市场监管局"], ["区人力资源和社会保障局"]),
    task(DOC, "6", ["区市场监管局"]),
    task(OTHER, "1", ["财政局"], ["市场监管局"]),
    task(OTHER, "2", ["区人社局"], ["区司法局（法制办）"]),
    task(OTHER, "3", ["区司法局(法制办)"]),
    task(DOC, "7", ["區住建局"]),
]


def test_counts_per_spelling_in_each_role():
    counts = {c.name: (c.lead, c.co) for c in unit_counts(TASKS)}
    assert counts["区发改委"] == (2, 0)
    assert counts["区市场监管局"] == (2, 0)
    assert counts["区住建局"] == (1, 0) and counts["住建局"] == (0, 1)


def test_proposals_are_justified_and_keep_the_more_used_spelling():
    proposed = {(m.alias, m.canonical, m.reason) for m in propose_merges(TASKS)}
    assert ("发改委", "区发改委", "prefix") in proposed
    assert ("住建局", "区住建局", "prefix") in proposed
    assert ("区市场监督管理局", "区市场监管局", "form") in proposed
    # A tie in use keeps the full official name.
    assert ("区人社局", "区人力资源和社会保障局", "form") in proposed
    assert ("区司法局(法制办)", "区司法局（法制办）", "width") in proposed or (
        "区司法局（法制办）", "区司法局(法制办)", "width") in proposed
    assert ("區住建局", "区住建局", "width") in proposed  # traditional characters: the same unit
    # 财政局 and 区财政局 are in different documents: no evidence they are one unit.
    assert not any(m.alias == "财政局" for m in propose_merges(TASKS))


def test_closest_spellings_for_an_unknown_unit():
    assert closest_units("发改", ["区发改委", "发改委", "区财政局"])[:2] == ["区发改委", "发改委"]


@pytest.fixture
def seeded(tmp_path, capsys):
    db = tmp_path / "board.json"
    assert run(capsys, "--db", db, "list")[0] == 0  # the first run seeds the board
    return db


def test_units_on_the_seeded_board_proposes_the_same_document_pairs(seeded, capsys):
    code, out, _ = run(capsys, "--db", seeded, "units")
    assert code == 0
    assert "taskboard units merge 发改委 区发改委" in out
    assert "taskboard units merge 财政局 区财政局" in out
    assert "同一文件中两种写法" in out


def test_merge_renames_everywhere_sticks_for_imports_and_undoes(seeded, capsys, tmp_path):
    before = {t.id for t in TaskStore(seeded).find(lead="发改委")}
    led_by_district = {t.id for t in TaskStore(seeded).find(lead="区发改委")}
    assert len(before) == 1 and len(led_by_district) == 5
    code, out, _ = run(capsys, "--db", seeded, "units", "merge", "发改委", "区发改委")
    assert code == 0 and "区发改委" in out
    store = TaskStore(seeded)
    assert {t.id for t in store.find(lead="区发改委")} == before | led_by_district
    assert not store.find(lead="发改委")
    assert "区发改委 = 发改委" in user_alias_file().read_text(encoding="utf-8")
    # A document imported later writes the unit the merged way.
    doc = tmp_path / "新要点.txt"
    doc.write_text("新要点\n1.推进项目审批提速。\n牵头单位：发改委\n", encoding="utf-8")
    run(capsys, "--db", seeded, "import", doc)
    assert TaskStore(seeded).find(source=doc.name)[0].lead_units == ["区发改委"]
    run(capsys, "--db", seeded, "undo")  # the import
    assert run(capsys, "--db", seeded, "undo")[0] == 0  # the merge: one step
    store = TaskStore(seeded)
    assert {t.id for t in store.find(lead="发改委")} == before
    assert "发改委" not in user_alias_file().read_text(encoding="utf-8")


def test_list_takes_several_leads_and_aliases(seeded, capsys):
    import json

    _, out, _ = run(capsys, "--db", seeded, "list", "--lead", "区发改委,区财政局", "--json")
    both = json.loads(out)
    assert {u for t in both for u in t["lead_units"]} >= {"区发改委", "区财政局"}
    _, out2, _ = run(capsys, "--db", seeded, "list", "--lead", "区发改委", "--lead", "区财政局", "--json")
    assert json.loads(out2) == both
    # The bundled alias table maps 区市场监管局 to 区市场监督管理局: either spelling finds the tasks.
    _, a, _ = run(capsys, "--db", seeded, "list", "--lead", "区市场监管局", "--json")
    _, b, _ = run(capsys, "--db", seeded, "list", "--lead", "区市场监督管理局", "--json")
    assert json.loads(a) == json.loads(b) and json.loads(a)


def test_an_unknown_unit_names_the_closest_spellings(seeded, capsys):
    code, _, err = run(capsys, "--db", seeded, "list", "--lead", "发改")
    assert code == 1 and "区发改委" in err and "是否要找" in err
