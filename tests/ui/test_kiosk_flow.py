"""The real app against the real server stub: pairing, every verdict, debounce, admin, sync."""

from __future__ import annotations

import base64
import json

import nacl.signing
import pytest
from PySide6.QtCore import QPoint, Qt

from kiosk_app.core.passes import PassClaims, new_jti, peek_claims, sign_pass
from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.scanner.synthetic import SyntheticSource
from tests.ui.conftest import ADMIN_PIN, pair_kiosk, visit_times

WAIT_MS = 15_000
HELD_FRAMES = 36  # 1.2 s in view
GAP_FRAMES = 75  # 2.5 s out of view: longer than the debouncer's hold


def camera() -> SyntheticSource:
    return SyntheticSource([(None, 15)], size=(1280, 720), fps=30.0, realtime=True)


def forged_copy(text: str) -> str:
    """The same claims signed with a key the server never issued (same key id)."""
    claims = peek_claims(text)
    header = json.loads(base64.urlsafe_b64decode(text.split(".")[0] + "=="))
    fresh = PassClaims(
        claims.tenant, claims.site, claims.visit_id, new_jti(), claims.nbf, claims.exp
    )
    return sign_pass(fresh, nacl.signing.SigningKey.generate(), header["kid"])


def damaged_copy(text: str) -> str:
    header, payload, signature = text.split(".")
    return f"{header}.{payload[: len(payload) // 2]}.{signature}"


def press(qtbot, window, digits: str) -> None:
    screen = window.stack.currentWidget()
    for digit in digits:
        qtbot.mouseClick(screen.keypad.button(digit), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.keypad.button("ok"), Qt.MouseButton.LeftButton)


def long_press_corner(qtbot, window) -> None:
    target = window.stack.currentWidget()
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    qtbot.waitUntil(lambda: window.current == "admin_pin", timeout=3000)
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))


def scan(qtbot, window, controller, source, text: str, code: VerdictCode):
    """Shows ``text`` to the camera and waits for its verdict screen."""
    before = controller.last_verdict
    source.enqueue(text, HELD_FRAMES)
    source.enqueue(None, GAP_FRAMES)
    qtbot.waitUntil(
        lambda: window.current == "verdict" and controller.last_verdict is not before,
        timeout=WAIT_MS,
    )
    assert controller.last_verdict.code == code
    return controller.last_verdict


def test_pairing_through_the_keypad(qtbot, server, kiosk, make_ui, save_screen):
    window, _controller = make_ui(camera())
    assert window.current == "pairing"
    assert window.pairing.server.text() == server.url  # prefilled from configuration
    save_screen(window, "en", "flow_pairing_empty")
    press(qtbot, window, "000000")
    for _ in range(2):
        press(qtbot, window, ADMIN_PIN)  # choose, then confirm
    qtbot.waitUntil(lambda: window.pairing.error.isVisible(), timeout=WAIT_MS)
    assert window.current == "pairing"
    assert "wrong or has expired" in window.pairing.error.text()
    save_screen(window, "en", "flow_pairing_wrong_code")
    for _ in range(6):
        qtbot.mouseClick(window.pairing.keypad.button("erase"), Qt.MouseButton.LeftButton)
    press(qtbot, window, server.pairing_code("Lobby 7"))  # the PIN is kept
    qtbot.waitUntil(lambda: window.current in ("scan", "camera_trouble"), timeout=WAIT_MS)
    assert kiosk.paired and kiosk.identity.kiosk_name == "Lobby 7"
    assert kiosk.admin_pin.check(ADMIN_PIN).ok
    qtbot.waitUntil(lambda: window.scan.camera.frames_shown > 0, timeout=WAIT_MS)
    assert window.scan.site.text() == "Berlin HQ"


