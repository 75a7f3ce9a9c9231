"""Attacks on device and user token verification: every forgery gets 401."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from kiosk_app.core.passes import b64url_decode, b64url_encode
from server_stub import keys
from server_stub.service import AtriumService
from server_stub.tokens import TokenInvalid
from tests.server.helpers import FakeClock, bearer, forge_jws, pair

GROUP_ORDER = 2**252 + 27742317777372353535851937790883648493
HEADER = {"alg": "EdDSA", "kid": "t1", "typ": "JWT"}


def token_key(service: AtriumService) -> Ed25519PrivateKey:
    with service.store.read() as conn:
        loaded = keys.load_token_key(conn)
    assert loaded is not None
    return loaded[0]


def device_claims(service: AtriumService, clock: FakeClock) -> dict[str, Any]:
    device_id, token = pair(service)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["sub"] == device_id and claims["token_type"] == "device"
    return claims


def pull_status(client: TestClient, token: str) -> tuple[int, str]:
    response = client.get("/api/v1/device/pull", headers=bearer(token))
    return response.status_code, response.json()["detail"]["code"]


def test_genuine_device_token_works(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    claims = device_claims(service, clock)
    token = forge_jws(HEADER, claims, token_key(service))
    assert client.get("/api/v1/device/pull", headers=bearer(token)).status_code == 200


@pytest.mark.parametrize("alg", ["none", "None", "HS256", "ES256", "", None])
def test_other_algorithms_are_refused(
    client: TestClient, service: AtriumService, clock: FakeClock, alg: object
) -> None:
    token = forge_jws({**HEADER, "alg": alg}, device_claims(service, clock), token_key(service))
    assert pull_status(client, token) == (401, "unauthorized")


def test_alg_none_unsigned_is_refused(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    token = jwt.encode(device_claims(service, clock), None, algorithm="none", headers={"kid": "t1"})
    assert pull_status(client, token) == (401, "unauthorized")


def test_missing_alg_is_refused(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    token = forge_jws(
        {"kid": "t1", "typ": "JWT"}, device_claims(service, clock), token_key(service)
    )
    assert pull_status(client, token) == (401, "unauthorized")


def test_hs256_keyed_with_the_public_key_is_refused(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    public = token_key(service).public_key()
    secrets_to_try = [
        public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
        public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    ]
    header = b64url_encode(json.dumps({**HEADER, "alg": "HS256"}).encode())
    payload = b64url_encode(json.dumps(device_claims(service, clock)).encode())
    for secret in secrets_to_try:
        mac = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        assert pull_status(client, f"{header}.{payload}.{b64url_encode(mac)}") == (
            401,
            "unauthorized",
        )


@pytest.mark.parametrize("kid", ["t2", "p1", "../../etc/passwd", "t1' OR '1'='1", None])
def test_unknown_or_injected_kid_is_refused(
    client: TestClient, service: AtriumService, clock: FakeClock, kid: object
) -> None:
    token = forge_jws({**HEADER, "kid": kid}, device_claims(service, clock), token_key(service))
    assert pull_status(client, token) == (401, "unauthorized")


@pytest.mark.parametrize(
    "extra",
    [
        {"jwk": {"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}},
        {"jku": "https://a.example/k"},
        {"x5u": "https://a.example/c"},
        {"x5c": ["MIIB"]},
        {"crit": ["exp"]},
    ],
)
def test_embedded_key_material_or_crit_is_refused(
    client: TestClient, service: AtriumService, clock: FakeClock, extra: dict[str, Any]
) -> None:
    token = forge_jws({**HEADER, **extra}, device_claims(service, clock), token_key(service))
    assert pull_status(client, token) == (401, "unauthorized")


def test_wrong_typ_is_refused(client: TestClient, service: AtriumService, clock: FakeClock) -> None:
    token = forge_jws({**HEADER, "typ": "avp"}, device_claims(service, clock), token_key(service))
    assert pull_status(client, token) == (401, "unauthorized")


def test_modified_payload_is_refused(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    user_token = service.user_token(service.default_tenant())
    head, payload, signature = user_token.split(".")
    claims = json.loads(b64url_decode(payload))
    claims["token_type"] = "device"
    tampered = b64url_encode(json.dumps(claims).encode())
    assert pull_status(client, f"{head}.{tampered}.{signature}") == (401, "unauthorized")


def test_bad_signatures_are_refused(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    token = forge_jws(HEADER, device_claims(service, clock), token_key(service))
    head, payload, signature = token.split(".")
    raw = b64url_decode(signature)
    s_plus_l = raw[:32] + (int.from_bytes(raw[32:], "little") + GROUP_ORDER).to_bytes(32, "little")
    for bad in (raw[:63], bytes(64), s_plus_l, b""):
        forged = f"{head}.{payload}.{b64url_encode(bad)}"
        assert pull_status(client, forged) == (401, "unauthorized")
    padded = base64.b64encode(raw).decode()
    assert pull_status(client, f"{head}.{payload}.{padded}") == (401, "unauthorized")


def test_token_signed_by_a_pass_key_or_foreign_key_is_refused(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    claims = device_claims(service, clock)
    assert pull_status(client, forge_jws(HEADER, claims, Ed25519PrivateKey.generate())) == (
        401,
        "unauthorized",
    )
    tenant_id = service.default_tenant()
    with service.store.read(tenant_id) as conn:  # bound: on PostgreSQL RLS hides it otherwise
        _, pass_key = keys.active_pass_key(conn, tenant_id)
    as_crypto = Ed25519PrivateKey.from_private_bytes(bytes(pass_key))
    assert pull_status(client, forge_jws(HEADER, claims, as_crypto)) == (401, "unauthorized")


def test_expiry_and_issue_time_with_leeway(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    claims = device_claims(service, clock)
    key = token_key(service)
    now = int(clock())
    expired = forge_jws(HEADER, {**claims, "exp": now - 61}, key)
    assert pull_status(client, expired) == (401, "unauthorized")
    within = forge_jws(HEADER, {**claims, "exp": now - 30}, key)
    assert client.get("/api/v1/device/pull", headers=bearer(within)).status_code == 200
    future = forge_jws(HEADER, {**claims, "iat": now + 3600}, key)
    assert pull_status(client, future) == (401, "unauthorized")


@pytest.mark.parametrize("missing", ["sub", "ten", "token_type", "iat", "exp"])
def test_missing_required_claims_are_refused(
    client: TestClient, service: AtriumService, clock: FakeClock, missing: str
) -> None:
    claims = {k: v for k, v in device_claims(service, clock).items() if k != missing}
    assert pull_status(client, forge_jws(HEADER, claims, token_key(service))) == (
        401,
        "unauthorized",
    )


def test_unknown_token_type_and_unknown_subject_are_refused(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    claims = device_claims(service, clock)
    key = token_key(service)
    assert pull_status(client, forge_jws(HEADER, {**claims, "token_type": "root"}, key)) == (
        401,
        "unauthorized",
    )
    assert pull_status(client, forge_jws(HEADER, {**claims, "sub": "d_0000000000"}, key)) == (
        401,
        "unauthorized",
    )
    assert pull_status(client, forge_jws(HEADER, {**claims, "ten": "zz99"}, key)) == (
        401,
        "unauthorized",
    )


def test_user_token_expires_after_15_minutes(
    client: TestClient, service: AtriumService, clock: FakeClock
) -> None:
    token = service.user_token(service.default_tenant())
    assert client.get("/api/v1/admin/devices", headers=bearer(token)).status_code == 200
    clock.advance(15 * 60 + 61)
    response = client.get("/api/v1/admin/devices", headers=bearer(token))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "value", ["", "x" * 5000, "a.b", "a.b.c.d", "Bearer", "\u00e9.\u00e9.\u00e9"]
)
def test_garbage_tokens_are_refused_by_the_verifier(service: AtriumService, value: str) -> None:
    with pytest.raises(TokenInvalid):
        service.tokens.verify(value, service.clock())


def test_missing_or_non_bearer_authorization_is_refused(client: TestClient) -> None:
    assert client.get("/api/v1/device/pull").status_code == 401
    response = client.get("/api/v1/device/pull", headers={"Authorization": "Basic YTpi"})
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "unauthorized"
