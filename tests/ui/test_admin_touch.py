"""The admin panel by touch: tall camera rows, marked choices, sync feedback, a steady PIN pad."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from kiosk_app.core.admin_pin import PinCheck, PinStatus
from kiosk_app.core.config import ConfigError, KioskConfig
from kiosk_app.scanner.camera_list import CameraChoice
from kiosk_app.ui.i18n import LanguageSwitcher, choose_language, system_language
from kiosk_app.ui.screens.admin_choices import CHECK_MARK
from kiosk_app.ui.screens.admin_panel import PanelFacts
from kiosk_app.ui.touch import TOUCH_ROW_MM, mm_to_px, px_to_mm, screen_dpi
from kiosk_app.ui.window import KioskWindow
from tests.ui.conftest import ADMIN_PIN, pair_kiosk
from tests.ui.test_kiosk_flow import WAIT_MS, camera, long_press_corner, press

SIZES = [(1280, 720), (1366, 768), (1920, 1080), (3840, 2160), (1080, 1920)]
CAMERAS = [CameraChoice("0", "HD Pro Webcam C920"), CameraChoice("2", None)]


def facts(lang: str = "en", camera: str = "0") -> PanelFacts:
    return PanelFacts(
        kiosk="Lobby 1",
        camera=camera,
        cameras=CAMERAS,
        decoders={"zxing": None, "pyzbar": None},
        language=lang,
    )


@pytest.fixture
def window(qtbot):
    switcher = LanguageSwitcher()
    switcher.set_language("en")
    win = KioskWindow(switcher)
    win.allow_close = True
    qtbot.addWidget(win)
    win.show()
    yield win
    switcher.set_language("en")


def settle(qtbot) -> None:
    qtbot.wait(30)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_camera_rows_are_at_least_15_mm_high_and_nothing_takes_typing(qtbot, window, size):
    window.resize(*size)
    window.admin_panel.open_panel(facts())
    window.show_screen("admin_panel")
    settle(qtbot)
    listing = window.admin_panel.camera_list
    assert listing.count() == 3  # two cameras and the test picture
    least = mm_to_px(TOUCH_ROW_MM, listing)
    for row in range(listing.count()):
        height = listing.visualItemRect(listing.item(row)).height()
        assert height >= least, f"row {row}: {px_to_mm(height, listing):.1f} mm"
    assert listing.viewport().height() >= 2 * least  # two rows show without scrolling
    assert listing.verticalScrollBar().maximum() == 0  # here all three fit
    window.resize(*reversed(size))  # the screen turns (or changes): rows follow it
    settle(qtbot)
    assert listing.visualItemRect(listing.item(2)).height() >= mm_to_px(TOUCH_ROW_MM, listing)
    assert listing.verticalScrollBar().maximum() == 0
    assert not window.admin_panel.findChildren(QLineEdit)
    assert not window.admin_panel.findChildren(QComboBox)


def test_millimetres_follow_the_screen_dpi_with_a_fallback():
    assert mm_to_px(15, dpi=96) == 57  # 15 mm = 0.59 in
    assert mm_to_px(15, dpi=282) == 167  # a 15.6-inch 4K panel
    assert 50 <= screen_dpi() <= 700


def test_cameras_are_listed_by_name_and_the_one_in_use_is_marked(window):
    panel = window.admin_panel
    panel.open_panel(facts(camera="2"))
    rows = [panel.camera_list.item(i).text() for i in range(panel.camera_list.count())]
    assert rows == ["HD Pro Webcam C920 (0)", f"{CHECK_MARK}Camera 2", "Test picture (no camera)"]
    assert panel.camera_list.item(1).isSelected()
    window.language.set_language("de")
    assert panel.camera_list.item(1).text() == f"{CHECK_MARK}Kamera 2"


def test_a_camera_not_in_the_list_is_offered_too(window):
    panel = window.admin_panel
    panel.open_panel(facts(camera="/srv/lobby.mp4"))
    rows = [panel.camera_list.item(i).text() for i in range(panel.camera_list.count())]
    assert f"{CHECK_MARK}/srv/lobby.mp4" in rows


def test_tapping_a_row_chooses_that_camera(qtbot, window):
    window.resize(1920, 1080)
    panel = window.admin_panel
    panel.open_panel(facts())
    window.show_screen("admin_panel")
    settle(qtbot)
    chosen: list[str] = []
    panel.camera_chosen.connect(chosen.append)
    listing = panel.camera_list
    rect = listing.visualItemRect(listing.item(1))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen == ["2"]
    assert listing.item(1).text().startswith(CHECK_MARK)
    assert not listing.item(0).text().startswith(CHECK_MARK)


def test_the_chosen_language_and_decoder_are_checked_not_only_coloured(qtbot, window):
    panel = window.admin_panel
    panel.open_panel(facts())
    english, german = panel.language_buttons.buttons["en"], panel.language_buttons.buttons["de"]
    assert english.isCheckable() and english.isChecked() and not german.isChecked()
    assert english.text() == f"{CHECK_MARK}English" and german.text() == "Deutsch"
    chosen: list[str] = []
    panel.language_chosen.connect(chosen.append)
    qtbot.mouseClick(german, Qt.MouseButton.LeftButton)
    assert chosen == ["de"]
    assert german.isChecked() and german.text() == f"{CHECK_MARK}Deutsch"
    qtbot.mouseClick(german, Qt.MouseButton.LeftButton)  # the chosen one stays chosen
    assert german.isChecked() and chosen == ["de"]
    assert panel.decoder_buttons.buttons["zxing"].isChecked()


def test_an_unavailable_decoder_cannot_be_chosen_and_says_why(window):
    panel = window.admin_panel
    panel.open_panel(
        PanelFacts(decoders={"zxing": None, "pyzbar": "libzbar0 missing"}, decoder="zxing")
    )
    assert not panel.decoder_buttons.buttons["pyzbar"].isEnabled()
    assert panel.decoder_note.text() == "Not installed on this kiosk: pyzbar"


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_pin_screen_does_not_move_when_a_message_appears(qtbot, window, size, lang):
    window.language.set_language(lang)
    window.resize(*size)
    screen = window.admin_pin
    screen.reset()
    window.show_screen("admin_pin")

    def places() -> list[tuple[int, int, int, int]]:
        settle(qtbot)
        widgets = (screen.keypad, screen.display, screen.title, screen.icon, screen.cancel)
        return [(*w.mapTo(window, QPoint(0, 0)).toTuple(), w.width(), w.height()) for w in widgets]

    before = places()
    screen.show_result(PinCheck(PinStatus.WRONG, 4))
    assert screen.error.isVisible()
    assert places() == before
    assert screen.error_slot.height() < window.height() * 0.25  # room for a message, no more
    screen.show_result(PinCheck(PinStatus.LOCKED, 0, locked_until=time.time() + 300))
    assert places() == before
    screen.reset()
    assert not screen.error.isVisible() and places() == before


def test_the_corner_hold_shows_a_ring_that_fills(qtbot, window):
    window.resize(1920, 1080)
    window.long_press.hold_ms = 600
    window.show_screen("scan")
    settle(qtbot)
    target = window.stack.currentWidget()
    ring = window.hold_ring
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert ring.isVisible()
    assert ring.geometry().contains(QPoint(10, 10))  # where the finger is
    assert window.rect().contains(ring.geometry())  # all of it on screen
    first = ring.progress
    qtbot.wait(250)
    assert 0 <= first < ring.progress < 1
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not ring.isVisible() and window.current == "scan"  # let go early: nothing happens
    opened: list[bool] = []
    window.long_press.triggered.connect(lambda: opened.append(True))
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: opened == [True], timeout=3000)
    assert not ring.isVisible()  # the hold is done
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))


def test_a_press_outside_the_corner_draws_no_ring(qtbot, window):
    window.resize(1920, 1080)
    window.show_screen("scan")
    settle(qtbot)
    target = window.stack.currentWidget()
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=QPoint(900, 500))
    assert not window.hold_ring.isVisible()
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=QPoint(900, 500))


# -- with the real controller and server -----------------------------------------------------


def open_panel(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.scan.camera.frames_shown > 0, timeout=WAIT_MS)
    long_press_corner(qtbot, window)
    press(qtbot, window, ADMIN_PIN)
    qtbot.waitUntil(lambda: window.current == "admin_panel", timeout=WAIT_MS)


def test_sync_now_shows_progress_then_the_result(qtbot, server, kiosk, make_ui, save_screen):
    pair_kiosk(kiosk, server)
    window, _controller = make_ui(camera())
    open_panel(qtbot, window)
    sync = window.admin_panel.sync_box
    qtbot.mouseClick(sync.button, Qt.MouseButton.LeftButton)
    assert sync.syncing and sync.progress.isVisible() and not sync.button.isEnabled()
    assert sync.state.text() == "Syncing with the server…"
    qtbot.waitUntil(lambda: not sync.syncing, timeout=WAIT_MS)
    assert sync.state.text().startswith("Synced at ")
    assert "0 check-ins sent" in sync.state.text() and not sync.progress.isVisible()
    save_screen(window, "en", "flow_admin_sync_done")
    server.stop()
    try:
        qtbot.mouseClick(sync.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not sync.syncing, timeout=WAIT_MS)
        assert sync.state.text() == "Sync failed: The server cannot be reached."
        save_screen(window, "en", "flow_admin_sync_failed")
    finally:
        server.start()


def test_choices_apply_at_once_and_persist_to_kiosk_toml(
    qtbot, server, kiosk, make_ui, monkeypatch
):
    monkeypatch.setattr("kiosk_app.ui.admin_settings.list_cameras", lambda: CAMERAS)
    pair_kiosk(kiosk, server)
    window, controller = make_ui(camera())
    open_panel(qtbot, window)
    panel = window.admin_panel
    qtbot.waitUntil(lambda: "1280x720" in panel.mode_label.text(), timeout=WAIT_MS)
    assert kiosk.status().camera.mode.width == 1280  # recorded for `atrium-kiosk status`
    listing = panel.camera_list
    assert listing.item(0).text() == "HD Pro Webcam C920 (0)"
    pipeline = controller.services.pipeline
    rect = listing.visualItemRect(listing.item(1))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert controller.services.camera == "2" and controller.services.pipeline is not pipeline
    qtbot.mouseClick(panel.decoder_buttons.buttons["pyzbar"], Qt.MouseButton.LeftButton)
    assert controller.services.decoder == "pyzbar"
    qtbot.mouseClick(panel.language_buttons.buttons["de"], Qt.MouseButton.LeftButton)
    assert window.language.language == "de"
    saved = KioskConfig.load(kiosk.config.data_dir, credential_store="memory", env={})
    assert (saved.camera, saved.decoder, saved.language) == ("2", "pyzbar", "de")
    assert (kiosk.config.data_dir / "kiosk.toml").stat().st_mode & 0o777 == 0o600
    assert not panel.save_problem.isVisible()


def test_a_choice_that_cannot_be_saved_still_applies_and_says_so(
    qtbot, server, kiosk, make_ui, monkeypatch
):
    pair_kiosk(kiosk, server)
    window, _controller = make_ui(camera())
    open_panel(qtbot, window)

    def disk_full(**_values: str) -> None:
        raise ConfigError("Cannot save kiosk.toml: No space left on device.")

    monkeypatch.setattr(kiosk, "remember", disk_full)
    panel = window.admin_panel
    qtbot.mouseClick(panel.language_buttons.buttons["de"], Qt.MouseButton.LeftButton)
    assert window.language.language == "de"
    assert panel.save_problem.isVisible()
    assert "nicht für den nächsten Start gespeichert" in panel.save_problem.text()


def test_a_long_camera_list_scrolls_and_a_tap_still_chooses(qtbot, window):
    window.resize(1280, 720)
    many = [CameraChoice(str(n), f"USB camera {n}") for n in range(8)]
    panel = window.admin_panel
    panel.open_panel(PanelFacts(camera="0", cameras=many, decoders={"zxing": None}))
    window.show_screen("admin_panel")
    settle(qtbot)
    listing = panel.camera_list
    assert listing.verticalScrollBar().maximum() > 0  # more rows than room: it scrolls
    chosen: list[str] = []
    panel.camera_chosen.connect(chosen.append)
    rect = listing.visualItemRect(listing.item(1))
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: chosen == ["1"], timeout=2000)


def test_dragging_the_camera_list_scrolls_and_chooses_nothing(qtbot, window):
    window.resize(1280, 720)
    many = [CameraChoice(str(n), f"USB camera {n}") for n in range(8)]
    panel = window.admin_panel
    panel.open_panel(PanelFacts(camera="0", cameras=many, decoders={"zxing": None}))
    window.show_screen("admin_panel")
    settle(qtbot)
    listing = panel.camera_list
    chosen: list[str] = []
    panel.camera_chosen.connect(chosen.append)
    viewport = listing.viewport()
    start = listing.visualItemRect(listing.item(2)).center()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start - QPoint(0, step * 20))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start - QPoint(0, 100))
    assert listing.verticalScrollBar().value() > 0 and chosen == []


def test_a_language_chosen_here_wins_over_the_system_language_at_the_next_start():
    assert choose_language(None, "en") == "en"  # English chosen on a German system stays
    assert choose_language(None, "de") == "de"
    assert choose_language("de", "en") == "de"  # --lang still wins
    assert choose_language(None, None) == system_language()  # nothing chosen: the system's
    assert KioskConfig(data_dir=Path("/nonexistent")).language is None
