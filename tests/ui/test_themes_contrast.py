"""The board's own WCAG 2.1 contrast agrees with coloraide's, the reference implementation."""

from __future__ import annotations

import pytest
from coloraide import Color as Colour
from hypothesis import given
from hypothesis import strategies as st
from textual.color import Color

from taskboard.ui.themes import best_text, contrast

channel = st.integers(min_value=0, max_value=255)
colour = st.builds(Color, channel, channel, channel)


@given(colour, colour)
def test_contrast_matches_coloraide(fg, bg):
    expected = Colour(fg.hex6).contrast(bg.hex6, method="wcag21")
    assert abs(contrast(fg, bg) - expected) < 1e-9


def test_known_ratios():
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    assert contrast(black, white) == contrast(white, black) == pytest.approx(21.0)
    assert contrast(white, white) == 1.0
    # #777777 on white is the classic just-fails-AA grey (4.48:1).
    assert round(contrast(Color.parse("#777777"), white), 2) == 4.48


def test_best_text_is_white_on_dark_and_black_on_light():
    assert best_text(Color.parse("#1e3a5f")) == Color(255, 255, 255)
    assert best_text(Color.parse("#ffd54f")) == Color(0, 0, 0)
