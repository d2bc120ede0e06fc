"""The layering the README promises: the domain and every command but the board never load Textual."""

from __future__ import annotations

import subprocess
import sys
import textwrap

NO_TEXTUAL = "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))"


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True)


def test_domain_does_not_import_textual():
    result = run_python(f"""
        import sys
        import taskboard.model, taskboard.store, taskboard.ingest, taskboard.report
        import taskboard.report.summary, taskboard.report.summary_rich, taskboard.report.summary_md
        import taskboard.report.summary_html, taskboard.report.remind, taskboard.report.csv_export
        import taskboard.report.xlsx, taskboard.report.ledger, taskboard.cli.reports
        {NO_TEXTUAL}
    """)
    assert result.returncode == 0, result.stderr


def test_commands_other_than_the_board_do_not_import_textual(tmp_path):
    db, doc = tmp_path / "board.json", tmp_path / "要点.txt"
    doc.write_text("一、主要任务\n1.开展营商环境评价。\n牵头单位：区发改委\n", encoding="utf-8")
    result = run_python(f"""
        import sys, contextlib, io
        from taskboard.cli import main
        commands = [["list"], ["summary"], ["remind"], ["export", "--format", "json"],
                    ["import", "--dry-run", {str(doc)!r}]]
        with contextlib.redirect_stdout(io.StringIO()):
            codes = [main(["--db", {str(db)!r}, *argv]) for argv in commands]
        assert codes == [0] * len(commands), codes
        {NO_TEXTUAL}
    """)
    assert result.returncode == 0, result.stderr
