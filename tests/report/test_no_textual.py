"""The report domain and the CLI never pull in Textual (only the board's screen does)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MODULES = [
    "taskboard.report.summary",
    "taskboard.report.summary_rich",
    "taskboard.report.summary_md",
    "taskboard.report.summary_html",
    "taskboard.report.remind",
    "taskboard.report.ledger_columns",
    "taskboard.report.csv_export",
    "taskboard.report.xlsx",
    "taskboard.report.ledger",
    "taskboard.cli.reports",
    "taskboard.cli.main",
]


def test_domain_and_cli_do_not_import_textual():
    # A fresh interpreter: this test process may already have Textual from the screen tests.
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in MODULES)
    code += "assert 'textual' not in sys.modules, [m for m in sys.modules if m.startswith('textual')]\n"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
