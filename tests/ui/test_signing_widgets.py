"""The signature pad, the safe document view and the signing screen, driven by real events."""

from __future__ import annotations

import dataclasses
import http.server
import math
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QImage,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk_app.ui.document_view import DocumentView
from kiosk_app.ui.screens.signing import SigningScreen
from kiosk_app.ui.signature_pad import SignaturePad
from kiosk_app.ui.theme import stylesheet
from tests.ui.ink import mouse_stroke, stylus_stroke, touch_stroke, zigzag

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclasses.dataclass(frozen=True)
class Doc:
    """The fields of a PendingDocument the screens read."""

    document_id: str
    version: int
    language: str
    title: str
    html: str


class UrlRecorder(QObject):
    """Stands in for the desktop's browser: records each URL the app asks it to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def pad(qtbot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(900, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_mouse_touch_and_stylus_each_make_a_timed_stroke(pad, qtbot):
    inked = []
    pad.inked.connect(inked.append)
    mouse_stroke(pad, zigzag(40, 60))
    touch_stroke(pad, zigzag(40, 160))
    stylus_stroke(pad, zigzag(40, 260))
    strokes = pad.strokes
    assert len(strokes) == 3, strokes
    assert inked == [True]  # once, when the first ink arrived
    for stroke, top in zip(strokes, (60, 160, 260), strict=True):
        assert len(stroke) == 12
        for (x, y, _t), (want_x, want_y) in zip(stroke, zigzag(40, top), strict=True):
            # QTest puts a touch point's position at its 4 px contact area's corner
            assert abs(x - want_x) <= 2 and abs(y - want_y) <= 2
        times = [t for _x, _y, t in stroke]
        assert times == sorted(times) and isinstance(times[0], int)
    assert strokes[2][-1][2] > strokes[0][0][2]  # milliseconds since the first point
    pad.clear()
    assert not pad.has_ink and pad.strokes == [] and inked == [True, False]


def test_the_png_is_the_ink_cut_to_its_box_on_a_transparent_background(pad):
    mouse_stroke(pad, [(100, 100), (300, 100), (300, 200)])
    image, strokes = pad.capture()
    data = pad.png()
    assert data.startswith(PNG_MAGIC)
    decoded = QImage.fromData(data)
    assert decoded.size() == image.size()
    margin = math.ceil(pad.pen_width() / 2) + 1
    assert (decoded.width(), decoded.height()) == (200 + 2 * margin + 1, 100 + 2 * margin + 1)
    assert decoded.hasAlphaChannel()
    assert decoded.pixelColor(decoded.width() - 2, 1).alpha() == 0  # no paper in the PNG
    assert decoded.pixelColor(40, 60).alpha() == 0  # inside the box, away from the ink
    # the strokes are in the PNG's pixels: ink lies under every point
    assert strokes[0][0][:2] == (margin, margin)
    for x, y, _t in strokes[0]:
        ink = decoded.pixelColor(round(x), round(y))
        assert ink.alpha() == 255 and ink.lightness() < 60, (x, y)
    assert pad.strokes[0][0][:2] == (100.0, 100.0)  # the pad keeps its own coordinates


def test_a_new_segment_repaints_only_its_own_box(pad, qtbot):
    pad.repaint()  # the first full paint
    pad.painted_rects.clear()
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(400, 150))
    QTest.mouseMove(pad, QPoint(420, 160))
    qtbot.waitUntil(lambda: len(pad.painted_rects) > 0, timeout=2000)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(420, 160))
    area = pad.width() * pad.height()
    for rect in pad.painted_rects:
        assert rect.width() * rect.height() < area / 50, rect
        assert rect.contains(QPoint(410, 155))
    assert pad.latencies  # measured: input to painted


@pytest.fixture
def hostile_server() -> Iterator[tuple[str, list[str]]]:
    """A local web server that records every request a document might make."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def test_a_hostile_document_loads_nothing_runs_nothing_and_opens_no_link(
    qtbot, tmp_path: Path, hostile_server
):
    base, requests = hostile_server
    red = QImage(60, 60, QImage.Format.Format_RGB32)
    red.fill(QColor("#ff0000"))
    local = tmp_path / "secret.png"
    assert red.save(str(local))
    html = (
        "<h1>Terms</h1><script>document.write('SCRIPT-RAN')</script>"
        f'<p style="font-size:40px"><a href="{base}/clicked">FOLLOW-ME</a></p>'
        f'<img src="{base}/tracker.png" width="60" height="60">'
        f'<img src="{local.as_uri()}" width="60" height="60">'
        f'<img src="{local}" width="60" height="60">'
        f'<link rel="stylesheet" href="{base}/style.css">'
    )
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    clicked: list[QUrl] = []
    view.anchorClicked.connect(clicked.append)
    opener = UrlRecorder()
    opened = opener.opened
    for scheme in ("http", "https", "file"):
        QDesktopServices.setUrlHandler(scheme, opener, "open")
    try:
        view.show_html(html)
        image = view.grab().toImage()
        text = view.toPlainText()
        assert "SCRIPT-RAN" not in text and "document.write" not in text
        # Qt asked for each resource and got a transparent pixel: nothing red on screen
        asked = view.resource_requests
        assert f"{base}/tracker.png" in asked and local.as_uri() in asked
        assert not any(
            image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 60
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        )
        link = next(
            QPoint(x, y)
            for y in range(0, 300, 4)
            for x in range(0, 600, 4)
            if view.anchorAt(QPoint(x, y))
        )
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=link)
        QTest.qWait(200)
        assert opened == [] and clicked == []
        assert view.source().isEmpty()
        assert requests == []  # the web server never heard from the kiosk
    finally:
        for scheme in ("http", "https", "file"):
            QDesktopServices.unsetUrlHandler(scheme)


