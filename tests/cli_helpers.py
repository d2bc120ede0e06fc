"""Running the ``taskboard`` command line in-process, as the CLI tests do."""

from __future__ import annotations

from taskboard.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``taskboard ARGV`` (each argument passed through ``str``)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
