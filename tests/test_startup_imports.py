"""Opening the board loads only what the board needs: every import is paid at each start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from taskboard.store import TaskStore

from .store.fixtures import SOURCE, fixed_now, measures

ROOT = Path(__file__).resolve().parent.parent

# Each was loaded by every start once; the commands that need them load them when they run.
KEPT_OUT = {
    "openpyxl",  # a fifth of a second: import, export and `units merge` only
    "taskboard.ingest",  # the importer: reading documents
    "rich.progress",  # import's progress bar
    "coloraide",  # the palette's theme check; the board's own contrast is ui/themes.py's
    "psycopg",  # a shared board on a server, only for postgresql:// URLs
    "taskboard.store.postgres_records",
    "taskboard.report.ledger",  # the 台账 reader (services.apply_ledger_plan)
    "taskboard.cli.tasks",  # the commands' modules (cli.main._parse)
    "taskboard.cli.reports",
    "taskboard.cli.importing",
    "taskboard.cli.database",
    "taskboard.cli.units",
    "aiohttp",  # `taskboard serve`
    "reportlab",  # the summary as PDF
    "docx",
    "filelock",  # loads with the first lock a write takes (store/storage.py)
    # The board's dialogs and other screens load when they first open (screens/board_screen.py).
    "taskboard.ui.screens.detail_screen",
    "taskboard.ui.screens.edit_screen",
    "taskboard.ui.screens.add_screen",
    "taskboard.ui.screens.picker_screen",
    "taskboard.ui.screens.prompt_screen",
    "taskboard.ui.screens.choice_screen",
    "taskboard.ui.screens.help_screen",
    "taskboard.ui.screens.dialog",
    "taskboard.ui.commands",  # the palette's provider, when the palette opens
}


def test_starting_the_command_loads_none_of_what_the_board_does_not_need():
    code = f"import sys, taskboard.cli, taskboard.ui.app; print(sorted({KEPT_OUT!r} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (out.returncode, out.stdout.strip()) == (0, "[]"), out.stderr


def test_painting_the_board_loads_none_of_it_either(tmp_path):
    # The cursor card's colours once imported coloraide at the first frame.
    path = tmp_path / "看板.json"
    TaskStore(path, now=fixed_now).import_tasks(SOURCE, measures())
    argv = ["--db", str(path), "--today", "2023-06-30", "--lang", "zh", "--theme", "dark"]
    code = f"""
import asyncio, importlib, sys
from tests.ui.board_helpers import screen_text
cli = importlib.import_module("taskboard.cli.main")
ctx = cli.Context(cli._parse({argv!r}))
from taskboard.ui import create_app
app = create_app(ctx.store, today=ctx.today, lang=ctx.lang, theme=ctx.args.theme)

async def paint():
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "未开始" in shown and "{measures()[0].title}" in shown

asyncio.run(paint())
print(sorted({KEPT_OUT!r} & set(sys.modules)))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (out.returncode, out.stdout.strip()) == (0, "[]"), out.stderr
