"""The ``taskboard`` command's entry point (``python -m taskboard`` too)."""

from __future__ import annotations

import gc
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``taskboard``; return the process exit code (see :func:`taskboard.cli.main.main`).

    The cyclic garbage collector is off while the command starts: the imports and a
    10,000-task board are ~200,000 objects that all stay alive, and the full collections
    their allocation triggers cost a sixth of the board's start to find a few hundred
    objects of garbage.  A command turns it back on before it runs (``cli.main.main``),
    the board once it is loaded (``TaskboardApp.on_mount``); it is on when this returns.
    Lives outside ``taskboard.cli``, whose package imports every command on import.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        from .cli import main as run  # imported here, with the collector off

        return run(argv)
    finally:
        if enabled:
            gc.enable()
