"""The visit pass: one definition for signing (server) and offline verification (kiosk).

A pass is a compact JWS: ``base64url(header).base64url(claims).base64url(signature)``
with header ``{"alg":"EdDSA","kid":...,"typ":"avp"}`` and short claim names
``t`` (tenant id), ``s`` (site id), ``v`` (visit id), ``jti``, ``nbf``, ``exp``.
There is no ``iat``: the server records issue time in its ledger, and leaving it out keeps a
typical pass under 280 characters (QR version 12 at error correction M).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import nacl.exceptions
import nacl.signing

from kiosk_app.core.verdicts import VerdictCode

ALG = "EdDSA"  # fixed: never read from the token
PASS_TYPE = "avp"  # noqa: S105 (a JWS type, not a secret)
MAX_PASS_CHARS = 2048
LEEWAY_S = 60
MAX_VISIT_S = 24 * 3600
MAX_PASS_TIME = 2**40  # nbf/exp must lie in 0 < t < MAX_PASS_TIME (Unix seconds)
JTI_BYTES = 16  # 128 random bits
HEADER_FIELDS = frozenset({"alg", "typ", "kid"})
CLAIM_FIELDS = frozenset({"t", "s", "v", "jti", "nbf", "exp"})

_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_JTI = re.compile(r"[A-Za-z0-9_-]{22,64}")
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


@dataclass(frozen=True)
class PassClaims:
    """What a visit pass says; ids only, never personal data."""

    tenant: str
    site: str
    visit_id: str
    jti: str
    nbf: int
    exp: int

    def to_json(self) -> dict[str, object]:
        return {
            "t": self.tenant,
            "s": self.site,
            "v": self.visit_id,
            "jti": self.jti,
            "nbf": self.nbf,
            "exp": self.exp,
        }


class PassRejected(Exception):
    """A pass failed a check; ``code`` says which, ``claims`` is set once the signature held."""

    def __init__(self, code: VerdictCode, detail: str, claims: PassClaims | None = None):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.claims = claims


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Canonical base64url without padding; raises ValueError on anything else.

    Canonical: the text must be exactly what ``b64url_encode`` gives for the decoded bytes, so
    a last character with non-zero unused bits (another spelling of the same bytes) is refused.
    """
    if not isinstance(text, str) or not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as exc:
        raise ValueError("not base64url") from exc
    if b64url_encode(data) != text:
        raise ValueError("not canonical base64url")
    return data


def new_jti() -> str:
    """A fresh pass id with 128 random bits."""
    return b64url_encode(secrets.token_bytes(JTI_BYTES))


def key_to_text(key: nacl.signing.VerifyKey) -> str:
    """The public key as it travels in the API: base64url of the raw 32 bytes."""
    return b64url_encode(bytes(key))


def key_from_text(text: str) -> nacl.signing.VerifyKey:
    raw = b64url_decode(text)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return nacl.signing.VerifyKey(raw)


def signature_holds(key: nacl.signing.VerifyKey, message: bytes, signature: bytes) -> bool:
    """The Ed25519 check itself (libsodium: canonical S, no small-order keys or R)."""
    if len(signature) != 64:
        return False
    try:
        key.verify(message, signature)
    except nacl.exceptions.BadSignatureError:
        return False
    return True


