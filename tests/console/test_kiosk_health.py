"""The Kiosks page shows each kiosk's reported health, flags what needs attention, en and de."""

from __future__ import annotations

import re

from server_stub.kiosk_health import LOW_DISK_BYTES
from server_stub.rules import POLICY
from tests.server.helpers import pair

HEALTHY = {
    "app_version": "0.1.0",
    "queue_depth": 3,
    "last_sync_at": None,
    "camera_ok": 1,
    "clock_skew_s": 0.4,
    "free_disk_bytes": 12 * 2**30 + 2**29,
}


def _row(page: str, name: str) -> str:
    for row in re.findall(r'<tr data-device="[^"]+">(.*?)</tr>', page, re.S):
        if name in row:
            return str(row)
    raise AssertionError(f"no row for {name}")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_reported_health_is_shown_and_problems_are_flagged(admin, service, clock) -> None:
    _, good_token = pair(service, "Lobby 1")
    _, bad_token = pair(service, "Garage")
    _, old_token = pair(service, "Old lobby")
    service.pull(service.authenticate(good_token), 0, {**HEALTHY, "last_sync_at": clock() - 60})
    bad = {
        **HEALTHY,
        "camera_ok": 0,
        "clock_skew_s": POLICY["clock_skew_flag_s"] + 360.0,
        "free_disk_bytes": LOW_DISK_BYTES - 1,
        "queue_depth": 57,
    }
    service.pull(service.authenticate(bad_token), 0, bad)
    service.pull(service.authenticate(old_token), 0)  # an old kiosk: sends nothing
    page = admin.get("/console/kiosks").text

    good = _text(_row(page, "Lobby 1"))
    assert "online" in good and "0.1.0" in good and " 3 " in f" {good} "
    assert "working" in good and "on time" in good and "12.5 GB" in good
    assert "⚠" not in good and "Needs attention" not in good

    garage = _text(_row(page, "Garage"))
    assert "57" in garage
    assert "Needs attention: not working" in garage
    assert "Needs attention: 2.1 h slow" in garage  # the kiosk's clock is behind the server
    assert "Needs attention: 500 MB" in garage
    assert garage.count("⚠") == 3

    old = _text(_row(page, "Old lobby"))
    assert "Health not reported (older kiosk software)" in old and "online" in old

    german = admin.get("/console/kiosks?lang=de").text
    assert "funktioniert nicht" in _text(_row(german, "Garage"))
    assert "geht 2,1 h nach" in _text(_row(german, "Garage"))
    assert "12,5 GB" in _text(_row(german, "Lobby 1"))
    assert "Zustand nicht gemeldet" in _text(_row(german, "Old lobby"))


def test_a_fast_clock_and_a_kiosk_without_camera(admin, service) -> None:
    _, token = pair(service, "Desk kiosk")
    report = {**HEALTHY, "camera_ok": None, "clock_skew_s": -45.0}
    service.pull(service.authenticate(token), 0, report)
    row = _text(_row(admin.get("/console/kiosks").text, "Desk kiosk"))
    assert "no camera" in row and "45 s fast" in row and "never" in row
