"""Pairing codes: redemption, expiry, single use, the per-address throttle, the global ceiling."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from server_stub import ids, pairing
from server_stub.errors import ServiceError
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


def test_wrong_guesses_do_not_kill_live_codes(client: TestClient, service: AtriumService) -> None:
    issued = new_code(client, service)
    for _ in range(pairing.FREE_FAILURES):
        assert redeem(client, wrong_code(issued["code"]))[0] == 400
    # the guesser's address is now blocked; the code lives on for the kiosk elsewhere
    assert service.redeem_pairing_code(str(issued["code"]), "192.0.2.7")["device_id"]


@pytest.mark.parametrize("garbage", ["", "12345", "1234567", "abcdef", "12 345", "１２３４５６"])
def test_malformed_codes_count_as_failures(
    client: TestClient, service: AtriumService, garbage: str
) -> None:
    status, body = redeem(client, garbage)
    assert (status, body["detail"]["code"]) == (400, "invalid_code")  # type: ignore[index]
    with service.store.read() as conn:
        rows = conn.execute(sa.text("SELECT address FROM pairing_failures")).scalars().all()
    assert rows == ["testclient"]


def test_failures_are_throttled_per_address_with_growing_retry_after(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    issued = new_code(client, service)
    waits = []
    for _ in range(pairing.FREE_FAILURES - 1):
        assert redeem(client, wrong_code(issued["code"]))[0] == 400
    for _ in range(4):
        assert redeem(client, wrong_code(issued["code"]))[0] == 400
        response = client.post("/api/v1/pairing/redeem", json={"code": issued["code"]})
        assert response.status_code == 429  # blocked: not even the right code is checked
        detail = response.json()["detail"]
        assert detail["code"] == "throttled"
        retry_after = int(response.headers["Retry-After"])
        assert detail["retry_after"] == retry_after
        waits.append(retry_after)
        clock.advance(retry_after)
    assert waits == [4, 8, 16, 32]
    assert redeem(client, issued["code"])[0] == 200  # the code survived all of it


def test_the_client_address_comes_from_the_connection_not_forwarded_headers(
    client: TestClient, service: AtriumService
) -> None:
    for n in range(pairing.FREE_FAILURES):
        response = client.post(
            "/api/v1/pairing/redeem",
            json={"code": "000000"},
            headers={"X-Forwarded-For": f"198.51.100.{n}", "X-Real-IP": f"198.51.100.{n}"},
        )
        assert response.status_code == 400
    response = client.post(
        "/api/v1/pairing/redeem", json={"code": "000000"}, headers={"X-Forwarded-For": "10.9.9.9"}
    )
    assert response.status_code == 429


def test_an_attacker_at_one_address_cannot_stop_a_kiosk_at_another(
    service: AtriumService, clock: FakeClock
) -> None:
    tenant_id = service.default_tenant()
    codes = [service.create_pairing_code(tenant_id, None, f"Lobby {n}")["code"] for n in range(3)]
    refused, checked = 0, []
    start = clock()
    for _ in range(3600):  # an hour of trying once a second, every live code exposed
        try:
            service.redeem_pairing_code(wrong_code(codes[0]), "203.0.113.66")
        except ServiceError as exc:
            refused += exc.code == "throttled"
            if exc.code == "invalid_code":
                checked.append(clock() - start)
        clock.advance(1)
        if clock() % 500 == 0:  # the receptionist keeps three fresh codes live
            for code in codes:
                service.redeem_pairing_code(code, "192.0.2.10")
            codes = [
                service.create_pairing_code(tenant_id, None, f"K{n}")["code"] for n in range(3)
            ]
    assert refused > 3500
    assert checked[:11] == [0, 1, 2, 6, 14, 30, 62, 126, 254, 510, 1022]  # 10 in 10 minutes
    assert service.redeem_pairing_code(codes[0], "192.0.2.10")["device_id"]


def test_failures_with_no_live_code_expose_nothing(
    service: AtriumService, clock: FakeClock
) -> None:
    for n in range(500):
        with pytest.raises(ServiceError) as info:
            service.redeem_pairing_code("000000", f"2001:db8::{n:x}")
        assert info.value.code == "invalid_code"
    code = service.create_pairing_code(service.default_tenant(), None, "Lobby 1")["code"]
    assert service.redeem_pairing_code(code, "192.0.2.10")["device_id"]


def test_the_global_ceiling_closes_pairing_then_reopens(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    code = service.create_pairing_code(service.default_tenant(), None, "Lobby 1")["code"]
    for n in range(pairing.MAX_EXPOSURE):  # one live code: each failure exposes it once
        with pytest.raises(ServiceError) as info:
            service.redeem_pairing_code(wrong_code(code), f"2001:db8::{n:x}")
        assert info.value.code == "invalid_code"
        clock.advance(1)
    with pytest.raises(ServiceError) as info:
        service.redeem_pairing_code(code, "192.0.2.10")  # the right code is not even checked
    assert (info.value.code, info.value.status) == ("throttled", 429)
    assert info.value.retry_after == pairing.WINDOW_S - pairing.MAX_EXPOSURE
    clock.advance(info.value.retry_after or 0)  # the first failure leaves the window
    fresh = service.create_pairing_code(service.default_tenant(), None, "Lobby 2")["code"]
    assert service.redeem_pairing_code(fresh, "192.0.2.10")["device_id"]


def test_a_guesser_with_endless_addresses_stays_under_the_bound(
    service: AtriumService, clock: FakeClock
) -> None:
    """Fresh addresses for an hour, three live codes all the time, at the real ceiling.

    The guesser sends a burst of 6 guesses each minute (60 per 10-minute window, far past the
    33 the ceiling lets through at 3 live codes) on the test's clock: 360 requests prove the
    same bound as guessing every second would.
    """
    tenant_id = service.default_tenant()

    def fresh_codes() -> list[str]:
        return [service.create_pairing_code(tenant_id, None, f"K{n}")["code"] for n in range(3)]

    codes, checked, refused, n = fresh_codes(), [], 0, 0
    start = clock()
    while clock() < start + 3600:
        for _ in range(6):
            n += 1
            guess = f"{n % 10**6:06d}"
            if guess in codes:
                continue  # a hit would be luck (bounded below); this test counts exposure
            try:
                service.redeem_pairing_code(guess, f"2001:db8::{n:x}")
            except ServiceError as exc:
                if exc.code == "invalid_code":
                    checked.append((clock(), 3))
                else:
                    refused += 1
        clock.advance(60)
        if (clock() - start) % pairing.CODE_TTL_S == 0:  # expired: three fresh ones
            codes = fresh_codes()
    assert n == 360
    for t, _ in checked:  # every 10-minute window: exposure within the ceiling
        window = sum(w for at, w in checked if t - pairing.WINDOW_S < at <= t)
        assert window <= pairing.MAX_EXPOSURE
    assert len(checked) >= 6 * (pairing.MAX_EXPOSURE // 3) - 3  # the ceiling was reached
    assert refused >= n - len(checked) - 3  # everything past it was refused unchecked
    assert pairing.MAX_EXPOSURE / 10**6 < 1 / 10_000  # the chance of any hit per window


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


def test_live_codes_are_unique_and_capped(
    service: AtriumService, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant_id = service.default_tenant()
    draws = iter(["111111", "111111", "111111", "222222", "333333"])
    monkeypatch.setattr(ids, "new_pairing_code", lambda: next(draws))
    codes = [service.create_pairing_code(tenant_id, None, f"K{i}")["code"] for i in range(3)]
    assert codes == ["111111", "222222", "333333"]
    with pytest.raises(ServiceError) as info:
        service.create_pairing_code(tenant_id, None, "K4")
    assert (info.value.code, info.value.status) == ("too_many_codes", 429)
    assert info.value.retry_after == pairing.CODE_TTL_S
    service.redeem_pairing_code("111111")
    monkeypatch.setattr(ids, "new_pairing_code", lambda: "444444")
    assert service.create_pairing_code(tenant_id, None, "K4")["code"] == "444444"
