"""Walk-ins: a visit, its check-in and one host message; the refusals; the window."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from server_stub import hosts
from server_stub.service import AtriumService
from server_stub.store.schema import used_passes, visits
from server_stub.walk_ins import short_name, window
from tests.server.arrivals.helpers import (
    audit_actions,
    other_tenant,
    push,
    rows,
    walk_in,
)
from tests.server.helpers import FakeClock, admin_headers, bearer


def test_a_walk_in_makes_a_visit_checked_in_and_one_host_message(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    scan = walk_in(host_id, clock() - 5)
    [answer] = push(client, kiosks[0], scan)
    assert answer["status"] == "accepted" and answer["host_notified"] is True
    visit_id = answer["visit_id"]
    assert len(visit_id) == 8
    [row] = [r for r in rows(service, visits) if r.kind == "walk_in"]
    assert (row.visit_id, row.visitor, row.company, row.host, row.host_id) == (
        visit_id, "Ada Lovelace", "Analytical Engines Ltd", "Grace Hopper", host_id
    )
    assert row.walk_in_event_id == scan["event_id"] and row._mapping["pass"] is None
    assert row.jti.startswith("walk-in:") and row.kid is None
    [use] = rows(service, used_passes)
    assert (use.jti, use.visit_id, use.event_id, use.kiosk_name) == (
        row.jti, visit_id, scan["event_id"], "Lobby 1"
    )
    assert use.used_at == pytest.approx(scan["scanned_at"])
    messages = service.visit_messages(service.default_tenant(), visit_id)
    assert [(m["kind"], m["host_id"], m["status"]) for m in messages] == [
        ("arrival", host_id, "pending")
    ]
    # the same event again (a lost answer): the stored answer, no second visit or message
    assert push(client, kiosks[0], scan) == [answer]
    assert push(client, kiosks[0], scan, scan) == [answer, answer]
    assert len([r for r in rows(service, visits) if r.kind == "walk_in"]) == 1
    assert len(service.visit_messages(service.default_tenant(), visit_id)) == 1
    assert len(rows(service, used_passes)) == 1
    # the same event id from another kiosk is not its event
    [other] = push(client, kiosks[1], scan)
    assert other == {"event_id": scan["event_id"], "status": "rejected",
                     "reason": "event_id_reused"}
    entries = audit_actions(service)
    assert entries.count("visit.created") == 1 and entries.count("visit.checked_in") == 1


def test_a_walk_in_at_a_site_with_a_webhook_tells_it_too(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", webhook_url="https://hooks.example/x")
    [told] = push(client, kiosks[0], walk_in(host_id, clock()))
    kinds = sorted(m["kind"] for m in service.visit_messages(tenant_id, told["visit_id"]))
    assert told["host_notified"] is True and kinds == ["arrival", "webhook"]


def test_short_names_are_the_first_name_and_the_last_initial() -> None:
    assert short_name("Ada Lovelace") == "Ada L."
    assert short_name("Ada") == "Ada"
    assert short_name("Ada King Lovelace") == "Ada L."
    assert short_name("Jürgen östlich") == "Jürgen Ö."


def test_walk_in_refusals(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    tenant_id = service.default_tenant()
    foreign = service.add_host(other_tenant(service), "Grace Hopper", "grace@globex.example")
    service.add_site(tenant_id, "Munich")
    elsewhere = service.add_host(tenant_id, "Alan Turing", "alan@acme.example", "Munich")
    gone = service.add_host(tenant_id, "Old Host", "old@acme.example")
    hosts.disable(service, tenant_id, gone, "-")
    now = clock()
    answers = push(
        client,
        kiosks[0],
        walk_in(foreign, now),
        walk_in(elsewhere, now),
        walk_in(gone, now),
        walk_in("no-such-host", now),
        walk_in(host_id, now, name="   "),
        walk_in(host_id, now, name="x" * 101),
        walk_in(host_id, now, company="bad\x07company"),
        walk_in(host_id, now + 3600),
    )
    assert [a["reason"] for a in answers] == [
        "unknown_host", "unknown_host", "unknown_host", "unknown_host",
        "invalid_name", "invalid_name", "invalid_name", "scanned_in_future",
    ]
    assert not [r for r in rows(service, visits) if r.kind == "walk_in"]
    service.set_walk_ins(tenant_id, "Berlin HQ", False)
    [off] = push(client, kiosks[0], walk_in(host_id, now))
    assert off["status"] == "rejected" and off["reason"] == "walk_ins_disabled"
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert pulled["site"]["walk_ins"] is False
    service.set_walk_ins(tenant_id, "Berlin HQ", True)
    [on] = push(client, kiosks[0], walk_in(host_id, now, company=None))
    assert on["status"] == "accepted"
    assert [r.company for r in rows(service, visits) if r.kind == "walk_in"] == [None]


def test_walk_in_window_ends_at_midnight_or_after_twelve_hours() -> None:
    evening = 1_800_000_000 + 11 * 3600  # 20:00 in Berlin (winter, UTC+1)
    assert window(evening, "Europe/Berlin") == (evening, evening + 4 * 3600)
    morning = 1_800_000_000 - 7 * 3600  # 02:00 in Berlin
    assert window(morning, "Europe/Berlin") == (morning, morning + 12 * 3600)
    assert window(morning + 0.7, "Europe/Berlin")[0] == morning


def test_a_walk_in_cannot_be_cancelled_only_checked_out(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    [made] = push(client, kiosks[0], walk_in(host_id, clock()))
    response = client.post(f"/api/v1/admin/visits/{made['visit_id']}/cancel",
                           headers=admin_headers(service))
    assert response.status_code == 409
    assert response.json()["detail"] == {
        "code": "walk_in",
        "message": "a walk-in has no pass to cancel; check the visitor out instead",
    }
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert pulled["revocations"] == [] and len(pulled["walk_ins"]) == 1
