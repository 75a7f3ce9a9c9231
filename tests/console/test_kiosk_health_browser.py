"""In Chromium: real kiosks sync against the real server and the Kiosks page shows their health.

Saves the page (en, de; 1366x768 and a 390 px phone) as build/screens/console/<lang>/
kiosks-health-<size>.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk_app.core.clock import OFFSET_KEY
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.health import CameraHeartbeat
from kiosk_app.core.kiosk import Kiosk
from server_stub.embedded import EmbeddedServer
from tests.console.test_screens import LOCALES, SIZES, _sign_in, shoot

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def kiosks(live: EmbeddedServer, tmp_path: Path) -> Iterator[dict[str, Kiosk]]:
    """Three real kiosks: one well, one with a stopped camera and a slow clock, one old."""
    opened: dict[str, Kiosk] = {}
    for name in ("Lobby 1", "Garage", "Old lobby"):
        config = KioskConfig(data_dir=tmp_path / name.replace(" ", "_"), credential_store="memory")
        kiosk = Kiosk.open(config, credentials=MemoryCredentialStore())
        kiosk.pair(live.url, live.pairing_code(kiosk_name=name), ca_cert=live.ca_cert)
        opened[name] = kiosk
    try:
        yield opened
    finally:
        for kiosk in opened.values():
            kiosk.close()


def test_the_kiosks_page_shows_what_real_kiosks_reported(
    browser: Any, live: EmbeddedServer, kiosks: dict[str, Kiosk]
) -> None:
    lobby, garage = kiosks["Lobby 1"], kiosks["Garage"]
    CameraHeartbeat(lobby.store).beat()  # its camera delivers frames
    CameraHeartbeat(garage.store).started()  # a camera that never delivered a frame
    for kiosk in (lobby, garage):
        assert kiosk.sync.run_once().ok
    garage.store.set(OFFSET_KEY, 3 * 3600.0)  # as if its clock was 3 h behind at that pull
    for kiosk in (lobby, garage):
        assert kiosk.sync.run_once().ok  # reports the first round as its last sync
    # the old kiosk pulls without reporting: its row says "not reported"
    live._service.pull(
        live._service.authenticate(kiosks["Old lobby"].sync.credentials.get_token()), 0
    )

    problems: list[str] = []
    for lang, locale in LOCALES.items():
        for size, (width, height) in SIZES.items():
            context = browser.new_context(
                viewport={"width": width, "height": height}, locale=locale
            )
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            _sign_in(tab, live)
            tab.goto(f"{live.url}/console/kiosks")
            rows = {
                name: tab.locator("tr[data-device]", has_text=name).inner_text() for name in kiosks
            }
            if lang == "en":
                assert "working" in rows["Lobby 1"] and "0.1.0" in rows["Lobby 1"]
                assert "on time" in rows["Lobby 1"] and "⚠" not in rows["Lobby 1"]
                assert "not working" in rows["Garage"] and "3.0 h slow" in rows["Garage"]
                assert rows["Garage"].count("⚠") == 2
                assert "Health not reported" in rows["Old lobby"]
            else:
                assert "funktioniert" in rows["Lobby 1"] and "genau" in rows["Lobby 1"]
                assert "geht 3,0 h nach" in rows["Garage"]
                assert "Zustand nicht gemeldet" in rows["Old lobby"]
            assert tab.locator("tr[data-device] .flag").count() == 2
            shoot(tab, lang, "kiosks-health", size, problems)
            context.close()
    assert problems == []
