"""The console and the kiosk's check-outs, walk-ins and expiry at departure."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from server_stub.service import AtriumService
from tests.server.helpers import FakeClock, event, pair


def _hm(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).astimezone().strftime("%H:%M")


def _exit(scanned_at: float, **ref: str) -> dict[str, Any]:
    return {"event_id": str(uuid.uuid4()), "kind": "exit", "scanned_at": scanned_at, **ref}


def _walk_in(host_id: str, scanned_at: float) -> dict[str, Any]:
    return {"event_id": str(uuid.uuid4()), "kind": "walk_in", "scanned_at": scanned_at,
            "name": "Ada Lovelace", "company": None, "host_id": host_id, "language": "en"}


@pytest.fixture
def lobby(service: AtriumService, clock: FakeClock) -> Any:
    clock.advance(-3600)
    _, token = pair(service, "Lobby 1")
    clock.advance(3600)
    return service.authenticate(token)


def test_a_kiosk_check_out_shows_the_visitor_as_left(admin, service, clock, lobby) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                                 arrive=clock() - 60)
    assert service.push_checkins(lobby, [event(visit["pass"], clock())])[0]["status"] == (
        "accepted"
    )
    clock.advance(1800)
    out = _exit(clock() - 20, **{"pass": visit["pass"]})
    assert service.push_checkins(lobby, [out])[0]["status"] == "accepted"
    data = admin.get("/console/today.json").json()
    assert data["counts"]["on_site"] == 0 and data["counts"]["left"] == 1
    [row] = data["groups"]["left"]
    assert row["left"] == f"Checked out at Lobby 1, {_hm(out['scanned_at'])}"
    today = admin.get("/console/today").text
    assert f"Checked out at Lobby 1, {_hm(out['scanned_at'])}" in today
    page = admin.get(f"/console/visits/{visit['visit_id']}").text
    assert "Checked in at Lobby 1" in page and "Checked out at Lobby 1" in page
    assert '/check-out"' not in page  # nothing left to check out by hand
    assert "Ada Lovelace" not in admin.get("/console/rollcall").text
    german = admin.get(f"/console/visits/{visit['visit_id']}?lang=de").text
    assert "Ausgecheckt an Lobby 1" in german


def test_a_walk_in_is_marked_on_today_and_its_page(admin, service, clock, lobby) -> None:
    tenant_id = service.default_tenant()
    host_id = service.add_host(tenant_id, "Grace Hopper", "grace@acme.example")
    [made] = service.push_checkins(lobby, [_walk_in(host_id, clock())])
    visit_id = made["visit_id"]
    today = admin.get("/console/today").text
    assert f'href="/console/visits/{visit_id}">Ada Lovelace</a> <span class="badge">Walk-in' in (
        today
    )
    [row] = admin.get("/console/today.json").json()["groups"]["on_site"]
    assert row["walk_in"] is True and row["kiosk"] == "Lobby 1"
    page = admin.get(f"/console/visits/{visit_id}").text
    assert '<span class="badge">Walk-in</span>' in page
    assert "Walked in without a code at Lobby 1, checked in" in page
    assert "qr.png" not in page and "/invitation" not in page and "/cancel" not in page
    assert admin.get(f"/console/visits/{visit_id}/qr.png").status_code == 404
    assert admin.get(f"/console/visits/{visit_id}/invitation").status_code == 404
    refused = admin.post(f"/console/visits/{visit_id}/cancel")
    assert refused.status_code == 409 and "check the visitor out instead" in refused.text
    assert "Ada Lovelace" in admin.get("/console/rollcall").text
    # reception checks the walk-in out by hand; a kiosk's later exit is the duplicate
    assert admin.post(f"/console/visits/{visit_id}/check-out").status_code == 303
    [again] = service.push_checkins(lobby, [_exit(clock(), visit_id=visit_id)])
    assert again["status"] == "duplicate" and again["reason"] == "already_checked_out"
    assert again.get("first_used_by") is None  # reception: no kiosk
    [row] = admin.get("/console/today.json").json()["groups"]["left"]
    assert row["left"].startswith("Checked out at reception, ")


def test_visits_expire_at_departure_and_the_roll_call_says_how_many_it_left_off(
    admin, service, clock, lobby
) -> None:
    tenant_id = service.default_tenant()
    short = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                                 arrive=clock() - 60, depart=clock() + 3600)
    long = service.create_visit(tenant_id, visitor="Bob Smith", host="Grace Hopper",
                                arrive=clock() - 60, depart=clock() + 4 * 3600)
    for visit in (short, long):
        assert service.push_checkins(lobby, [event(visit["pass"], clock())])[0]["status"] == (
            "accepted"
        )
    roll = admin.get("/console/rollcall").text
    assert "Ada Lovelace" in roll and "Bob Smith" in roll and "Not listed" not in roll
    clock.advance(3600)  # Ada's departure, without a check-out
    roll = admin.get("/console/rollcall").text
    assert "Ada Lovelace" not in roll and "Bob Smith" in roll
    assert "Not listed: 1 checked-in visitor(s) whose departure time passed today without " \
           "a check-out." in roll
    data = admin.get("/console/today.json").json()
    assert data["counts"]["on_site"] == 1 and data["counts"]["left"] == 1
    [row] = data["groups"]["left"]
    assert row["left"] == f"Expired at departure, {_hm(short['exp'])} (no check-out)"
    page = admin.get(f"/console/visits/{short['visit_id']}").text
    assert "Expired at departure without a check-out" in page
    # a visitor who leaves late still checks out at the kiosk: then they checked out
    late = _exit(clock(), **{"pass": short["pass"]})
    assert service.push_checkins(lobby, [late])[0]["status"] == "accepted"
    [row] = admin.get("/console/today.json").json()["groups"]["left"]
    assert row["left"] == f"Checked out at Lobby 1, {_hm(late['scanned_at'])}"
    assert "Not listed" not in admin.get("/console/rollcall").text


def test_the_roll_call_note_in_german(admin, service, clock, lobby) -> None:
    visit = service.create_visit(service.default_tenant(), visitor="Ada Lovelace",
                                 host="Grace Hopper", arrive=clock() - 60, depart=clock() + 60)
    service.push_checkins(lobby, [event(visit["pass"], clock())])
    clock.advance(120)
    roll = admin.get("/console/rollcall?lang=de").text
    assert "Nicht aufgeführt: 1 eingecheckte(r) Besucher, deren Abreisezeit heute ohne " \
           "Auschecken verstrichen ist." in roll and "Ada Lovelace" not in roll
