"""The board's name for the catalogue: ``tr(lang, key, **values)`` is :func:`taskboard.catalogue.say`."""

from __future__ import annotations

from ..catalogue import LANGS
from ..catalogue import has as has_key
from ..catalogue import say as tr

__all__ = ["LANGS", "has_key", "tr"]
