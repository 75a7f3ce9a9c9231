"""Check-in pushes: single use, idempotent event ids, re-verification at scan time, limits."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import nacl.signing
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from kiosk_app.core.passes import PassClaims, new_jti, sign_pass
from server_stub.service import AtriumService
from tests.server.helpers import FakeClock, admin_headers, bearer, event, pair


def push(client: TestClient, token: str, *events: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(
        "/api/v1/device/checkins", headers=bearer(token), json={"events": list(events)}
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]


@pytest.fixture
def visit(service: AtriumService, clock: FakeClock) -> dict[str, Any]:
    return service.create_visit(
        service.default_tenant(), visitor="Ada Lovelace", host="Grace Hopper", arrive=clock() - 60
    )


@pytest.fixture
def kiosks(service: AtriumService, clock: FakeClock) -> tuple[str, str]:
    """Two kiosks paired a day ago (a scan before its kiosk's pairing is backdated)."""
    clock.advance(-86400)
    paired = pair(service, "Lobby 1")[1], pair(service, "Lobby 2")[1]
    clock.advance(86400)
    return paired


def test_first_use_accepted_then_duplicate_with_when_and_where(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    visit: dict[str, Any],
    kiosks: tuple[str, str],
) -> None:
    first = event(visit["pass"], clock())
    [answer] = push(client, kiosks[0], first)
    assert answer == {"event_id": first["event_id"], "status": "accepted"}
    clock.advance(30)
    [dup] = push(client, kiosks[1], event(visit["pass"], clock()))
    assert dup["status"] == "duplicate"
    assert dup["first_used_at"] == pytest.approx(first["scanned_at"])
    assert dup["first_used_by"] == "Lobby 1"
    assert dup["first_event_id"] == first["event_id"]
    rows = service.checkins(service.default_tenant())
    assert len(rows) == 1 and rows[0]["event_id"] == first["event_id"]
    [listed] = client.get("/api/v1/admin/duplicates", headers=admin_headers(service)).json()[
        "duplicates"
    ]
    assert listed["first_used_by"] == "Lobby 1" and listed["kiosk_name"] == "Lobby 2"


def test_same_event_again_gets_the_same_answer(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    visit: dict[str, Any],
    kiosks: tuple[str, str],
) -> None:
    first = event(visit["pass"], clock())
    second = event(visit["pass"], clock() + 5)
    assert [r["status"] for r in push(client, kiosks[0], first, second)] == [
        "accepted",
        "duplicate",
    ]
    again = push(client, kiosks[0], second, first)
    assert [r["status"] for r in again] == ["duplicate", "accepted"]
    assert [r["event_id"] for r in again] == [second["event_id"], first["event_id"]]
    assert len(service.checkins(service.default_tenant())) == 1


def test_event_id_reused_with_another_pass_or_by_another_kiosk_is_refused(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    visit: dict[str, Any],
    kiosks: tuple[str, str],
) -> None:
    first = event(visit["pass"], clock())
    push(client, kiosks[0], first)
    other = service.create_visit(
        service.default_tenant(), visitor="Alan Turing", host="Grace Hopper", arrive=clock() - 60
    )
    reused = {**first, "pass": other["pass"]}
    [answer] = push(client, kiosks[0], reused)
    assert answer == {
        "event_id": first["event_id"],
        "status": "rejected",
        "reason": "event_id_reused",
    }
    [answer] = push(client, kiosks[1], first)
    assert answer["reason"] == "event_id_reused"
    assert [r["jti"] for r in service.checkins(service.default_tenant())] == [visit["jti"]]


def test_re_encoded_copy_counts_as_the_same_pass(
    client: TestClient,
    clock: FakeClock,
    visit: dict[str, Any],
    kiosks: tuple[str, str],
) -> None:
    first = event(visit["pass"], clock())
    push(client, kiosks[0], first)
    spaced = {**first, "pass": f"  {visit['pass']}\n"}
    assert push(client, kiosks[0], spaced)[0]["status"] == "accepted"


def test_revocation_counts_as_at_scan_time(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    kiosks: tuple[str, str],
) -> None:
    tenant_id = service.default_tenant()
    before = service.create_visit(tenant_id, visitor="A B", host="C D", arrive=clock() - 60)
    after = service.create_visit(tenant_id, visitor="E F", host="G H", arrive=clock() - 60)
    scanned_at = clock()
    clock.advance(120)
    service.cancel_visit(tenant_id, before["visit_id"])
    clock.advance(-60)  # 'after' is cancelled before its scan below
    service.cancel_visit(tenant_id, after["visit_id"])
    clock.advance(60)
    results = push(
        client, kiosks[0], event(before["pass"], scanned_at), event(after["pass"], clock())
    )
    assert results[0]["status"] == "accepted"  # scanned offline before the cancellation
    assert (results[1]["status"], results[1]["reason"]) == ("rejected", "revoked")


def test_validity_window_is_checked_at_scan_time(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    kiosks: tuple[str, str],
) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(
        tenant_id, visitor="A B", host="C D", arrive=clock() - 3600, depart=clock() - 600
    )
    # scanned while valid, pushed after expiry: accepted
    assert push(client, kiosks[0], event(visit["pass"], clock() - 1200))[0]["status"] == (
        "accepted"
    )
    late = service.create_visit(
        tenant_id, visitor="E F", host="G H", arrive=clock() - 3600, depart=clock() - 600
    )
    [answer] = push(client, kiosks[0], event(late["pass"], clock()))
    assert answer["reason"] == "expired"
    early = service.create_visit(tenant_id, visitor="I J", host="K L", arrive=clock() + 3600)
    [answer] = push(client, kiosks[0], event(early["pass"], clock()))
    assert answer["reason"] == "not_yet_valid"


def test_scan_time_in_the_future_is_refused(
    client: TestClient,
    clock: FakeClock,
    visit: dict[str, Any],
    kiosks: tuple[str, str],
) -> None:
    [answer] = push(client, kiosks[0], event(visit["pass"], clock() + 3600))
    assert (answer["status"], answer["reason"]) == ("rejected", "scanned_in_future")
    [answer] = push(client, kiosks[0], event(visit["pass"], clock() + 30))
    assert answer["status"] == "accepted"  # within the 60 s leeway


def test_pass_for_another_site_is_refused(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    kiosks: tuple[str, str],
) -> None:
    tenant_id = service.default_tenant()
    service.add_site(tenant_id, "Munich")
    munich = service.create_visit(
        tenant_id, visitor="A B", host="C D", site="Munich", arrive=clock() - 60
    )
    [answer] = push(client, kiosks[0], event(munich["pass"], clock()))
    assert answer["reason"] == "wrong_site"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("hello world", "not_a_pass"),
        ("eyJ" + "A" * 3000, "malformed"),
        ("eyJhbGciOiJub25lIn0.e30.", "malformed"),
    ],
)
def test_garbage_passes_are_rejected_per_event(
    client: TestClient, clock: FakeClock, kiosks: tuple[str, str], raw: str, reason: str
) -> None:
    [answer] = push(client, kiosks[0], event(raw, clock()))
    assert (answer["status"], answer["reason"]) == ("rejected", reason)


