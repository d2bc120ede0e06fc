"""User settings (theme, language) kept in a small JSON file in the config folder."""

from __future__ import annotations

import contextlib
import json
import locale
import os
from pathlib import Path
from typing import Any

from . import paths

LANGS = ("zh", "en")


def config_path() -> Path:
    """The settings file: ``<user config dir>/config.json``."""
    return paths.user_config_dir() / "config.json"


def load() -> dict[str, Any]:
    """The saved settings; an unreadable or broken file counts as empty (settings are not data)."""
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> None:
    """Merge ``changes`` into the settings file (atomically; failures are ignored)."""
    data = {**load(), **changes}
    target = config_path()
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, target)


def default_lang() -> str:
    """``zh`` when the locale (LC_ALL / LC_MESSAGES / LANG) is Chinese, else ``en``."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    with contextlib.suppress(ValueError):
        loc = locale.getlocale()[0] or ""
        if loc.lower().startswith("zh"):
            return "zh"
    return "en"


def due_soon_days() -> int:
    """The "due soon" window of summaries, 催办 and filters: ``due_soon_days`` in the settings, else 14."""
    from .model import DUE_SOON_DAYS

    value = load().get("due_soon_days")
    valid = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 366
    return value if valid else DUE_SOON_DAYS
