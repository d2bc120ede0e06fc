"""The server process stays light: serving boards never loads Textual (each tab's process does)."""

from __future__ import annotations

import subprocess
import sys


def test_the_server_side_does_not_import_textual():
    code = (
        "import sys, taskboard.web, taskboard.web.server, taskboard.cli.serve\n"
        "assert not [m for m in sys.modules if m == 'textual' or m.startswith('textual.')], "
        "sorted(m for m in sys.modules if m.startswith('textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_other_commands_do_not_load_the_web_server():
    code = (
        "import sys\nfrom taskboard.cli.main import build_parser\nbuild_parser()\n"
        "assert 'aiohttp' not in sys.modules and 'taskboard.web' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
