"""A walk-in at a site with documents: signed on the signing screens, recorded with them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.ink import sign_with_finger, sign_with_mouse
from tests.ui.test_kiosk_flow import WAIT_MS, camera
from tests.ui.test_signing_flow import cache_documents
from tests.ui.test_visitor_flows import GRACE, hosts, site, tap, walk_in  # noqa: F401 (fixtures)


def start(qtbot, kiosk, make_ui, lang: str = "en"):
    window, controller = make_ui(camera(), lang=lang)
    qtbot.waitUntil(lambda: controller.services.sync.last_status is not None, timeout=WAIT_MS)
    controller.services.sync.stop()  # offline: the walk-in and its records stay here
    cache_documents(kiosk)  # after the app's first pull, which replaced the cache
    qtbot.waitUntil(lambda: window.scan.no_code_button.isVisible(), timeout=WAIT_MS)
    return window, controller


def records(kiosk) -> list[tuple[str, str, str]]:
    return kiosk.store.conn.execute(
        "SELECT event_id, document_id, html FROM signed_records ORDER BY document_id"
    ).fetchall()


def target(window, role: str):
    return window.signing.touch_targets()[role]


pytestmark = pytest.mark.usefixtures("site")  # a paired kiosk with the site's hosts


def test_a_walk_in_signs_the_sites_documents(qtbot, kiosk, make_ui, save_screen):
    window, controller = start(qtbot, kiosk, make_ui)
    walk_in(qtbot, window, "Ada Lovelace", "Analytical Engines", "gra", GRACE)
    assert window.current == "signing"
    assert kiosk.sync.queue_depth() == 0  # nothing recorded while the visitor reads
    text = window.signing.reader.view.toPlainText()
    assert "Ada Lovelace of Analytical Engines" in text  # the typed name and company
    save_screen(window, "en", "flow_walk_in_document")
    qtbot.mouseClick(target(window, "continue"), Qt.MouseButton.LeftButton)
    sign_with_mouse(target(window, "pad"), wait_ms=2)
    qtbot.mouseClick(target(window, "sign"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(target(window, "continue"), Qt.MouseButton.LeftButton)
    sign_with_finger(target(window, "pad"), wait_ms=2)
    qtbot.mouseClick(target(window, "sign"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.walk_in_done.state == "seated", timeout=WAIT_MS)  # offline
    event_id = controller.walk_in.last_event_id
    assert kiosk.sync.queue_depth() == 1
    rows = records(kiosk)
    assert [(r[0], r[1]) for r in rows] == [(event_id, "D7h2"), (event_id, "S1x9")]
    assert "Ada Lovelace" in rows[0][2]


def test_cancelling_the_documents_records_no_walk_in(qtbot, kiosk, make_ui):
    window, _controller = start(qtbot, kiosk, make_ui)
    walk_in(qtbot, window, "Ada Lovelace", "", "gra", GRACE)
    qtbot.mouseClick(target(window, "continue"), Qt.MouseButton.LeftButton)
    sign_with_mouse(target(window, "pad"))
    qtbot.mouseClick(target(window, "sign"), Qt.MouseButton.LeftButton)  # one signed...
    qtbot.mouseClick(target(window, "cancel"), Qt.MouseButton.LeftButton)  # ...then gone
    assert window.current == "scan"
    assert kiosk.sync.queue_depth() == 0 and records(kiosk) == []
    tap(qtbot, window.scan.no_code_button)
    assert window.walk_in_name.name.text() == ""  # nothing of the visitor is kept


def test_a_language_switch_while_signing_keeps_the_walk_ins_name(qtbot, kiosk, make_ui):
    window, _controller = start(qtbot, kiosk, make_ui, lang="de")
    walk_in(qtbot, window, "Jürgen Groß", "Ingenieurbüro", "gra", GRACE)
    assert "Jürgen Groß wahrt die Geheimnisse" in window.signing.reader.view.toPlainText()
    window.language_button.click()  # English
    text = window.signing.reader.view.toPlainText()
    assert "Jürgen Groß of Ingenieurbüro keeps" in text  # the English text, still named