def test_batch_limit_and_body_cap(
    client: TestClient,
    clock: FakeClock,
    visit: dict[str, Any],
    kiosks: tuple[str, str],
) -> None:
    events = [event(visit["pass"], clock()) for _ in range(500)]
    results = push(client, kiosks[0], *events)
    assert [r["status"] for r in results].count("accepted") == 1
    assert [r["event_id"] for r in results] == [e["event_id"] for e in events]
    response = client.post(
        "/api/v1/device/checkins",
        headers=bearer(kiosks[0]),
        json={"events": [*events, event(visit["pass"], clock())]},
    )
    assert (response.status_code, response.json()["detail"]["code"]) == (413, "batch_too_large")
    huge = [event("x" * 100_000, clock()) for _ in range(25)]
    response = client.post(
        "/api/v1/device/checkins", headers=bearer(kiosks[0]), json={"events": huge}
    )
    assert (response.status_code, response.json()["detail"]["code"]) == (413, "body_too_large")


def test_invalid_event_shape_is_a_422_with_a_code(
    client: TestClient, kiosks: tuple[str, str], visit: dict[str, Any]
) -> None:
    bad = {"event_id": "x" * 100, "pass": visit["pass"], "scanned_at": 1.0}
    response = client.post(
        "/api/v1/device/checkins", headers=bearer(kiosks[0]), json={"events": [bad]}
    )
    assert (response.status_code, response.json()["detail"]["code"]) == (422, "invalid_request")


