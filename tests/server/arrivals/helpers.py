"""Helpers for the walk-in and check-out tests: pushes, events, rows, a second tenant."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from server_stub import audit
from server_stub.service import AtriumService
from tests.server.helpers import bearer

HOST_EMAIL = "grace@acme.example"


def push(client: TestClient, token: str, *events: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(
        "/api/v1/device/checkins", headers=bearer(token), json={"events": list(events)}
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]


def exit_event(scanned_at: float, **ref: str) -> dict[str, Any]:
    return {"event_id": str(uuid.uuid4()), "kind": "exit", "scanned_at": scanned_at,
            "scanned_at_local": scanned_at, **ref}


def walk_in(host_id: str, scanned_at: float, name: str = "Ada Lovelace", **extra: Any) -> dict:
    return {"event_id": str(uuid.uuid4()), "kind": "walk_in", "scanned_at": scanned_at,
            "scanned_at_local": scanned_at, "name": name, "company": "Analytical Engines Ltd",
            "host_id": host_id, "language": "en", **extra}


def rows(service: AtriumService, table: sa.Table) -> list[Any]:
    """Every row of a tenant table for the default tenant."""
    tenant_id = service.default_tenant()
    with service.store.read(tenant_id) as conn:
        return list(conn.execute(sa.select(table).where(table.c.tenant_id == tenant_id)))


def audit_actions(service: AtriumService) -> list[str]:
    return [entry["action"] for entry in audit.entries(service, service.default_tenant())]


def other_tenant(service: AtriumService, name: str = "Globex") -> str:
    """A second tenant with a site of its own."""
    tenant_id = service.add_tenant(name)
    service.add_site(tenant_id, f"{name} HQ")
    return tenant_id


def berlin_midnight(ts: float) -> int:
    """The end of the day of ``ts`` in Berlin."""
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    day = dt.datetime.fromtimestamp(ts, zone).date() + dt.timedelta(days=1)
    return int(dt.datetime.combine(day, dt.time(0), tzinfo=zone).timestamp())
