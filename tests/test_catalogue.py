"""One catalogue says everything: both languages complete, nothing bypasses it, a Chinese CLI is Chinese."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import orjson
import pytest

from taskboard.catalogue import EN, PLURAL_ONE, ZH, long_date, say
from taskboard.cli import main
from taskboard.model import Bucket, Countdown, Status, task_id
from taskboard.store import TaskStore
from taskboard.store.journal import journal_path

from .store.fixtures import SOURCE, fixed_now, measures

PACKAGE = Path(__file__).resolve().parent.parent / "taskboard"
CATALOGUE = PACKAGE / "catalogue"
T2 = task_id(SOURCE, "2")
T3 = task_id(SOURCE, "3")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# -- completeness ----------------------------------------------------------------------------------
def test_every_key_is_in_both_languages():
    plural_variants = {k for k in EN if k.endswith(PLURAL_ONE)}
    assert set(ZH) == set(EN) - plural_variants
    for key in plural_variants:  # an English "one" form stands for a key both languages have
        assert key.removesuffix(PLURAL_ONE) in ZH, key


def test_placeholders_match_and_nothing_is_empty():
    for key, en in EN.items():
        zh = ZH.get(key.removesuffix(PLURAL_ONE))
        assert en.strip() and zh.strip(), key
        assert _fields(en) == _fields(zh), key


def test_every_message_fills_in_with_numbers_or_text():
    for lang, table in (("zh", ZH), ("en", EN)):
        for key, text in table.items():
            for value in (7, "区发改委"):
                said = say(lang, key.removesuffix(PLURAL_ONE), **dict.fromkeys(_fields(text), value))
                assert said.strip(), (lang, key)
    assert say("en", "remind.out_later", n=3, within=14) == "3 due later"  # {within:.0}: left out
    assert say("zh", "and_more", first="区发改委、区财政局", total=5, rest=3) == "区发改委、区财政局等5个"


def test_plural_forms_and_dates_read_naturally():
    assert Countdown(Bucket.LATER, 1).label("en") == "1 day left"
    assert Countdown(Bucket.LATER, 12).label("en") == "12 days left"
    assert Countdown(Bucket.OVERDUE, -3).label("zh") == "逾期3天"
    assert Status.IN_PROGRESS.zh == "进行中" and Status.IN_PROGRESS.en == "In progress"
    from datetime import date

    assert long_date(date(2023, 6, 30), "zh") == "2023年6月30日"
    assert long_date(date(2023, 6, 30), "en") == "30 June 2023"
    assert say("fr", "key_quit") == "Quit"  # an unknown language falls back to English


def _literal_keys() -> list[tuple[str, str, int]]:
    """(key, file, line) of every catalogue key the code names as a string literal."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if CATALOGUE in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = node.args
            index = {"say": 1, "tr": 1, "keyed": 0, "said": 0, "label": 0}.get(name)
            if index is None or len(args) <= index or (name == "label" and isinstance(func, ast.Attribute)):
                continue  # Status.label("zh") is not the reports' label()
            arg = args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                key = f"report.{arg.value}" if name == "label" else arg.value
                found.append((key, str(path.relative_to(PACKAGE)), node.lineno))
    return found


def test_every_key_the_code_names_is_in_the_catalogue():
    keys = _literal_keys()
    assert len(keys) > 300  # the scan does find the call sites
    missing = [(k, f, n) for k, f, n in keys if k not in EN]
    assert missing == []