@pytest.mark.slow
def test_every_verdict_through_the_camera(qtbot, server, kiosk, make_ui, save_screen):
    pair_kiosk(kiosk, server)
    valid = server.create_visit("Ada Lovelace", "Grace Hopper", *visit_times(-0.1, 4))
    expired = server.create_visit("Old Visitor", "Grace Hopper", *visit_times(-6, -2))
    future = server.create_visit("Early Bird", "Grace Hopper", *visit_times(3, 5))
    cancelled = server.create_visit("Cancel Me", "Grace Hopper", *visit_times(-0.1, 4))
    server.cancel_visit(cancelled["visit_id"])
    elsewhere = server.create_visit(
        "Elsewhere", "X", *visit_times(-0.1, 4), site_id=server.add_site("Hamburg")
    )
    assert kiosk.sync.run_once().error is None  # names, revocations
    source = camera()
    window, controller = make_ui(source)
    qtbot.waitUntil(lambda: window.scan.camera.frames_shown > 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: controller.services.sync.last_status is not None, timeout=WAIT_MS)
    # issued after the kiosk's last sync: the kiosk does not know the visitor's name yet
    unnamed = server.create_visit("Not Synced", "Y", *visit_times(-0.1, 4))
    save_screen(window, "en", "flow_scan_live")
    cases = [
        ("welcome_plain", unnamed["pass"], VerdictCode.ACCEPTED),
        ("welcome_name", valid["pass"], VerdictCode.ACCEPTED),
        ("already_used", valid["pass"], VerdictCode.ALREADY_USED),
        ("expired", expired["pass"], VerdictCode.EXPIRED),
        ("not_yet_valid", future["pass"], VerdictCode.NOT_YET_VALID),
        ("cancelled", cancelled["pass"], VerdictCode.REVOKED),
        ("wrong_site", elsewhere["pass"], VerdictCode.WRONG_SITE),
        ("forged", forged_copy(valid["pass"]), VerdictCode.BAD_SIGNATURE),
        ("damaged", damaged_copy(future["pass"]), VerdictCode.MALFORMED),
        ("not_a_pass", "https://example.org/not-a-visit", VerdictCode.NOT_A_PASS),
    ]
    for name, text, code in cases:
        verdict = scan(qtbot, window, controller, source, text, code)
        qtbot.waitUntil(lambda: window.verdict.headline.text() != "", timeout=WAIT_MS)
        save_screen(window, "en", f"flow_verdict_{name}")
        if name == "welcome_name":
            assert window.verdict.headline.text() == "Welcome, Ada Lovelace!"
            assert "Grace Hopper" in window.verdict.host.text()
        if name == "welcome_plain":
            assert verdict.display_name is None
            assert window.verdict.headline.text() == "Welcome!"
            assert window.verdict.body.text() == "You are checked in."
        if name == "already_used":  # the time of the first check-in, at this kiosk
            assert window.verdict.body.text().startswith("You checked in here at ")
            assert window.verdict.verdict_class == "already_checked_in"
        if name == "damaged":
            assert window.verdict.headline.text() == "Please try again"
        if name == "expired":  # back by itself after a few seconds
            window.verdict.set_time_scale(0.1)
        else:  # or on a touch
            qtbot.mouseClick(window.verdict, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)
        window.verdict.set_time_scale(1.0)
    assert {"welcome", "refused"} <= set(controller.sounds.played)  # a tone per outcome


def test_a_code_held_in_view_gives_one_verdict(qtbot, server, kiosk, make_ui):
    pair_kiosk(kiosk, server)
    first = server.create_visit("Ada Lovelace", "Grace Hopper", *visit_times(-0.1, 4))
    second = server.create_visit("Alan Turing", "Grace Hopper", *visit_times(-0.1, 4))
    source = camera()
    window, controller = make_ui(source)
    verdicts = []
    controller.services.verdict_ready.connect(verdicts.append)
    source.enqueue(first["pass"], 150)  # five seconds in view
    qtbot.waitUntil(lambda: len(verdicts) == 1, timeout=WAIT_MS)
    qtbot.mouseClick(window.verdict, Qt.MouseButton.LeftButton)  # back while still held
    qtbot.wait(2500)
    assert [v.code for v in verdicts] == [VerdictCode.ACCEPTED]
    source.enqueue(second["pass"], HELD_FRAMES)  # the next visitor right after
    qtbot.waitUntil(lambda: len(verdicts) == 2, timeout=WAIT_MS)
    assert verdicts[1].code == VerdictCode.ACCEPTED
    assert verdicts[1].visit_id == second["visit_id"]


def test_admin_pin_right_wrong_and_lockout(qtbot, server, kiosk, make_ui, save_screen):
    pair_kiosk(kiosk, server)
    window, _controller = make_ui(camera())
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)
    long_press_corner(qtbot, window)
    press(qtbot, window, ADMIN_PIN)
    qtbot.waitUntil(lambda: window.current == "admin_panel", timeout=WAIT_MS)
    assert window.admin_mode
    save_screen(window, "en", "flow_admin_panel")
    qtbot.mouseClick(window.admin_panel.back_button, Qt.MouseButton.LeftButton)
    assert window.current == "scan" and not window.admin_mode

    long_press_corner(qtbot, window)
    for tries_left in (4, 3, 2, 1):
        press(qtbot, window, "1111")
        qtbot.waitUntil(
            lambda n=tries_left: f"{n} tr" in window.admin_pin.error.text(), timeout=WAIT_MS
        )
    save_screen(window, "en", "flow_admin_pin_wrong")
    press(qtbot, window, "1111")
    qtbot.waitUntil(lambda: "Locked until" in window.admin_pin.error.text(), timeout=WAIT_MS)
    press(qtbot, window, ADMIN_PIN)  # even the right PIN waits for the lock to run out
    qtbot.waitUntil(lambda: not window.admin_pin.checking, timeout=WAIT_MS)
    assert window.current == "admin_pin"
    assert "Locked until" in window.admin_pin.error.text()
    save_screen(window, "en", "flow_admin_pin_locked")


