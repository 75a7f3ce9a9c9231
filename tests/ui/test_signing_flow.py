"""A pass whose site requires documents: read, sign by mouse and by finger, then checked in.

The real app on a paired kiosk, the synthetic camera showing the pass; the documents are in
the kiosk's cache as a pull leaves them. Cancelling, or walking away, leaves the pass unused.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from PySide6.QtCore import Qt

from kiosk_app.core.documents import replace_cache
from kiosk_app.core.flow_answers import documents as parse_documents
from kiosk_app.core.signed_records import record_digest
from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.scanner.synthetic import SyntheticSource
from tests.ui.conftest import pair_kiosk, visit_times
from tests.ui.ink import sign_with_finger, sign_with_mouse

WAIT_MS = 15_000
HELD_FRAMES = 36
GAP_FRAMES = 75
NDA = "<h1>NDA</h1><p>{{visitor_name}} of {{company}} keeps {{site_name}}'s secrets.</p>"
NDA_DE = "<h1>Geheimhaltung</h1><p>{{visitor_name}} wahrt die Geheimnisse.</p>"
SAFETY = "<h1>Safety</h1><p>Wear the badge, {{visitor_name}}.</p><script>alert(1)</script>"


def text(language: str, title: str, html: str) -> dict[str, str]:
    digest = hashlib.sha256(html.encode()).hexdigest()
    return {"language": language, "title": title, "html": html, "sha256": digest}


PULLED_DOCUMENTS = [
    {
        "document_id": "D7h2",
        "version": 3,
        "position": 1,
        "texts": [
            text("en", "Non-disclosure agreement", NDA),
            text("de", "Geheimhaltungsvereinbarung", NDA_DE),
        ],
    },
    {"document_id": "S1x9", "version": 1, "position": 2, "texts": [text("en", "Safety", SAFETY)]},
]


def cache_documents(kiosk) -> None:
    """The site's two documents in the kiosk's cache, as the last pull left them."""
    with kiosk.store.transaction() as tx:
        replace_cache(tx, parse_documents(PULLED_DOCUMENTS))


def camera() -> SyntheticSource:
    return SyntheticSource([(None, 15)], size=(1280, 720), fps=30.0, realtime=True)


@pytest.fixture
def visit_pass(server, kiosk) -> str:
    pair_kiosk(kiosk, server)
    visit = server.create_visit("Ada Lovelace", "Grace Hopper", *visit_times(-0.1, 4))
    assert kiosk.sync.run_once().error is None  # the visitor's name for the placeholders
    return visit["pass"]


def start_app(qtbot, kiosk, make_ui, lang: str = "en"):
    source = camera()
    window, controller = make_ui(source, lang=lang)
    qtbot.waitUntil(lambda: controller.services.sync.last_status is not None, timeout=WAIT_MS)
    controller.services.sync.stop()  # offline from here: the records stay on the kiosk
    cache_documents(kiosk)  # after the app's first pull, which replaced the cache
    return source, window, controller


def show_pass(qtbot, window, source, text_: str, screen: str) -> None:
    source.enqueue(text_, HELD_FRAMES)
    source.enqueue(None, GAP_FRAMES)
    qtbot.waitUntil(lambda: window.current == screen, timeout=WAIT_MS)


def tap(qtbot, window, role: str) -> None:
    qtbot.mouseClick(window.signing.touch_targets()[role], Qt.MouseButton.LeftButton)


def queued(kiosk) -> list[tuple[str, str]]:
    return kiosk.store.conn.execute("SELECT event_id, verdict FROM queue").fetchall()


def test_a_visitor_signs_two_documents_by_mouse_and_by_finger(
    qtbot, kiosk, visit_pass, make_ui, save_screen
):
    source, window, controller = start_app(qtbot, kiosk, make_ui)
    show_pass(qtbot, window, source, visit_pass, "signing")
    signing = window.signing
    assert queued(kiosk) == []  # nothing recorded while the visitor reads
    assert signing.position == (1, 2)
    assert "Ada Lovelace" in signing.reader.view.toPlainText()
    save_screen(window, "en", "flow_signing_document")
    tap(qtbot, window, "continue")
    sign_with_mouse(signing.touch_targets()["pad"], wait_ms=2)
    save_screen(window, "en", "flow_signing_signed")
    tap(qtbot, window, "sign")
    assert signing.position == (2, 2) and signing.page == "read"
    tap(qtbot, window, "continue")
    sign_with_finger(signing.touch_targets()["pad"], wait_ms=2)
    tap(qtbot, window, "sign")
    qtbot.waitUntil(lambda: window.current == "verdict", timeout=WAIT_MS)
    assert controller.last_verdict.code == VerdictCode.ACCEPTED
    assert controller.last_verdict.display_name == "Ada Lovelace"
    save_screen(window, "en", "flow_signing_welcome")
    ((event_id, verdict),) = queued(kiosk)
    assert verdict == "accepted"
    rows = kiosk.store.conn.execute(
        "SELECT event_id, document_id, version, language, html, png, strokes, sha256 "
        "FROM signed_records ORDER BY document_id"
    ).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [(event_id, "D7h2", 3), (event_id, "S1x9", 1)]
    for row in rows:
        html, png, strokes, digest = row[4], row[5], json.loads(row[6]), row[7]
        assert "Ada Lovelace" in html and "<script" not in html
        assert png.startswith(b"\x89PNG") and digest == record_digest(html, png)
        assert len(strokes) == 3 and all(len(point) == 3 for point in strokes[0])


def test_cancelling_in_the_middle_leaves_the_pass_unused(qtbot, kiosk, visit_pass, make_ui):
    source, window, _controller = start_app(qtbot, kiosk, make_ui)
    show_pass(qtbot, window, source, visit_pass, "signing")
    tap(qtbot, window, "continue")
    sign_with_mouse(window.signing.touch_targets()["pad"])
    tap(qtbot, window, "sign")  # the first document is signed...
    tap(qtbot, window, "cancel")  # ...then the visitor changes their mind
    assert window.current == "scan"
    assert queued(kiosk) == []
    assert kiosk.store.conn.execute("SELECT COUNT(*) FROM signed_records").fetchone()[0] == 0
    assert kiosk.store.conn.execute("SELECT COUNT(*) FROM used_passes").fetchone()[0] == 0
    show_pass(qtbot, window, source, visit_pass, "signing")  # the pass is still good
    assert window.signing.position == (1, 2)  # and starts again from the first document


def test_walking_away_gives_a_warning_then_leaves_the_pass_unused(
    qtbot, kiosk, visit_pass, make_ui
):
    source, window, controller = start_app(qtbot, kiosk, make_ui)
    controller.signing.reading_idle_ms = 300
    controller.signing.warning_ms = 300
    show_pass(qtbot, window, source, visit_pass, "signing")
    qtbot.waitUntil(lambda: window.signing.idle_warning.isVisible(), timeout=WAIT_MS)
    qtbot.mouseClick(window.signing.touch_targets()["text"], Qt.MouseButton.LeftButton)
    assert not window.signing.idle_warning.isVisible()  # a touch carries on
    assert window.current == "signing"
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)  # then nobody came
    assert queued(kiosk) == []
    assert kiosk.store.conn.execute("SELECT COUNT(*) FROM used_passes").fetchone()[0] == 0


def test_the_documents_follow_the_visitors_language(qtbot, kiosk, visit_pass, make_ui):
    source, window, _controller = start_app(qtbot, kiosk, make_ui)
    show_pass(qtbot, window, source, visit_pass, "signing")
    reader_text = window.signing.reader.view
    assert "keeps" in reader_text.toPlainText()
    window.language_button.click()
    assert "wahrt die Geheimnisse" in reader_text.toPlainText()
    tap(qtbot, window, "continue")
    sign_with_mouse(window.signing.touch_targets()["pad"])
    tap(qtbot, window, "sign")
    assert "Wear the badge" in reader_text.toPlainText()  # no German text: English


def test_a_kiosk_started_in_german_shows_the_german_text(qtbot, kiosk, visit_pass, make_ui):
    source, window, _controller = start_app(qtbot, kiosk, make_ui, lang="de")
    show_pass(qtbot, window, source, visit_pass, "signing")
    assert window.signing.reader.title.text() == "Geheimhaltungsvereinbarung"
    assert "wahrt die Geheimnisse" in window.signing.reader.view.toPlainText()
