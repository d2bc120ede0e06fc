"""Cutting text to terminal cells: a Chinese character is two cells wide."""

from __future__ import annotations

from rich.cells import cell_len

from taskboard.ui.textfit import fit, one_line, pad


def test_short_text_is_left_alone():
    assert fit("区发改委", 8) == "区发改委"


def test_chinese_is_cut_by_cells_with_an_ellipsis():
    cut = fit("落实一网一门一次改革", 9)
    assert cut == "落实一网…"
    assert cell_len(cut) == 9


def test_a_wide_character_is_never_split():
    cut = fit("落实一网一门", 8)  # room for 7 cells + … : three characters, then the ellipsis
    assert cut == "落实一…"
    assert cell_len(cut) <= 8


def test_mixed_text_and_edge_cases():
    assert fit("2023年底前完成", 6) == "2023…"  # 年 would straddle the edge
    assert fit("abc", 0) == ""
    assert cell_len(pad("区数据局", 12)) == 12
    assert one_line("第一行\n  第二行") == "第一行 第二行"
