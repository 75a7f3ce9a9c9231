"""The people lists (hosts, today's walk-ins): tall rows, a tap chooses, a drag only scrolls."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk_app.ui.people_list import PeopleList
from kiosk_app.ui.touch import TOUCH_ROW_MM, mm_to_px

ROWS = [(f"H{n}", f"Host number {n}") for n in range(30)]


def test_rows_are_tall_a_tap_chooses_and_a_drag_scrolls(qtbot):
    people = PeopleList()
    qtbot.addWidget(people)
    people.resize(600, 400)
    people.show()
    qtbot.waitExposed(people)
    people.set_people(ROWS)
    assert people.names()[:2] == ["Host number 0", "Host number 1"]
    row = people.visualItemRect(people.item(0))
    assert row.height() >= mm_to_px(TOUCH_ROW_MM, people)
    assert row.height() >= people.fontMetrics().lineSpacing() * 1.5
    viewport = people.viewport()
    with qtbot.waitSignal(people.chosen) as chosen:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=people.row_rect("H1").center())
    assert chosen.args == ["H1"]

    choices: list[str] = []
    people.chosen.connect(choices.append)
    start = QPoint(300, 300)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 11):
        QTest.mouseMove(viewport, start - QPoint(0, 20 * step))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start - QPoint(0, 200))
    assert people.verticalScrollBar().value() > 0  # scrolled by the finger
    assert choices == []  # and chose nobody
    people.set_people(ROWS[:2])  # a new search: scrolled back to the top
    assert people.verticalScrollBar().value() == 0 and people.count() == 2
