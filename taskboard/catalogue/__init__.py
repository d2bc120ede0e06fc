"""Every word taskboard shows, in Chinese and English: the board, the command line, reports, errors.

One table per language (:mod:`.zh`, :mod:`.en`) with the same keys and the same
``str.format`` placeholders (a test checks both).  Keys are namespaced by who
says them where one word would mean different things: board keys have no
prefix (``read_only`` is the board's badge), ``cli.*`` is what the command
line, the store's errors and history sentences say (``cli.read_only`` is an
error), ``report.*`` the words of summaries and ledgers, ``status.*`` and
``countdown.*`` the model's labels.

A value one language leaves out is written ``{name:.0}`` in that language's table
(the same placeholders in both tables, which a test checks); it prints nothing,
whatever the value's type.

English plurals: a key ``K.one`` in the English table is used instead of ``K``
when the value ``n`` is 1 (Chinese needs no such variant).

Exceptions that reach people carry a key and its values (:class:`Said`), so
the command line and the board say them in the user's language; their
``str()`` stays English for logs and tracebacks.  Domain code: never imports
Textual.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

from .en import TABLE as EN
from .zh import TABLE as ZH

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
TABLES: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
PLURAL_ONE = ".one"


class Phrase(str):
    """Text that travels as a plain (English) string but can be said again in any language.

    Store a ``Phrase.of(key, **values)`` where a string is expected (a database's
    read-only reason, say); :func:`say` puts it into a message in the message's
    language.
    """

    key: str
    values: dict[str, Any]
    items: tuple[object, ...] = ()

    @classmethod
    def of(cls, key: str, **values: Any) -> Phrase:
        """The phrase ``key`` with ``values``; as a ``str`` it reads in English."""
        phrase = cls(say("en", key, **values))
        phrase.key, phrase.values = key, values
        return phrase

    @classmethod
    def listing(cls, items: Iterable[object]) -> Phrase:
        """``items`` listed in running text (``a, b`` / ``a、b``), each phrase said in the list's language."""
        items = tuple(items)
        phrase = cls(join("en", items))
        phrase.key, phrase.values, phrase.items = "", {}, items
        return phrase

    def in_lang(self, lang: str) -> str:
        """The phrase in ``lang``."""
        if not self.key:  # a listing
            return join(lang, (i.in_lang(lang) if isinstance(i, Phrase) else i for i in self.items))
        return say(lang, self.key, **self.values)


def say(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English for an unknown language), filled in.

    A :class:`Phrase` among ``values`` is said in ``lang`` too.
    """
    table = TABLES.get(lang, EN)
    values = {k: v.in_lang(lang) if isinstance(v, Phrase) else v for k, v in values.items()}
    if values.get("n") == 1 and key + PLURAL_ONE in table:
        key += PLURAL_ONE
    text = table[key]
    return _FORMATTER.format(text, **values) if values else text


class _Formatter(string.Formatter):
    # str.format refuses a precision for numbers; ``:.0`` here means "leave this value out".
    def format_field(self, value: Any, format_spec: str) -> Any:
        return "" if format_spec == ".0" else super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def has(key: str) -> bool:
    """True if ``key`` is in the catalogue."""
    return key in EN


def name_of(lang: str, prefix: str, name: str) -> str:
    """``name`` said through the key ``prefix + name`` (``cli.field_`` + ``title``), or as it is when unknown.

    Fields and actions a newer version wrote have no words here yet: they are shown as stored.
    """
    key = prefix + name
    return say(lang, key) if has(key) else name


def join(lang: str, items: Iterable[object]) -> str:
    """Names listed in running text: ``区发改委、区财政局`` / ``A, B``."""
    return say(lang, "list_sep").join(str(item) for item in items)


def long_date(d: date, lang: str) -> str:
    """A date for running text: ``2023年6月30日`` or ``30 June 2023``."""
    month_name = say(lang, "cal_month_names").split(",")[d.month - 1]
    return say(lang, "date_long", year=d.year, month_name=month_name, day=d.day)


class Said:
    """Mixin for exceptions people read: a catalogue key and its values.

    ``message_in(lang)`` says it in the user's language; ``str()`` keeps the
    English one-liner the exception was raised with.
    """

    key: str | None = None
    values: dict[str, Any]

    @classmethod
    def keyed(cls, key: str, **values: Any) -> Any:
        """The error said with ``key``: its ``str()`` is the English message, for logs."""
        return cls(say("en", key, **values)).said(key, **values)

    def said(self, key: str, **values: Any) -> Said:
        """Attach the catalogue key (and values) this error is said with; returns ``self``."""
        self.key, self.values = key, values
        return self

    def message_in(self, lang: str) -> str:
        """The message in ``lang``, or ``str(self)`` when the error has no key."""
        return say(lang, self.key, **self.values) if self.key else str(self)


def review_label(code: str, lang: str = "zh") -> str:
    """An importer doubt code (``Task.review``) in words: ``odd_unit:X`` → ``单位名称存疑：X``."""
    kind, _, arg = code.partition(":")
    if not has(f"review.{kind}"):
        return kind  # a code a newer version wrote: shown as stored
    if arg and kind == "number_gap":
        arg = arg.replace("-", " → ")
    return say(lang, f"review.{kind}", arg=arg)
