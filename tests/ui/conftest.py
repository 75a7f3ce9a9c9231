"""UI test fixtures: screenshots under build/screens, the embedded server, paired kiosks."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("ATRIUM_KIOSK_SOUND", "0")

from PySide6.QtWidgets import QApplication, QWidget

REPO = Path(__file__).resolve().parents[2]
SCREENS_DIR = REPO / "build" / "screens"
ADMIN_PIN = "246813"
# the screen sizes every screen must fit: 720p, the common laptop panel, 1080p, 4K, portrait
SCREEN_SIZES = ((1280, 720), (1366, 768), (1920, 1080), (3840, 2160), (1080, 1920))


def settle() -> None:
    """Runs pending layout requests and paints, like the event loop would."""
    for _ in range(2):  # a re-polished font posts a second layout request
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def save_png(
    widget: QWidget, lang: str, name: str, size: tuple[int, int] | None = None
) -> Path:
    """A PNG of ``widget`` at ``build/screens/<lang>/[<W>x<H>/]<name>.png``; returns the path."""
    folder = SCREENS_DIR / lang
    if size is not None:
        folder /= f"{size[0]}x{size[1]}"
    target = folder / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    settle()
    widget.repaint()
    assert widget.grab().save(str(target)), f"could not write {target}"
    return target


@pytest.fixture
def save_screen() -> Callable[..., Path]:
    """``save_png`` as a fixture: ``save_screen(widget, lang, name, size=None)``."""
    return save_png


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from server_stub.embedded import EmbeddedServer

    embedded = EmbeddedServer(tmp_path_factory.mktemp("server")).start()
    yield embedded
    embedded.close()


def visit_times(start_h: float, end_h: float) -> tuple[dt.datetime, dt.datetime]:
    now = dt.datetime.now(dt.UTC)
    return now + dt.timedelta(hours=start_h), now + dt.timedelta(hours=end_h)


@pytest.fixture
def kiosk(tmp_path: Path, server: object) -> Iterator[object]:
    """An unpaired kiosk with an in-memory credential store, configured for the test server."""
    from kiosk_app.core.config import KioskConfig
    from kiosk_app.core.kiosk import Kiosk

    config = KioskConfig(
        data_dir=tmp_path / "kiosk",
        credential_store="memory",
        server_url=server.url,  # type: ignore[attr-defined]
        ca_cert=server.ca_cert,  # type: ignore[attr-defined]
    )
    opened = Kiosk.open(config)
    yield opened
    opened.close()


def pair_kiosk(kiosk: object, server: object, name: str = "Lobby 1") -> None:
    """Pairs through the core (for tests that are not about pairing) and pulls trust data."""
    kiosk.pair(  # type: ignore[attr-defined]
        server.url,
        server.pairing_code(name),
        ca_cert=server.ca_cert,
        admin_pin=ADMIN_PIN,  # type: ignore[attr-defined]
    )
    report = kiosk.sync.run_once()  # type: ignore[attr-defined]
    assert report.error is None, report.error


@pytest.fixture
def make_ui(qtbot: object, kiosk: object) -> Iterator[Callable[..., tuple[object, object]]]:
    """Builds the real window and controller on ``kiosk`` with a given frame source."""
    from kiosk_app.ui.app import build_kiosk_ui
    from kiosk_app.ui.sounds import SoundPlayer

    controllers = []

    def make(source: object, lang: str = "en", size: tuple[int, int] = (1920, 1080)):
        window, controller = build_kiosk_ui(
            kiosk,  # type: ignore[arg-type]
            "synthetic",
            "zxing",
            lang,
            sounds=SoundPlayer(enabled=False),
            source_opener=lambda _spec: source,
            sync_options={"interval_s": 3600.0, "base_delay_s": 0.2, "max_delay_s": 1.0},
        )
        window.allow_close = True
        window.long_press.hold_ms = 300
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(*size)
        window.show()
        controllers.append(controller)
        controller.start()
        return window, controller

    yield make
    for controller in controllers:
        controller.shutdown()
