"""End to end over HTTPS: a real kiosk reports its health on every pull, the server keeps it."""

from __future__ import annotations

import time
from collections.abc import Callable

from kiosk_app import __version__
from kiosk_app.core.client import AtriumClient
from kiosk_app.core.health import CameraHeartbeat
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.pairing import ca_cert_path, load_identity
from server_stub.embedded import EmbeddedServer


def health_of(server: EmbeddedServer, kiosk: Kiosk) -> dict | None:
    identity = load_identity(kiosk.store)
    assert identity is not None
    [device] = [d for d in server.devices() if d["device_id"] == identity.device_id]
    return device["health"]


def test_a_kiosk_reports_its_health_on_each_pull(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk()
    assert health_of(server, kiosk) is None  # paired, never pulled
    visit = server.create_visit()
    server.stop()
    assert kiosk.checkin.check_in(visit["pass"]).accepted  # offline: one event queued
    server.start()
    before = time.time()
    first = kiosk.sync.run_once()
    assert first.ok
    health = health_of(server, kiosk)
    assert health is not None
    assert health["app_version"] == __version__
    assert health["queue_depth"] == 0  # the push went first
    assert health["last_sync_at"] is None  # no complete round before this one
    assert health["camera_ok"] is None  # the CLI kiosk has no camera: left out
    assert abs(health["clock_skew_s"]) < 5  # measured at pairing, same machine
    assert health["clock_skew_flagged"] is False
    assert health["free_disk_bytes"] > 0
    assert health["reported_at"] >= before - 1
    assert kiosk.sync.run_once().ok
    again = health_of(server, kiosk)
    assert again is not None
    assert again["last_sync_at"] is not None
    assert abs(again["last_sync_at"] - first.finished_at) < 0.01


def test_the_camera_is_reported_once_the_ui_runs_one(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk()
    heartbeat = CameraHeartbeat(kiosk.store)
    heartbeat.started()  # the window opened its camera; no frame yet
    assert kiosk.sync.run_once().ok
    assert health_of(server, kiosk)["camera_ok"] is False
    heartbeat.beat()  # a frame arrived
    assert kiosk.sync.run_once().ok
    assert health_of(server, kiosk)["camera_ok"] is True


def test_an_old_kiosk_that_sends_nothing_still_pulls(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk()
    identity = load_identity(kiosk.store)
    assert identity is not None
    token = kiosk.sync.credentials.get_token()
    with AtriumClient(server.url, ca_cert=ca_cert_path(kiosk.store), token=token) as http:
        reply = http.pull(0)  # the request of a kiosk from before health reports
    assert reply.data["keys"]
    assert health_of(server, kiosk) is None
    [device] = server.devices()
    assert device["last_seen_at"] is not None
