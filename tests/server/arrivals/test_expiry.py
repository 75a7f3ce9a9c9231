"""Expiry at departure, judged when read: Today, the visit, the roll call count, the pull."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from server_stub import reception
from server_stub.service import AtriumService
from tests.server.arrivals.helpers import exit_event, push, walk_in
from tests.server.helpers import FakeClock, bearer, event


def _today(service: AtriumService) -> dict[str, Any]:
    tenant_id = service.default_tenant()
    return reception.today(service, tenant_id, service.site(tenant_id)["id"])


def test_a_visit_not_checked_out_expires_at_its_departure(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                                 arrive=clock() - 60, depart=clock() + 600)
    assert push(client, kiosks[0], event(visit["pass"], clock()))[0]["status"] == "accepted"
    [made] = push(client, kiosks[0], walk_in(host_id, clock(), name="Bob Smith"))
    clock.advance(599)
    data = _today(service)
    assert data["counts"]["on_site"] == 2 and data["expired"] == 0
    clock.advance(1)  # Ada's departure, to the second
    data = _today(service)
    assert data["counts"]["on_site"] == 1 and data["expired"] == 1
    [left] = data["groups"]["left"]
    assert left["visitor"] == "Ada Lovelace"
    assert left["left"] == {"how": "expired", "at": float(visit["exp"]), "kiosk": ""}
    shown = reception.visit(service, tenant_id, visit["visit_id"])
    assert shown["timeline"][-1] == {"at": float(visit["exp"]), "kind": "expired", "kiosk": ""}
    assert shown["checked_out_at"] is None
    # the walk-in expires at its own departure: then the pull no longer offers it for check-out
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert [w["visit_id"] for w in pulled["walk_ins"]] == [made["visit_id"]]
    walk_in_visit = reception.visit(service, tenant_id, made["visit_id"])
    clock.now = walk_in_visit["exp"]
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert pulled["walk_ins"] == []
    assert _today(service)["counts"]["on_site"] == 0


def test_a_late_check_out_turns_an_expired_visit_into_a_checked_out_one(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, visit
) -> None:
    assert push(client, kiosks[0], event(visit["pass"], clock()))[0]["status"] == "accepted"
    clock.now = visit["exp"] + 3600
    assert _today(service)["expired"] == 1
    late = exit_event(clock(), **{"pass": visit["pass"]})
    assert push(client, kiosks[1], late)[0]["status"] == "accepted"
    data = _today(service)
    assert data["expired"] == 0
    [left] = data["groups"]["left"]
    assert left["left"] == {"how": "kiosk", "at": pytest.approx(late["scanned_at"]),
                            "kiosk": "Lobby 2"}
