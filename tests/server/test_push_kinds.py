"""Push kinds: exits (check-out) and walk-ins next to entries, on both backends."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from server_stub.service import AtriumService
from server_stub.store.schema import checkouts, used_passes, visits
from tests.server.helpers import FakeClock, admin_headers, bearer, event, pair

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


@pytest.fixture
def kiosks(service: AtriumService, clock: FakeClock) -> tuple[str, str]:
    """Two kiosks at the first site, paired a day ago."""
    clock.advance(-86400)
    paired = pair(service, "Lobby 1")[1], pair(service, "Lobby 2")[1]
    clock.advance(86400)
    return paired


@pytest.fixture
def host_id(service: AtriumService) -> str:
    return service.add_host(service.default_tenant(), "Grace Hopper", HOST_EMAIL)


@pytest.fixture
def visit(service: AtriumService, clock: FakeClock) -> dict[str, Any]:
    return service.create_visit(
        service.default_tenant(), visitor="Ada Lovelace", host="Grace Hopper", arrive=clock() - 60
    )


def _rows(service: AtriumService, table: sa.Table) -> list[Any]:
    tenant_id = service.default_tenant()
    with service.store.read(tenant_id) as conn:
        return list(conn.execute(sa.select(table).where(table.c.tenant_id == tenant_id)))


def test_a_walk_in_makes_a_visit_checked_in_and_one_host_message(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    scan = walk_in(host_id, clock() - 5)
    [answer] = push(client, kiosks[0], scan)
    assert answer["status"] == "accepted" and answer["host_notified"] is True
    visit_id = answer["visit_id"]
    assert len(visit_id) == 8
    [row] = [r for r in _rows(service, visits) if r.kind == "walk_in"]
    assert (row.visit_id, row.visitor, row.company, row.host, row.host_id) == (
        visit_id, "Ada Lovelace", "Analytical Engines Ltd", "Grace Hopper", host_id
    )
    assert row.walk_in_event_id == scan["event_id"] and row._mapping["pass"] is None
    assert row.jti.startswith("walk-in:") and row.kid is None
    [use] = _rows(service, used_passes)
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
    assert len([r for r in _rows(service, visits) if r.kind == "walk_in"]) == 1
    assert len(service.visit_messages(service.default_tenant(), visit_id)) == 1
    assert len(_rows(service, used_passes)) == 1
    # the same event id from another kiosk is not its event
    [other] = push(client, kiosks[1], scan)
    assert other == {"event_id": scan["event_id"], "status": "rejected",
                     "reason": "event_id_reused"}
    entries = [e["action"] for e in service_audit(service)]
    assert entries.count("visit.created") == 1 and entries.count("visit.checked_in") == 1


def service_audit(service: AtriumService) -> list[dict[str, Any]]:
    from server_stub import audit

    return audit.entries(service, service.default_tenant())


def test_a_walk_in_at_a_site_with_a_webhook_tells_it_too(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", webhook_url="https://hooks.example/x")
    [told] = push(client, kiosks[0], walk_in(host_id, clock()))
    kinds = sorted(m["kind"] for m in service.visit_messages(tenant_id, told["visit_id"]))
    assert told["host_notified"] is True and kinds == ["arrival", "webhook"]


def test_short_names_are_the_first_name_and_the_last_initial() -> None:
    from server_stub.walk_ins import short_name

    assert short_name("Ada Lovelace") == "Ada L."
    assert short_name("Ada") == "Ada"
    assert short_name("Ada King Lovelace") == "Ada L."
    assert short_name("Jürgen östlich") == "Jürgen Ö."


def other_tenant(service: AtriumService, name: str = "Globex") -> str:
    tenant_id = service.add_tenant(name)
    service.add_site(tenant_id, f"{name} HQ")
    return tenant_id


def test_walk_in_refusals(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, host_id: str
) -> None:
    tenant_id = service.default_tenant()
    foreign = service.add_host(other_tenant(service), "Grace Hopper", "grace@globex.example")
    service.add_site(tenant_id, "Munich")
    elsewhere = service.add_host(tenant_id, "Alan Turing", "alan@acme.example", "Munich")
    gone = service.add_host(tenant_id, "Old Host", "old@acme.example")
    with service.store.begin(tenant_id) as conn:
        conn.execute(sa.text("UPDATE hosts SET disabled_at = 1 WHERE host_id = :h"), {"h": gone})
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
    assert not [r for r in _rows(service, visits) if r.kind == "walk_in"]
    service.set_walk_ins(tenant_id, "Berlin HQ", False)
    [off] = push(client, kiosks[0], walk_in(host_id, now))
    assert off["status"] == "rejected" and off["reason"] == "walk_ins_disabled"
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert pulled["site"]["walk_ins"] is False
    service.set_walk_ins(tenant_id, "Berlin HQ", True)
    [on] = push(client, kiosks[0], walk_in(host_id, now, company=None))
    assert on["status"] == "accepted"
    assert [r.company for r in _rows(service, visits) if r.kind == "walk_in"] == [None]


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
    [row] = _rows(service, checkouts)
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
    entries = [e["action"] for e in service_audit(service)]
    assert entries.count("visit.checked_out") == 1


def test_after_a_check_out_by_hand_an_exit_names_no_kiosk(
    client: TestClient, service: AtriumService, clock: FakeClock, kiosks, visit
) -> None:
    from server_stub import reception

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
    [row, _] = sorted((r for r in _rows(service, visits) if r.kind == "walk_in"),
                      key=lambda r: r.nbf)
    assert row.nbf == int(ada["scanned_at"])
    assert row.exp == min(int(ada["scanned_at"]) + 12 * 3600, _berlin_midnight(row.nbf))


def _berlin_midnight(ts: float) -> int:
    import datetime as dt
    import zoneinfo

    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    day = dt.datetime.fromtimestamp(ts, zone).date() + dt.timedelta(days=1)
    return int(dt.datetime.combine(day, dt.time(0), tzinfo=zone).timestamp())


def test_walk_in_window_ends_at_midnight_or_after_twelve_hours() -> None:
    from server_stub.walk_ins import window

    evening = 1_800_000_000 + 11 * 3600  # 20:00 in Berlin (winter, UTC+1)
    assert window(evening, "Europe/Berlin") == (evening, evening + 4 * 3600)
    morning = 1_800_000_000 - 7 * 3600  # 02:00 in Berlin
    assert window(morning, "Europe/Berlin") == (morning, morning + 12 * 3600)
    assert window(morning + 0.7, "Europe/Berlin")[0] == morning


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
    assert _rows(service, checkouts) == []
    # a kiosk of another site of the same tenant does not reach them either
    service.add_site(service.default_tenant(), "Munich")
    _, munich = pair(service, "Munich Lobby", site="Munich")
    [far] = push(client, munich, exit_event(clock(), walk_in_event_id=ada["event_id"]))
    assert far["reason"] == "unknown_visit"


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
    [row] = _rows(service, checkouts)
    assert (row.visit_id, row.event_id) == (answers[1]["visit_id"], after["event_id"])


def test_kiosks_checking_out_one_visit_at_the_same_moment_give_one_check_out(
    service: AtriumService, clock: FakeClock, visit
) -> None:
    import threading

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
    [row] = _rows(service, checkouts)
    winner = next(a for a in answers if a["status"] == "accepted")
    assert row.event_id == winner["event_id"]
    assert {a["first_event_id"] for a in answers if a["status"] == "duplicate"} == {row.event_id}


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
