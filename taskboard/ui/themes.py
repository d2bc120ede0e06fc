"""Themes come from TOML data files in ``themes/``, so adding one needs no Python."""

from __future__ import annotations

import dataclasses
import logging
import tomllib
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from taskboard import paths

DEFAULT_THEME = "dark"
log = logging.getLogger(__name__)

# The Theme fields a file may set; anything else is a mistake worth reporting.
_FIELDS = {f.name for f in dataclasses.fields(Theme)}


class ThemeFileError(ValueError):
    """A theme file that cannot be used, with the reason."""


def parse_theme(text: str, origin: str = "<theme>") -> Theme:
    """Build a Theme from the TOML ``text`` of a theme file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"{origin}: {exc}") from None
    unknown = set(data) - _FIELDS
    if unknown:
        raise ThemeFileError(f"{origin}: unknown keys {', '.join(sorted(unknown))}")
    if not isinstance(data.get("name"), str) or not isinstance(data.get("primary"), str):
        raise ThemeFileError(f"{origin}: a theme needs a name and a primary colour")
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeFileError(f"{origin}: [variables] must be a table")
    data["variables"] = {str(k): str(v) for k, v in variables.items()}
    return Theme(**data)


def load_themes(folder: Path | None = None) -> list[Theme]:
    """Every usable theme file in ``folder`` (default: the bundled ``themes/``), by name.

    A broken file is logged and skipped: one bad theme must not stop the board.
    """
    folder = folder or paths.themes_dir()
    themes = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            themes.append(parse_theme(path.read_text(encoding="utf-8"), str(path)))
        except (OSError, ThemeFileError) as exc:
            log.warning("skipping theme %s", exc)
    return themes


# -- contrast ---------------------------------------------------------------------------
# WCAG 2.1 AA: body text and every text style on the cursor card 4.5:1;
# secondary text (units, badges on other cards) and graphics (a card's edge) 3:1.
BODY = 4.5
SECONDARY = 3.0

# The colours of a card, by CSS variable, as CardColumn's DEFAULT_CSS draws them: normal
# cards on $surface, the faint cursor of other columns a FAINT tint of the cursor colour
# over $background, the cursor card in the cursor's colours with the countdown as a badge.
FAINT = 0.15
SECONDARY_ROLES = ("text-accent", "text-muted")  # measure numbers, unit names
BADGE_ROLES = ("text-error", "text-warning", "text-success", "text-muted", "text-primary")


# Relative luminance Y of linear sRGB (the middle row of sRGB's RGB→XYZ-D65 matrix), as
# coloraide computes it (tests/ui/test_themes_contrast.py checks the two agree).  Written out
# because the cursor card's badge needs it for the first frame, and importing coloraide
# there cost ~0.1 s of every start.
_Y = (0.21263900587151024, 0.715168678767756, 0.07219231536073371)


def _linear(channel: int) -> float:
    """An 8-bit sRGB channel in linear light (the sRGB transfer function)."""
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: Color) -> float:
    """The WCAG 2.1 relative luminance of an opaque colour (0 black to 1 white)."""
    return _Y[0] * _linear(colour.r) + _Y[1] * _linear(colour.g) + _Y[2] * _linear(colour.b)


def contrast(fg: Color, bg: Color) -> float:
    """The WCAG 2.1 contrast ratio of two opaque colours (1 to 21)."""
    dark, light = sorted((luminance(fg), luminance(bg)))
    return (light + 0.05) / (dark + 0.05)


def theme_variables(theme: Theme) -> dict[str, str]:
    """The CSS variables ``theme`` gives the board (Textual's generated ones plus the theme's own)."""
    return {**theme.to_color_system().generate(), **theme.variables}


def resolve(variables: dict[str, str], name: str, under: Color) -> Color | None:
    """The opaque colour variable ``name`` shows over ``under``, as Textual paints it.

    ``auto N%`` is Textual's contrasting text colour; ``#rrggbb N%`` and ``#rrggbbaa``
    are blended over ``under``.  None for a terminal's own (ANSI) colours, whose
    contrast nobody can know in advance.
    """
    value = variables.get(name, "")
    for _ in range(8):  # a variable may name another
        if not value.startswith("$"):
            break
        value = variables.get(value[1:], "")
    word, _, percent = value.strip().partition(" ")
    alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
    if word == "auto":
        return under + under.get_contrast_text(alpha)
    try:
        colour = Color.parse(word)
    except ColorParseError:
        return None
    if colour.ansi is not None:
        return None
    return under + colour.multiply_alpha(alpha)


def card_contrasts(theme: Theme) -> list[tuple[str, float, float]] | None:
    """Every (what, contrast, required) of the board's cards in ``theme``; None when unknowable."""
    v = theme_variables(theme)
    background = resolve(v, "background", Color(0, 0, 0))
    cursor = background and resolve(v, "block-cursor-background", background)
    if background is None or cursor is None:
        return None
    backgrounds = {
        "card": resolve(v, "surface", background),
        "faint": background + cursor.with_alpha(FAINT),
    }
    found: list[tuple[str, float, float]] = []
    for state, bg in backgrounds.items():
        text = bg and resolve(v, "foreground", bg)
        if bg is None or text is None:
            return None
        found.append((f"{state} foreground", contrast(text, bg), BODY))
        for role in (*SECONDARY_ROLES, *BADGE_ROLES):
            colour = resolve(v, role, bg)
            if colour is None:
                return None
            # Countdown badges are body text; numbers, units and the card's edge secondary.
            need = BODY if role in BADGE_ROLES and role != "text-muted" else SECONDARY
            found.append((f"{state} {role}", contrast(colour, bg), need))
    text = resolve(v, "block-cursor-foreground", cursor)
    if text is None:
        return None
    found.append(("cursor block-cursor-foreground", contrast(text, cursor), BODY))
    for role in BADGE_ROLES:
        badge = resolve(v, role, cursor)
        if badge is None:
            return None
        found.append((f"cursor badge {role}", contrast(best_text(badge), badge), BODY))
    return found


def readable(theme: Theme) -> bool:
    """True when every card text in ``theme`` meets its WCAG AA contrast."""
    found = card_contrasts(theme)
    return found is not None and all(ratio >= need for _, ratio, need in found)


def best_text(bg: Color) -> Color:
    """Black or white, whichever reads better on ``bg`` (one of them always reaches 4.5:1)."""
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    return black if contrast(black, bg) >= contrast(white, bg) else white
