"""Admin API, users and OpenAPI; two tenants on one server share nothing."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
import segno
import sqlalchemy as sa
from fastapi.testclient import TestClient

from server_stub import ids
from server_stub.errors import ServiceError
from server_stub.service import AtriumService
from server_stub.store import GLOBAL_TABLES
from tests.server.helpers import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    FakeClock,
    admin_headers,
    bearer,
    event,
    pair,
)


def test_login_returns_a_15_minute_user_token(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    response = client.post(
        "/api/v1/auth/login", json={"email": ADMIN_EMAIL.upper(), "password": ADMIN_PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "user"
    assert body["expires_at"] == int(clock()) + 15 * 60
    assert client.get("/api/v1/admin/checkins", headers=bearer(body["access_token"])).json() == {
        "checkins": []
    }


@pytest.mark.parametrize(
    ("email", "password"),
    [(ADMIN_EMAIL, "wrong password!"), ("nobody@example.com", ADMIN_PASSWORD), ("", "")],
)
def test_wrong_credentials_get_one_answer(client: TestClient, email: str, password: str) -> None:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert (response.status_code, response.json()["detail"]["code"]) == (401, "invalid_credentials")


def test_passwords_need_ten_characters_and_are_argon2id(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    with pytest.raises(ServiceError) as info:
        service.add_user(tenant_id, "short@example.com", "123456789")
    assert info.value.code == "weak_password"
    service.add_user(tenant_id, "long@example.com", "1234567890")
    with service.store.read(tenant_id) as conn:
        stored = conn.execute(
            sa.text(
                "SELECT c.password_hash FROM credentials c JOIN users u USING (user_id) "
                "WHERE u.email = :e"
            ),
            {"e": "long@example.com"},
        ).scalar_one()
        profile_columns = {c["name"] for c in sa.inspect(conn).get_columns("users")}
    assert stored.startswith("$argon2id$")
    assert "password_hash" not in profile_columns  # the hash lives apart from the profile
    assert service.login("long@example.com", "1234567890")[0]


def test_there_is_no_self_registration(client: TestClient) -> None:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    assert not [p for p in paths if "register" in p or "signup" in p or "users" in p]


def test_create_visit_returns_pass_and_qr_png(client: TestClient, service: AtriumService) -> None:
    response = client.post(
        "/api/v1/admin/visits",
        headers=admin_headers(service),
        json={"visitor": "Ada Lovelace", "host": "Grace Hopper"},
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"visit_id", "pass", "nbf", "exp", "qr_png_base64", "invitation_id"}
    assert body["invitation_id"] is None  # no visitor e-mail, no invitation queued
    assert body["exp"] - body["nbf"] == 2 * 3600
    assert len(body["visit_id"]) == 8 and body["visit_id"].isalnum()
    png = base64.b64decode(body["qr_png_base64"])
    assert png.startswith(b"\x89PNG")
    assert len(body["pass"]) <= 280
    assert segno.make(body["pass"], error="m", boost_error=False).version <= 12
    assert "Ada" not in base64.urlsafe_b64decode(body["pass"].split(".")[1] + "==").decode()


@pytest.mark.parametrize(
    ("arrive", "depart"),
    [
        (1_800_003_600, 1_800_000_000),
        (1_800_000_000, 1_800_000_000),
        (1_800_000_000, 1_800_000_000 + 24 * 3600 + 1),
    ],
)
def test_create_visit_refuses_bad_windows(
    client: TestClient, service: AtriumService, arrive: int, depart: int
) -> None:
    response = client.post(
        "/api/v1/admin/visits",
        headers=admin_headers(service),
        json={"visitor": "A B", "host": "C D", "arrive": arrive, "depart": depart},
    )
    assert (response.status_code, response.json()["detail"]["code"]) == (422, "invalid_window")


def test_cancel_visit_and_unknown_ids(client: TestClient, service: AtriumService) -> None:
    visit = service.create_visit(service.default_tenant(), visitor="A B", host="C D")
    headers = admin_headers(service)
    first = client.post(f"/api/v1/admin/visits/{visit['visit_id']}/cancel", headers=headers)
    again = client.post(f"/api/v1/admin/visits/{visit['visit_id']}/cancel", headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json()["revoked_at"] == again.json()["revoked_at"]
    for path in ("/api/v1/admin/visits/nope/cancel", "/api/v1/admin/devices/d_nope/revoke"):
        response = client.post(path, headers=headers)
        assert (response.status_code, response.json()["detail"]["code"]) == (404, "not_found")


def test_openapi_describes_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert client.get("/docs").status_code == 200
    assert len(spec["paths"]) == 14
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
            assert "$ref" in schema, f"{method} {path} has no response model"
            if path.startswith(("/api/v1/device", "/api/v1/admin")):
                assert operation.get("security"), f"{method} {path} does not declare its token"


def setup_tenant(service: AtriumService, name: str) -> dict[str, Any]:
    tenant_id = service.add_tenant(name)
    site_id = service.add_site(tenant_id, "Main office")
    service.add_user(tenant_id, f"admin@{name.lower()}.example", "another good password")
    device_id, token = pair(service, "Lobby", tenant_id=tenant_id)
    visit = service.create_visit(
        tenant_id, visitor=f"{name} visitor", host="Host", arrive=service.clock() - 60
    )
    return {
        "tenant_id": tenant_id,
        "site_id": site_id,
        "device_id": device_id,
        "token": token,
        "visit": visit,
    }


def test_two_tenants_share_nothing(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    a = setup_tenant(service, "Initech")
    b = setup_tenant(service, "Globex")
    assert a["visit"]["pass"] != b["visit"]["pass"]
    # a pass of tenant A at a kiosk of tenant B: refused, and nothing lands in A's ledger
    [answer] = client.post(
        "/api/v1/device/checkins",
        headers=bearer(b["token"]),
        json={"events": [event(a["visit"]["pass"], clock())]},
    ).json()["results"]
    assert answer["reason"] in {"wrong_tenant", "unknown_key", "bad_signature"}
    assert service.checkins(a["tenant_id"]) == []
    client.post(
        "/api/v1/device/checkins",
        headers=bearer(a["token"]),
        json={"events": [event(a["visit"]["pass"], clock())]},
    )
    service.cancel_visit(a["tenant_id"], a["visit"]["visit_id"])
    b_admin = admin_headers(service, b["tenant_id"])
    assert client.get("/api/v1/admin/checkins", headers=b_admin).json() == {"checkins": []}
    assert [
        d["device_id"]
        for d in client.get("/api/v1/admin/devices", headers=b_admin).json()["devices"]
    ] == [b["device_id"]]
    assert client.get("/api/v1/admin/duplicates", headers=b_admin).json() == {"duplicates": []}
    assert (
        client.post(
            f"/api/v1/admin/visits/{a['visit']['visit_id']}/cancel", headers=b_admin
        ).status_code
        == 404
    )
    assert (
        client.post(f"/api/v1/admin/devices/{a['device_id']}/revoke", headers=b_admin).status_code
        == 404
    )
    response = client.post(
        "/api/v1/admin/pairing-codes",
        headers=b_admin,
        json={"site_id": a["site_id"], "kiosk_name": "Sneaky"},
    )
    assert response.status_code == 404
    pulled = client.get("/api/v1/device/pull", headers=bearer(b["token"])).json()
    assert pulled["revocations"] == []
    assert [v["visit_id"] for v in pulled["expected_visits"]] == [b["visit"]["visit_id"]]
    a_keys = {k["public_key"] for k in service.published_keys(a["tenant_id"])}
    assert a_keys.isdisjoint(k["public_key"] for k in pulled["keys"])
    assert len(service.checkins(a["tenant_id"])) == 1
    assert service.devices(a["tenant_id"])[0]["revoked_at"] is None


def test_every_tenant_scoped_table_carries_a_tenant_id(service: AtriumService) -> None:
    internal = {"alembic_version", "sqlite_sequence"}  # the schema revision; SQLite's own
    with service.store.read() as conn:
        inspector = sa.inspect(conn)
        tables = set(inspector.get_table_names()) - internal
        assert set(GLOBAL_TABLES) <= tables
        for table in tables - set(GLOBAL_TABLES):
            columns = {c["name"]: c for c in inspector.get_columns(table)}
            assert "tenant_id" in columns, table
            assert not columns["tenant_id"]["nullable"], table


def test_duplicate_tenant_and_site_names_are_refused(service: AtriumService) -> None:
    with pytest.raises(ServiceError):
        service.add_tenant("Acme Corp")
    with pytest.raises(ServiceError):
        service.add_site(service.default_tenant(), "Berlin HQ")
    with pytest.raises(ServiceError):
        service.add_site(service.default_tenant(), "  ")


def test_qr_png_helper_writes_a_readable_image() -> None:
    from server_stub.qr import qr_png

    data = qr_png("hello")
    assert data.startswith(b"\x89PNG") and len(io.BytesIO(data).getvalue()) > 100


def test_random_id_collisions_draw_again(
    service: AtriumService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids are random under a UNIQUE key: a clash draws again instead of failing (or racing)."""
    tenant_id = service.default_tenant()
    taken_site = service.site(tenant_id)["id"]
    draws = iter([taken_site, "zz99"])
    monkeypatch.setattr(ids, "new_short_id", lambda: next(draws))
    assert service.add_site(tenant_id, "Munich") == "zz99"
    monkeypatch.setattr(ids, "new_device_id", lambda: "d_aaaaaaaaaa")
    assert pair(service, "Lobby 1")[0] == "d_aaaaaaaaaa"
    device_draws = iter(["d_aaaaaaaaaa", "d_bbbbbbbbbb"])
    monkeypatch.setattr(ids, "new_device_id", lambda: next(device_draws))
    assert pair(service, "Lobby 2")[0] == "d_bbbbbbbbbb"
    visit_draws = iter(["AAAAaaaa", "AAAAaaaa", "BBBBbbbb"])
    monkeypatch.setattr(ids, "new_visit_id", lambda: next(visit_draws))
    first = service.create_visit(tenant_id, visitor="A B", host="C D")
    second = service.create_visit(tenant_id, visitor="E F", host="G H")
    assert (first["visit_id"], second["visit_id"]) == ("AAAAaaaa", "BBBBbbbb")
