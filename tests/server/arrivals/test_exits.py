"""Check-outs (exit events): once per visit, by pass, walk-in event or visit id, in order."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server_stub import reception
from server_stub.service import AtriumService
from server_stub.store.schema import checkouts, visits
from tests.server.arrivals.helpers import (
    audit_actions,
    berlin_midnight,
    exit_event,
    push,
    rows,
    walk_in,
)
from tests.server.helpers import FakeClock, bearer, event, pair


def test_two_kiosks_checking_out_one_visit_give_one_check_out(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, visit
) -> None:
    entry = event(visit["pass"], clock())
    assert push(client, kiosks[0], entry)[0]["status"] == "accepted"
    clock.advance(600)
    first = exit_event(clock() - 30, **{"pass": visit["pass"]})
    second = exit_event(clock() - 10, **{"pass": visit["pass"]})
    [one] = push(client, kiosks[0], first)
    [two] = push(client, kiosks[1], second)
    assert one == {"event_id": first["event_id"], "status": "accepted"}
    assert two == {
        "event_id": second["event_id"], "status": "duplicate", "reason": "already_checked_out",
        "first_used_at": pytest.approx(first["scanned_at"]), "first_used_by": "Lobby 1",
        "first_event_id": first["event_id"],
    }
    [row] = rows(service, checkouts)
    assert (row.visit_id, row.kiosk_name, row.event_id, row.checked_out_by) == (
        visit["visit_id"], "Lobby 1", first["event_id"], None
    )
    assert push(client, kiosks[1], second) == [two]  # resent: the stored answer
    # a check-out is not a conflict: the pass was used once
    assert service.duplicates(service.default_tenant()) == []
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[1])).json()
    [expected] = pulled["expected_visits"]
    assert expected["checked_in_at"] == pytest.approx(entry["scanned_at"])
    assert expected["checked_out_at"] == pytest.approx(first["scanned_at"])
    entries = audit_actions(service)
    assert entries.count("visit.checked_out") == 1


def test_kiosks_checking_out_one_visit_at_the_same_moment_give_one_check_out(
    service: AtriumService, clock: FakeClock, visit
) -> None:
    clock.advance(-3600)
    devices = [service.authenticate(pair(service, f"Lobby {n}")[1]) for n in range(6)]
    clock.advance(3600)
    assert service.push_checkins(devices[0], [event(visit["pass"], clock())])[0]["status"] == (
        "accepted"
    )
    start, answers = threading.Barrier(len(devices)), []

    def leave(device: Any) -> None:
        start.wait()
        answers.extend(service.push_checkins(device, [exit_event(clock(), **{
            "pass": visit["pass"]})]))

    threads = [threading.Thread(target=leave, args=(d,)) for d in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(a["status"] for a in answers)
    assert statuses == ["accepted"] + ["duplicate"] * (len(devices) - 1)
    [row] = rows(service, checkouts)
    winner = next(a for a in answers if a["status"] == "accepted")
    assert row.event_id == winner["event_id"]
    assert {a["first_event_id"] for a in answers if a["status"] == "duplicate"} == {row.event_id}


def test_after_a_check_out_by_hand_an_exit_names_no_kiosk(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, visit
) -> None:
    assert push(client, kiosks[0], event(visit["pass"], clock()))[0]["status"] == "accepted"
    user = service.authenticate(service.user_token(service.default_tenant())).subject
    reception.check_out(service, service.default_tenant(), visit["visit_id"], user)
    [answer] = push(client, kiosks[0], exit_event(clock(), **{"pass": visit["pass"]}))
    assert answer == {"event_id": answer["event_id"], "status": "duplicate",
                      "reason": "already_checked_out", "first_used_at": pytest.approx(clock())}


def test_exit_refusals_and_the_order_inside_a_batch(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, visit
) -> None:
    now = clock()
    never = exit_event(now, **{"pass": visit["pass"]})
    assert push(client, kiosks[0], never)[0]["reason"] == "not_checked_in"
    # an exit before the entry in one batch is still not checked in; after it, it is
    entry = event(visit["pass"], now + 1)
    early, late = exit_event(now, **{"pass": visit["pass"]}), exit_event(now + 2, **{
        "pass": visit["pass"]})
    answers = push(client, kiosks[0], early, entry, late)
    assert [a["status"] for a in answers] == ["rejected", "accepted", "accepted"]
    assert answers[0]["reason"] == "not_checked_in"
    unknown = push(
        client, kiosks[0], exit_event(now, visit_id="NoSuchV1"),
        exit_event(now, walk_in_event_id="no-such-event"),
    )
    assert [a["reason"] for a in unknown] == ["unknown_visit", "unknown_visit"]
    # one event id is one event: an entry's id cannot come back as an exit
    reused = exit_event(now, **{"pass": visit["pass"]})
    reused["event_id"] = entry["event_id"]
    assert push(client, kiosks[0], reused)[0]["reason"] == "event_id_reused"
    # an exit that names nothing, or two things, is a badly shaped request
    for bad in (exit_event(now), exit_event(now, visit_id="a", walk_in_event_id="b")):
        response = client.post("/api/v1/device/checkins", headers=bearer(kiosks[0]),
                               json={"events": [bad]})
        assert response.status_code == 422
        assert response.json()["detail"]["code"] == "invalid_request"


def test_an_expired_pass_still_checks_out_but_a_revoked_or_foreign_one_does_not(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, visit
) -> None:
    assert push(client, kiosks[0], event(visit["pass"], clock()))[0]["status"] == "accepted"
    clock.advance(5 * 3600)  # three hours after the pass expired
    leaving = exit_event(clock(), **{"pass": visit["pass"]})
    assert push(client, kiosks[0], leaving)[0]["status"] == "accepted"
    late_entry = event(visit["pass"], clock())
    assert push(client, kiosks[0], late_entry)[0]["reason"] == "expired"  # entries as before
    other = service.create_visit(service.default_tenant(), visitor="B", host="C",
                                 arrive=clock() - 60)
    assert push(client, kiosks[0], event(other["pass"], clock()))[0]["status"] == "accepted"
    service.cancel_visit(service.default_tenant(), other["visit_id"])
    clock.advance(60)
    [revoked] = push(client, kiosks[0], exit_event(clock(), **{"pass": other["pass"]}))
    assert revoked["reason"] == "revoked"
    [forged] = push(client, kiosks[0], exit_event(clock(), **{"pass": "not.a.pass"}))
    assert forged["status"] == "rejected"


def test_a_walk_in_checks_out_by_its_event_or_visit_id_at_any_kiosk_of_the_site(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", timezone="Europe/Berlin")
    ada, bob = walk_in(host_id, clock() - 60), walk_in(host_id, clock() - 50, name="Bob Smith")
    first, second = push(client, kiosks[0], ada, bob)
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[1])).json()
    assert pulled["hosts"] == [{"host_id": host_id, "name": "Grace Hopper"}]
    assert pulled["site"] == {"id": pulled["site"]["id"], "name": "Berlin HQ", "walk_ins": True}
    assert pulled["walk_ins"] == [
        {"visit_id": first["visit_id"], "event_id": ada["event_id"], "short_name": "Ada L.",
         "checked_in_at": pytest.approx(ada["scanned_at"])},
        {"visit_id": second["visit_id"], "event_id": bob["event_id"], "short_name": "Bob S.",
         "checked_in_at": pytest.approx(bob["scanned_at"])},
    ]
    assert pulled["expected_visits"] == []  # a walk-in has no pass to check
    out = push(
        client, kiosks[1], exit_event(clock(), walk_in_event_id=ada["event_id"]),
        exit_event(clock(), visit_id=second["visit_id"]),
        exit_event(clock(), visit_id=second["visit_id"]),
    )
    assert [a["status"] for a in out] == ["accepted", "accepted", "duplicate"]
    assert out[2]["first_used_by"] == "Lobby 2"
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert pulled["walk_ins"] == []
    # the departure: the end of the scan's day in Berlin, at most 12 hours on
    [row, _] = sorted((r for r in rows(service, visits) if r.kind == "walk_in"),
                      key=lambda r: r.nbf)
    assert row.nbf == int(ada["scanned_at"])
    assert row.exp == min(int(ada["scanned_at"]) + 12 * 3600, berlin_midnight(row.nbf))


def test_a_walk_in_and_its_exit_in_one_batch(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    ada = walk_in(host_id, clock() - 30)
    before = exit_event(clock() - 40, walk_in_event_id=ada["event_id"])
    after = exit_event(clock() - 10, walk_in_event_id=ada["event_id"])
    answers = push(client, kiosks[0], before, ada, after)
    assert [a["status"] for a in answers] == ["rejected", "accepted", "accepted"]
    assert answers[0]["reason"] == "unknown_visit"
    assert "visit_id" not in answers[2]  # only a walk-in's answer names its visit
    [row] = rows(service, checkouts)
    assert (row.visit_id, row.event_id) == (answers[1]["visit_id"], after["event_id"])
