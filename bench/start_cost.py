"""What the board's start costs, stage by stage, in instructions: a figure that does not move
with whatever else the machine is doing.

    .venv/bin/python bench/start_cost.py --tasks 10000

The wall-clock start (bench/board.py's "start → whole board painted") moves by ±15 % from
one run to the next on a shared machine, more than most changes to the start are worth.
Here the real start (bench/start_stage.py, the ``taskboard`` command's own entry point, in
a pseudo-terminal of the given size, on a synthetic board with 10 history rows a task) runs
under valgrind's callgrind, which counts the instructions the process executes: the same
count for the same code and data, whatever the load.  Each stage is a run of its own that
leaves as soon as it reaches it; the table gives each stage's count and what it added.
Instructions are not seconds (a cache miss costs more than an add), but a change that
removes 5 % of them removes about 5 % of the start.  Needs valgrind (on every machine here);
each run takes about a minute.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import sys
import tempfile
from pathlib import Path

from common import ROOT, build_in_child, start_in_terminal
from start_stage import STAGES
from synthetic import AS_OF as TODAY

WHAT = {
    "python": "the interpreter",
    "textual": "+ Textual imported",
    "store": "+ taskboard's modules, the database open",
    "app": "+ the app made (model, screens, themes)",
    "frame": "+ the first frame (compose, styles, layout, paint)",
}


def instructions(stage: str, path: Path, size: tuple[int, int], home: Path) -> int:
    """Instructions executed by taskboard's start up to ``stage``, in a terminal of ``size``."""
    log = home / f"valgrind-{stage}.log"
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", f"--log-file={log}",
           sys.executable, str(Path(__file__).with_name("start_stage.py")), stage,
           "--db", str(path), "--today", TODAY.isoformat(), "--lang", "zh", "--theme", "dark"]  # fmt: skip
    proc, main = start_in_terminal(cmd, size, home, PYTHONPATH=str(ROOT), PYTHONHASHSEED="0")
    try:
        while True:  # drain the terminal until the process leaves
            try:
                if not os.read(main, 1 << 16):
                    break
            except OSError:
                break
    finally:
        proc.wait()
        os.close(main)
    found = re.search(r"Collected : (\d+)", log.read_text())
    if found is None:
        raise RuntimeError(f"valgrind said no count for {stage}: {log.read_text()[-500:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    """Build the board, count each stage, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--tasks", type=int, default=10_000, help="tasks on the board (default 10000)")
    parser.add_argument("--size", default="160x45", help="terminal size WxH (default 160x45)")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.split("x"))
    # Bytecode as an installed taskboard has it (see bench/board.py).
    compileall.compile_dir(ROOT / "taskboard", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        build_in_child(path, args.tasks, 10)
        print(f"# {args.tasks} tasks, 10 history rows each, {args.size}; millions of instructions")
        print("| stage | instructions | added |\n| --- | --- | --- |")
        before = 0
        for stage in STAGES:
            count = instructions(stage, path, size, Path(tmp))  # type: ignore[arg-type]
            print(f"| {WHAT[stage]} | {count / 1e6:,.0f} M | {(count - before) / 1e6:,.0f} M |", flush=True)
            before = count
    return 0


if __name__ == "__main__":
    sys.exit(main())
