"""Old kiosks' entries are unchanged; tenants and sites never reach each other's visits."""

from __future__ import annotations

from fastapi.testclient import TestClient

from server_stub.service import AtriumService
from server_stub.store.schema import checkouts
from tests.server.arrivals.helpers import (
    exit_event,
    other_tenant,
    push,
    rows,
    walk_in,
)
from tests.server.helpers import FakeClock, bearer, event, pair


def test_old_kiosk_entries_are_answered_as_before(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, visit
) -> None:
    scan = event(visit["pass"], clock())  # no kind: an old kiosk's event
    assert push(client, kiosks[0], scan) == [{"event_id": scan["event_id"], "status": "accepted"}]
    again = event(visit["pass"], clock() + 1)
    [dup] = push(client, kiosks[1], again)
    assert set(dup) == {"event_id", "status", "first_used_at", "first_used_by", "first_event_id"}
    assert [r["event_id"] for r in service.duplicates(service.default_tenant())] == [
        again["event_id"]
    ]
    explicit = {**event(visit["pass"], clock()), "kind": "entry"}
    assert push(client, kiosks[0], explicit)[0]["status"] == "duplicate"


def test_tenants_never_see_or_touch_each_others_visits(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str, visit
) -> None:
    assert push(client, kiosks[0], event(visit["pass"], clock()))[0]["status"] == "accepted"
    ada = walk_in(host_id, clock())
    [made] = push(client, kiosks[0], ada)
    other = other_tenant(service)
    service.add_host(other, "Hedy Lamarr", "hedy@globex.example")
    _, foreign = pair(service, "Globex Lobby", tenant_id=other)
    out = push(
        client, foreign, exit_event(clock(), visit_id=made["visit_id"]),
        exit_event(clock(), walk_in_event_id=ada["event_id"]),
        exit_event(clock(), visit_id=visit["visit_id"]),
        exit_event(clock(), **{"pass": visit["pass"]}),
        walk_in(host_id, clock()),
    )
    assert [a["reason"] for a in out] == [
        "unknown_visit", "unknown_visit", "unknown_visit", "bad_signature", "unknown_host"
    ]
    pulled = client.get("/api/v1/device/pull", headers=bearer(foreign)).json()
    assert [h["name"] for h in pulled["hosts"]] == ["Hedy Lamarr"]
    assert pulled["walk_ins"] == [] and pulled["expected_visits"] == []
    assert rows(service, checkouts) == []
    # a kiosk of another site of the same tenant does not reach them either
    service.add_site(service.default_tenant(), "Munich")
    _, munich = pair(service, "Munich Lobby", site="Munich")
    [far] = push(client, munich, exit_event(clock(), walk_in_event_id=ada["event_id"]))
    assert far["reason"] == "unknown_visit"
