"""The admin panel's sync result at 1280x720: each of its lines fits on one line, en and de."""

from __future__ import annotations

import dataclasses
import time

import pytest

from kiosk_app.core.camera import CameraMode
from tests.ui.test_screens import (  # noqa: F401 (window is a fixture)
    CONFLICT,
    STATUS,
    SYNC_REPORT,
    panel_facts,
    window,
)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("duplicates", [0, 12])
def test_the_sync_result_never_wraps_inside_a_line(qtbot, window, lang, duplicates) -> None:  # noqa: F811
    window.resize(1280, 720)
    window.language.set_language(lang)
    panel = window.admin_panel
    panel.open_panel(panel_facts(lang))
    panel.show_status(STATUS)
    panel.show_conflicts([CONFLICT])
    panel.show_camera_mode(CameraMode(1920, 1080, "MJPG", 30.0))
    window.show_screen("admin_panel")
    panel.show_sync_started(True)
    report = dataclasses.replace(
        SYNC_REPORT, started_at=time.time(), pushed=128, duplicates=duplicates, queue_depth=1000
    )
    panel.show_sync_report(report)
    state, button = panel.sync_box.state, panel.sync_box.button

    def settled() -> bool:  # the layout settles over a few event-loop rounds
        return state.height() >= state.heightForWidth(state.width()) > 0

    qtbot.waitUntil(settled, timeout=2000)
    assert not state.geometry().intersects(button.geometry())
    lines = state.text().split("\n")
    assert len(lines) == 2  # when (and conflicts), then what was sent
    width = state.contentsRect().width()
    metrics = state.fontMetrics()
    for line in lines:
        assert metrics.horizontalAdvance(line) <= width, f"{line!r} wraps in {width} px"
    assert state.height() >= 2 * metrics.lineSpacing()  # both lines shown, none cut off
