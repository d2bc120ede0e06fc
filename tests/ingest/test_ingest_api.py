"""The public API: what the CLI and the store rely on."""

from __future__ import annotations

import subprocess
import sys

from rich.console import Console

import taskboard.ingest as ingest
from taskboard.ingest import ParsedDocument, load_aliases, parse_file, parse_text
from taskboard.ingest.preview import preview_table


def test_public_names():
    for name in ("IngestError", "ParsedDocument", "AliasTable", "parse_file", "parse_text", "load_aliases"):
        assert hasattr(ingest, name)


def test_importing_the_domain_never_pulls_in_textual():
    code = (
        "import sys, taskboard.ingest, taskboard.ingest.preview, taskboard.ingest.docx; "
        "taskboard.ingest.parse_text('1.推进改革。', 'x.txt'); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_parse_file_and_parse_text_agree(fixtures_dir):
    path = fixtures_dir / "plan_blocks.txt"
    from_file = parse_file(path)
    from_text = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert isinstance(from_file, ParsedDocument)
    assert [t.to_dict() for t in from_file.tasks] == [t.to_dict() for t in from_text.tasks]
    assert (from_file.source, from_file.title, from_file.year) == (
        "plan_blocks.txt",
        "某县2024年优化营商环境工作要点",
        2024,
    )


def test_a_document_without_title_is_named_after_its_file(fixtures_dir):
    assert parse_file(fixtures_dir / "report.txt").title == "report"


def test_dry_run_preview_lists_number_title_leads_deadline(fixtures_dir):
    doc = parse_file(fixtures_dir / "plan_blocks.txt")
    console = Console(record=True, width=160)
    console.print(preview_table(doc, "zh"))
    out = console.export_text()
    for expected in (
        "编号",
        "牵头单位",
        "推进政务服务一网通办",
        "县政府办(县政务服务中心)",
        "2024-12-31",
        "持续推进",
        "6 项任务",
    ):
        assert expected in out
    console = Console(record=True, width=160)
    console.print(preview_table(doc, "en"))
    out = console.export_text()
    assert "Lead units" in out and "recurring" in out and "6 tasks" in out


def test_preview_marks_inferred_deadlines(fixtures_dir):
    console = Console(record=True, width=160)
    console.print(preview_table(parse_file(fixtures_dir / "one_line.txt")))
    assert "2022-12-31（推定）" in console.export_text()


def test_bundled_alias_table_loads():
    table = load_aliases()
    assert table.canonical("区市场监管局") == "区市场监督管理局"
    assert table.canonical("区政府办（政务服务中心）") == "区政府办(区政务服务中心)"
