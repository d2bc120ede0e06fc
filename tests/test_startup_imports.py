"""Opening the board loads only what the board needs: every import is paid at each start."""

from __future__ import annotations

import subprocess
import sys


def test_starting_the_command_does_not_load_the_workbook_library():
    # openpyxl alone is a fifth of a second of the board's start; only export and
    # workbook import need it, and they import it when they run.
    code = "import sys, taskboard.cli, taskboard.ui; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