def _json_segment(segment: str) -> dict[str, object]:
    data = json.loads(b64url_decode(segment).decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("segment is not a JSON object")
    return data


def sign_pass(claims: PassClaims, key: nacl.signing.SigningKey, kid: str) -> str:
    """Sign claims into a compact JWS pass (server side)."""
    if claims.exp <= claims.nbf or claims.exp - claims.nbf > MAX_VISIT_S:
        raise ValueError("a visit must end after it starts and last at most 24 hours")
    if not 0 < claims.nbf < claims.exp < MAX_PASS_TIME:
        raise ValueError("pass times must be Unix seconds the verifier accepts")
    header = {"alg": ALG, "kid": kid, "typ": PASS_TYPE}
    compact = (",", ":")
    signing_input = ".".join(
        b64url_encode(json.dumps(part, separators=compact, sort_keys=True).encode())
        for part in (header, claims.to_json())
    )
    signature = key.sign(signing_input.encode("ascii")).signature
    return f"{signing_input}.{b64url_encode(signature)}"


def _parse(token: str | bytes) -> tuple[dict[str, object], dict[str, object], bytes, bytes]:
    """Split and decode the three segments; raises PassRejected(malformed/not_a_pass)."""
    if isinstance(token, bytes | bytearray):
        if len(token) > MAX_PASS_CHARS:
            raise PassRejected(VerdictCode.MALFORMED, "too long")
        try:
            token = bytes(token).decode("utf-8")
        except UnicodeDecodeError:
            raise PassRejected(VerdictCode.NOT_A_PASS, "not text") from None
    if not isinstance(token, str):
        raise PassRejected(VerdictCode.NOT_A_PASS, "not text")
    token = token.strip()
    if len(token) > MAX_PASS_CHARS:
        raise PassRejected(VerdictCode.MALFORMED, "too long")
    parts = token.split(".")
    if len(parts) != 3 or not all(_B64URL.fullmatch(p) for p in parts):
        if token.count(".") >= 1 and token.startswith("eyJ"):
            raise PassRejected(VerdictCode.MALFORMED, "damaged token structure")
        raise PassRejected(VerdictCode.NOT_A_PASS, "not a compact JWS")
    try:
        header = _json_segment(parts[0])
        payload = _json_segment(parts[1])
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise PassRejected(VerdictCode.MALFORMED, "undecodable segment") from None
    return header, payload, signature, f"{parts[0]}.{parts[1]}".encode("ascii")


def _claims(payload: Mapping[str, object]) -> PassClaims:
    if set(payload) != CLAIM_FIELDS:
        raise PassRejected(VerdictCode.MALFORMED, "unexpected claim set")
    strings = {k: payload[k] for k in ("t", "s", "v", "jti")}
    times = {k: payload[k] for k in ("nbf", "exp")}
    if not all(isinstance(v, str) and _ID.fullmatch(v) for v in strings.values()):
        raise PassRejected(VerdictCode.MALFORMED, "bad id claim")
    if not _JTI.fullmatch(str(payload["jti"])):
        raise PassRejected(VerdictCode.MALFORMED, "jti too short")
    if not all(type(v) is int and 0 < v < MAX_PASS_TIME for v in times.values()):
        raise PassRejected(VerdictCode.MALFORMED, "bad time claim")
    claims = PassClaims(
        tenant=str(payload["t"]),
        site=str(payload["s"]),
        visit_id=str(payload["v"]),
        jti=str(payload["jti"]),
        nbf=int(times["nbf"]),  # type: ignore[call-overload]
        exp=int(times["exp"]),  # type: ignore[call-overload]
    )
    if claims.exp <= claims.nbf or claims.exp - claims.nbf > MAX_VISIT_S:
        raise PassRejected(VerdictCode.MALFORMED, "visit window out of bounds")
    return claims


def _check_header(header: Mapping[str, object]) -> None:
    if not set(header) <= HEADER_FIELDS:
        raise PassRejected(VerdictCode.MALFORMED, "header field not honoured")
    if header.get("alg") != ALG:
        raise PassRejected(VerdictCode.MALFORMED, "algorithm is not EdDSA")
    if header.get("typ") != PASS_TYPE:
        raise PassRejected(VerdictCode.NOT_A_PASS, "not a visit pass")


def shape_refusal(token: str | bytes) -> VerdictCode | None:
    """NOT_A_PASS or MALFORMED if the text fails the checks that need no key, else None.

    These are the refusals a camera misread can cause; the scanner asks for a second frame
    with the same text before it shows one. Cheap: no signature is checked.
    """
    try:
        header, _, _, _ = _parse(token)
        _check_header(header)
    except PassRejected as rejected:
        return rejected.code
    except (ValueError, TypeError, RecursionError, UnicodeError):
        return VerdictCode.MALFORMED
    return None


def peek_claims(token: str | bytes) -> PassClaims | None:
    """The claims of a well-formed pass without any check of trust (for logs and server records)."""
    try:
        _, payload, _, _ = _parse(token)
        return _claims(payload)
    except PassRejected:
        return None


def verify_pass(
    token: str | bytes,
    *,
    keys: Mapping[str, nacl.signing.VerifyKey],
    tenant: str,
    site: str,
    now: float,
    is_revoked: Callable[[str], bool] = lambda jti: False,
    is_used: Callable[[str], bool] = lambda jti: False,
    leeway: int = LEEWAY_S,
) -> PassClaims:
    """Run every check in the order DESIGN.md fixes; return the claims or raise PassRejected."""
    header, payload, signature, signing_input = _parse(token)
    _check_header(header)
    kid = header.get("kid")
    if not isinstance(kid, str) or kid not in keys:
        raise PassRejected(VerdictCode.UNKNOWN_KEY, "key id not pinned")
    if len(signature) != 64:
        raise PassRejected(VerdictCode.BAD_SIGNATURE, "signature has the wrong length")
    if not signature_holds(keys[kid], signing_input, signature):
        raise PassRejected(VerdictCode.BAD_SIGNATURE, "signature does not verify")
    claims = _claims(payload)
    if claims.tenant != tenant:
        raise PassRejected(VerdictCode.WRONG_TENANT, "other tenant", claims)
    if claims.site != site:
        raise PassRejected(VerdictCode.WRONG_SITE, "other site", claims)
    if now + leeway < claims.nbf:
        raise PassRejected(VerdictCode.NOT_YET_VALID, "before nbf", claims)
    if now - leeway >= claims.exp:
        raise PassRejected(VerdictCode.EXPIRED, "after exp", claims)
    if is_revoked(claims.jti):
        raise PassRejected(VerdictCode.REVOKED, "revoked", claims)
    if is_used(claims.jti):
        raise PassRejected(VerdictCode.ALREADY_USED, "used at this kiosk", claims)
    return claims
