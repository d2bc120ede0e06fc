"""Opening the board loads only what the board needs: every import is paid at each start."""

from __future__ import annotations

import subprocess
import sys


def test_starting_the_command_loads_neither_the_importer_nor_the_workbook_library():
    # Together they were half of the board's start (openpyxl a fifth of a second);
    # only import, export and `units merge` need them, and they load them when they run.
    heavy = "{'openpyxl', 'taskboard.ingest', 'rich.progress'}"
    code = f"import sys, taskboard.cli, taskboard.ui.app; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
