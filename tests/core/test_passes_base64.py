"""Pass segments must be canonical base64url: other spellings of the same bytes are refused."""

from __future__ import annotations

import nacl.signing
import pytest

from kiosk_app.core.passes import (
    PassClaims,
    PassRejected,
    b64url_decode,
    b64url_encode,
    sign_pass,
    verify_pass,
)
from kiosk_app.core.verdicts import VerdictCode

NOW = 1_800_000_000
KEY = nacl.signing.SigningKey(bytes(range(32)))
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _token(visit_id: str = "V3kq9Zr2") -> str:
    claims = PassClaims("ab12", "cd34", visit_id, "j" * 22, NOW - 600, NOW + 6600)
    return sign_pass(claims, KEY, "p1")


def _verify(token: str) -> PassClaims:
    return verify_pass(token, keys={"p1": KEY.verify_key}, tenant="ab12", site="cd34", now=NOW)


def respellings(segment: str) -> list[str]:
    """Every other text whose lenient decoding gives the same bytes (unused bits set)."""
    unused_bits = {0: 0, 2: 4, 3: 2}[len(segment) % 4]
    last = ALPHABET.index(segment[-1])
    return [
        segment[:-1] + ALPHABET[last | extra]
        for extra in range(1, 2**unused_bits)
        if last & extra == 0
    ]


def test_a_signature_has_fifteen_other_spellings_and_all_are_refused() -> None:
    token = _token()
    head, payload, signature = token.split(".")
    others = respellings(signature)
    assert len(others) == 15
    assert _verify(token).visit_id == "V3kq9Zr2"
    for other in others:
        with pytest.raises(PassRejected) as info:
            _verify(f"{head}.{payload}.{other}")
        assert info.value.code == VerdictCode.MALFORMED


@pytest.mark.parametrize("visit_id", ["V3kq9Zr2", "V3kq9Zr2x", "V3kq9Zr2xy"])
def test_header_and_payload_respellings_are_refused(visit_id: str) -> None:
    head, payload, signature = _token(visit_id).split(".")
    others = [f"{h}.{payload}.{signature}" for h in respellings(head)]
    others += [f"{head}.{p}.{signature}" for p in respellings(payload)]
    assert others, "at least one of the three lengths leaves unused bits"
    for other in others:
        with pytest.raises(PassRejected) as info:
            _verify(other)
        assert info.value.code == VerdictCode.MALFORMED


@pytest.mark.parametrize("size", range(1, 7))
def test_decode_accepts_exactly_the_canonical_text(size: int) -> None:
    data = bytes(range(200, 200 + size))
    text = b64url_encode(data)
    assert b64url_decode(text) == data
    for other in respellings(text):
        with pytest.raises(ValueError, match="canonical"):
            b64url_decode(other)