def test_rotated_keys_old_passes_still_verify_and_keys_stay_published(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    kiosks: tuple[str, str],
) -> None:
    tenant_id = service.default_tenant()
    old = service.create_visit(tenant_id, visitor="A B", host="C D", arrive=clock() - 60)
    assert service.rotate_keys(tenant_id) == "p2"
    new = service.create_visit(tenant_id, visitor="E F", host="G H", arrive=clock() - 60)
    assert new["pass"].startswith("eyJhbGciOiJFZERTQSIsImtpZCI6InAyIi")  # kid p2
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert [k["kid"] for k in pulled["keys"]] == ["p1", "p2"]
    assert pulled["keys"][0]["retired_at"] is not None and pulled["keys"][1]["retired_at"] is None
    results = push(client, kiosks[0], event(old["pass"], clock()), event(new["pass"], clock()))
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    clock.advance(old["exp"] - clock() + 61)
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert [k["kid"] for k in pulled["keys"]] == ["p2"]


def test_keys_rotated_by_another_process_are_picked_up(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    kiosks: tuple[str, str],
) -> None:
    tenant_id = service.default_tenant()
    push(client, kiosks[0])  # warm the key cache
    other = AtriumService.open(service.data_dir, clock, database_url=service.store.url)  # the CLI
    try:
        other.rotate_keys(tenant_id)
        visit = other.create_visit(tenant_id, visitor="A B", host="C D", arrive=clock() - 60)
    finally:
        other.close()
    assert push(client, kiosks[0], event(visit["pass"], clock()))[0]["status"] == "accepted"


