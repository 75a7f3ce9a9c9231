"""Scaling to the screen: the scale per size, and layouts scaled from their design values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QHBoxLayout, QWidget

from kiosk_app.ui.i18n import LanguageSwitcher
from kiosk_app.ui.theme import STACK_IN_PORTRAIT, scale_for, scale_layouts
from kiosk_app.ui.window import KioskWindow


@pytest.mark.parametrize(
    ("size", "scale"),
    [((1920, 1080), 1.0), ((1280, 720), 2 / 3), ((3840, 2160), 2.0), ((1080, 1920), 0.85)],
)
def test_the_scale_follows_the_screen(size, scale):
    assert scale_for(QSize(*size)) == pytest.approx(scale)


def test_layouts_scale_from_their_design_values_without_compounding(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    row = QHBoxLayout(root)
    row.setContentsMargins(100, 40, 100, 40)
    row.setSpacing(30)
    row.setProperty(STACK_IN_PORTRAIT, True)
    grid = QGridLayout()
    grid.setHorizontalSpacing(28)
    grid.setVerticalSpacing(10)
    row.addLayout(grid)
    scale_layouts(root, 0.5)
    scale_layouts(root, 0.5)  # again: still half the design, not a quarter
    assert row.contentsMargins().left() == 50 and row.spacing() == 15
    assert (grid.horizontalSpacing(), grid.verticalSpacing()) == (14, 5)
    assert row.direction() == QBoxLayout.Direction.LeftToRight
    scale_layouts(root, 2.0, portrait=True)
    assert row.contentsMargins().top() == 80 and row.spacing() == 60
    assert row.direction() == QBoxLayout.Direction.TopToBottom


def test_the_window_stacks_the_pairing_columns_on_a_portrait_screen(qtbot):
    window = KioskWindow(LanguageSwitcher())
    qtbot.addWidget(window)
    window.resize(1080, 1920)
    window.show()
    qtbot.waitExposed(window)
    assert window.portrait and window.scale == pytest.approx(0.85)
    outer = window.pairing.layout()
    assert outer.direction() == QBoxLayout.Direction.TopToBottom
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: not window.portrait)
    assert outer.direction() == QBoxLayout.Direction.LeftToRight
