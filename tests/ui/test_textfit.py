"""Cutting text to terminal cells: a Chinese character is two cells wide."""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style

from taskboard.model import Bucket, Countdown
from taskboard.ui.textfit import fit, marked, one_line, pad
from taskboard.ui.widgets.card_text import short_badge


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


def test_marked_splits_out_every_match_in_any_case():
    plain, hit = Style(), Style(reverse=True)
    segments = marked("推进政务数据共享，数据局牵头 Data", ("数据", "data"), plain, hit)
    assert "".join(s.text for s in segments) == "推进政务数据共享，数据局牵头 Data"
    assert [s.text for s in segments if s.style == hit] == ["数据", "数据", "Data"]
    assert [s.text for s in marked("区财政局", (), plain, hit)] == ["区财政局"]
    overlapping = marked("一网通办", ("一网", "网通"), plain, hit)
    assert "".join(s.text for s in overlapping if s.style == hit) == "一网通"


def test_a_narrow_card_says_its_countdown_short():
    assert short_badge(Countdown(Bucket.OVERDUE, -30), "en") == "30d late"
    assert short_badge(Countdown(Bucket.SOON, 5), "en") == "5d left"
    assert short_badge(Countdown(Bucket.DUE_TODAY, 0), "en") == "today"
    assert short_badge(Countdown(Bucket.UNDATED, None), "en") == "no date"
    assert short_badge(Countdown(Bucket.OVERDUE, -30), "zh") == "逾期30天"
