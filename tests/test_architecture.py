"""The layering the README promises: the domain and the CLI never load Textual."""

from __future__ import annotations

import subprocess
import sys


def test_domain_and_cli_do_not_import_textual():
    code = (
        "import sys\n"
        "import taskboard.model, taskboard.store, taskboard.ingest, taskboard.report, taskboard.cli\n"
        "import taskboard.cli.main\n"
        "from taskboard.cli.main import build_parser\n"
        "build_parser()\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