def test_passes_under_an_unknown_key_reload_the_keys_once_per_push(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    kiosks: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tenant_id = service.default_tenant()
    site_id = service.site(tenant_id)["id"]
    stranger = nacl.signing.SigningKey.generate()
    forged = [
        sign_pass(
            PassClaims(
                tenant_id, site_id, f"v{n}", new_jti(), int(clock()) - 60, int(clock()) + 600
            ),
            stranger,
            "p9",
        )
        for n in range(5)
    ]
    push(client, kiosks[0])  # warm the key cache
    reloads: list[bool] = []
    real_get = service.pass_keys.get

    def counting_get(tenant: str, *, reload: bool = False) -> Any:
        reloads.append(reload)
        return real_get(tenant, reload=reload)

    monkeypatch.setattr(service.pass_keys, "get", counting_get)
    results = push(client, kiosks[0], *(event(token, clock()) for token in forged))
    assert [r["reason"] for r in results] == ["unknown_key"] * 5
    assert reloads.count(True) == 1


def test_pull_revocations_since_watermark_and_expected_visits(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    kiosks: tuple[str, str],
) -> None:
    tenant_id = service.default_tenant()
    today = service.create_visit(
        tenant_id, visitor="Ada Lovelace", host="Grace Hopper", arrive=clock() + 60
    )
    cancelled = service.create_visit(tenant_id, visitor="A B", host="C D", arrive=clock())
    service.add_site(tenant_id, "Munich")
    service.create_visit(tenant_id, visitor="Elsewhere", host="X Y", site="Munich")
    service.create_visit(tenant_id, visitor="Next week", host="X Y", arrive=clock() + 7 * 86400)
    service.cancel_visit(tenant_id, cancelled["visit_id"])
    pulled = client.get("/api/v1/device/pull", headers=bearer(kiosks[0])).json()
    assert pulled["server_time"] == pytest.approx(clock())
    assert pulled["kiosk_name"] == "Lobby 1"
    assert pulled["site"]["name"] == "Berlin HQ"
    assert pulled["policy"] == {"trust_max_age_s": 259200, "clock_skew_flag_s": 7200}
    assert [r["visit_id"] for r in pulled["revocations"]] == [cancelled["visit_id"]]
    assert [v["display_name"] for v in pulled["expected_visits"]] == ["Ada Lovelace"]
    assert pulled["expected_visits"][0] == {
        "visit_id": today["visit_id"],
        "jti": today["jti"],
        "display_name": "Ada Lovelace",
        "host_name": "Grace Hopper",
        "nbf": today["nbf"],
        "exp": today["exp"],
        "checked_in_at": None,
        "checked_out_at": None,
        "signed": [],
    }
    watermark = pulled["watermark"]
    again = client.get(f"/api/v1/device/pull?since={watermark}", headers=bearer(kiosks[0]))
    assert again.json()["revocations"] == [] and again.json()["watermark"] == watermark


def test_revoked_device_gets_401_on_its_next_request(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    visit: dict[str, Any],
) -> None:
    device_id, token = pair(service, "Lobby 7")
    assert client.get("/api/v1/device/pull", headers=bearer(token)).status_code == 200
    response = client.post(
        f"/api/v1/admin/devices/{device_id}/revoke", headers=admin_headers(service)
    )
    assert response.status_code == 200 and response.json()["device_id"] == device_id
    for method, path, body in [
        ("GET", "/api/v1/device/pull", None),
        ("POST", "/api/v1/device/checkins", {"events": [event(visit["pass"], clock())]}),
    ]:
        response = client.request(method, path, headers=bearer(token), json=body)
        assert (response.status_code, response.json()["detail"]["code"]) == (401, "device_revoked")
    assert service.checkins(service.default_tenant()) == []
    listed = client.get("/api/v1/admin/devices", headers=admin_headers(service)).json()
    assert listed["devices"][0]["revoked_at"] is not None


def test_resending_an_event_in_a_later_batch_repeats_its_answer(
    client: TestClient,
    clock: FakeClock,
    visit: dict[str, Any],
    kiosks: tuple[str, str],
) -> None:
    shared_id = str(uuid.uuid4())
    [a] = push(client, kiosks[0], event(visit["pass"], clock(), shared_id))
    [b] = push(client, kiosks[0], event(visit["pass"], clock(), shared_id))
    assert a == b == {"event_id": shared_id, "status": "accepted"}


def test_streamed_body_without_length_is_capped_too(
    client: TestClient, kiosks: tuple[str, str]
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"events": ['
        for _ in range(40):
            yield b" " * 65536
        yield b"]}"

    response = client.post(
        "/api/v1/device/checkins",
        headers={**bearer(kiosks[0]), "Content-Type": "application/json"},
        content=chunks(),
    )
    assert (response.status_code, response.json()["detail"]["code"]) == (413, "body_too_large")


def test_unparsable_json_gets_the_error_shape(client: TestClient, kiosks: tuple[str, str]) -> None:
    response = client.post(
        "/api/v1/device/checkins",
        headers={**bearer(kiosks[0]), "Content-Type": "application/json"},
        content=b"{not json",
    )
    assert response.status_code in (400, 422)
    assert isinstance(response.json()["detail"]["code"], str)


DAY = 86400.0


def test_a_scan_before_the_kiosk_was_paired_is_rejected_as_backdated(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    early, on_time = (
        service.create_visit(tenant_id, visitor="A B", host="C D", arrive=clock() - 3600)
        for _ in range(2)
    )
    _, token = pair(service, "Lobby 9")  # paired now
    results = push(
        client,
        token,
        event(early["pass"], clock() - 600),  # ten minutes before this kiosk existed
        event(on_time["pass"], clock() - 30),  # within the clock leeway
    )
    assert (results[0]["status"], results[0]["reason"]) == ("rejected", "backdated")
    assert results[1]["status"] == "accepted"
    assert [c["visit_id"] for c in service.checkins(tenant_id)] == [on_time["visit_id"]]


def test_a_scan_older_than_the_trust_age_is_rejected_as_backdated(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A token holder backdates scans into an expired pass's window or before a cancellation:
    an honest kiosk refuses passes once its trust data is older than trust_max_age_s."""
    tenant_id = service.default_tenant()
    clock.advance(-6 * DAY)
    _, token = pair(service, "Lobby 1")  # paired six days ago
    clock.advance(6 * DAY)
    expired = service.create_visit(
        tenant_id,
        visitor="Ada Lovelace",
        host="C D",
        arrive=clock() - 4 * DAY,
        depart=clock() - 4 * DAY + 3600,
    )
    cancelled = service.create_visit(
        tenant_id,
        visitor="E F",
        host="G H",
        arrive=clock() - 4 * DAY,
        depart=clock() - 4 * DAY + 3600,
    )
    service.cancel_visit(tenant_id, cancelled["visit_id"])
    recent = service.create_visit(
        tenant_id,
        visitor="I J",
        host="K L",
        arrive=clock() - 2 * DAY,
        depart=clock() - 2 * DAY + 3600,
    )
    scanned_long_ago = clock() - 4 * DAY + 60
    with caplog.at_level("WARNING", logger="atrium.audit"):
        results = push(
            client,
            token,
            event(expired["pass"], scanned_long_ago),
            event(cancelled["pass"], scanned_long_ago),
            event(recent["pass"], clock() - 2 * DAY + 60),  # offline for two days: believable
        )
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("rejected", "backdated"),
        ("rejected", "backdated"),
        ("accepted", None),
    ]
    listed = service.rejections(tenant_id, "backdated")
    assert {r["event_id"] for r in listed} == {r["event_id"] for r in results[:2]}
    assert {r["kiosk_name"] for r in listed} == {"Lobby 1"}
    audit = [r.getMessage() for r in caplog.records if r.name == "atrium.audit"]
    assert len(audit) == 2 and all("backdated" in line for line in audit)
    assert not any("Ada" in line for line in audit)  # no personal data in the log
    again = push(client, token, event(expired["pass"], scanned_long_ago, results[0]["event_id"]))
    assert again[0] == results[0]  # the stored answer, idempotent like every other


def test_the_trust_age_edge_is_accepted_within_the_leeway(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    clock.advance(-6 * DAY)
    _, token = pair(service, "Lobby 1")
    clock.advance(6 * DAY)
    max_age = 259200
    visits = [
        service.create_visit(
            tenant_id,
            visitor="A B",
            host="C D",
            arrive=clock() - max_age - 3600,
            depart=clock() - max_age + 3600,
        )
        for _ in range(2)
    ]
    results = push(
        client,
        token,
        event(visits[0]["pass"], clock() - max_age - 30),
        event(visits[1]["pass"], clock() - max_age - 90),
    )
    assert [r["status"] for r in results] == ["accepted", "rejected"]
    assert results[1]["reason"] == "backdated"


def test_revocation_watermarks_count_per_tenant_without_gaps(service: AtriumService) -> None:
    """The numbers come from each tenant's counter row (docs/server.md): 1, 2, 3... per tenant,
    whatever other tenants do in between."""
    acme = service.default_tenant()
    globex = service.add_tenant("Globex")
    service.add_site(globex, "Paris")
    marks: dict[str, list[int]] = {acme: [], globex: []}
    for tenant_id in (acme, globex, acme, acme, globex):
        visit = service.create_visit(tenant_id, visitor="A B", host="C D")
        service.cancel_visit(tenant_id, visit["visit_id"])
        service.cancel_visit(tenant_id, visit["visit_id"])  # again: no new number
        with service.store.read(tenant_id) as conn:
            marks[tenant_id].append(
                conn.execute(
                    sa.text("SELECT MAX(watermark) FROM revocations WHERE tenant_id = :t"),
                    {"t": tenant_id},
                ).scalar_one()
            )
    assert marks == {acme: [1, 2, 3], globex: [1, 2]}
