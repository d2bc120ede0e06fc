"""Unit lists: separators, qualifiers in brackets, glued names, collectives, aliases."""

from __future__ import annotations

import pytest

from taskboard.ingest import IngestError, load_aliases, parse_file
from taskboard.ingest.aliases import AliasTable
from taskboard.ingest.units import is_collective, repair_brackets, split_units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "区财政局、区发改委，区住建局,区水利局；区林草局",
            ["区财政局", "区发改委", "区住建局", "区水利局", "区林草局"],
        ),
        ("区政府办(区政务服务中心)、区财政局", ["区政府办(区政务服务中心)", "区财政局"]),
        ("县委办（县政府办）", ["县委办（县政府办）"]),
        ("区财政局 区发改委", ["区财政局", "区发改委"]),
        ("区财政局、区财政局", ["区财政局"]),
        ("", []),
    ],
)
def test_separators_and_bracketed_qualifiers(text, units):
    assert split_units(text) == units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "商务局自然资源局伊州分局生态环境局伊州分局",
            ["商务局", "自然资源局伊州分局", "生态环境局伊州分局"],
        ),
        ("科工信局市场监管局", ["科工信局", "市场监管局"]),
        ("住建局水利局", ["住建局", "水利局"]),
        ("交通运输局市生态环境局伊州分局", ["交通运输局", "市生态环境局伊州分局"]),
    ],
)
def test_glued_names_are_split(text, units):
    assert split_units(text) == units


@pytest.mark.parametrize(
    "name",
    [
        "区公平竞争审查工作部门会议办公室",
        "放管服改革协调领导小组办公室",
        "区城市管理行政执法局",
        "自治区党委办公厅",
        "人力资源社会保障部",
        "国家卫生健康委员会",
        "区委宣传部",
        "人民银行乌鲁木齐中心支行",
    ],
)
def test_real_names_are_not_cut(name):
    assert split_units(name) == [name]


def test_unbalanced_brackets_are_closed_at_the_next_separator():
    assert repair_brackets("财政局(国资委、应急管理局") == "财政局(国资委)、应急管理局"
    assert split_units("水利局、财政局(国资委、应急管理局,市自然资源局伊州分局") == [
        "水利局",
        "财政局(国资委)",
        "应急管理局",
        "市自然资源局伊州分局",
    ]
    assert split_units("区财政局)、区发改委") == ["区财政局", "区发改委"]


@pytest.mark.parametrize(
    "name",
    ["区直各相关部门(单位)", "各乡镇(街道)", "各部门", "区直部门(单位)", "有关部门和单位", "各产业园党委"],
)
def test_collectives_stay_one_token(name):
    assert split_units(name) == [name]
    assert is_collective(name)


@pytest.mark.parametrize("name", ["区财政局", "区公平竞争审查工作部门会议办公室", "市场监管分局"])
def test_ordinary_units_are_not_collectives(name):
    assert not is_collective(name)


def test_etc_separates_named_units_from_the_collective():
    assert split_units("发改委、财政局等区直各部门(单位)") == ["发改委", "财政局", "区直各部门(单位)"]
    assert split_units("人力资源社会保障部等有关部门和单位") == ["人力资源社会保障部", "有关部门和单位"]


def test_role_words_are_not_part_of_names():
    assert split_units("各省级人民政府按职责分工负责") == ["各省级人民政府"]


def test_aliases_give_one_name_per_unit_and_keep_unknown_spellings():
    table = load_aliases()
    assert split_units("区市场监管局、区市场监督管理局", table) == ["区市场监督管理局"]
    assert split_units("区政府办(政务服务中心)", table) == ["区政府办(区政务服务中心)"]
    # Not in the table: kept exactly as written, no prefix guessed.
    assert split_units("市场监管局、县市监局", table) == ["市场监管局", "县市监局"]


def test_user_alias_files_extend_the_table_and_carry_level_prefixes(fixtures_dir):
    table = load_aliases(fixtures_dir / "aliases_user.txt")
    assert table.canonical("县市场监管局") == "县市场监督管理局"
    assert table.canonical("市监局") == "市场监督管理局"
    assert table.canonical("区市场监管局") == "区市场监督管理局"
    doc = parse_file(fixtures_dir / "plan_blocks.txt", aliases=table)
    leads = {t.number: t.lead_units for t in doc.tasks}
    assert leads["2"] == leads["6"] == ["县市场监督管理局"]
    assert "市场监督管理局" in doc.tasks[2].co_units


def test_without_the_user_file_the_spellings_stay_as_written(fixture_doc):
    leads = {t.number: t.lead_units for t in fixture_doc("plan_blocks.txt").tasks}
    assert leads["2"] == ["县市场监督管理局"] and leads["6"] == ["县市场监管局"]


def test_alias_files_that_cannot_be_used_raise_ingest_errors(tmp_path):
    with pytest.raises(IngestError, match=r"missing\.txt"):
        load_aliases(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_text("区财政局 区财政厅\n", encoding="utf-8")
    with pytest.raises(IngestError, match="line 1"):
        load_aliases(bad)


def test_an_empty_alias_table_changes_nothing():
    assert split_units("区市场监管局", AliasTable()) == ["区市场监管局"]


def test_changing_a_table_after_use_takes_effect():
    table = AliasTable()
    assert split_units("区市监局", table) == ["区市监局"]
    table.add("区市场监督管理局", "区市监局")
    assert split_units("区市监局", table) == ["区市场监督管理局"]


def test_users_own_alias_file_in_the_config_folder_is_used(tmp_path, monkeypatch):
    from taskboard.ingest import load_aliases, parse_text

    config = tmp_path / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "aliases.txt").write_text("区发展和改革委员会 = 区发改委\n", encoding="utf-8")
    monkeypatch.setenv("TASKBOARD_CONFIG_DIR", str(config))
    doc = parse_text("一、主要任务\n1.开展营商环境评价。\n牵头单位：区发改委\n", "评价.txt", load_aliases())
    assert doc.tasks[0].lead_units == ["区发展和改革委员会"]
