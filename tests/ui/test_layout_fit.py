"""The layout-fit checker itself: it finds cut-off text and misplaced widgets, and passes fits."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from tests.ui.conftest import settle
from tests.ui.layout_fit import layout_problems


@pytest.fixture
def host(qtbot):
    window = QWidget()
    window.setStyleSheet("QWidget { font-size: 20px; } QPushButton { padding: 0 10px; }")
    qtbot.addWidget(window)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_text_that_fits_gives_no_problem(host):
    layout = QVBoxLayout(host)
    label = QLabel("A short line")
    wrapped = QLabel("A longer sentence that wraps over a few lines inside the label")
    wrapped.setWordWrap(True)
    layout.addWidget(label)
    layout.addWidget(wrapped)
    layout.addWidget(QPushButton("OK"))
    settle()
    assert layout_problems(host) == []


def test_a_label_too_narrow_for_its_text_is_reported(host):
    label = QLabel("Zum Entkoppeln erneut tippen", host)
    label.setGeometry(10, 10, 120, 40)
    label.show()
    settle()
    problems = layout_problems(host)
    assert len(problems) == 1 and "Zum Entkoppeln" in problems[0] and "text needs" in problems[0]


def test_a_wrapping_label_too_short_for_its_lines_is_reported(host):
    label = QLabel("one two three four five six seven eight nine ten", host)
    label.setWordWrap(True)
    label.setGeometry(10, 10, 120, 30)  # the words wrap onto several lines; one fits
    label.show()
    settle()
    assert any("text needs" in p for p in layout_problems(host))


def test_a_single_word_wider_than_a_wrapping_label_is_reported(host):
    label = QLabel("Donaudampfschifffahrtsgesellschaft", host)
    label.setWordWrap(True)
    label.setGeometry(10, 10, 100, 200)
    label.show()
    settle()
    assert any("text needs" in p for p in layout_problems(host))


def test_a_button_narrower_than_its_text_is_reported(host):
    button = QPushButton("Set up this kiosk again", host)
    button.setGeometry(10, 10, 80, 40)
    button.show()
    settle()
    problems = layout_problems(host)
    assert len(problems) == 1 and "Set up this kiosk again" in problems[0]


def test_a_widget_below_the_window_edge_is_reported(host):
    button = QPushButton("OK", host)
    button.setGeometry(10, 280, 80, 40)  # the window is 300 high
    button.show()
    settle()
    assert any("outside the window" in p for p in layout_problems(host))


def test_a_widget_cut_off_by_its_parent_is_reported(host):
    panel = QWidget(host)
    panel.setObjectName("Panel")
    panel.setGeometry(0, 0, 200, 100)
    button = QPushButton("OK", panel)
    button.setGeometry(150, 10, 80, 40)
    panel.show()
    settle()
    assert any("cut off by Panel" in p for p in layout_problems(host))


def test_text_under_a_floating_button_is_reported(host):
    label = QLabel("Berlin HQ", host)
    label.setGeometry(0, 0, 300, 40)
    floating = QPushButton("Deutsch", host)
    floating.setGeometry(40, 0, 120, 40)
    label.show()
    floating.show()
    floating.raise_()
    settle()
    assert any("lies under" in p for p in layout_problems(host))
