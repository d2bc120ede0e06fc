"""Both languages are complete: same keys, same placeholders, every key has its strings."""

from __future__ import annotations

import string

from taskboard.catalogue import EN, PLURAL_ONE, ZH
from taskboard.catalogue import TABLES as STRINGS
from taskboard.ui.i18n import tr
from taskboard.ui.keys import APP_KEYS, BOARD_KEYS, DETAIL_KEYS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_tables_have_the_same_keys():
    assert set(ZH) == {k for k in EN if not k.endswith(PLURAL_ONE)}  # English adds its "one" forms
    assert set(STRINGS) == {"zh", "en"}


def test_placeholders_match_and_nothing_is_empty():
    for key in ZH:
        assert ZH[key].strip() and EN[key].strip(), key
        assert _fields(ZH[key]) == _fields(EN[key]), key


def test_every_key_binding_has_short_and_long_text_in_both_languages():
    for spec in (*BOARD_KEYS, *DETAIL_KEYS, *APP_KEYS):
        for lang in ("zh", "en"):
            assert tr(lang, f"key_{spec.name}")
            assert tr(lang, f"help_{spec.name}")
            if spec.group:
                assert tr(lang, f"key_{spec.group}")


def test_chinese_strings_are_chinese():
    assert tr("zh", "shown", shown=3, total=12) == "显示 3 / 共 12 项"
    assert tr("en", "shown", shown=3, total=12) == "Shown 3 of 12"