def test_escape_and_close_are_ignored_outside_admin_mode(qtbot, server, kiosk, make_ui):
    pair_kiosk(kiosk, server)
    window, _controller = make_ui(camera())
    window.allow_close = False
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.close()
    assert window.isVisible()
    window.allow_close = True


def test_offline_checkin_then_sync_shows_in_the_status_strip(
    qtbot, server, kiosk, make_ui, save_screen
):
    pair_kiosk(kiosk, server)
    visit = server.create_visit("Ada Lovelace", "Grace Hopper", *visit_times(-0.1, 4))
    server.stop()
    try:
        source = camera()
        window, controller = make_ui(source)
        strip = window.scan.status_strip
        scan(qtbot, window, controller, source, visit["pass"], VerdictCode.ACCEPTED)
        qtbot.mouseClick(window.verdict, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "1 check-in waiting" in strip.queue.text(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "Offline" in strip.connection.text(), timeout=WAIT_MS)
        save_screen(window, "en", "flow_status_offline")
    finally:
        server.start()
    controller.services.sync.trigger()
    qtbot.waitUntil(lambda: strip.queue.text() == "All check-ins sent", timeout=WAIT_MS)
    assert "Online" in strip.connection.text()
    assert any(c["visit_id"] == visit["visit_id"] for c in server.checkins())
    save_screen(window, "en", "flow_status_synced")


def test_revoked_kiosk_shows_the_unpaired_screen(qtbot, server, kiosk, make_ui, save_screen):
    pair_kiosk(kiosk, server)
    window, controller = make_ui(camera())
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)
    server.revoke_device(kiosk.identity.device_id)
    controller.services.sync.trigger()
    qtbot.waitUntil(lambda: window.current == "unpaired", timeout=WAIT_MS)
    assert not kiosk.paired
    save_screen(window, "en", "flow_unpaired")
    qtbot.mouseClick(window.unpaired.button, Qt.MouseButton.LeftButton)
    assert window.current == "pairing"


def test_attract_screen_after_quiet_and_woken_by_touch_or_code(
    qtbot, server, kiosk, make_ui, save_screen
):
    pair_kiosk(kiosk, server)
    visit = server.create_visit("Ada Lovelace", "Grace Hopper", *visit_times(-0.1, 4))
    source = camera()
    window, controller = make_ui(source)
    controller.idle.setInterval(300)
    controller.idle.start()
    qtbot.waitUntil(lambda: window.current == "attract", timeout=WAIT_MS)
    save_screen(window, "en", "flow_attract")
    qtbot.mouseClick(window.attract, Qt.MouseButton.LeftButton)  # a touch wakes it
    assert window.current == "scan"
    qtbot.waitUntil(lambda: window.current == "attract", timeout=WAIT_MS)
    scan(qtbot, window, controller, source, visit["pass"], VerdictCode.ACCEPTED)  # so does a code
    assert controller.sounds.played[-1] == "welcome"


def test_admin_panel_switches_decoder_and_language_and_unpairs(qtbot, server, kiosk, make_ui):
    pair_kiosk(kiosk, server)
    window, controller = make_ui(camera())
    qtbot.waitUntil(lambda: window.scan.camera.frames_shown > 0, timeout=WAIT_MS)
    long_press_corner(qtbot, window)
    press(qtbot, window, ADMIN_PIN)
    qtbot.waitUntil(lambda: window.current == "admin_panel", timeout=WAIT_MS)
    panel = window.admin_panel
    assert "Lobby 1" in {label.text() for label in panel._values.values()}
    first_pipeline = controller.services.pipeline
    panel.decoder_chosen.emit("zxing")  # what picking it in the list does
    assert controller.services.pipeline is not first_pipeline  # fresh threads
    qtbot.mouseClick(panel.language_buttons.buttons["de"], Qt.MouseButton.LeftButton)
    assert window.language.language == "de"
    assert panel.sync_button.text() == "Jetzt abgleichen"
    assert window.scan.instruction.text() == "Halten Sie Ihren QR-Code vor die Kamera"
    qtbot.mouseClick(panel.unpair_button, Qt.MouseButton.LeftButton)
    assert kiosk.paired  # the first press only asks for confirmation
    qtbot.mouseClick(panel.unpair_button, Qt.MouseButton.LeftButton)
    assert not kiosk.paired
    assert window.current == "pairing"
    assert controller.services.pipeline is None
