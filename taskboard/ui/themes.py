"""Themes come from TOML data files in ``themes/``, so adding one needs no Python."""

from __future__ import annotations

import dataclasses
import logging
import tomllib
from pathlib import Path

from textual.theme import Theme

from taskboard import paths

DEFAULT_THEME = "dark"
log = logging.getLogger(__name__)

# The Theme fields a file may set; anything else is a mistake worth reporting.
_FIELDS = {f.name for f in dataclasses.fields(Theme)}


class ThemeFileError(ValueError):
    """A theme file that cannot be used, with the reason."""


def parse_theme(text: str, origin: str = "<theme>") -> Theme:
    """Build a Theme from the TOML ``text`` of a theme file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"{origin}: {exc}") from None
    unknown = set(data) - _FIELDS
    if unknown:
        raise ThemeFileError(f"{origin}: unknown keys {', '.join(sorted(unknown))}")
    if not isinstance(data.get("name"), str) or not isinstance(data.get("primary"), str):
        raise ThemeFileError(f"{origin}: a theme needs a name and a primary colour")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeFileError(f"{origin}: [variables] must be a table")
    data["variables"] = {str(k): str(v) for k, v in variables.items()}
    return Theme(**data)


def load_themes(folder: Path | None = None) -> list[Theme]:
    """Every usable theme file in ``folder`` (default: the bundled ``themes/``), by name.

    A broken file is logged and skipped: one bad theme must not stop the board.
    """
    folder = folder or paths.themes_dir()
    themes = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            themes.append(parse_theme(path.read_text(encoding="utf-8"), str(path)))
        except (OSError, ThemeFileError) as exc:
            log.warning("skipping theme %s", exc)
    return themes
