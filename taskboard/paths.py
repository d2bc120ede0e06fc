"""Where taskboard finds its bundled files and keeps the user's own."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "taskboard"
_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _bundled(name: str) -> Path:
    # A wheel ships data/ and themes/ inside the package; a source checkout
    # (editable install, tests) has them at the repository's top level.
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def data_dir() -> Path:
    """The bundled ``data/`` folder: seed documents and the unit alias table."""
    return _bundled("data")


def themes_dir() -> Path:
    """The bundled ``themes/`` folder of theme data files."""
    return _bundled("themes")


ALIASES_FILE = "aliases.txt"


def seed_documents() -> list[Path]:
    """The documents a new board is seeded from, in file-name order (not the alias table)."""
    return sorted(
        p
        for p in data_dir().iterdir()
        if p.suffix.lower() in {".txt", ".docx", ".md"} and p.name != ALIASES_FILE
    )


def user_data_dir() -> Path:
    """The per-user data folder (platformdirs), where the default database lives."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir() -> Path:
    """The per-user config folder: settings and the user's own alias table."""
    override = os.environ.get("TASKBOARD_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path | str:
    """``TASKBOARD_DB`` (a file, or a ``postgresql://`` URL kept as it is), else the user data folder."""
    env = os.environ.get("TASKBOARD_DB")
    if env and env.startswith(("postgresql://", "postgres://")):
        return env  # Path() would fold "//" and turn the server into a local folder
    if env:
        return Path(env).expanduser()
    return user_data_dir() / "tasks.json"
