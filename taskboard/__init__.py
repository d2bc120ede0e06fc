"""taskboard: a terminal task board for reform measures from policy documents."""

__version__ = "0.1.0"
