"""Physical sizes on the screen: millimetres to pixels from the screen's DPI, with a fallback."""

from __future__ import annotations

import math

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MM_PER_INCH = 25.4
FALLBACK_DPI = 96.0
PLAUSIBLE_DPI = (50.0, 700.0)  # outside this, the display reported a bogus physical size
TOUCH_ROW_MM = 15.0  # a fingertip is 10-14 mm wide; rows staff tap are at least this high


def screen_dpi(widget: QWidget | None = None) -> float:
    """Device-independent pixels per physical inch of the widget's screen (or the primary one)."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    if screen is None:
        return FALLBACK_DPI
    dpi = float(screen.physicalDotsPerInch())
    low, high = PLAUSIBLE_DPI
    return dpi if low <= dpi <= high else FALLBACK_DPI


def mm_to_px(mm: float, widget: QWidget | None = None, dpi: float | None = None) -> int:
    """At least ``mm`` millimetres in pixels on the widget's screen (rounded up)."""
    return math.ceil(mm / MM_PER_INCH * (dpi if dpi is not None else screen_dpi(widget)))


def px_to_mm(px: float, widget: QWidget | None = None) -> float:
    return px * MM_PER_INCH / screen_dpi(widget)
