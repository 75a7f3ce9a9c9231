"""Visit pass format and offline verification: size, QR version and every attack we know."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import nacl.signing
import pytest
import segno

from kiosk_app.core.passes import (
    LEEWAY_S,
    PassClaims,
    PassRejected,
    b64url_decode,
    b64url_encode,
    key_to_text,
    new_jti,
    peek_claims,
    sign_pass,
    verify_pass,
)
from kiosk_app.core.verdicts import VerdictCode

NOW = 1_800_000_000
KEY = nacl.signing.SigningKey(bytes(range(32)))
OTHER_KEY = nacl.signing.SigningKey(bytes(range(1, 33)))
KEYS = {"p1": KEY.verify_key}
# Ed25519 group order L: S + L is the classic non-canonical signature (malleability).
GROUP_ORDER = 2**252 + 27742317777372353535851937790883648493


def claims(**overrides: object) -> PassClaims:
    values: dict[str, object] = {
        "tenant": "ab12",
        "site": "cd34",
        "visit_id": "V3kq9Zr2",
        "jti": new_jti(),
        "nbf": NOW - 600,
        "exp": NOW + 6600,
    }
    values.update(overrides)
    return PassClaims(**values)  # type: ignore[arg-type]


def forge(
    header: dict[str, object], payload: dict[str, object], key: nacl.signing.SigningKey = KEY
) -> str:
    """A JWS with any header and payload, signed correctly with ``key``."""
    signing_input = ".".join(
        b64url_encode(json.dumps(part, separators=(",", ":")).encode())
        for part in (header, payload)
    )
    signature = key.sign(signing_input.encode()).signature
    return f"{signing_input}.{b64url_encode(signature)}"


def verify(token: str, **overrides: object) -> PassClaims:
    kwargs: dict[str, object] = {"keys": KEYS, "tenant": "ab12", "site": "cd34", "now": NOW}
    kwargs.update(overrides)
    return verify_pass(token, **kwargs)  # type: ignore[arg-type]


def rejected_with(token: str, **overrides: object) -> VerdictCode:
    with pytest.raises(PassRejected) as info:
        verify(token, **overrides)
    return info.value.code


GOOD_HEADER = {"alg": "EdDSA", "kid": "p1", "typ": "avp"}


def test_a_signed_pass_verifies_and_keeps_its_claims() -> None:
    original = claims()
    assert verify(sign_pass(original, KEY, "p1")) == original


def test_typical_pass_is_short_and_fits_qr_version_12_at_m() -> None:
    token = sign_pass(claims(visit_id="AbCd1234"), KEY, "p1")
    assert len(token) <= 280
    assert segno.make(token, error="m", boost_error=False).version <= 12


def test_pass_holds_no_personal_data_and_a_128_bit_jti() -> None:
    token = sign_pass(claims(), KEY, "p1")
    payload = json.loads(b64url_decode(token.split(".")[1]))
    assert set(payload) == {"t", "s", "v", "jti", "nbf", "exp"}
    assert len(b64url_decode(payload["jti"])) >= 16


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "HS256", "ES256", "RS256", "", None])
def test_any_other_algorithm_is_refused(alg: object) -> None:
    header = {**GOOD_HEADER, "alg": alg}
    assert rejected_with(forge(header, claims().to_json())) == VerdictCode.MALFORMED


def test_missing_alg_is_refused() -> None:
    header = {"kid": "p1", "typ": "avp"}
    assert rejected_with(forge(header, claims().to_json())) == VerdictCode.MALFORMED


def test_alg_none_with_empty_signature_is_refused() -> None:
    header = b64url_encode(json.dumps({**GOOD_HEADER, "alg": "none"}).encode())
    payload = b64url_encode(json.dumps(claims().to_json()).encode())
    assert rejected_with(f"{header}.{payload}.") in {VerdictCode.MALFORMED, VerdictCode.NOT_A_PASS}


def test_hs256_keyed_with_the_public_key_is_refused() -> None:
    header = b64url_encode(json.dumps({**GOOD_HEADER, "alg": "HS256"}).encode())
    payload = b64url_encode(json.dumps(claims().to_json()).encode())
    for secret in (bytes(KEY.verify_key), key_to_text(KEY.verify_key).encode()):
        mac = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        assert rejected_with(f"{header}.{payload}.{b64url_encode(mac)}") == VerdictCode.MALFORMED


@pytest.mark.parametrize(
    "kid", ["p9", "../../etc/passwd", "p1' OR '1'='1", "p1; DROP TABLE keys;--", "", None, 1]
)
def test_unknown_or_injected_kid_is_refused(kid: object) -> None:
    token = forge({**GOOD_HEADER, "kid": kid}, claims().to_json())
    assert rejected_with(token) == VerdictCode.UNKNOWN_KEY


def test_missing_kid_is_refused() -> None:
    token = forge({"alg": "EdDSA", "typ": "avp"}, claims().to_json())
    assert rejected_with(token) == VerdictCode.UNKNOWN_KEY


@pytest.mark.parametrize(
    "extra",
    [
        {"jwk": {"kty": "OKP", "crv": "Ed25519", "x": key_to_text(OTHER_KEY.verify_key)}},
        {"jku": "https://attacker.example/keys.json"},
        {"x5u": "https://attacker.example/cert.pem"},
        {"x5c": ["MIIB"]},
        {"crit": ["exp"]},
    ],
)
def test_embedded_key_material_or_crit_is_refused(extra: dict[str, object]) -> None:
    token = forge({**GOOD_HEADER, **extra}, claims().to_json(), key=OTHER_KEY)
    assert rejected_with(token) == VerdictCode.MALFORMED
    token = forge({**GOOD_HEADER, **extra}, claims().to_json(), key=KEY)
    assert rejected_with(token) == VerdictCode.MALFORMED


@pytest.mark.parametrize("typ", ["JWT", "at+jwt", "AVP", "", None])
def test_wrong_typ_is_refused(typ: object) -> None:
    token = forge({**GOOD_HEADER, "typ": typ}, claims().to_json())
    assert rejected_with(token) == VerdictCode.NOT_A_PASS


def test_modified_payload_is_refused() -> None:
    header, _, signature = sign_pass(claims(), KEY, "p1").split(".")
    tampered = b64url_encode(json.dumps(claims(site="zz99").to_json()).encode())
    assert rejected_with(f"{header}.{tampered}.{signature}") == VerdictCode.BAD_SIGNATURE


def test_signature_by_another_key_is_refused() -> None:
    assert rejected_with(sign_pass(claims(), OTHER_KEY, "p1")) == VerdictCode.BAD_SIGNATURE


def test_truncated_signature_is_refused() -> None:
    token = sign_pass(claims(), KEY, "p1")
    head, payload, signature = token.split(".")
    short = b64url_encode(b64url_decode(signature)[:63])
    assert rejected_with(f"{head}.{payload}.{short}") == VerdictCode.BAD_SIGNATURE
    assert rejected_with(token[:-10]) in {VerdictCode.BAD_SIGNATURE, VerdictCode.MALFORMED}


def test_non_canonical_signature_s_plus_l_is_refused() -> None:
    token = sign_pass(claims(), KEY, "p1")
    head, payload, signature = token.split(".")
    raw = b64url_decode(signature)
    s_value = int.from_bytes(raw[32:], "little") + GROUP_ORDER
    assert s_value < 2**256
    malleated = raw[:32] + s_value.to_bytes(32, "little")
    assert rejected_with(f"{head}.{payload}.{b64url_encode(malleated)}") == (
        VerdictCode.BAD_SIGNATURE
    )


def test_all_zero_signature_is_refused() -> None:
    head, payload, _ = sign_pass(claims(), KEY, "p1").split(".")
    zeros = b64url_encode(bytes(64))
    assert rejected_with(f"{head}.{payload}.{zeros}") == VerdictCode.BAD_SIGNATURE


def test_padded_or_standard_base64_is_refused() -> None:
    head, payload, signature = sign_pass(claims(), KEY, "p1").split(".")
    padded = base64.b64encode(b64url_decode(signature)).decode()
    assert rejected_with(f"{head}.{payload}.{padded}") in {
        VerdictCode.MALFORMED,
        VerdictCode.NOT_A_PASS,
        VerdictCode.BAD_SIGNATURE,
    }


def test_expired_beyond_leeway_is_refused_within_leeway_accepted() -> None:
    token = sign_pass(claims(nbf=NOW - 7200, exp=NOW - 100), KEY, "p1")
    assert rejected_with(token) == VerdictCode.EXPIRED
    within = sign_pass(claims(nbf=NOW - 7200, exp=NOW - LEEWAY_S + 5), KEY, "p1")
    assert verify(within).exp == NOW - LEEWAY_S + 5


def test_not_yet_valid_beyond_leeway_is_refused_within_leeway_accepted() -> None:
    token = sign_pass(claims(nbf=NOW + 100, exp=NOW + 3600), KEY, "p1")
    assert rejected_with(token) == VerdictCode.NOT_YET_VALID
    within = sign_pass(claims(nbf=NOW + LEEWAY_S - 5, exp=NOW + 3600), KEY, "p1")
    assert verify(within).nbf == NOW + LEEWAY_S - 5


def test_pass_of_another_tenant_or_site_is_refused() -> None:
    assert rejected_with(sign_pass(claims(tenant="zz99"), KEY, "p1")) == VerdictCode.WRONG_TENANT
    assert rejected_with(sign_pass(claims(site="zz99"), KEY, "p1")) == VerdictCode.WRONG_SITE


def test_revoked_and_used_passes_are_refused() -> None:
    token = sign_pass(claims(), KEY, "p1")
    assert rejected_with(token, is_revoked=lambda jti: True) == VerdictCode.REVOKED
    assert rejected_with(token, is_used=lambda jti: True) == VerdictCode.ALREADY_USED


def test_oversized_and_garbage_input_is_refused() -> None:
    assert rejected_with("eyJ" + "A" * 3000) == VerdictCode.MALFORMED
    assert rejected_with("https://example.com/hello") == VerdictCode.NOT_A_PASS
    assert rejected_with("eyJhbGciOiJFZERTQSJ9.bad") == VerdictCode.MALFORMED


def test_extra_claims_are_refused() -> None:
    payload = {**claims().to_json(), "name": "Ada Lovelace"}
    assert rejected_with(forge(GOOD_HEADER, payload)) == VerdictCode.MALFORMED


def test_re_encoded_copy_is_the_same_pass() -> None:
    """Another serialisation of the same claims is still the same pass: same jti."""
    original = claims()
    token = sign_pass(original, KEY, "p1")
    reordered = forge(
        {"typ": "avp", "kid": "p1", "alg": "EdDSA"},
        dict(reversed(list(original.to_json().items()))),
    )
    assert reordered != token
    assert verify(reordered).jti == verify(token).jti == original.jti
    peeked = peek_claims(reordered)
    assert peeked is not None and peeked.jti == original.jti


@pytest.mark.parametrize(
    ("nbf", "exp"), [(-3600, 1), (0, 3600), (2**40, 2**40 + 3600), (2**53, 2**53 + 3600)]
)
def test_signing_refuses_times_no_kiosk_would_accept(nbf: int, exp: int) -> None:
    with pytest.raises(ValueError, match="Unix seconds"):
        sign_pass(claims(nbf=nbf, exp=exp), KEY, "p1")
