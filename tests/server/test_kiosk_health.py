"""Kiosk health on pull: validated and bounded, the last report stored per device, shown to
admins (API, CLI); old kiosks that send nothing still pull and show "not reported"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from server_stub import kiosk_health
from server_stub.cli import main
from server_stub.service import AtriumService
from server_stub.store.schema import device_health
from tests.server.helpers import FakeClock, admin_headers, bearer, pair

HEALTHY = {
    "app_version": "0.1.0",
    "queue_depth": "3",
    "last_sync_at": "1799999940.5",
    "camera_ok": "1",
    "clock_skew_s": "-1.25",
    "free_disk_bytes": str(12 * 2**30),
}


def pull(client: TestClient, token: str, **params: Any) -> Any:
    return client.get("/api/v1/device/pull", headers=bearer(token), params=params)


def devices(client: TestClient, service: AtriumService) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/admin/devices", headers=admin_headers(service))
    assert answer.status_code == 200
    return answer.json()["devices"]


def test_the_last_report_is_stored_and_listed(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    device_id, token = pair(service)
    assert pull(client, token, **HEALTHY).status_code == 200
    clock.advance(60)
    worse = {**HEALTHY, "queue_depth": "40", "camera_ok": "0", "clock_skew_s": "7300"}
    worse["free_disk_bytes"] = str(100 * 2**20)
    assert pull(client, token, **worse).status_code == 200
    [device] = devices(client, service)
    assert device["device_id"] == device_id
    assert device["health"] == {
        "reported_at": clock(),
        "app_version": "0.1.0",
        "queue_depth": 40,
        "last_sync_at": 1799999940.5,
        "camera_ok": False,
        "clock_skew_s": 7300.0,
        "free_disk_bytes": 100 * 2**20,
        "clock_skew_flagged": True,  # over the policy's clock_skew_flag_s (7200)
        "free_disk_low": True,
    }


def test_an_old_kiosk_sends_nothing_and_is_not_reported(
    client: TestClient, service: AtriumService
) -> None:
    _, token = pair(service)
    answer = pull(client, token)
    assert answer.status_code == 200 and answer.json()["keys"]
    [device] = devices(client, service)
    assert device["health"] is None
    assert device["last_seen_at"] is not None


def test_a_kiosk_without_a_camera_leaves_it_out(client: TestClient, service: AtriumService) -> None:
    _, token = pair(service)
    partial = {k: v for k, v in HEALTHY.items() if k != "camera_ok"}
    assert pull(client, token, **partial).status_code == 200
    [device] = devices(client, service)
    assert device["health"]["camera_ok"] is None
    assert device["health"]["clock_skew_flagged"] is False
    assert device["health"]["free_disk_low"] is False


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("app_version", "x" * 41),
        ("app_version", "1.0\n"),
        ("app_version", ""),
        ("queue_depth", "-1"),
        ("queue_depth", str(10**9 + 1)),
        ("queue_depth", "many"),
        ("last_sync_at", "inf"),
        ("last_sync_at", "nan"),
        ("last_sync_at", "-5"),
        ("camera_ok", "2"),
        ("camera_ok", "yes"),
        ("clock_skew_s", "nan"),
        ("clock_skew_s", "-inf"),
        ("clock_skew_s", "1e12"),
        ("free_disk_bytes", "-1"),
        ("free_disk_bytes", str(2**63)),
    ],
)
def test_out_of_range_values_are_refused_and_nothing_is_stored(
    client: TestClient, service: AtriumService, name: str, value: str
) -> None:
    _, token = pair(service)
    answer = pull(client, token, **{**HEALTHY, name: value})
    assert answer.status_code == 422
    assert answer.json()["detail"]["code"] == "invalid_request"
    assert devices(client, service)[0]["health"] is None


def test_reports_stay_in_their_tenant(client: TestClient, service: AtriumService) -> None:
    _, token = pair(service)
    assert pull(client, token, **HEALTHY).status_code == 200
    other = service.add_tenant("Globex")
    service.add_site(other, "Paris")
    _, other_token = pair(service, tenant_id=other)
    assert pull(client, other_token).status_code == 200
    assert [d["health"] for d in service.devices(other)] == [None]
    with service.store.read(other) as conn:  # PostgreSQL: row-level security hides A's row
        visible = conn.execute(sa.select(device_health.c.tenant_id)).scalars().all()
        mine = kiosk_health.reports(conn, other)
    if service.store.backend == "postgresql":
        assert visible == []
    assert mine == {}


def test_cli_lists_devices_with_their_health(
    service: AtriumService, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    device_id, token = pair(service)
    _, quiet = pair(service, "Lobby 2")
    assert pull(client, token, **HEALTHY).status_code == 200
    assert pull(client, quiet).status_code == 200
    url = service.store.url if service.store.backend == "postgresql" else None
    base = ["--data-dir", str(Path(service.data_dir))] + (["--database-url", url] if url else [])
    assert main([*base, "devices"]) == 0
    text = capsys.readouterr().out
    assert "version 0.1.0, queue 3" in text and "camera ok" in text
    assert "clock skew -1.2 s" in text and "free disk 12.0 GB" in text
    assert "health not reported" in text
    assert main([*base, "--json", "device", "list"]) == 0
    rows = {r["device_id"]: r for r in json.loads(capsys.readouterr().out)["devices"]}
    assert rows[device_id]["health"]["queue_depth"] == 3