def test_a_finger_drag_scrolls_the_document_kinetically(qtbot):
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.show_html("".join(f"<p>Paragraph {i}: terms and conditions.</p>" for i in range(200)))
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    touch_stroke(view.viewport(), [(400, 500 - 20 * i) for i in range(20)], wait_ms=16)
    released_at = bar.value()
    assert released_at > 0
    qtbot.waitUntil(lambda: bar.value() > released_at, timeout=2000)  # it glides on


@pytest.fixture
def screen(qtbot) -> SigningScreen:
    widget = SigningScreen()
    widget.setStyleSheet(stylesheet(1.0))
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


DOCUMENTS = [
    Doc("D1", 3, "en", "Non-disclosure agreement", "<h1>NDA</h1><p>Ada agrees.</p>"),
    Doc("D2", 1, "en", "Safety rules", "<h1>Safety</h1><p>Wear the badge.</p>"),
]


def test_two_documents_are_read_and_signed_in_order(screen, qtbot):
    screen.set_clock(lambda: 1764370001.5)
    results: list[list] = []
    screen.signed.connect(results.append)
    screen.start(DOCUMENTS)
    assert screen.page == "read" and screen.position == (1, 2)
    assert screen.reader.progress.text() == "Document 1 of 2"
    assert screen.reader.title.text() == "Non-disclosure agreement"
    qtbot.mouseClick(screen.reader.continue_button, Qt.MouseButton.LeftButton)
    assert screen.page == "sign"
    sign = screen.signer.sign_button
    assert not sign.isEnabled()  # no ink yet
    mouse_stroke(screen.signer.pad, zigzag(60, 80))
    assert sign.isEnabled()
    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)
    assert screen.page == "read" and screen.position == (2, 2)
    assert screen.reader.title.text() == "Safety rules"
    qtbot.mouseClick(screen.reader.continue_button, Qt.MouseButton.LeftButton)
    assert not sign.isEnabled()  # a fresh pad for each document
    touch_stroke(screen.signer.pad, zigzag(60, 120))
    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)
    assert len(results) == 1
    first, second = results[0]
    assert (first.document.document_id, second.document.document_id) == ("D1", "D2")
    assert first.png.startswith(PNG_MAGIC) and second.png.startswith(PNG_MAGIC)
    # strokes in the PNG's pixels: each zigzag starts at its box's top left corner
    margin = math.ceil(screen.signer.pad.pen_width() / 2) + 1
    assert first.strokes[0][0][:2] == second.strokes[0][0][:2] == (margin, margin)
    assert QImage.fromData(first.png).width() == 11 * 20 + 2 * margin + 1
    assert first.signed_at == 1764370001.5


def test_clear_empties_the_pad_and_cancel_drops_everything(screen, qtbot):
    cancelled: list[bool] = []
    signed: list[list] = []
    screen.cancelled.connect(lambda: cancelled.append(True))
    screen.signed.connect(signed.append)
    screen.start(DOCUMENTS)
    qtbot.mouseClick(screen.reader.continue_button, Qt.MouseButton.LeftButton)
    mouse_stroke(screen.signer.pad, zigzag(60, 80))
    qtbot.mouseClick(screen.signer.clear_button, Qt.MouseButton.LeftButton)
    assert not screen.signer.pad.has_ink and not screen.signer.sign_button.isEnabled()
    mouse_stroke(screen.signer.pad, zigzag(60, 80))
    qtbot.mouseClick(screen.signer.sign_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.reader.cancel_button, Qt.MouseButton.LeftButton)
    assert cancelled == [True] and signed == []
    with pytest.raises(ValueError, match="no document"):
        screen.start([])


def test_a_language_switch_shows_the_unsigned_documents_in_the_new_language(screen, qtbot):
    screen.start(DOCUMENTS)
    qtbot.mouseClick(screen.reader.continue_button, Qt.MouseButton.LeftButton)
    mouse_stroke(screen.signer.pad, zigzag(60, 80))
    qtbot.mouseClick(screen.signer.sign_button, Qt.MouseButton.LeftButton)
    german = [
        dataclasses.replace(DOCUMENTS[0], language="de", title="Geheimhaltung"),
        dataclasses.replace(DOCUMENTS[1], language="de", title="Sicherheitsregeln"),
    ]
    screen.replace_documents(german)
    assert screen.page == "read" and screen.position == (2, 2)
    assert screen.reader.title.text() == "Sicherheitsregeln"


def test_dragging_counts_as_someone_there_and_hovering_does_not(qtbot):
    from kiosk_app.ui.window import ActivityFilter

    target = QWidget()
    qtbot.addWidget(target)
    target.resize(400, 300)
    target.show()
    qtbot.waitExposed(target)
    watcher = ActivityFilter()
    seen: list[bool] = []
    watcher.activity.connect(lambda: seen.append(True))
    target.installEventFilter(watcher)
    QTest.mouseMove(target, QPoint(50, 50))  # a mouse merely passing over
    assert seen == []
    mouse_stroke(target, [(60, 60), (120, 60), (180, 60)], wait_ms=0)  # a scroll, a signature
    assert len(seen) >= 3  # the press and each move with the button held
