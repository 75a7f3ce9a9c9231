"""Pairing codes: redemption, expiry, single use, the 5-guess kill and the global throttle."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from server_stub import pairing
from server_stub.service import AtriumService
from tests.server.helpers import FakeClock, admin_headers


def new_code(client: TestClient, service: AtriumService, **body: str) -> dict[str, object]:
    response = client.post(
        "/api/v1/admin/pairing-codes",
        headers=admin_headers(service),
        json={"kiosk_name": "Lobby 1", **body},
    )
    assert response.status_code == 200, response.text
    return response.json()


def redeem(client: TestClient, code: object, **extra: str) -> tuple[int, dict[str, object]]:
    response = client.post("/api/v1/pairing/redeem", json={"code": code, **extra})
    return response.status_code, response.json()


def wrong_code(code: object) -> str:
    return f"{(int(str(code)) + 1) % 10**6:06d}"


def test_redeem_returns_the_documented_answer(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    issued = new_code(client, service)
    code = str(issued["code"])
    assert len(code) == 6 and code.isdigit()
    assert issued["expires_at"] == pytest.approx(clock() + 600)
    status, body = redeem(client, code, kiosk_name="Some other name")
    assert status == 200
    assert set(body) == {
        "device_token",
        "device_id",
        "kiosk_name",
        "tenant",
        "site",
        "keys",
        "server_time",
        "policy",
    }
    assert body["kiosk_name"] == "Lobby 1"  # bound to the code, not chosen by the kiosk
    assert body["tenant"] == {"id": service.default_tenant(), "name": "Acme Corp"}
    assert body["site"] == issued["site"]
    assert body["server_time"] == pytest.approx(clock())
    assert body["policy"] == {"trust_max_age_s": 259200, "clock_skew_flag_s": 7200}
    assert [k["kid"] for k in body["keys"]] == ["p1"]  # type: ignore[union-attr]
    assert str(body["device_id"]).startswith("d_") and len(str(body["device_id"])) == 12
    device = service.device(service.default_tenant(), str(body["device_id"]))
    assert device["kiosk_name"] == "Lobby 1"


def test_code_is_bound_to_its_site(client: TestClient, service: AtriumService) -> None:
    site_id = service.add_site(service.default_tenant(), "Munich")
    issued = new_code(client, service, site="Munich", kiosk_name="Front desk")
    status, body = redeem(client, issued["code"])
    assert status == 200
    assert body["site"] == {"id": site_id, "name": "Munich"}
    assert body["kiosk_name"] == "Front desk"


def test_code_expires_after_ten_minutes(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    early = new_code(client, service)
    late = new_code(client, service)
    clock.advance(599)
    assert redeem(client, early["code"])[0] == 200
    clock.advance(2)
    status, body = redeem(client, late["code"])
    assert status == 400
    assert body["detail"]["code"] == "invalid_code"  # type: ignore[index]


def test_code_is_single_use(client: TestClient, service: AtriumService) -> None:
    issued = new_code(client, service)
    assert redeem(client, issued["code"])[0] == 200
    status, body = redeem(client, issued["code"])
    assert (status, body["detail"]["code"]) == (400, "invalid_code")  # type: ignore[index]
    assert len(service.devices(service.default_tenant())) == 1


def test_code_dies_after_five_wrong_guesses(client: TestClient, service: AtriumService) -> None:
    issued = new_code(client, service)
    for _ in range(pairing.MAX_WRONG_GUESSES):
        assert redeem(client, wrong_code(issued["code"]))[0] == 400
    status, body = redeem(client, issued["code"])
    assert (status, body["detail"]["code"]) == (400, "invalid_code")  # type: ignore[index]
    assert service.devices(service.default_tenant()) == []


def test_four_wrong_guesses_leave_the_code_alive(
    client: TestClient, service: AtriumService
) -> None:
    issued = new_code(client, service)
    for _ in range(pairing.MAX_WRONG_GUESSES - 1):
        assert redeem(client, wrong_code(issued["code"]))[0] == 400
    assert redeem(client, issued["code"])[0] == 200


@pytest.mark.parametrize("garbage", ["", "12345", "1234567", "abcdef", "12 345", "１２３４５６"])
def test_malformed_codes_count_as_wrong_guesses(
    client: TestClient, service: AtriumService, garbage: str
) -> None:
    status, body = redeem(client, garbage)
    assert (status, body["detail"]["code"]) == (400, "invalid_code")  # type: ignore[index]
    with service.db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM pairing_failures").fetchone()[0] == 1


def test_failures_are_throttled_server_wide_with_retry_after(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    for attempt in range(pairing.THROTTLE_FAILURES):
        clock.advance(1)
        assert redeem(client, f"{attempt:06d}")[0] == 400
    fresh = service.create_pairing_code(service.default_tenant(), None, "Lobby 2")
    response = client.post("/api/v1/pairing/redeem", json={"code": fresh["code"]})
    assert response.status_code == 429
    detail = response.json()["detail"]
    assert detail["code"] == "throttled"
    retry_after = int(response.headers["Retry-After"])
    assert detail["retry_after"] == retry_after
    assert 1 <= retry_after <= pairing.THROTTLE_WINDOW_S
    clock.advance(retry_after)
    # the window has moved on: one more try is allowed and the fresh code is still alive
    assert redeem(client, fresh["code"])[0] == 200


def test_throttled_attempts_do_not_burn_codes(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    for attempt in range(pairing.THROTTLE_FAILURES):
        assert redeem(client, f"{attempt:06d}")[0] == 400
    issued = service.create_pairing_code(service.default_tenant(), None, "Lobby 3")
    for _ in range(20):
        assert redeem(client, wrong_code(issued["code"]))[0] == 429
    clock.advance(pairing.THROTTLE_WINDOW_S + 1)
    assert redeem(client, issued["code"])[0] == 200


def test_admin_pairing_code_for_unknown_site_is_refused(
    client: TestClient, service: AtriumService
) -> None:
    response = client.post(
        "/api/v1/admin/pairing-codes",
        headers=admin_headers(service),
        json={"site": "Atlantis", "kiosk_name": "Lobby 1"},
    )
    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "unknown_site"


def test_live_codes_are_unique(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    codes = {service.create_pairing_code(tenant_id, None, f"K{i}")["code"] for i in range(200)}
    assert len(codes) == 200
