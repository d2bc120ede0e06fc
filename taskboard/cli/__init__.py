"""The ``taskboard`` command line: thin wrappers over the store, importer and reports."""

from .main import main

__all__ = ["main"]
