"""The unit alias table: one canonical name per unit, extensible by users.

File format (UTF-8, ``#`` starts a comment)::

    区市场监督管理局 = 区市场监管局 | 区市监局

The name left of ``=`` is canonical; every name on the right is rewritten to
it. Matching ignores full-/half-width differences (``（`` = ``(``) and spaces,
so one line covers both bracket styles. Unknown spellings are left alone.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from .. import paths
from .errors import IngestError

ALIAS_FILE = "aliases.txt"
# Administrative-level prefixes that do not change which kind of unit a name is.
_LEVEL_PREFIXES = ("自治区", "省", "市", "州", "县", "区", "旗", "盟", "镇", "乡")


def unit_key(name: str) -> str:
    """Comparison key for unit names: NFKC (full-width → ASCII brackets) without spaces."""
    return "".join(unicodedata.normalize("NFKC", name).split())


class AliasTable:
    """Maps unit spellings to their canonical name."""

    def __init__(self, pairs: dict[str, str] | None = None) -> None:
        self._canonical: dict[str, str] = {}
        self.version = 0  # bumped on every change, so cached unit splits never go stale
        for alias, canonical in (pairs or {}).items():
            self.add(canonical, alias)

    def add(self, canonical: str, *aliases: str) -> None:
        """Declare ``aliases`` (and ``canonical`` itself) as spellings of ``canonical``."""
        canonical = canonical.strip()
        for name in (canonical, *aliases):
            if name.strip():
                self._canonical[unit_key(name)] = canonical
        self.version += 1

    def canonical(self, name: str) -> str:
        """The canonical spelling of ``name``, or ``name`` unchanged when unknown.

        A level prefix (区/市/县…) is carried over: with ``市场监督管理局 = 市场监管局``
        in the table, ``区市场监管局`` becomes ``区市场监督管理局``.
        """
        key = unit_key(name)
        found = self._canonical.get(key)
        if found is not None:
            return found
        for prefix in _LEVEL_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) + 1:
                found = self._canonical.get(key[len(prefix) :])
                if found is not None:
                    return prefix + found
        return name

    def knows(self, name: str) -> bool:
        """True when ``name`` is a known spelling (used to keep glued-name splitting off it)."""
        return unit_key(name) in self._canonical

    def __len__(self) -> int:
        return len(self._canonical)

    def load(self, path: Path) -> None:
        """Add every line of an alias file; later files override earlier ones."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as err:
            raise IngestError.of(path.name, "alias_unreadable", why=err.strerror or err) from err
        except UnicodeDecodeError as err:
            raise IngestError.of(path.name, "alias_not_utf8") from err
        for lineno, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            canonical, sep, rest = line.replace("＝", "=").partition("=")
            aliases = [a.strip() for a in rest.replace("｜", "|").split("|")]
            if not sep or not canonical.strip() or not any(aliases):
                raise IngestError.of(path.name, "alias_line", lineno=lineno, raw=repr(raw))
            self.add(canonical, *aliases)


@lru_cache(maxsize=1)
def _bundled() -> tuple[tuple[str, str], ...]:
    table = AliasTable()
    path = paths.data_dir() / ALIAS_FILE
    if path.exists():
        table.load(path)
    return tuple(table._canonical.items())


def user_alias_file() -> Path:
    """The user's own alias table (same format), read after the bundled one."""
    return paths.user_config_dir() / ALIAS_FILE


def load_aliases(*extra_paths: str | Path) -> AliasTable:
    """The bundled ``data/aliases.txt``, the user's ``aliases.txt`` in the config
    folder if there is one, then ``extra_paths``; later entries win."""
    table = AliasTable()
    table._canonical.update(_bundled())
    if user_alias_file().exists():
        table.load(user_alias_file())
    for extra in extra_paths:
        table.load(Path(extra))  # named explicitly, so a missing file is an error
    return table


@lru_cache(maxsize=1)
def default_aliases() -> AliasTable:
    """The bundled table, loaded once; used when a caller passes no table."""
    return load_aliases()