# -- no bypass ----------------------------------------------------------------------------------------
def _language_choices(tree: ast.AST) -> list[int]:
    """Lines that pick text by language: ``lang == "zh"``, ``x if zh else y``, ``{"zh": …, "en": …}``."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value in ("zh", "en") for s in sides):
                lines.append(node.lineno)
        elif isinstance(node, ast.IfExp | ast.If) and isinstance(node.test, ast.Name):
            if node.test.id in ("zh", "en", "chinese", "english"):
                lines.append(node.lineno)
        elif isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"zh", "en"} <= keys:
                lines.append(node.lineno)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            lines += [node.lineno] if node.slice.value in ("zh", "en") else []
    return lines


def test_the_scan_finds_the_shapes_it_forbids():
    sample = 'a = "x" if lang == "zh" else "y"\nb = "x" if zh else "y"\nc = {"zh": 1, "en": 2}\nd = c["zh"]\n'
    assert sorted(_language_choices(ast.parse(sample))) == [1, 2, 3, 4]


def test_no_module_outside_the_catalogue_chooses_text_by_language():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if CATALOGUE in path.parents or path.name == "config.py":  # config reads the locale: no text
            continue
        for line in _language_choices(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(PACKAGE)}:{line}")
    assert offenders == []


# -- no English in a Chinese session ---------------------------------------------------------------
# Words a Chinese user does see: the program, formats, file kinds, option placeholders, keys.
ALLOWED = {
    "taskboard", "ID", "YYYY", "MM", "DD", "PDF", "Excel", "CSV", "Markdown", "HTML", "SVG",
    "xlsx", "csv", "pdf", "json", "md", "html", "svg", "txt", "docx", "doc", "xls", "zip",
    "Ctrl", "PostgreSQL", "SRC", "DST", "UTF", "GB", "GBK", "JSON",
}  # fmt: skip
_NOT_WORDS = (
    re.compile(r"\b[0-9a-f]{6}-[0-9A-Za-z.]+"),  # task ids
    re.compile(r"--?[a-z][a-z-]*"),  # option names: typed as they are
    re.compile(r"taskboard(?: [a-z]+)+"),  # commands to type
    re.compile(r"'[^'\n]*'"),  # values the user typed, quoted back
    re.compile(r"\b[a-z_]+/(?=[\u4e00-\u9fff])"),  # the typed spelling of a status: not_started/未开始
    re.compile(r"\S+\.(?:txt|docx|xlsx|csv|json|pdf|md|html|svg)(?:\.journal|\.\d+\.bak)?\b"),  # file names
)


def _argument_names() -> set[str]:
    """The positional arguments and commands as ``taskboard --help`` names them (``id``, ``status``…)."""
    import argparse

    from taskboard.cli.main import build_parser

    names: set[str] = set()
    parsers = [build_parser()]
    while parsers:
        for action in parsers.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                names |= {*action.choices, action.metavar or ""}
                parsers += action.choices.values()
            elif not action.option_strings:
                names.add(action.metavar or action.dest)
    return names


def english_words(text: str, typed: tuple[str, ...] = ()) -> set[str]:
    """The English words in ``text`` besides ids, file names, options, what the user ``typed``
    (echoed back) and the allowed few."""
    for value in sorted(typed, key=len, reverse=True):
        text = text.replace(value, " ")
    for pattern in _NOT_WORDS:
        text = pattern.sub(" ", text)
    allowed = ALLOWED | _argument_names()
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in allowed}


def test_english_words_finds_english_and_skips_ids_and_files():
    assert english_words("69b8ba-2：已修改 完成时限（见 taskboard list）要点.txt --today") == set()
    assert english_words("taskboard：错误：no task with id nope") == {"no", "task", "with", "nope"}
    assert english_words("没有编号为 nope-1 的任务", typed=("nope-1",)) == set()


DOC = (
    "伊州区2024年优化营商环境工作要点\n一、主要任务\n"
    "1.开展营商环境评价。（牵头单位：区发改委；完成时限：2024年6月底前）\n"
    "2.推进数字政府建设。牵头单位：张三\n"
    "4.每月通报改革进展。牵头单位：区政府办 每月20日前\n"
)


@pytest.fixture
def board(tmp_path, monkeypatch):
    """A Chinese board of five measures, a document to import, and a runner that collects output."""
    monkeypatch.setenv("TASKBOARD_TODAY", "2023-06-20")
    db = tmp_path / "board.json"
    TaskStore(db, now=fixed_now, who="张三@区改革办").import_tasks(SOURCE, measures())
    (tmp_path / "要点.txt").write_text(DOC, encoding="utf-8")
    return db


def _run(capsys, db, *argv) -> tuple[int, str]:
    try:
        code = main(["--lang", "zh", "--db", str(db), "--as", "李四@区改革办", *map(str, argv)])
    except SystemExit as exc:  # usage errors exit from argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, (out + err).replace(str(db.parent), "")


SESSION = [
    ["list"],
    ["list", "--lead", "区市场监管局"],
    ["show", T2],
    ["summary"],
    ["summary", "--format", "md"],
    ["remind"],
    ["remind", "--format", "md"],
    ["units"],
    ["check"],
    ["import", "--dry-run", "{dir}/要点.txt"],
    ["import", "{dir}/要点.txt"],
    ["move", T2, "进行中"],
    ["note", T2, "已完成系统联调"],
    ["edit", T2, "--deadline", "2023-09-30", "--co", "区司法局、区财政局"],
    ["show", T2],
    ["undo"],
    ["archive", T2, "--reason", "合并"],
    ["list", "--archived"],
    ["restore", T2],
    ["add", "落实区委交办事项", "--lead", "区发改委"],
    ["show", T2],
]
ERRORS = [
    ["show", "nope-1"],
    ["move", "nope-1", "done"],
    ["move", T2, "差不多了"],
    ["--today", "2023-13-45", "list"],
    ["edit", T2, "--deadline", "明年"],
    ["edit", T2],
    ["note", T2, "  "],
    ["archive", T2, "--reason", "不想做"],
    ["list", "--due-within", "x"],
    ["list", "--lead", "区无此局"],
    ["summary", "--lead", "区无此局"],
    ["summary", "--format", "pdf"],
    ["export", "--format", "xlsx"],
    ["import", "{dir}/没有这个文件.txt"],
    ["import", "{dir}/空.txt"],
    ["units", "merge", "无此单位", "区发改委"],
    ["move", T2],
    ["frobnicate"],
    ["--read-only", "move", T2, "done"],
]


def test_a_chinese_session_on_the_command_line_has_no_english(board, capsys):
    (board.parent / "空.txt").write_bytes(b"")
    said = {}
    for argv in SESSION:
        code, text = _run(capsys, board, *(a.format(dir=board.parent) for a in argv))
        assert code == 0, (argv, text)
        assert text.strip(), argv
        said[" ".join(argv)] = english_words(text)
    assert {k: v for k, v in said.items() if v} == {}


@pytest.mark.parametrize("argv", ERRORS, ids=[" ".join(a) for a in ERRORS])
def test_chinese_errors_have_no_english(board, capsys, argv):
    (board.parent / "空.txt").write_bytes(b"")
    argv = [a.format(dir=board.parent) for a in argv]
    code, text = _run(capsys, board, *argv)
    assert code != 0
    assert len(text.strip().splitlines()) == 1 and "Traceback" not in text
    assert english_words(text, typed=tuple(argv)) == set(), text


def _set_field(db, task, **fields):
    data = orjson.loads(db.read_bytes())
    data["tasks"][task].update(fields)
    db.write_bytes(orjson.dumps(data))


def _damage_journal(db):
    store = TaskStore(db, now=fixed_now)  # left open: its journal is not folded into the file
    store.move(T2, Status.DONE)
    store.move(T3, Status.DONE)
    journal = journal_path(db)
    journal.write_bytes(journal.read_bytes().replace(b'"done"', b'"dome"', 1))  # first line: bad checksum
    return store


DAMAGE = {
    "状态字段": lambda db: _set_field(db, T2, status="finished"),
    "单位字段": lambda db: _set_field(db, T2, lead_units="区发改委"),
    "进展": lambda db: _set_field(db, T2, notes=[{"text": 5}]),
    "编号": lambda db: _set_field(db, T2, id=None),
    "截断": lambda db: db.write_bytes(db.read_bytes()[: len(db.read_bytes()) // 2]),
    "空文件": lambda db: db.write_bytes(b""),
    "非JSON": lambda db: db.write_bytes("这不是数据库".encode("gb18030")),
    "其他程序": lambda db: db.write_bytes(orjson.dumps({"servers": {"web": {"port": 80}}})),
    "元数据": lambda db: db.write_bytes(orjson.dumps({"meta": [], "tasks": {}})),
    "日志": _damage_journal,
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_database_is_refused_and_checked_in_chinese(board, capsys, damage):
    kept = DAMAGE[damage](board)  # noqa: F841 (an open store keeps its journal)
    for argv in (["list"], ["show", T2], ["check"]):
        code, text = _run(capsys, board, *argv)
        assert code == 1, (argv, text)
        lines = text.strip().splitlines()
        assert "Traceback" not in text and lines, argv
        assert all(english_words(line) == set() for line in lines), text
        if argv == ["check"]:
            assert lines[-1].endswith("个问题"), text
        else:
            assert len(lines) == 1 and lines[0].startswith("taskboard：错误："), text


def test_unreadable_history_is_named_in_chinese_when_it_is_read(board, capsys):
    raw = board.read_bytes()
    row = b'"0000000001.00001":{"seq":1,'
    assert row in raw  # the history is kept one row a line, parsed only when asked for
    board.write_bytes(raw.replace(row, row[:-1] + b" "))  # a comma lost: the rows no longer parse
    code, text = _run(capsys, board, "show", T2)
    assert code == 1
    assert text.strip() == "taskboard：错误：/board.json 是损坏的 taskboard 数据库：历史记录不是有效的 JSON"
    code, text = _run(capsys, board, "check")
    assert code == 1 and english_words(text) == set() and "1 个问题" in text


def test_damage_is_named_in_chinese_with_the_stored_names(board, capsys):
    _set_field(board, T2, status="finished", notes=[{"text": 5}])
    _, text = _run(capsys, board, "list")
    assert f"/board.json 是损坏的 taskboard 数据库：任务 '{T2}'：状态（'status'）'finished'" in text
    assert "可用：done/已完成、in_progress/进行中、not_started/未开始" in text
    assert "另有 1 个问题" in text and "文件未作任何改动" in text
    _, text = _run(capsys, board, "check")
    assert f"任务 '{T2}'：第 1 条进展（'notes'）必须是对象" in text and "2 个问题" in text
    _, text = _run(capsys, board, "--lang", "en", "list")
    assert f"is a damaged taskboard database: task '{T2}': status 'finished' is not one of done, " in text
    assert "in_progress, not_started (and 1 more; `taskboard check` lists them)" in text
    assert text.strip().endswith("; it was left untouched")


def test_history_reads_as_sentences(board, capsys):
    _run(capsys, board, "move", T2, "进行中")
    _run(capsys, board, "undo")
    _, text = _run(capsys, board, "show", T2)
    assert "李四@区改革办 把状态从 未开始 改为 进行中" in text
    assert "撤销了第 2 次更改（状态）：进行中 → 未开始" in text


def test_unreadable_files_are_refused_in_chinese(board, capsys, tmp_path):
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "aliases.txt").write_text("区发改委 = 发改委\n乱写一行\n", encoding="utf-8")
    (tmp_path / "台账.xlsx").write_bytes(b"not a workbook")
    (tmp_path / "方案.pdf").write_bytes(b"%PDF-1.4")
    for argv in (
        ["list", "--lead", "发改委"],
        ["import", tmp_path / "台账.xlsx"],
        ["import", tmp_path / "方案.pdf"],
    ):
        code, text = _run(capsys, board, *argv)
        assert code == 1 and len(text.strip().splitlines()) == 1, text
        assert english_words(text, typed=tuple(map(str, argv))) == set(), text
