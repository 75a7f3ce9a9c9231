"""Walk-in and check-out transitions in the real app, for ``benchmarks/visit_flow.py``.

The kiosk is paired with the embedded server (three hosts in its directory, no documents):
scan -> walk-in name ("I have no code"), name -> host picker ("Next"), a key -> the host list
searched again, host -> the thanks screen (the walk-in recorded), scan -> check-out mode,
check-out mode -> today's walk-ins, a walk-in tapped -> goodbye. Each is timed from the tap to
the end of the new screen's paint; target: median under 100 ms.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.scanner.synthetic import SyntheticSource
from kiosk_app.ui.app import build_kiosk_ui
from kiosk_app.ui.keyboard import BACKSPACE
from kiosk_app.ui.people_list import PeopleList
from server_stub.embedded import EmbeddedServer


def wait_for(app: QApplication, done: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit("the screen did not paint in time")
        app.processEvents()


def walk_in_transitions(app: QApplication, rounds: int) -> dict[str, list[float]]:
    """Walk-in and check-out screens of the real app, each from the tap to the end of the
    new screen's paint: paired with the embedded server, three hosts in its directory."""
    times: dict[str, list[float]] = {
        "scan -> walk-in name": [],
        "name -> host picker": [],
        "key -> host list": [],
        "host -> thanks": [],
        "scan -> check-out mode": [],
        "check-out mode -> walk-in list": [],
        "walk-in list -> goodbye": [],
    }
    with tempfile.TemporaryDirectory(prefix="atrium-bench-") as tmp:
        root = Path(tmp)
        server = EmbeddedServer(root / "server").start()
        for name in ("Grace Hopper", "Alan Turing", "Barbara Liskov"):
            server.add_host(name, f"{name.split()[0].lower()}@example.com")
        config = KioskConfig(
            data_dir=root / "kiosk",
            credential_store="memory",
            server_url=server.url,
            ca_cert=server.ca_cert,
        )
        kiosk = Kiosk.open(config)
        kiosk.pair(server.url, server.pairing_code("Bench"), ca_cert=server.ca_cert)
        kiosk.sync.run_once()
        source = SyntheticSource([(None, 30)], fps=30.0, realtime=True)
        window, controller = build_kiosk_ui(
            kiosk,
            "synthetic",
            "zxing",
            "en",
            source_opener=lambda _spec: source,
            sync_options={"interval_s": 3600.0},
        )
        window.resize(1920, 1080)
        window.show()
        controller.start()
        spy = PaintSpy()
        w = window
        wait_for(app, lambda: w.current == "scan")

        def tap(target: QWidget, painted: QWidget, pos: QPoint | None = None) -> float:
            spy.watch(painted)
            started = time.perf_counter()
            QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=pos or QPoint())
            wait_for(app, lambda: spy.seen and painted.isVisible())
            app.processEvents()  # the rest of that paint
            return (time.perf_counter() - started) * 1000

        def first_row(people: PeopleList) -> QPoint:
            return people.row_rect(people.item(0).data(Qt.ItemDataRole.UserRole)).center()

        for _ in range(rounds):
            times["scan -> walk-in name"].append(tap(w.scan.no_code_button, w.walk_in_name))
            for char in "ada":
                QTest.mouseClick(w.walk_in_name.keyboard.key(char), Qt.MouseButton.LeftButton)
            times["name -> host picker"].append(tap(w.walk_in_name.next_button, w.host_picker))
            hosts, keys = w.host_picker.hosts, w.host_picker.keyboard
            for value in ("b", BACKSPACE, "a", BACKSPACE, "g"):  # each changes the list
                times["key -> host list"].append(tap(keys.key(value), hosts.viewport()))
            row = first_row(hosts)
            times["host -> thanks"].append(tap(hosts.viewport(), w.walk_in_done, row))
            wait_for(app, lambda: w.walk_in_done.state != "waiting", 10.0)
            QTest.mouseClick(w.walk_in_done, Qt.MouseButton.LeftButton)
            wait_for(app, lambda: w.current == "scan")
            times["scan -> check-out mode"].append(tap(w.scan.checkout_button, w.scan))
            listing = w.checkout_list
            times["check-out mode -> walk-in list"].append(tap(w.scan.no_code_button, listing))
            people = listing.people
            row = first_row(people)
            times["walk-in list -> goodbye"].append(tap(people.viewport(), w.verdict, row))
            QTest.mouseClick(w.verdict, Qt.MouseButton.LeftButton)
            wait_for(app, lambda: w.current == "scan")
        controller.shutdown()
        window.close()
        kiosk.close()
        server.close()
    return times


class PaintSpy(QObject):
    """Notes when the watched widget gets its next paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.seen = False
        self._widget: QWidget | None = None

    def watch(self, widget: QWidget) -> None:
        if self._widget is not None:
            self._widget.removeEventFilter(self)
        self._widget, self.seen = widget, False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            self.seen = True
        return False
