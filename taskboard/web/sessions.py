"""Who is at each browser tab: the name they give, checked, handed to that tab's board once."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from ..safetext import one_line

# Long enough for 姓名@单位 or an English name; history rows stay one readable line.
MAX_NAME = 40
# A page that never opens its websocket leaves its key behind; keys older than this are void.
KEY_LIFETIME = 120.0


class BadName(ValueError):
    """A name a browser user typed that cannot be recorded as an author."""


def check_name(raw: str | None) -> str:
    """The name to record in history for ``raw``, stripped; raises :class:`BadName` if unusable.

    Control characters and escape sequences are refused, not cleaned: the user
    must see that what they typed is not what would be recorded.
    """
    name = (raw or "").strip()
    if not name:
        raise BadName("empty")
    if one_line(name) != name:
        raise BadName("control")
    if len(name) > MAX_NAME:
        raise BadName("long")
    return name


class SessionKeys:
    """One-time keys that carry a tab's name from its page to its websocket.

    textual.js appends ``?width=…&height=…`` to the websocket URL it is given,
    so the name travels as an unguessable path key instead of a query parameter.
    A key is used once (a reload asks for a new page, hence a new key).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._names: dict[str, tuple[str, float]] = {}

    def issue(self, name: str) -> str:
        """A fresh key that :meth:`take` turns back into ``name`` once."""
        self._forget_old()
        key = secrets.token_urlsafe(18)
        self._names[key] = (name, self._clock())
        return key

    def take(self, key: str) -> str | None:
        """The name ``key`` was issued for, or None for an unknown, used or expired key."""
        self._forget_old()
        entry = self._names.pop(key, None)
        return entry[0] if entry else None

    def _forget_old(self) -> None:
        cutoff = self._clock() - KEY_LIFETIME
        for key in [k for k, (_, made) in self._names.items() if made < cutoff]:
            del self._names[key]
