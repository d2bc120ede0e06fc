"""Themes are data files: a dark one, a light one that prints, a 红头文件 red-on-white one."""

from __future__ import annotations

import pytest

from taskboard import config, paths
from taskboard.ui.themes import ThemeFileError, load_themes, parse_theme
from tests.ui.board_helpers import screen_text

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_three_themes_load_from_toml_files():
    files = sorted(p.name for p in paths.themes_dir().glob("*.toml"))
    assert {"dark.toml", "light.toml", "hongtou.toml"} <= set(files)
    themes = {t.name: t for t in load_themes()}
    assert themes["dark"].dark is True
    assert themes["light"].dark is False and themes["light"].background == "#ffffff"
    red = themes["hongtou"]
    assert red.dark is False and red.background == "#ffffff" and red.primary.lower() == "#c8102e"


def test_a_broken_theme_file_is_reported_and_skipped(tmp_path, caplog):
    (tmp_path / "bad.toml").write_text('name = "bad"\nprimry = "#fff"\n', encoding="utf-8")
    (tmp_path / "ok.toml").write_text('name = "ok"\nprimary = "#123456"\n', encoding="utf-8")
    assert [t.name for t in load_themes(tmp_path)] == ["ok"]
    with pytest.raises(ThemeFileError, match="unknown keys primry"):
        parse_theme('name = "bad"\nprimry = "#fff"\n')
    with pytest.raises(ThemeFileError, match="needs a name"):
        parse_theme('primary = "#fff"\n')


@pytest.mark.asyncio
async def test_theme_flag_and_saved_choice(make_app):
    app = make_app(theme="light")
    async with app.run_test(size=(120, 40)):
        assert app.theme == "light"
        assert {"dark", "light", "hongtou"} <= set(app.available_themes)
    config.save(theme="hongtou")
    app = make_app()  # no --theme: the saved choice
    async with app.run_test(size=(120, 40)):
        assert app.theme == "hongtou"


@pytest.mark.asyncio
async def test_default_is_dark_and_an_unknown_theme_falls_back(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)):
        assert app.theme == "dark"
    app = make_app(theme="nosuch")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        assert "未知主题 nosuch" in screen_text(app)
    assert config.load().get("theme") is None  # a fallback is not a choice
