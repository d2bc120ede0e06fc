"""``python -m taskboard``: same as the ``taskboard`` command."""

from .cli import main

raise SystemExit(main())
