"""``taskboard`` as started by its command, ended as soon as it reaches one stage of its start.

    python bench/start_stage.py STAGE [taskboard's arguments…]

STAGE: ``python`` (the interpreter alone), ``textual`` (Textual imported), ``store`` (the
database open, before the app is made), ``app`` (the app made: model, screens, themes) or
``frame`` (the first frame handed to the terminal).  Run by bench/start_cost.py under
valgrind; the process leaves at once (``os._exit``), so nothing after the stage is counted.
"""

from __future__ import annotations

import gc
import os
import sys

STAGES = ("python", "textual", "store", "app", "frame")


def main() -> None:
    """Start taskboard with the arguments after STAGE, and leave at STAGE."""
    stage, argv = sys.argv[1], sys.argv[2:]
    if stage not in STAGES:
        raise SystemExit(f"unknown stage {stage!r} (one of {', '.join(STAGES)})")
    gc.disable()  # as taskboard.start does, before its first import
    if stage == "python":
        os._exit(0)
    from textual.app import App

    if stage == "textual":
        os._exit(0)
    display = App._display

    def first_frame(self: App, screen: object, renderable: object) -> None:
        display(self, screen, renderable)
        if renderable is not None:
            os._exit(0)

    App._display = first_frame  # type: ignore[method-assign]
    import taskboard.ui

    create_app = taskboard.ui.create_app

    def run(store: object, **options: object) -> None:
        if stage == "app":
            create_app(store, **options)  # type: ignore[arg-type]
        os._exit(0)

    if stage in ("store", "app"):
        taskboard.ui.run = run  # type: ignore[assignment]
    from taskboard.start import main as start

    start(argv)
    raise SystemExit("taskboard ended before the stage was reached")


if __name__ == "__main__":
    main()
