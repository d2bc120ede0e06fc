"""``python -m taskboard``: same as the ``taskboard`` command."""

from .start import main

raise SystemExit(main())
