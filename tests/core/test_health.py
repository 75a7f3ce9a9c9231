"""The kiosk's health report: what it sends, what it leaves out, and the camera heartbeat."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app import __version__
from kiosk_app.core import health
from kiosk_app.core.clock import OFFSET_KEY, Clock
from kiosk_app.core.store import Store


class Now:
    def __init__(self, t: float = 1_800_000_000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "kiosk")
    yield opened
    opened.close()


def test_a_fresh_cli_kiosk_reports_version_queue_and_disk_only(store: Store) -> None:
    params = health.report(store, Clock(store), queue_depth=4)
    assert params["app_version"] == __version__
    assert params["queue_depth"] == "4"
    assert int(params["free_disk_bytes"]) > 0
    assert set(params) == {"app_version", "queue_depth", "free_disk_bytes"}  # nothing measured


def test_last_sync_and_the_measured_offset_are_sent(store: Store) -> None:
    store.set_many({"last_sync_at": 1_799_999_000.25, OFFSET_KEY: -7300.5})
    params = health.report(store, Clock(store), queue_depth=0)
    assert params["last_sync_at"] == "1799999000.250"
    assert params["clock_skew_s"] == "-7300.500"


def test_stored_nonsense_is_left_out_not_sent(store: Store) -> None:
    store.set_many({"last_sync_at": "yesterday", OFFSET_KEY: True, health.CAMERA_FRAME_KEY: "x"})
    params = health.report(store, Clock(store), queue_depth=-3)
    assert params["queue_depth"] == "0"
    assert not {"last_sync_at", "clock_skew_s", "camera_ok"} & set(params)


def test_the_heartbeat_writes_at_most_every_30_s_and_goes_stale_after_a_minute(
    store: Store,
) -> None:
    now = Now()
    beat = health.CameraHeartbeat(store, now=now)
    beat.started()
    assert health.camera_ok(store, now()) is False  # a camera, no frame yet
    beat.beat()
    assert store.get(health.CAMERA_FRAME_KEY) == now.t
    first = now.t
    writes = []
    original = store.set
    store.set = lambda key, value: (writes.append(value), original(key, value))  # type: ignore[method-assign]
    for _ in range(29):
        now.t += 1
        beat.beat()
    assert writes == []  # 29 frames in 29 s: no write
    now.t += 1
    beat.beat()
    assert writes == [first + 30]
    assert health.camera_ok(store, now.t + 60) is True
    assert health.camera_ok(store, now.t + 61) is False  # no frame for over a minute
    clock = Clock(store, local_time=lambda: now.t + 61)
    assert health.report(store, clock, queue_depth=0)["camera_ok"] == "0"


def test_started_keeps_an_earlier_frame_time(store: Store) -> None:
    store.set(health.CAMERA_FRAME_KEY, 1_799_999_990.0)
    health.CameraHeartbeat(store).started()  # a camera switch restarts the pipeline
    assert store.get(health.CAMERA_FRAME_KEY) == 1_799_999_990.0


def test_a_store_that_cannot_be_written_does_not_stop_the_camera(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    def full(key: str, value: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    store.set = full  # type: ignore[method-assign]
    health.CameraHeartbeat(store).beat()  # no exception reaches the camera thread
    assert "cannot record the camera's last frame: database or disk is full" in caplog.text
